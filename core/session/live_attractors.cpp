// The live ensemble's attractor record and its analysis (docs/METHODS.md §16.7).
#include "session/live_attractors.hpp"

#include <algorithm>

#include "util/errors.hpp"

namespace topdown {

std::vector<int> AttractorRecord::chain_states(int c) const {
    const int* first = columns->states.data() + static_cast<std::size_t>(c) * columns->capacity;
    return std::vector<int>(first, first + steps);
}

const float* AttractorRecord::run_last_visible(int c, int r) const {
    const auto& ended = *ended_runs.at(static_cast<std::size_t>(c));
    if (r < 0 || r > static_cast<int>(ended.size()) || steps == 0) throw ArgumentError("no such run in the attractor record");
    if (r < static_cast<int>(ended.size())) return ended[static_cast<std::size_t>(r)]->data();
    return last_visible->row(c).data();
}

void AttractorRecorder::reset(int chains, int C) {
    ++version_;
    num_classes_ = C;
    chains_ = std::max(0, chains);
    steps_ = 0;
    // Fresh columns: records published before the restart keep the old ones.
    columns_ = std::make_shared<AttractorColumns>();
    columns_->capacity = kMaxSteps;
    columns_->states.assign(static_cast<std::size_t>(chains_) * kMaxSteps, 0);
    columns_->activity.assign(static_cast<std::size_t>(chains_) * kMaxSteps, 0.0f);
    ended_runs_.resize(static_cast<std::size_t>(chains_));
    for (auto& e : ended_runs_) e = std::make_shared<AttractorRecord::RunImages>();
    last_visible_.reset();
    published_.reset();
}

void AttractorRecorder::add_step(const std::vector<int>& states, const Eigen::VectorXf& top_active, const Matrix& visible) {
    const int n = chains_;
    if (n == 0 || steps_ >= kMaxSteps || static_cast<int>(states.size()) != n || top_active.size() != n || visible.rows() != n)
        return;
    if (last_visible_ && last_visible_->cols() != visible.cols()) return;
    for (int s : states)
        if (s < 0 || s > num_classes_) return;
    const int t = steps_;
    for (int c = 0; c < n; ++c) {
        const auto ci = static_cast<std::size_t>(c);
        const std::size_t at = ci * static_cast<std::size_t>(kMaxSteps) + static_cast<std::size_t>(t);
        // A new state ends the chain's run: its last visible state (the previous step's) is kept.
        if (t > 0 && columns_->states[at - 1] != states[ci]) {
            auto& ended = ended_runs_[ci];
            if (ended.use_count() > 1) ended = std::make_shared<AttractorRecord::RunImages>(*ended);  // a record holds it
            ended->push_back(std::make_shared<const std::vector<float>>(
                last_visible_->row(c).data(), last_visible_->row(c).data() + last_visible_->cols()));
        }
        columns_->states[at] = states[ci];
        columns_->activity[at] = top_active(c);
    }
    // The latest visible states: overwritten in place unless a published record still shows them.
    if (last_visible_ && last_visible_.use_count() == 2 && published_ && published_.use_count() == 1)
        published_.reset();  // only our cache still holds it
    if (!last_visible_ || last_visible_.use_count() > 1) last_visible_ = std::make_shared<Matrix>(visible);
    else *last_visible_ = visible;
    ++steps_;
    ++version_;
}

std::shared_ptr<const AttractorRecord> AttractorRecorder::published() const {
    if (published_ && published_->version == version_) return published_;
    auto r = std::make_shared<AttractorRecord>();
    r->num_classes = num_classes_;
    r->chains = chains_;
    r->steps = steps_;
    r->visible_dims = last_visible_ ? static_cast<int>(last_visible_->cols()) : 0;
    r->version = version_;
    r->columns = columns_;
    r->ended_runs.assign(ended_runs_.begin(), ended_runs_.end());
    r->last_visible = last_visible_;
    published_ = std::move(r);
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
    if (!rec.columns || rec.steps > rec.columns->capacity ||
        rec.columns->states.size() < static_cast<std::size_t>(rec.chains) * static_cast<std::size_t>(rec.columns->capacity) ||
        static_cast<int>(rec.ended_runs.size()) != rec.chains || !rec.last_visible || rec.last_visible->rows() != rec.chains)
        throw ArgumentError("inconsistent attractor record");
    std::vector<std::vector<int>> chain_states(static_cast<std::size_t>(rec.chains));
    for (int c = 0; c < rec.chains; ++c) {
        chain_states[static_cast<std::size_t>(c)] = rec.chain_states(c);
        r.states.insert(r.states.end(), chain_states[static_cast<std::size_t>(c)].begin(), chain_states[static_cast<std::size_t>(c)].end());
        for (int t = 0; t < rec.steps; ++t) r.top_activity(c, t) = rec.activity(c, t);
    }
    if (index && !index->empty()) {
        const auto runs = ensemble_runs(chain_states);
        Matrix reps(static_cast<Eigen::Index>(runs.size()), index->visible.dims());
        if (rec.visible_dims != reps.cols()) throw ArgumentError("the record's images do not match the census index");
        std::vector<int> next(static_cast<std::size_t>(rec.chains), 0);
        for (std::size_t i = 0; i < runs.size(); ++i) {
            const int c = runs[i].chain;
            const float* v = rec.run_last_visible(c, next[static_cast<std::size_t>(c)]++);
            reps.row(static_cast<Eigen::Index>(i)) = Eigen::Map<const Vector>(v, reps.cols());
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
