// The figure layer (core/figure): a line plot renders to PNG / SVG / PDF; the PNG's plot area holds the series'
// colours where the data puts them (positions computed here from the data, not by the renderer); the SVG names
// its titles; the CSV holds the data; formats parse; ticks are nice and labels never repeat.
#include <gtest/gtest.h>
#include <stb/stb_image.h>

#include <cmath>

#include "figure/render.hpp"
#include "figure/ticks.hpp"
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
