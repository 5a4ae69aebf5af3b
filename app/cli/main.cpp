// topdown-cli: the command-line front end over topdown_core.
//
// The command runs as a Task (core/util/task.hpp) on its own thread; the main thread only waits for the
// task to end and for Ctrl-C. SIGINT is blocked in every thread (the command's threads inherit the mask) and
// taken synchronously by the main thread with sigwaitinfo, so no signal handler runs at all: the first
// Ctrl-C cancels the task (it stops at its next check point), the second leaves at once.
#include <pthread.h>
#include <signal.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "commands.hpp"
#include "util/errors.hpp"

namespace topdown::cli {

namespace {
// The running command's task (set before it starts, never changed while it runs).
Task<NoProgress>* g_command_task = nullptr;
// SIGUSR1 wakes the main thread when the command ends (sent to the main thread only).
constexpr int kEndSignal = SIGUSR1;

// Blocks SIGINT and the end signal in the calling thread (and so in every thread it starts later).
sigset_t block_waited_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, kEndSignal);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    return set;
}

// Waits until the task has ended; Ctrl-C cancels it once, a second Ctrl-C leaves with status 130.
void wait_for_command(Task<NoProgress>& task, const sigset_t& waited) {
    int presses = 0;
    while (task.running()) {
        siginfo_t info;
        const int sig = sigwaitinfo(&waited, &info);
        if (sig != SIGINT) continue;  // the end signal, or EINTR: the loop condition decides
        if (++presses >= 2) std::_Exit(130);
        std::fprintf(stderr, "\nstopping at the next check point (Ctrl-C again to quit at once)...\n");
        task.cancel();
    }
}

// Runs the parsed command on a task, waits for it, and rethrows what it threw.
void run_command(CLI::App& app, int argc, char** argv) {
    const sigset_t waited = block_waited_signals();
    const pthread_t main_thread = pthread_self();
    Task<NoProgress> task;
    g_command_task = &task;
    Task<NoProgress>::Options options;
    options.thread_name = "td-command";
    options.on_end = [main_thread](const Task<NoProgress>&) { pthread_kill(main_thread, kEndSignal); };
    task.start([&app, argc, argv](Task<NoProgress>&) { app.parse(argc, argv); }, NoProgress{}, std::move(options));
    wait_for_command(task, waited);
    task.reap();
    if (const std::exception_ptr e = task.exception()) std::rethrow_exception(e);
}
}  // namespace

TaskState& interrupt_task() { return g_command_task->state(); }

}  // namespace topdown::cli

int main(int argc, char** argv) {
    CLI::App app{"TopDown: top-down generative dynamics of RBMs and iterative DBNs"};
    app.require_subcommand(1);
    topdown::cli::register_data_command(app);
    topdown::cli::register_train_command(app);
    topdown::cli::register_info_command(app);
    topdown::cli::register_finalize_command(app);
    topdown::cli::register_generate_command(app);
    topdown::cli::register_classifier_command(app);
    topdown::cli::register_experiment_command(app);
    topdown::cli::register_pca_command(app);
    topdown::cli::register_replay_command(app);
    topdown::cli::register_sweep_command(app);
    topdown::cli::register_import_command(app);
    topdown::cli::register_export_command(app);
    try {
        topdown::cli::run_command(app, argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const topdown::CancelledError& e) {
        std::fprintf(stderr, "\nstopped: %s\n", e.what());
        return 130;
    } catch (const topdown::Error& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "unexpected error: %s\n", e.what());
        return 2;
    }
    return 0;
}
