// Internal to core/figure: a cairo context with the figure style (DejaVu Sans, sizes in points) that also
// records every text it draws, so the SVG writer can add a searchable text layer.
#pragma once
#include <cairo.h>

#include <string>
#include <vector>

#include "figure/palette.hpp"

namespace topdown::figure {

// Font sizes of the style, in points.
struct FontSizes {
    static constexpr double kTick = 7.5, kLabel = 8.5, kTitle = 9.0, kFigureTitle = 10.5, kNote = 7.0, kCell = 7.0;
};

// One drawn text: where (centre-left/right by halign), size, angle.
struct TextRecord {
    double x = 0, y = 0, size = 0, halign = 0, angle = 0;
    bool bold = false;
    std::string text;
};

// A cairo context plus the figure's text style.
class Painter {
public:
    // Wraps `cr` (not owned); sets the font options (no hinted metrics, so layout is the same in every format).
    explicit Painter(cairo_t* cr);
    // The cairo context.
    cairo_t* cr() const { return cr_; }
    // Sets the source colour with an opacity.
    void color(Rgb c, double alpha = 1.0);
    // Advance width in points of a text at a size.
    double text_width(const std::string& s, double size, bool bold = false);
    // Draws a text whose vertical centre is at y; halign 0 = starts at x, 0.5 = centred, 1 = ends at x;
    // `angle` in degrees counter-clockwise about (x, y).
    void text(double x, double y, const std::string& s, double size, Rgb c, double halign = 0, bool bold = false,
              double angle = 0);
    // Every text drawn so far.
    const std::vector<TextRecord>& texts() const { return texts_; }
    // Strokes a line segment.
    void line(double x0, double y0, double x1, double y1, Rgb c, double width, double alpha = 1.0);
    // Fills a rectangle.
    void fill_rect(double x, double y, double w, double h, Rgb c, double alpha = 1.0);
    // Strokes a rectangle outline.
    void stroke_rect(double x, double y, double w, double h, Rgb c, double width);

private:
    void font(double size, bool bold);
    cairo_t* cr_;
    std::vector<TextRecord> texts_;
};

// Text colour of the style (near-black) and of secondary text (dark gray).
inline constexpr Rgb kInk{25, 25, 25};
inline constexpr Rgb kInkLight{90, 90, 90};

}  // namespace topdown::figure
