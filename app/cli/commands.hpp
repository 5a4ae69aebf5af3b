// The subcommands of topdown-cli; each file cmd_*.cpp registers one.
#pragma once
#include <CLI/CLI.hpp>

#include "util/task.hpp"

namespace topdown::cli {

// The cancel flag and progress of the running command's task, which Ctrl-C cancels (see main.cpp). Call only
// from the command (it runs on that task).
TaskState& interrupt_task();

void register_data_command(CLI::App& app);
void register_train_command(CLI::App& app);
void register_info_command(CLI::App& app);
void register_finalize_command(CLI::App& app);
void register_generate_command(CLI::App& app);
void register_classifier_command(CLI::App& app);
void register_experiment_command(CLI::App& app);
void register_pca_command(CLI::App& app);
void register_replay_command(CLI::App& app);
void register_sweep_command(CLI::App& app);
void register_import_command(CLI::App& app);
void register_export_command(CLI::App& app);

}  // namespace topdown::cli
