// What the study fuzz target does with one input, shared with the unit test that replays
// tests/fuzz/regressions/study/: parse the bytes as a .tds file, check the results against a fixed small model
// (16-8-6, 3 classes: the shape of the seed files) as `topdown-cli merge` does, then compute every summary
// the report computes. Anything but a typed topdown::Error is a bug.
#pragma once
#include <cstddef>
#include <string>

#include "experiment/study_file.hpp"
#include "experiment/study_merge.hpp"
#include "experiment/study_summary.hpp"
#include "model/dbn.hpp"
#include "train/trainer.hpp"

namespace topdown::fuzz {

// The model the seed files were written for (weights do not matter here, only the shapes and classes).
inline const Dbn& study_check_model() {
    static const Dbn m = [] {
        Dbn d = init_dbn({16, 8, 6}, 0.1f, 5);
        d.class_names = {"a", "b", "c"};
        d.dataset = "mnist";
        d.label_biasing = Matrix::Zero(3, 6);
        d.k = 2;
        return d;
    }();
    return m;
}

// Parses, checks and summarises; throws topdown::Error on input that is rejected.
inline void check_study_bytes(const unsigned char* data, std::size_t size) {
    nlohmann::json meta;
    const auto results = parse_study_results(data, size, "input", &meta);
    const Dbn& m = study_check_model();
    check_results_fit_model(results, m, "input");
    for (const auto& r : results) (void)summarize_condition(r, m.num_classes());
    (void)summarize_methods(results, m.num_classes());
}

}  // namespace topdown::fuzz
