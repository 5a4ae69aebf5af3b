// A tiny raster canvas for the figures the CLI writes as PNG (no GL): lines, rectangles, discs, text
// (stb_easy_font glyphs), and axes that map data to pixels.
#pragma once
#include <array>
#include <string>
#include <vector>

#include "util/png.hpp"

namespace topdown {

using Rgb = std::array<std::uint8_t, 3>;

// A colour of a categorical palette (10 distinct colours, cycling).
Rgb palette(int i);
// A perceptual sequential colour map (viridis-like) for t in [0, 1].
Rgb viridis(double t);
// Mixes a colour with white by `amount` in [0, 1] (for time-as-saturation).
Rgb lighten(Rgb c, double amount);

class Canvas {
public:
    Canvas(int width, int height);
    // Anti-aliasing-free line of the given thickness.
    void line(double x0, double y0, double x1, double y1, Rgb c, double thickness = 1.0);
    // Dashed line: `dash` px drawn, `gap` px skipped (dash <= 0 draws a solid line).
    void dashed_line(double x0, double y0, double x1, double y1, Rgb c, double thickness, double dash, double gap);
    // Filled rectangle.
    void fill_rect(double x, double y, double w, double h, Rgb c);
    // Rectangle outline.
    void rect(double x, double y, double w, double h, Rgb c);
    // Filled disc.
    void disc(double cx, double cy, double r, Rgb c);
    // Text with its top-left at (x, y); `scale` 1 gives glyphs about 7 px high. Returns the width in px.
    int text(double x, double y, const std::string& s, Rgb c, int scale = 2);
    // Width in px of a text at a scale.
    static int text_width(const std::string& s, int scale = 2);
    // Draws a grayscale image tile.
    void image(const float* values, int rows, int cols, int x, int y, int scale);
    const Image& raster() const { return img_; }
    int width() const { return img_.width; }
    int height() const { return img_.height; }

private:
    Image img_;
};

// Linear data -> pixel mapping of a plot area with axes, ticks and labels.
struct Axes {
    double x0, y0, w, h;          // plot area in pixels
    double xmin, xmax, ymin, ymax;
    double px(double x) const { return x0 + (x - xmin) / (xmax - xmin) * w; }
    double py(double y) const { return y0 + h - (y - ymin) / (ymax - ymin) * h; }
    // Draws the frame, about 5 ticks per axis with values, and the axis titles.
    void draw(Canvas& c, const std::string& xlabel, const std::string& ylabel, const std::string& title) const;
};

// "Nice" tick values covering [lo, hi].
std::vector<double> nice_ticks(double lo, double hi, int approx_count = 5);

}  // namespace topdown
