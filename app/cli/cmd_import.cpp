// topdown-cli import MODEL.npz --out MODEL.tdm: a model saved by NumPy (the papers' code) as a TopDown model;
// with --dataset NAME --finalize, the read-out, M and k are computed on that dataset.
#include <cstdio>

#include "commands.hpp"
#include "data/dataset.hpp"
#include "data/dataset_manifest.hpp"
#include "io/model_npz.hpp"
#include "model/model_file.hpp"
#include "train/finalize.hpp"
#include "util/errors.hpp"
#include "util/paths.hpp"

namespace topdown::cli {

void register_import_command(CLI::App& app) {
    static std::string in, out, orientation = "auto", dataset, dir;
    static bool finalize = false;
    auto* cmd = app.add_subcommand("import", "Import a NumPy .npz model (W1, a1, b1, ... or vishid, visbiases, hidbiases) as a .tdm file");
    cmd->add_option("model", in, "Input .npz (np.savez or np.savez_compressed)")->required();
    cmd->add_option("--out", out, "Output model file (.tdm)")->required();
    cmd->add_option("--orientation", orientation, "Weight layout: auto (by shape), out-in (W[n_out, n_in]) or in-out (vishid[n_in, n_out])")
        ->check(CLI::IsMember({"auto", "out-in", "in-out"}))->capture_default_str();
    cmd->add_option("--dataset", dataset, "The dataset the model was trained on (mnist, fashion or an imported one): class names, and --finalize");
    cmd->add_flag("--finalize", finalize, "Compute the read-out accuracy, M and k on --dataset (needs --dataset)");
    cmd->add_option("--data-dir", dir, "Data folder");
    cmd->callback([] {
        if (finalize && dataset.empty()) throw ArgumentError("--finalize needs --dataset NAME");
        NpzImportOptions o;
        o.orientation = parse_weight_orientation(orientation);
        o.dataset = dataset;
        if (!dataset.empty()) o.class_names = dataset_class_names_in(dataset, data_dir(dir));
        std::vector<std::string> notes;
        Dbn m = import_npz_model(in, o, &notes);
        for (const auto& n : notes) std::printf("%s\n", n.c_str());
        if (!dataset.empty() && m.dataset != dataset)
            std::printf("note: the file names dataset '%s'; --dataset %s is used only for class names\n", m.dataset.c_str(), dataset.c_str());
        if (finalize) {
            const std::string name = dataset;
            const Dataset train = load_dataset(name, Split::Train, data_dir(dir));
            const Dataset test = load_dataset(name, Split::Test, data_dir(dir));
            if (train.images.cols() != m.layers.front().n_lower())
                throw ArgumentError("dataset '" + name + "' has " + std::to_string(train.images.cols()) + " pixels per image but the model has " +
                                    std::to_string(m.layers.front().n_lower()) + " visible units");
            if (train.num_classes() != m.num_classes())
                throw ArgumentError("dataset '" + name + "' has " + std::to_string(train.num_classes()) + " classes but the model has " +
                                    std::to_string(m.num_classes()));
            if (m.image_rows == 0) {
                m.image_rows = train.image_rows;
                m.image_cols = train.image_cols;
            }
            const FinalizeReport rep = finalize_model(m, train, test);
            std::printf("read-out accuracy (test): %.2f%%  k = %d\n", 100 * rep.readout_accuracy, rep.k);
        } else if (m.label_biasing.size() == 0) {
            std::printf("note: the model has no label-biasing matrix M: run `topdown-cli finalize %s --dataset NAME` before generating\n", out.c_str());
        }
        save_model(m, out);
        std::printf("imported %s (%s, %d classes) -> %s\n", in.c_str(), m.architecture_text().c_str(), m.num_classes(), out.c_str());
    });
}

}  // namespace topdown::cli
