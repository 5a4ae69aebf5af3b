// The scripted (headless-friendly) mode: loads the model, runs the scenario to the requested step, optionally
// opens another model file (error-path test) and measures frame times, then asks for a screenshot and exits.
#pragma once
#include <chrono>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "app_options.hpp"
#include "thread_cpu.hpp"
#include "ui_context.hpp"

namespace topdown::gui {

// Adds to a screenshot's sidecar what the panels were given to draw, for the GUI tests to find on screen:
// font size, state colours, the focused chain's recent steps (energies, states, layer-1 bits), the ensemble's
// energy mean ± SEM, the hidden bits of the current frame, the PCA reference trajectories, the focused
// trajectory and ensemble mean, the curve colours and the composer's classes.
void add_drawn_content(const UiContext& ctx, nlohmann::json& sidecar);

class ScriptRunner {
public:
    explicit ScriptRunner(AppOptions options) : o_(std::move(options)) {}
    // Called once per frame after the snapshot is taken; sends commands as the scenario advances.
    void update(UiContext& ctx);
    // True when this frame should be saved (then call finish()).
    bool wants_screenshot() const { return phase_ == Phase::Screenshot; }
    // True when the app should exit; exit_code() says how.
    bool done() const { return phase_ == Phase::Done; }
    int exit_code() const { return exit_code_; }
    // Files opened after the scenario: how many were rejected (error shown, previous model kept) and loaded.
    int opened_rejected() const { return opened_rejected_; }
    int opened_loaded() const { return opened_loaded_; }
    int opened_total() const { return static_cast<int>(o_.open_after.size()); }
    // Marks the screenshot as written (or failed) and finishes.
    void finish(bool ok, const std::string& message);
    // Records the duration of the last frame (used by --frames-bench).
    void frame_time(double ms) {
        if (phase_ != Phase::Bench) return;
        if (frame_ms_.empty()) cpu_at_bench_start_ = thread_cpu_seconds();
        frame_ms_.push_back(ms);
        (new_step_ ? frame_ms_new_ : frame_ms_same_).push_back(ms);
    }

private:
    enum class Phase { LoadModel, WaitModel, WaitSteps, OpenOther, WaitOther, Replay, WaitReplay, Bench, Settle, Screenshot, Done };
    // The phase after the chain (and the optional open) is done.
    Phase after_scenario() const;
    void fail(const std::string& message, int code = 1);
    // Moves to phase `next` (the benchmark starts playing).
    void enter(UiContext& ctx, Phase next);
    // One method per phase (update() dispatches).
    void load_model(UiContext& ctx);
    void wait_model(UiContext& ctx);
    void wait_steps(UiContext& ctx);
    void open_other(UiContext& ctx);
    void wait_other(UiContext& ctx);
    void start_replay_demo(UiContext& ctx);
    void wait_replay(UiContext& ctx);
    void bench(UiContext& ctx);
    // Prints the frame-time benchmark's results.
    void print_bench(const Snapshot& s) const;
    bool parse_classes(const ModelInfo& m, const std::string& classes, int& a, int& b);
    // Puts the scenario into a composer: --method / --classes (or side B's), k, T, seed, steps, ensemble.
    bool compose(const ModelInfo& m, ComposerState& c, bool side_b);

    AppOptions o_;
    Phase phase_ = Phase::LoadModel;
    int exit_code_ = 0;
    int settle_frames_ = 0;
    std::uint64_t error_serial_at_open_ = 0;
    std::size_t open_index_ = 0;        // next file of --open / --open-dir
    int opened_rejected_ = 0, opened_loaded_ = 0;
    int open_wait_frames_ = 0;
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
    std::vector<double> frame_ms_;
    std::vector<double> frame_ms_new_, frame_ms_same_;  // frames whose snapshot showed a new step, and the rest
    int last_step_ = -1;
    bool new_step_ = false;
    bool space_pressed_ = false;  // --press-space: waiting for the chains Space started  // this frame's snapshot shows a step the previous frame did not
    std::map<std::string, double> cpu_at_bench_start_;  // per-thread CPU seconds when the benchmark began
    bool logged_first_frame_ = false, logged_first_step_ = false;  // TOPDOWN_STARTUP_LOG (bench/bench_startup.sh)
};

}  // namespace topdown::gui
