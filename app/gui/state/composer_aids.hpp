// What the composer shows beside its fields: the intersection sizes of the loaded model and the preset
// applied last (its figure is named).
#pragma once
#include <string>

#include "session/intersection_cache.hpp"

namespace topdown::gui {

struct ComposerAids {
    IntersectionCache intersections;  // intersection sizes of the loaded model
    std::string active_preset;        // the preset applied last (its figure is shown)
};

}  // namespace topdown::gui
