// The papers' reported values that the study report prints beside ours (docs/METHODS.md §10.4), as data: one row per
// quantity, with the value for a deep model (iDBN, 2025 paper) and for an RBM (2023 / 2025 papers).
#pragma once
#include <string>

namespace topdown {

struct PaperValue {
    const char* quantity;  // the report's row title, e.g. "label biasing: visited states"
    const char* deep;      // reported for the iDBN ("-": not reported)
    const char* rbm;       // reported for the RBM ("-": not reported)
};

// The paper's value of a report row for a deep model or an RBM; "-" when the papers report none.
std::string paper_value(const std::string& quantity, bool deep);

}  // namespace topdown
