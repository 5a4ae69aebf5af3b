#include "script_runner.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <sstream>

#include <GLFW/glfw3.h>

#include "generate/biasing.hpp"
#include "compare_mode.hpp"
#include "network_script.hpp"
#include "panels/panel.hpp"
#include "teach_script.hpp"

namespace topdown::gui {

void ScriptRunner::fail(const std::string& message, int code) {
    std::fprintf(stderr, "topdown: %s\n", message.c_str());
    exit_code_ = code;
    phase_ = Phase::Done;
}

bool ScriptRunner::parse_classes(const ModelInfo& m, const std::string& classes, int& a, int& b) {
    try {
        const std::vector<int> v = parse_class_list(*m.model, classes);
        a = v[0];
        b = v.size() > 1 ? v[1] : v[0];
        return true;
    } catch (const ArgumentError&) {
        return false;
    }
}

// Issue 21: with TOPDOWN_STARTUP_LOG set, prints the wall-clock time (ns since the epoch, comparable with the
// launcher's `date +%s%N`) of the first frame and of the first frame showing a step, for bench/bench_startup.sh.
static void log_startup(const char* what, bool& done) {
    if (done) return;
    done = true;
    if (!std::getenv("TOPDOWN_STARTUP_LOG")) return;
    const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch());
    std::fprintf(stderr, "startup: %s %lld\n", what, static_cast<long long>(ns.count()));
}

void ScriptRunner::update(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    log_startup("first_frame", logged_first_frame_);
    if (s.step >= 1) log_startup("first_step", logged_first_step_);
    new_step_ = s.step != last_step_;
    last_step_ = s.step;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (phase_ != Phase::Done && phase_ != Phase::Screenshot && elapsed > o_.timeout_s) {
        fail(std::string("timed out after ") + std::to_string(static_cast<int>(o_.timeout_s)) + " s", kExitUsageOrTimeout);
        return;
    }
    if (const std::string why = apply_network_script(o_, ctx); !why.empty()) return fail(why, kExitUsageOrTimeout);
    switch (phase_) {
        case Phase::LoadModel: return load_model(ctx);
        case Phase::WaitModel: return wait_model(ctx);
        case Phase::WaitSteps: return wait_steps(ctx);
        case Phase::OpenOther: return open_other(ctx);
        case Phase::WaitOther: return wait_other(ctx);
        case Phase::Replay: return start_replay_demo(ctx);
        case Phase::WaitReplay: return wait_replay(ctx);
        case Phase::Bench: return bench(ctx);
        case Phase::Settle:
            if (++settle_frames_ >= 4 && !ctx.attractors.busy()) phase_ = o_.screenshot.empty() ? Phase::Done : Phase::Screenshot;
            return;
        case Phase::Screenshot:
        case Phase::Done: return;
    }
}

void ScriptRunner::enter(UiContext& ctx, Phase next) {
    phase_ = next;
    if (phase_ == Phase::Bench) {  // the benchmark plays at --speed (0: as fast as the worker goes)
        ctx.send(cmd::SetSpeed{o_.speed > 0 ? o_.speed : 0.0f});
        ctx.send(cmd::Play{});
    }
}

// Opens the session or model named on the command line, paced by the script (speed 0).
void ScriptRunner::load_model(UiContext& ctx) {
    if (o_.model.empty() && o_.session.empty()) return fail("scripted mode needs --model or --session");
    if (!o_.session.empty()) {
        open_session(ctx, o_.session);
        if (!ctx.errors.message.empty()) return fail(ctx.errors.message, kExitStartFileBad);
    } else {
        ctx.models.current_path = o_.model;
        ctx.send(cmd::LoadModel{o_.model});
    }
    ctx.send(cmd::SetSpeed{0});
    if (!o_.compare.empty()) {  // side B: its own worker, paced like side A
        enter_compare(ctx, o_.compare);
        drive(ctx, cmd::SetSpeed{0});
    }
    phase_ = Phase::WaitModel;
}

// Once the model is in: puts the scenario in the composer and starts it (or presses Space).
void ScriptRunner::wait_model(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    if (s.error_serial > 0) return fail(s.error, kExitStartFileBad);  // the model given at start
    if (s.loading || !s.model) return;
    if (!o_.session.empty()) {  // the session's own params and step
        phase_ = Phase::WaitSteps;
        return;
    }
    const Snapshot* b = ctx.compare.snap.get();
    if (!o_.compare.empty()) {  // side B's model must be in too
        if (!b || b->error_serial > 0) return fail(b ? b->error : "side B has no worker", kExitStartFileBad);
        if (b->loading || !b->model) return;
    }
    ComposerState& c = ctx.composer;
    if (!compose(*s.model, c, false)) return;
    if (std::string err; !apply_teach_options(o_, ctx, err)) return fail(err);  // --start-image, --lesson
    if (!o_.compare.empty()) {
        if (!compose(*b->model, ctx.compare.composer, true)) return;
        ctx.compare.worker->send(cmd::Restart{composer_params(ctx.compare.composer), true});
    }
    if (o_.press_space) {  // a key event straight into the press log: no key-down poll ever sees it
        ctx.keys.record(GLFW_KEY_SPACE, true);
        space_pressed_ = true;
    } else {
        ctx.send(cmd::Restart{composer_params(c), true});  // what the composer shows (64-bit seed)
    }
    phase_ = Phase::WaitSteps;
}

bool ScriptRunner::compose(const ModelInfo& m, ComposerState& c, bool side_b) {
    const std::string& method = side_b && !o_.method_b.empty() ? o_.method_b : o_.method;
    const std::string& classes = side_b && !o_.classes_b.empty() ? o_.classes_b : o_.classes;
    c.method = static_cast<int>(parse_bias_method(method));
    if (traits(static_cast<BiasMethod>(c.method)).uses_classes && !parse_classes(m, classes, c.class_a, c.class_b)) {
        fail(std::string(side_b ? "--classes-b '" : "--classes '") + classes + "' does not name classes of this model");
        return false;
    }
    c.k = o_.k;
    c.temperature = o_.temperature;
    c.schedule = static_cast<int>(parse_schedule_kind(o_.schedule));
    c.t_end = o_.t_end;
    c.seed = o_.seed;
    c.steps = o_.steps;
    c.ensemble_size = o_.ensemble;
    return true;
}

// Waits until the chains stand at --steps (or the session's step), then goes on.
void ScriptRunner::wait_steps(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    if (s.error_serial > 0) return fail(s.error);
    if (space_pressed_) {  // Space must have started the composer's chains; then run to --steps
        if (!s.model || s.step < 1 || s.mode == RunMode::Paused ||
            !same_session_params(composer_params(ctx.composer), s.params, s.model->model->k))
            return;
        ctx.send(cmd::RunTo{o_.steps});
        space_pressed_ = false;
        return;
    }
    const int target = o_.session.empty() ? o_.steps : s.run_to_step;
    if (target > 0 && (s.step < target || s.mode != RunMode::Paused)) return;
    if (!o_.compare.empty()) {  // side B at the same step, paused
        const Snapshot& b = *ctx.compare.snap;
        if (b.error_serial > 0) return fail(b.error);
        if (b.step != s.step || b.mode != RunMode::Paused) return;
    }
    enter(ctx, !o_.open_after.empty() ? Phase::OpenOther : after_scenario());
}

// Opens the next file of --open / --open-dir, or reports the counts when all are done.
void ScriptRunner::open_other(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    if (open_index_ >= o_.open_after.size()) {
        std::printf("opened %zu files: %d rejected, %d loaded\n", o_.open_after.size(), opened_rejected_, opened_loaded_);
        enter(ctx, after_scenario());
        return;
    }
    const std::string& path = o_.open_after[open_index_];
    error_serial_at_open_ = s.error_serial;
    const bool session = path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0;
    if (session) {
        ctx.errors.message.clear();
        open_session(ctx, path);  // parse errors are immediate; a missing model fails in the loader
        if (!ctx.errors.message.empty()) {
            std::printf("open %s: rejected (%s)\n", path.c_str(), ctx.errors.message.c_str());
            ++opened_rejected_;
            ++open_index_;
            return;
        }
    } else {
        ctx.send(cmd::LoadModel{path});
    }
    open_wait_frames_ = 0;
    phase_ = Phase::WaitOther;
}

// Waits until the loader has taken or rejected the file just opened.
void ScriptRunner::wait_other(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    const std::string& path = o_.open_after[open_index_];
    const bool failed = s.error_serial != error_serial_at_open_;
    const bool session = path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0;
    const bool loaded = s.model && (session ? s.model->path == ctx.models.current_path : s.model->path == path);
    // The loader reports within a few frames; "loading" is set by the worker once it has the request.
    if (s.loading || (!failed && !loaded) || ++open_wait_frames_ < 2) return;
    std::printf("open %s: %s\n", path.c_str(), failed ? ("rejected, previous model kept: " + s.error).c_str() : "loaded");
    (failed ? opened_rejected_ : opened_loaded_)++;
    ++open_index_;
    phase_ = Phase::OpenOther;
}

// --replay-demo: starts a small replay experiment from the panel.
void ScriptRunner::start_replay_demo(UiContext& ctx) {
    ReplayPanelState& r = ctx.replay;
    ctx.view.show_replay = true;
    r.epochs = 2, r.batches = 8, r.limit = 2000, r.seed = 1;
    r.conditions = ReplayConditionSet::parse("sequential,generative-chimera");
    start_replay(ctx);
    if (!ctx.errors.message.empty()) return fail(ctx.errors.message);
    phase_ = Phase::WaitReplay;
}

// Waits for the replay experiment to finish.
void ScriptRunner::wait_replay(UiContext& ctx) {
    if (ctx.replay.job->running()) return;
    const auto p = ctx.replay.job->progress();
    if (p->state != ReplayProgress::State::Finished) return fail("replay experiment ended: " + p->stage + " " + p->error);
    std::printf("replay finished: %zu conditions\n", p->curves.size());
    enter(ctx, o_.frames_bench > 0 ? Phase::Bench : Phase::Settle);
}

// --frames-bench: once enough frames are timed, prints the numbers and pauses.
void ScriptRunner::bench(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    if (static_cast<int>(frame_ms_.size()) < o_.frames_bench) return;
    print_bench(s);
    ctx.send(cmd::Pause{});
    phase_ = o_.screenshot.empty() ? Phase::Done : Phase::Settle;
}

// The benchmark's summary line, the frame times split by new / repeated step, and CPU per thread and frame.
void ScriptRunner::print_bench(const Snapshot& s) const {
    std::vector<double> v = frame_ms_;
    std::sort(v.begin(), v.end());
    const double median = v[v.size() / 2];
    const double p99 = v[std::min(v.size() - 1, static_cast<std::size_t>(0.99 * static_cast<double>(v.size())))];
    const double budget = 1000.0 / 60.0 * 1.05;  // a frame later than this misses a 60 Hz refresh
    const auto late = std::count_if(v.begin(), v.end(), [&](double ms) { return ms > budget; });
    double total_ms = 0;
    for (double ms : v) total_ms += ms;
    std::printf("frames %zu  %.1f fps  median %.2f ms  p99 %.2f ms  over 17.5 ms %.1f%%  worker %.0f steps/s "
                "(ensemble %d)\n",
                v.size(), 1000.0 * static_cast<double>(v.size()) / std::max(1e-9, total_ms), median, p99,
                100.0 * static_cast<double>(late) / static_cast<double>(v.size()),
                s.measured_steps_per_second, s.ensemble_size);
    auto median_of = [](std::vector<double> x) {
        if (x.empty()) return 0.0;
        std::sort(x.begin(), x.end());
        return x[x.size() / 2];
    };
    std::printf("frames showing a new step: %zu, median %.2f ms; repeating a step: %zu, median %.2f ms\n",
                frame_ms_new_.size(), median_of(frame_ms_new_), frame_ms_same_.size(),
                median_of(frame_ms_same_));
    std::printf("cpu per frame: %s\n",
                thread_cpu_per_frame(cpu_at_bench_start_, thread_cpu_seconds(),
                                     static_cast<int>(frame_ms_.size()) - 1).c_str());
    std::fflush(stdout);
}

ScriptRunner::Phase ScriptRunner::after_scenario() const {
    if (o_.replay_demo) return Phase::Replay;
    return o_.frames_bench > 0 ? Phase::Bench : Phase::Settle;
}

void ScriptRunner::finish(bool ok, const std::string& message) {
    if (!ok) return fail(message);
    std::printf("%s\n", message.c_str());
    phase_ = Phase::Done;
}

namespace {
// A layer's units as a string of '0' and '1' (unit j at index j).
std::string bits_string(const FocusedFrame& f, int layer, int units) {
    std::string b(static_cast<std::size_t>(units), '0');
    for (int j = 0; j < units; ++j)
        if (f.bit(layer, j)) b[static_cast<std::size_t>(j)] = '1';
    return b;
}
nlohmann::json rgb(plot::Rgb c) { return {c.r, c.g, c.b}; }
}  // namespace

namespace {
// The replay panel's curves (condition colours as the panel draws them) and samples.
void add_replay_content(const UiContext& ctx, nlohmann::json& j) {
    if (!ctx.replay.job) return;
    {
        const auto rp = ctx.replay.job->progress();
        static constexpr int kConditionRgb[5][3] = {{230, 80, 80}, {120, 200, 120}, {90, 170, 255}, {240, 190, 70}, {200, 130, 230}};
        nlohmann::json curves = nlohmann::json::array();
        for (const auto& k : rp->curves) {
            const int ci = static_cast<int>(k.condition) % 5;
            curves.push_back({{"condition", to_string(k.condition)},
                              {"rgb", {kConditionRgb[ci][0], kConditionRgb[ci][1], kConditionRgb[ci][2]}},
                              {"initial_old", k.initial_old_accuracy},
                              {"old_fixed", k.old_accuracy_fixed},
                              {"new", k.new_accuracy}});
        }
        j["replay_curves"] = curves;
        j["replay_total_epochs"] = rp->total_epochs;
        if (rp->samples.rows() > 0 && rp->samples.cols() == 784) {
            nlohmann::json rows = nlohmann::json::array();
            for (Eigen::Index i = 0; i < rp->samples.rows(); ++i)
                rows.push_back(std::vector<float>(rp->samples.row(i).data(), rp->samples.row(i).data() + 784));
            j["replay_samples"] = rows;
        }
    }
}

// The focused chain's recent frames and the hidden bits of the current frame.
void add_focused_chain(const Snapshot& s, const ModelInfo& m, nlohmann::json& j) {
    // The focused chain's kept frames up to the cursor (the newest 512): step, energies, state, layer-1 bits.
    const std::size_t n = s.recent.size(), first = n > 512 ? n - 512 : 0;
    nlohmann::json steps = nlohmann::json::array(), energy = nlohmann::json::array(),
                   vstate = nlohmann::json::array(), bits1 = nlohmann::json::array();
    for (std::size_t i = first; i < n; ++i) {
        const FocusedFrame& f = *s.recent[i];
        steps.push_back(f.step);
        energy.push_back(f.energy);
        vstate.push_back(f.verdict.state);
        if (m.sizes.size() > 1 && !f.hidden_bits.empty()) bits1.push_back(bits_string(f, 1, m.sizes[1]));
    }
    j["recent_total"] = n;
    j["recent_steps"] = steps;
    j["recent_energy"] = energy;
    j["recent_states"] = vstate;
    j["recent_bits_layer1"] = bits1;
    if (s.current) {
        nlohmann::json hb = nlohmann::json::array();
        for (std::size_t l = 1; l < m.sizes.size() && l <= s.current->hidden_bits.size(); ++l)
            hb.push_back(bits_string(*s.current, static_cast<int>(l), m.sizes[l]));
        j["hidden_bits"] = hb;
    }
}

// The ensemble's energy per step: mean and SEM per layer.
void add_ensemble_energy(const Snapshot& s, const ModelInfo& m, nlohmann::json& j) {
    // The ensemble's energy per step: mean and SEM per layer.
    const int L = static_cast<int>(m.sizes.size()) - 1;
    nlohmann::json es = nlohmann::json::array(), em = nlohmann::json::array(), esem = nlohmann::json::array();
    for (std::size_t i = 0; i < s.ensemble.size(); ++i) {
        const EnsembleStep& e = s.ensemble[i];
        es.push_back(e.step);
        std::vector<float> mean, sem;
        for (int l = 0; l < L; ++l) mean.push_back(e.energy_mean[static_cast<std::size_t>(l)]), sem.push_back(e.energy_sem[static_cast<std::size_t>(l)]);
        em.push_back(mean);
        esem.push_back(sem);
    }
    j["ensemble_steps"] = es;
    j["ensemble_energy_mean"] = em;
    j["ensemble_energy_sem"] = esem;
}

// PCA: reference trajectories per class (data coordinates, class colour), focused trajectory, ensemble mean.
void add_pca(const Snapshot& s, const ModelInfo& m, nlohmann::json& j) {
    const int C = m.num_classes();
    // PCA: reference trajectories per class (data coordinates, class colour), focused trajectory, ensemble mean.
    j["pca_available"] = s.pca_available;
    nlohmann::json ref = nlohmann::json::array();
    for (std::size_t c = 0; c < m.pca_reference.size(); ++c) {
        nlohmann::json pts = nlohmann::json::array();
        for (const auto& p : m.pca_reference[c]) pts.push_back({p.x, p.y});
        ref.push_back({{"class", c}, {"rgb", rgb(plot::state_color(static_cast<int>(c), C))}, {"points", pts}});
    }
    j["pca_reference"] = ref;
    nlohmann::json tr = nlohmann::json::array(), mean = nlohmann::json::array();
    for (const auto& p : s.pca_trajectory) tr.push_back({p.x, p.y, p.state});
    for (const auto& p : s.pca_ensemble_mean) mean.push_back({p.x, p.y});
    j["pca_trajectory"] = tr;
    j["pca_ensemble_mean"] = mean;
}

}  // namespace

void add_drawn_content(const UiContext& ctx, nlohmann::json& j) {
    const Snapshot& s = *ctx.snap;
    const ImGuiIO& io = ImGui::GetIO();
    j["font_size"] = io.Fonts->Fonts.empty() ? 13.0f : io.Fonts->Fonts[0]->FontSize * io.FontGlobalScale;
    j["item_spacing"] = {ImGui::GetStyle().ItemSpacing.x, ImGui::GetStyle().ItemSpacing.y};
    j["window_padding"] = {ImGui::GetStyle().WindowPadding.x, ImGui::GetStyle().WindowPadding.y};
    j["status"] = s.status;
    j["mode"] = s.mode == RunMode::Paused ? "paused" : s.mode == RunMode::Playing ? "playing" : "running";
    j["composer_method"] = ctx.composer.method;
    j["composer_class_a"] = ctx.composer.class_a;
    j["composer_class_b"] = ctx.composer.class_b;
    // Curve colours of the energy and PCA panels (focused chain, ensemble mean).
    j["focused_rgb"] = {90, 200, 255};
    j["ensemble_rgb"] = {255, 160, 60};
    add_replay_content(ctx, j);
    add_teach_content(ctx, j);  // image start + clamp, lesson (teach_script.cpp)
    add_attractor_content(ctx.attractors, j);
    const ModelInfo* m = s.model.get();
    if (!m) return;
    const int C = m->num_classes();
    j["num_classes"] = C;
    j["layer_sizes"] = m->sizes;
    nlohmann::json states = nlohmann::json::array();  // colour of state 0..C-1, then C (non-class), then unknown
    for (int c = 0; c <= C; ++c) states.push_back(rgb(plot::state_color(c, C)));
    states.push_back(rgb(plot::state_color(-1, C)));
    j["state_rgb"] = states;
    add_focused_chain(s, *m, j);
    add_ensemble_energy(s, *m, j);
    add_pca(s, *m, j);
    add_network_content(ctx, j);  // network_script.cpp
}

}  // namespace topdown::gui
