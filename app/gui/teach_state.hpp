// UI state of the teaching panels (issue 16 items 2 and 4): the start-image canvas and the lesson player.
// One member of UiContext (`teach`); the canvas's image and clamp mask themselves live in the composer
// (ComposerState::start_image / clamp_mask), so Play and the session files see them.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "data/dataset.hpp"
#include "session/lesson.hpp"

namespace topdown::gui {

// What a stroke on the canvas does.
enum class CanvasTool { Draw, Erase, Clamp, Unclamp };

struct CanvasState {
    bool open = false;
    CanvasTool tool = CanvasTool::Draw;
    float brush = 1.5f;               // brush radius in pixels of the model's image
    float ink = 1.0f;                 // value the Draw tool paints (Erase paints 0)
    std::string file;                 // "load image file" path field
    std::string message;              // result of the last load
    int page = 0;                     // test-image thumbnails: page of 20
    std::shared_ptr<const Dataset> tests;  // the model's test split, loaded on first use
    std::string tests_name;           // ... of this dataset
    int strokes = 0;                  // mouse strokes so far (tests)
};

struct LessonState {
    bool open = false;
    std::vector<std::string> files;   // shipped lessons (assets/lessons) found when the menu opens
    std::optional<Lesson> lesson;
    std::string path;                 // the lesson file
    int step = 0;                     // the step shown (0-based)
    int applied = -1;                 // the step whose settings were applied last
    std::string pending_model;        // a model the step asked for: restart once it is loaded
    bool pending_play = false;
    std::string message;              // an error or a note for the panel
};

struct TeachState {
    CanvasState canvas;
    LessonState lesson;
};

}  // namespace topdown::gui
