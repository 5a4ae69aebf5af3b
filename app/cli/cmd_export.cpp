// topdown-cli export MODEL.tdm --out MODEL.npz: a TopDown model as a NumPy archive (iDBN layout W[n_out, n_in]).
#include <cstdio>

#include "commands.hpp"
#include "io/model_npz.hpp"
#include "model/model_file.hpp"

namespace topdown::cli {

void register_export_command(CLI::App& app) {
    static std::string in, out;
    static bool stored = false;
    auto* cmd = app.add_subcommand("export", "Export a .tdm model as a NumPy .npz (W1, a1, b1, ..., M, class_names, image_shape, k)");
    cmd->add_option("model", in, "Model file (.tdm)")->required();
    cmd->add_option("--out", out, "Output .npz")->required();
    cmd->add_flag("--stored", stored, "Write members uncompressed (like np.savez); default: deflate (np.savez_compressed)");
    cmd->callback([] {
        const Dbn m = load_model(in);
        export_npz_model(m, out, !stored);
        std::printf("exported %s (%s) -> %s\n", in.c_str(), m.architecture_text().c_str(), out.c_str());
    });
}

}  // namespace topdown::cli
