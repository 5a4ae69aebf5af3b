#include "session/presets.hpp"

#include "generate/biasing.hpp"

namespace topdown {

namespace {
DatasetPreset make(std::string id, std::string dataset, BiasMethod m, int a, int b, std::string source) {
    DatasetPreset p;
    p.id = std::move(id);
    p.dataset = std::move(dataset);
    p.state.method = static_cast<int>(m);
    p.state.class_a = a;
    p.state.class_b = b;
    p.state.k = 0;  // the model's k (the papers' choice: the mean number of active units at step 1)
    p.state.temperature = 1.0f;
    p.state.seed = 7;
    p.state.steps = 100;  // the papers' generation period
    p.state.ensemble_size = 100;  // the papers' 100 samples per condition
    p.state.sample_index = 0;
    p.source = std::move(source);
    return p;
}
}  // namespace

const std::vector<DatasetPreset>& dataset_presets() {
    using M = BiasMethod;
    static const std::vector<DatasetPreset> presets{
        make("mnist-intersection-2-9", "mnist", M::Intersection, 2, 9,
             "2025 paper (iDBN), Fig. 3: the intersection chimera {2, 9}"),
        make("mnist-double-0-3", "mnist", M::DoubleLabel, 0, 3,
             "2025 paper (iDBN), Fig. 3: the double-label chimera {0, 3}"),
        make("mnist-label-8", "mnist", M::Label, 8, 8,
             "2025 paper (iDBN), Fig. 5a: label bias 8, a trajectory that spans much of the PCA plane"),
        make("mnist-label-0", "mnist", M::Label, 0, 0,
             "2023 paper (RBM), Fig. 2a: digit 0, the strongest attractor"),
        make("mnist-intersection-3-6", "mnist", M::Intersection, 3, 6,
             "2023 paper (RBM), Fig. 3c: the intersection chimera {3, 6}"),
        make("mnist-double-6-9", "mnist", M::DoubleLabel, 6, 9,
             "2023 paper (RBM), Fig. 3e: the double-label chimera {6, 9}"),
        make("mnist-random", "mnist", M::Random, 0, 0,
             "2025 paper (iDBN), Fig. 5c: random start with the chimeras' sparsity (k)"),
        make("fashion-intersection-7-9", "fashion", M::Intersection, 7, 9,
             "the method of the 2025 paper's Fig. 3 (intersection chimera) on two shoes; the papers use "
             "Fashion-MNIST only for replay (Fig. 7b)"),
        make("fashion-intersection-2-9", "fashion", M::Intersection, 2, 9,
             "the 2025 paper's Fig. 3 pair {2, 9} (intersection chimera) on Fashion-MNIST"),
        make("fashion-double-2-4", "fashion", M::DoubleLabel, 2, 4,
             "the method of the 2025 paper's Fig. 3 (double-label chimera) on two coats"),
        make("fashion-label-1", "fashion", M::Label, 1, 1,
             "the method of the 2025 paper's Fig. 5a (label biasing) on trousers"),
        make("fashion-random", "fashion", M::Random, 0, 0,
             "the 2025 paper's Fig. 5c control (random start with the chimeras' sparsity)"),
        make("any-intersection-2-9", "", M::Intersection, 2, 9,
             "2025 paper (iDBN), Fig. 3: the intersection chimera of classes 2 and 9"),
        make("any-double-0-3", "", M::DoubleLabel, 0, 3,
             "2025 paper (iDBN), Fig. 3: the double-label chimera of classes 0 and 3"),
        make("any-label-8", "", M::Label, 8, 8, "2025 paper (iDBN), Fig. 5a: label biasing of class 8"),
    };
    return presets;
}

std::vector<const DatasetPreset*> presets_for_dataset(const std::string& dataset, int num_classes) {
    bool own = false;
    for (const auto& p : dataset_presets()) own = own || (!dataset.empty() && p.dataset == dataset);
    std::vector<const DatasetPreset*> out;
    for (const auto& p : dataset_presets()) {
        if (p.dataset != (own ? dataset : std::string())) continue;
        const bool uses_classes = traits(static_cast<BiasMethod>(p.state.method)).uses_classes;
        if (uses_classes && (p.state.class_a >= num_classes || p.state.class_b >= num_classes)) continue;
        out.push_back(&p);
    }
    return out;
}

const DatasetPreset* find_dataset_preset(const std::string& id) {
    for (const auto& p : dataset_presets())
        if (p.id == id) return &p;
    return nullptr;
}

std::string dataset_preset_label(const DatasetPreset& p, const std::vector<std::string>& class_names) {
    if (p.state.method == static_cast<int>(BiasMethod::Random)) return "random (k)";
    return preset_label(Preset{p.id, p.state}, class_names);
}

}  // namespace topdown
