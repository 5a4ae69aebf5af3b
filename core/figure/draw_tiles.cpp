// A tile-grid panel: grayscale images in rows and columns (e.g. filmstrips: conditions x steps), each with an
// optional coloured frame (the classifier's state), with row and column labels.
#include <algorithm>
#include <cmath>

#include "figure/panel_draw.hpp"

namespace topdown::figure {

namespace {
// Geometry of a tile grid inside its cell.
struct TileLayout {
    double left = 0, top = 0, tw = 0, th = 0, gap = 4.5;
};

TileLayout layout_tiles(const Panel& p, Painter& g, double width) {
    const TileGrid& t = *p.tiles;
    TileLayout l;
    for (const auto& s : t.row_labels) l.left = std::max(l.left, g.text_width(s, FontSizes::kTick));
    l.left += 8;
    l.top = (p.title.empty() ? 4 : 17) + (t.col_title.empty() ? 0 : 11) + 11;
    int ir = 1, ic = 1;
    for (const auto& tile : t.tiles)
        if (tile.rows > 0 && tile.cols > 0) {
            ir = tile.rows, ic = tile.cols;
            break;
        }
    l.tw = std::max(4.0, (width - l.left - 4) / std::max(1, t.cols) - l.gap);
    l.tw = std::min(l.tw, 2.0 * ic);  // at most 2 pt per image pixel
    l.th = l.tw * ir / ic;
    return l;
}

// One grayscale image scaled into (x, y, w, h) with nearest-neighbour sampling.
void draw_image(Painter& g, const Tile& tile, double x, double y, double w, double h) {
    if (tile.rows <= 0 || tile.cols <= 0 || tile.pixels.size() < std::size_t(tile.rows) * std::size_t(tile.cols)) return;
    cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, tile.cols, tile.rows);
    cairo_surface_flush(s);
    unsigned char* data = cairo_image_surface_get_data(s);
    const int stride = cairo_image_surface_get_stride(s);
    for (int r = 0; r < tile.rows; ++r)
        for (int c = 0; c < tile.cols; ++c) {
            const float v = std::clamp(tile.pixels[std::size_t(r) * std::size_t(tile.cols) + std::size_t(c)], 0.0f, 1.0f);
            const auto b = static_cast<std::uint32_t>(std::lround(v * 255.0f));
            *reinterpret_cast<std::uint32_t*>(data + r * stride + c * 4) = (b << 16) | (b << 8) | b;
        }
    cairo_surface_mark_dirty(s);
    cairo_t* cr = g.cr();
    cairo_save(cr);
    cairo_translate(cr, x, y);
    cairo_scale(cr, w / tile.cols, h / tile.rows);
    cairo_set_source_surface(cr, s, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST);
    cairo_rectangle(cr, 0, 0, tile.cols, tile.rows);
    cairo_fill(cr);
    cairo_restore(cr);
    cairo_surface_destroy(s);
}
}  // namespace

double tiles_height(const Panel& p, Painter& g, double width) {
    const auto l = layout_tiles(p, g, width);
    return l.top + p.tiles->rows * (l.th + l.gap) + (p.note.empty() ? 4 : 14);
}

void draw_tiles(const Panel& p, Painter& g, double x, double y, double width) {
    const TileGrid& t = *p.tiles;
    const auto l = layout_tiles(p, g, width);
    const double x0 = x + l.left, y0 = y + l.top;
    g.text(x + 2, y + 8, p.title, FontSizes::kTitle, kInk, 0, true);
    g.text(x0 + t.cols * (l.tw + l.gap) / 2, y0 - 17, t.col_title, FontSizes::kTick, kInkLight, 0.5);
    for (int c = 0; c < t.cols && std::size_t(c) < t.col_labels.size(); ++c)
        g.text(x0 + c * (l.tw + l.gap) + l.tw / 2, y0 - 6, t.col_labels[std::size_t(c)], FontSizes::kTick, kInk, 0.5);
    for (int r = 0; r < t.rows && std::size_t(r) < t.row_labels.size(); ++r)
        g.text(x0 - 6, y0 + r * (l.th + l.gap) + l.th / 2, t.row_labels[std::size_t(r)], FontSizes::kTick, kInk, 1.0);
    for (const auto& tile : t.tiles) {
        if (tile.grid_row < 0 || tile.grid_row >= t.rows || tile.grid_col < 0 || tile.grid_col >= t.cols) continue;
        const double tx = x0 + tile.grid_col * (l.tw + l.gap), ty = y0 + tile.grid_row * (l.th + l.gap);
        draw_image(g, tile, tx, ty, l.tw, l.th);
        if (tile.frame) {
            g.stroke_rect(tx - 0.9, ty - 0.9, l.tw + 1.8, l.th + 1.8, *tile.frame, 1.6);
            g.stroke_rect(tx - 1.9, ty - 1.9, l.tw + 3.8, l.th + 3.8, {60, 60, 60}, 0.35);  // keeps pale states visible
        }
    }
    if (!p.note.empty()) g.text(x0, y0 + t.rows * (l.th + l.gap) + 6, p.note, FontSizes::kNote, kInkLight, 0);
}

}  // namespace topdown::figure
