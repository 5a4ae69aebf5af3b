// Manifest entries: one JSON file per task.
#include "sweep/sweep_manifest.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>

#include "util/atomic_file.hpp"
#include "util/checksum.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace fs = std::filesystem;

std::string task_command(const SweepTask& task) {
    std::string s = task.id == "collect" ? "collect" : "";
    for (const auto& a : task.args) { if (!s.empty()) s += " "; s += a; }
    return s;
}

Manifest::Manifest(std::string work_dir) : dir_((fs::path(work_dir) / "manifest").string()) {}

std::string Manifest::entry_path(const std::string& id) const {
    std::string name;
    for (char c : id) name += c == '/' ? std::string("__") : std::string(1, c);
    return (fs::path(dir_) / (name + ".json")).string();
}

std::optional<ManifestEntry> Manifest::read(const std::string& id) const {
    const std::string path = entry_path(id);
    if (!fs::is_regular_file(path)) return std::nullopt;
    try {
        const auto bytes = read_file_bounded(path, 64u << 20);
        const auto j = nlohmann::json::parse(bytes.begin(), bytes.end());
        ManifestEntry e;
        e.id = j.at("id").get<std::string>();
        e.status = j.at("status").get<std::string>();
        e.command = j.at("command").get<std::string>();
        e.inputs = j.at("inputs").get<std::map<std::string, std::string>>();
        e.outputs = j.at("outputs").get<std::map<std::string, std::string>>();
        e.wall_seconds = j.value("wall_seconds", 0.0);
        e.max_rss_kb = j.value("max_rss_kb", 0L);
        e.attempts = j.value("attempts", 0);
        e.error = j.value("error", std::string());
        e.finished = j.value("finished", std::string());
        if (e.id != id) return std::nullopt;
        return e;
    } catch (const std::exception&) {
        return std::nullopt;  // a damaged entry: the task simply runs again
    }
}

void Manifest::write(const ManifestEntry& e) const {
    fs::create_directories(dir_);
    const nlohmann::json j = {{"id", e.id},       {"status", e.status},           {"command", e.command},
                              {"inputs", e.inputs}, {"outputs", e.outputs},       {"wall_seconds", e.wall_seconds},
                              {"max_rss_kb", e.max_rss_kb}, {"attempts", e.attempts}, {"error", e.error},
                              {"finished", e.finished}};
    write_file_atomic(entry_path(e.id), j.dump(1));
}

bool Manifest::is_done(const SweepTask& task, std::string* why) const {
    auto no = [&](const std::string& reason) {
        if (why) *why = reason;
        return false;
    };
    const auto e = read(task.id);
    if (!e) return no("never finished");
    if (e->status != "done") return no("failed: " + e->error);
    if (e->command != task_command(task)) return no("its command changed");
    for (const auto& files : {&task.inputs, &task.outputs}) {
        const auto& recorded = files == &task.inputs ? e->inputs : e->outputs;
        for (const auto& f : *files) {
            const auto it = recorded.find(f);
            if (it == recorded.end()) return no(f + " is not in its manifest entry");
            if (!fs::is_regular_file(f)) return no(f + " is missing");
            std::string sha;
            try {
                sha = sha256_file(f);
            } catch (const IoError&) {
                return no(f + " cannot be read");
            }
            if (sha != it->second) return no(f + " changed since the task finished (SHA-256 differs)");
        }
    }
    return true;
}

ManifestEntry Manifest::done_entry(const SweepTask& task, double wall_seconds, long max_rss_kb, int attempts) const {
    ManifestEntry e;
    e.id = task.id;
    e.status = "done";
    e.command = task_command(task);
    for (const auto& f : task.inputs) e.inputs[f] = sha256_file(f);
    for (const auto& f : task.outputs) {
        if (!fs::is_regular_file(f)) throw IoError("task " + task.id + " finished but did not write " + f);
        e.outputs[f] = sha256_file(f);
    }
    e.wall_seconds = wall_seconds;
    e.max_rss_kb = max_rss_kb;
    e.attempts = attempts;
    e.finished = iso8601_now();
    return e;
}

}  // namespace topdown
