// topdown-cli info MODEL
#include <cstdio>

#include "commands.hpp"
#include "model/model_file.hpp"

namespace topdown::cli {

void register_info_command(CLI::App& app) {
    auto* cmd = app.add_subcommand("info", "Print the header of a model file");
    static std::string path;
    cmd->add_option("model", path, "Model file (.tdm)")->required();
    cmd->callback([] {
        const Dbn m = load_model(path);
        nlohmann::json j = model_summary(m);
        if (j["training"].contains("mse_per_epoch")) j["training"].erase("mse_per_epoch");
        std::printf("%s\n", j.dump(2).c_str());
    });
}

}  // namespace topdown::cli
