// How many filmstrip thumbnails the visible panel shows: as many as fit, but never more than it has texture
// slots (a slot is reused by step % slots, so two thumbnails on screen must never share one).
#pragma once

namespace topdown {

// Texture slots of the filmstrip ("film_<step % kFilmstripSlots>").
constexpr int kFilmstripSlots = 48;

// Thumbnails of width `thumb` with `gap` between them that fit in `avail` pixels: at least 1, at most
// kFilmstripSlots.
int filmstrip_count(float avail, float thumb, float gap);

}  // namespace topdown
