#include "experiment/canvas.hpp"

#include <stb/stb_easy_font.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace topdown {

Rgb palette(int i) {
    static const Rgb p[10] = {{31, 119, 180}, {255, 127, 14}, {44, 160, 44},  {214, 39, 40},  {148, 103, 189},
                              {140, 86, 75},  {227, 119, 194}, {127, 127, 127}, {188, 189, 34}, {23, 190, 207}};
    return p[((i % 10) + 10) % 10];
}

Rgb viridis(double t) {
    static const double k[5][3] = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};
    t = std::clamp(t, 0.0, 1.0) * 4.0;
    const int i = std::min(3, static_cast<int>(t));
    const double f = t - i;
    Rgb c;
    for (int j = 0; j < 3; ++j) c[std::size_t(j)] = static_cast<std::uint8_t>(k[i][j] + f * (k[i + 1][j] - k[i][j]) + 0.5);
    return c;
}

Rgb lighten(Rgb c, double a) {
    a = std::clamp(a, 0.0, 1.0);
    for (auto& v : c) v = static_cast<std::uint8_t>(v + (255 - v) * a + 0.5);
    return c;
}

Canvas::Canvas(int w, int h) : img_(w, h, 255, 255, 255) {}

void Canvas::fill_rect(double x, double y, double w, double h, Rgb c) {
    img_.fill_rect(static_cast<int>(std::lround(x)), static_cast<int>(std::lround(y)), static_cast<int>(std::lround(w)),
                   static_cast<int>(std::lround(h)), c[0], c[1], c[2]);
}

void Canvas::rect(double x, double y, double w, double h, Rgb c) {
    line(x, y, x + w, y, c);
    line(x, y + h, x + w, y + h, c);
    line(x, y, x, y + h, c);
    line(x + w, y, x + w, y + h, c);
}

void Canvas::line(double x0, double y0, double x1, double y1, Rgb c, double t) {
    const double len = std::hypot(x1 - x0, y1 - y0);
    const int steps = std::max(1, static_cast<int>(std::ceil(len * 2)));
    const int r = std::max(0, static_cast<int>(std::floor((t - 1) / 2)));
    for (int i = 0; i <= steps; ++i) {
        const double f = double(i) / steps;
        const int x = static_cast<int>(std::lround(x0 + f * (x1 - x0))), y = static_cast<int>(std::lround(y0 + f * (y1 - y0)));
        for (int dy = -r; dy <= r; ++dy)
            for (int dx = -r; dx <= r; ++dx) img_.set(x + dx, y + dy, c[0], c[1], c[2]);
    }
}

void Canvas::dashed_line(double x0, double y0, double x1, double y1, Rgb c, double t, double dash, double gap) {
    const double len = std::hypot(x1 - x0, y1 - y0);
    if (dash <= 0 || len == 0) {
        line(x0, y0, x1, y1, c, t);
        return;
    }
    const double ux = (x1 - x0) / len, uy = (y1 - y0) / len;
    for (double s = 0; s < len; s += dash + gap) {
        const double e = std::min(len, s + dash);
        line(x0 + ux * s, y0 + uy * s, x0 + ux * e, y0 + uy * e, c, t);
    }
}

void Canvas::disc(double cx, double cy, double r, Rgb c) {
    for (int y = static_cast<int>(cy - r - 1); y <= static_cast<int>(cy + r + 1); ++y)
        for (int x = static_cast<int>(cx - r - 1); x <= static_cast<int>(cx + r + 1); ++x)
            if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) img_.set(x, y, c[0], c[1], c[2]);
}

int Canvas::text_width(const std::string& s, int scale) {
    std::string copy = s;
    return stb_easy_font_width(copy.data()) * scale;
}

int Canvas::text(double x, double y, const std::string& s, Rgb c, int scale) {
    std::string copy = s;
    static thread_local std::vector<char> buf(1 << 16);
    const int quads = stb_easy_font_print(0, 0, copy.data(), nullptr, buf.data(), static_cast<int>(buf.size()));
    const float* v = reinterpret_cast<const float*>(buf.data());  // 4 vertices x (x, y, z, color) per quad
    for (int q = 0; q < quads; ++q) {
        const float* p = v + q * 16;
        const double qx0 = p[0], qy0 = p[1], qx1 = p[8], qy1 = p[9];
        fill_rect(x + qx0 * scale, y + qy0 * scale, (qx1 - qx0) * scale, (qy1 - qy0) * scale, c);
    }
    return text_width(s, scale);
}

void Canvas::image(const float* values, int rows, int cols, int x, int y, int scale) {
    img_.draw_gray(values, rows, cols, x, y, scale);
}

std::vector<double> nice_ticks(double lo, double hi, int n) {
    std::vector<double> t;
    if (!(hi > lo)) return {lo};
    const double raw = (hi - lo) / std::max(1, n);
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    double step = mag;
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * mag >= raw) {
            step = m * mag;
            break;
        }
    for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) t.push_back(std::abs(v) < step * 1e-9 ? 0 : v);
    return t;
}

void Axes::draw(Canvas& c, const std::string& xlabel, const std::string& ylabel, const std::string& title) const {
    const Rgb black{30, 30, 30}, grid{225, 225, 225};
    char b[32];
    for (double v : nice_ticks(ymin, ymax)) {
        const double y = py(v);
        c.line(x0, y, x0 + w, y, grid);
        std::snprintf(b, sizeof b, "%g", v);
        c.text(x0 - 6 - Canvas::text_width(b, 2), y - 6, b, black, 2);
    }
    for (double v : nice_ticks(xmin, xmax)) {
        const double x = px(v);
        c.line(x, y0 + h, x, y0 + h + 5, black);
        std::snprintf(b, sizeof b, "%g", v);
        c.text(x - Canvas::text_width(b, 2) / 2.0, y0 + h + 8, b, black, 2);
    }
    c.rect(x0, y0, w, h, black);
    c.text(x0 + w / 2 - Canvas::text_width(xlabel, 2) / 2.0, y0 + h + 30, xlabel, black, 2);
    c.text(4, y0 - 22, ylabel, black, 2);
    c.text(x0 + w / 2 - Canvas::text_width(title, 3) / 2.0, 8, title, black, 3);
}

}  // namespace topdown
