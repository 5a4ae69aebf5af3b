// topdown-cli sweep plan|run|task|collect: trainings x studies x seeds from a plan file, run here (N worker
// processes), through GNU parallel or as Slurm job arrays; every task idempotent (core/sweep).
#include <filesystem>
#include <thread>

#include "commands.hpp"
#include "sweep/sweep_backend.hpp"
#include "figure_options.hpp"
#include "sweep/sweep_collect.hpp"
#include "sweep/sweep_graph.hpp"
#include "sweep/sweep_local.hpp"
#include "sweep/sweep_manifest.hpp"
#include "sweep/sweep_parallel.hpp"
#include "sweep/sweep_process.hpp"
#include "sweep/sweep_slurm.hpp"
#include "sweep/sweep_task.hpp"
#include "util/atomic_file.hpp"
#include "util/errors.hpp"

namespace topdown::cli {

namespace {
namespace fs = std::filesystem;

struct SweepArgs {
    std::string plan, work, backend = "local", sshloginfile, partition, id, stage;
    int workers = 0, throttle = -1, retries = -1, index = -1;
    bool dry_run = false, wait = false;
    FigureArgs figures;  // sweep collect
};

struct Loaded {
    SweepPlan plan;
    SweepGraph graph;
};

Loaded load(const SweepArgs& a) {
    Loaded l;
    l.plan = load_plan(a.plan);
    if (!a.work.empty()) l.plan.work_dir = fs::absolute(a.work).lexically_normal().string();
    if (a.throttle >= 0) l.plan.throttle = a.throttle;
    if (a.retries >= 0) l.plan.retries = a.retries;
    if (!a.partition.empty()) l.plan.partition = a.partition;
    l.graph = build_graph(l.plan, l.plan.work_dir);
    return l;
}

std::string mib(std::uint64_t bytes) { return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MiB"; }

void print_plan(const SweepArgs& a) {
    const Loaded l = load(a);
    const Manifest m(l.graph.work_dir);
    std::printf("sweep '%s': %zu tasks, work folder %s\n", l.plan.name.c_str(), l.graph.tasks.size(), l.graph.work_dir.c_str());
    for (int si = 0; si < kStageCount; ++si) {
        const auto tasks = l.graph.stage(Stage(si));
        if (tasks.empty()) continue;
        int done = 0;
        for (const auto* t : tasks) done += m.is_done(*t) ? 1 : 0;
        const SlurmRequest r = slurm_request(l.graph, Stage(si), m, l.plan.threads);
        std::printf("\nstage %s: %zu tasks, %d finished (Slurm request per task: %d cpus, %llu MiB, %s)\n", stage_name(Stage(si)),
                    tasks.size(), done, r.cpus, static_cast<unsigned long long>(r.mem_mb), slurm_time(r.minutes).c_str());
        for (const auto* t : tasks) {
            std::string why;
            const bool ok = m.is_done(*t, &why);
            std::printf("  [%d] %-8s %s  (~%.0f s, ~%s)%s\n", t->index, ok ? "done" : "pending", t->id.c_str(), t->est_seconds,
                        mib(t->est_bytes).c_str(), ok || why == "never finished" ? "" : ("  <- " + why).c_str());
            if (!t->deps.empty()) {
                std::string d;
                for (const auto& x : t->deps) { if (!d.empty()) d += ", "; d += x; }
                std::printf("        after %s\n", d.c_str());
            }
        }
    }
}

void write_snapshot(const Loaded& l, const std::string& path) {
    fs::create_directories(l.graph.work_dir);
    const std::string text = plan_to_json(l.plan).dump(1) + "\n";
    write_file_atomic(path, text);
}

void run_sweep(const SweepArgs& a) {
    const Loaded l = load(a);
    BackendOptions o;
    o.cli = self_executable();
    o.plan_snapshot = (fs::path(l.graph.work_dir) / "plan.json").string();
    o.threads = l.plan.threads;
    const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
    o.workers = a.workers > 0 ? a.workers : std::max(1, cores / std::max(1, l.plan.threads));
    o.throttle = l.plan.throttle;
    o.partition = l.plan.partition;
    o.sshloginfile = a.sshloginfile;
    o.dry_run = a.dry_run;
    o.wait = a.wait;
    o.interrupt = &interrupt_task();
    if (!o.sshloginfile.empty() && a.backend != "parallel") throw ArgumentError("--sshloginfile is for --backend parallel");
    if (!o.sshloginfile.empty() && !fs::is_regular_file(o.sshloginfile))
        throw ArgumentError("--sshloginfile: no such file: " + o.sshloginfile);
    write_snapshot(l, o.plan_snapshot);
    std::printf("sweep '%s': %zu tasks (backend %s%s), work folder %s\n", l.plan.name.c_str(), l.graph.tasks.size(),
                a.backend.c_str(), a.dry_run ? ", dry run" : "", l.graph.work_dir.c_str());
    std::fflush(stdout);
    BackendReport r;
    if (a.backend == "local") r = run_local(l.graph, o);
    else if (a.backend == "parallel") r = run_parallel(l.graph, o);
    else r = run_slurm(l.graph, o, l.plan.name);
    if (a.dry_run) return;
    if (interrupt_task().cancel_requested.load()) throw CancelledError("sweep interrupted; run the same command to go on");
    if (a.backend == "slurm" && !a.wait) {
        std::printf("%zu job arrays submitted, %d tasks finished before\n", r.job_ids.size(), r.skipped);
        return;
    }
    std::printf("%d tasks done, %d finished before (skipped), %zu failed, %zu not run\n", r.done, r.skipped, r.failed.size(),
                r.not_run.size());
    if (!r.failed.empty() || !r.not_run.empty()) {
        std::string msg = std::to_string(r.failed.size()) + " tasks failed:";
        for (const auto& id : r.failed) {
            const auto e = Manifest(l.graph.work_dir).read(id);
            msg += "\n  " + id + (e ? ": " + e->error : "");
        }
        if (!r.not_run.empty()) {
            msg += "\n" + std::to_string(r.not_run.size()) + " tasks not run (they need a failed task):";
            for (const auto& id : r.not_run) msg += "\n  " + id;
        }
        msg += "\nrun the same command again to retry them (finished tasks are skipped)";
        throw Error(msg);
    }
    const auto outs = collect_outputs(l.graph.work_dir);
    if (fs::is_regular_file(outs[1])) std::printf("collected: %s, %s, %s\n", outs[0].c_str(), outs[1].c_str(), outs[2].c_str());
}

void run_task(const SweepArgs& a) {
    const Loaded l = load(a);
    const SweepTask* t = nullptr;
    if (!a.id.empty()) {
        t = l.graph.find(a.id);
        if (!t) throw ArgumentError("no task '" + a.id + "' in this sweep (see `topdown-cli sweep plan`)");
    } else {
        if (a.stage.empty() || a.index < 0) throw ArgumentError("give --id ID, or --stage S and --index I");
        const auto tasks = l.graph.stage(parse_stage(a.stage));
        if (a.index >= int(tasks.size()))
            throw ArgumentError("stage " + a.stage + " has " + std::to_string(tasks.size()) + " tasks; no index " + std::to_string(a.index));
        t = tasks[std::size_t(a.index)];
    }
    const TaskRunResult r = run_sweep_task(l.plan, l.graph, *t, self_executable());
    std::printf("%s\n", r.message.c_str());
    if (!r.ok) throw Error("task " + t->id + " failed");
}

void run_collect(const SweepArgs& a) {
    const Loaded l = load(a);
    collect_sweep(l.plan, l.graph, a.figures.options());
    const auto outs = collect_outputs(l.graph.work_dir);
    const auto md = read_file_bounded(outs[1], 64u << 20);
    std::fwrite(md.data(), 1, md.size(), stdout);
    std::printf("\nwrote %s, %s and the figure (%s, with figure.csv) in %s\n", outs[0].c_str(), outs[1].c_str(),
                a.figures.formats.c_str(), std::filesystem::path(outs[2]).parent_path().c_str());
}
}  // namespace

void register_sweep_command(CLI::App& app) {
    static SweepArgs a;
    auto* sweep = app.add_subcommand("sweep", "Sweeps of trainings x studies x seeds: here, with GNU parallel or on Slurm");
    sweep->require_subcommand(1);
    auto common = [](CLI::App* c) {
        c->add_option("plan", a.plan, std::string("Plan file (.json") + (plan_toml_supported() ? " or .toml)" : ")"))->required();
        c->add_option("--work", a.work, "Work folder (default: the plan's work_dir)");
    };
    auto* plan = sweep->add_subcommand("plan", "Print the job graph: stages, tasks, dependencies, estimates, what is finished");
    common(plan);
    plan->callback([] { print_plan(a); });

    auto* run = sweep->add_subcommand("run", "Run (or submit) every unfinished task");
    common(run);
    run->add_option("--backend", a.backend, "local, parallel (GNU parallel) or slurm")
        ->check(CLI::IsMember({"local", "parallel", "slurm"}))->capture_default_str();
    run->add_option("--workers", a.workers, "Tasks at once (local, parallel; default: cores / threads)")->check(CLI::Range(1, 4096));
    run->add_option("--throttle", a.throttle, "Slurm: at most N array tasks at once (overrides the plan)")->check(CLI::Range(0, 100000));
    run->add_option("--partition", a.partition, "Slurm partition (overrides the plan)");
    run->add_option("--retries", a.retries, "Extra attempts of a failed task (overrides the plan)")->check(CLI::Range(0, 10));
    run->add_option("--sshloginfile", a.sshloginfile, "GNU parallel: run on the SSH hosts of this file");
    run->add_flag("--dry-run", a.dry_run, "Print the job list / sbatch scripts, run and submit nothing");
    run->add_flag("--wait", a.wait, "Slurm: wait until the submitted jobs have finished, then report");
    run->callback([] { run_sweep(a); });

    auto* task = sweep->add_subcommand("task", "Run one task of a sweep (what every backend runs)");
    common(task);
    task->add_option("--id", a.id, "Task id");
    task->add_option("--stage", a.stage, "Stage (train, study, merge, collect), with --index");
    task->add_option("--index", a.index, "Index within the stage (Slurm: $SLURM_ARRAY_TASK_ID)")->check(CLI::Range(0, 100000000));
    task->callback([] { run_task(a); });

    auto* collect = sweep->add_subcommand("collect", "Gather every finished run into one table (CSV, Markdown, figure)");
    common(collect);
    add_figure_options(collect, a.figures);
    collect->callback([] { run_collect(a); });
}

}  // namespace topdown::cli
