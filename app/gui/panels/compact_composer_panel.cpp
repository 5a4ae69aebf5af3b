// Presentation mode's compact composer: method, classes, presets and whether Play restarts - the rest of the
// controls stay in the normal layout.
#include "generate/biasing.hpp"
#include "panels/panel.hpp"
#include "session/presets.hpp"

namespace topdown::gui {

namespace {
// The method picker by command-line name ("label", "double", ...), from the traits table in enum order.
void method_names_combo(int& method) {
    const std::vector<BiasMethodTraits>& t = bias_method_table();
    ImGui::Combo(
        "##method", &method,
        [](void* data, int i, const char** text) {
            *text = (*static_cast<const std::vector<BiasMethodTraits>*>(data))[static_cast<std::size_t>(i)].name;
            return true;
        },
        const_cast<void*>(static_cast<const void*>(&t)), static_cast<int>(t.size()));
}
}  // namespace

void draw_compact_composer_panel(UiContext& ctx) {
    if (begin_panel(ctx, "composer")) {
        const Snapshot& s = *ctx.snap;
        ComposerState& c = ctx.composer;
        const ModelInfo* m = s.model.get();
        const float fh = ImGui::GetFontSize();
        ImGui::SetNextItemWidth(fh * 7.5f);
        method_names_combo(c.method);
        const BiasMethodTraits& t = bias_method_table().at(static_cast<std::size_t>(c.method));
        if (m && t.uses_classes) {
            const int C = m->num_classes();
            auto pick = [&](const char* id, int& v) {
                v = std::clamp(v, 0, std::max(0, C - 1));
                const std::string cur = m->model->class_names[static_cast<std::size_t>(v)];
                const float w = std::min(fh * 8.0f, ImGui::CalcTextSize(cur.c_str()).x + fh * 2.5f);
                const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
                if (ImGui::GetItemRectMax().x + fh * 0.5f + w <= right) ImGui::SameLine(0, fh * 0.5f);
                ImGui::SetNextItemWidth(w);
                if (ImGui::BeginCombo(id, cur.c_str())) {
                    for (int i = 0; i < C; ++i)
                        if (ImGui::Selectable(m->model->class_names[static_cast<std::size_t>(i)].c_str(), v == i)) v = i;
                    ImGui::EndCombo();
                }
            };
            pick("##class_a", c.class_a);
            if (t.is_pair) pick("##class_b", c.class_b);
        }
        // Presets of this model's dataset.
        if (m) {
            const auto presets = presets_for_dataset(m->model->dataset, m->num_classes());
            const float w = fh * 9.0f;
            const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
            if (ImGui::GetItemRectMax().x + fh + w <= right) ImGui::SameLine(0, fh);
            ImGui::SetNextItemWidth(w);
            if (ImGui::BeginCombo("##presets", "presets")) {
                for (const DatasetPreset* p : presets) {
                    const std::string label = dataset_preset_label(*p, m->model->class_names) + "##" + p->id;
                    if (ImGui::Selectable(label.c_str(), ctx.composer_aids.active_preset == p->id)) apply_preset(ctx, p->id);
                    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p->source.c_str());
                }
                ImGui::EndCombo();
            }
        }
        if (composer_differs(ctx)) {  // only when it matters: Play restarts with the new settings
            const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
            const char* t = "changed: Play restarts";
            if (ImGui::GetItemRectMax().x + fh + ImGui::CalcTextSize(t).x <= right) ImGui::SameLine(0, fh);
            ImGui::TextColored(ImVec4(0.95f, 0.65f, 0.25f, 1), "%s", t);
        }
        ctx.record_item("composer_status");
    }
    ImGui::End();
}

}  // namespace topdown::gui
