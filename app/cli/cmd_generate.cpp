// topdown-cli generate: run biased generation chains and write a filmstrip PNG, a CSV and a JSON summary.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "commands.hpp"
#include "data/dataset.hpp"
#include "experiment/study_memory.hpp"
#include "generate/generation_run.hpp"
#include "model/model_file.hpp"
#include "util/atomic_file.hpp"
#include "util/checksum.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"
#include "util/paths.hpp"
#include "util/png.hpp"
#include "util/progress.hpp"

namespace topdown::cli {

namespace {
struct GenerateArgs {
    std::string model, method = "label", classes = "0", out, frames, data_dir_override;
    int k = 0, steps = 100, chains = 100, threads = 0, filmstrip_chains = 16, image_index = 0;
    float temperature = 1.0f;
    std::uint64_t seed = 1;
};

std::vector<int> parse_int_list(const std::string& text, const char* what) {
    std::vector<int> v;
    std::stringstream ss(text);
    std::string part;
    while (std::getline(ss, part, ',')) {
        if (part.empty() || part.size() > 9 || part.find_first_not_of("0123456789") != std::string::npos)
            throw ArgumentError(std::string("bad ") + what + " '" + text + "': expected comma-separated integers");
        v.push_back(std::stoi(part));
    }
    return v;
}

// Roughly log-spaced steps 1, 2, 3, 5, 10, 20, 50, 100... up to `steps` (at most 10).
std::vector<int> default_frames(int steps) {
    std::vector<int> f;
    for (int base = 1; base <= steps; base *= 10)
        for (int m : {1, 2, 3, 5})
            if (base * m <= steps && f.size() < 10) f.push_back(base * m);
    if (f.empty() || f.back() != steps) f.push_back(steps);
    return f;
}

int class_index(const Dbn& m, const std::string& text) {
    for (std::size_t i = 0; i < m.class_names.size(); ++i)
        if (m.class_names[i] == text) return static_cast<int>(i);
    const auto v = parse_int_list(text, "class");
    return v.at(0);
}

// `text` quoted for a POSIX shell when it holds anything but safe characters.
std::string shell_quote(const std::string& text) {
    if (!text.empty() && text.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+=.,/:@%") ==
                             std::string::npos)
        return text;
    std::string q = "'";
    for (char c : text) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

// A float written so that parsing it gives back the same float (9 significant digits).
std::string exact_float(float v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.9g", double(v));
    return b;
}

// The command line that writes the same filmstrip.png and chains.csv again: every option that changes the
// output (the class indices resolved from names, the frames, the test image of method sample, the data folder
// when one was given) plus --threads (results do not depend on it, but a rerun should use the same).
std::string reproduce_command(const GenerateArgs& a, const std::vector<int>& classes) {
    std::string cls;
    for (std::size_t i = 0; i < classes.size(); ++i) cls += (i ? "," : "") + std::to_string(classes[i]);
    std::string frames = a.frames;
    if (frames.empty())
        for (int f : default_frames(a.steps)) frames += (frames.empty() ? "" : ",") + std::to_string(f);
    std::string c = "topdown-cli generate " + shell_quote(a.model) + " --method " + a.method + " --classes " + cls +
                    " --k " + std::to_string(a.k) + " --temperature " + exact_float(a.temperature) + " --steps " +
                    std::to_string(a.steps) + " --chains " + std::to_string(a.chains) + " --seed " + std::to_string(a.seed) +
                    " --frames " + frames + " --filmstrip-chains " + std::to_string(a.filmstrip_chains) + " --image-index " +
                    std::to_string(a.image_index) + " --threads " + std::to_string(a.threads);
    if (!a.data_dir_override.empty()) c += " --data-dir " + shell_quote(a.data_dir_override);
    return c + " --out " + shell_quote(a.out);
}

void run_generate(const GenerateArgs& a) {
    namespace fs = std::filesystem;
    auto dbn = std::make_shared<Dbn>(load_model(a.model));
    const auto g = prepare_generation_model(dbn);
    GenerationRequest req;
    req.bias.method = parse_bias_method(a.method);
    std::vector<int> cls;
    {
        std::stringstream ss(a.classes);
        std::string part;
        while (std::getline(ss, part, ',')) cls.push_back(class_index(*dbn, part));
    }
    if (cls.empty()) throw ArgumentError("--classes needs at least one class");
    const bool pair = req.bias.method == BiasMethod::DoubleLabel || req.bias.method == BiasMethod::Intersection;
    if (pair && cls.size() != 2) throw ArgumentError("--method " + a.method + " needs two classes, e.g. --classes 2,9");
    req.bias.class_a = cls[0];
    req.bias.class_b = cls.size() > 1 ? cls[1] : cls[0];
    req.bias.k = a.k;
    if (req.bias.method == BiasMethod::Sample) {
        const Dataset test = load_dataset(dbn->dataset.empty() ? "mnist" : dbn->dataset, Split::Test,
                                          data_dir(a.data_dir_override));
        if (a.image_index < 0 || a.image_index >= test.size()) throw ArgumentError("--image-index out of range");
        req.bias.image = test.images.row(a.image_index);
    }
    req.chains = a.chains;
    req.steps = a.steps;
    req.seed = a.seed;
    req.temperature.constant = a.temperature;
    req.threads = a.threads;
    std::vector<int> frames = a.frames.empty() ? default_frames(a.steps) : parse_int_list(a.frames, "--frames");
    for (int f : frames)
        if (f < 1 || f > a.steps) throw ArgumentError("--frames must lie between 1 and --steps");

    // chains.csv is built in memory (one line per chain and step): refuse runs that cannot fit.
    const std::uint64_t csv_bytes = std::uint64_t(a.chains) * std::uint64_t(a.steps) * std::uint64_t(24 + 24 * g->depth());
    if (csv_bytes > study_memory_limit())
        throw ArgumentError("--chains " + std::to_string(a.chains) + " x --steps " + std::to_string(a.steps) +
                            " would need about " + format_bytes(csv_bytes) + " of memory for chains.csv (one line per chain and step), more than the " +
                            format_bytes(study_memory_limit()) + " allowed here (3/4 of physical memory): reduce --chains or --steps");
    fs::create_directories(a.out);
    InitialState first;
    (void)initial_states(*dbn, req, &first);
    if (first.empty) std::printf("warning: %s — the chains start from an all-zero top state\n", first.description.c_str());
    std::printf("%s: %d chains x %d steps, seed %llu\n", first.description.c_str(), a.chains, a.steps,
                static_cast<unsigned long long>(a.seed));

    const int L = g->depth();
    const int strip_rows = std::min(a.chains, a.filmstrip_chains);
    std::vector<Matrix> kept(frames.size());
    std::ostringstream csv;
    csv << "chain,step";
    for (int l = 1; l <= L; ++l) csv << ",energy_" << l;
    for (int l = 1; l <= L; ++l) csv << ",active_" << l;
    csv << "\n";
    std::vector<std::vector<double>> mean_energy(static_cast<std::size_t>(L));
    ProgressBar bar("generate", a.steps, stdout);
    const auto t0 = std::chrono::steady_clock::now();
    run_generation(g, req, [&](const ChainBatch& b) {
        const int s = b.steps_done();
        for (std::size_t f = 0; f < frames.size(); ++f)
            if (frames[f] == s) kept[f] = b.state(0).topRows(strip_rows);
        std::vector<Eigen::VectorXf> act;
        for (int l = 1; l <= L; ++l) act.push_back(b.active_fraction(l));
        for (int c = 0; c < b.size(); ++c) {
            csv << c << ',' << s;
            for (int l = 0; l < L; ++l) csv << ',' << b.energies()(c, l);
            for (int l = 0; l < L; ++l) csv << ',' << act[static_cast<std::size_t>(l)](c);
            csv << '\n';
        }
        for (int l = 0; l < L; ++l) mean_energy[static_cast<std::size_t>(l)].push_back(b.energies().col(l).mean());
        bar.update(s, "step " + std::to_string(s) + "/" + std::to_string(a.steps));
    }, &interrupt_task());
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const long long chain_steps = static_cast<long long>(a.chains) * a.steps;  // up to 1e11: no int overflow
    bar.finish(std::to_string(chain_steps) + " chain-steps, " +
               std::to_string(static_cast<long long>(double(chain_steps) / std::max(secs, 1e-9))) + " chain-steps/s");

    // Filmstrip: one row per chain, one column per chosen step.
    // Visible layers are drawn in the model's image shape (stored, e.g. 64x64 or 40x30 for an imported dataset;
    // else square when D is a square number); any other size is a one-pixel-high strip of D values.
    const int scale = 2, gap = 2;
    const auto [rows_px, cols_px] = dbn->image_shape();
    Image img(gap + int(frames.size()) * (cols_px * scale + gap), gap + strip_rows * (rows_px * scale + gap), 40, 40, 40);
    for (std::size_t f = 0; f < frames.size(); ++f)
        for (int c = 0; c < strip_rows; ++c)
            img.draw_gray(kept[f].row(c).data(), rows_px, cols_px, gap + int(f) * (cols_px * scale + gap),
                          gap + c * (rows_px * scale + gap), scale);
    write_png((fs::path(a.out) / "filmstrip.png").string(), img);
    write_file_atomic((fs::path(a.out) / "chains.csv").string(), csv.str());

    nlohmann::json j;
    j["command"] = "generate";
    j["model"] = a.model;
    j["model_sha256"] = sha256_file(a.model);
    j["method"] = a.method;
    j["classes"] = cls;
    j["class_names"] = nlohmann::json::array();
    for (int c : cls) j["class_names"].push_back(c < dbn->num_classes() ? dbn->class_names[std::size_t(c)] : "?");
    j["k"] = req.bias.method == BiasMethod::Label || req.bias.method == BiasMethod::Sample ? a.k : resolve_k(*dbn, a.k);
    j["temperature"] = a.temperature;
    j["steps"] = a.steps;
    j["chains"] = a.chains;
    j["seed"] = a.seed;
    j["image_index"] = a.image_index;
    j["frames"] = frames;
    j["initial_state"] = {{"description", first.description}, {"active_units", first.active_units}, {"empty", first.empty}};
    j["mean_energy_per_step"] = mean_energy;
    j["wall_seconds"] = secs;
    j["created"] = iso8601_now();
    j["reproduce"] = reproduce_command(a, cls);
    write_file_atomic((fs::path(a.out) / "summary.json").string(), j.dump(2));
    std::printf("wrote %s/{filmstrip.png, chains.csv, summary.json}\nreproduce: %s\n", a.out.c_str(),
                j["reproduce"].get<std::string>().c_str());
}
}  // namespace

void register_generate_command(CLI::App& app) {
    static GenerateArgs a;
    auto* cmd = app.add_subcommand("generate", "Run biased generation chains (label, chimeras, random, sample)");
    cmd->add_option("model", a.model, "Model file (.tdm)")->required();
    cmd->add_option("--method", a.method, "label, double, intersection, random or sample")
        ->check(CLI::IsMember({"label", "double", "intersection", "random", "sample"}))->capture_default_str();
    cmd->add_option("--classes", a.classes, "Class indices or names, e.g. 2,9")->capture_default_str();
    cmd->add_option("--k", a.k, "Active top units for chimeras and random init (default: the model's k)")->check(CLI::Range(0, 65536));
    cmd->add_option("--temperature", a.temperature, "Temperature (divides every pre-activation)")->check(CLI::Range(0.01, 100.0))->capture_default_str();
    cmd->add_option("--steps", a.steps, "Steps per chain")->check(CLI::Range(1, 100000))->capture_default_str();
    cmd->add_option("--chains", a.chains, "Number of chains")->check(CLI::Range(1, 1000000))->capture_default_str();
    cmd->add_option("--seed", a.seed, "Session seed (chain i uses stream (seed, i))")->capture_default_str();
    cmd->add_option("--out", a.out, "Output folder")->required();
    cmd->add_option("--frames", a.frames, "Steps shown in the filmstrip, e.g. 1,2,5,10,100 (default: log-spaced)");
    cmd->add_option("--filmstrip-chains", a.filmstrip_chains, "Chains shown in the filmstrip")->check(CLI::Range(1, 1000));
    cmd->add_option("--image-index", a.image_index, "Test image to start from (method sample)");
    cmd->add_option("--threads", a.threads, "Threads (default: all cores)")->check(CLI::Range(0, 256));
    cmd->add_option("--data-dir", a.data_dir_override, "Data folder (method sample)");
    cmd->callback([] { run_generate(a); });
}

}  // namespace topdown::cli
