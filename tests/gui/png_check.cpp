// Checks a screenshot written by `topdown --screenshot FILE` against its sidecar FILE.json (panel and item
// rectangles, step, model path, the displayed visible image): image size, panels not blank, pixel variance and
// exact colours (orientation, upscale, colour map) of the visible-layer image, line pixels in the energy plot, the
// step reached, the model kept. Exit 0 when every check passes.
#include <stb/stb_image.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../../app/gui/plot/colormaps.hpp"
#include <string>
#include <vector>

namespace {
struct Png {
    int w = 0, h = 0;
    std::vector<unsigned char> rgb;
    const unsigned char* at(int x, int y) const { return &rgb[(static_cast<std::size_t>(y) * w + x) * 3]; }
};

bool load_png(const std::string& path, Png& out) {
    int n = 0;
    unsigned char* data = stbi_load(path.c_str(), &out.w, &out.h, &n, 3);
    if (!data) return false;
    out.rgb.assign(data, data + static_cast<std::size_t>(out.w) * out.h * 3);
    stbi_image_free(data);
    return true;
}

struct Box {
    int x = 0, y = 0, w = 0, h = 0;
};

int failures = 0;
void check(bool ok, const std::string& what) {
    std::printf("%s  %s\n", ok ? "ok  " : "FAIL", what.c_str());
    if (!ok) ++failures;
}

// The rectangle of `name` under `group` ("panels" or "items"), in image coordinates (crop removed).
bool find_box(const nlohmann::json& side, const char* group, const std::string& name, const Png& img, Box& b) {
    if (!side.contains(group) || !side[group].contains(name)) return false;
    const auto& r = side[group][name];
    const auto& c = side["crop"];
    const float cx = c[2].get<float>() > 0 ? c[0].get<float>() : 0, cy = c[2].get<float>() > 0 ? c[1].get<float>() : 0;
    b.x = std::max(0, static_cast<int>(std::ceil(r[0].get<float>() - cx)));
    b.y = std::max(0, static_cast<int>(std::ceil(r[1].get<float>() - cy)));
    b.w = std::min(img.w - b.x, static_cast<int>(r[2].get<float>()) - 1);
    b.h = std::min(img.h - b.y, static_cast<int>(r[3].get<float>()) - 1);
    return b.w > 0 && b.h > 0;
}

double luminance_stddev(const Png& img, const Box& b) {
    double s = 0, s2 = 0;
    const double n = static_cast<double>(b.w) * b.h;
    for (int y = b.y; y < b.y + b.h; ++y)
        for (int x = b.x; x < b.x + b.w; ++x) {
            const unsigned char* p = img.at(x, y);
            const double l = 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
            s += l, s2 += l * l;
        }
    return std::sqrt(std::max(0.0, s2 / n - (s / n) * (s / n)));
}

long count_near(const Png& img, const Box& b, const int rgb[3], int tolerance) {
    long n = 0;
    for (int y = b.y; y < b.y + b.h; ++y)
        for (int x = b.x; x < b.x + b.w; ++x) {
            const unsigned char* p = img.at(x, y);
            if (std::abs(p[0] - rgb[0]) + std::abs(p[1] - rgb[1]) + std::abs(p[2] - rgb[2]) <= tolerance) ++n;
        }
    return n;
}

void usage() {
    std::fprintf(stderr,
                 "usage: topdown_png_check FILE.png [--size WxH] [--step N] [--model-suffix TEXT] [--error]\n"
                 "       [--not-blank PANEL]... [--varied ITEM MIN_STDDEV]... [--line-pixels ITEM MIN_COUNT]...\n"
                 "       [--same-region OTHER.png ITEM]... [--sidecar KEY VALUE]...\n");
}
}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        usage();
        return 2;
    }
    const std::string path = argv[1];
    Png img;
    if (!load_png(path, img)) {
        std::fprintf(stderr, "cannot read PNG %s\n", path.c_str());
        return 1;
    }
    nlohmann::json side;
    try {
        std::ifstream in(path + ".json");
        side = nlohmann::json::parse(in);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "cannot read sidecar %s.json: %s\n", path.c_str(), e.what());
        return 1;
    }
    std::printf("%s: %d x %d, step %d, model %s\n", path.c_str(), img.w, img.h, side.value("step", -1),
                side.value("model_path", std::string("?")).c_str());
    for (int i = 2; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                usage();
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--size") {
            int w = 0, h = 0;
            const std::string v = next();
            if (std::sscanf(v.c_str(), "%dx%d", &w, &h) != 2) w = h = -1;
            check(img.w == w && img.h == h, "size " + std::to_string(img.w) + "x" + std::to_string(img.h) + " == " + v);
        } else if (a == "--panel-size") {  // the image has the size the sidecar reports for a cropped panel
            check(img.w == side.value("width", -1) && img.h == side.value("height", -1), "size matches the panel crop");
        } else if (a == "--step") {
            const int want = std::stoi(next());
            check(side.value("step", -1) == want, "step counter reads " + std::to_string(side.value("step", -1)) +
                                                      " (want " + std::to_string(want) + ")");
        } else if (a == "--model-suffix") {
            const std::string want = next();
            const std::string got = side.value("model_path", std::string());
            check(got.size() >= want.size() && got.compare(got.size() - want.size(), want.size(), want) == 0,
                  "model kept: " + got);
        } else if (a == "--error") {
            check(!side.value("error", std::string()).empty(), "error reported: " + side.value("error", std::string()));
        } else if (a == "--sidecar") {  // a top-level sidecar field has this (string or number) value
            const std::string key = next(), want = next();
            std::string got = "(missing)";
            if (side.contains(key)) got = side[key].is_string() ? side[key].get<std::string>() : side[key].dump();
            check(got == want, "sidecar " + key + " = " + got + " (expected " + want + ")");
        } else if (a == "--heatmap") {  // every heatmap cell shows the colour of its sidecar value
            const std::string name = next();
            Box b;
            const bool found = find_box(side, "items", name, img, b);
            const int n = side.value("transition_size", 0);
            if (!found || n <= 0 || !side.contains("transition_values") || side["transition_values"].size() != std::size_t(n * n)) {
                check(false, "heatmap " + name + " and its values are in the sidecar");
                continue;
            }
            // The item rectangle starts at the heatmap's first cell; cells are side / n pixels.
            const auto& r = side["items"][name];
            const double cell = r[2].get<double>() / n;
            const int bg[3] = {24, 26, 32};
            int coloured_expected = 0, coloured_seen = 0, mismatched = 0;
            for (int row = 0; row < n; ++row)
                for (int col = 0; col < n; ++col) {
                    const auto& v = side["transition_values"][std::size_t(row * n + col)];
                    int want[3] = {bg[0], bg[1], bg[2]};
                    if (!v.is_null()) {
                        const auto c = topdown::plot::colormap(topdown::plot::ColorMap::Viridis, v.get<float>());
                        want[0] = c.r, want[1] = c.g, want[2] = c.b;
                        ++coloured_expected;
                    }
                    // The majority colour of the ring one pixel inside the cell (labels sit in the middle).
                    const int x0 = b.x + int(std::ceil(col * cell)) + 1, y0 = b.y + int(std::ceil(row * cell)) + 1;
                    const int x1 = b.x + int(std::floor((col + 1) * cell)) - 2, y1 = b.y + int(std::floor((row + 1) * cell)) - 2;
                    int near = 0, total = 0;
                    for (int x = x0; x <= x1; ++x)
                        for (int y : {y0, y1}) {
                            const unsigned char* p = img.at(x, y);
                            near += std::abs(p[0] - want[0]) + std::abs(p[1] - want[1]) + std::abs(p[2] - want[2]) <= 12;
                            ++total;
                        }
                    const bool ok_cell = total > 0 && near * 2 > total;
                    if (!ok_cell) ++mismatched;
                    else if (!v.is_null()) ++coloured_seen;
                }
            char msg[200];
            std::snprintf(msg, sizeof msg, "heatmap %s: %d of %d coloured cells as expected, %d cells mismatched (<= 1)",
                          name.c_str(), coloured_seen, coloured_expected, mismatched);
            check(coloured_expected > 0 && coloured_seen >= coloured_expected - 1 && mismatched <= 1, msg);
        } else if (a == "--image") {  // the item shows the sidecar's visible image: orientation, upscale, colours
            const std::string name = next();
            const int rows = side.value("visible_rows", 0), cols = side.value("visible_cols", 0);
            topdown::plot::ColorMap cm{};
            const bool known_cm = topdown::plot::parse_colormap(side.value("visible_colormap", std::string()), cm);
            if (!side.contains("items") || !side["items"].contains(name) || rows <= 0 || cols <= 0 || !known_cm ||
                !side.contains("visible_values") || side["visible_values"].size() != std::size_t(rows * cols)) {
                check(false, "image " + name + " and the visible values are in the sidecar");
                continue;
            }
            // Sample the centre of every image pixel's cell in the item rectangle (crop removed).
            const auto& r = side["items"][name];
            const auto& c = side["crop"];
            const double ox = r[0].get<double>() - (c[2].get<double>() > 0 ? c[0].get<double>() : 0);
            const double oy = r[1].get<double>() - (c[2].get<double>() > 0 ? c[1].get<double>() : 0);
            const double cw = r[2].get<double>() / cols, ch = r[3].get<double>() / rows;
            int matched = 0, total = 0;
            for (int row = 0; row < rows; ++row)
                for (int col = 0; col < cols; ++col) {
                    const int x = int(ox + (col + 0.5) * cw), y = int(oy + (row + 0.5) * ch);
                    if (x < 0 || y < 0 || x >= img.w || y >= img.h) continue;
                    const auto want = topdown::plot::colormap(cm, side["visible_values"][std::size_t(row * cols + col)].get<float>());
                    const unsigned char* p = img.at(x, y);
                    matched += std::abs(p[0] - want.r) + std::abs(p[1] - want.g) + std::abs(p[2] - want.b) <= 12;
                    ++total;
                }
            char msg[200];
            std::snprintf(msg, sizeof msg, "image %s: %d of %d pixels show their value's %s colour (>= 99 %%)",
                          name.c_str(), matched, rows * cols, topdown::plot::colormap_name(cm));
            check(total == rows * cols && matched * 100 >= total * 99, msg);
        } else if (a == "--not-blank") {
            const std::string name = next();
            Box b;
            const bool found = find_box(side, "panels", name, img, b);
            const double sd = found ? luminance_stddev(img, b) : 0;
            char msg[200];
            std::snprintf(msg, sizeof msg, "panel %s not blank (luminance stddev %.1f > 6)", name.c_str(), sd);
            check(found && sd > 6.0, msg);
        } else if (a == "--varied") {
            const std::string name = next();
            const double min_sd = std::stod(next());
            Box b;
            const bool found = find_box(side, "items", name, img, b);
            const double sd = found ? luminance_stddev(img, b) : 0;
            char msg[200];
            std::snprintf(msg, sizeof msg, "%s varies (luminance stddev %.1f > %.1f)", name.c_str(), sd, min_sd);
            check(found && sd > min_sd, msg);
        } else if (a == "--line-pixels") {
            const std::string name = next();
            const long min_count = std::stol(next());
            Box b;
            const bool found = find_box(side, "items", name, img, b);
            int rgb[3] = {90, 200, 255};
            if (side.contains("focused_line_rgb"))
                for (int k = 0; k < 3; ++k) rgb[k] = side["focused_line_rgb"][static_cast<std::size_t>(k)].get<int>();
            const long n = found ? count_near(img, b, rgb, 60) : 0;
            check(found && n >= min_count, name + " has " + std::to_string(n) + " focused-line pixels (>= " +
                                               std::to_string(min_count) + ")");
        } else if (a == "--same-region") {
            const std::string other_path = next();
            const std::string name = next();
            Png other;
            nlohmann::json other_side;
            bool ok = load_png(other_path, other);
            try {
                std::ifstream in(other_path + ".json");
                other_side = nlohmann::json::parse(in);
            } catch (const std::exception&) {
                ok = false;
            }
            Box b1, b2;
            ok = ok && find_box(side, "items", name, img, b1) && find_box(other_side, "items", name, other, b2) &&
                 b1.w == b2.w && b1.h == b2.h;
            long diff = 0;
            if (ok)
                for (int y = 0; y < b1.h; ++y)
                    for (int x = 0; x < b1.w; ++x)
                        diff += std::memcmp(img.at(b1.x + x, b1.y + y), other.at(b2.x + x, b2.y + y), 3) != 0;
            check(ok && diff == 0, name + " identical to " + other_path + " (" + std::to_string(diff) + " pixels differ)");
        } else {
            usage();
            return 2;
        }
    }
    std::printf("%s\n", failures ? "FAILED" : "all checks passed");
    return failures ? 1 : 0;
}
