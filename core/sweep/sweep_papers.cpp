// Reference values of the 2023 (RBM) and 2025 (iDBN) papers.
#include "sweep/sweep_papers.hpp"

#include <map>
#include <tuple>

namespace topdown {

std::string paper_value(const std::string& method, const std::string& metric, int depth, const std::string& dataset) {
    if (dataset != "mnist") return "-";
    using Key = std::tuple<bool, std::string, std::string>;  // deep?, method, metric
    static const std::map<Key, std::string> values = {
        {{false, "label", "visited_states"}, "1.779 ± 0.211 (RBM 2023)"},
        {{false, "label", "transitions"}, "2.903 ± 0.538 (RBM 2023)"},
        {{false, "label", "non_class_time"}, "76.1 ± 4.2 (RBM 2023)"},
        {{false, "label", "distance_to_identity"}, "0.526 (RBM 2025)"},
        {{false, "label", "between_class_probability"}, "0.010 (RBM 2025)"},
        {{false, "double", "visited_states"}, "2.104 ± 0.122 (RBM 2023)"},
        {{false, "double", "non_class_time"}, "25.0 (RBM 2023)"},
        {{false, "intersection", "visited_states"}, "2.951 ± 0.099 (RBM 2023)"},
        {{false, "intersection", "non_class_time"}, "12.2 (RBM 2023)"},
        {{true, "label", "distance_to_identity"}, "0.811 (iDBN 2025)"},
        {{true, "label", "between_class_probability"}, "0.016 (iDBN 2025)"},
        {{true, "-", "readout_accuracy_percent"}, "96.8 (iDBN 2025)"},
    };
    const auto it = values.find({depth > 1, method, metric});
    return it == values.end() ? "-" : it->second;
}

}  // namespace topdown
