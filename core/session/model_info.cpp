#include "session/model_info.hpp"

#include "util/paths.hpp"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <tuple>

#include "analyze/hidden_means.hpp"
#include "analyze/label_trajectories.hpp"
#include "io/model_npz.hpp"
#include "model/image_shape.hpp"
#include "model/model_file.hpp"
#include "util/errors.hpp"
#include "analyze/pca.hpp"
#include "session/class_means.hpp"

namespace topdown {

namespace {
// The cancellation check before each loading stage, then the stage callback.
void enter_stage(TaskState* task, const LoadStageCallback& on_stage, LoadStage stage) {
    if (task) task->throw_if_cancelled();
    if (on_stage) on_stage(stage);
}

// Looks for the state classifier of the model's dataset: $TOPDOWN_CLASSIFIER, then classifier_<dataset>.tdc
// next to the model, in the user models folder, and in assets/models/. A damaged file is reported, not fatal.
void attach_classifier(ModelInfo& info, const Dbn& model, const std::string& model_path) {
    namespace fs = std::filesystem;
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("TOPDOWN_CLASSIFIER"); env && *env) candidates.emplace_back(env);
    const std::string leaf = "classifier_" + (model.dataset.empty() ? std::string("mnist") : model.dataset) + ".tdc";
    if (!model_path.empty()) candidates.push_back(fs::path(model_path).parent_path() / leaf);
    candidates.push_back(fs::path(user_models_dir()) / leaf);
    candidates.push_back(fs::path("assets/models") / leaf);
#ifdef TOPDOWN_SOURCE_DIR
    candidates.push_back(fs::path(TOPDOWN_SOURCE_DIR) / "assets/models" / leaf);
#endif
    for (const auto& c : candidates) {
        std::error_code ec;
        if (!fs::is_regular_file(c, ec)) continue;
        try {
            auto clf = std::make_shared<const StateClassifier>(load_classifier(c.string()));
            if (clf->num_classes() != model.num_classes()) {
                info.classifier_note = c.string() + " has " + std::to_string(clf->num_classes()) + " classes, the model " +
                                       std::to_string(model.num_classes());
                continue;
            }
            info.classifier = std::move(clf);
            info.classifier_path = c.string();
            return;
        } catch (const std::exception& e) {
            info.classifier_note = e.what();
        }
    }
    if (info.classifier_note.empty()) info.classifier_note = "no " + leaf + " found next to the model or in assets/models";
}
}  // namespace

namespace {
// The PCA basis (stored, or fitted on the label-biasing averages) and the projected reference trajectories.
void attach_pca(ModelInfo& info, const Dbn& model, const std::shared_ptr<const GenerationModel>& g, TaskState* task,
                const LoadStageCallback& on_stage) {
    const Eigen::Index hidden = hidden_unit_count(model);
    const bool stored = !model.pca.empty() && model.pca.components.cols() == hidden && model.pca.components.rows() >= 2;
    if (stored) {
        info.pca_basis = std::make_shared<const PcaBasis>(model.pca);
        info.pca_source = "stored in the model";
    }
    if (!info.has_label_biasing || !g) {
        if (!stored) info.pca_source = "none: the model has no label-biasing matrix to fit one";
        return;
    }
    enter_stage(task, on_stage, LoadStage::Trajectories);
    const Matrix refs = label_average_trajectories(g, kReferenceChains, kReferenceSteps, 1, task);
    enter_stage(task, on_stage, LoadStage::Pca);
    if (!stored) {
        info.pca_basis = std::make_shared<const PcaBasis>(fit_pca(refs, 2));
        info.pca_source = "fitted at load time on label-biasing averages (" + std::to_string(kReferenceChains) +
                          " chains x " + std::to_string(kReferenceSteps) + " steps per class)";
    }
    const Matrix p = pca_project(*info.pca_basis, refs);
    const int C = model.num_classes();
    info.pca_reference.assign(static_cast<std::size_t>(C), {});
    for (int c = 0; c < C; ++c)
        for (int t = 0; t < kReferenceSteps; ++t) {
            const Eigen::Index r = Eigen::Index(c) * kReferenceSteps + t;
            info.pca_reference[std::size_t(c)].push_back({p(r, 0), p(r, 1), t + 1, c});
        }
}
}  // namespace

std::shared_ptr<const ModelInfo> build_model_info(std::shared_ptr<const Dbn> model, const std::string& path,
                                                  std::shared_ptr<const GenerationModel> generation, TaskState* task,
                                                  const LoadStageCallback& on_stage) {
    auto info = std::make_shared<ModelInfo>();
    info->path = path;
    info->name = path.empty() ? std::string("(in memory)") : std::filesystem::path(path).filename().string();
    info->architecture = model->architecture_text();
    info->sizes = model->architecture();
    std::tie(info->image_rows, info->image_cols) = model->image_shape();  // stored shape (non-square too), else square
    info->has_label_biasing = model->label_biasing.size() > 0 && model->label_biasing.rows() == model->num_classes() &&
                              model->label_biasing.cols() == model->top_size();
    enter_stage(task, on_stage, LoadStage::ClassMeans);
    if (info->has_label_biasing) info->class_means = class_mean_images(*model);
    enter_stage(task, on_stage, LoadStage::Classifier);
    attach_classifier(*info, *model, path);
    attach_pca(*info, *model, generation, task, on_stage);
    info->model = std::move(model);
    return info;
}

SessionModel load_session_model(const std::string& path, TaskState* task, const LoadStageCallback& on_stage) {
    enter_stage(task, on_stage, LoadStage::Read);
    const bool npz = path.size() > 4 && path.compare(path.size() - 4, 4, ".npz") == 0;  // NumPy model (issue 17)
    auto dbn = std::make_shared<const Dbn>(npz ? import_npz_model(path) : load_model(path));
    if (dbn->layers.empty()) throw FileFormatError(path + ": the model has no layers");
    enter_stage(task, on_stage, LoadStage::Prepare);
    SessionModel m;
    m.model = prepare_generation_model(dbn);
    m.info = build_model_info(dbn, path, m.model, task, on_stage);
    if (task) task->throw_if_cancelled();
    return m;
}

}  // namespace topdown
