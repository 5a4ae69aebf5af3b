#include "network_script.hpp"

#include <nlohmann/json.hpp>

namespace topdown::gui {

void open_network_view(const AppOptions& o, UiContext& ctx) {
    NetworkViewState& st = ctx.network;
    const bool pin = o.network_pin_layer >= 0 && o.network_pin_unit >= 0;
    if (o.network || pin || o.network_phase >= 0 || o.panel == "network") st.open = true;
    if (pin) st.script_pin = UnitRef{o.network_pin_layer, o.network_pin_unit};
    st.script_phase = o.network_phase;
}

std::string apply_network_script(const AppOptions& o, UiContext& ctx) {
    NetworkViewState& st = ctx.network;
    const Snapshot& s = *ctx.snap;
    if (!s.model || s.loading) return "";
    const UnitRef p = st.script_pin;
    const std::vector<int>& sizes = s.model->sizes;
    if (p.valid() && (p.layer >= static_cast<int>(sizes.size()) || p.unit >= sizes[static_cast<std::size_t>(p.layer)]))
        return "--network-pin " + std::to_string(p.layer) + ":" + std::to_string(p.unit) + " names no unit of this " +
               s.model->architecture + " model (layers 0.." + std::to_string(sizes.size() - 1) + ")";
    // The slow motion of the step after the scenario's, held at --network-phase (once).
    if (st.script_phase >= 0 && !st.slow && !st.slow_requested && s.step >= o.steps && s.mode == RunMode::Paused &&
        !st.script_applied_phase) {
        st.slow_requested = true;
        st.script_applied_phase = true;
    }
    return "";
}

void add_network_content(const UiContext& ctx, nlohmann::json& j) {
    const NetworkViewState& st = ctx.network;
    if (!st.open) return;
    nlohmann::json n;
    n["pinned"] = {st.pinned.layer, st.pinned.unit};
    n["shown"] = {st.shown.layer, st.shown.unit};
    n["field_rows"] = st.field_rows;
    n["field_cols"] = st.field_cols;
    n["field_scale"] = st.field_scale;
    n["caption"] = st.caption;
    n["updated_layer"] = st.updated_layer;
    n["phase"] = st.clock.active() ? st.clock.phase() : -2;  // -2: no slow motion, -1: the state before the step
    n["phases"] = st.clock.phases();
    n["slow_step"] = st.slow_step;
    nlohmann::json grids = nlohmann::json::array();
    for (const DrawnGrid& g : st.grids)
        grids.push_back({{"layer", g.layer}, {"units", g.units}, {"rows", g.rows}, {"cols", g.cols}, {"x", g.x},
                         {"y", g.y}, {"cell", g.cell}, {"values", g.values}});
    n["grids"] = grids;
    j["network"] = n;
}

}  // namespace topdown::gui
