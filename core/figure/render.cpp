// Figure layout (a grid of panels under a title) and the cairo surfaces: PNG (image surface, scaled),
// SVG (with a searchable text layer and <title>) and PDF (with title metadata); all written atomically.
#include "figure/render.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "figure/panel_draw.hpp"
#include "util/atomic_file.hpp"
#include "util/errors.hpp"

namespace topdown::figure {

double panel_height(const Panel& p, Painter& g, double width) {
    if (p.heatmap) return heatmap_height(p, g, width);
    if (p.tiles) return tiles_height(p, g, width);
    return layout_xy(p, g, width).height;
}

void draw_panel(const Panel& p, Painter& g, double x, double y, double width) {
    if (p.heatmap) return draw_heatmap(p, g, x, y, width);
    if (p.tiles) return draw_tiles(p, g, x, y, width);
    draw_xy(p, g, layout_xy(p, g, width), x, y);
}

namespace {
constexpr double kMargin = 6;

// Panel grid of a figure: columns, cell width, row heights, title and note heights.
struct Grid {
    int cols = 1, rows = 0;
    double cell_w = 0, title_h = 0, note_h = 0, width = 0, height = 0;
    std::vector<double> row_h;
};

Grid layout_grid(const Figure& f, Painter& g) {
    Grid gr;
    const int n = static_cast<int>(f.panels.size());
    gr.cols = f.columns > 0 ? f.columns : std::clamp(n, 1, 3);
    gr.rows = (n + gr.cols - 1) / gr.cols;
    gr.width = std::max(1.0, f.width_in) * 72.0;
    gr.cell_w = (gr.width - 2 * kMargin) / gr.cols;
    gr.title_h = f.title.empty() ? 0 : 18;
    gr.note_h = f.note.empty() ? 0 : 13;
    gr.row_h.assign(std::size_t(gr.rows), 0.0);
    for (int i = 0; i < n; ++i)
        gr.row_h[std::size_t(i / gr.cols)] = std::max(gr.row_h[std::size_t(i / gr.cols)], panel_height(f.panels[std::size_t(i)], g, gr.cell_w));
    gr.height = 2 * kMargin + gr.title_h + gr.note_h;
    for (double h : gr.row_h) gr.height += h + 4;
    return gr;
}

// Draws the whole figure on a context whose user space is in points.
void draw_figure(const Figure& f, Painter& g, const Grid& gr) {
    cairo_t* cr = g.cr();
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    g.text(kMargin + 2, kMargin + 7, f.title, FontSizes::kFigureTitle, kInk, 0, true);
    double y = kMargin + gr.title_h;
    for (int r = 0; r < gr.rows; ++r) {
        for (int c = 0; c < gr.cols; ++c) {
            const std::size_t i = std::size_t(r * gr.cols + c);
            if (i < f.panels.size()) draw_panel(f.panels[i], g, kMargin + c * gr.cell_w, y, gr.cell_w);
        }
        y += gr.row_h[std::size_t(r)] + 4;
    }
    g.text(kMargin + 2, y + 5, f.note, FontSizes::kNote, kInkLight, 0);
}

// A measuring context (no output) for the layout.
struct Measure {
    cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t* cr = cairo_create(s);
    ~Measure() {
        cairo_destroy(cr);
        cairo_surface_destroy(s);
    }
};

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

std::string xml_escape(const std::string& s) {
    std::string o;
    for (char c : s) {
        if (c == '&') o += "&amp;";
        else if (c == '<') o += "&lt;";
        else if (c == '>') o += "&gt;";
        else if (c == '"') o += "&quot;";
        else o += c;
    }
    return o;
}

// Adds <title> and an invisible, selectable text layer (cairo draws glyphs as outlines) to cairo's SVG.
std::string add_svg_text_layer(std::string svg, const Figure& f, const std::vector<TextRecord>& texts) {
    std::ostringstream layer;
    layer << "<g id=\"text-layer\" fill-opacity=\"0\" font-family=\"DejaVu Sans\">\n";
    for (const auto& t : texts) {
        const char* anchor = t.halign >= 0.75 ? "end" : t.halign >= 0.25 ? "middle" : "start";
        layer << "<text x=\"" << t.x << "\" y=\"" << t.y + 0.36 * t.size << "\" font-size=\"" << t.size << "\" text-anchor=\""
              << anchor << "\"" << (t.bold ? " font-weight=\"bold\"" : "");
        if (t.angle != 0) layer << " transform=\"rotate(" << -t.angle << ' ' << t.x << ' ' << t.y << ")\"";
        layer << ">" << xml_escape(t.text) << "</text>\n";
    }
    layer << "</g>\n";
    const auto end = svg.rfind("</svg>");
    if (end != std::string::npos) svg.insert(end, layer.str());
    const auto open = svg.find("<svg");
    const auto close = open == std::string::npos ? open : svg.find('>', open);
    if (close != std::string::npos) svg.insert(close + 1, "\n<title>" + xml_escape(f.title) + "</title>");
    return svg;
}

// Renders onto a vector surface created by `make` (SVG or PDF) and returns the stream's bytes.
template <class Make>
std::string render_vector(const Figure& f, const Grid& gr, Make make, std::vector<TextRecord>* texts) {
    std::string bytes;
    cairo_surface_t* s = make(&bytes, gr.width, gr.height);
    cairo_t* cr = cairo_create(s);
    Painter g(cr);
    draw_figure(f, g, gr);
    if (texts) *texts = g.texts();
    cairo_destroy(cr);
    cairo_surface_finish(s);
    const auto st = cairo_surface_status(s);
    cairo_surface_destroy(s);
    if (st != CAIRO_STATUS_SUCCESS) throw IoError(std::string("could not render the figure: ") + cairo_status_to_string(st));
    return bytes;
}
}  // namespace

FigureSize figure_size(const Figure& f) {
    Measure m;
    Painter g(m.cr);
    const auto gr = layout_grid(f, g);
    return {gr.width, gr.height};
}

std::string render_figure(const Figure& f, Format format, double png_scale) {
    Measure m;
    Painter mg(m.cr);
    const Grid gr = layout_grid(f, mg);
    switch (format) {
        case Format::Svg: {
            std::vector<TextRecord> texts;
            const auto svg = render_vector(f, gr, [](std::string* b, double w, double h) {
                cairo_surface_t* s = cairo_svg_surface_create_for_stream(append, b, w, h);
                cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PT);
                return s;
            }, &texts);
            return add_svg_text_layer(svg, f, texts);
        }
        case Format::Pdf:
            return render_vector(f, gr, [&f](std::string* b, double w, double h) {
                cairo_surface_t* s = cairo_pdf_surface_create_for_stream(append, b, w, h);
                cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, f.title.c_str());
                cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "TopDown");
                return s;
            }, nullptr);
        case Format::Png: {
            const double sc = std::clamp(png_scale, 0.25, 8.0);
            const int w = int(std::ceil(gr.width * sc)), h = int(std::ceil(gr.height * sc));
            cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
            cairo_t* cr = cairo_create(s);
            cairo_scale(cr, sc, sc);
            Painter g(cr);
            draw_figure(f, g, gr);
            cairo_destroy(cr);
            std::string bytes;
            const auto st = cairo_surface_write_to_png_stream(s, append, &bytes);
            cairo_surface_destroy(s);
            if (st != CAIRO_STATUS_SUCCESS) throw IoError(std::string("could not encode the PNG: ") + cairo_status_to_string(st));
            return bytes;
        }
    }
    return {};
}

const char* format_extension(Format f) {
    switch (f) {
        case Format::Png: return "png";
        case Format::Svg: return "svg";
        case Format::Pdf: return "pdf";
    }
    return "";
}

std::vector<Format> default_formats() { return {Format::Png, Format::Svg}; }

std::vector<Format> parse_formats(const std::string& list) {
    std::vector<Format> out;
    std::stringstream ss(list);
    std::string item;
    while (std::getline(ss, item, ',')) {
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        Format f;
        if (item == "png") f = Format::Png;
        else if (item == "svg") f = Format::Svg;
        else if (item == "pdf") f = Format::Pdf;
        else throw ArgumentError("unknown figure format '" + item + "' (use png, svg and/or pdf, separated by commas)");
        if (std::find(out.begin(), out.end(), f) != out.end()) throw ArgumentError("figure format '" + item + "' is listed twice");
        out.push_back(f);
    }
    if (out.empty()) throw ArgumentError("no figure format given (use png, svg and/or pdf, separated by commas)");
    return out;
}

std::vector<std::string> write_figure(const Figure& f, const std::string& base, const std::vector<Format>& formats, double png_scale) {
    std::vector<std::string> paths;
    for (Format fmt : formats) {
        paths.push_back(base + "." + format_extension(fmt));
        write_file_atomic(paths.back(), render_figure(f, fmt, png_scale));
    }
    paths.push_back(base + ".csv");
    write_file_atomic(paths.back(), figure_csv(f));
    return paths;
}

}  // namespace topdown::figure
