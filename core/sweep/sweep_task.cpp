// One task: skip, check dependencies, run with retries, record.
#include "sweep/sweep_task.hpp"

#include <sys/resource.h>

#include <chrono>
#include <filesystem>

#include "sweep/sweep_collect.hpp"
#include "sweep/sweep_process.hpp"
#include "util/clock.hpp"

namespace topdown {

namespace fs = std::filesystem;

std::string task_log_path(const std::string& work_dir, const std::string& id) {
    std::string name;
    for (char c : id) name += c == '/' ? std::string("__") : std::string(1, c);
    return (fs::path(work_dir) / "logs" / (name + ".log")).string();
}

namespace {

// Records the task as failed in the manifest and returns the failed result.
TaskRunResult record_failure(const Manifest& manifest, const SweepTask& task, const std::string& error, int attempts, double wall,
                             long rss) {
    ManifestEntry e;
    e.id = task.id;
    e.status = "failed";
    e.command = task_command(task);
    e.error = error;
    e.attempts = attempts;
    e.wall_seconds = wall;
    e.max_rss_kb = rss;
    e.finished = iso8601_now();
    manifest.write(e);
    TaskRunResult r;
    r.ok = false;
    r.message = task.id + ": FAILED: " + error;
    return r;
}

// One attempt of the collect stage, in this process; sets last_error (empty on success), wall time and peak RSS.
void attempt_collect(const SweepPlan& plan, const SweepGraph& g, std::string& last_error, double& wall, long& rss) {
    const auto t0 = std::chrono::steady_clock::now();
    try {
        collect_sweep(plan, g);
        last_error.clear();
    } catch (const std::exception& e) {
        last_error = e.what();
    }
    wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    struct rusage ru {};
    ::getrusage(RUSAGE_SELF, &ru);
    rss = ru.ru_maxrss;
}

// One attempt of a CLI task in a child process; updates last_error, wall time and peak RSS.
// Returns true when the child was interrupted (Ctrl-C or SIGTERM), which is not retried.
bool attempt_process(const SweepTask& task, const std::string& cli, const std::string& log, std::string& last_error, double& wall,
                     long& rss) {
    std::vector<std::string> argv = {cli};
    argv.insert(argv.end(), task.args.begin(), task.args.end());
    ProcessEnd e;
    try {
        e = run_process(argv, log);
    } catch (const std::exception& ex) {
        e.exit_code = -1;
        last_error = ex.what();
    }
    wall = e.wall_seconds;
    rss = e.max_rss_kb;
    if (e.exit_code == 0) {
        last_error.clear();
    } else if (e.exit_code > 0) {
        last_error = "exit status " + std::to_string(e.exit_code) + " (log: " + log + ")";
        if (e.exit_code == 130 || e.exit_code == 128 + 15) {  // Ctrl-C or SIGTERM (scancel): no retry
            last_error += ", interrupted";
            return true;
        }
    }
    return false;
}

}  // namespace

TaskRunResult run_sweep_task(const SweepPlan& plan, const SweepGraph& g, const SweepTask& task, const std::string& cli) {
    const Manifest manifest(g.work_dir);
    TaskRunResult r;
    if (manifest.is_done(task)) {
        r.ok = r.skipped = true;
        r.message = task.id + ": finished before (outputs match their SHA-256), skipped";
        return r;
    }
    for (const auto& d : task.deps) {
        const SweepTask* dt = g.find(d);
        std::string why;
        if (!dt || !manifest.is_done(*dt, &why))
            return record_failure(manifest, task, "needs " + d + ", which is not finished (" + why + ")", 0, 0, 0);
    }
    const std::string log = task_log_path(g.work_dir, task.id);
    for (const auto& o : task.outputs) fs::create_directories(fs::path(o).parent_path());
    std::string last_error;
    double wall = 0;
    long rss = 0;
    const int attempts = 1 + plan.retries;
    for (int a = 1; a <= attempts; ++a) {
        if (task.stage == Stage::Collect) {
            attempt_collect(plan, g, last_error, wall, rss);
        } else if (attempt_process(task, cli, log, last_error, wall, rss)) {
            return record_failure(manifest, task, last_error, a, wall, rss);
        }
        if (last_error.empty()) {
            try {
                manifest.write(manifest.done_entry(task, wall, rss, a));
                r.ok = true;
                char b[64];
                std::snprintf(b, sizeof b, " in %.1f s, peak %.0f MiB", wall, double(rss) / 1024.0);
                r.message = task.id + ": done" + b + (a > 1 ? " (attempt " + std::to_string(a) + ")" : "");
                return r;
            } catch (const IoError& e) {
                last_error = e.what();
            }
        }
    }
    return record_failure(manifest, task, last_error + (attempts > 1 ? " after " + std::to_string(attempts) + " attempts" : ""),
                          attempts, wall, rss);
}

}  // namespace topdown
