#include "generate/generation_model.hpp"

#include "util/errors.hpp"

namespace topdown {

std::shared_ptr<const GenerationModel> prepare_generation_model(std::shared_ptr<const Dbn> model) {
    if (!model || model->layers.empty()) throw ArgumentError("cannot generate from an empty model");
    auto g = std::make_shared<GenerationModel>();
    g->sizes = model->architecture();
    for (const auto& l : model->layers) g->layers.push_back({l.W, l.W.transpose(), l.a, l.b});
    g->model = std::move(model);
    return g;
}

}  // namespace topdown
