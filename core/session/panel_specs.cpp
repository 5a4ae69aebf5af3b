#include "session/panel_specs.hpp"

#include <algorithm>

namespace topdown {

namespace {
constexpr PanelRect kTile{0, 0, 0, 0};
}  // namespace

const std::vector<PanelSpec>& panel_specs() {
    // id, title, default tile, presentation tile, tab when compact, dialog box, export rank, skip while capturing,
    // then the tiles of the default, presentation and compare layouts, side B, title bar
    using T = Tile;
    static const std::vector<PanelSpec> specs = {
        {"transport", "Transport", true, true, false, kTile, 0, false, T::Bar, T::Bar, T::Bar, false, false},
        {"model", "Model", true, false, false, kTile, 7, false, T::LeftUpper},
        {"biasing", "Biasing composer", true, false, false, kTile, 6, false, T::LeftLower},
        {"visible", "Visible layer", true, true, false, kTile, 1, false, T::CenterUpper, T::Stage, T::SideImage},
        {"hidden", "Hidden layers", true, false, false, kTile, 2, false, T::CenterLower},
        {"energy", "Energy", true, false, true, kTile, 3, false, T::RightUpper, T::None, T::SideUpper},
        {"timeline", "State timeline", true, true, false, kTile, 4, false, T::RightMiddle, T::RightUpper, T::SideMiddle},
        {"analysis", "Analysis", true, true, false, kTile, 5, false, T::RightLower, T::RightMiddle, T::SideLower},
        {"composer", "Composer", false, true, false, kTile, 0, false, T::None, T::RightLower},
        {"compare", "Compare side by side", false, false, false, kTile, 0, false, T::None, T::None, T::CompareBar, false, false},
        {"visible_b", "Visible layer (B)", false, false, false, kTile, 0, false, T::None, T::None, T::SideImage, true},
        {"energy_b", "Energy (B)", false, false, false, kTile, 0, false, T::None, T::None, T::SideUpper, true},
        {"timeline_b", "State timeline (B)", false, false, false, kTile, 0, false, T::None, T::None, T::SideMiddle, true},
        {"analysis_b", "Analysis (B)", false, false, false, kTile, 0, false, T::None, T::None, T::SideLower, true},
        {"start", "Getting started", false, false, false, {0.22f, 0.2f, 0.56f, 0.6f}, 0, true},
        {"guide", "Guide", false, false, false, {0.2f, 0.1f, 0.6f, 0.8f}, 0, false},
        {"export", "Export", false, false, false, {0.3f, 0.25f, 0.4f, 0.45f}, 0, false},
        {"replay", "Continual learning: generative replay", false, false, false, {0.08f, 0.07f, 0.84f, 0.86f}, 0, false},
        {"canvas", "Start image: draw or clamp", false, false, false, {0.6f, 0.07f, 0.39f, 0.9f}, 0, false},
        {"lesson", "Lesson", false, false, false, {0.01f, 0.5f, 0.3f, 0.48f}, 0, false},
        {"network", "Network view: look inside", false, false, false, {0.02f, 0.09f, 0.96f, 0.89f}, 0, false},
    };
    return specs;
}

const std::vector<PanelTab>& panel_tabs() {
    static const std::vector<PanelTab> tabs = {
        {"transition", "analysis", 0},
        {"pca", "analysis", 1},
        {"metrics", "analysis", 2},
        {"energy-view", "analysis", -1},
    };
    return tabs;
}

const PanelSpec* find_panel(const std::string& id) {
    for (const PanelSpec& p : panel_specs())
        if (id == p.id) return &p;
    return nullptr;
}

std::string panel_window(const std::string& name) {
    for (const PanelTab& t : panel_tabs())
        if (name == t.name) return t.window;
    return name;
}

int panel_tab(const std::string& name) {
    for (const PanelTab& t : panel_tabs())
        if (name == t.name) return t.tab;
    return -1;
}

std::vector<const char*> exportable_panels() {
    std::vector<const PanelSpec*> offered;
    for (const PanelSpec& p : panel_specs())
        if (p.export_rank > 0) offered.push_back(&p);
    std::sort(offered.begin(), offered.end(), [](const PanelSpec* a, const PanelSpec* b) { return a->export_rank < b->export_rank; });
    std::vector<const char*> ids;
    for (const PanelSpec* p : offered) ids.push_back(p->id);
    return ids;
}

}  // namespace topdown
