#include "experiment/study.hpp"

#include <algorithm>
#include <cmath>

#include "analyze/hidden_means.hpp"
#include "analyze/step_statistics.hpp"
#include "experiment/study_census.hpp"
#include "generate/generation_run.hpp"
#include "math/random.hpp"
#include "util/errors.hpp"

namespace topdown {

std::vector<int> ConditionResult::chain_states(int c) const {
    return std::vector<int>(states.begin() + std::ptrdiff_t(c) * steps, states.begin() + std::ptrdiff_t(c + 1) * steps);
}

std::uint64_t condition_seed(std::uint64_t seed, const std::string& id) {
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a of the id
    for (unsigned char ch : id) h = (h ^ ch) * 1099511628211ULL;
    return splitmix64(seed ^ h);
}

std::vector<Condition> study_conditions(const Dbn& m, const std::string& study, int k) {
    static const std::vector<std::string> known{"label", "double", "intersection", "random", "all", "tempering"};
    if (std::find(known.begin(), known.end(), study) == known.end())
        throw ArgumentError("unknown study '" + study + "' (known: label, double, intersection, random, all, tempering)");
    const int C = m.num_classes();
    const int kk = resolve_k(m, k);
    std::vector<Condition> out;
    // Study "tempering" (§10.6): label, intersection and tempering conditions side by side.
    const bool tempering = study == "tempering";
    auto want = [&](const char* s) {
        return study == "all" || study == s || (tempering && (std::string(s) == "label" || std::string(s) == "intersection"));
    };
    if (want("label"))
        for (int c = 0; c < C; ++c)
            out.push_back({"label-" + std::to_string(c), bias_spec(BiasMethod::Label, c, c, kk), "LB " + m.class_names[std::size_t(c)]});
    for (const char* method : {"double", "intersection"}) {
        if (!want(method)) continue;
        const bool dbl = std::string(method) == "double";
        for (int a = 0; a < C; ++a)
            for (int b = a + 1; b < C; ++b)
                out.push_back({std::string(method) + "-" + std::to_string(a) + "-" + std::to_string(b),
                               bias_spec(dbl ? BiasMethod::DoubleLabel : BiasMethod::Intersection, a, b, kk),
                               std::string(dbl ? "C_2LB {" : "C_int {") + m.class_names[std::size_t(a)] + "," +
                                   m.class_names[std::size_t(b)] + "}"});
    }
    if (want("random")) {
        const Eigen::MatrixXi sizes = intersection_size_matrix(m, kk);
        std::vector<int> ks;
        for (int a = 0; a < C; ++a)
            for (int b = a + 1; b < C; ++b) ks.push_back(std::max(1, sizes(a, b)));
        std::sort(ks.begin(), ks.end());
        const int n = std::min<int>(10, static_cast<int>(ks.size()));
        for (int i = 0; i < n; ++i) {
            const int kr = ks[static_cast<std::size_t>((2 * i + 1) * ks.size() / (2 * n))];  // decile midpoints
            out.push_back({"random-" + std::to_string(i) + "-k" + std::to_string(kr),
                           bias_spec(BiasMethod::Random, 0, 0, kr), "RI k=" + std::to_string(kr)});
        }
    }
    if (tempering)
        for (int c = 0; c < C; ++c)
            out.push_back({"tempering-" + std::to_string(c), bias_spec(BiasMethod::Tempering, c, c, kk), "PT " + m.class_names[std::size_t(c)]});
    return out;
}

ConditionResult run_condition(std::shared_ptr<const GenerationModel> g, const StateClassifier& clf, const Condition& cond,
                              const StudyOptions& o, TaskState* task) {
    const Dbn& m = *g->model;
    if (clf.num_classes() != m.num_classes())
        throw ArgumentError("the classifier has " + std::to_string(clf.num_classes()) + " classes but the model has " +
                            std::to_string(m.num_classes()));
    ConditionResult r;
    r.condition = cond;
    r.chains = o.chains;
    r.steps = o.steps;
    GenerationRequest req;
    req.bias = cond.bias;
    req.chains = o.chains;
    req.steps = o.steps;
    req.seed = condition_seed(o.seed, cond.id);
    req.threads = o.threads;
    req.first_chain_index = o.first_chain_index;
    InitialState first;
    (void)initial_states(m, req, &first);
    r.initial_active = first.active_units;
    r.empty = first.empty;
    const int L = g->depth(), D = g->visible_size(), S = o.steps, N = o.chains;
    const int hidden_total = hidden_unit_count(*g);
    r.energy_mean.resize(S, L);
    r.energy_sem.resize(S, L);
    r.active_mean.resize(S, L);
    r.hidden_mean.resize(S, hidden_total);
    r.top_activity.resize(N, S);
    const auto frames = study_filmstrip_steps(S);
    const int film_chains = std::min(3, N);
    r.filmstrip.resize(film_chains * static_cast<int>(frames.size()), D);
    Matrix visible(static_cast<Eigen::Index>(S) * N, D);  // step-major, classified at the end
    run_generation(g, req, [&](const ChainBatch& b) {
        const int s = b.steps_done() - 1;
        visible.middleRows(static_cast<Eigen::Index>(s) * N, N) = b.state(0);
        const StepStatistics stats = step_statistics(b);
        for (int l = 0; l < L; ++l) {
            r.energy_mean(s, l) = static_cast<float>(stats.energy[std::size_t(l)].mean);
            r.energy_sem(s, l) = static_cast<float>(stats.energy[std::size_t(l)].sem);
            r.active_mean(s, l) = stats.active_mean[std::size_t(l)];
        }
        r.hidden_mean.row(s) = concatenated_hidden_means(b);
        r.top_activity.col(s) = stats.top_active;
        for (std::size_t f = 0; f < frames.size(); ++f)
            if (frames[f] == s + 1)
                for (int c = 0; c < film_chains; ++c) r.filmstrip.row(c * int(frames.size()) + int(f)) = b.state(0).row(c);
        if (task) task->throw_if_cancelled();
    });
    const auto cls = clf.classify(visible, o.threads);
    r.states.resize(static_cast<std::size_t>(N) * S);
    r.entropy_mean = Matrix::Zero(1, S);
    for (int s = 0; s < S; ++s)
        for (int c = 0; c < N; ++c) {
            const auto& x = cls[static_cast<std::size_t>(s) * N + c];
            r.states[static_cast<std::size_t>(c) * S + s] = x.state;
            r.entropy_mean(0, s) += x.entropy / N;
        }
    if (o.census) {
        r.census = condition_census(*o.census, m, r, visible);
        r.census_thresholds = o.census->thresholds;
    }
    return r;
}

}  // namespace topdown
