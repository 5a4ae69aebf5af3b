// topdown-cli fit-pca: fit the model's PCA basis on its label-biasing trajectories (docs/METHODS.md §11.2), stores it.
#include <cstdio>

#include "analyze/label_trajectories.hpp"
#include "analyze/pca.hpp"
#include "commands.hpp"
#include "generate/generation_run.hpp"
#include "model/model_file.hpp"
#include "util/errors.hpp"

namespace topdown::cli {

void register_pca_command(CLI::App& app) {
    static std::string path;
    static int chains = 100, steps = 100, components = 3;
    static std::uint64_t seed = 1;
    auto* cmd = app.add_subcommand("fit-pca", "Fit a PCA basis on label-biasing trajectories and store it in the model");
    cmd->add_option("model", path, "Model file (.tdm), updated in place")->required();
    cmd->add_option("--chains", chains, "Chains per label")->check(CLI::Range(1, 100000))->capture_default_str();
    cmd->add_option("--steps", steps, "Steps per chain")->check(CLI::Range(2, 100000))->capture_default_str();
    cmd->add_option("--components", components, "Components to keep")->check(CLI::Range(2, 16))->capture_default_str();
    cmd->add_option("--seed", seed, "Seed")->capture_default_str();
    cmd->callback([] {
        auto dbn = std::make_shared<Dbn>(load_model(path));
        const auto g = prepare_generation_model(dbn);
        const Matrix stacked = label_average_trajectories(g, chains, steps, seed, &interrupt_task());
        Dbn m = *dbn;
        m.pca = fit_pca(stacked, components);
        m.training["pca"] = {{"chains", chains}, {"steps", steps}, {"seed", seed}, {"components", components},
                             {"source", "label-biasing average trajectories, all hidden layers"}};
        save_model(m, path);
        std::printf("PCA basis stored: %d components explain", components);
        for (int i = 0; i < components; ++i) std::printf(" %.1f%%", 100 * m.pca.explained(0, i));
        std::printf("\n");
    });
}

}  // namespace topdown::cli
