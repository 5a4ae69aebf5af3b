#include "session/simulation.hpp"

#include <algorithm>
#include <cmath>

#include "analyze/hidden_means.hpp"
#include "analyze/step_statistics.hpp"
#include "generate/biasing.hpp"
#include "session/session_temperature.hpp"
#include "session/start_frame.hpp"
#include "session/start_image_params.hpp"
#include "util/errors.hpp"
#include "util/paths.hpp"

namespace topdown {

namespace {
std::shared_ptr<const FocusedFrame> frame_from_record(const StepRecord& r, const StateVerdict& verdict) {
    auto f = std::make_shared<FocusedFrame>();
    f->step = r.step;
    f->visible = r.visible;
    f->hidden_bits = r.hidden_bits;
    f->energy = r.energy;
    f->active_fraction = r.active_fraction;
    f->verdict = verdict;
    f->rng_position = r.rng_position;
    return f;
}
}  // namespace

Simulation::Simulation(std::size_t history_capacity, std::size_t ensemble_capacity)
    : history_capacity_(std::max<std::size_t>(history_capacity, 2)),
      ensemble_capacity_(std::max<std::size_t>(ensemble_capacity, 2)),
      ensemble_stats_(ensemble_capacity_),
      pca_focused_(history_capacity_),
      pca_ensemble_(ensemble_capacity_),
      replay_pca_(history_capacity_) {}

void Simulation::set_model(std::shared_ptr<const ModelInfo> info, std::shared_ptr<const GenerationModel> model) {
    if (!info || !model || !info->model) throw ArgumentError("no model");
    if (model->depth() < 1 || model->depth() > kMaxModelLayers)
        throw ArgumentError(std::string("a model needs 1 to ") + std::to_string(kMaxModelLayers) + " layers");
    info_ = std::move(info);
    model_ = std::move(model);
    analysis_ = AnalysisContext{info_->model, info_->classifier, info_->pca_basis};
    samples_.reset();
    end_replay();
    chain_.reset();
    ensemble_.reset();
    start_.reset();
    frames_.clear();
    ensemble_stats_.clear();
    SessionParams p = params_;
    const int C = info_->num_classes();
    if (C > 0) {
        p.bias.class_a = std::clamp(p.bias.class_a, 0, C - 1);
        p.bias.class_b = std::clamp(p.bias.class_b, 0, C - 1);
    }
    p.bias.k = 0;  // the new model's own k
    if (p.bias.image.cols() != model_->visible_size()) p.bias.image = p.bias.clamp_mask = Matrix();  // another shape
    if (!info_->has_label_biasing && traits(p.bias.method).uses_classes) p.bias.method = BiasMethod::Random;
    restart(p);
}

Matrix Simulation::sample_image(int index) {
    const Dbn& m = *info_->model;
    const std::string name = m.dataset.empty() ? "mnist" : m.dataset;
    if (!samples_ || samples_->name != name) samples_ = load_dataset(name, Split::Test, data_dir());
    if (index < 0 || index >= samples_->size())
        throw ArgumentError(std::string("sample index ") + std::to_string(index) + " is outside the test set (0.." +
                            std::to_string(samples_->size() - 1) + ")");
    if (samples_->images.cols() != model_->visible_size())
        throw ArgumentError("the " + name + " images do not match this model's visible layer");
    return samples_->images.row(index);
}

void Simulation::restart(const SessionParams& requested) {
    if (!info_ || !model_) throw ArgumentError("no model loaded");
    const Dbn& m = *info_->model;
    SessionParams p = requested;
    if (p.ensemble_size < 0 || p.ensemble_size > kMaxEnsembleSize)
        throw ArgumentError(std::string("ensemble size must lie between 0 and ") + std::to_string(kMaxEnsembleSize));
    if (!(p.temperature > 0.0f && p.temperature <= 100.0f)) throw ArgumentError("temperature must lie in (0, 100]");
    if (p.steps < 1 || p.steps > kMaxSessionSteps) throw ArgumentError("steps must lie between 1 and 1000000");
    const int C = m.num_classes();
    const BiasMethodTraits& method = traits(p.bias.method);
    if (method.uses_classes) {
        if (!info_->has_label_biasing)
            throw ArgumentError("this model has no label-biasing matrix: use random or sample biasing");
        if (p.bias.class_a < 0 || p.bias.class_a >= C || (method.is_pair && (p.bias.class_b < 0 || p.bias.class_b >= C)))
            throw ArgumentError(std::string("class out of range (the model has ") + std::to_string(C) + " classes)");
    }
    if (method.uses_k) p.bias.k = resolve_k(m, p.bias.k);
    if (p.bias.method == BiasMethod::Sample) p.bias.image = sample_image(p.sample_index);
    fill_blank_start_image(p.bias, model_->visible_size());
    const VisibleClamp clamp = visible_clamp(p.bias);  // image completion (docs/METHODS.md §15)

    // Build every H⁰ before touching the running chains, so that an error leaves them as they were.
    const InitialState first = make_initial_state(m, p.bias, p.seed, 0);
    Matrix ens_top(p.ensemble_size, model_->top_size());
    for (int i = 0; i < p.ensemble_size; ++i) {
        if (p.bias.method == BiasMethod::Random)
            ens_top.row(i) = make_initial_state(m, p.bias, p.seed, static_cast<std::uint64_t>(i + 1)).top;
        else
            ens_top.row(i) = first.top;
    }
    const TemperatureSchedule temp = session_temperature(p);
    auto chain = std::make_unique<Chain>(model_, first.top, p.seed, 0, temp, history_capacity_);
    std::unique_ptr<ChainBatch> ensemble;
    if (p.ensemble_size > 0) {
        std::vector<std::uint64_t> idx(static_cast<std::size_t>(p.ensemble_size));
        for (int i = 0; i < p.ensemble_size; ++i) idx[static_cast<std::size_t>(i)] = static_cast<std::uint64_t>(i + 1);
        ensemble = std::make_unique<ChainBatch>(model_, ens_top, p.seed, std::move(idx), temp);
        ensemble->set_visible_clamp(clamp);
    }
    chain->set_visible_clamp(clamp);

    // Step 0: the mean-field picture of H⁰ (no random numbers, so no later step changes).
    auto start = std::make_shared<FocusedFrame>(start_frame(m, first.top, p.temperature));
    if (!clamp.empty()) clamp.apply(start->visible.data());
    start->initial_top.assign(first.top.data(), first.top.data() + first.top.size());
    if (analysis_.has_classifier()) {
        const Matrix v = Eigen::Map<const Matrix>(start->visible.data(), 1, static_cast<Eigen::Index>(start->visible.size()));
        start->verdict = classify_states(analysis_, v).at(0);
    }

    if (p.bias.method != BiasMethod::Image) p.bias.image = Matrix();  // not needed; sample_index reproduces it
    params_ = p;
    start_ = std::move(start);
    description_ = first.description;
    empty_start_ = first.empty;
    intersection_size_ = method.is_pair ? intersection_size(m, p.bias.class_a, p.bias.class_b, p.bias.k) : -1;
    end_replay();
    chain_ = std::move(chain);
    ensemble_ = std::move(ensemble);
    frames_.clear();
    ensemble_stats_.clear();
    state_counts_.clear();
    transitions_ = TransitionAccumulator(C);
    focused_transitions_ = TransitionAccumulator(C);
    ensemble_metrics_ = EnsembleMetrics(p.ensemble_size, C);
    attractors_.reset(p.ensemble_size, C);
    metrics_ = MetricsSummary{};
    pca_focused_.clear();
    pca_ensemble_.clear();
}

std::shared_ptr<const FocusedFrame> Simulation::focused_frame(const StepRecord& r, std::optional<PcaPoint>& pca) {
    const int L = model_->depth();
    // Classifier hook on the focused chain.
    StateVerdict verdict;
    if (analysis_.has_classifier()) {
        const Matrix v = Eigen::Map<const Matrix>(r.visible.data(), 1, static_cast<Eigen::Index>(r.visible.size()));
        verdict = classify_states(analysis_, v).at(0);
    }
    // PCA hook on the focused chain.
    pca.reset();
    if (analysis_.has_pca()) {
        std::vector<Matrix> layers;
        for (int l = 1; l <= L; ++l) {
            const auto h = r.hidden_as_floats(l);
            layers.push_back(Eigen::Map<const Matrix>(h.data(), 1, static_cast<Eigen::Index>(h.size())));
        }
        std::vector<const Matrix*> ptrs;
        for (const auto& x : layers) ptrs.push_back(&x);
        const auto pts = project_pca(analysis_, ptrs);
        if (!pts.empty()) pca = PcaPoint{pts.front().x, pts.front().y, r.step, verdict.state};
    }
    return frame_from_record(r, verdict);
}

void Simulation::record_new_step() {
    const StepRecord& r = *chain_->current();
    const int L = model_->depth();
    std::optional<PcaPoint> pt;
    auto frame = focused_frame(r, pt);
    if (analysis_.has_classifier()) focused_transitions_.add_step({frame->verdict.state});
    frames_.push_back(std::move(frame));
    while (frames_.size() > history_capacity_) frames_.pop_front();
    if (pt) pca_focused_.push(*pt);

    if (!ensemble_) return;
    EnsembleStep es;
    es.step = ensemble_->steps_done();
    const StepStatistics stats = step_statistics(*ensemble_);  // the batch study's, so live and batch agree
    for (int l = 0; l < L; ++l) {
        const auto li = static_cast<std::size_t>(l);
        es.energy_mean[li] = static_cast<float>(stats.energy[li].mean);
        es.energy_sem[li] = static_cast<float>(stats.energy[li].sem);
        es.active_mean[li] = stats.active_mean[li];
    }
    // PCA hook on the ensemble mean of every hidden layer.
    if (analysis_.has_pca()) {
        const Matrix means = concatenated_hidden_means(*ensemble_);
        const auto pts = project_pca(analysis_, {&means});
        if (!pts.empty()) pca_ensemble_.push({pts.front().x, pts.front().y, es.step, -1});
    }
    // Classifier, transition and metrics hooks on the ensemble.
    if (analysis_.has_classifier()) {
        const std::vector<int> states = verdict_states(classify_states(analysis_, ensemble_->state(0)));
        const int n_states = transitions_.counts().num_classes() + 1;
        state_counts_.assign(static_cast<std::size_t>(n_states), 0);
        for (int st : states)
            if (st >= 0 && st < n_states) ++state_counts_[static_cast<std::size_t>(st)];
        transitions_.add_step(states);
        metrics_ = ensemble_metrics_.add_step(states) > 0 ? metrics_summary(ensemble_metrics_) : MetricsSummary{};
        attractors_.add_step(states, stats.top_active, ensemble_->state(0));
    }
    ensemble_stats_.push(std::move(es));
}

bool Simulation::step() {
    if (!chain_) return false;
    if (replay_) {
        const int next = replay_->current_step() + 1;
        if (next >= chain_->history().oldest_step()) {  // the replay reached the kept history: continue there
            end_replay();
            return chain_->seek(next);
        }
        const bool replay_new = replay_->current_step() >= replay_->history().newest_step();
        replay_->step();
        if (replay_new) {
            std::optional<PcaPoint> pt;
            replay_frames_.push_back(focused_frame(*replay_->current(), pt));
            while (replay_frames_.size() > history_capacity_) replay_frames_.pop_front();
            if (pt) replay_pca_.push(*pt);
        }
        return true;
    }
    const bool is_new = chain_->current_step() >= chain_->history().newest_step();
    if (is_new && ensemble_) ensemble_->step(std::max(1, params_.threads));
    chain_->step();
    if (is_new) record_new_step();
    return true;
}

bool Simulation::step_back() {
    if (replay_) return replay_->step_back();
    return chain_ && chain_->step_back();
}

bool Simulation::seek(int step) {
    if (!chain_) return false;
    if (replay_) {
        if (replay_->seek(step)) return true;
        if (step < chain_->history().oldest_step() || !chain_->seek(step)) return false;
        end_replay();
        return true;
    }
    return chain_->seek(step);
}

bool Simulation::start_replay(int step) {
    if (!chain_ || step < 1 || step >= chain_->history().oldest_step()) return false;
    const Dbn& m = *info_->model;
    BiasSpec bias = params_.bias;  // k already resolved
    if (bias.method == BiasMethod::Sample) bias.image = sample_image(params_.sample_index);
    const InitialState first = make_initial_state(m, bias, params_.seed, 0);
    const TemperatureSchedule temp = session_temperature(params_);
    replay_ = std::make_unique<Chain>(model_, first.top, params_.seed, 0, temp, history_capacity_);
    replay_->set_visible_clamp(visible_clamp(bias));
    replay_frames_.clear();
    replay_pca_.clear();
    return true;
}

void Simulation::end_replay() {
    replay_.reset();
    replay_frames_.clear();
    replay_pca_.clear();
}

void Simulation::fill(Snapshot& s) const {
    s.model = info_;
    s.params = params_;
    s.bias_description = description_;
    s.resolved_k = params_.bias.k;
    s.intersection_size = intersection_size_;
    s.empty_start = empty_start_;
    s.step = current_step();
    s.replaying = replay_ != nullptr;
    s.newest_step = newest_step();
    s.oldest_kept_step = oldest_kept_step();
    s.recent.clear();
    s.current.reset();
    s.start = chain_ ? start_ : nullptr;
    const int cursor = current_step();
    for (const auto& f : replay_ ? replay_frames_ : frames_) {
        if (f->step > cursor) break;
        s.recent.push_back(f);
    }
    if (!s.recent.empty() && s.recent.back()->step == cursor) s.current = s.recent.back();
    s.ensemble = ensemble_stats_;
    s.ensemble_size = ensemble_ ? ensemble_->size() : 0;
    s.state_counts = state_counts_;
    s.attractors = analysis_.has_classifier() && ensemble_ ? attractors_.published() : nullptr;
    s.classifier_loaded = analysis_.has_classifier();
    s.pca_available = analysis_.has_pca();
    s.transitions_from_focused = chain_ && !ensemble_;
    s.transition_counts = (s.transitions_from_focused ? focused_transitions_ : transitions_).counts().counts().cast<int>();
    if (!info_)
        s.analysis_gap = AnalysisGap::NoModel;
    else if (!analysis_.has_classifier())
        s.analysis_gap = AnalysisGap::NoClassifier;
    else if (!ensemble_)
        s.analysis_gap = AnalysisGap::NoEnsemble;
    else
        s.analysis_gap = AnalysisGap::None;
    if (info_ && !analysis_.has_classifier())
        s.classifier_note = info_->classifier_note.empty() ? std::string("the state classifier does not match the model")
                                                           : info_->classifier_note;
    s.focused_transition_counts = focused_transitions_.counts().counts().cast<int>();
    s.metrics = metrics_;
    s.pca_trajectory.clear();
    const RingBuffer<PcaPoint>& focused_pca = replay_ ? replay_pca_ : pca_focused_;
    for (std::size_t i = 0; i < focused_pca.size(); ++i)
        if (focused_pca[i].step <= cursor) s.pca_trajectory.push_back(focused_pca[i]);
    s.pca_ensemble_mean.clear();
    for (std::size_t i = 0; i < pca_ensemble_.size(); ++i) s.pca_ensemble_mean.push_back(pca_ensemble_[i]);
}

}  // namespace topdown
