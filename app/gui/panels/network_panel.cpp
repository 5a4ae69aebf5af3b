// The network view (issue 16 item 3, docs/METHODS.md §17): the layers as columns, each a dense grid of units
// coloured by the focused chain's current state; hovering a unit shows its receptive field (composed through
// the layers below) and its recent history, clicking pins it. The slow motion animates the next step as its
// sub-steps, in the order the chain runs them, highlighting the layer each one updates.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "layout.hpp"
#include "panels/panel.hpp"
#include "plot/diverging.hpp"
#include "session/network_frames.hpp"
#include "session/unit_grid.hpp"

namespace topdown::gui {

namespace {
constexpr ImU32 kHighlight = IM_COL32(255, 196, 40, 255);  // the layer a sub-step updates; the pinned unit
constexpr ImU32 kSource = IM_COL32(120, 170, 255, 255);    // the layer it is computed from
constexpr ImU32 kPointer = IM_COL32(255, 255, 255, 255);   // the unit under the pointer

const char* layer_name(int layer, char* buf, std::size_t n) {
    if (layer == 0) std::snprintf(buf, n, "v");
    else std::snprintf(buf, n, "h%d", layer);
    return buf;
}

// Rebuilds the per-model caches (and forgets units and any slow motion) when the model changes.
void follow_model(NetworkViewState& st, const Snapshot& s) {
    const std::shared_ptr<const Dbn>& m = s.model ? s.model->model : nullptr;
    if (m == st.model) return;
    st.model = m;
    st.fields = m ? std::make_shared<ReceptiveFieldCache>(m) : nullptr;
    st.generation.reset();
    st.hovered = st.pinned = UnitRef{};
    st.slow.reset();
    st.clock.stop();
    st.slow_requested = false;
}

// Asks for the slow motion of the next step: the chain is paused first, the step computed once it is.
void request_slow_step(UiContext& ctx, NetworkViewState& st) {
    st.clock.stop();
    st.slow.reset();
    st.step_sent = false;
    st.slow_message.clear();
    st.slow_requested = true;
    if (ctx.snap->mode != RunMode::Paused) ctx.send(cmd::Pause{});
}

// Recomputes step s.step + 1 as sub-steps from the state the snapshot carries (docs/METHODS.md §17.2).
void compute_slow_step(NetworkViewState& st, const Snapshot& s) {
    st.slow_requested = false;
    const auto start = focused_step_start(s, s.step + 1);
    if (!start) {
        st.slow_message = "the chain's current step is not kept: step or restart first";
        return;
    }
    try {
        if (!st.generation) st.generation = prepare_generation_model(st.model);  // once per model
        auto slow = std::make_shared<SlowStep>();
        slow->start = *start;
        // The focused chain is the random stream (seed, 0) at the session's temperature.
        slow->phases = step_phases(*st.generation, *start, s.params.seed, 0, s.params.temperature);
        st.slow_step = s.step + 1;
        st.clock.start(static_cast<int>(slow->phases.size()));
        st.slow = std::move(slow);
        if (st.script_phase >= 0)  // scripted: hold at that sub-step
            st.clock.step_by(std::min(st.script_phase, st.clock.phases() - 1) + 1);
    } catch (const std::exception& e) {
        st.slow_message = e.what();
    }
}

// Advances the slow motion; at its end the chain is moved to the step just shown (its states are the last
// sub-step's), and with "repeat" the next step follows.
void update_slow_motion(UiContext& ctx, NetworkViewState& st) {
    const Snapshot& s = *ctx.snap;
    if (st.slow_requested && s.mode == RunMode::Paused && st.model) compute_slow_step(st, s);
    if (!st.clock.active()) return;
    // Play, a seek or a restart elsewhere ends the slow motion.
    const bool moved_away = !st.step_sent && s.step != st.slow_step - 1;
    if (s.mode != RunMode::Paused || moved_away) {
        st.clock.stop();
        st.slow.reset();
        return;
    }
    st.clock.advance(ImGui::GetIO().DeltaTime, st.seconds_per_substep);
    if (st.clock.finished() && !st.step_sent) {
        if (s.newest_step >= st.slow_step) ctx.send(cmd::Seek{st.slow_step});
        else ctx.send(cmd::Step{});
        st.step_sent = true;
    }
    if (st.step_sent && s.step == st.slow_step) {  // the chain shows the step: the same states
        st.clock.stop();
        st.slow.reset();
        if (st.repeat) request_slow_step(ctx, st);
    }
}

// The controls: slow step, sub-step by hand, pause, stop, repeat, speed.
void draw_controls(UiContext& ctx, NetworkViewState& st) {
    const float fh = ImGui::GetFontSize();
    const bool active = st.clock.active() || st.slow_requested;
    if (ImGui::Button(active ? "Restart slow step" : "Slow step \xE2\x96\xB6")) request_slow_step(ctx, st);
    ctx.record_item("network_slow_step");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Pauses the chain and animates its next step sub-step by sub-step, in the order the code "
                          "runs them; at the end the chain stands at that step.");
    ImGui::SameLine();
    ImGui::BeginDisabled(!st.clock.active());
    if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) st.clock.step_by(-1);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("previous sub-step");
    ImGui::SameLine();
    if (ImGui::ArrowButton("##next", ImGuiDir_Right)) st.clock.step_by(1);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("next sub-step");
    ImGui::SameLine();
    if (ImGui::Button(st.clock.paused() ? "Resume" : "Pause")) st.clock.set_paused(!st.clock.paused());
    ImGui::SameLine();
    if (ImGui::Button("Stop")) st.clock.stop(), st.slow.reset(), st.repeat = false;
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::Checkbox("repeat", &st.repeat);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Go on with the next step in slow motion when one ends.");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(fh * 11.0f);
    ImGui::SliderFloat("##speed", &st.seconds_per_substep, 0.2f, 6.0f, "%.1f s per sub-step",
                       ImGuiSliderFlags_Logarithmic);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("How long each sub-step stays on screen.");
}

// What the grids show this frame: the slow motion's sub-step, else the chain's current frame (or the start).
struct Shown {
    std::vector<std::vector<float>> layers;
    std::shared_ptr<const void> owner;  // keeps the grid uploads' content alive
    int index_base = 0;
    int updated = -1, from = -1;
};

Shown shown_state(NetworkViewState& st, const Snapshot& s, const std::vector<int>& sizes) {
    Shown out;
    if (st.slow && st.clock.active()) {
        const int k = st.clock.phase();
        const int n = static_cast<int>(st.slow->phases.size());
        out.owner = st.slow;
        out.index_base = (k + 2) * 64;
        char a[16], b[16];
        if (k < 0) {
            out.layers = st.slow->start.layers;
            st.caption = "Step " + std::to_string(st.slow_step) + " is about to run from the state of step " +
                         std::to_string(st.slow_step - 1) + (st.slow_step == 1 ? " (the top layer holds H0)" : "") +
                         ": " + std::to_string(n) + " sub-steps follow";
        } else {
            const StepPhase& p = st.slow->phases[static_cast<std::size_t>(k)];
            out.layers = p.states;
            out.updated = p.layer, out.from = p.from_layer;
            st.caption = "Step " + std::to_string(st.slow_step) + ", sub-step " + std::to_string(k + 1) + " of " +
                         std::to_string(n) + " (" + layer_name(p.from_layer, a, sizeof a) + " \xE2\x86\x92 " +
                         layer_name(p.layer, b, sizeof b) + "): " + p.caption;
        }
        return out;
    }
    const FocusedFrame* f = s.current ? s.current.get() : s.start.get();
    if (f) {
        out.layers = frame_layers(*f, sizes);
        if (f == s.start.get() && s.start->initial_top.size() == static_cast<std::size_t>(sizes.back()))
            out.layers.back() = s.start->initial_top;  // step 0: H0 itself (real-valued for label starts)
        out.owner = s.current ? std::static_pointer_cast<const void>(s.current) : std::static_pointer_cast<const void>(s.start);
        st.caption = "Step " + std::to_string(s.step) + " of the focused chain. Hover a unit to see its receptive "
                     "field and history; click it to pin it.";
    } else {
        for (int n : sizes) out.layers.emplace_back(static_cast<std::size_t>(n), 0.0f);
        st.caption = "No chain yet: start one in the biasing composer.";
    }
    return out;
}

// Draws one layer's grid into its box; returns the unit under the pointer (-1: none) and whether it was clicked.
int draw_layer(UiContext& ctx, NetworkViewState& st, int layer, const std::vector<float>& values, ImVec2 box_min,
               ImVec2 box_size, const Shown& sh, bool& clicked) {
    const ModelInfo& m = *ctx.snap->model;
    const int n = static_cast<int>(values.size());
    const bool visible = layer == 0;
    const UnitGrid g = fit_unit_grid(n, box_min.x, box_min.y, box_size.x, box_size.y,
                                     visible ? m.image_rows : 0, visible ? m.image_cols : 0);
    clicked = false;
    if (g.cell <= 0) return -1;
    // Full rows through the shader in one draw, the last partial row as a second one.
    const int full = n / g.cols, rest = n - full * g.cols;
    const plot::ColorMap cm = visible ? ctx.view.colormap : plot::ColorMap::Viridis;
    const bool grid_lines = g.cell >= 6.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const std::string slot = "network_l" + std::to_string(layer);
    if (full > 0)
        ctx.renderer->draw(dl, ImVec2(g.x, g.y), ImVec2(g.x + g.width(), g.y + g.cell * static_cast<float>(full)), slot,
                           sh.owner, sh.index_base + layer, values.data(), full, g.cols, cm, grid_lines);
    if (rest > 0)
        ctx.renderer->draw(dl, ImVec2(g.x, g.y + g.cell * static_cast<float>(full)),
                           ImVec2(g.x + g.cell * static_cast<float>(rest), g.y + g.cell * static_cast<float>(full + 1)),
                           slot + "_tail", sh.owner, sh.index_base + layer, values.data() + full * g.cols, 1, rest, cm,
                           grid_lines);
    ImGui::SetCursorScreenPos(ImVec2(g.x, g.y));
    ImGui::InvisibleButton(("##grid" + std::to_string(layer)).c_str(), ImVec2(g.width(), g.height()));
    ctx.record_item("network_layer_" + std::to_string(layer));
    int under = -1;
    if (ImGui::IsItemHovered()) {
        const ImVec2 mp = ImGui::GetIO().MousePos;
        under = g.unit_at(mp.x, mp.y);
        clicked = under >= 0 && ImGui::IsItemClicked(ImGuiMouseButton_Left);
    }
    // Frames: the layer a sub-step updates and the one it reads; the pinned and the pointed unit.
    const float pad = 3.0f;
    const ImVec2 a(g.x - pad, g.y - pad), b(g.x + g.width() + pad, g.y + g.height() + pad);
    if (layer == sh.updated) dl->AddRect(a, b, kHighlight, 0, 0, 3.0f);
    else if (layer == sh.from) dl->AddRect(a, b, kSource, 0, 0, 1.5f);
    auto frame_unit = [&](int j, ImU32 c, float t) {
        const float x = g.cell_x(j), y = g.cell_y(j);
        dl->AddRect(ImVec2(x - 1, y - 1), ImVec2(x + g.cell + 1, y + g.cell + 1), c, 0, 0, t);
    };
    if (st.pinned.layer == layer && st.pinned.unit < n) frame_unit(st.pinned.unit, kHighlight, 2.0f);
    if (under >= 0) frame_unit(under, kPointer, 1.0f);
    DrawnGrid d;
    d.layer = layer, d.units = n, d.rows = g.rows, d.cols = g.cols, d.x = g.x, d.y = g.y, d.cell = g.cell;
    d.values = values;
    st.grids.push_back(std::move(d));
    return under;
}

// The layer columns with their headers; sets the hovered unit and toggles the pin on a click.
void draw_columns(UiContext& ctx, NetworkViewState& st, const Shown& sh, ImVec2 origin, ImVec2 size) {
    const ModelInfo& m = *ctx.snap->model;
    const int layers = static_cast<int>(sh.layers.size());
    const float fh = ImGui::GetFontSize(), gap = fh * 1.6f;
    const float col_w = std::floor((size.x - gap * static_cast<float>(layers - 1)) / static_cast<float>(layers));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float head = fh * 1.4f;
    std::vector<float> centres;
    for (int l = 0; l < layers; ++l) {
        const float x = origin.x + static_cast<float>(l) * (col_w + gap);
        char name[16], text[64];
        std::snprintf(text, sizeof text, "%s \xC2\xB7 %d", layer_name(l, name, sizeof name),
                      m.sizes[static_cast<std::size_t>(l)]);
        const float tw = ImGui::CalcTextSize(text).x;
        const ImU32 c = l == sh.updated ? kHighlight : l == sh.from ? kSource : ImGui::GetColorU32(ImGuiCol_Text);
        dl->AddText(ImVec2(x + std::max(0.0f, (col_w - tw) * 0.5f), origin.y), c, text);
        bool clicked = false;
        const int under = draw_layer(ctx, st, l, sh.layers[static_cast<std::size_t>(l)], ImVec2(x, origin.y + head),
                                     ImVec2(col_w, size.y - head), sh, clicked);
        centres.push_back(x + col_w * 0.5f);
        if (under >= 0) {
            st.hovered = UnitRef{l, under};
            const float v = sh.layers[static_cast<std::size_t>(l)][static_cast<std::size_t>(under)];
            ImGui::SetTooltip("%s unit %d: %s", layer_name(l, name, sizeof name), under,
                              l == 0 ? (std::to_string(v).substr(0, 5) + " (probability)").c_str()
                                     : (v > 0.5f ? "on" : "off"));
        }
        if (clicked) st.pinned = st.pinned == UnitRef{l, under} ? UnitRef{} : UnitRef{l, under};
    }
    // The sub-step's direction: an arrow from the layer read to the layer updated, between the headers.
    if (sh.updated >= 0 && sh.from >= 0) {
        const float y = origin.y + fh * 0.5f;
        const float x0 = centres[static_cast<std::size_t>(sh.from)], x1 = centres[static_cast<std::size_t>(sh.updated)];
        const float dir = x1 > x0 ? 1.0f : -1.0f;
        const float a = x0 + dir * col_w * 0.3f, b = x1 - dir * col_w * 0.3f;
        dl->AddLine(ImVec2(a, y), ImVec2(b, y), kHighlight, 2.0f);
        dl->AddTriangleFilled(ImVec2(b + dir * fh * 0.5f, y), ImVec2(b, y - fh * 0.3f), ImVec2(b, y + fh * 0.3f), kHighlight);
    }
}

// The receptive field of the shown unit as an image of the visible shape, with its colour scale.
void draw_field(UiContext& ctx, NetworkViewState& st, UnitRef u, float width, float max_h) {
    const ModelInfo& m = *ctx.snap->model;
    const int rows = m.image_rows, cols = m.image_cols, D = m.sizes.front();
    std::vector<float> one_hot;
    const std::vector<float>* f = nullptr;
    if (u.layer == 0) {  // a visible unit is one pixel: its field is itself
        one_hot.assign(static_cast<std::size_t>(D), 0.0f);
        one_hot[static_cast<std::size_t>(u.unit)] = 1.0f;
        f = &one_hot;
    } else {
        f = &st.fields->field(u.layer, u.unit);
    }
    const float scale = field_scale(*f);
    st.field_scale = scale, st.field_rows = rows, st.field_cols = cols;
    const float cell = std::max(1.0f, std::floor(std::min(width / static_cast<float>(cols), max_h / static_cast<float>(rows))));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 size(cell * static_cast<float>(cols), cell * static_cast<float>(rows));
    ImGui::Dummy(size);
    ctx.record_item("network_field");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const int i = r * cols + c;
            if (i >= static_cast<int>(f->size())) break;
            const plot::Rgb col = plot::diverging_value((*f)[static_cast<std::size_t>(i)], scale);
            const ImVec2 a(p.x + cell * static_cast<float>(c), p.y + cell * static_cast<float>(r));
            dl->AddRectFilled(a, ImVec2(a.x + cell, a.y + cell), plot::to_imu32(col));
        }
    if (ImGui::IsItemHovered()) {
        const ImVec2 mp = ImGui::GetIO().MousePos;
        const int c = static_cast<int>((mp.x - p.x) / cell), r = static_cast<int>((mp.y - p.y) / cell);
        if (c >= 0 && c < cols && r >= 0 && r < rows && r * cols + c < static_cast<int>(f->size()))
            ImGui::SetTooltip("pixel (%d, %d): %.3g", r, c, static_cast<double>((*f)[static_cast<std::size_t>(r * cols + c)]));
    }
    // Colour scale: -s .. 0 .. +s.
    const float fh = ImGui::GetFontSize();
    const ImVec2 q = ImGui::GetCursorScreenPos();
    const float bar_w = size.x, bar_h = fh * 0.6f;
    for (int i = 0; i < 32; ++i) {
        const float x0 = q.x + bar_w * static_cast<float>(i) / 32.0f, x1 = q.x + bar_w * static_cast<float>(i + 1) / 32.0f;
        dl->AddRectFilled(ImVec2(x0, q.y), ImVec2(x1, q.y + bar_h), plot::to_imu32(plot::diverging((static_cast<float>(i) + 0.5f) / 32.0f)));
    }
    ImGui::Dummy(ImVec2(bar_w, bar_h));
    char lo[32], hi[32];
    std::snprintf(lo, sizeof lo, "%+.2g", -static_cast<double>(scale));
    std::snprintf(hi, sizeof hi, "%+.2g", static_cast<double>(scale));
    const ImVec2 t = ImGui::GetCursorScreenPos();
    const ImU32 dim = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    dl->AddText(t, dim, lo);
    dl->AddText(ImVec2(t.x + bar_w * 0.5f - ImGui::CalcTextSize("0").x * 0.5f, t.y), dim, "0");
    dl->AddText(ImVec2(t.x + bar_w - ImGui::CalcTextSize(hi).x, t.y), dim, hi);
    ImGui::Dummy(ImVec2(bar_w, fh));
}

// The shown unit's state over the kept steps as a small plot.
void draw_history(UiContext& ctx, UnitRef u, ImVec2 size) {
    const Snapshot& s = *ctx.snap;
    const std::vector<UnitSample> h = unit_history(s, u.layer, u.unit, 200);
    if (h.empty()) {
        plot::placeholder("No steps yet.", size);
        ctx.record_item("network_history");
        return;
    }
    std::vector<double> xs;
    std::vector<float> ys;
    double on = 0;
    for (const UnitSample& p : h) xs.push_back(p.step), ys.push_back(p.value), on += p.value;
    plot::Range xr{xs.front(), std::max(xs.back(), xs.front() + 10.0)};
    plot::PlotArea a = plot::begin_plot("##unit_history", size, xr, plot::Range{-0.05, 1.05}, "step",
                                        u.layer == 0 ? "probability" : "state");
    plot::plot_line(a, xs.data(), ys.data(), xs.size(), IM_COL32(90, 200, 255, 255), 1.5f);
    if (xs.size() <= 60) plot::plot_scatter(a, xs.data(), ys.data(), xs.size(), IM_COL32(90, 200, 255, 255), 2.5f);
    plot::end_plot(a);
    ctx.record_item("network_history");
    dim_text(u.layer == 0 ? "mean %.2f over the last %zu steps" : "on in %.0f%% of the last %zu steps",
             u.layer == 0 ? on / static_cast<double>(h.size()) : 100.0 * on / static_cast<double>(h.size()), h.size());
}

// The right-hand side: the pinned (else hovered) unit's receptive field and history.
void draw_details(UiContext& ctx, NetworkViewState& st, ImVec2 size, float bottom) {
    const float fh = ImGui::GetFontSize();
    const UnitRef u = st.pinned.valid() ? st.pinned : st.hovered;
    st.shown = u;
    if (!u.valid()) {
        st.field_scale = 0;
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + size.x);
        dim_text("Hover a unit to see its receptive field (its weights to the visible layer, composed through the "
                 "layers below: red excites, blue inhibits) and its recent history. Click a unit to pin it.");
        ImGui::PopTextWrapPos();
        return;
    }
    char name[16];
    ImGui::Text("%s unit %d", layer_name(u.layer, name, sizeof name), u.unit);
    ImGui::SameLine();
    dim_text("%s", st.pinned.valid() ? "pinned" : "(pointer)");
    if (st.pinned.valid() && ImGui::IsItemHovered()) ImGui::SetTooltip("Click the unit again to unpin it.");
    if (u.layer == 0) dim_text("a pixel: its field is itself");
    else if (u.layer == 1) dim_text("field: weight column W1[:, %d]", u.unit);
    else dim_text("field: column %d of W1\xC2\xB7...\xC2\xB7W%d", u.unit, u.layer);
    // What stays below the field: its colour scale (2 lines), "history", the plot (>= 6 lines) and its note.
    const float below = fh * 11.5f;
    const float field_h = std::max(fh * 4.0f, bottom - ImGui::GetCursorScreenPos().y - below);
    draw_field(ctx, st, u, size.x, field_h);
    ImGui::Spacing();
    dim_text("history");
    const float left = bottom - ImGui::GetCursorScreenPos().y - fh * 1.6f;  // the line under the plot
    draw_history(ctx, u, ImVec2(size.x, std::clamp(left, fh * 5.0f, fh * 12.0f)));
}
}  // namespace

void draw_network_panel(UiContext& ctx) {
    NetworkViewState& st = ctx.network;
    if (!st.open) return;
    const Snapshot& s = *ctx.snap;
    follow_model(st, s);
    if (st.script_pin.valid() && !st.script_applied && s.model && !s.loading) {  // --network-pin, once
        const std::vector<int>& z = s.model->sizes;
        if (st.script_pin.layer < static_cast<int>(z.size()) && st.script_pin.unit < z[static_cast<std::size_t>(st.script_pin.layer)])
            st.pinned = st.script_pin;
        st.script_applied = true;
    }
    update_slow_motion(ctx, st);
    st.grids.clear();
    st.hovered = UnitRef{};
    st.updated_layer = -1;
    const Placement pl = default_placement(ctx, "network");
    const ImGuiCond cond = ctx.view.reset_layout ? ImGuiCond_Always : ImGuiCond_Appearing;
    ImGui::SetNextWindowPos(pl.pos, cond);
    ImGui::SetNextWindowSize(pl.size, cond);
    ImGui::SetNextWindowBgAlpha(1.0f);  // floats over the panels
    if (ImGui::Begin(panel_label("network").c_str(), &st.open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoScrollbar)) {
        ctx.record_window("network");
        if (!s.model) {
            plot::placeholder("The network appears once a model is loaded.", ImGui::GetContentRegionAvail());
            ImGui::End();
            return;
        }
        const std::vector<int>& sizes = s.model->sizes;
        if (st.pinned.valid() && (st.pinned.layer >= static_cast<int>(sizes.size()) ||
                                  st.pinned.unit >= sizes[static_cast<std::size_t>(st.pinned.layer)]))
            st.pinned = UnitRef{};
        draw_controls(ctx, st);
        const Shown sh = shown_state(st, s, sizes);
        st.updated_layer = sh.updated;
        if (!st.slow_message.empty()) st.caption = "Slow motion: " + st.slow_message;
        ImGui::TextUnformatted(st.caption.c_str());
        ctx.record_item("network_caption");
        const float fh = ImGui::GetFontSize();
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        const float detail_w = std::round(std::clamp(avail.x * 0.3f, fh * 13.0f, fh * 24.0f));
        const float legend_h = fh * 2.8f;  // two lines
        const ImVec2 origin = ImGui::GetCursorScreenPos();
        const ImVec2 net_size(avail.x - detail_w - fh * 1.5f, avail.y - legend_h);
        draw_columns(ctx, st, sh, origin, net_size);
        ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + net_size.y + fh * 0.2f));
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + net_size.x);
        dim_text("Hidden units: yellow on, purple off (at step 0 the top layer shows H0's values); visible units: the "
                 "image's colours. Frames: yellow = updated or pinned, blue = read from, white = pointer.");
        ImGui::PopTextWrapPos();
        ImGui::SetCursorScreenPos(ImVec2(origin.x + avail.x - detail_w, origin.y));
        ImGui::BeginGroup();
        draw_details(ctx, st, ImVec2(detail_w, avail.y), origin.y + avail.y);
        ImGui::EndGroup();
    }
    ImGui::End();
}

}  // namespace topdown::gui
