// The attractor census of one study condition (docs/METHODS.md §16.3).
#include "experiment/study_census.hpp"

#include "data/dataset.hpp"
#include "util/errors.hpp"

namespace topdown {

CensusIndex model_census_index(const Dbn& model, const std::string& dir, std::uint64_t seed, int sample, int threads) {
    Dataset d = load_dataset(model.dataset, Split::Train, dir);
    if (d.num_classes() != model.num_classes())
        throw DataError("the training set '" + model.dataset + "' has " + std::to_string(d.num_classes()) + " classes but the model " +
                        std::to_string(model.num_classes()));
    const std::vector<int> labels(d.labels.begin(), d.labels.end());
    return build_census_index(model, std::move(d.images), labels, seed, sample, threads);
}

std::vector<RunCensus> condition_census(const CensusIndex& index, const Dbn& model, const ConditionResult& r, const Matrix& visible) {
    std::vector<std::vector<int>> chains;
    for (int c = 0; c < r.chains; ++c) chains.push_back(r.chain_states(c));
    const std::vector<ChainRun> runs = ensemble_runs(chains);
    Matrix reps(static_cast<Eigen::Index>(runs.size()), visible.cols());
    for (std::size_t i = 0; i < runs.size(); ++i)
        reps.row(static_cast<Eigen::Index>(i)) =
            visible.row(static_cast<Eigen::Index>(runs[i].run.last()) * r.chains + runs[i].chain);
    return attractor_census(index, model, runs, reps, model.num_classes());
}

}  // namespace topdown
