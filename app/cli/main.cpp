// topdown-cli: the command-line front end over topdown_core.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>

#include "commands.hpp"
#include "util/errors.hpp"

namespace topdown::cli {

namespace {
// The task Ctrl-C cancels. A namespace-scope object initialised at compile time (constinit): nothing is
// constructed on first use, so the signal handler never runs an initialiser (a function-local static would,
// and its guard is not async-signal-safe). The handler only stores to lock-free atomics.
constinit TaskState g_interrupt_task;
// Ctrl-C presses so far; the second one leaves at once.
constinit std::atomic<int> g_sigint_presses{0};
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free,
              "the SIGINT handler needs lock-free atomics to be async-signal-safe");

extern "C" void on_sigint(int) {
    if (g_sigint_presses.fetch_add(1, std::memory_order_relaxed) >= 1) std::_Exit(130);  // second Ctrl-C
    g_interrupt_task.cancel_requested.store(true);  // polled by the running task (throw_if_cancelled)
}
}  // namespace

TaskState& interrupt_task() { return g_interrupt_task; }

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
    std::signal(SIGINT, topdown::cli::on_sigint);
    try {
        app.parse(argc, argv);
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
