// The image start of a live session (BiasMethod::Image, docs/METHODS.md §15) in the session's plain data:
// the composer's start image and clamp mask, how they go into the session params, and how two are compared.
#pragma once
#include <string>
#include <vector>

#include "generate/biasing.hpp"

namespace topdown {

// " (N pixels clamped)" for a spec with a clamp mask, " (no clamp)" otherwise (for describe()).
std::string start_image_summary(const BiasSpec& spec);

// Puts a composer's start image and mask (D floats each, or empty) into `spec` as 1 x D rows.
void set_start_image(BiasSpec& spec, const std::vector<float>& image, const std::vector<float>& mask);

// The spec's start image / mask as flat vectors (empty when none).
std::vector<float> start_image_pixels(const BiasSpec& spec);
std::vector<float> clamp_mask_pixels(const BiasSpec& spec);

// True when two specs have the same start image and the same clamped pixels (sizes compared first).
bool same_start_image(const BiasSpec& a, const BiasSpec& b);

// An image start without an image starts from a blank (all-zero) canvas of `visible_size` pixels.
void fill_blank_start_image(BiasSpec& spec, int visible_size);

}  // namespace topdown

#include <nlohmann/json.hpp>

namespace topdown {

// Session files: an image start's image and mask as "start_image" / "clamp_mask" arrays (written only for
// BiasMethod::Image). Reading checks every value (numbers in [0, 1], at most 1,000,000 entries, equal lengths)
// and throws FileFormatError with `prefix` in front of the message.
void start_image_to_json(const BiasSpec& spec, nlohmann::json& j);
void start_image_from_json(const nlohmann::json& j, BiasSpec& spec, const std::string& prefix);

}  // namespace topdown
