// The app's biasing composer as plain data (no GUI): its fields, the session params they describe, whether
// they differ from the running session's, and the papers' presets. Kept in the core so it can be tested.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "session/session_params.hpp"

namespace topdown {

// The biasing composer's fields (edited by the user, sent on Start/Restart/Play).
struct ComposerState {
    int method = 2;               // BiasMethod as int (intersection by default)
    int class_a = 2, class_b = 9;
    int k = 0;                    // 0: the model's k
    float temperature = 1.0f;
    int schedule = 0;             // ScheduleKind as int (constant, linear, cosine)
    float t_end = 1.0f;           // end temperature of a linear or cosine schedule
    std::uint64_t seed = 7;       // 64-bit like SessionParams::seed (never truncated)
    int steps = 100;
    int ensemble_size = 100;
    int sample_index = 0;
    std::vector<float> start_image;  // BiasMethod::Image: the drawn / loaded start (D pixels; empty = blank)
    std::vector<float> clamp_mask;   // ... its clamped pixels (nonzero; empty = none)
};

// The session params the composer describes.
SessionParams composer_params(const ComposerState& c);
// The composer showing `p` (the inverse of composer_params; the seed is kept whole).
ComposerState composer_from_params(const SessionParams& p);
// True when running `want` would reproduce the chains of `running` (k 0 means `model_k`; fields the method
// ignores are not compared; the step target is not compared).
bool same_session_params(const SessionParams& want, const SessionParams& running, int model_k);

// What Play (button or Space) does.
enum class PlayAction { Resume, Pause, RestartWithComposer };
// Play runs what the composer shows: resumes when the composer equals the running session, else restarts
// with the composer's settings; pauses while playing.
PlayAction play_action(bool playing, bool composer_differs);

// One of the papers' examples: every field of the composer is set (method, classes, k, T, seed, steps,
// ensemble), so a preset gives the same chains whatever was composed before.
struct Preset {
    std::string id;      // "intersection-2-9", "double-0-3", "label-8"
    ComposerState state;
};
// The presets (classes by index; a model with fewer classes cannot use them, see preset_usable).
const std::vector<Preset>& paper_presets();
// The preset with this id, or null.
const Preset* find_preset(const std::string& id);
// Button text of a preset with the model's class names, e.g. "2 ∩ 9" (MNIST), "Pullover ∩ Ankle boot".
std::string preset_label(const Preset& p, const std::vector<std::string>& class_names);
// True when the model's classes include the preset's.
bool preset_usable(const Preset& p, int num_classes);

}  // namespace topdown
