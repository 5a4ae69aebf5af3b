// GNU parallel job lists per stage.
#include "sweep/sweep_parallel.hpp"

#include <filesystem>

#include "sweep/sweep_manifest.hpp"
#include "sweep/sweep_process.hpp"
#include "util/atomic_file.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace fs = std::filesystem;

std::string parallel_job_list(const SweepGraph& g, Stage s, const BackendOptions& o) {
    std::string list;
    for (const SweepTask* t : g.stage(s)) {
        std::string line;
        for (const auto& a : task_argv(o, g.work_dir, t->id)) { if (!line.empty()) line += " "; line += shell_quote(a); }
        list += line + "\n";
    }
    return list;
}

std::vector<std::string> parallel_argv(const SweepGraph& g, Stage s, const BackendOptions& o) {
    const fs::path dir = fs::path(g.work_dir) / "parallel";
    const std::string stage = stage_name(s);
    std::vector<std::string> a = {"parallel", "--will-cite", "--jobs", std::to_string(std::max(1, o.workers)),
                                  "--joblog", (dir / (stage + ".joblog")).string(), "--resume-failed"};
    if (!o.sshloginfile.empty()) a.insert(a.end(), {"--sshloginfile", fs::absolute(o.sshloginfile).string()});
    a.insert(a.end(), {"--arg-file", (dir / (stage + ".jobs")).string()});
    return a;
}

BackendReport run_parallel(const SweepGraph& g, const BackendOptions& o) {
    BackendReport rep;
    const Manifest m(g.work_dir);
    const fs::path dir = fs::path(g.work_dir) / "parallel";
    fs::create_directories(dir);
    for (int si = 0; si < kStageCount; ++si) {
        const Stage s = Stage(si);
        const auto tasks = g.stage(s);
        if (tasks.empty()) continue;
        int pending = 0;
        for (const SweepTask* t : tasks) pending += m.is_done(*t) ? 0 : 1;
        rep.skipped += int(tasks.size()) - pending;
        if (pending == 0) {
            std::fprintf(o.out, "stage %s: all %zu tasks finished before\n", stage_name(s), tasks.size());
            continue;
        }
        const std::string jobs_path = (dir / (std::string(stage_name(s)) + ".jobs")).string();
        const std::string joblog = (dir / (std::string(stage_name(s)) + ".joblog")).string();
        const std::string list = parallel_job_list(g, s, o);
        const auto argv = parallel_argv(g, s, o);
        if (o.dry_run) {
            std::string cmd;
            for (const auto& a : argv) { if (!cmd.empty()) cmd += " "; cmd += shell_quote(a); }
            std::fprintf(o.out, "==> %s\n%s==> %s\n", jobs_path.c_str(), list.c_str(), cmd.c_str());
            continue;
        }
        // --resume matches jobs by their line number: a changed list starts a new job log.
        std::string old;
        if (fs::is_regular_file(jobs_path)) {
            const auto b = read_file_bounded(jobs_path, 256u << 20);
            old.assign(b.begin(), b.end());
        }
        if (old != list && fs::exists(joblog)) fs::rename(joblog, joblog + ".old");
        write_file_atomic(jobs_path, list);
        std::fprintf(o.out, "stage %s: %d of %zu tasks with GNU parallel (--jobs %d)\n", stage_name(s), pending, tasks.size(),
                     std::max(1, o.workers));
        std::fflush(o.out);
        std::fflush(o.out);
        const int rc = run_foreground(argv);
        if (rc == 127 || rc == 255) throw Error("GNU parallel could not run (exit status " + std::to_string(rc) + "): is it installed?");
        int failed = 0;
        for (const SweepTask* t : tasks)
            if (!m.is_done(*t)) ++failed;
        rep.done += pending - failed;
        if (failed) break;
    }
    if (!o.dry_run) {
        const int skipped = rep.skipped, done = rep.done;
        report_from_manifest(g, rep);
        rep.skipped = skipped;
        rep.done = done;
    }
    return rep;
}

}  // namespace topdown
