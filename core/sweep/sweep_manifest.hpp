// The manifest of a sweep: one JSON entry per task under <work>/manifest/, written atomically when the task
// ends (one file per task, so concurrent tasks on many nodes never write the same file). A task counts as
// finished only while its command is unchanged and the SHA-256 of every input and output still matches:
// finished tasks are skipped on resubmission, anything else runs again.
#pragma once
#include <map>
#include <optional>
#include <string>

#include "sweep/sweep_graph.hpp"

namespace topdown {

struct ManifestEntry {
    std::string id;
    std::string status;                          // "done" or "failed"
    std::string command;                         // the task's arguments joined by spaces
    std::map<std::string, std::string> inputs;   // file -> SHA-256
    std::map<std::string, std::string> outputs;  // file -> SHA-256
    double wall_seconds = 0;                     // of the last attempt
    long max_rss_kb = 0;                         // peak resident memory of the last attempt
    int attempts = 0;
    std::string error;                           // why it failed (failed entries)
    std::string finished;                        // ISO 8601 time
};

class Manifest {
public:
    // The manifest of the sweep whose work folder is `work_dir`.
    explicit Manifest(std::string work_dir);
    // The entry of task `id`, if one was written (an unreadable entry counts as none).
    std::optional<ManifestEntry> read(const std::string& id) const;
    // Writes (replaces) an entry atomically. Throws IoError.
    void write(const ManifestEntry& e) const;
    // Whether `task` is finished: a "done" entry with the same command and every input and output present with
    // the recorded SHA-256. `why` receives the reason when it is not.
    bool is_done(const SweepTask& task, std::string* why = nullptr) const;
    // A "done" entry for `task` with the current SHA-256 of its inputs and outputs. Throws IoError when an
    // output is missing.
    ManifestEntry done_entry(const SweepTask& task, double wall_seconds, long max_rss_kb, int attempts) const;
    // The file holding task `id`'s entry.
    std::string entry_path(const std::string& id) const;

private:
    std::string dir_;
};

// The command text recorded for a task (its arguments joined by single spaces).
std::string task_command(const SweepTask& task);

}  // namespace topdown
