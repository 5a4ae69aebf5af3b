// State timeline: one coloured cell per step of the focused chain (colour = classifier state, gray for
// the non-class state), with its visited-states and transitions counts and the state-colour legend.
// Needs the state classifier.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>

#include "panels/panel.hpp"
#include "plot/plot_widgets.hpp"

namespace topdown::gui {

namespace {
struct LegendEntry {
    int state;
    std::string text;
    float width;
};

std::vector<LegendEntry> legend_entries(const ModelInfo& m) {
    const float fh = ImGui::GetFontSize();
    const int C = m.num_classes();
    std::vector<LegendEntry> out;
    for (int c = 0; c <= C; ++c) {
        std::string t = c < C ? m.model->class_names[static_cast<std::size_t>(c)] : std::string("non-class");
        const float w = fh * 1.2f + ImGui::CalcTextSize(t.c_str()).x;
        out.push_back({c, std::move(t), w});
    }
    return out;
}

// Rows the legend needs in `width` pixels.
int legend_rows(const std::vector<LegendEntry>& e, float width) {
    const float gap = ImGui::GetFontSize() * 0.6f;
    int rows = 1;
    float x = 0;
    for (const auto& v : e) {
        if (x > 0 && x + v.width > width) ++rows, x = 0;
        x += v.width + gap;
    }
    return rows;
}

// The tooltip of timeline cell `k` (index into the snapshot's recent frames): the step and state, and for the
// run it belongs to, its last visible state beside its nearest training image with the census verdict
// (docs/METHODS.md §16.3; the search runs in the background and appears when done).
void draw_run_tooltip(UiContext& ctx, std::size_t k) {
    const Snapshot& s = *ctx.snap;
    const int C = s.model->num_classes();
    const FocusedFrame& f = *s.recent[k];
    const int st = f.verdict.state;
    const char* name = st < 0 ? "?" : st < C ? s.model->model->class_names[static_cast<std::size_t>(st)].c_str() : "non-class";
    std::size_t a = k, b = k;  // the run: consecutive frames with the same state
    while (a > 0 && s.recent[a - 1]->verdict.state == st) --a;
    while (b + 1 < s.recent.size() && s.recent[b + 1]->verdict.state == st) ++b;
    ImGui::BeginTooltip();
    ImGui::Text("step %d: %s (run of steps %d-%d)", f.step, name, s.recent[a]->step, s.recent[b]->step);
    AttractorView& av = ctx.attractors;
    const RunNeighbour* nb = st >= 0 ? av.run_neighbour(s.recent[b]->step, st, C, s.recent[b]->visible) : nullptr;
    if (nb && nb->match.index >= 0 && av.index) {
        const int rows = s.model->image_rows, cols = s.model->image_cols;
        const float side = std::floor(ImGui::GetFontSize() * 5.0f);
        const float side_h = std::floor(side * static_cast<float>(rows) / static_cast<float>(std::max(1, cols)));
        const GLuint run_tex = ctx.renderer->image("census_run", s.recent[b], 0, s.recent[b]->visible.data(), rows, cols,
                                                   ctx.view.colormap, static_cast<int>(side), static_cast<int>(side_h), false);
        const GLuint nn_tex = ctx.renderer->image("census_nearest", av.index, nb->match.index,
                                                  av.index->visible.points().row(nb->match.index).data(), rows, cols,
                                                  ctx.view.colormap, static_cast<int>(side), static_cast<int>(side_h), false);
        ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(run_tex)), ImVec2(side, side_h));
        ImGui::SameLine();
        ImGui::Image(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(nn_tex)), ImVec2(side, side_h));
        const int label = av.index->labels[static_cast<std::size_t>(nb->match.index)];
        ImGui::Text("nearest training image #%d (%s), distance %.2f: %s", nb->match.index,
                    label >= 0 && label < C ? s.model->model->class_names[static_cast<std::size_t>(label)].c_str() : "?",
                    nb->match.distance, to_string(nb->verdict));
    } else if (av.index) {
        ImGui::TextDisabled("searching the training set...");
    } else {
        ImGui::TextDisabled(av.index_error.empty() ? "indexing the training set..." : "no census: the training set is missing");
    }
    ImGui::EndTooltip();
}
}  // namespace

void draw_state_legend(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    if (!s.model) return;
    const float fh = ImGui::GetFontSize(), gap = fh * 0.6f;
    const int C = s.model->num_classes();
    const auto entries = legend_entries(*s.model);
    const float width = ImGui::GetContentRegionAvail().x;
    ImDrawList* d = ImGui::GetWindowDrawList();
    ImVec2 origin = ImGui::GetCursorScreenPos();
    float x = 0, y = 0;
    const float row_h = fh + ImGui::GetStyle().ItemSpacing.y * 0.5f;
    for (const auto& e : entries) {
        if (x > 0 && x + e.width > width) x = 0, y += row_h;
        const ImVec2 a(origin.x + x, origin.y + y + fh * 0.1f);
        const ImVec2 b(a.x + fh * 0.85f, a.y + fh * 0.85f);
        d->AddRectFilled(a, b, plot::to_imu32(plot::state_color(e.state, C)));
        ctx.rects.record_item("legend_swatch_" + std::to_string(e.state), Rect{a.x, a.y, b.x - a.x, b.y - a.y});
        d->AddText(ImVec2(a.x + fh * 1.05f, origin.y + y), IM_COL32(220, 224, 232, 255), e.text.c_str());
        x += e.width + gap;
    }
    ImGui::Dummy(ImVec2(width, y + fh));
    ctx.record_item("state_legend");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("State colours of the timeline, the filmstrip frames, the PCA paths and the matrix labels "
                          "(colour-blind-safe; gray = non-class)");
}

void draw_timeline_panel(UiContext& ctx) {
    if (begin_panel(ctx, "timeline")) {
        const Snapshot& s = *ctx.snap;
        ImGui::TextUnformatted("");
        help_marker(ctx, "attractor", "Each cell is one step of the chain you watch, coloured by the class the "
                                      "classifier sees (gray = a non-class state). Long runs of one colour are "
                                      "attractors; colour changes are transitions.");
        if (!s.classifier_loaded || !s.model) {
            ImGui::SameLine();
            dim_text("classifier not loaded - no states to colour yet");
            ImGui::End();
            return;
        }
        const int C = s.model->num_classes();
        ctx.attractors.poll(s.model, s.attractors, false);
        std::set<int> visited;
        int transitions = 0, last = -1;
        for (const auto& f : s.recent) {
            const int st = f->verdict.state;
            if (st < 0) continue;
            visited.insert(st);
            if (last >= 0 && st != last) ++transitions;
            last = st;
        }
        ImGui::SameLine();
        ImGui::Text("visited states %zu   transitions %d", visited.size(), transitions);
        const float fh = ImGui::GetFontSize();
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const float sp = ImGui::GetStyle().ItemSpacing.y;
        const float legend_h = static_cast<float>(legend_rows(legend_entries(*s.model), avail.x)) *
                                   (fh + sp * 0.5f) + sp;
        // The cells keep at least 1.5 font sizes (the panel scrolls when it is too small for them and the legend).
        const ImVec2 cells_size(avail.x, std::floor(std::max(fh * 1.5f, avail.y - legend_h - sp)));
        // The height this panel needs (header, 1.5 font sizes of cells, the legend's rows): the layout gives it
        // that much when it changes (long class names wrap the legend onto more rows).
        const ImGuiStyle& st = ImGui::GetStyle();
        const float title = ctx.view.present ? 0.0f : fh + st.FramePadding.y * 2.0f;
        const float need = std::ceil(title + st.WindowPadding.y * 2.0f + ImGui::GetFrameHeight() + sp + fh * 1.5f +
                                     sp + legend_h + 2.0f);
        if (std::fabs(need - ctx.frame.timeline_height) > 0.5f) {
            ctx.frame.timeline_height = need;
            ctx.frame.relayout = true;
        }
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::InvisibleButton("##timeline", cells_size);
        ImDrawList* d = ImGui::GetWindowDrawList();
        const std::size_t n = s.recent.size();
        const std::size_t cells = std::min<std::size_t>(n, static_cast<std::size_t>(std::max(1.0f, cells_size.x / 2.0f)));
        const float cw = cells_size.x / static_cast<float>(std::max<std::size_t>(cells, 1));
        for (std::size_t i = 0; i < cells; ++i) {
            const FocusedFrame& f = *s.recent[n - cells + i];
            const ImVec2 a(p.x + cw * static_cast<float>(i), p.y);
            d->AddRectFilled(a, ImVec2(a.x + cw, p.y + cells_size.y), plot::to_imu32(plot::state_color(f.verdict.state, C)));
        }
        if (ImGui::IsItemHovered() && cells > 0) {
            const int i = plot::cell_index(ImGui::GetIO().MousePos.x, p.x, p.x + cells_size.x, static_cast<int>(cells));
            if (i >= 0) draw_run_tooltip(ctx, n - cells + static_cast<std::size_t>(i));
        }
        ctx.record_item("timeline");
        draw_state_legend(ctx);
    }
    ImGui::End();
}

}  // namespace topdown::gui
