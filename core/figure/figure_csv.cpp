// The data behind a figure as one long CSV table (every series of every panel, one value a row).
#include <sstream>

#include "figure/render.hpp"

namespace topdown::figure {

namespace {
// A CSV field, quoted when it holds a comma, quote or newline.
std::string field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string o = "\"";
    for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
    return o + "\"";
}

// The category name at x on a categorical axis, else "".
std::string category(const Axis& a, double x) {
    const auto i = static_cast<long>(x);
    return double(i) == x && i >= 0 && std::size_t(i) < a.categories.size() ? a.categories[std::size_t(i)] : std::string();
}

void xy_rows(std::ostream& o, const std::string& pn, const Panel& p) {
    auto row = [&](const char* kind, const std::string& series, double x, double y, const std::string& sem) {
        o << pn << ',' << kind << ',' << field(series) << ',' << field(category(p.x, x)) << ',' << x << ',' << y << ',' << sem << '\n';
    };
    for (const auto& s : p.lines)
        for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
            std::ostringstream e;
            if (i < s.sem.size()) e << s.sem[i];
            row("line", s.label, s.x[i], s.y[i], e.str());
        }
    for (const auto& s : p.scatters)
        for (std::size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) row("point", s.label, s.x[i], s.y[i], "");
    for (const auto& b : p.bars)
        for (std::size_t i = 0; i < b.height.size(); ++i) {
            std::ostringstream e;
            if (i < b.err.size()) e << b.err[i];
            row("bar", b.label, i < b.x.size() ? b.x[i] : double(i), b.height[i], e.str());
        }
    for (const auto& d : p.distributions)
        for (double v : d.values) row("value", d.label, d.x, v, "");
    for (const auto& b : p.brackets) o << pn << ",bracket," << field(b.text) << ',' << field(category(p.x, b.x0) + " vs " + category(p.x, b.x1)) << ',' << b.x0 << ',' << b.x1 << ",\n";
}
}  // namespace

std::string figure_csv(const Figure& f) {
    std::ostringstream o;
    o.precision(9);
    o << "panel,kind,series,category,x,y,sem\n";
    for (std::size_t k = 0; k < f.panels.size(); ++k) {
        const Panel& p = f.panels[k];
        const std::string pn = field(p.title.empty() ? "panel " + std::to_string(k + 1) : p.title);
        if (p.heatmap) {
            const Heatmap& h = *p.heatmap;
            for (int i = 0; i < h.rows; ++i)
                for (int j = 0; j < h.cols; ++j) {
                    const std::size_t q = std::size_t(i) * std::size_t(h.cols) + std::size_t(j);
                    o << pn << ",cell," << field(std::size_t(i) < h.row_names.size() ? h.row_names[std::size_t(i)] : std::to_string(i)) << ','
                      << field(std::size_t(j) < h.col_names.size() ? h.col_names[std::size_t(j)] : std::to_string(j)) << ',' << j << ','
                      << (q < h.values.size() ? h.values[q] : 0.0) << ",\n";
                }
        }
        if (p.tiles)
            for (const auto& t : p.tiles->tiles)
                o << pn << ",tile,"
                  << field(std::size_t(t.grid_row) < p.tiles->row_labels.size() ? p.tiles->row_labels[std::size_t(t.grid_row)] : "") << ','
                  << field(std::size_t(t.grid_col) < p.tiles->col_labels.size() ? p.tiles->col_labels[std::size_t(t.grid_col)] : "") << ','
                  << t.grid_col << ',' << t.state << ",\n";
        xy_rows(o, pn, p);
    }
    return o.str();
}

}  // namespace topdown::figure
