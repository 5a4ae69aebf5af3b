// topdown-cli: the command-line front end over topdown_core.
#include <csignal>
#include <cstdio>

#include "commands.hpp"
#include "util/errors.hpp"

namespace topdown::cli {

TaskState& interrupt_task() {
    static TaskState task;
    return task;
}

}  // namespace topdown::cli

namespace {
extern "C" void on_sigint(int) {
    auto& t = topdown::cli::interrupt_task();
    if (t.cancel_requested.load()) std::_Exit(130);  // second Ctrl-C: leave at once
    t.cancel_requested.store(true);
}
}  // namespace

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
    std::signal(SIGINT, on_sigint);
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
