// The live ensemble's attractor record and its analysis (docs/METHODS.md §16.7).
#include "session/live_attractors.hpp"

#include <algorithm>

#include "util/errors.hpp"

namespace topdown {

void AttractorRecorder::reset(int chains, int C) {
    const std::uint64_t v = rec_.version + 1;
    rec_ = AttractorRecord{};
    rec_.num_classes = C;
    rec_.chains = std::max(0, chains);
    rec_.states.resize(static_cast<std::size_t>(rec_.chains));
    rec_.activity.resize(static_cast<std::size_t>(rec_.chains));
    rec_.run_last_visible.resize(static_cast<std::size_t>(rec_.chains));
    rec_.version = v;
    published_.reset();
}

void AttractorRecorder::add_step(const std::vector<int>& states, const Eigen::VectorXf& top_active, const Matrix& visible) {
    const int n = rec_.chains;
    if (n == 0 || rec_.steps >= kMaxSteps || static_cast<int>(states.size()) != n || top_active.size() != n || visible.rows() != n)
        return;
    for (int s : states)
        if (s < 0 || s > rec_.num_classes) return;
    for (int c = 0; c < n; ++c) {
        const auto ci = static_cast<std::size_t>(c);
        auto& st = rec_.states[ci];
        auto v = std::make_shared<const std::vector<float>>(visible.row(c).data(), visible.row(c).data() + visible.cols());
        if (!st.empty() && st.back() == states[ci])
            rec_.run_last_visible[ci].back() = std::move(v);  // the run goes on: its last step moves
        else
            rec_.run_last_visible[ci].push_back(std::move(v));
        st.push_back(states[ci]);
        rec_.activity[ci].push_back(top_active(c));
    }
    ++rec_.steps;
    ++rec_.version;
}

std::shared_ptr<const AttractorRecord> AttractorRecorder::published() const {
    if (!published_ || published_->version != rec_.version) published_ = std::make_shared<const AttractorRecord>(rec_);
    return published_;
}

LiveAttractorAnalysis analyze_attractor_record(const AttractorRecord& rec, const Dbn& model, const CensusIndex* index,
                                               int replicates, std::uint64_t seed) {
    LiveAttractorAnalysis out;
    out.version = rec.version;
    if (rec.chains == 0 || rec.steps == 0) return out;
    // The record as a study condition, so the app shows what a study would report for these chains.
    ConditionResult r;
    r.condition.id = "ensemble";
    r.chains = rec.chains;
    r.steps = rec.steps;
    r.states.reserve(static_cast<std::size_t>(rec.chains) * rec.steps);
    r.top_activity.resize(rec.chains, rec.steps);
    for (int c = 0; c < rec.chains; ++c) {
        const auto ci = static_cast<std::size_t>(c);
        if (static_cast<int>(rec.states[ci].size()) != rec.steps || static_cast<int>(rec.activity[ci].size()) != rec.steps)
            throw ArgumentError("inconsistent attractor record");
        r.states.insert(r.states.end(), rec.states[ci].begin(), rec.states[ci].end());
        for (int t = 0; t < rec.steps; ++t) r.top_activity(c, t) = rec.activity[ci][static_cast<std::size_t>(t)];
    }
    if (index && !index->empty()) {
        const auto runs = ensemble_runs(rec.states);
        Matrix reps(static_cast<Eigen::Index>(runs.size()), index->visible.dims());
        std::vector<std::size_t> next(static_cast<std::size_t>(rec.chains), 0);
        for (std::size_t i = 0; i < runs.size(); ++i) {
            const auto ci = static_cast<std::size_t>(runs[i].chain);
            const auto& v = rec.run_last_visible[ci].at(next[ci]++);
            if (static_cast<Eigen::Index>(v->size()) != reps.cols()) throw ArgumentError("the record's images do not match the census index");
            reps.row(static_cast<Eigen::Index>(i)) = Eigen::Map<const Vector>(v->data(), reps.cols());
        }
        r.census = attractor_census(*index, model, runs, reps, rec.num_classes);
        r.census_thresholds = index->thresholds;
        out.census = r.census;
        out.thresholds = index->thresholds;
    }
    out.summary = summarize_attractors({&r}, rec.num_classes, "ensemble", replicates, seed);
    return out;
}

}  // namespace topdown
