#include "exporters.hpp"

#include <epoxy/gl.h>

#include <cmath>
#include <sstream>

#include "session/session_file.hpp"
#include "util/atomic_file.hpp"
#include "util/errors.hpp"
#include "util/png.hpp"

namespace topdown::gui {

void export_filmstrip_png(const Snapshot& s, plot::ColorMap colormap, int max_frames, const std::string& path) {
    if (!s.model || s.recent.empty()) throw IoError("nothing to export yet: run the chain first");
    const int rows = s.model->image_rows, cols = s.model->image_cols;
    const int scale = rows == 1 ? 1 : 4, gap = 4;
    const std::size_t n = std::min<std::size_t>(s.recent.size(), static_cast<std::size_t>(std::max(1, max_frames)));
    const std::size_t first = s.recent.size() - n;
    Image img(gap + static_cast<int>(n) * (cols * scale + gap), gap * 2 + rows * scale, 30, 30, 34);
    for (std::size_t i = 0; i < n; ++i) {
        const FocusedFrame& f = *s.recent[first + i];
        const int x0 = gap + static_cast<int>(i) * (cols * scale + gap);
        for (int r = 0; r < rows; ++r)
            for (int c = 0; c < cols; ++c) {
                const auto col = plot::colormap(colormap, f.visible[static_cast<std::size_t>(r * cols + c)]);
                img.fill_rect(x0 + c * scale, gap + r * scale, scale, scale, col.r, col.g, col.b);
            }
    }
    write_png(path, img);
}

void export_focused_csv(const Snapshot& s, const std::string& path) {
    if (!s.model || s.recent.empty()) throw IoError("nothing to export yet: run the chain first");
    const std::size_t L = s.recent.front()->energy.size();
    std::ostringstream o;
    o << "# " << describe(s.params) << ", model " << s.model->path << "\nstep";
    for (std::size_t l = 1; l <= L; ++l) o << ",energy_" << l;
    for (std::size_t l = 1; l <= L; ++l) o << ",active_" << l;
    o << ",state,probability,entropy\n";
    for (const auto& f : s.recent) {
        o << f->step;
        for (float e : f->energy) o << ',' << e;
        for (float a : f->active_fraction) o << ',' << a;
        o << ',' << f->verdict.state << ',';
        if (std::isfinite(f->verdict.probability)) o << f->verdict.probability;
        o << ',';
        if (std::isfinite(f->verdict.entropy)) o << f->verdict.entropy;
        o << '\n';
    }
    write_file_atomic(path, o.str());
}

void export_ensemble_csv(const Snapshot& s, const std::string& path) {
    if (!s.model || s.ensemble.empty()) throw IoError("no ensemble statistics yet: run with an ensemble first");
    const std::size_t L = s.model->sizes.size() - 1;
    std::ostringstream o;
    o << "# " << describe(s.params) << ", " << s.ensemble_size << " chains, model " << s.model->path << "\nstep";
    for (std::size_t l = 1; l <= L; ++l) o << ",energy_mean_" << l << ",energy_sem_" << l;
    for (std::size_t l = 1; l <= L; ++l) o << ",active_mean_" << l;
    if (s.metrics.available) o << ",visited_mean,visited_sem,transitions_mean,transitions_sem";
    o << '\n';
    for (std::size_t i = 0; i < s.ensemble.size(); ++i) {
        const EnsembleStep& e = s.ensemble[i];
        o << e.step;
        for (std::size_t l = 0; l < L; ++l) o << ',' << e.energy_mean[l] << ',' << e.energy_sem[l];
        for (std::size_t l = 0; l < L; ++l) o << ',' << e.active_mean[l];
        if (s.metrics.available) {
            if (i + 1 == s.ensemble.size())
                o << ',' << s.metrics.visited_mean << ',' << s.metrics.visited_sem << ',' << s.metrics.transitions_mean
                  << ',' << s.metrics.transitions_sem;
            else
                o << ",,,,";
        }
        o << '\n';
    }
    write_file_atomic(path, o.str());
}

void export_session_json(const Snapshot& s, const std::string& path) {
    if (!s.model || s.model->path.empty()) throw IoError("no model file loaded: nothing to save");
    SessionFile f;
    set_session_model(f, s.model->path, path);  // absolute + relative path and SHA-256: the file can be mailed
    f.params = s.params;
    f.step = s.step;
    save_session(path, f);
}

void save_framebuffer_png(int width, int height, const Rect& crop, const std::string& path) {
    if (width <= 0 || height <= 0) throw IoError("the window has no size");
    std::vector<unsigned char> rgba(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
    int x0 = 0, y0 = 0, w = width, h = height;
    if (crop.w > 0 && crop.h > 0) {
        x0 = std::clamp(static_cast<int>(crop.x), 0, width - 1);
        y0 = std::clamp(static_cast<int>(crop.y), 0, height - 1);
        w = std::clamp(static_cast<int>(crop.w), 1, width - x0);
        h = std::clamp(static_cast<int>(crop.h), 1, height - y0);
    }
    Image img(w, h);
    for (int y = 0; y < h; ++y) {
        const int src_row = height - 1 - (y0 + y);  // GL rows run bottom-up
        for (int x = 0; x < w; ++x) {
            const unsigned char* p = &rgba[(static_cast<std::size_t>(src_row) * static_cast<std::size_t>(width) +
                                            static_cast<std::size_t>(x0 + x)) * 4];
            img.set(x, y, p[0], p[1], p[2]);
        }
    }
    write_png(path, img);
}

}  // namespace topdown::gui
