// Guided lessons (issue 16 item 4): a lesson file (JSON, format "topdown-lesson") is a title and a sequence of
// steps; each step sets up the app (model, biasing, speed, which panel or tab) and says in plain language what to
// look for. Lessons are data, so a lecturer can write their own (README, "Lessons"). Files are untrusted: every
// field is checked, and anything wrong is a FileFormatError that names the step and the field.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "session/composer_state.hpp"

namespace topdown {

constexpr int kLessonFileVersion = 1;
constexpr int kMaxLessonSteps = 100;
constexpr std::size_t kMaxLessonText = 4000;          // characters of one text field
constexpr std::uint64_t kMaxLessonFileBytes = 1u << 20;

// One step: what to set (every setting optional: an absent one keeps what the app has) and what to say.
struct LessonStep {
    std::string title;                   // short heading
    std::string text;                    // what to do / what is going on (plain language)
    std::string look_for;                // what to watch on screen ("" = none)
    std::optional<std::string> model;    // a model file name, e.g. "rbm_mnist.tdm" (looked up among the app's models)
    std::optional<int> method;           // BiasMethod as int
    std::optional<int> class_a, class_b; // class indices
    std::optional<int> k;                // 0: the model's k
    std::optional<float> temperature;
    std::optional<std::uint64_t> seed;
    std::optional<int> steps;            // run to this step
    std::optional<int> ensemble;         // ensemble size
    std::optional<float> speed;          // steps per second (0: as fast as possible)
    std::string panel;                   // a panel id or tab name to show ("" = none), e.g. "energy", "pca", "replay"
    bool play = false;                   // start the chains (restart with the composer) when the step is shown
};

struct Lesson {
    std::string title;
    std::string summary;                 // one or two sentences ("" = none)
    std::vector<LessonStep> steps;       // at least one
};

// Parses a lesson file's text. Throws FileFormatError ("lesson: step 3: \"method\" ...") on any bad input.
Lesson parse_lesson(const std::string& text);
// Reads and parses a lesson file (at most kMaxLessonFileBytes). Throws IoError / FileFormatError.
Lesson load_lesson(const std::string& path);

// Applies a step's biasing and run settings to the composer (fields the step leaves out are kept).
void apply_lesson_step(const LessonStep& step, ComposerState& composer);

// The lesson files (*.json) of a folder, sorted by name (none when the folder is missing).
std::vector<std::string> lesson_files(const std::string& folder);

}  // namespace topdown
