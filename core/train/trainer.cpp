#include "train/trainer.hpp"

#include <chrono>
#include <numeric>

#include "train/cd1.hpp"
#include "train/thread_chooser.hpp"
#include "util/threads.hpp"
#include "util/errors.hpp"

namespace topdown {

TrainMode parse_train_mode(const std::string& t) {
    if (t == "iterative") return TrainMode::Iterative;
    if (t == "greedy") return TrainMode::Greedy;
    throw ArgumentError("unknown training mode '" + t + "' (known: iterative, greedy)");
}

std::string to_string(TrainMode m) { return m == TrainMode::Iterative ? "iterative" : "greedy"; }

Dbn init_dbn(const std::vector<int>& arch, float init_std, std::uint64_t seed) {
    Dbn d = Dbn::with_architecture(arch);
    CounterRng rng(seed, 0);
    for (auto& l : d.layers)
        for (Eigen::Index i = 0; i < l.W.size(); ++i) l.W.data()[i] = init_std * rng.normal();
    return d;
}

namespace {

// Streams used by training: (seed, stream) with stream = 1 + epoch * 64 + layer (stream 0 is init).
std::uint64_t train_stream(int epoch, int layer) { return 1 + std::uint64_t(epoch) * 64 + std::uint64_t(layer); }

// One CD-1 pass of `layer` over all mini-batches of `input`; returns the mean batch MSE.
float train_pass(RbmLayer& layer, Cd1Velocity& vel, const Matrix& input, const TrainRecipe& r, int epoch, int layer_index,
                 std::uint64_t seed, const std::function<void(int, int, float)>& on_batch, TaskState* task) {
    const int N = static_cast<int>(input.rows());
    const int B = std::min(r.batch_size, N);
    const int batches = N / B;  // full batches only, as the reference code
    std::vector<std::uint32_t> order(static_cast<std::size_t>(N));
    std::iota(order.begin(), order.end(), 0u);
    CounterRng rng(seed, train_stream(epoch, layer_index));
    if (r.shuffle) shuffle_indices(order.data(), order.size(), rng);
    Cd1Params p{r.learning_rate, r.momentum(epoch), r.weight_decay, r.sample_negative_visible};
    Cd1Workspace ws;
    Matrix batch(B, input.cols());
    double sum = 0;
    ThreadChooser chooser(max_threads());  // the batches' bits do not depend on it (issue 21)
    for (int bi = 0; bi < batches; ++bi) {
        if (task) task->throw_if_cancelled();
        for (int i = 0; i < B; ++i) batch.row(i) = input.row(order[static_cast<std::size_t>(bi * B + i)]);
        p.threads = chooser.threads(bi);
        const auto t0 = std::chrono::steady_clock::now();
        const float mse = cd1_update(layer, vel, batch, p, rng, ws);
        chooser.record(bi, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
        sum += mse;
        if (on_batch) on_batch(bi, batches, mse);
    }
    return static_cast<float>(sum / std::max(batches, 1));
}

}  // namespace

namespace {

// One training run: the model being trained, its velocities, the progress and the callbacks.
struct TrainRun {
    const Dataset& data;
    const TrainOptions& o;
    const TrainCallback& on_batch;
    const EpochCallback& on_epoch;
    TaskState* task;
    int L = 0, E = 0;
    TrainResult res;
    std::vector<Cd1Velocity> vel;
    double total_units = 1, done_units = 0;

    TrainRun(const Dataset& d, const TrainOptions& opt, const TrainCallback& b, const EpochCallback& e, TaskState* t)
        : data(d), o(opt), on_batch(b), on_epoch(e), task(t) {}

    // Per-batch progress of layer `layer` in epoch `epoch`.
    std::function<void(int, int, float)> batch_cb(int epoch, int layer) {
        return [this, epoch, layer](int bi, int nb, float mse) {
            done_units += 1;
            if (task) task->fraction.store(done_units / total_units);
            if (on_batch) on_batch({epoch, E, layer, L, bi, nb, mse, done_units / total_units});
        };
    }
    // One CD-1 pass of layer l over `input` in epoch e; records its MSE.
    void pass(int l, int e, const Matrix& input) {
        const float mse = train_pass(res.model.layers[static_cast<std::size_t>(l)], vel[static_cast<std::size_t>(l)], input,
                                     o.recipe, e, l, o.seed, batch_cb(e, l), task);
        res.mse[static_cast<std::size_t>(l)].push_back(mse);
    }
    // Iterative: every epoch trains all layers bottom-up, each on the layer below's current up-pass. Returns
    // false when cancelled (the model is then the one after the last complete epoch).
    bool iterative() {
        std::vector<Matrix> inputs(static_cast<std::size_t>(L));  // inputs[l] for l >= 1
        for (int e = 0; e < E; ++e) {
            Dbn before = res.model;
            try {
                for (int l = 0; l < L; ++l) {
                    const Matrix* in = &data.images;
                    if (l > 0) {  // up of layer l-1 with its current weights, on its own input (probabilities)
                        const Matrix& below = (l == 1) ? data.images : inputs[static_cast<std::size_t>(l - 1)];
                        cd1_up(res.model.layers[static_cast<std::size_t>(l - 1)], below, inputs[static_cast<std::size_t>(l)]);
                        in = &inputs[static_cast<std::size_t>(l)];
                    }
                    pass(l, e, *in);
                }
            } catch (const CancelledError&) {
                for (auto& m : res.mse) m.resize(static_cast<std::size_t>(e));
                res.model = std::move(before);
                return false;
            }
            res.epochs_completed = e + 1;
            if (on_epoch) on_epoch(res);
        }
        return true;
    }
    // Greedy: layer by layer, all epochs each, on the finished layer below's up-pass. Returns false when
    // cancelled (layers above were never trained: a partial greedy stack).
    bool greedy() {
        Matrix input = data.images, next;
        for (int l = 0; l < L; ++l) {
            for (int e = 0; e < E; ++e) {
                Dbn before = res.model;
                try {
                    pass(l, e, input);
                } catch (const CancelledError&) {
                    res.model = std::move(before);
                    return false;
                }
                if (l == L - 1) {
                    res.epochs_completed = e + 1;
                    if (on_epoch) on_epoch(res);
                }
            }
            cd1_up(res.model.layers[static_cast<std::size_t>(l)], input, next);
            input.swap(next);
        }
        return true;
    }
};

}  // namespace

TrainResult train_dbn(const Dataset& data, const TrainOptions& o, const TrainCallback& on_batch,
                      const EpochCallback& on_epoch, TaskState* task) {
    if (o.architecture.size() < 2) throw ArgumentError("an architecture needs at least two layer sizes");
    if (o.architecture.front() != data.images.cols())
        throw ArgumentError("the first layer size (" + std::to_string(o.architecture.front()) +
                            ") must equal the image size (" + std::to_string(data.images.cols()) + ")");
    if (o.recipe.batch_size < 1 || o.recipe.epochs < 1) throw ArgumentError("batch size and epochs must be positive");
    if (data.size() < 1) throw ArgumentError("the training set is empty");
    const auto t0 = std::chrono::steady_clock::now();
    TrainRun run(data, o, on_batch, on_epoch, task);
    run.L = static_cast<int>(o.architecture.size()) - 1;
    run.E = o.recipe.epochs;
    run.res.model = init_dbn(o.architecture, o.recipe.init_std, o.seed);
    run.res.model.dataset = data.name;
    run.res.model.class_names = data.class_names;
    run.res.mse.assign(static_cast<std::size_t>(run.L), {});
    for (const auto& l : run.res.model.layers) run.vel.push_back(Cd1Velocity::zeros_like(l));
    const int N = data.size();
    const int batches = N / std::min(o.recipe.batch_size, N);
    run.total_units = double(run.E) * run.L * batches;
    const bool complete = o.mode == TrainMode::Iterative ? run.iterative() : run.greedy();
    run.res.cancelled = !complete;
    run.res.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return std::move(run.res);
}

}  // namespace topdown
