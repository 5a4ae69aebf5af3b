// Internal to core/figure: layout and drawing of the three panel kinds (x-y, heatmap, tile grid).
#pragma once
#include <string>
#include <vector>

#include "figure/figure.hpp"
#include "figure/painter.hpp"

namespace topdown::figure {

// Data range of an x-y panel.
struct Range {
    double xlo = 0, xhi = 1, ylo = 0, yhi = 1;
};

// A legend entry as drawn.
struct LegendItem {
    std::string label;
    Rgb color;
    bool line = false;
    bool band = false;
};

// Where everything of an x-y panel goes, in points relative to the panel's top-left corner.
struct XyLayout {
    double left = 0, top = 0, pw = 0, ph = 0, bottom = 0, height = 0;
    Range r;
    std::vector<double> xt, yt;                // tick positions (data units)
    std::vector<std::string> xl, yl;           // their labels
    std::vector<int> x_keep, y_keep;           // labels that are printed (never overlapping)
    double x_label_angle = 0;                  // categorical labels rotate when they would overlap
    std::vector<LegendItem> legend;
    double lx = 0, ly = 0, lw = 0, lh = 0;     // legend box (relative to the panel)
    bool legend_outside = false;
    std::vector<double> bracket_y;             // data y of each bracket
    // Data -> panel coordinates.
    double px(double x) const { return left + (x - r.xlo) / (r.xhi - r.xlo) * pw; }
    double py(double y) const { return top + ph - (y - r.ylo) / (r.yhi - r.ylo) * ph; }
};

// Lays out an x-y panel for a cell `width` points wide.
XyLayout layout_xy(const Panel& p, Painter& g, double width);
// Draws an x-y panel with its top-left corner at (x, y).
void draw_xy(const Panel& p, Painter& g, const XyLayout& l, double x, double y);
// Draws the distributions of a panel (violin / box / points) in the layout's data coordinates.
void draw_distributions(const Panel& p, Painter& g, const XyLayout& l);
// Draws the significance brackets of a panel.
void draw_brackets(const Panel& p, Painter& g, const XyLayout& l);
// Gaussian kernel density of `values` at `at` (Silverman's bandwidth); all zeros for fewer than 2 values.
std::vector<double> kernel_density(const std::vector<double>& values, const std::vector<double>& at);
// Quantile q in [0, 1] of sorted values (linear interpolation).
double quantile(const std::vector<double>& sorted, double q);

// Height a heatmap panel needs at `width`.
double heatmap_height(const Panel& p, Painter& g, double width);
// Draws a heatmap panel into the cell at (x, y) of the given width.
void draw_heatmap(const Panel& p, Painter& g, double x, double y, double width);

// Height a tile-grid panel needs at `width`.
double tiles_height(const Panel& p, Painter& g, double width);
// Draws a tile-grid panel into the cell at (x, y) of the given width.
void draw_tiles(const Panel& p, Painter& g, double x, double y, double width);

// Height of any panel at `width`.
double panel_height(const Panel& p, Painter& g, double width);
// Draws any panel into its cell.
void draw_panel(const Panel& p, Painter& g, double x, double y, double width);

}  // namespace topdown::figure
