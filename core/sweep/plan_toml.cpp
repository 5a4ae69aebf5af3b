// TOML -> JSON for plan files (toml++ when the build found it: TOPDOWN_HAVE_TOML).
#include "sweep/plan_toml.hpp"

#include "sweep/sweep_plan.hpp"

#ifdef TOPDOWN_HAVE_TOML
#include <toml++/toml.h>
#endif

namespace topdown {

#ifdef TOPDOWN_HAVE_TOML
namespace {
nlohmann::json convert(const toml::node& n, const std::string& source) {
    if (const auto* t = n.as_table()) {
        nlohmann::json j = nlohmann::json::object();
        for (const auto& [k, v] : *t) j[std::string(k.str())] = convert(v, source);
        return j;
    }
    if (const auto* a = n.as_array()) {
        nlohmann::json j = nlohmann::json::array();
        for (const auto& v : *a) j.push_back(convert(v, source));
        return j;
    }
    if (const auto* s = n.as_string()) return s->get();
    if (const auto* i = n.as_integer()) return i->get();
    if (const auto* f = n.as_floating_point()) return f->get();
    if (const auto* b = n.as_boolean()) return b->get();
    const auto& src = n.source().begin;
    throw PlanError(source + ":" + std::to_string(src.line) + ":" + std::to_string(src.column) +
                    ": dates and times are not used in plans");
}
}  // namespace

nlohmann::json toml_to_json(const std::string& text, const std::string& source) {
    try {
        const toml::table t = toml::parse(text, source);
        return convert(t, source);
    } catch (const toml::parse_error& e) {
        const auto& b = e.source().begin;
        throw PlanError(source + ":" + std::to_string(b.line) + ":" + std::to_string(b.column) + ": not valid TOML: " +
                        std::string(e.description()));
    }
}

bool toml_supported() { return true; }
#else
nlohmann::json toml_to_json(const std::string&, const std::string& source) {
    throw PlanError(source + ": this build reads JSON plans only (install libtomlplusplus-dev and rebuild for TOML)");
}

bool toml_supported() { return false; }
#endif

}  // namespace topdown
