// The model files the model panel lists, and the model the user asked for last.
#pragma once
#include <string>
#include <vector>

namespace topdown::gui {

struct ModelList {
    std::vector<std::string> files;  // found in assets/models and the user models folder
    bool rescan = true;              // scan the folders again before the next draw
    std::string current_path;        // the model the user asked for last
};

}  // namespace topdown::gui
