// Checks a screenshot written by `topdown --screenshot FILE` against its sidecar FILE.json (panel and item
// rectangles, step, model path, the displayed visible image): image size, panels not blank, pixel variance and
// exact colours (orientation, upscale, colour map) of the visible-layer image, line pixels in the energy plot, the
// step reached, the model kept. Exit 0 when every check passes.
#include <stb/stb_image.h>

#include <array>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "model/model_file.hpp"
#include "plot/colormaps.hpp"
#include "session/panel_specs.hpp"
#include "plot/diverging.hpp"
#include "util/png.hpp"
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

// The raw (uncropped-to-int) rectangle of an item in image coordinates.
bool item_rect(const nlohmann::json& side, const std::string& name, double& x, double& y, double& w, double& h) {
    if (!side.contains("items") || !side["items"].contains(name)) return false;
    const auto& r = side["items"][name];
    const auto& c = side["crop"];
    const bool cropped = c[2].get<double>() > 0;
    x = r[0].get<double>() - (cropped ? c[0].get<double>() : 0);
    y = r[1].get<double>() - (cropped ? c[1].get<double>() : 0);
    w = r[2].get<double>(), h = r[3].get<double>();
    return w > 0 && h > 0;
}

struct Rgb3 {
    int r = 0, g = 0, b = 0;
};
Rgb3 rgb_of(const nlohmann::json& v) { return {v[0].get<int>(), v[1].get<int>(), v[2].get<int>()}; }
// `top` drawn with alpha a (0..255) over `under`.
Rgb3 blend(Rgb3 top, Rgb3 under, int a) {
    auto mix = [&](int t, int u) { return (t * a + u * (255 - a) + 127) / 255; };
    return {mix(top.r, under.r), mix(top.g, under.g), mix(top.b, under.b)};
}
int dist(const unsigned char* p, Rgb3 c) { return std::abs(p[0] - c.r) + std::abs(p[1] - c.g) + std::abs(p[2] - c.b); }
bool inside(const Png& img, int x, int y) { return x >= 0 && y >= 0 && x < img.w && y < img.h; }
// True when a pixel within `radius` of (x, y) is within `tol` of colour c.
bool near_colour(const Png& img, double x, double y, int radius, Rgb3 c, int tol) {
    const int cx = static_cast<int>(std::floor(x)), cy = static_cast<int>(std::floor(y));
    for (int dy = -radius; dy <= radius; ++dy)
        for (int dx = -radius; dx <= radius; ++dx)
            if (inside(img, cx + dx, cy + dy) && dist(img.at(cx + dx, cy + dy), c) <= tol) return true;
    return false;
}
// The most common colour of a rectangle (the panel background).
Rgb3 mode_colour(const Png& img, const Box& b) {
    std::map<int, long> n;
    for (int y = b.y; y < b.y + b.h; ++y)
        for (int x = b.x; x < b.x + b.w; ++x) {
            const unsigned char* p = img.at(x, y);
            ++n[(p[0] << 16) | (p[1] << 8) | p[2]];
        }
    int best = 0;
    long bn = -1;
    for (const auto& [k, v] : n)
        if (v > bn) bn = v, best = k;
    return {best >> 16, (best >> 8) & 255, best & 255};
}
Rgb3 cmap(topdown::plot::ColorMap m, float v) {
    const auto c = topdown::plot::colormap(m, v);
    return {c.r, c.g, c.b};
}
const Rgb3 kPlotBg{24, 26, 31};

// A reference implementation of the plot module's layout (plot_widgets.cpp begin_plot): the inner data
// rectangle of a plot whose outer rectangle is (x, y, w, h), and the data -> pixel map.
struct PlotMap {
    double x0 = 0, y0 = 0, x1 = 1, y1 = 1;      // inner rectangle
    double xlo = 0, xhi = 1, ylo = 0, yhi = 1;  // data ranges
    PlotMap(double x, double y, double w, double h, double fh, bool has_y_label, bool x_ticks, bool x_label) {
        const double top = has_y_label ? fh * 1.5 : fh * 0.5;
        const double bottom = x_ticks ? fh * 1.5 + (x_label ? fh * 1.2 : 0.0) : fh * 0.3;
        x0 = x + fh * 3.6, y0 = y + top, x1 = x + w - fh * 0.6, y1 = y + h - bottom;
    }
    double px(double v) const { return x0 + (v - xlo) / (xhi - xlo) * (x1 - x0); }
    double py(double v) const { return y1 - (v - ylo) / (yhi - ylo) * (y1 - y0); }
};
// lo..hi plus `pad` of the span on both sides (plot::padded_range).
void padded(double& lo, double& hi, double pad) {
    if (hi == lo) {
        const double w = std::max(0.5, std::abs(lo) * 0.05);
        lo -= w, hi += w;
        return;
    }
    const double m = (hi - lo) * pad;
    lo -= m, hi += m;
}

std::string fmt(const char* f, ...) {
    char buf[400];
    va_list ap;
    va_start(ap, f);
    std::vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return buf;
}

void usage() {
    std::fprintf(stderr,
                 "usage: topdown_png_check FILE.png [--size WxH] [--step N] [--model-suffix TEXT] [--error]\n"
                 "       [--not-blank PANEL]... [--varied ITEM MIN_STDDEV]... [--line-pixels ITEM MIN_COUNT]...\n"
                 "       [--same-region OTHER.png ITEM]... [--same-items ITEM_A ITEM_B]... [--differ-items ITEM_A ITEM_B MIN_PERCENT]...\n"
                 "       [--temperature-line ITEM MIN_COUNT]...\n"
                 "       [--sidecar KEY VALUE]... [--fills PANEL MIN_PERCENT]... [--census]\n"
                 "       [--energy] [--timeline] [--hidden] [--filmstrip] [--transport] [--biasing] [--pca] [--replay]\n"
                 "       [--heatmap ITEM] [--image ITEM] [--panel-size] [--no-overlap] [--inside-window]\n"
                 "       [--min-item-height ITEM PIXELS] [--legend] [--clamped-half START.pgm left|top]\n"
                 "       [--highlight PANEL] [--receptive-field LAYER:UNIT] [--network-grids]\n"
                 "       [--network-phase SUBSTEP LAYER]\n"
                 "       topdown_png_check --mutate blank|mirror IN.png OUT.png   (a wrong copy, for negative tests)\n");
}
}  // namespace

// Writes a deliberately wrong copy of a screenshot (with its sidecar) for the tests that expect checks to
// fail: "blank" (every pixel the panel background), "mirror" (flipped left to right).
int mutate(const std::string& kind, const std::string& in, const std::string& out) {
    Png img;
    if (!load_png(in, img)) {
        std::fprintf(stderr, "cannot read PNG %s\n", in.c_str());
        return 2;
    }
    topdown::Image o(img.w, img.h, 24, 26, 31);
    if (kind == "mirror") {
        for (int y = 0; y < img.h; ++y)
            for (int x = 0; x < img.w; ++x) {
                const unsigned char* p = img.at(img.w - 1 - x, y);
                o.set(x, y, p[0], p[1], p[2]);
            }
    } else if (kind != "blank") {
        std::fprintf(stderr, "unknown mutation %s (blank, mirror)\n", kind.c_str());
        return 2;
    }
    try {
        topdown::write_png(out, o);
        std::ifstream src(in + ".json", std::ios::binary);
        std::ofstream dst(out + ".json", std::ios::binary);
        dst << src.rdbuf();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 2;
    }
    return 0;
}

namespace {
// The command-line arguments of the checks: next() takes the next one (usage and exit 2 when there is none).
struct Args {
    int argc;
    char** argv;
    int i;
    std::string next() {
        if (i + 1 >= argc) {
            usage();
            std::exit(2);
        }
        return argv[++i];
    }
};

// --size: --size
void check_size(const Png& img, const nlohmann::json& side, Args& args) {
    int w = 0, h = 0;
    const std::string v = args.next();
    if (std::sscanf(v.c_str(), "%dx%d", &w, &h) != 2) w = h = -1;
    check(img.w == w && img.h == h, "size " + std::to_string(img.w) + "x" + std::to_string(img.h) + " == " + v);
}

// --panel-size: the image has the size the sidecar reports for a cropped panel
void check_panel_size(const Png& img, const nlohmann::json& side, Args& args) {
    check(img.w == side.value("width", -1) && img.h == side.value("height", -1), "size matches the panel crop");
}

// --step: --step
void check_step(const Png& img, const nlohmann::json& side, Args& args) {
    const int want = std::stoi(args.next());
    check(side.value("step", -1) == want, "step counter reads " + std::to_string(side.value("step", -1)) +
                                              " (want " + std::to_string(want) + ")");
}

// --model-suffix: --model-suffix
void check_model_suffix(const Png& img, const nlohmann::json& side, Args& args) {
    const std::string want = args.next();
    const std::string got = side.value("model_path", std::string());
    check(got.size() >= want.size() && got.compare(got.size() - want.size(), want.size(), want) == 0,
          "model kept: " + got);
}

// --error: --error
void check_error(const Png& img, const nlohmann::json& side, Args& args) {
    check(!side.value("error", std::string()).empty(), "error reported: " + side.value("error", std::string()));
}

// --sidecar: a top-level sidecar field has this (string or number) value
void check_sidecar(const Png& img, const nlohmann::json& side, Args& args) {
    const std::string key = args.next(), want = args.next();
    std::string got = "(missing)";
    if (side.contains(key)) got = side[key].is_string() ? side[key].get<std::string>() : side[key].dump();
    check(got == want, "sidecar " + key + " = " + got + " (expected " + want + ")");
}

// --heatmap: every heatmap cell shows the colour of its sidecar value
void check_heatmap(const Png& img, const nlohmann::json& side, Args& args) {
    const std::string name = args.next();
    Box b;
    const bool found = find_box(side, "items", name, img, b);
    const int n = side.value("transition_size", 0);
    if (!found || n <= 0 || !side.contains("transition_values") || side["transition_values"].size() != std::size_t(n * n)) {
        check(false, "heatmap " + name + " and its values are in the sidecar");
        return;
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
}

// --image: the item shows the sidecar's visible image: orientation, upscale, colours
void check_image(const Png& img, const nlohmann::json& side, Args& args) {
    const std::string name = args.next();
    // Compare mode: an item of side B ("visible_image_b") shows side B's values.
    const std::string sfx = name.size() > 2 && name.compare(name.size() - 2, 2, "_b") == 0 ? "_b" : "";
    const std::string values_key = "visible_values" + sfx;
    const int rows = side.value("visible_rows" + sfx, 0), cols = side.value("visible_cols" + sfx, 0);
    topdown::plot::ColorMap cm{};
    const bool known_cm = topdown::plot::parse_colormap(side.value("visible_colormap", std::string()), cm);
    if (!side.contains("items") || !side["items"].contains(name) || rows <= 0 || cols <= 0 || !known_cm ||
        !side.contains(values_key) || side[values_key].size() != std::size_t(rows * cols)) {
        check(false, "image " + name + " and the visible values are in the sidecar");
        return;
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
            const auto want = topdown::plot::colormap(cm, side[values_key][std::size_t(row * cols + col)].get<float>());
            const unsigned char* p = img.at(x, y);
            matched += std::abs(p[0] - want.r) + std::abs(p[1] - want.g) + std::abs(p[2] - want.b) <= 12;
            ++total;
        }
    char msg[200];
    std::snprintf(msg, sizeof msg, "image %s: %d of %d pixels show their value's %s colour (>= 99 %%)",
                  name.c_str(), matched, rows * cols, topdown::plot::colormap_name(cm));
    check(total == rows * cols && matched * 100 >= total * 99, msg);
}

// The height of panel `name`'s title bar in the screenshot: none for a window without one in the panel table
// (the transport bar), else 1.6 font sizes.
int title_bar_height(const nlohmann::json& side, const std::string& name) {
    const topdown::PanelSpec* spec = topdown::find_panel(name);
    return spec && !spec->title_bar ? 0 : static_cast<int>(side.value("font_size", 16.0) * 1.6);
}

// --fills: PANEL MIN_PERCENT: that share of the panel (below its title) is not background
void check_fills(const Png& img, const nlohmann::json& side, Args& args) {
    const std::string name = args.next();
    const double min_pct = std::stod(args.next());
    Box b;
    const bool found = find_box(side, "panels", name, img, b);
    double pct = 0;
    if (found) {
        const int title = title_bar_height(side, name);
        b.y += title, b.h -= title;
        const Rgb3 bg = mode_colour(img, b);
        long differ = 0;
        for (int y = b.y; y < b.y + b.h; ++y)
            for (int x = b.x; x < b.x + b.w; ++x) differ += dist(img.at(x, y), bg) > 40;
        pct = 100.0 * static_cast<double>(differ) / (static_cast<double>(b.w) * b.h);
    }
    check(found && pct >= min_pct, fmt("panel %s: %.1f %% of its pixels differ from its background (>= %.1f %%)",
                                       name.c_str(), pct, min_pct));
}

// --energy: the focused chain and ensemble mean curves of every layer where their values are
void check_energy(const Png& img, const nlohmann::json& side, Args& args) {
    const double fh = side.value("font_size", 16.0);
    double x, y, w, h;
    const auto& sizes = side.value("layer_sizes", nlohmann::json::array());
    const int L = static_cast<int>(sizes.size()) - 1;
    if (!item_rect(side, "energy_plot", x, y, w, h) || L < 1 || !side.contains("recent_energy") ||
        side["recent_steps"].empty() || !side.contains("item_spacing")) {
        check(false, "energy plot and its values are in the sidecar");
        return;
    }
    const auto& rs = side["recent_steps"];
    const auto& re = side["recent_energy"];
    const auto& es = side["ensemble_steps"];
    const auto& em = side["ensemble_energy_mean"];
    const auto& esem = side["ensemble_energy_sem"];
    double xlo = rs.front().get<double>(), xhi = rs.back().get<double>();
    if (!es.empty()) xlo = std::min(xlo, es.front().get<double>()), xhi = std::max(xhi, es.back().get<double>());
    xlo = std::min(xlo, side.value("step", 0) * 1.0), xhi = std::max(xhi, side.value("step", 0) * 1.0);
    if (xhi - xlo < 10) xhi = xlo + 10;
    const Rgb3 focused = rgb_of(side["focused_rgb"]), ensemble = rgb_of(side["ensemble_rgb"]);
    // Plots stacked: each one `h` tall (the last one 2.7 font sizes more), item spacing apart.
    const double sp = side["item_spacing"][1].get<double>();
    for (int l = 1; l <= L; ++l) {
        const bool last = l == L;
        // The first plot has the quantity above its frame (issue 15), the others their "El" inside.
        PlotMap pm(x, y + (l - 1) * (h + sp), w, last && L > 1 ? h + fh * 2.7 : h, fh, l == 1, last, last);
        pm.xlo = xlo, pm.xhi = xhi;
        double ylo = HUGE_VAL, yhi = -HUGE_VAL;
        for (const auto& e : re) ylo = std::min(ylo, e[l - 1].get<double>()), yhi = std::max(yhi, e[l - 1].get<double>());
        for (std::size_t i = 0; i < em.size(); ++i) {
            const double m = em[i][l - 1].get<double>(), se = esem[i][l - 1].get<double>();
            ylo = std::min(ylo, m - se), yhi = std::max(yhi, m + se);
        }
        padded(ylo, yhi, 0.08);
        pm.ylo = ylo, pm.yhi = yhi;
        int fseen = 0, eseen = 0;
        for (std::size_t i = 0; i < rs.size(); ++i)
            fseen += near_colour(img, pm.px(rs[i].get<double>()), pm.py(re[i][l - 1].get<double>()), 2, focused, 60);
        for (std::size_t i = 0; i < es.size(); ++i)
            eseen += near_colour(img, pm.px(es[i].get<double>()), pm.py(em[i][l - 1].get<double>()), 2, ensemble, 60);
        check(fseen * 100 >= static_cast<int>(rs.size()) * 95,
              fmt("energy E%d: %d of %zu focused-chain values drawn in the focused colour at their place (>= 95 %%)",
                  l, fseen, rs.size()));
        check(!es.empty() && eseen * 100 >= static_cast<int>(es.size()) * 75,
              fmt("energy E%d: %d of %zu ensemble means drawn in the ensemble colour at their place (>= 75 %%)",
                  l, eseen, es.size()));
    }
}

// --timeline: every timeline cell shows the state colour of its step
void check_timeline(const Png& img, const nlohmann::json& side, Args& args) {
    double x, y, w, h;
    if (!item_rect(side, "timeline", x, y, w, h) || !side.contains("recent_states") || !side.contains("state_rgb")) {
        check(false, "timeline and the recent states are in the sidecar");
        return;
    }
    const auto& st = side["recent_states"];
    const auto& pal = side["state_rgb"];
    const int C = side.value("num_classes", 0);
    const std::size_t n = side.value("recent_total", std::size_t(0));
    const std::size_t cells = std::min<std::size_t>(n, static_cast<std::size_t>(std::max(1.0, w / 2.0)));
    const double cw = w / static_cast<double>(std::max<std::size_t>(cells, 1));
    int matched = 0;
    std::map<int, int> seen_states;
    for (std::size_t i = 0; i < cells; ++i) {
        const std::size_t k = st.size() - cells + i;  // the sidecar holds the newest frames
        const int state = st[k].get<int>();
        const Rgb3 want = rgb_of(pal[static_cast<std::size_t>(state < 0 ? C + 1 : state)]);
        const int px = static_cast<int>(x + cw * (i + 0.5)), py = static_cast<int>(y + h * 0.5);
        const bool ok = inside(img, px, py) && dist(img.at(px, py), want) <= 12;
        matched += ok;
        if (ok) ++seen_states[state];
    }
    check(cells > 0 && matched == static_cast<int>(cells),
          fmt("timeline: %d of %zu cells show their step's state colour (%zu distinct states seen)", matched,
              cells, seen_states.size()));
}

// --hidden: the layer-1 rasters show the binary states: now (unit grid) and time x units
void check_hidden(const Png& img, const nlohmann::json& side, Args& args) {
    double x, y, w, h, tx, ty, tw, th;
    if (!item_rect(side, "hidden_now", x, y, w, h) || !side.contains("hidden_bits") ||
        side["hidden_bits"].empty() || !side.contains("layer_sizes")) {
        check(false, "hidden_now and the hidden bits are in the sidecar");
        return;
    }
    const std::string bits = side["hidden_bits"][0].get<std::string>();
    const int n = static_cast<int>(bits.size());
    // Near-square grid: cols = ceil(sqrt(n * aspect)), unit j at row j / cols, column j % cols.
    const int cols = std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<float>(n) *
                                                                      static_cast<float>(w / std::max(1.0, h))))));
    const int rows = (n + cols - 1) / cols;
    const Rgb3 on = cmap(topdown::plot::ColorMap::Viridis, 1.0f), off = cmap(topdown::plot::ColorMap::Viridis, 0.0f),
               pad = cmap(topdown::plot::ColorMap::Viridis, 0.08f);
    int matched = 0, n_on = 0;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const int j = r * cols + c;
            const Rgb3 want = j >= n ? pad : bits[static_cast<std::size_t>(j)] == '1' ? on : off;
            n_on += j < n && bits[static_cast<std::size_t>(j)] == '1';
            const int px = static_cast<int>(x + (c + 0.5) * w / cols), py = static_cast<int>(y + (r + 0.5) * h / rows);
            matched += inside(img, px, py) && dist(img.at(px, py), want) <= 12;
        }
    check(matched == rows * cols, fmt("hidden_now: %d of %d grid cells show their unit's state (%d of %d units on)",
                                      matched, rows * cols, n_on, n));
    if (!item_rect(side, "hidden_time", tx, ty, tw, th) || !side.contains("recent_bits_layer1")) {
        check(false, "hidden_time and the recent layer-1 bits are in the sidecar");
        return;
    }
    const auto& rb = side["recent_bits_layer1"];
    const int T = static_cast<int>(std::min<std::size_t>(side.value("recent_total", std::size_t(0)),
                                                         static_cast<std::size_t>(w)));
    const int bins = std::max(1, std::min(n, static_cast<int>(th)));
    int tmatched = 0, total = 0;
    for (int c = 0; c < T; ++c) {
        const std::string fb = rb[rb.size() - static_cast<std::size_t>(T - c)].get<std::string>();
        for (int b = 0; b < bins; ++b) {
            const int j0 = b * n / bins, j1 = std::max(j0 + 1, (b + 1) * n / bins);
            int cnt = 0;
            for (int j = j0; j < j1; ++j) cnt += fb[static_cast<std::size_t>(j)] == '1';
            const Rgb3 want = cmap(topdown::plot::ColorMap::Magma, static_cast<float>(cnt) / static_cast<float>(j1 - j0));
            const int px = static_cast<int>(tx + (c + 0.5) * tw / T), py = static_cast<int>(ty + (b + 0.5) * th / bins);
            tmatched += inside(img, px, py) && dist(img.at(px, py), want) <= 12;
            ++total;
        }
    }
    check(T > 0 && tmatched * 100 >= total * 99,
          fmt("hidden_time: %d of %d cells (%d steps x %d unit bins) show the units' states (>= 99 %%)", tmatched,
              total, T, bins));
}

// --filmstrip: as many thumbnails as fit, framed in state colours, the last one the image
void check_filmstrip(const Png& img, const nlohmann::json& side, Args& args) {
    const double fh = side.value("font_size", 16.0);
    double x, y, w, h;
    Box panel;
    if (!item_rect(side, "filmstrip", x, y, w, h) || !find_box(side, "panels", "visible", img, panel) ||
        !side.contains("recent_states") || !side.contains("window_padding") || !side.contains("visible_values")) {
        check(false, "filmstrip, the visible panel and the recent states are in the sidecar");
        return;
    }
    const double thumb = side.value("filmstrip_thumb", fh * 3.2), gap = fh * 0.35;
    const int shown = static_cast<int>(std::lround((w + gap) / (thumb + gap)));
    const double content_w = side["panels"]["visible"][2].get<double>() - 2 * side["window_padding"][0].get<double>();
    const int fit = std::max(1, static_cast<int>((content_w + gap) / (thumb + gap)));
    // The start (step 0) precedes the kept frames while they begin at step 1 and all fit (item filmstrip_start).
    double sx, sy, sw, sh;
    const bool start = item_rect(side, "filmstrip_start", sx, sy, sw, sh);
    const auto& rs = side["recent_steps"];
    const bool from_one = rs.empty() || (side.value("recent_total", 0) == static_cast<int>(rs.size()) && rs[0].get<int>() == 1);
    const int n = side.value("recent_total", 0) + (from_one ? 1 : 0);
    check(shown == std::min(n, fit), fmt("filmstrip: %d thumbnails (%d kept frames with the start, %d fit the panel)", shown, n, fit));
    check(start == (from_one && n <= fit) && (!start || (std::abs(sx - x) <= 1 && std::abs(sy - y) <= 1)),
          fmt("filmstrip: the start (step 0) is %s and drawn first", from_one && n <= fit ? "shown" : "not shown"));
    const int first_state = start ? 1 : 0;  // the start's own verdict is not in the sidecar
    const auto& st = side["recent_states"];
    const auto& pal = side["state_rgb"];
    const int C = side.value("num_classes", 0);
    const Rgb3 current{140, 217, 255};
    int framed = 0, counted = 0;
    for (int i = first_state; i < shown && i - first_state < static_cast<int>(st.size()); ++i) {
        const bool cur = i == shown - 1;
        const int state = st[st.size() - static_cast<std::size_t>(shown - i)].get<int>();
        const Rgb3 want = cur ? current : rgb_of(pal[static_cast<std::size_t>(state < 0 ? C + 1 : state)]);
        const double x0 = x + i * (thumb + gap);
        // The 2-pixel frame: left and top edges, and the gap right of it shows no frame colour.
        framed += inside(img, int(x0 + 1), int(y + thumb / 2)) && dist(img.at(int(x0 + 1), int(y + thumb / 2)), want) <= 12 &&
                  dist(img.at(int(x0 + thumb / 2), int(y + 1)), want) <= 12;
        ++counted;
    }
    check(counted == shown - first_state && framed == counted,
          fmt("filmstrip: %d of %d thumbnails framed in their state colour (the current one highlighted)", framed, shown));
    // The current (last) thumbnail shows the current image: sample its 28 x 28 cells.
    topdown::plot::ColorMap cm{};
    topdown::plot::parse_colormap(side.value("visible_colormap", std::string()), cm);
    const int rows = side.value("visible_rows", 0), cols = side.value("visible_cols", 0);
    const double ix = x + (shown - 1) * (thumb + gap) + 2, iy = y + 2, iw = thumb - 4;
    int matched = 0;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const int px = int(ix + (c + 0.5) * iw / cols), py = int(iy + (r + 0.5) * iw * rows / cols / rows);
            const Rgb3 want = cmap(cm, side["visible_values"][std::size_t(r * cols + c)].get<float>());
            matched += inside(img, px, py) && dist(img.at(px, py), want) <= 12;
        }
    check(rows > 0 && matched * 100 >= rows * cols * 95,
          fmt("filmstrip: the current thumbnail shows the current image (%d of %d pixels, >= 95 %%)", matched, rows * cols));
}

// --transport: the step counter in its colour, the Play / Pause button in the mode's colour
void check_transport(const Png& img, const nlohmann::json& side, Args& args) {
    Box counter, panel;
    if (!find_box(side, "items", "step_counter", img, counter) || !find_box(side, "panels", "transport", img, panel)) {
        check(false, "step counter and transport panel are in the sidecar");
        return;
    }
    const int blue[3] = {140, 217, 255};
    const long text = count_near(img, counter, blue, 60);
    check(text >= 25, fmt("transport: %ld step-counter pixels in its colour (>= 25)", text));
    const bool paused = side.value("mode", std::string()) == "paused";
    const int play[3] = {41, 122, 77}, pause[3] = {179, 77, 51};
    const long button = count_near(img, panel, paused ? play : pause, 20);
    const long other = count_near(img, panel, paused ? pause : play, 20);
    check(button >= 300 && other < 50, fmt("transport: %s button drawn (%ld pixels of its colour, %ld of the other)",
                                           paused ? "Play" : "Pause", button, other));
}

// --biasing: the composer's class thumbnails framed: class A orange, class B blue
void check_biasing(const Png& img, const nlohmann::json& side, Args& args) {
    Box panel;
    if (!find_box(side, "panels", "biasing", img, panel) || !side.contains("composer_class_a")) {
        check(false, "biasing panel and the composer's classes are in the sidecar");
        return;
    }
    const int method = side.value("composer_method", -1);
    const bool pair = method == 1 || method == 2;
    const int a_rgb[3] = {242, 140, 38}, b_rgb[3] = {64, 166, 242};
    auto centroid = [&](const int rgb[3], long& cnt) {
        double sx = 0;
        cnt = 0;
        for (int yy = panel.y; yy < panel.y + panel.h; ++yy)
            for (int xx = panel.x; xx < panel.x + panel.w; ++xx) {
                const unsigned char* p = img.at(xx, yy);
                if (std::abs(p[0] - rgb[0]) + std::abs(p[1] - rgb[1]) + std::abs(p[2] - rgb[2]) <= 20) sx += xx, ++cnt;
            }
        return cnt ? sx / cnt : -1.0;
    };
    long na = 0, nb = 0;
    const double ca = centroid(a_rgb, na), cb = centroid(b_rgb, nb);
    const int A = side["composer_class_a"].get<int>(), B = side["composer_class_b"].get<int>();
    bool ok = na >= 40;
    if (pair && A != B) ok = ok && nb >= 40 && ((A < B) == (ca < cb));
    if (!pair) ok = ok && nb < 10;
    check(ok, fmt("biasing: class A (%d) framed orange (%ld px, centre x %.0f), class B (%d) blue (%ld px, centre x %.0f)",
                  A, na, ca, B, nb, cb));
}

// --pca: reference trajectories in their class colours, the focused chain's trajectory
void check_pca(const Png& img, const nlohmann::json& side, Args& args) {
    const double fh = side.value("font_size", 16.0);
    double x, y, w, h;
    if (!item_rect(side, "pca_plot", x, y, w, h) || !side.contains("pca_reference") || side["pca_reference"].empty()) {
        check(false, "pca plot and the reference trajectories are in the sidecar");
        return;
    }
    const auto& ref = side["pca_reference"];
    const auto& tr = side["pca_trajectory"];
    const auto& em = side["pca_ensemble_mean"];
    PlotMap pm(x, y, w, h, fh, true, true, true);
    double xlo = HUGE_VAL, xhi = -HUGE_VAL, ylo = HUGE_VAL, yhi = -HUGE_VAL;
    auto include = [&](const nlohmann::json& p) {
        xlo = std::min(xlo, p[0].get<double>()), xhi = std::max(xhi, p[0].get<double>());
        ylo = std::min(ylo, p[1].get<double>()), yhi = std::max(yhi, p[1].get<double>());
    };
    for (const auto& r : ref)
        for (const auto& p : r["points"]) include(p);
    for (const auto& p : tr) include(p);
    for (const auto& p : em) include(p);
    padded(xlo, xhi, 0.05);
    padded(ylo, yhi, 0.05);
    pm.xlo = xlo, pm.xhi = xhi, pm.ylo = ylo, pm.yhi = yhi;
    // Each class: its end point as a dot of the class colour (alpha 200), its line (alpha 90) along the way.
    int ends = 0, classes = 0, line_seen = 0, line_total = 0;
    std::string missing;
    int occluded = 0;
    for (std::size_t ci = 0; ci < ref.size(); ++ci) {
        const auto& r = ref[ci];
        const auto& pts = r["points"];
        if (pts.empty()) continue;
        ++classes;
        // A later class's end dot within 7 pixels is drawn over this one (crowded attractors).
        bool covered = false;
        for (std::size_t cj = ci + 1; cj < ref.size(); ++cj) {
            if (ref[cj]["points"].empty()) continue;
            const auto& o = ref[cj]["points"].back();
            const auto& e = pts.back();
            covered = covered || std::hypot(pm.px(o[0].get<double>()) - pm.px(e[0].get<double>()),
                                            pm.py(o[1].get<double>()) - pm.py(e[1].get<double>())) < 7;
        }
        const Rgb3 col = rgb_of(r["rgb"]);
        const auto& e = pts.back();
        // Dots of neighbouring classes may overlap: at least 4 pixels of this class's dot within 3 pixels.
        const Rgb3 dot = blend(col, kPlotBg, 200);
        const int ex = static_cast<int>(pm.px(e[0].get<double>())), ey = static_cast<int>(pm.py(e[1].get<double>()));
        int dot_px = 0;
        for (int dy = -3; dy <= 3; ++dy)
            for (int dx = -3; dx <= 3; ++dx)
                dot_px += dx * dx + dy * dy <= 9 && inside(img, ex + dx, ey + dy) && dist(img.at(ex + dx, ey + dy), dot) <= 30;
        const bool ok = dot_px >= 4;
        ends += ok;
        occluded += !ok && covered;
        if (!ok && !covered) missing += ' ', missing += std::to_string(r["class"].get<int>());
        // Line pixels: the midpoint of each segment, the faint class colour over the background.
        for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
            const double mx = 0.5 * (pm.px(pts[i][0].get<double>()) + pm.px(pts[i + 1][0].get<double>()));
            const double my = 0.5 * (pm.py(pts[i][1].get<double>()) + pm.py(pts[i + 1][1].get<double>()));
            line_seen += near_colour(img, mx, my, 1, blend(col, kPlotBg, 90), 30);
            ++line_total;
        }
    }
    check(classes == side.value("num_classes", -1) && ends + occluded == classes && occluded * 4 <= classes,
          fmt("pca: %d of %d reference trajectories end in a dot of their class colour, %d under a later "
              "class's dot (<= 25 %%)%s%s", ends, classes, occluded, missing.empty() ? "" : "; missing:", missing.c_str()));
    check(line_total > 0 && line_seen * 100 >= line_total * 50,
          fmt("pca: %d of %d reference segments show their class colour at their midpoint (>= 50 %%)", line_seen, line_total));
    // The focused chain: the newest point a solid dot of the focused colour inside a white ring; the newer
    // half of its points bright blue dots.
    if (tr.empty()) {
        check(false, "pca: the focused trajectory is in the sidecar");
        return;
    }
    const Rgb3 focused = rgb_of(side["focused_rgb"]);
    const auto& last = tr.back();
    const double lx = pm.px(last[0].get<double>()), ly = pm.py(last[1].get<double>());
    int ring = 0;
    for (int k = 0; k < 16; ++k) {
        const double t = k * 2 * M_PI / 16;
        ring += near_colour(img, lx + 6 * std::cos(t), ly + 6 * std::sin(t), 1, Rgb3{240, 240, 241}, 40);
    }
    check(near_colour(img, lx, ly, 1, focused, 20) && ring >= 12,
          fmt("pca: the newest focused point is a focused-colour dot inside a white ring (%d of 16 ring samples)", ring));
    int bright = 0, half = 0;
    for (std::size_t i = tr.size() / 2; i < tr.size(); ++i, ++half) {
        const double t = static_cast<double>(i + 1) / static_cast<double>(tr.size());
        const int alpha = static_cast<int>(40.0 + 215.0 * t);
        bright += near_colour(img, pm.px(tr[i][0].get<double>()), pm.py(tr[i][1].get<double>()), 1,
                              blend(focused, kPlotBg, alpha), 60);
    }
    check(half > 0 && bright * 100 >= half * 80,
          fmt("pca: %d of %d newer focused points drawn as focused-colour dots (>= 80 %%)", bright, half));
}

// --replay: accuracy curves at their values in their condition colours; sample grid
void check_replay(const Png& img, const nlohmann::json& side, Args& args) {
    const double fh = side.value("font_size", 16.0);
    double x, y, w, h;
    if (!item_rect(side, "replay_plot", x, y, w, h) || !side.contains("replay_curves") || side["replay_curves"].empty()) {
        check(false, "replay plot and its curves are in the sidecar");
        return;
    }
    const auto& curves = side["replay_curves"];
    double lo = 1.0;
    for (const auto& k : curves) {
        if (!k["old_fixed"].empty() || k["initial_old"].get<double>() > 0) lo = std::min(lo, k["initial_old"].get<double>());
        for (const auto& v : k["old_fixed"]) lo = std::min(lo, v.get<double>());
        for (const auto& v : k["new"]) lo = std::min(lo, v.get<double>());
    }
    lo = std::max(0.0, std::floor((lo - 0.02) * 20.0) / 20.0);
    if (lo >= 0.95) lo = 0.9;
    PlotMap pm(x, y, w, h, fh, true, true, true);
    pm.xlo = 0, pm.xhi = std::max(1, side.value("replay_total_epochs", 1)), pm.ylo = lo, pm.yhi = 1.0;
    // Each curve's points in pixels (x pulled 2 pixels inside the plot: the first and last epochs sit on
    // the clip edges).
    std::vector<std::vector<std::pair<double, double>>> pts;
    for (const auto& k : curves) {
        pts.emplace_back();
        auto add = [&](double e, double v) {
            pts.back().emplace_back(std::clamp(pm.px(e), pm.x0 + 2, pm.x1 - 2), pm.py(v));
        };
        if (k["initial_old"].get<double>() > 0) add(0, k["initial_old"].get<double>());
        for (std::size_t e = 0; e < k["old_fixed"].size(); ++e) add(double(e + 1), k["old_fixed"][e].get<double>());
        for (std::size_t e = 0; e < k["new"].size(); ++e) add(double(e + 1), k["new"][e].get<double>());
    }
    for (std::size_t ci = 0; ci < curves.size(); ++ci) {
        const Rgb3 col = rgb_of(curves[ci]["rgb"]);
        int seen = 0, total = 0, covered = 0;
        for (const auto& [px, py] : pts[ci]) {
            bool under = false;  // a later curve's point within 3 pixels is drawn over this one
            for (std::size_t cj = ci + 1; cj < curves.size(); ++cj)
                for (const auto& [qx, qy] : pts[cj]) under = under || std::hypot(qx - px, qy - py) < 3;
            if (under) {
                ++covered;
                continue;
            }
            seen += near_colour(img, px, py, 2, col, 30);
            ++total;
        }
        check(total > 0 && seen * 100 >= total * 90,
              fmt("replay: %s curve: %d of %d accuracies drawn in its colour at their place (>= 90 %%; %d under a "
                  "later curve)", curves[ci]["condition"].get<std::string>().c_str(), seen, total, covered));
    }
    if (!side.contains("replay_samples")) return;  // sequential replays nothing: no grid
    double sx, sy, sw, sh;
    if (!item_rect(side, "replay_samples", sx, sy, sw, sh)) {
        check(false, "replay samples grid is in the sidecar");
        return;
    }
    // 8 columns of 28 x 28 samples, 2 grid pixels apart, scaled to the item rectangle.
    const auto& smp = side["replay_samples"];
    const int ncol = 8, nrow = static_cast<int>((smp.size() + 7) / 8), gw = ncol * 30 - 2, gh = nrow * 30 - 2;
    topdown::plot::ColorMap cm{};
    topdown::plot::parse_colormap(side.value("visible_colormap", std::string("gray")), cm);
    int matched = 0, total = 0;
    for (std::size_t i = 0; i < smp.size(); ++i)
        for (int py = 0; py < 28; ++py)
            for (int px = 0; px < 28; ++px) {
                const double gx = int(i % 8) * 30 + px + 0.5, gy = int(i / 8) * 30 + py + 0.5;
                const int ix = int(sx + gx * sw / gw), iy = int(sy + gy * sh / gh);
                matched += inside(img, ix, iy) && dist(img.at(ix, iy), cmap(cm, smp[i][std::size_t(py * 28 + px)].get<float>())) <= 12;
                ++total;
            }
    check(total > 0 && matched * 100 >= total * 97,
          fmt("replay: %zu replayed samples shown pixel by pixel (%d of %d, >= 97 %%)", smp.size(), matched, total));
}

// --no-overlap: no two panels, and no two items, share pixels (issue 15)
void check_no_overlap(const Png& img, const nlohmann::json& side, Args& args) {
    int pairs = 0, bad = 0;
    std::string which;
    for (const char* group : {"panels", "items"}) {
        if (!side.contains(group)) continue;
        std::vector<std::pair<std::string, std::array<double, 4>>> r;
        for (auto it = side[group].begin(); it != side[group].end(); ++it)
            r.push_back({it.key(), {it.value()[0].get<double>(), it.value()[1].get<double>(),
                                    it.value()[2].get<double>(), it.value()[3].get<double>()}});
        for (std::size_t i = 0; i < r.size(); ++i)
            for (std::size_t j = i + 1; j < r.size(); ++j) {
                // The legend's swatches lie inside the legend (a container, not a neighbour); in compare mode
                // side B's ("state_legend_b" holds "legend_swatch_3_b").
                auto contains = [](const std::string& outer, const std::string& inner) {
                    const bool b = inner.size() > 2 && inner.compare(inner.size() - 2, 2, "_b") == 0;
                    const std::string sfx = b ? "_b" : "";
                    return (outer == "state_legend" + sfx && inner.rfind("legend_swatch_", 0) == 0) ||
                           (outer == "filmstrip" + sfx && inner == "filmstrip_start" + sfx);
                };
                if (contains(r[i].first, r[j].first) || contains(r[j].first, r[i].first)) continue;
                const auto& p = r[i].second;
                const auto& q = r[j].second;
                if (p[2] <= 0 || p[3] <= 0 || q[2] <= 0 || q[3] <= 0) continue;
                ++pairs;
                const double ow = std::min(p[0] + p[2], q[0] + q[2]) - std::max(p[0], q[0]);
                const double oh = std::min(p[1] + p[3], q[1] + q[3]) - std::max(p[1], q[1]);
                if (ow > 1.0 && oh > 1.0) {
                    ++bad;
                    which += fmt(" %s/%s", r[i].first.c_str(), r[j].first.c_str());
                }
            }
    }
    check(pairs > 0 && bad == 0, fmt("no overlaps among %d pairs of panels and of items%s%s", pairs,
                                     bad ? "; overlapping:" : "", which.c_str()));
}

// --inside-window: every panel and item lies inside the window (1 px tolerance)
void check_inside_window(const Png& img, const nlohmann::json& side, Args& args) {
    const double W = side.value("width", 0), H = side.value("height", 0);
    int n = 0, out = 0;
    std::string which;
    for (const char* group : {"panels", "items"}) {
        if (!side.contains(group)) continue;
        for (auto it = side[group].begin(); it != side[group].end(); ++it) {
            const auto& v = it.value();
            const double x = v[0].get<double>(), y = v[1].get<double>(), w = v[2].get<double>(), h = v[3].get<double>();
            ++n;
            if (x < -1 || y < -1 || x + w > W + 1 || y + h > H + 1) {
                ++out;
                which += fmt(" %s(%.0f,%.0f %.0fx%.0f)", it.key().c_str(), x, y, w, h);
            }
        }
    }
    check(n > 0 && out == 0, fmt("%d of %d panels and items inside the %.0fx%.0f window%s%s", n - out, n, W, H,
                                 out ? "; outside:" : "", which.c_str()));
}

// --min-item-height: ITEM PIXELS: the item is at least that tall
void check_min_item_height(const Png& img, const nlohmann::json& side, Args& args) {
    const std::string name = args.next();
    const double want = std::stod(args.next());
    double x, y, w, h;
    const bool found = item_rect(side, name, x, y, w, h);
    check(found && h >= want, fmt("%s is %.0f px tall (>= %.0f)", name.c_str(), found ? h : 0.0, want));
}

// --legend: the state legend shows every class and non-class in the palette's colour
void check_legend(const Png& img, const nlohmann::json& side, Args& args) {
    // The palette written out here, independently of the app's code: Okabe & Ito's colour-blind-safe
    // colours (without black), Tol's purple, a near-white; non-class a neutral gray.
    static const int kPalette[10][3] = {{0, 114, 178}, {230, 159, 0}, {0, 158, 115}, {213, 94, 0},
                                        {86, 180, 233}, {204, 121, 167}, {240, 228, 66}, {153, 153, 51},
                                        {170, 68, 153}, {235, 235, 235}};
    const int C = side.value("num_classes", 0);
    int matched = 0;
    std::string bad;
    for (int c = 0; c <= C; ++c) {
        double x, y, w, h;
        const Rgb3 want = c < C ? Rgb3{kPalette[c % 10][0], kPalette[c % 10][1], kPalette[c % 10][2]}
                                : Rgb3{128, 128, 136};
        const bool found = item_rect(side, "legend_swatch_" + std::to_string(c), x, y, w, h);
        const int px = static_cast<int>(x + w / 2), py = static_cast<int>(y + h / 2);
        const bool ok = found && w >= 4 && inside(img, px, py) && dist(img.at(px, py), want) <= 6;
        matched += ok;
        if (!ok) bad += ' ', bad += std::to_string(c);  // (GCC 12 -Wrestrict misfires on " " + string)
    }
    check(C > 0 && matched == C + 1, fmt("legend: %d of %d state swatches in the palette's colour%s%s", matched,
                                         C + 1, bad.empty() ? "" : "; wrong:", bad.c_str()));
}

// --not-blank: --not-blank
void check_not_blank(const Png& img, const nlohmann::json& side, Args& args) {
    const std::string name = args.next();
    Box b;
    const bool found = find_box(side, "panels", name, img, b);
    const double sd = found ? luminance_stddev(img, b) : 0;
    char msg[200];
    // More than a line of text: at least 12 % of the panel below its title differs from its background
    // (measured at 1280x800: one placeholder line 5-9 %, the model panel's facts 18 %).
    double pct = 0;
    if (found) {
        Box c = b;
        const int title = title_bar_height(side, name);
        c.y += title, c.h -= title;
        const Rgb3 bg = mode_colour(img, c);
        long differ = 0;
        for (int y = c.y; y < c.y + c.h; ++y)
            for (int x = c.x; x < c.x + c.w; ++x) differ += dist(img.at(x, y), bg) > 40;
        pct = 100.0 * static_cast<double>(differ) / (static_cast<double>(c.w) * c.h);
    }
    std::snprintf(msg, sizeof msg, "panel %s not blank (luminance stddev %.1f > 6, %.1f %% non-background >= 12 %%)",
                  name.c_str(), sd, pct);
    check(found && sd > 6.0 && pct >= 12.0, msg);
}

// --varied: --varied
void check_varied(const Png& img, const nlohmann::json& side, Args& args) {
    const std::string name = args.next();
    const double min_sd = std::stod(args.next());
    Box b;
    const bool found = find_box(side, "items", name, img, b);
    const double sd = found ? luminance_stddev(img, b) : 0;
    char msg[200];
    std::snprintf(msg, sizeof msg, "%s varies (luminance stddev %.1f > %.1f)", name.c_str(), sd, min_sd);
    check(found && sd > min_sd, msg);
}

// --line-pixels: --line-pixels
void check_line_pixels(const Png& img, const nlohmann::json& side, Args& args) {
    const std::string name = args.next();
    const long min_count = std::stol(args.next());
    Box b;
    const bool found = find_box(side, "items", name, img, b);
    int rgb[3] = {90, 200, 255};
    if (side.contains("focused_line_rgb"))
        for (int k = 0; k < 3; ++k) rgb[k] = side["focused_line_rgb"][static_cast<std::size_t>(k)].get<int>();
    const long n = found ? count_near(img, b, rgb, 60) : 0;
    check(found && n >= min_count, name + " has " + std::to_string(n) + " focused-line pixels (>= " +
                                       std::to_string(min_count) + ")");
}

// --temperature-line ITEM MIN_COUNT: pixels of the energy plot's temperature-schedule line (green,
// RGB 120 230 140 in app/gui/panels/energy_panel.cpp; docs/METHODS.md §6.2.1) inside the item.
void check_temperature_line(const Png& img, const nlohmann::json& side, Args& args) {
    const std::string name = args.next();
    const long min_count = std::stol(args.next());
    Box b;
    const bool found = find_box(side, "items", name, img, b);
    const int rgb[3] = {120, 230, 140};
    const long n = found ? count_near(img, b, rgb, 60) : 0;
    check(found && n >= min_count, name + " has " + std::to_string(n) + " temperature-line pixels (>= " +
                                       std::to_string(min_count) + ")");
}

// --same-region: --same-region
void check_same_region(const Png& img, const nlohmann::json& side, Args& args) {
    const std::string other_path = args.next();
    const std::string name = args.next();
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
}

// Reads a binary PGM (P5, 8-bit) written by the test: the expected start image, independent of the app's decoder.
bool read_pgm(const std::string& path, int& w, int& h, std::vector<unsigned char>& px) {
    std::ifstream f(path, std::ios::binary);
    std::string magic;
    int maxv = 0;
    if (!(f >> magic >> w >> h >> maxv) || magic != "P5" || maxv != 255 || w <= 0 || h <= 0 || w * h > 1 << 20) return false;
    f.get();
    px.resize(std::size_t(w) * std::size_t(h));
    return bool(f.read(reinterpret_cast<char*>(px.data()), std::streamsize(px.size())));
}

// --clamped-half START.pgm left|top: issue 16. In the visible image (gray colour map) every pixel of that half of
// the image shows the start image's value (read from the PGM here), the rest has moved away from it somewhere,
// and the clamp outline (orange) runs along the half's inner edge.
void check_clamped_half(const Png& img, const nlohmann::json& side, Args& args) {
    const std::string pgm = args.next(), half = args.next();
    int w = 0, h = 0;
    std::vector<unsigned char> src;
    const int rows = side.value("visible_rows", 0), cols = side.value("visible_cols", 0);
    Box b;
    if (!read_pgm(pgm, w, h, src) || w != cols || h != rows || !find_box(side, "items", "visible_image", img, b) ||
        (half != "left" && half != "top")) {
        check(false, "clamped half: " + pgm + " is a " + std::to_string(cols) + "x" + std::to_string(rows) +
                         " PGM and the visible image is in the sidecar");
        return;
    }
    const double cw = side["items"]["visible_image"][2].get<double>() / cols, ch = side["items"]["visible_image"][3].get<double>() / rows;
    int same = 0, clamped = 0, moved = 0, outline = 0, edge = 0;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const bool in = half == "left" ? c < cols / 2 : r < rows / 2;
            const unsigned char* p = img.at(int(b.x + (c + 0.5) * cw), int(b.y + (r + 0.5) * ch));
            const Rgb3 want = cmap(topdown::plot::ColorMap::Gray, src[std::size_t(r * cols + c)] / 255.0f);
            if (in) {
                ++clamped;
                same += dist(p, want) <= 9;
            } else {
                moved += dist(p, want) > 60;
            }
            // The outline: inside the last clamped column (row) at its far edge.
            const bool at_edge = half == "left" ? c == cols / 2 - 1 : r == rows / 2 - 1;
            if (at_edge) {
                ++edge;
                const double ex = half == "left" ? b.x + (c + 1) * cw - 1.5 : b.x + (c + 0.5) * cw;
                const double ey = half == "left" ? b.y + (r + 0.5) * ch : b.y + (r + 1) * ch - 1.5;
                outline += near_colour(img, ex, ey, 1, Rgb3{255, 150, 30}, 40);
            }
        }
    check(clamped > 0 && same == clamped, fmt("clamped %s half: %d of %d pixels show the start image's value", half.c_str(), same, clamped));
    check(moved >= 10, fmt("free half: %d pixels moved away from the start image (>= 10)", moved));
    check(edge > 0 && outline * 10 >= edge * 9, fmt("clamp outline along the edge: %d of %d cells (>= 90 %%)", outline, edge));
}

// --highlight PANEL: the lesson's outline (yellow) runs around the panel's window.
void check_highlight(const Png& img, const nlohmann::json& side, Args& args) {
    const std::string name = args.next();
    Box b;
    if (!find_box(side, "panels", name, img, b)) {
        check(false, "panel " + name + " is in the sidecar");
        return;
    }
    int hit = 0, n = 0;
    for (int x = b.x + 8; x < b.x + b.w - 8; x += 7) {
        hit += near_colour(img, x, b.y + 2, 2, Rgb3{255, 210, 60}, 40) + near_colour(img, x, b.y + b.h - 1, 2, Rgb3{255, 210, 60}, 40);
        n += 2;
    }
    check(n > 0 && hit * 10 >= n * 9, fmt("lesson highlight around %s: %d of %d border samples (>= 90 %%)", name.c_str(), hit, n));
}

// The centres of a rows x cols grid of cells over items `a` and `b` of one screenshot, pixel by pixel:
// how many cells there are and how many of them show the same colour (within 12) in both. False when either
// item is missing or their sizes differ by more than a pixel.
bool compare_items(const Png& img, const nlohmann::json& side, const std::string& a, const std::string& b,
                   int& cells, int& same) {
    Box ba, bb;
    if (!find_box(side, "items", a, img, ba) || !find_box(side, "items", b, img, bb) || std::abs(ba.w - bb.w) > 1 ||
        std::abs(ba.h - bb.h) > 1)
        return false;
    const int rows = std::max(1, side.value("visible_rows", 28)), cols = std::max(1, side.value("visible_cols", 28));
    cells = same = 0;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const int xa = ba.x + int((c + 0.5) * ba.w / cols), ya = ba.y + int((r + 0.5) * ba.h / rows);
            const int xb = bb.x + int((c + 0.5) * bb.w / cols), yb = bb.y + int((r + 0.5) * bb.h / rows);
            const unsigned char *p = img.at(xa, ya), *q = img.at(xb, yb);
            same += std::abs(p[0] - q[0]) + std::abs(p[1] - q[1]) + std::abs(p[2] - q[2]) <= 12;
            ++cells;
        }
    return cells > 0;
}

// --same-items: ITEM_A ITEM_B: both items show the same picture (compare mode's two sides): at least 99 % of
// the cells equal (a filmstrip's frames sit at sub-pixel positions that differ in the last bits between the
// halves of the window, so a few antialiased edge cells may differ; two different digits differ in > 10 %)
void check_same_items(const Png& img, const nlohmann::json& side, Args& args) {
    const std::string a = args.next(), b = args.next();
    int cells = 0, same = 0;
    const bool ok = compare_items(img, side, a, b, cells, same);
    check(ok && same * 100 >= cells * 99, fmt("%s and %s show the same picture (%d of %d cells equal, >= 99 %%)",
                                              a.c_str(), b.c_str(), same, cells));
}

// --differ-items: ITEM_A ITEM_B MIN_PERCENT: at least that share of the items' image cells differ
void check_differ_items(const Png& img, const nlohmann::json& side, Args& args) {
    const std::string a = args.next(), b = args.next();
    const double min_pct = std::stod(args.next());
    int cells = 0, same = 0;
    const bool ok = compare_items(img, side, a, b, cells, same);
    const double pct = cells > 0 ? 100.0 * (cells - same) / cells : 0.0;
    check(ok && pct >= min_pct, fmt("%s and %s differ in %.1f %% of %d cells (>= %.1f %%)", a.c_str(), b.c_str(), pct,
                                    cells, min_pct));
}

// --census: the Metrics tab's census table shows, for every visited state of the ensemble, the runs, returns
// and occupancy recomputed here from the recorded chain states, verdict counts that add up to the runs, and
// text in the table's rectangle (docs/METHODS.md §16.7).
void check_census(const Png& img, const nlohmann::json& side, Args& args) {
    Box b;
    const bool drawn = find_box(side, "items", "census_table", img, b) && side.contains("census");
    check(drawn, "census table drawn with its sidecar content");
    if (!drawn) return;
    const auto& cs = side["census"];
    std::map<int, std::array<long, 3>> want;  // state -> runs, returns, steps
    long total = 0;
    for (const auto& chain : cs["states"]) {
        std::map<int, long> runs_here;
        int last = -1;
        for (const auto& v : chain) {
            const int st = v.get<int>();
            if (st != last) ++runs_here[st];
            ++want[st][2];
            last = st;
            ++total;
        }
        for (const auto& [st, n] : runs_here) want[st][0] += n, want[st][1] += n - 1;
    }
    bool rows_ok = cs["rows"].size() == want.size() && total > 0;
    long verdict_sum = 0, runs_sum = 0;
    for (const auto& r : cs["rows"]) {
        const int st = r["state"].get<int>();
        const long runs = r["runs"].get<long>();
        const long v = r["memorised"].get<long>() + r["novel"].get<long>() + r["spurious"].get<long>();
        rows_ok = rows_ok && want.count(st) && want[st][0] == runs && want[st][1] == r["returns"].get<long>() &&
                  std::abs(r["occupancy"].get<double>() - double(want[st][2]) / double(total)) < 1e-9 && v == runs;
        verdict_sum += v, runs_sum += runs;
    }
    check(rows_ok, "census rows: runs, returns, occupancy recomputed from " + std::to_string(cs["states"].size()) +
                       " chains' states, verdicts add up (" + std::to_string(verdict_sum) + " of " + std::to_string(runs_sum) + " runs)");
    const Rgb3 bg = mode_colour(img, b);
    long differ = 0;
    for (int y = b.y; y < b.y + b.h; ++y)
        for (int x = b.x; x < b.x + b.w; ++x) differ += dist(img.at(x, y), bg) > 40;
    const double pct = 100.0 * double(differ) / (double(b.w) * b.h);
    check(pct >= 3.0, "census table shows text (" + std::to_string(pct) + " % non-background >= 3 %)");
}

// The network view's sidecar object (issue 16 item 3), or an empty object.
nlohmann::json network_of(const nlohmann::json& side) {
    return side.contains("network") ? side["network"] : nlohmann::json::object();
}

// --receptive-field LAYER:UNIT: the network view shows (and has pinned) that unit, and its field image is the
// unit's receptive field computed here from the model file with plain loops: column UNIT of W1·…·W_LAYER, each
// pixel in the diverging colour of its value on [-max|f|, max|f|], and the values read back from the screen
// correlate with the field (docs/METHODS.md §17.1)
void check_receptive_field(const Png& img, const nlohmann::json& side, Args& args) {
    const std::string want = args.next();
    int layer = -1, unit = -1;
    std::sscanf(want.c_str(), "%d:%d", &layer, &unit);
    const nlohmann::json n = network_of(side);
    double x, y, w, h;
    if (!item_rect(side, "network_field", x, y, w, h) || !n.contains("shown") || !n.contains("pinned")) {
        check(false, "the network view's field image and its unit are in the sidecar");
        return;
    }
    const int sl = n["shown"][0].get<int>(), su = n["shown"][1].get<int>();
    check(sl == layer && su == unit && n["pinned"][0].get<int>() == layer && n["pinned"][1].get<int>() == unit,
          fmt("the network view shows and pins unit %d of layer %d (want %s)", su, sl, want.c_str()));
    topdown::Dbn m;
    try {
        m = topdown::load_model(side.value("model_path", std::string()));
    } catch (const std::exception& e) {
        check(false, std::string("the model file can be read: ") + e.what());
        return;
    }
    const int rows = n.value("field_rows", 0), cols = n.value("field_cols", 0);
    const int D = m.layers.empty() ? 0 : m.layers[0].n_lower();
    if (layer < 0 || layer > m.depth() || rows * cols != D || unit < 0 ||
        unit >= (layer == 0 ? D : m.layers[static_cast<std::size_t>(layer - 1)].n_upper())) {
        check(false, fmt("unit %s exists and the field is %d x %d = D (%d)", want.c_str(), rows, cols, D));
        return;
    }
    // The field by plain loops in double: f = W1 (W2 (... W_layer[:, unit])).
    std::vector<double> f;
    if (layer == 0) {
        f.assign(static_cast<std::size_t>(D), 0.0);
        f[static_cast<std::size_t>(unit)] = 1.0;
    } else {
        const auto& top = m.layers[static_cast<std::size_t>(layer - 1)].W;
        for (int i = 0; i < top.rows(); ++i) f.push_back(top(i, unit));
        for (int l = layer - 1; l >= 1; --l) {
            const auto& W = m.layers[static_cast<std::size_t>(l - 1)].W;
            std::vector<double> below(static_cast<std::size_t>(W.rows()), 0.0);
            for (int i = 0; i < W.rows(); ++i)
                for (int k = 0; k < W.cols(); ++k) below[static_cast<std::size_t>(i)] += double(W(i, k)) * f[static_cast<std::size_t>(k)];
            f = below;
        }
    }
    double scale = 0;
    for (double v : f) scale = std::max(scale, std::abs(v));
    // Sample every pixel's cell centre; compare with the colour map, and read each pixel back as a value (the
    // nearest of 256 colours of the map) to correlate what is on screen with the field.
    std::vector<topdown::plot::Rgb> lut;
    for (int i = 0; i < 256; ++i) lut.push_back(topdown::plot::diverging(static_cast<float>(i) / 255.0f));
    auto read_back = [&](const unsigned char* p) {
        int best = 0, bd = 1 << 30;
        for (int i = 0; i < 256; ++i) {
            const int d = dist(p, Rgb3{lut[std::size_t(i)].r, lut[std::size_t(i)].g, lut[std::size_t(i)].b});
            if (d < bd) bd = d, best = i;
        }
        return (best / 255.0 - 0.5) * 2.0;
    };
    const double cw = w / cols, ch = h / rows;
    int matched = 0, total = 0;
    double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const int px = static_cast<int>(x + (c + 0.5) * cw), py = static_cast<int>(y + (r + 0.5) * ch);
            if (!inside(img, px, py)) continue;
            const double v = f[static_cast<std::size_t>(r * cols + c)];
            const auto e = topdown::plot::diverging(static_cast<float>(scale > 0 ? 0.5 + 0.5 * v / scale : 0.5));
            const unsigned char* p = img.at(px, py);
            matched += dist(p, Rgb3{e.r, e.g, e.b}) <= 12;
            ++total;
            const double q = read_back(p);
            sx += v, sy += q, sxx += v * v, syy += q * q, sxy += v * q;
        }
    const double N = std::max(1, total);
    const double cov = sxy / N - sx / N * sy / N, vx = sxx / N - sx / N * sx / N, vy = syy / N - sy / N * sy / N;
    const double corr = vx > 0 && vy > 0 ? cov / std::sqrt(vx * vy) : 0.0;
    check(total == D && matched * 100 >= total * 99,
          fmt("receptive field %s: %d of %d pixels in the colour of the field computed from the model (>= 99 %%)",
              want.c_str(), matched, D));
    check(corr >= 0.99, fmt("receptive field %s: the values read back from the screen correlate with the field at "
                            "r = %.4f (>= 0.99)", want.c_str(), corr));
}

// --network-grids: every unit of every layer grid of the network view shows its value's colour (hidden: viridis,
// visible: the image's colour map); outside the slow motion the values are the current frame's, as recorded for
// the visible and hidden panels (visible_values, hidden_bits)
void check_network_grids(const Png& img, const nlohmann::json& side, Args& args) {
    const nlohmann::json n = network_of(side);
    const auto& sizes = side.value("layer_sizes", nlohmann::json::array());
    if (!n.contains("grids") || n["grids"].size() != sizes.size() || sizes.empty()) {
        check(false, "the network view's grids (one per layer) are in the sidecar");
        return;
    }
    topdown::plot::ColorMap vis_cm{};
    topdown::plot::parse_colormap(side.value("visible_colormap", std::string("gray")), vis_cm);
    const auto& c = side["crop"];
    const double ox = c[2].get<double>() > 0 ? c[0].get<double>() : 0, oy = c[2].get<double>() > 0 ? c[1].get<double>() : 0;
    const bool current = n.value("phase", -2) == -2;
    for (const auto& g : n["grids"]) {
        const int layer = g["layer"].get<int>(), units = g["units"].get<int>(), cols = g["cols"].get<int>();
        const double cell = g["cell"].get<double>(), gx = g["x"].get<double>() - ox, gy = g["y"].get<double>() - oy;
        const auto& values = g["values"];
        int matched = 0, same = 0;
        for (int j = 0; j < units; ++j) {
            const float v = values[static_cast<std::size_t>(j)].get<float>();
            const Rgb3 want = cmap(layer == 0 ? vis_cm : topdown::plot::ColorMap::Viridis, v);
            const int px = static_cast<int>(gx + (j % cols + 0.5) * cell), py = static_cast<int>(gy + (j / cols + 0.5) * cell);
            matched += inside(img, px, py) && dist(img.at(px, py), want) <= 12;
            if (!current) continue;
            if (layer == 0 && side.contains("visible_values"))
                same += std::abs(side["visible_values"][static_cast<std::size_t>(j)].get<float>() - v) < 1e-6f;
            else if (layer > 0 && side.contains("hidden_bits"))
                same += (side["hidden_bits"][static_cast<std::size_t>(layer - 1)].get<std::string>()[static_cast<std::size_t>(j)] == '1') == (v > 0.5f);
        }
        check(units == sizes[static_cast<std::size_t>(layer)].get<int>() && matched * 1000 >= units * 995,
              fmt("network layer %d: %d of %d unit cells in their value's colour (>= 99.5 %%)", layer, matched, units));
        if (current)
            check(same == units, fmt("network layer %d: %d of %d values are the focused chain's current state", layer,
                                     same, units));
    }
}

// --network-phase K LAYER: the slow motion is held at sub-step K, which updates LAYER, and only that layer's
// grid is framed in the highlight colour (255, 196, 40)
void check_network_phase(const Png& img, const nlohmann::json& side, Args& args) {
    const int k = std::stoi(args.next()), want_layer = std::stoi(args.next());
    const nlohmann::json n = network_of(side);
    check(n.value("phase", -9) == k && n.value("updated_layer", -9) == want_layer,
          fmt("slow motion at sub-step %d updating layer %d (want %d, %d)", n.value("phase", -9),
              n.value("updated_layer", -9), k, want_layer));
    if (!n.contains("grids")) return;
    const auto& c = side["crop"];
    const double ox = c[2].get<double>() > 0 ? c[0].get<double>() : 0, oy = c[2].get<double>() > 0 ? c[1].get<double>() : 0;
    const Rgb3 hl{255, 196, 40};
    for (const auto& g : n["grids"]) {
        const int layer = g["layer"].get<int>(), rows = g["rows"].get<int>(), cols = g["cols"].get<int>();
        const double cell = g["cell"].get<double>();
        // The frame's line 2 pixels outside the grid (3 pixels wide, 3 pixels out).
        const int x0 = static_cast<int>(g["x"].get<double>() - ox) - 3, y0 = static_cast<int>(g["y"].get<double>() - oy) - 3;
        const int x1 = static_cast<int>(g["x"].get<double>() - ox + cols * cell) + 2, y1 = static_cast<int>(g["y"].get<double>() - oy + rows * cell) + 2;
        int on = 0, total = 0;
        for (int x = x0; x <= x1; ++x)
            for (int y : {y0, y1}) on += inside(img, x, y) && dist(img.at(x, y), hl) <= 30, ++total;
        for (int y = y0; y <= y1; ++y)
            for (int x : {x0, x1}) on += inside(img, x, y) && dist(img.at(x, y), hl) <= 30, ++total;
        if (layer == want_layer)
            check(on * 10 >= total * 9, fmt("layer %d (updated) framed: %d of %d frame pixels highlighted", layer, on, total));
        else
            check(on * 10 < total * 3, fmt("layer %d (not updated) not framed: %d of %d frame pixels highlighted", layer, on, total));
    }
}

// The checks, by flag: each reads its own arguments and records its result with check().
struct Check {
    const char* flag;
    void (*run)(const Png& img, const nlohmann::json& side, Args& args);
};
const Check kChecks[] = {
    {"--size", check_size},
    {"--panel-size", check_panel_size},
    {"--step", check_step},
    {"--model-suffix", check_model_suffix},
    {"--error", check_error},
    {"--sidecar", check_sidecar},
    {"--heatmap", check_heatmap},
    {"--image", check_image},
    {"--fills", check_fills},
    {"--energy", check_energy},
    {"--timeline", check_timeline},
    {"--hidden", check_hidden},
    {"--filmstrip", check_filmstrip},
    {"--transport", check_transport},
    {"--biasing", check_biasing},
    {"--pca", check_pca},
    {"--replay", check_replay},
    {"--no-overlap", check_no_overlap},
    {"--inside-window", check_inside_window},
    {"--min-item-height", check_min_item_height},
    {"--legend", check_legend},
    {"--not-blank", check_not_blank},
    {"--varied", check_varied},
    {"--line-pixels", check_line_pixels},
    {"--same-region", check_same_region},
    {"--clamped-half", check_clamped_half},
    {"--highlight", check_highlight},
    {"--same-items", check_same_items},
    {"--differ-items", check_differ_items},
    {"--temperature-line", check_temperature_line},
    {"--census", check_census},
    {"--receptive-field", check_receptive_field},
    {"--network-grids", check_network_grids},
    {"--network-phase", check_network_phase},
};

// The check for `flag`, or nullptr.
const Check* find_check(const std::string& flag) {
    for (const Check& c : kChecks)
        if (flag == c.flag) return &c;
    return nullptr;
}
}  // namespace

int main(int argc, char** argv) {
    if (argc == 5 && std::string(argv[1]) == "--mutate") return mutate(argv[2], argv[3], argv[4]);
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
    Args args{argc, argv, 2};
    for (; args.i < argc; ++args.i) {
        const Check* c = find_check(argv[args.i]);
        if (!c) {
            usage();
            return 2;
        }
        c->run(img, side, args);
    }
    std::printf("%s\n", failures ? "FAILED" : "all checks passed");
    return failures ? 1 : 0;
}
