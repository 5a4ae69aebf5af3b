#include "figure/painter.hpp"

#include <cmath>

namespace topdown::figure {

Painter::Painter(cairo_t* cr) : cr_(cr) {
    cairo_font_options_t* o = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(o, CAIRO_ANTIALIAS_GRAY);
    cairo_set_font_options(cr_, o);
    cairo_font_options_destroy(o);
    cairo_set_line_join(cr_, CAIRO_LINE_JOIN_ROUND);
    cairo_set_line_cap(cr_, CAIRO_LINE_CAP_BUTT);
}

void Painter::color(Rgb c, double alpha) { cairo_set_source_rgba(cr_, c.r / 255.0, c.g / 255.0, c.b / 255.0, alpha); }

void Painter::font(double size, bool bold) {
    cairo_select_font_face(cr_, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr_, size);
}

double Painter::text_width(const std::string& s, double size, bool bold) {
    font(size, bold);
    cairo_text_extents_t e;
    cairo_text_extents(cr_, s.c_str(), &e);
    return e.x_advance;
}

void Painter::text(double x, double y, const std::string& s, double size, Rgb c, double halign, bool bold, double angle) {
    if (s.empty()) return;
    const double w = text_width(s, size, bold);
    cairo_save(cr_);
    cairo_translate(cr_, x, y);
    if (angle != 0) cairo_rotate(cr_, -angle * M_PI / 180.0);
    cairo_move_to(cr_, -halign * w, 0.36 * size);  // vertical centre of DejaVu's lowercase/cap height
    color(c);
    cairo_show_text(cr_, s.c_str());
    cairo_new_path(cr_);
    cairo_restore(cr_);
    double dx = x, dy = y;  // recorded in device units (points for SVG and PDF)
    cairo_user_to_device(cr_, &dx, &dy);
    texts_.push_back({dx, dy, size, halign, angle, bold, s});
}

void Painter::line(double x0, double y0, double x1, double y1, Rgb c, double width, double alpha) {
    color(c, alpha);
    cairo_set_line_width(cr_, width);
    cairo_move_to(cr_, x0, y0);
    cairo_line_to(cr_, x1, y1);
    cairo_stroke(cr_);
}

void Painter::fill_rect(double x, double y, double w, double h, Rgb c, double alpha) {
    color(c, alpha);
    cairo_rectangle(cr_, x, y, w, h);
    cairo_fill(cr_);
}

void Painter::stroke_rect(double x, double y, double w, double h, Rgb c, double width) {
    color(c);
    cairo_set_line_width(cr_, width);
    cairo_rectangle(cr_, x, y, w, h);
    cairo_stroke(cr_);
}

}  // namespace topdown::figure
