// topdown-cli generate: run biased generation chains and write a filmstrip PNG, a CSV and a JSON summary.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "commands.hpp"
#include "util/shell_quote.hpp"
#include "data/dataset.hpp"
#include "experiment/study_memory.hpp"
#include "generate/filmstrip_steps.hpp"
#include "generate/generation_run.hpp"
#include "generate/temperature_schedule.hpp"
#include "generate/tempering.hpp"
#include "generate/start_image.hpp"
#include "model/image_shape.hpp"
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
    std::string model, method = "label", classes = "0", out, frames, data_dir_override, image, clamp_mask;
    int k = 0, steps = 100, chains = 100, threads = 0, filmstrip_chains = 16, image_index = 0;
    float temperature = 1.0f;
    std::string schedule = "constant";
    float t_start = 0.0f, t_end = 0.0f;  // 0: --temperature
    int replicas = TemperingSpec{}.replicas, swap_every = TemperingSpec{}.swap_every;  // method tempering
    float t_max = TemperingSpec{}.t_max;
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
        for (int f : log_spaced_filmstrip_steps(a.steps)) frames += (frames.empty() ? "" : ",") + std::to_string(f);
    std::string c = "topdown-cli generate " + shell_quote(a.model) + " --method " + a.method + " --classes " + cls +
                    " --k " + std::to_string(a.k) + " --temperature " + exact_float(a.temperature) + " --steps " +
                    std::to_string(a.steps) + " --chains " + std::to_string(a.chains) + " --seed " + std::to_string(a.seed) +
                    " --frames " + frames + " --filmstrip-chains " + std::to_string(a.filmstrip_chains) + " --image-index " +
                    std::to_string(a.image_index) + " --threads " + std::to_string(a.threads);
    if (a.schedule != "constant")
        c += " --schedule " + a.schedule + " --t-start " + exact_float(a.t_start > 0 ? a.t_start : a.temperature) +
             " --t-end " + exact_float(a.t_end > 0 ? a.t_end : a.temperature);
    if (a.method == "tempering")
        c += " --replicas " + std::to_string(a.replicas) + " --t-max " + exact_float(a.t_max) + " --swap-every " +
             std::to_string(a.swap_every);
    if (!a.data_dir_override.empty()) c += " --data-dir " + shell_quote(a.data_dir_override);
    if (!a.image.empty()) c += " --image " + shell_quote(a.image);
    if (!a.clamp_mask.empty()) c += " --clamp-mask " + shell_quote(a.clamp_mask);
    return c + " --out " + shell_quote(a.out);
}

// Method image: the start image (--image, required) and the clamp mask (--clamp-mask), decoded and resized to
// the model's image shape (docs/METHODS.md §15). Throws ArgumentError / IoError / DataError.
void set_image_start(const GenerateArgs& a, const Dbn& model, BiasSpec& bias) {
    if (bias.method != BiasMethod::Image) {
        if (!a.image.empty() || !a.clamp_mask.empty())
            throw ArgumentError("--image and --clamp-mask need --method image");
        return;
    }
    if (a.image.empty()) throw ArgumentError("--method image needs --image FILE (a PNG, JPEG, BMP, GIF or PGM file)");
    const auto [rows, cols] = model.image_shape();
    bias.image = load_start_image(a.image, ImageShape{rows, cols});
    if (!a.clamp_mask.empty()) bias.clamp_mask = load_clamp_mask(a.clamp_mask, ImageShape{rows, cols});
}

// The generation request of the arguments (method, classes resolved from names, k, the test image of method
// sample); `classes` receives the class indices. Throws ArgumentError / DataError.
GenerationRequest make_request(const GenerateArgs& a, const Dbn& model, std::vector<int>& classes) {
    GenerationRequest req;
    req.bias.method = parse_bias_method(a.method);
    classes = parse_class_list(model, a.classes);
    if (traits(req.bias.method).is_pair && classes.size() != 2)
        throw ArgumentError("--method " + a.method + " needs two classes, e.g. --classes 2,9");
    req.bias.class_a = classes[0];
    req.bias.class_b = classes.size() > 1 ? classes[1] : classes[0];
    req.bias.k = a.k;
    if (req.bias.method == BiasMethod::Sample) {
        const Dataset test = load_dataset(model.dataset.empty() ? "mnist" : model.dataset, Split::Test,
                                          data_dir(a.data_dir_override));
        if (a.image_index < 0 || a.image_index >= test.size()) throw ArgumentError("--image-index out of range");
        req.bias.image = test.images.row(a.image_index);
    }
    set_image_start(a, model, req.bias);
    req.chains = a.chains;
    req.steps = a.steps;
    req.seed = a.seed;
    ScheduleSpec sched;
    sched.kind = parse_schedule_kind(a.schedule);
    sched.t_start = sched.kind == ScheduleKind::Constant ? a.temperature : (a.t_start > 0 ? a.t_start : a.temperature);
    sched.t_end = a.t_end > 0 ? a.t_end : a.temperature;
    req.temperature = make_temperature_schedule(sched, a.steps);
    req.tempering = TemperingSpec{a.replicas, a.t_max, a.swap_every};
    request_temperature(req).validate();  // refuses a bad ladder before any work starts
    req.threads = a.threads;
    return req;
}

// The filmstrip steps: --frames, or the log-spaced default. Throws ArgumentError.
std::vector<int> chosen_frames(const GenerateArgs& a) {
    std::vector<int> frames = a.frames.empty() ? log_spaced_filmstrip_steps(a.steps) : parse_int_list(a.frames, "--frames");
    for (int f : frames)
        if (f < 1 || f > a.steps) throw ArgumentError("--frames must lie between 1 and --steps");
    return frames;
}

// chains.csv is built in memory (one line per chain and step): refuses runs that cannot fit.
void check_csv_fits(const GenerateArgs& a, int depth) {
    const std::uint64_t csv_bytes = std::uint64_t(a.chains) * std::uint64_t(a.steps) * std::uint64_t(24 + 24 * depth);
    if (csv_bytes > study_memory_limit())
        throw ArgumentError("--chains " + std::to_string(a.chains) + " x --steps " + std::to_string(a.steps) +
                            " would need about " + format_bytes(csv_bytes) + " of memory for chains.csv (one line per chain and step), more than the " +
                            format_bytes(study_memory_limit()) + " allowed here (3/4 of physical memory): reduce --chains or --steps");
}

// What the run records: the filmstrip frames, chains.csv and the mean energy per layer and step.
struct GenerateRecord {
    std::vector<int> frames;
    int strip_rows = 0;
    std::vector<Matrix> kept;                     // per frame: strip_rows x D visible states
    std::ostringstream csv;
    std::vector<std::vector<double>> mean_energy;  // per layer, per step
    std::vector<float> ladder;                     // method tempering: T_0..T_{K-1}
    SwapStats swaps;                               // method tempering: swap counts after the last step
    double seconds = 0;

    GenerateRecord(std::vector<int> f, int rows, int L) : frames(std::move(f)), strip_rows(rows), kept(frames.size()),
                                                           mean_energy(static_cast<std::size_t>(L)) {
        csv << "chain,step";
        for (int l = 1; l <= L; ++l) csv << ",energy_" << l;
        for (int l = 1; l <= L; ++l) csv << ",active_" << l;
        csv << "\n";
    }
    // Records the batch's last step.
    void add(const ChainBatch& b) {
        const int s = b.steps_done(), L = b.depth();
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
        if (const TemperingReplicas* t = b.tempering()) ladder = t->ladder(), swaps = t->stats();
    }
};

// Runs the chains with a progress bar (Ctrl-C cancels).
void run_chains(const GenerateArgs& a, const std::shared_ptr<const GenerationModel>& g, const GenerationRequest& req,
                GenerateRecord& rec) {
    ProgressBar bar("generate", a.steps, stdout);
    const auto t0 = std::chrono::steady_clock::now();
    run_generation(g, req, [&](const ChainBatch& b) {
        rec.add(b);
        bar.update(b.steps_done(), "step " + std::to_string(b.steps_done()) + "/" + std::to_string(a.steps));
    }, &interrupt_task());
    rec.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    const long long chain_steps = static_cast<long long>(a.chains) * a.steps;  // up to 1e11: no int overflow
    bar.finish(std::to_string(chain_steps) + " chain-steps, " +
               std::to_string(static_cast<long long>(double(chain_steps) / std::max(rec.seconds, 1e-9))) + " chain-steps/s");
}

// Filmstrip: one row per chain, one column per chosen step, each visible state drawn in its image shape.
// `shape`: the model's image shape (stored, e.g. 64x64 or 40x30 for an imported dataset; else from the layer size).
Image filmstrip_image(const GenerateRecord& rec, ImageShape shape) {
    const int scale = 2, gap = 2, rows_px = shape.rows, cols_px = shape.cols;
    const int F = static_cast<int>(rec.frames.size());
    Image img(gap + F * (cols_px * scale + gap), gap + rec.strip_rows * (rows_px * scale + gap), 40, 40, 40);
    for (int f = 0; f < F; ++f)
        for (int c = 0; c < rec.strip_rows; ++c)
            img.draw_gray(rec.kept[std::size_t(f)].row(c).data(), rows_px, cols_px, gap + f * (cols_px * scale + gap),
                          gap + c * (rows_px * scale + gap), scale);
    return img;
}

// summary.json: the arguments, the resolved classes and k, the initial state, the energies, the rerun command.
nlohmann::json summary_json(const GenerateArgs& a, const Dbn& model, const GenerationRequest& req,
                            const std::vector<int>& cls, const InitialState& first, const GenerateRecord& rec) {
    nlohmann::json j;
    j["command"] = "generate";
    j["model"] = a.model;
    j["model_sha256"] = sha256_file(a.model);
    j["method"] = a.method;
    j["classes"] = cls;
    j["class_names"] = nlohmann::json::array();
    for (int c : cls) j["class_names"].push_back(c < model.num_classes() ? model.class_names[std::size_t(c)] : "?");
    j["k"] = traits(req.bias.method).uses_k ? resolve_k(model, a.k) : a.k;
    j["temperature"] = a.temperature;
    j["schedule"] = a.schedule;
    j["temperature_per_step"] = nlohmann::json::array();
    for (int s = 1; s <= a.steps; ++s) j["temperature_per_step"].push_back(req.temperature.at(s));
    if (!rec.ladder.empty()) {
        nlohmann::json pairs = nlohmann::json::array();
        for (std::size_t k = 0; k + 1 < rec.ladder.size(); ++k)
            pairs.push_back({{"t_low", rec.ladder[k]}, {"t_high", rec.ladder[k + 1]}, {"attempted", rec.swaps.attempted[k]},
                             {"accepted", rec.swaps.accepted[k]}, {"rate", rec.swaps.rate(int(k))}});
        j["tempering"] = {{"ladder", rec.ladder}, {"swap_every", a.swap_every}, {"swaps", pairs}};
    }
    j["steps"] = a.steps;
    j["chains"] = a.chains;
    j["seed"] = a.seed;
    j["image_index"] = a.image_index;
    if (req.bias.method == BiasMethod::Image) {
        j["image"] = a.image;
        j["clamp_mask"] = a.clamp_mask;
        j["clamped_pixels"] = visible_clamp(req.bias).size();
    }
    j["frames"] = rec.frames;
    j["initial_state"] = {{"description", first.description}, {"active_units", first.active_units}, {"empty", first.empty}};
    j["mean_energy_per_step"] = rec.mean_energy;
    j["wall_seconds"] = rec.seconds;
    j["created"] = iso8601_now();
    j["reproduce"] = reproduce_command(a, cls);
    return j;
}

void run_generate(const GenerateArgs& a) {
    namespace fs = std::filesystem;
    auto dbn = std::make_shared<Dbn>(load_model(a.model));
    const auto g = prepare_generation_model(dbn);
    std::vector<int> cls;
    const GenerationRequest req = make_request(a, *dbn, cls);
    std::vector<int> frames = chosen_frames(a);
    check_csv_fits(a, g->depth());
    fs::create_directories(a.out);
    InitialState first;
    (void)initial_states(*dbn, req, &first);
    if (first.empty) std::printf("warning: %s — the chains start from an all-zero top state\n", first.description.c_str());
    std::printf("%s: %d chains x %d steps, seed %llu\n", first.description.c_str(), a.chains, a.steps,
                static_cast<unsigned long long>(a.seed));
    GenerateRecord rec(std::move(frames), std::min(a.chains, a.filmstrip_chains), g->depth());
    run_chains(a, g, req, rec);
    write_png((fs::path(a.out) / "filmstrip.png").string(), filmstrip_image(rec, [&] {
        const auto [r, c] = dbn->image_shape();
        return ImageShape{r, c};
    }()));
    write_file_atomic((fs::path(a.out) / "chains.csv").string(), rec.csv.str());
    for (std::size_t k = 0; k + 1 < rec.ladder.size(); ++k)
        std::printf("swap T=%.4g <-> T=%.4g: %lld of %lld accepted (rate %.4f)\n", double(rec.ladder[k]),
                    double(rec.ladder[k + 1]), static_cast<long long>(rec.swaps.accepted[k]),
                    static_cast<long long>(rec.swaps.attempted[k]), rec.swaps.rate(int(k)));
    const nlohmann::json j = summary_json(a, *dbn, req, cls, first, rec);
    write_file_atomic((fs::path(a.out) / "summary.json").string(), j.dump(2));
    std::printf("wrote %s/{filmstrip.png, chains.csv, summary.json}\nreproduce: %s\n", a.out.c_str(),
                j["reproduce"].get<std::string>().c_str());
}
}  // namespace

void register_generate_command(CLI::App& app) {
    static GenerateArgs a;
    auto* cmd = app.add_subcommand("generate", "Run biased generation chains (label, chimeras, random, sample, tempering, image)");
    cmd->add_option("model", a.model, "Model file (.tdm)")->required();
    cmd->add_option("--method", a.method, "label, double, intersection, random, sample, tempering (parallel tempering "
                                          "from label biasing of the first class) or image (a start image, --image)")
        ->check(CLI::IsMember({"label", "double", "intersection", "random", "sample", "tempering", "image"}))->capture_default_str();
    cmd->add_option("--classes", a.classes, "Class indices or names, e.g. 2,9")->capture_default_str();
    cmd->add_option("--k", a.k, "Active top units for chimeras and random init (default: the model's k)")->check(CLI::Range(0, 65536));
    cmd->add_option("--temperature", a.temperature, "Temperature (divides every pre-activation)")->check(CLI::Range(0.01, 100.0))->capture_default_str();
    cmd->add_option("--schedule", a.schedule, "Temperature schedule over the steps: constant (--temperature), linear or "
                                              "cosine from --t-start to --t-end")
        ->check(CLI::IsMember({"constant", "linear", "cosine"}))->capture_default_str();
    cmd->add_option("--t-start", a.t_start, "Temperature of step 1 of a linear or cosine schedule (default: --temperature)")
        ->check(CLI::Range(0.01, 100.0));
    cmd->add_option("--t-end", a.t_end, "Temperature of the last step of a linear or cosine schedule (default: --temperature)")
        ->check(CLI::Range(0.01, 100.0));
    cmd->add_option("--replicas", a.replicas, "Method tempering: temperatures of the ladder, one replica each")
        ->check(CLI::Range(2, 16))->capture_default_str();
    cmd->add_option("--t-max", a.t_max, "Method tempering: the hottest temperature (geometric ladder from --temperature)")
        ->check(CLI::Range(0.01, 100.0))->capture_default_str();
    cmd->add_option("--swap-every", a.swap_every, "Method tempering: adjacent replicas propose swaps every S steps")
        ->check(CLI::Range(1, 100000))->capture_default_str();
    cmd->add_option("--steps", a.steps, "Steps per chain")->check(CLI::Range(1, 100000))->capture_default_str();
    cmd->add_option("--chains", a.chains, "Number of chains")->check(CLI::Range(1, 1000000))->capture_default_str();
    cmd->add_option("--seed", a.seed, "Session seed (chain i uses stream (seed, i))")->capture_default_str();
    cmd->add_option("--out", a.out, "Output folder")->required();
    cmd->add_option("--frames", a.frames, "Steps shown in the filmstrip, e.g. 1,2,5,10,100 (default: log-spaced)");
    cmd->add_option("--filmstrip-chains", a.filmstrip_chains, "Chains shown in the filmstrip")->check(CLI::Range(1, 1000));
    cmd->add_option("--image-index", a.image_index, "Test image to start from (method sample)");
    cmd->add_option("--threads", a.threads, "Threads (default: all cores)")->check(CLI::Range(0, 256));
    cmd->add_option("--data-dir", a.data_dir_override, "Data folder (method sample)");
    cmd->add_option("--image", a.image, "Start image file (method image): PNG, JPEG, BMP, GIF or PGM, converted to gray "
                                        "and resized to the model's image shape; white = on");
    cmd->add_option("--clamp-mask", a.clamp_mask, "Clamp mask image (method image): its nonzero pixels stay fixed to "
                                                  "the start image's values at every step (image completion)");
    cmd->callback([] { run_generate(a); });
}

}  // namespace topdown::cli
