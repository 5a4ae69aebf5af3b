#include "script_runner.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "generate/biasing.hpp"
#include "panels/panel.hpp"

namespace topdown::gui {

void ScriptRunner::fail(const std::string& message, int code) {
    std::fprintf(stderr, "topdown: %s\n", message.c_str());
    exit_code_ = code;
    phase_ = Phase::Done;
}

bool ScriptRunner::parse_classes(const ModelInfo& m, int& a, int& b) {
    std::vector<int> v;
    std::stringstream ss(o_.classes);
    std::string part;
    while (std::getline(ss, part, ',')) {
        int idx = -1;
        for (int i = 0; i < m.num_classes(); ++i)
            if (m.model->class_names[static_cast<std::size_t>(i)] == part) idx = i;
        if (idx < 0 && !part.empty() && part.find_first_not_of("0123456789") == std::string::npos && part.size() < 6)
            idx = std::stoi(part);
        if (idx < 0 || idx >= m.num_classes()) return false;
        v.push_back(idx);
    }
    if (v.empty()) return false;
    a = v[0];
    b = v.size() > 1 ? v[1] : v[0];
    return true;
}

void ScriptRunner::update(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    new_step_ = s.step != last_step_;
    last_step_ = s.step;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    if (phase_ != Phase::Done && phase_ != Phase::Screenshot && elapsed > o_.timeout_s) {
        fail(std::string("timed out after ") + std::to_string(static_cast<int>(o_.timeout_s)) + " s", kExitUsageOrTimeout);
        return;
    }
    switch (phase_) {
        case Phase::LoadModel:
            if (o_.model.empty() && o_.session.empty()) return fail("scripted mode needs --model or --session");
            if (!o_.session.empty()) {
                ctx.open_session(o_.session);
                if (!ctx.pending_error.empty()) return fail(ctx.pending_error, kExitStartFileBad);
            } else {
                ctx.current_model_path = o_.model;
                ctx.send(cmd::LoadModel{o_.model});
            }
            ctx.send(cmd::SetSpeed{0});
            phase_ = Phase::WaitModel;
            return;
        case Phase::WaitModel: {
            if (s.error_serial > 0) return fail(s.error, kExitStartFileBad);  // the model given at start
            if (s.loading || !s.model) return;
            if (!o_.session.empty()) {  // the session's own params and step
                phase_ = Phase::WaitSteps;
                return;
            }
            ComposerState& c = ctx.composer;
            c.method = static_cast<int>(parse_bias_method(o_.method));
            if (c.method <= static_cast<int>(BiasMethod::Intersection) && !parse_classes(*s.model, c.class_a, c.class_b))
                return fail("--classes '" + o_.classes + "' does not name classes of this model");
            c.k = o_.k;
            c.temperature = o_.temperature;
            c.seed = static_cast<int>(o_.seed % 2147483647u);
            c.steps = o_.steps;
            c.ensemble_size = o_.ensemble;
            SessionParams p = composer_params(c);
            p.seed = o_.seed;
            ctx.send(cmd::Restart{p, true});
            phase_ = Phase::WaitSteps;
            return;
        }
        case Phase::WaitSteps: {
            if (s.error_serial > 0) return fail(s.error);
            const int target = o_.session.empty() ? o_.steps : s.run_to_step;
            if (target > 0 && (s.step < target || s.mode != RunMode::Paused)) return;
            phase_ = !o_.open_after.empty() ? Phase::OpenOther : after_scenario();
            if (phase_ == Phase::Bench) {
                ctx.send(cmd::SetSpeed{o_.speed > 0 ? o_.speed : 0.0f});
                ctx.send(cmd::Play{});
            }
            return;
        }
        case Phase::OpenOther: {
            if (open_index_ >= o_.open_after.size()) {
                std::printf("opened %zu files: %d rejected, %d loaded\n", o_.open_after.size(), opened_rejected_, opened_loaded_);
                phase_ = after_scenario();
                if (phase_ == Phase::Bench) {
                    ctx.send(cmd::SetSpeed{o_.speed > 0 ? o_.speed : 0.0f});
                    ctx.send(cmd::Play{});
                }
                return;
            }
            const std::string& path = o_.open_after[open_index_];
            error_serial_at_open_ = s.error_serial;
            const bool session = path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0;
            if (session) {
                ctx.pending_error.clear();
                ctx.open_session(path);  // parse errors are immediate; a missing model fails in the loader
                if (!ctx.pending_error.empty()) {
                    std::printf("open %s: rejected (%s)\n", path.c_str(), ctx.pending_error.c_str());
                    ++opened_rejected_;
                    ++open_index_;
                    return;
                }
            } else {
                ctx.send(cmd::LoadModel{path});
            }
            open_wait_frames_ = 0;
            phase_ = Phase::WaitOther;
            return;
        }
        case Phase::WaitOther: {
            const std::string& path = o_.open_after[open_index_];
            const bool failed = s.error_serial != error_serial_at_open_;
            const bool session = path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0;
            const bool loaded = s.model && (session ? s.model->path == ctx.current_model_path : s.model->path == path);
            // The loader reports within a few frames; "loading" is set by the worker once it has the request.
            if (s.loading || (!failed && !loaded) || ++open_wait_frames_ < 2) return;
            std::printf("open %s: %s\n", path.c_str(), failed ? ("rejected, previous model kept: " + s.error).c_str() : "loaded");
            (failed ? opened_rejected_ : opened_loaded_)++;
            ++open_index_;
            phase_ = Phase::OpenOther;
            return;
        }
        case Phase::Replay: {
            ReplayPanelState& r = ctx.replay;
            ctx.view.show_replay = true;
            r.epochs = 2, r.batches = 8, r.limit = 2000, r.seed = 1;
            for (bool& c : r.conditions) c = false;
            r.conditions[static_cast<int>(ReplayCondition::Sequential)] = true;
            r.conditions[static_cast<int>(ReplayCondition::GenerativeChimera)] = true;
            start_replay(ctx);
            if (!ctx.pending_error.empty()) return fail(ctx.pending_error);
            phase_ = Phase::WaitReplay;
            return;
        }
        case Phase::WaitReplay: {
            if (ctx.replay_job->running()) return;
            const auto p = ctx.replay_job->progress();
            if (p->state != ReplayProgress::State::Finished) return fail("replay experiment ended: " + p->stage + " " + p->error);
            std::printf("replay finished: %zu conditions\n", p->curves.size());
            phase_ = o_.frames_bench > 0 ? Phase::Bench : Phase::Settle;
            if (phase_ == Phase::Bench) {
                ctx.send(cmd::SetSpeed{o_.speed > 0 ? o_.speed : 0.0f});
                ctx.send(cmd::Play{});
            }
            return;
        }
        case Phase::Bench:
            if (static_cast<int>(frame_ms_.size()) < o_.frames_bench) return;
            {
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
            ctx.send(cmd::Pause{});
            phase_ = o_.screenshot.empty() ? Phase::Done : Phase::Settle;
            return;
        case Phase::Settle:
            if (++settle_frames_ >= 4) phase_ = o_.screenshot.empty() ? Phase::Done : Phase::Screenshot;
            return;
        case Phase::Screenshot:
        case Phase::Done: return;
    }
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

}  // namespace topdown::gui
