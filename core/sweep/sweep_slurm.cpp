// Slurm job arrays per stage.
#include "sweep/sweep_slurm.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <thread>

#include "sweep/sweep_process.hpp"
#include "util/atomic_file.hpp"
#include "util/checksum.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace fs = std::filesystem;

SlurmRequest slurm_request(const SweepGraph& g, Stage s, const Manifest& m, int threads) {
    SlurmRequest r;
    r.cpus = std::max(1, threads);
    double secs = 0, bytes = 0;
    for (const SweepTask* t : g.stage(s)) {
        if (m.is_done(*t)) {
            const auto e = m.read(t->id);
            if (e && t->est_seconds > 0 && t->est_bytes > 0) {
                r.time_factor = std::max(r.time_factor, e->wall_seconds / t->est_seconds);
                r.mem_factor = std::max(r.mem_factor, double(e->max_rss_kb) * 1024.0 / double(t->est_bytes));
                ++r.measured;
            }
            continue;
        }
        r.indices.push_back(t->index);
        secs = std::max(secs, t->est_seconds);
        bytes = std::max(bytes, double(t->est_bytes));
    }
    if (r.measured == 0) r.time_factor = r.mem_factor = 1;
    const double mb = std::ceil(bytes * r.mem_factor * 1.5 / double(1 << 20) / 64.0) * 64.0;
    r.mem_mb = std::uint64_t(std::max(256.0, mb));
    r.minutes = std::max(5, int(std::ceil((secs * r.time_factor * 3 + 120) / 60.0)));
    return r;
}

std::string slurm_array_spec(const std::vector<int>& idx, int throttle) {
    std::string s;
    for (std::size_t i = 0; i < idx.size();) {
        std::size_t j = i;
        while (j + 1 < idx.size() && idx[j + 1] == idx[j] + 1) ++j;
        if (!s.empty()) s += ",";
        s += std::to_string(idx[i]);
        if (j > i) {
            s += '-';
            s += std::to_string(idx[j]);
        }
        i = j + 1;
    }
    if (throttle > 0) {
        s += '%';
        s += std::to_string(throttle);
    }
    return s;
}

std::string slurm_time(int minutes) {
    char b[32];
    std::snprintf(b, sizeof b, "%d-%02d:%02d:00", minutes / 1440, (minutes / 60) % 24, minutes % 60);
    return b;
}

std::string slurm_job_prefix(const std::string& sweep_name, const std::string& work_dir) {
    Sha256 h;
    h.update(work_dir.data(), work_dir.size());
    return "td-" + sweep_name + "-" + h.hex_digest().substr(0, 8) + "-";
}

std::string slurm_script(const SweepGraph& g, Stage s, const SlurmRequest& r, const BackendOptions& o,
                         const std::string& sweep_name) {
    const std::string stage = stage_name(s);
    const std::string logs = (fs::path(g.work_dir) / "logs").string();
    std::string x = "#!/bin/bash\n";
    x += "# TopDown sweep '" + sweep_name + "', stage " + stage + ": " + std::to_string(r.indices.size()) + " of " +
         std::to_string(g.stage(s).size()) + " tasks (finished ones are left out of the array).\n";
    char b[200];
    if (r.measured)
        std::snprintf(b, sizeof b, "# Requests: estimates x measured/estimated of %d finished tasks (time x%.2f, memory x%.2f), with head room.\n",
                      r.measured, r.time_factor, r.mem_factor);
    else
        std::snprintf(b, sizeof b, "# Requests: estimates from the measured costs in README (Performance), with head room.\n");
    x += b;
    x += "#SBATCH --job-name=" + slurm_job_prefix(sweep_name, g.work_dir) + stage + "\n";
    x += "#SBATCH --array=" + slurm_array_spec(r.indices, o.throttle) + "\n";
    x += "#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=" + std::to_string(r.cpus) + "\n";
    x += "#SBATCH --mem=" + std::to_string(r.mem_mb) + "M\n";
    x += "#SBATCH --time=" + slurm_time(r.minutes) + "\n";
    x += "#SBATCH --output=" + logs + "/slurm-" + stage + "-%A_%a.out\n";
    x += "#SBATCH --kill-on-invalid-dep=yes\n";
    if (!o.partition.empty()) x += "#SBATCH --partition=" + o.partition + "\n";
    x += "export OMP_NUM_THREADS=" + std::to_string(r.cpus) + "\n";
    x += "exec " + shell_quote(o.cli) + " sweep task " + shell_quote(o.plan_snapshot) + " --work " + shell_quote(g.work_dir) +
         " --stage " + stage + " --index \"$SLURM_ARRAY_TASK_ID\"\n";
    return x;
}

namespace {

// Never submit a task twice: refuses while jobs of this sweep (same name and work folder) are queued or running.
void refuse_if_queued(const std::string& sweep_name, const std::string& work_dir) {
    std::string out;
    const std::string prefix = slurm_job_prefix(sweep_name, work_dir);
    if (capture_process({"squeue", "-h", "--me", "-o", "%A %j"}, &out) == 0) {
        std::string ids;
        std::size_t pos = 0;
        while (pos < out.size()) {
            const auto end = out.find('\n', pos);
            const std::string line = out.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
            pos = end == std::string::npos ? out.size() : end + 1;
            const auto sp = line.find(' ');
            const std::string id = line.substr(0, sp);
            if (sp != std::string::npos && line.compare(sp + 1, prefix.size(), prefix) == 0 &&
                ("," + ids + ",").find("," + id + ",") == std::string::npos) {
                if (!ids.empty()) ids += ',';
                ids += id;
            }
        }
        if (!ids.empty())
            throw Error("jobs of this sweep are still queued or running (" + ids +
                        "): wait for them (squeue --me) or cancel them (scancel " + ids + ") before submitting again");
    }
}

// Appends the submit.sh lines that submit one stage's script after the stages before it.
void append_submit_line(std::string& submit, const std::string& sn, const std::vector<std::string>& earlier_vars,
                        const std::string& script_path) {
    std::string dep_shell;
    for (const auto& v : earlier_vars) {
        dep_shell += dep_shell.empty() ? "--dependency=afterok:$" : ":$";
        dep_shell += v;
    }
    submit += sn;
    submit += "=$(sbatch --parsable ";
    if (!dep_shell.empty()) {
        submit += dep_shell;
        submit += ' ';
    }
    submit += shell_quote(script_path);
    submit += ")\necho \"";
    submit += sn;
    submit += ": job $";
    submit += sn;
    submit += "\"\n";
}

// Submits one stage's script with sbatch (after the earlier jobs) and returns the job id.
std::string sbatch_stage(Stage s, const std::string& script_path, const std::vector<std::string>& earlier_ids) {
    std::vector<std::string> argv = {"sbatch", "--parsable"};
    if (!earlier_ids.empty()) {
        std::string d = "--dependency=afterok";
        for (const auto& id : earlier_ids) d += ":" + id;
        argv.push_back(d);
    }
    argv.push_back(script_path);
    std::string out;
    const int rc = capture_process(argv, &out);
    while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
    const std::string id = out.substr(0, out.find(';'));
    if (rc != 0 || id.empty() || id.find_first_not_of("0123456789") != std::string::npos)
        throw Error("sbatch failed for stage " + std::string(stage_name(s)) + " (exit status " + std::to_string(rc) +
                    "): " + out + " — is Slurm reachable (sinfo)?");
    return id;
}

// The job ids joined with commas.
std::string join_ids(const std::vector<std::string>& job_ids) {
    std::string s;
    for (const auto& i : job_ids) {
        if (!s.empty()) s += ",";
        s += i;
    }
    return s;
}

// Polls squeue until none of the jobs is queued or running (or squeue fails).
void wait_for_jobs(const std::string& ids) {
    for (;;) {
        std::string out;
        const int rc = capture_process({"squeue", "-h", "-o", "%i", "-j", ids}, &out);
        if (rc != 0 || out.find_first_not_of(" \n") == std::string::npos) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
}

}  // namespace

BackendReport run_slurm(const SweepGraph& g, const BackendOptions& o, const std::string& sweep_name) {
    BackendReport rep;
    const Manifest m(g.work_dir);
    const fs::path dir = fs::path(g.work_dir) / "slurm";
    fs::create_directories(dir);
    fs::create_directories(fs::path(g.work_dir) / "logs");
    std::string submit = "#!/bin/bash\n# Submits the sweep '" + sweep_name + "': one job array per stage, each after the ones before.\nset -e\n";
    std::vector<std::string> earlier_vars;
    std::vector<std::string> earlier_ids;
    if (!o.dry_run) refuse_if_queued(sweep_name, g.work_dir);
    for (int si = 0; si < kStageCount; ++si) {
        const Stage s = Stage(si);
        if (g.stage(s).empty()) continue;
        const SlurmRequest r = slurm_request(g, s, m, o.threads);
        rep.skipped += int(g.stage(s).size() - r.indices.size());
        if (r.indices.empty()) {
            std::fprintf(o.out, "stage %s: all %zu tasks finished before, nothing to submit\n", stage_name(s), g.stage(s).size());
            continue;
        }
        const std::string script_path = (dir / (std::string(stage_name(s)) + ".sbatch")).string();
        const std::string script = slurm_script(g, s, r, o, sweep_name);
        write_file_atomic(script_path, script);
        append_submit_line(submit, stage_name(s), earlier_vars, script_path);
        earlier_vars.push_back(stage_name(s));
        if (o.dry_run) {
            std::fprintf(o.out, "==> %s\n%s\n", script_path.c_str(), script.c_str());
            continue;
        }
        const std::string id = sbatch_stage(s, script_path, earlier_ids);
        earlier_ids.push_back(id);
        rep.job_ids.push_back(id);
        std::fprintf(o.out, "stage %s: submitted job array %s (%zu tasks, --array=%s, %llu MiB, %s each)\n", stage_name(s),
                     id.c_str(), r.indices.size(), slurm_array_spec(r.indices, o.throttle).c_str(),
                     static_cast<unsigned long long>(r.mem_mb), slurm_time(r.minutes).c_str());
        std::fflush(o.out);
    }
    write_file_atomic((dir / "submit.sh").string(), submit);
    fs::permissions(dir / "submit.sh", fs::perms::owner_exec | fs::perms::group_exec | fs::perms::others_exec,
                    fs::perm_options::add);
    if (o.dry_run) {
        std::fprintf(o.out, "==> %s (what `sweep run --backend slurm` runs)\n%s", (dir / "submit.sh").string().c_str(), submit.c_str());
        return rep;
    }
    if (!o.wait || rep.job_ids.empty()) {
        if (!rep.job_ids.empty())
            std::fprintf(o.out, "follow with `squeue -j %s`; resubmitting skips finished tasks\n", join_ids(rep.job_ids).c_str());
        return rep;
    }
    wait_for_jobs(join_ids(rep.job_ids));
    report_from_manifest(g, rep);
    rep.done = int(g.tasks.size()) - rep.skipped - int(rep.failed.size() + rep.not_run.size());
    return rep;
}

}  // namespace topdown
