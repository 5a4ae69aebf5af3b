// Biasing composer: method, classes (with class-mean thumbnails), k, temperature, seed, steps, ensemble
// size; the intersection size of the chosen pair; presets; Start / Restart.
#include <random>

#include "generate/biasing.hpp"
#include "panels/panel.hpp"
#include "session/presets.hpp"

namespace topdown::gui {

namespace {
bool is_pair(int method) { return bias_method_table().at(static_cast<std::size_t>(method)).is_pair; }
bool uses_classes(int method) { return bias_method_table().at(static_cast<std::size_t>(method)).uses_classes; }

void class_thumbnails(UiContext& ctx, const ModelInfo& m, ComposerState& c) {
    const int C = m.num_classes();
    if (C == 0 || m.class_means.rows() != C) return;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float sp = ImGui::GetStyle().ItemSpacing.x * 0.5f;
    const float side = std::floor(std::min(ImGui::GetFontSize() * 3.0f, (avail - sp * (C - 1)) / C));
    // Non-square images keep their shape: `side` is the width, the height follows rows / cols.
    const float side_h = std::floor(side * static_cast<float>(m.image_rows) / static_cast<float>(std::max(1, m.image_cols)));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(sp, sp));
    for (int i = 0; i < C; ++i) {
        if (i) ImGui::SameLine();
        const GLuint tex = ctx.renderer->image(std::string("class_mean_") + std::to_string(i), ctx.snap->model, i,
                                               m.class_means.row(i).data(), m.image_rows, m.image_cols,
                                               ctx.view.colormap, static_cast<int>(side), static_cast<int>(side_h), false);
        ImGui::PushID(i);
        const bool sel_a = c.class_a == i, sel_b = is_pair(c.method) && c.class_b == i;
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(2, 2));
        ImGui::PushStyleColor(ImGuiCol_Button, sel_a   ? ImVec4(0.95f, 0.55f, 0.15f, 1)
                                               : sel_b ? ImVec4(0.25f, 0.65f, 0.95f, 1)
                                                       : ImVec4(0.16f, 0.17f, 0.20f, 1));
        if (ImGui::ImageButton(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(tex)), ImVec2(side - 4, side_h - 4)))
            c.class_a = i;
        if (ImGui::IsItemClicked(ImGuiMouseButton_Right) && is_pair(c.method)) c.class_b = i;
        ImGui::PopStyleColor();
        ImGui::PopStyleVar();
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s\nleft click: class A%s", m.model->class_names[static_cast<std::size_t>(i)].c_str(),
                              is_pair(c.method) ? ", right click: class B" : "");
        ImGui::PopID();
    }
    ImGui::PopStyleVar();
}

// The method picker: every row of the BiasMethod traits table, in enum order (the composer keeps the index).
void method_combo(int& method) {
    const std::vector<BiasMethodTraits>& t = bias_method_table();
    ImGui::Combo(
        "method", &method,
        [](void* data, int i, const char** text) {
            *text = method_label((*static_cast<const std::vector<BiasMethodTraits>*>(data))[static_cast<std::size_t>(i)]);
            return true;
        },
        const_cast<void*>(static_cast<const void*>(&t)), static_cast<int>(t.size()));
}

bool class_combo(const char* label, int& value, const ModelInfo& m) {
    const int C = m.num_classes();
    auto text = [&](int i) {
        const std::string& name = m.model->class_names[static_cast<std::size_t>(i)];
        return name == std::to_string(i) ? name : std::to_string(i) + "  " + name;
    };
    const std::string cur = value >= 0 && value < C ? text(value) : "?";
    bool changed = false;
    if (ImGui::BeginCombo(label, cur.c_str())) {
        for (int i = 0; i < C; ++i) {
            const std::string s = text(i);
            if (ImGui::Selectable(s.c_str(), value == i)) value = i, changed = true;
        }
        ImGui::EndCombo();
    }
    return changed;
}

// The temperature schedule (constant, linear, cosine) and its start/end temperatures (docs/METHODS.md §6.2.1);
// tempering keeps a constant temperature.
void draw_schedule_fields(UiContext& ctx, ComposerState& c) {
    const char* schedules[] = {"constant", "linear", "cosine"};
    const bool tempering = c.method == static_cast<int>(BiasMethod::Tempering);
    if (tempering) c.schedule = 0;  // tempering runs at a constant temperature (TemperingSpec's default ladder)
    if (tempering) ImGui::BeginDisabled();
    ImGui::Combo("schedule", &c.schedule, schedules, IM_ARRAYSIZE(schedules));
    if (tempering) ImGui::EndDisabled();
    help_marker(ctx, "schedule", "The temperature over the steps: constant, or falling/rising from the start to "
                                 "the end temperature linearly or along a half cosine. Tempering keeps T constant "
                                 "and runs 7 hotter replicas (T up to 1.5) that swap states with it.");
    ImGui::SliderFloat(c.schedule == 0 ? "temperature" : "T start", &c.temperature, 0.1f, 5.0f, "%.2f",
                       ImGuiSliderFlags_Logarithmic);
    if (c.schedule != 0) ImGui::SliderFloat("T end", &c.t_end, 0.1f, 5.0f, "%.2f", ImGuiSliderFlags_Logarithmic);
}

// The composer's fields: method, classes (thumbnails and pickers), test image, k, temperature, seed, steps,
// ensemble size.
void draw_composer_fields(UiContext& ctx, ComposerState& c, const ModelInfo* m) {
    const float label_w = ImGui::GetFontSize() * 6.5f;
    ImGui::PushItemWidth(-label_w);
    method_combo(c.method);
    help_marker(ctx, "chimera",
                "Label biasing starts the top layer from the average code of one class. A chimera mixes the "
                "codes of two classes: 'double-label' adds them, 'intersection' keeps only the units both share.");
    if (m && uses_classes(c.method)) {
        const int C = m->num_classes();
        c.class_a = std::clamp(c.class_a, 0, std::max(0, C - 1));
        c.class_b = std::clamp(c.class_b, 0, std::max(0, C - 1));
        class_thumbnails(ctx, *m, c);
        class_combo(is_pair(c.method) ? "class A" : "class", c.class_a, *m);
        if (is_pair(c.method)) class_combo("class B", c.class_b, *m);
    }
    if (c.method == static_cast<int>(BiasMethod::Sample)) {
        ImGui::InputInt("test image", &c.sample_index);
        c.sample_index = std::clamp(c.sample_index, 0, 9999);
    }
    if (c.method == static_cast<int>(BiasMethod::Image) && ImGui::Button("Draw or clamp the start..."))
        ctx.teach.canvas.open = true;  // the canvas (issue 16 item 2)
    const bool k_used_by_method = bias_method_table().at(static_cast<std::size_t>(c.method)).uses_k;
    if (k_used_by_method) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7.5f);
        ImGui::InputInt("k", &c.k, 1, 10);
        c.k = std::clamp(c.k, 0, m ? m->model->top_size() : 65536);
        help_marker(ctx, "k", "k = how many top-layer units are switched on in a chimera or random start. "
                              "0 uses the model's own k (the average size of a label code).");
        if (c.k == 0 && m) {
            ImGui::SameLine();
            dim_text("(model's: %d)", m->model->k);
        }
    }
    draw_schedule_fields(ctx, c);
    {  // 64-bit like the core's seeds: a session with a large seed restarts into the same chain
        const std::uint64_t one = 1, hundred = 100;
        ImGui::InputScalar("seed", ImGuiDataType_U64, &c.seed, &one, &hundred, "%llu");
    }
    ImGui::SameLine();
    if (ImGui::SmallButton("new")) c.seed = std::random_device{}() % 100000;
    ImGui::InputInt("steps", &c.steps, 10, 100);
    c.steps = std::clamp(c.steps, 1, kMaxSessionSteps);
    ImGui::SliderInt("ensemble", &c.ensemble_size, 0, 500);
    help_marker(ctx, "ensemble", "The ensemble: extra chains with the same start but their own random "
                                 "streams. Their mean ± SEM energy and their transitions are the statistics.");
    ImGui::PopItemWidth();
}

// The number of top units the chosen pair shares (a warning when it is empty).
void draw_intersection_size(UiContext& ctx, const ComposerState& c) {
    const Snapshot& s = *ctx.snap;
    int k_used = 0;
    const int n = ctx.composer_aids.intersections.size(s.model, c.k, c.class_a, c.class_b, k_used);
    if (n >= 0) {
        ImGui::Text("shared top units |A ∩ B| = %d of k = %d", n, k_used);
        if (n == 0)
            ImGui::TextColored(ImVec4(1.0f, 0.45f, 0.35f, 1),
                               "Empty intersection: the chain would start from all zeros.");
    }
}

// Start / Restart (orange when the composer differs from the running chains) and the unapplied-changes line.
void draw_start_button(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    const ComposerState& c = ctx.composer;
    const ModelInfo* m = s.model.get();
    ImGui::Spacing();
    const SessionParams want = composer_params(c);
    const bool running = m && s.newest_step > 0;
    const bool changed = running && composer_differs(ctx);
    if (changed) {
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.85f, 0.45f, 0.10f, 1));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.95f, 0.55f, 0.20f, 1));
    } else {
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.16f, 0.48f, 0.30f, 1));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.20f, 0.58f, 0.36f, 1));
    }
    if (!m) ImGui::BeginDisabled();
    const char* label = !running ? "Start" : changed ? "Restart with new settings" : "Restart";
    if (ImGui::Button(label, ImVec2(-1, ImGui::GetFrameHeight() * 1.4f))) ctx.send(cmd::Restart{want, true});
    if (!m) ImGui::EndDisabled();
    ImGui::PopStyleColor(2);
    if (composer_differs(ctx)) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImVec4(0.95f, 0.65f, 0.25f, 1), "Unapplied changes: Play (Space) restarts with them.");
        ImGui::PopTextWrapPos();
    }
    ctx.record_item("composer_status");
}

// The papers' presets for this model's dataset (they wrap) and the figure the hovered or last one recreates.
void draw_presets(UiContext& ctx) {
    const Snapshot& s = *ctx.snap;
    const ModelInfo* m = s.model.get();
    ImGui::Separator();
    ImGui::TextUnformatted("Presets");
    help_marker(ctx, "presets", "Examples from the papers for this model's dataset (Fashion-MNIST presets name "
                                "garments). Each sets every field: method, classes, k = the model's, T = 1, "
                                "seed 7, 100 steps and 100 chains. Hover one to see which figure it recreates.");
    if (!m || !m->has_label_biasing) ImGui::BeginDisabled();
    bool first = true;
    std::string hovered_source;
    for (const DatasetPreset* p : m ? presets_for_dataset(m->model->dataset, m->num_classes())
                                    : std::vector<const DatasetPreset*>{}) {
        const std::string text = preset_button_label(ctx, p->id) + "##" + p->id;
        const float w = ImGui::CalcTextSize(text.c_str(), nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
        // Long class names (Fashion-MNIST) wrap onto the next line instead of running off the panel.
        if (!first && ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + w <=
                          ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
            ImGui::SameLine();
        first = false;
        if (ImGui::Button(text.c_str())) apply_preset(ctx, p->id);
        if (ImGui::IsItemHovered()) hovered_source = p->source;
    }
    if (const DatasetPreset* shown = find_dataset_preset(ctx.composer_aids.active_preset); hovered_source.empty() && shown)
        hovered_source = shown->source;
    if (!hovered_source.empty()) {
        ImGui::PushTextWrapPos(0);
        dim_text("recreates: %s", hovered_source.c_str());
        ImGui::PopTextWrapPos();
    }
    if (!m || !m->has_label_biasing) ImGui::EndDisabled();
}
}  // namespace

void draw_biasing_panel(UiContext& ctx) {
    if (begin_panel(ctx, "biasing")) {
        const Snapshot& s = *ctx.snap;
        ComposerState& c = ctx.composer;
        const ModelInfo* m = s.model.get();
        draw_composer_fields(ctx, c, m);
        if (m && is_pair(c.method)) draw_intersection_size(ctx, c);
        draw_start_button(ctx);
        draw_presets(ctx);
        if (!s.bias_description.empty()) {
            ImGui::Spacing();
            ImGui::PushTextWrapPos(0);
            dim_text("running: %s", s.bias_description.c_str());
            ImGui::PopTextWrapPos();
        }
    }
    ImGui::End();
}

}  // namespace topdown::gui
