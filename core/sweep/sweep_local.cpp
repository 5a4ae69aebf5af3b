// Local backend: a ready list and N child processes.
#include "sweep/sweep_local.hpp"

#include <map>
#include <set>

#include "sweep/sweep_manifest.hpp"
#include "sweep/sweep_process.hpp"
#include "sweep/sweep_task.hpp"

namespace topdown {

BackendReport run_local(const SweepGraph& g, const BackendOptions& o) {
    BackendReport r;
    const Manifest m(g.work_dir);
    enum class St { Pending, Running, Ok, Failed, Blocked };
    std::map<std::string, St> st;
    for (const auto& t : g.tasks) {
        if (m.is_done(t)) {
            st[t.id] = St::Ok;
            ++r.skipped;
        } else {
            st[t.id] = St::Pending;
        }
    }
    if (r.skipped) std::fprintf(o.out, "%d tasks finished before (outputs match their SHA-256): skipped\n", r.skipped);
    std::map<pid_t, const SweepTask*> running;
    const int workers = std::max(1, o.workers);
    for (;;) {
        // Block tasks whose dependencies failed; start ready ones.
        bool changed = true;
        while (changed) {
            changed = false;
            for (const auto& t : g.tasks) {
                if (st[t.id] != St::Pending) continue;
                for (const auto& d : t.deps)
                    if (st[d] == St::Failed || st[d] == St::Blocked) {
                        st[t.id] = St::Blocked;
                        changed = true;
                        break;
                    }
            }
        }
        const bool interrupted = o.interrupt && o.interrupt->cancel_requested.load();
        for (const auto& t : g.tasks) {
            if (interrupted || int(running.size()) >= workers) break;
            if (st[t.id] != St::Pending) continue;
            bool ready = true;
            for (const auto& d : t.deps) ready = ready && st[d] == St::Ok;
            if (!ready) continue;
            if (o.dry_run) {
                std::string line;
                for (const auto& a : task_argv(o, g.work_dir, t.id)) { if (!line.empty()) line += " "; line += shell_quote(a); }
                std::fprintf(o.out, "%s\n", line.c_str());
                st[t.id] = St::Ok;
                continue;
            }
            const pid_t pid = start_process(task_argv(o, g.work_dir, t.id), task_log_path(g.work_dir, t.id));
            running[pid] = &t;
            st[t.id] = St::Running;
            std::fprintf(o.out, "started %s\n", t.id.c_str());
            std::fflush(o.out);
        }
        if (running.empty()) break;
        const ProcessEnd e = wait_process(-1);
        const auto it = running.find(e.pid);
        if (it == running.end()) continue;
        const SweepTask& t = *it->second;
        running.erase(it);
        const auto entry = m.read(t.id);
        if (e.exit_code == 0 && m.is_done(t)) {
            st[t.id] = St::Ok;
            ++r.done;
            std::fprintf(o.out, "done    %s (%.1f s, peak %.0f MiB)\n", t.id.c_str(), entry ? entry->wall_seconds : 0.0,
                         entry ? double(entry->max_rss_kb) / 1024 : 0.0);
        } else {
            st[t.id] = St::Failed;
            r.failed.push_back(t.id);
            std::fprintf(o.out, "FAILED  %s: %s\n", t.id.c_str(),
                         entry && entry->status == "failed" ? entry->error.c_str()
                                                            : ("exit status " + std::to_string(e.exit_code) + ", log " +
                                                               task_log_path(g.work_dir, t.id)).c_str());
        }
        std::fflush(o.out);
    }
    for (const auto& t : g.tasks)
        if (st[t.id] == St::Blocked || st[t.id] == St::Pending) r.not_run.push_back(t.id);
    return r;
}

}  // namespace topdown
