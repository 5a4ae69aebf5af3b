#include "analyze/label_trajectories.hpp"

#include "analyze/hidden_means.hpp"
#include "generate/generation_run.hpp"
#include "util/errors.hpp"

namespace topdown {

Matrix label_average_trajectories(const std::shared_ptr<const GenerationModel>& g, int chains, int steps,
                                  std::uint64_t seed, TaskState* task) {
    if (!g || g->depth() < 1) throw ArgumentError("label trajectories need a model");
    if (chains < 1 || steps < 1) throw ArgumentError("label trajectories need at least one chain and one step");
    const int C = g->model->num_classes();
    Matrix stacked(Eigen::Index(C) * steps, hidden_unit_count(*g));
    for (int c = 0; c < C; ++c) {
        GenerationRequest r;
        r.bias.class_a = c;
        r.chains = chains;
        r.steps = steps;
        r.seed = seed;
        run_generation(g, r, [&](const ChainBatch& b) {
            stacked.row(Eigen::Index(c) * steps + b.steps_done() - 1) = concatenated_hidden_means(b);
        }, task);
    }
    return stacked;
}

}  // namespace topdown
