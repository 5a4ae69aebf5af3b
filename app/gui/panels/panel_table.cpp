#include "panels/panel_table.hpp"

#include "compare_mode.hpp"
#include "panels/panel.hpp"
#include "panels/teach_panels.hpp"
#include "session/panel_specs.hpp"

namespace topdown::gui {

const std::vector<PanelDraw>& panel_draws() {
    static const std::vector<PanelDraw> draws = {
        {"transport", draw_transport_panel, nullptr, nullptr},
        {"model", draw_model_panel, nullptr, nullptr},
        {"biasing", draw_biasing_panel, nullptr, nullptr},
        {"visible", draw_visible_panel, nullptr, nullptr},
        {"hidden", draw_hidden_panel, nullptr, nullptr},
        {"energy", draw_energy_panel, nullptr, nullptr},
        {"timeline", draw_timeline_panel, nullptr, nullptr},
        {"analysis", draw_analysis_panel, draw_present_analysis_panel, nullptr},
        {"composer", draw_compact_composer_panel, nullptr, nullptr},
        {"compare", draw_compare_panel, nullptr, nullptr},
        {"visible_b", draw_on_side_b<draw_visible_panel>, nullptr, nullptr},
        {"energy_b", draw_on_side_b<draw_energy_panel>, nullptr, nullptr},
        {"timeline_b", draw_on_side_b<draw_timeline_panel>, nullptr, nullptr},
        {"analysis_b", draw_on_side_b<draw_analysis_panel>, nullptr, nullptr},
        {"start", draw_start_overlay, nullptr, &ViewState::show_start},
        {"guide", draw_guide_panel, nullptr, &ViewState::show_guide},
        {"export", draw_export_panel, nullptr, &ViewState::show_export},
        {"replay", draw_replay_panel, nullptr, &ViewState::show_replay},
        {"canvas", draw_canvas_panel, nullptr, nullptr},  // opened by TeachState (issue 16)
        {"lesson", draw_lesson_panel, nullptr, nullptr},
        {"network", draw_network_panel, nullptr, nullptr},  // opens with ctx.network.open (network_view_state.hpp)
    };
    return draws;
}

const PanelDraw* find_panel_draw(const std::string& id) {
    for (const PanelDraw& d : panel_draws())
        if (id == d.id) return &d;
    return nullptr;
}

void draw_panels(UiContext& ctx) {
    for (const PanelSpec& p : panel_specs()) {
        const PanelDraw* d = find_panel_draw(p.id);
        if (!d) continue;
        if (p.dialog()) {
            if (!(p.skip_while_capturing && ctx.capture.capturing)) d->draw(ctx);
        } else if (ctx.view.present) {
            if (p.in_present) (d->draw_present ? d->draw_present : d->draw)(ctx);
        } else if (ctx.compare.active) {
            if (p.compare_tile != Tile::None) d->draw(ctx);
        } else if (p.in_default && !(ctx.frame.compact && p.tab_when_compact)) {
            d->draw(ctx);
        }
    }
}

void show_panel(UiContext& ctx, const std::string& id) {
    const PanelDraw* d = find_panel_draw(id);
    if (d && d->shown) ctx.view.*(d->shown) = true;
}

std::string panel_label(const char* id) {
    const PanelSpec* p = find_panel(id);
    return std::string(p ? p->title : id) + "###" + id;
}

}  // namespace topdown::gui
