// The figure layer (core/figure): a line plot renders to PNG / SVG / PDF; the PNG's plot area holds the series'
// colours where the data puts them (positions computed here from the data, not by the renderer); the SVG names
// its titles; the CSV holds the data; formats parse; ticks are nice and labels never repeat.
#include <gtest/gtest.h>
#include <stb/stb_image.h>

#include <cmath>

#include "experiment/replay_figure.hpp"
#include "figure/panel_stats.hpp"
#include "figure/render.hpp"
#include "figure/ticks.hpp"
#include "session/live_figures.hpp"
#include "sweep/sweep_collect.hpp"
#include "test_support.hpp"
#include "util/errors.hpp"

using namespace topdown;
using namespace topdown::figure;

namespace {
struct Decoded {
    int w = 0, h = 0;
    std::vector<unsigned char> rgb;
    Rgb at(int x, int y) const {
        const auto* p = &rgb[(std::size_t(y) * std::size_t(w) + std::size_t(x)) * 3];
        return {p[0], p[1], p[2]};
    }
};
Decoded decode_png(const std::string& bytes) {
    Decoded d;
    int comp = 0;
    unsigned char* px = stbi_load_from_memory(reinterpret_cast<const unsigned char*>(bytes.data()), int(bytes.size()), &d.w, &d.h, &comp, 3);
    if (!px) return d;
    d.rgb.assign(px, px + std::size_t(d.w) * std::size_t(d.h) * 3);
    stbi_image_free(px);
    return d;
}
// Pixels within `tol` of a colour (per channel).
int count_color(const Decoded& d, Rgb c, int tol, int x0 = 0, int y0 = 0, int x1 = -1, int y1 = -1) {
    if (x1 < 0) x1 = d.w;
    if (y1 < 0) y1 = d.h;
    int n = 0;
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            const Rgb p = d.at(x, y);
            n += std::abs(p.r - c.r) <= tol && std::abs(p.g - c.g) <= tol && std::abs(p.b - c.b) <= tol;
        }
    return n;
}

// Two flat lines: "low" at y = 0 in the lower half, "high" at y = 10 in the upper half of the plot.
Figure two_lines() {
    Figure f;
    f.title = "Two flat lines";
    f.width_in = kOneColumnInches;
    Panel p;
    p.title = "panel A";
    p.x.title = "step";
    p.y.title = "value (a.u.)";
    p.legend = false;
    Line lo{"low", {0, 1, 2, 3}, {0, 0, 0, 0}, {}, state_color(0, 10), 2.0};
    Line hi{"high", {0, 1, 2, 3}, {10, 10, 10, 10}, {}, state_color(1, 10), 2.0};
    p.lines = {lo, hi};
    f.panels = {p};
    return f;
}
}  // namespace

TEST(Figure, LinePlotPngHasSeriesColoursWhereTheDataIs) {
    const auto f = two_lines();
    const auto d = decode_png(render_figure(f, Format::Png, 2.0));
    ASSERT_GT(d.w, 0);
    EXPECT_EQ(d.w, int(std::ceil(kOneColumnInches * 72 * 2)));  // 2 pixels per point
    // Blue (class 0) only in the lower half of the image, orange (class 1) only in the upper half.
    const Rgb blue = state_color(0, 10), orange = state_color(1, 10);
    EXPECT_GT(count_color(d, blue, 10, 0, d.h / 2, d.w, d.h), 100);
    EXPECT_EQ(count_color(d, blue, 10, 0, 0, d.w, d.h / 3), 0);
    EXPECT_GT(count_color(d, orange, 10, 0, 0, d.w, d.h / 2), 100);
    EXPECT_EQ(count_color(d, orange, 10, 0, d.h * 2 / 3, d.w, d.h), 0);
}

TEST(Figure, SvgAndPdfCarryTheTitles) {
    const auto f = two_lines();
    const auto svg = render_figure(f, Format::Svg);
    EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
    EXPECT_NE(svg.find("<title>Two flat lines</title>"), std::string::npos);
    EXPECT_NE(svg.find(">panel A</text>"), std::string::npos);
    EXPECT_NE(svg.find(">value (a.u.)</text>"), std::string::npos);
    const auto pdf = render_figure(f, Format::Pdf);
    EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
}

TEST(Figure, WriteFigureWritesEachFormatAndTheCsv) {
    test::TempDir dir;
    const auto paths = write_figure(two_lines(), dir.file("lines"), parse_formats("png,svg,pdf"));
    ASSERT_EQ(paths.size(), 4u);
    for (const auto& p : paths) EXPECT_GT(std::filesystem::file_size(p), 100u) << p;
    std::ifstream csv(dir.file("lines.csv"));
    std::string header, first;
    std::getline(csv, header);
    std::getline(csv, first);
    EXPECT_EQ(header, "panel,kind,series,category,x,y,sem");
    EXPECT_EQ(first, "panel A,line,low,,0,0,");
}

TEST(Figure, FormatsParseAndRefuseUnknownOrRepeated) {
    EXPECT_EQ(parse_formats("pdf, png"), (std::vector<Format>{Format::Pdf, Format::Png}));
    EXPECT_EQ(default_formats(), (std::vector<Format>{Format::Png, Format::Svg}));
    EXPECT_THROW(parse_formats("png,jpg"), ArgumentError);
    EXPECT_THROW(parse_formats("svg,svg"), ArgumentError);
    EXPECT_THROW(parse_formats(""), ArgumentError);
}

TEST(Figure, NiceTicksAndDistinctLabels) {
    EXPECT_EQ(nice_ticks(0, 10, 5), (std::vector<double>{0, 2, 4, 6, 8, 10}));
    EXPECT_EQ(nice_ticks(0.43, 20.57, 2), (std::vector<double>{10, 20}));  // never a single tick
    EXPECT_EQ(tick_labels({0, 0.25, 0.5}), (std::vector<std::string>{"0.00", "0.25", "0.50"}));
    EXPECT_EQ(tick_labels({-1, 0, 1}), (std::vector<std::string>{"\u22121", "0", "1"}));
}

TEST(Figure, QuantilesAndKernelDensityMatchHandValues) {
    // Linear-interpolation quantiles (as numpy's default) of 1..4.
    EXPECT_DOUBLE_EQ(quantile({1, 2, 3, 4}, 0.5), 2.5);
    EXPECT_DOUBLE_EQ(quantile({1, 2, 3, 4}, 0.25), 1.75);
    // The density integrates to about 1 over a wide grid.
    std::vector<double> at;
    for (int i = 0; i <= 400; ++i) at.push_back(-10 + 0.05 * i);
    const auto d = kernel_density({0, 1, 1, 2, 5}, at);
    double area = 0;
    for (double v : d) area += v * 0.05;
    EXPECT_NEAR(area, 1.0, 1e-3);
}

TEST(Figure, ReplayAndSweepFiguresRenderInEveryFormat) {
    ReplayCurve a;
    a.condition = ReplayCondition::Sequential;
    a.initial_old_accuracy = 0.97;
    a.old_accuracy_fixed = {0.5, 0.4};
    a.new_accuracy = {0.7, 0.8};
    const auto f = replay_figure({a}, "fashion");
    ASSERT_EQ(f.panels.size(), 2u);
    EXPECT_EQ(f.panels[0].lines[0].y, (std::vector<double>{97, 50, 40}));  // percent, epoch 0 = before retraining
    EXPECT_EQ(f.panels[1].lines[0].x, (std::vector<double>{1, 2}));
    CollectRow r{"s", "m", "label", "label", "visited_states", {2, 4}, {}, ""};
    r.stats = seed_stats(r.values);
    const auto c = collect_figure({r});
    ASSERT_EQ(c.panels[0].bars.size(), 1u);
    EXPECT_DOUBLE_EQ(c.panels[0].bars[0].height[0], 3.0);
    for (const auto* fig : {&f, &c})
        for (Format fmt : {Format::Png, Format::Svg, Format::Pdf}) EXPECT_GT(render_figure(*fig, fmt).size(), 1000u);
    EXPECT_NE(render_figure(f, Format::Svg).find("MNIST (old task, fixed read-out)"), std::string::npos);
}

TEST(Figure, LiveFiguresFromASnapshot) {
    auto dbn = std::make_shared<Dbn>();
    dbn->class_names = {"a", "b"};
    dbn->dataset = "toy";
    auto info = std::make_shared<ModelInfo>();
    info->model = dbn;
    info->sizes = {4, 3, 2};
    info->image_rows = 2, info->image_cols = 2;
    Snapshot s;
    s.model = info;
    s.bias_description = "label 0";
    s.ensemble = RingBuffer<EnsembleStep>(8);
    for (int t = 1; t <= 3; ++t) {
        EnsembleStep e;
        e.step = t;
        e.energy_mean[0] = -float(t), e.energy_sem[0] = 0.5f;
        s.ensemble.push(e);
        auto fr = std::make_shared<FocusedFrame>();
        fr->step = t;
        fr->visible = {0, 1, 1, 0};
        fr->energy = {-1.0f * t, -2.0f};
        fr->verdict.state = t % 3;
        s.recent.push_back(fr);
    }
    s.transition_counts = Eigen::MatrixXi::Zero(3, 3);
    s.transition_counts(0, 0) = 3, s.transition_counts(0, 2) = 1, s.transition_counts(2, 1) = 2;
    s.state_counts = {5, 3, 2};
    s.newest_step = 3;
    const auto figs = live_figures(s);
    std::vector<std::string> names;
    for (const auto& [n, f] : figs) names.push_back(n);
    EXPECT_EQ(names, (std::vector<std::string>{"energy", "transitions", "states", "filmstrip"}));
    const auto& h = *figs[1].second.panels[0].heatmap;
    EXPECT_DOUBLE_EQ(h.values[0], 0.75);  // 3 of the 4 steps that left state a stayed
    EXPECT_DOUBLE_EQ(h.values[2], 0.25);
    EXPECT_DOUBLE_EQ(h.values[7], 1.0);   // non-class -> b
    EXPECT_EQ(h.row_names.back(), "non-class");
    EXPECT_EQ(figs[0].second.panels[0].lines[0].sem, (std::vector<double>{0.5, 0.5, 0.5}));
    const auto& tiles = figs[3].second.panels[0].tiles->tiles;
    ASSERT_EQ(tiles.size(), 3u);
    EXPECT_EQ(*tiles[0].frame, state_color(1, 2));  // step 1: state 1
    EXPECT_FALSE(tiles[2].frame.has_value() && tiles[2].state != 0);
    test::TempDir dir;
    const auto paths = write_live_figures(s, dir.file("live"), {Format::Svg, Format::Pdf, Format::Png});
    EXPECT_EQ(paths.size(), 4u * 4u);
    for (const auto& p : paths) EXPECT_GT(std::filesystem::file_size(p), 50u) << p;
}
