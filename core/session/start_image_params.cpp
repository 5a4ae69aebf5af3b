#include "session/start_image_params.hpp"

#include "generate/clamp_mask.hpp"

namespace topdown {

namespace {
Matrix row_of(const std::vector<float>& v) {
    if (v.empty()) return Matrix();
    return Eigen::Map<const Matrix>(v.data(), 1, static_cast<Eigen::Index>(v.size()));
}
std::vector<float> flat(const Matrix& m) { return std::vector<float>(m.data(), m.data() + m.size()); }
}  // namespace

std::string start_image_summary(const BiasSpec& s) {
    int clamped = 0;
    for (Eigen::Index j = 0; j < s.clamp_mask.size(); ++j) clamped += s.clamp_mask.data()[j] != 0.0f;
    return clamped > 0 ? " (" + std::to_string(clamped) + " pixels clamped)" : std::string(" (no clamp)");
}

void set_start_image(BiasSpec& spec, const std::vector<float>& image, const std::vector<float>& mask) {
    spec.image = row_of(image);
    spec.clamp_mask = row_of(mask);
}

std::vector<float> start_image_pixels(const BiasSpec& spec) { return flat(spec.image); }
std::vector<float> clamp_mask_pixels(const BiasSpec& spec) { return flat(spec.clamp_mask); }

bool same_start_image(const BiasSpec& a, const BiasSpec& b) {
    // An empty image is the blank canvas (all zeros), and an empty mask clamps nothing.
    auto any = [](const Matrix& m) { return m.size() > 0 && (m.array() != 0.0f).any(); };
    auto same = [&](const Matrix& x, const Matrix& y) {
        if (x.size() == 0 || y.size() == 0) return !any(x) && !any(y);
        return x.size() == y.size() && x.cwiseEqual(y).all();
    };
    const bool masks = (!any(a.clamp_mask) && !any(b.clamp_mask)) ||
                       (a.clamp_mask.size() == b.clamp_mask.size() && ((a.clamp_mask.array() != 0.0f) == (b.clamp_mask.array() != 0.0f)).all());
    return same(a.image, b.image) && masks;
}

void fill_blank_start_image(BiasSpec& spec, int visible_size) {
    if (spec.method == BiasMethod::Image && spec.image.size() == 0 && visible_size > 0)
        spec.image = Matrix::Zero(1, visible_size);
}

}  // namespace topdown

#include "util/errors.hpp"

namespace topdown {

void start_image_to_json(const BiasSpec& spec, nlohmann::json& j) {
    if (spec.method != BiasMethod::Image) return;
    j["start_image"] = start_image_pixels(spec);
    j["clamp_mask"] = clamp_mask_pixels(spec);
}

void start_image_from_json(const nlohmann::json& j, BiasSpec& spec, const std::string& prefix) {
    auto read = [&](const char* name) {
        std::vector<float> v;
        const auto it = j.find(name);
        if (it == j.end()) return v;
        if (!it->is_array() || it->size() > 1'000'000)
            throw FileFormatError(prefix + "\"" + name + "\" must be an array of at most 1000000 numbers");
        v.reserve(it->size());
        for (const auto& x : *it) {
            const double d = x.is_number() ? x.get<double>() : -1.0;
            if (!(d >= 0.0 && d <= 1.0)) throw FileFormatError(prefix + "\"" + name + "\" must hold numbers in [0, 1]");
            v.push_back(static_cast<float>(d));
        }
        return v;
    };
    const std::vector<float> image = read("start_image"), mask = read("clamp_mask");
    if (!mask.empty() && mask.size() != image.size())
        throw FileFormatError(prefix + "\"clamp_mask\" must have as many entries as \"start_image\"");
    set_start_image(spec, image, mask);
}

}  // namespace topdown
