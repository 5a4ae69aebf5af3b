// The non-class images of docs/METHODS.md §7.2: scrambled images (pixels randomly permuted) and masked images
// (a connected region of active pixels erased, grown from a random active pixel over 10-20 rounds,
// each round erasing a random third of the active 8-neighbours of the region so far).
#pragma once
#include <cstdint>

#include "data/dataset.hpp"
#include "math/random.hpp"

namespace topdown {

// A copy of `image` (side x side, row-major) with its pixels randomly permuted.
Vector scrambled_image(const Vector& image, CounterRng& rng);

// A copy of `image` with a grown connected region of active (> 0) pixels set to 0. `erased` (optional)
// receives the number of erased pixels.
Vector masked_image(const Vector& image, int side, CounterRng& rng, int* erased = nullptr);

// `count` non-class images built from `source` (1/11 scrambled, 10/11 masked; masked images cycle
// through the classes in turn), reproducible from (seed). Rows of the result are images.
Matrix make_non_class_images(const Dataset& source, int count, std::uint64_t seed);

}  // namespace topdown
