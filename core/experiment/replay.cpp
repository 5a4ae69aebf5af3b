#include "experiment/replay.hpp"

#include <sstream>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "generate/generation_run.hpp"
#include "math/random.hpp"
#include "model/model_file.hpp"
#include "train/cd1.hpp"
#include "train/readout.hpp"
#include "train/recipe.hpp"
#include "util/errors.hpp"
#include "util/paths.hpp"

namespace topdown {

std::string to_string(ReplayCondition c) {
    switch (c) {
        case ReplayCondition::Sequential: return "sequential";
        case ReplayCondition::Experience: return "experience";
        case ReplayCondition::GenerativeChimera: return "generative-chimera";
        case ReplayCondition::GenerativeLabel: return "generative-label";
        case ReplayCondition::Random: return "random";
    }
    return "?";
}

ReplayCondition parse_replay_condition(const std::string& t) {
    for (auto c : all_replay_conditions())
        if (to_string(c) == t) return c;
    throw ArgumentError("unknown replay condition '" + t +
                        "' (known: sequential, experience, generative-chimera, generative-label, random)");
}

ReplayInputs load_replay_inputs(const std::string& model_path, const std::string& new_dataset, const std::string& dir_override,
                                std::size_t limit) {
    ReplayInputs in;
    in.model = load_model(model_path);
    if (in.model.dataset != "mnist")
        throw ArgumentError("replay starts from a model trained on MNIST (this one: " + in.model.dataset + ")");
    const std::string dir = data_dir(dir_override);
    in.mnist_train = load_dataset("mnist", Split::Train, dir, limit);
    in.mnist_test = load_dataset("mnist", Split::Test, dir);
    in.new_train = load_dataset(new_dataset, Split::Train, dir, limit);
    in.new_test = load_dataset(new_dataset, Split::Test, dir);
    return in;
}

std::vector<ReplayCondition> all_replay_conditions() {
    return {ReplayCondition::Sequential, ReplayCondition::Experience, ReplayCondition::GenerativeChimera,
            ReplayCondition::GenerativeLabel, ReplayCondition::Random};
}

std::vector<StreamBatch> mixed_stream(int new_size, int replay_size, bool with_replay, const ReplayOptions& o, int epoch) {
    if (new_size < o.batch_size || (with_replay && replay_size < 1))
        throw ArgumentError("not enough data for a full batch in the replay stream");
    CounterRng rng(o.seed, 5000 + std::uint64_t(epoch));
    std::vector<std::uint32_t> order(static_cast<std::size_t>(new_size));
    std::iota(order.begin(), order.end(), 0u);
    shuffle_indices(order.data(), order.size(), rng);
    std::size_t next_new = 0;
    std::vector<StreamBatch> out;
    for (int b = 0; b < o.batches_per_epoch; ++b) {
        StreamBatch sb;
        sb.replay = with_replay && (b % 2 == 1);
        for (int i = 0; i < o.batch_size; ++i) {
            if (sb.replay) {
                sb.rows.push_back(static_cast<std::uint32_t>(rng.below(std::uint64_t(replay_size))));
            } else {
                if (next_new == order.size()) {  // wrap around with a fresh permutation
                    shuffle_indices(order.data(), order.size(), rng);
                    next_new = 0;
                }
                sb.rows.push_back(order[next_new++]);
            }
        }
        out.push_back(std::move(sb));
    }
    return out;
}

Matrix replay_pool(const Dbn& model, ReplayCondition c, const Dataset& mnist, const ReplayOptions& o) {
    if (c == ReplayCondition::Sequential) return Matrix(0, model.architecture().front());
    if (c == ReplayCondition::Experience) return mnist.images;
    auto dbn = std::make_shared<Dbn>(model);
    const auto g = prepare_generation_model(dbn);
    const int C = model.num_classes(), S = o.generation_steps;
    std::vector<GenerationRequest> reqs;
    if (c == ReplayCondition::GenerativeChimera) {
        for (int a = 0; a < C; ++a)
            for (int b = a + 1; b < C; ++b) {
                GenerationRequest r;
                r.bias = bias_spec(BiasMethod::Intersection, a, b, 0);
                r.chains = 3;
                reqs.push_back(r);
            }
    } else if (c == ReplayCondition::GenerativeLabel) {
        for (int a = 0; a < C; ++a) {
            GenerationRequest r;
            r.bias = bias_spec(BiasMethod::Label, a, a, 0);
            r.chains = 10;
            reqs.push_back(r);
        }
    } else {  // random: k = mean active units of the intersection chimeras, rounded
        const Eigen::MatrixXi sizes = intersection_size_matrix(model, 0);
        double sum = 0;
        int n = 0;
        for (int a = 0; a < C; ++a)
            for (int b = a + 1; b < C; ++b) {
                sum += sizes(a, b);
                ++n;
            }
        GenerationRequest r;
        r.bias = bias_spec(BiasMethod::Random, 0, 0, std::max(1, static_cast<int>(std::lround(sum / std::max(n, 1)))));
        r.chains = 1000;
        reqs.push_back(r);
    }
    Eigen::Index total = 0;
    for (const auto& r : reqs) total += Eigen::Index(r.chains) * S;
    Matrix pool(total, model.architecture().front());
    Eigen::Index row = 0;
    for (std::size_t i = 0; i < reqs.size(); ++i) {
        auto r = reqs[i];
        r.steps = S;
        r.seed = o.seed;
        r.first_chain_index = 100000 * i;
        run_generation(g, r, [&](const ChainBatch& b) {
            pool.middleRows(row, b.size()) = b.state(0);
            row += b.size();
        });
    }
    return pool;
}

namespace {
Matrix subset_rows(const Matrix& m, int n) { return m.topRows(std::min<Eigen::Index>(n, m.rows())); }
std::vector<std::uint8_t> subset_labels(const std::vector<std::uint8_t>& l, int n) {
    return std::vector<std::uint8_t>(l.begin(), l.begin() + std::min<std::ptrdiff_t>(n, std::ptrdiff_t(l.size())));
}
}  // namespace

ReplayCurve run_replay(const Dbn& model, ReplayCondition c, const Dataset& new_train, const Dataset& new_test,
                       const Dataset& mnist_train, const Dataset& mnist_test, const ReplayOptions& o,
                       const std::function<void(const ReplayCurve&, const Matrix&)>& on_epoch, TaskState* task) {
    if (model.layers.empty()) throw ArgumentError("replay needs a trained model");
    Dbn m = model;
    ReplayCurve curve;
    curve.condition = c;
    const Matrix pool = replay_pool(model, c, mnist_train, o);
    curve.replay_pool_size = static_cast<int>(pool.rows());
    const int n_fit = o.readout_train_images;
    const Matrix mnist_fit = subset_rows(mnist_train.images, n_fit);
    const auto mnist_fit_labels = subset_labels(mnist_train.labels, n_fit);
    const Matrix new_fit = subset_rows(new_train.images, n_fit);
    const auto new_fit_labels = subset_labels(new_train.labels, n_fit);
    // The read-out fitted at the end of the MNIST phase.
    const Readout fixed = fit_ridge_readout(m.propagate_up(mnist_fit), mnist_fit_labels, mnist_train.num_classes());
    curve.initial_old_accuracy = fixed.accuracy(m.propagate_up(mnist_test.images), mnist_test.labels);

    TrainRecipe r;  // the model's recipe, momentum 0.5 throughout (as the reference code)
    if (m.training.contains("recipe") && m.training["recipe"].is_object()) {
        const auto& jr = m.training["recipe"];
        r.learning_rate = jr.value("learning_rate", r.learning_rate);
        r.weight_decay = jr.value("weight_decay", r.weight_decay);
        r.sample_negative_visible = jr.value("sample_negative_visible", r.sample_negative_visible);
    }
    const Cd1Params p{r.learning_rate, 0.5f, r.weight_decay, r.sample_negative_visible};
    std::vector<Cd1Velocity> vel;
    for (const auto& l : m.layers) vel.push_back(Cd1Velocity::zeros_like(l));
    Cd1Workspace ws;
    Matrix batch(o.batch_size, new_train.images.cols()), up;
    for (int e = 0; e < o.epochs; ++e) {
        const auto stream = mixed_stream(new_train.size(), static_cast<int>(pool.rows()), c != ReplayCondition::Sequential, o, e);
        const double passes = double(m.depth()) * double(stream.size());
        for (int l = 0; l < m.depth(); ++l) {  // iterative: every layer, one pass over the stream
            CounterRng rng(o.seed, 9000 + std::uint64_t(e) * 64 + std::uint64_t(l));
            for (std::size_t b = 0; b < stream.size(); ++b) {
                const StreamBatch& sb = stream[b];
                if (task) {
                    task->throw_if_cancelled();
                    task->fraction.store((double(e) + (double(l) * double(stream.size()) + double(b)) / passes) / o.epochs);
                }
                const Matrix& src = sb.replay ? pool : new_train.images;
                for (int i = 0; i < o.batch_size; ++i) batch.row(i) = src.row(sb.rows[std::size_t(i)]);
                const Matrix in = m.propagate_up(batch, l);
                cd1_update(m.layers[std::size_t(l)], vel[std::size_t(l)], in, p, rng, ws);
            }
        }
        const Matrix new_feat = m.propagate_up(new_fit);
        const Readout ro_new = fit_ridge_readout(new_feat, new_fit_labels, new_train.num_classes());
        curve.new_accuracy.push_back(ro_new.accuracy(m.propagate_up(new_test.images), new_test.labels));
        const Matrix old_test = m.propagate_up(mnist_test.images);
        curve.old_accuracy_fixed.push_back(fixed.accuracy(old_test, mnist_test.labels));
        const Readout ro_old = fit_ridge_readout(m.propagate_up(mnist_fit), mnist_fit_labels, mnist_train.num_classes());
        curve.old_accuracy_refit.push_back(ro_old.accuracy(old_test, mnist_test.labels));
        if (task) task->fraction.store(double(e + 1) / o.epochs);
        if (on_epoch) on_epoch(curve, pool);
    }
    return curve;
}

std::string replay_curves_csv(const std::vector<ReplayCurve>& curves) {
    std::ostringstream csv;
    csv << "condition,epoch,new_accuracy,mnist_accuracy_fixed_readout,mnist_accuracy_refit_readout\n";
    for (const auto& k : curves) {
        csv << to_string(k.condition) << ",0,," << k.initial_old_accuracy << "," << k.initial_old_accuracy << "\n";
        for (std::size_t e = 0; e < k.new_accuracy.size(); ++e)
            csv << to_string(k.condition) << ',' << e + 1 << ',' << k.new_accuracy[e] << ','
                << (e < k.old_accuracy_fixed.size() ? k.old_accuracy_fixed[e] : 0.0) << ','
                << (e < k.old_accuracy_refit.size() ? k.old_accuracy_refit[e] : 0.0) << '\n';
    }
    return csv.str();
}

double forgetting_ratio(const ReplayCurve& a, const ReplayCurve& seq) {
    if (a.old_accuracy_fixed.empty() || seq.old_accuracy_fixed.empty()) return std::nan("");
    const double drop_a = a.initial_old_accuracy - a.old_accuracy_fixed.back();
    const double drop_s = seq.initial_old_accuracy - seq.old_accuracy_fixed.back();
    return drop_s != 0 ? drop_a / drop_s : std::nan("");
}

}  // namespace topdown
