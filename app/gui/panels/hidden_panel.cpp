// Hidden layers: each layer's binary state as a raster, a time x units raster of the recent history, and
// the active fraction per layer. Rasters go through the same shader as the visible layer.
#include <cmath>
#include <cstdio>

#include "panels/panel.hpp"

namespace topdown::gui {

namespace {
// A near-square grid for n units: cols = ceil(sqrt(n * aspect)).
void grid_shape(int n, float aspect, int& rows, int& cols) {
    cols = std::max(1, static_cast<int>(std::ceil(std::sqrt(static_cast<float>(n) * aspect))));
    rows = (n + cols - 1) / cols;
}

// Layer `l`'s header (units, share on) and its current state as a grid of units.
void draw_layer_now(UiContext& ctx, int l, int n, float col_w, float now_h) {
    const Snapshot& s = *ctx.snap;
    const FocusedFrame& f = *s.current;
    ImGui::Text("h%d", l);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("hidden layer %d: %d units", l, n);
    ImGui::SameLine();
    // The unit count is dropped when the column is too narrow for it (it stays in the tooltip).
    const double on = static_cast<double>(f.active_fraction[static_cast<std::size_t>(l - 1)]) * 100.0;
    char detail[64];
    std::snprintf(detail, sizeof detail, "%d units, %.0f%% on", n, on);
    if (ImGui::CalcTextSize("h0 ").x + ImGui::CalcTextSize(detail).x > col_w)
        std::snprintf(detail, sizeof detail, "%.0f%% on", on);
    dim_text("%s", detail);
    // Current state as a grid of units.
    int rows = 0, cols = 0;
    grid_shape(n, col_w / std::max(1.0f, now_h), rows, cols);
    std::vector<float> grid(static_cast<std::size_t>(rows * cols), 0.08f);
    for (int j = 0; j < n; ++j) grid[static_cast<std::size_t>(j)] = f.bit(l, j) ? 1.0f : 0.0f;
    const ImVec2 now_pos = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(col_w, now_h));
    ctx.renderer->draw(ImGui::GetWindowDrawList(), now_pos, ImVec2(now_pos.x + col_w, now_pos.y + now_h),
                       std::string("hidden_now_") + std::to_string(l), s.current, l, grid.data(), rows, cols,
                       plot::ColorMap::Viridis, false);
    if (l == 1) ctx.record_item("hidden_now");
}

// Time x units raster of layer `l` (n units): one column per recent step, units binned to the raster's pixel
// rows. Returns the number of steps shown.
int draw_time_raster(UiContext& ctx, int l, int n, float col_w, float time_h) {
    const Snapshot& s = *ctx.snap;
    const int T = static_cast<int>(std::min<std::size_t>(s.recent.size(), static_cast<std::size_t>(col_w)));
    const int bins = std::max(1, std::min(n, static_cast<int>(time_h)));
    if (T > 0) {
        const std::string slot = std::string("hidden_time_") + std::to_string(l);
        const bool cached = ctx.renderer->has_values(slot, s.current, l, bins, T);
        std::vector<float> raster(cached ? 0 : static_cast<std::size_t>(bins * T), 0.0f);
        const std::size_t first = s.recent.size() - static_cast<std::size_t>(T);
        for (int c = 0; c < (cached ? 0 : T); ++c) {
            const FocusedFrame& fr = *s.recent[first + static_cast<std::size_t>(c)];
            for (int b = 0; b < bins; ++b) {
                const int j0 = b * n / bins, j1 = std::max(j0 + 1, (b + 1) * n / bins);
                int on = 0;
                for (int j = j0; j < j1; ++j) on += fr.bit(l, j) ? 1 : 0;
                raster[static_cast<std::size_t>(b * T + c)] = static_cast<float>(on) / static_cast<float>(j1 - j0);
            }
        }
        const ImVec2 time_pos = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(col_w, time_h));
        ctx.renderer->draw(ImGui::GetWindowDrawList(), time_pos, ImVec2(time_pos.x + col_w, time_pos.y + time_h),
                           slot, s.current, l, cached ? nullptr : raster.data(), bins, T, plot::ColorMap::Magma,
                           false);
        if (ImGui::IsItemHovered()) {
            const float u = (ImGui::GetIO().MousePos.x - ImGui::GetItemRectMin().x) / col_w;
            const int c = std::clamp(static_cast<int>(u * static_cast<float>(T)), 0, T - 1);
            ImGui::SetTooltip("step %d (time runs left to right, units top to bottom)",
                              s.recent[first + static_cast<std::size_t>(c)]->step);
        }
        if (l == 1) ctx.record_item("hidden_time");
    }
    return T;
}

// Legend: what the colours of both rasters mean.
void draw_hidden_legend(UiContext& ctx) {
    const float fh = ImGui::GetFontSize();
    ImDrawList* d = ImGui::GetWindowDrawList();
    bool first = true;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    auto swatch = [&](plot::Rgb c, const char* text, float gap) {
        const float w = fh * 1.3f + ImGui::CalcTextSize(text).x;
        if (!first && ImGui::GetItemRectMax().x + gap + w <= right) ImGui::SameLine(0, gap);
        if (first) ImGui::BeginGroup();
        first = false;
        const ImVec2 q = ImGui::GetCursorScreenPos();
        d->AddRectFilled(ImVec2(q.x, q.y + fh * 0.1f), ImVec2(q.x + fh * 0.85f, q.y + fh * 0.95f), plot::to_imu32(c));
        ImGui::Dummy(ImVec2(fh, fh));
        ImGui::SameLine(0, fh * 0.3f);
        dim_text("%s", text);
    };
    swatch(plot::colormap(plot::ColorMap::Viridis, 1.0f), "unit on", 0);
    swatch(plot::colormap(plot::ColorMap::Viridis, 0.0f), "off", fh * 0.6f);
    swatch(plot::colormap(plot::ColorMap::Magma, 0.0f), "none on", fh * 1.2f);
    swatch(plot::colormap(plot::ColorMap::Magma, 1.0f), "all on", fh * 0.6f);
    ImGui::EndGroup();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Top: each layer's units now (on / off). Below: time runs left to right, one column per "
                          "step; each row is a band of units, brighter = more of them on.");
    ctx.record_item("hidden_legend");
}
}  // namespace

void draw_hidden_panel(UiContext& ctx) {
    if (begin_panel(ctx, "hidden")) {
        const Snapshot& s = *ctx.snap;
        const ModelInfo* m = s.model.get();
        if (!m || !s.current) {
            plot::placeholder("Hidden layers appear once the chain runs.", ImGui::GetContentRegionAvail());
            ImGui::End();
            return;
        }
        const FocusedFrame& f = *s.current;
        const int L = static_cast<int>(f.hidden_bits.size());
        const float fh = ImGui::GetFontSize();
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const float gap = ImGui::GetStyle().ItemSpacing.x;
        const float col_w = std::floor((avail.x - gap * static_cast<float>(L - 1)) / static_cast<float>(std::max(1, L)));
        const float now_h = std::floor(std::min(col_w * 0.5f, avail.y * 0.36f));
        // Below the rasters: a header line, the time label and the legend (3 lines, 4 item spacings).
        const float sp = ImGui::GetStyle().ItemSpacing.y;
        const float time_h = std::floor(std::max(fh * 2, avail.y - now_h - fh * 3.0f - sp * 4.0f - 1.0f));
        for (int l = 1; l <= L; ++l) {
            if (l > 1) ImGui::SameLine();
            ImGui::BeginGroup();
            const int n = m->sizes[static_cast<std::size_t>(l)];
            draw_layer_now(ctx, l, n, col_w, now_h);
            const int T = draw_time_raster(ctx, l, n, col_w, time_h);
            char tl[64];
            std::snprintf(tl, sizeof tl, "time \xE2\x86\x92 last %d steps", T);
            dim_text("%s", ImGui::CalcTextSize(tl).x <= col_w ? tl : "time \xE2\x86\x92");
            ImGui::EndGroup();
        }
        draw_hidden_legend(ctx);
    }
    ImGui::End();
}

}  // namespace topdown::gui
