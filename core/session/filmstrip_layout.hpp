// How many filmstrip thumbnails the visible panel shows: as many as fit, but never more than it has texture
// slots (a slot is reused by step % slots, so two thumbnails on screen must never share one).
#pragma once
#include <memory>
#include <vector>

#include "session/snapshot.hpp"

namespace topdown {

// Texture slots of the filmstrip ("film_<step % kFilmstripSlots>").
constexpr int kFilmstripSlots = 48;

// Thumbnails of width `thumb` with `gap` between them that fit in `avail` pixels: at least 1, at most
// kFilmstripSlots.
int filmstrip_count(float avail, float thumb, float gap);

// The frames the filmstrip shows, oldest first: the newest `count` of the start (step 0, when `start` is set and
// the kept frames begin at step 1, i.e. nothing between them is missing) followed by the kept frames `recent`.
std::vector<std::shared_ptr<const FocusedFrame>> filmstrip_frames(
    const std::shared_ptr<const FocusedFrame>& start, const std::vector<std::shared_ptr<const FocusedFrame>>& recent,
    int count);

}  // namespace topdown
