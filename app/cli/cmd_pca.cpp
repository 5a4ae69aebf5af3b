// topdown-cli fit-pca: fit the model's PCA basis on its label-biasing trajectories (SPEC §8) and store it.
#include <cstdio>

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
        int hidden = 0;
        for (int l = 1; l <= g->depth(); ++l) hidden += g->sizes[std::size_t(l)];
        Matrix stacked(dbn->num_classes() * steps, hidden);
        for (int c = 0; c < dbn->num_classes(); ++c) {
            GenerationRequest r;
            r.bias.class_a = c;
            r.chains = chains;
            r.steps = steps;
            r.seed = seed;
            run_generation(g, r, [&](const ChainBatch& b) {
                int off = 0;
                for (int l = 1; l <= b.depth(); ++l) {
                    const int n = g->sizes[std::size_t(l)];
                    stacked.block(c * steps + b.steps_done() - 1, off, 1, n) = b.state(l).colwise().mean();
                    off += n;
                }
            }, &interrupt_task());
            std::printf("label %s done\n", dbn->class_names[std::size_t(c)].c_str());
            std::fflush(stdout);
        }
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
