// Shared helpers of the sweep backends.
#include "sweep/sweep_backend.hpp"

#include "sweep/sweep_manifest.hpp"

namespace topdown {

std::vector<std::string> task_argv(const BackendOptions& o, const std::string& work_dir, const std::string& id) {
    return {o.cli, "sweep", "task", o.plan_snapshot, "--work", work_dir, "--id", id};
}

void report_from_manifest(const SweepGraph& g, BackendReport& r) {
    const Manifest m(g.work_dir);
    r.failed.clear();
    r.not_run.clear();
    for (const auto& t : g.tasks) {
        if (m.is_done(t)) continue;
        const auto e = m.read(t.id);
        (e && e->status == "failed" ? r.failed : r.not_run).push_back(t.id);
    }
}

}  // namespace topdown
