#include "classify/state_classifier.hpp"

#include <chrono>
#include <cmath>
#include <numeric>

#include "classify/non_class.hpp"
#include "model/tensor_file.hpp"
#include "util/errors.hpp"
#include "util/threads.hpp"

namespace topdown {

StateClassifier::StateClassifier(Cnn net, std::vector<std::string> names, std::string dataset)
    : net_(std::move(net)), class_names_(std::move(names)), dataset_(std::move(dataset)) {
    if (static_cast<int>(class_names_.size()) + 1 != net_.shape().outputs)
        throw ArgumentError("classifier outputs must be the class count + 1");
}

std::string StateClassifier::state_name(int s) const {
    if (s >= 0 && s < num_classes()) return class_names_[static_cast<std::size_t>(s)];
    return dataset_ == "mnist" ? "non-digit" : "non-class";
}

Matrix StateClassifier::probabilities(const Matrix& images, int threads_wanted) const {
    Matrix out(images.rows(), net_.shape().outputs);
    // Small chunks keep each thread's im2col buffers in cache (~3 MB for 32 images).
    constexpr Eigen::Index kChunk = 12;
    const Eigen::Index chunks = (images.rows() + kChunk - 1) / kChunk;
    [[maybe_unused]] const int threads = static_cast<int>(std::min<Eigen::Index>(std::max<Eigen::Index>(1, chunks),
                                                                threads_wanted > 0 ? threads_wanted : max_threads()));
    // Chunks are spread over the threads; each chunk runs serially (infer(..., false)), so with threads = 1
    // no other OpenMP thread ever wakes up (and spins) - the app's worker relies on that. Each thread keeps its
    // buffers between calls (the app classifies every step; fresh buffers page-faulted megabytes each time).
#pragma omp parallel for schedule(dynamic, 4) num_threads(threads) if (threads > 1)
    for (Eigen::Index c = 0; c < chunks; ++c) {
        const Eigen::Index r = c * kChunk, n = std::min(kChunk, images.rows() - r);
        thread_local CnnCache cache;
        net_.infer(images.middleRows(r, n), cache, false);
        out.middleRows(r, n) = cache.probs;
    }
    return out;
}

std::vector<Classification> StateClassifier::classify(const Matrix& images, int threads) const {
    const Matrix p = probabilities(images, threads);
    std::vector<Classification> out(static_cast<std::size_t>(p.rows()));
    for (Eigen::Index i = 0; i < p.rows(); ++i) {
        Eigen::Index best;
        const float pb = p.row(i).maxCoeff(&best);
        double h = 0;
        for (Eigen::Index j = 0; j < p.cols(); ++j)
            if (p(i, j) > 0) h -= double(p(i, j)) * std::log(double(p(i, j)));
        out[static_cast<std::size_t>(i)] = {static_cast<int>(best), pb, static_cast<float>(h)};
    }
    return out;
}

ClassifierAccuracy evaluate_classifier(const StateClassifier& c, const Dataset& real, const Matrix& non_class) {
    ClassifierAccuracy a;
    const auto r = c.classify(real.images);
    std::size_t ok = 0;
    for (std::size_t i = 0; i < r.size(); ++i) ok += r[i].state == real.labels[i];
    a.test_classes = r.empty() ? 0 : double(ok) / double(r.size());
    const auto n = c.classify(non_class);
    ok = 0;
    for (const auto& x : n) ok += x.state == c.num_classes();
    a.test_non_class = n.empty() ? 0 : double(ok) / double(n.size());
    return a;
}

namespace {

// Fills mini-batch b (size B) from the shuffled order: indices below the training count are training images with
// their labels, the rest non-class images labelled C.
void fill_batch(const std::vector<std::uint32_t>& order, int b, int B, const Dataset& train, const Matrix& non_train, int C,
                Matrix& xb, std::vector<int>& yb) {
    const int ntrain = train.size();
    for (int i = 0; i < B; ++i) {
        const int idx = static_cast<int>(order[static_cast<std::size_t>(b * B + i)]);
        if (idx < ntrain) {
            xb.row(i) = train.images.row(idx);
            yb[static_cast<std::size_t>(i)] = train.labels[static_cast<std::size_t>(idx)];
        } else {
            xb.row(i) = non_train.row(idx - ntrain);
            yb[static_cast<std::size_t>(i)] = C;
        }
    }
}

// Held-out evaluation: validation digits + non-class images from them; test digits + non-class from test.
ClassifierAccuracy held_out_accuracy(const StateClassifier& sc, const Dataset& valid, int val, const Dataset& test,
                                     std::uint64_t seed) {
    ClassifierAccuracy acc;
    if (val > 0) {
        const auto v = evaluate_classifier(sc, valid, make_non_class_images(valid, val, seed * 7919 + 2));
        acc.validation_classes = v.test_classes;
        acc.validation_non_class = v.test_non_class;
    }
    const auto t = evaluate_classifier(sc, test, make_non_class_images(test, test.size(), seed * 7919 + 3));
    acc.test_classes = t.test_classes;
    acc.test_non_class = t.test_non_class;
    return acc;
}

}  // namespace

StateClassifier train_state_classifier(const Dataset& train_all, const Dataset& test, const ClassifierTrainOptions& o,
                                       const std::function<void(const ClassifierEvent&)>& on_batch, TaskState* task,
                                       ClassifierAccuracy* accuracy) {
    const int C = train_all.num_classes();
    CnnShape shape = o.shape;
    shape.outputs = C + 1;
    shape.side = train_all.image_rows;
    shape.validate();
    if (train_all.image_rows != train_all.image_cols) throw ArgumentError("the classifier needs square images");
    const int val = std::clamp(o.validation, 0, train_all.size() / 2);
    const int ntrain = train_all.size() - val;
    // Split: the first ntrain images train, the last `val` validate.
    Dataset train = train_all, valid = train_all;
    train.images = train_all.images.topRows(ntrain);
    train.labels.assign(train_all.labels.begin(), train_all.labels.begin() + ntrain);
    valid.images = train_all.images.bottomRows(val);
    valid.labels.assign(train_all.labels.begin() + ntrain, train_all.labels.end());
    const int nnon = o.non_class < 0 ? ntrain : o.non_class;
    const Matrix non_train = make_non_class_images(train, nnon, o.seed * 7919 + 1);

    const int total = ntrain + nnon;
    Cnn net(shape, CnnParams::init(shape, o.seed));
    Adam adam(shape, o.learning_rate);
    CnnParams grad = CnnParams::zeros(shape);
    CnnWorkspace ws;
    std::vector<std::uint32_t> order(static_cast<std::size_t>(total));
    const int B = std::max(1, o.batch_size);
    const int batches = total / B;
    Matrix xb(B, train.images.cols());
    std::vector<int> yb(static_cast<std::size_t>(B));
    nlohmann::json losses = nlohmann::json::array();
    const auto t0 = std::chrono::steady_clock::now();
    for (int e = 0; e < o.epochs; ++e) {
        if (e >= (2 * o.epochs + 2) / 3) adam.set_learning_rate(o.learning_rate * 0.3f);
        std::iota(order.begin(), order.end(), 0u);
        CounterRng rng(o.seed, 1000 + std::uint64_t(e));
        shuffle_indices(order.data(), order.size(), rng);
        double sum = 0;
        for (int b = 0; b < batches; ++b) {
            if (task) task->throw_if_cancelled();
            fill_batch(order, b, B, train, non_train, C, xb, yb);
            const float loss = net.loss_and_gradient(xb, yb, grad, ws);
            adam.update(net.params(), grad);
            sum += loss;
            const double frac = (double(e) * batches + b + 1) / (double(o.epochs) * batches);
            if (task) task->fraction.store(frac);
            if (on_batch) on_batch({e, o.epochs, b, batches, loss, frac});
        }
        losses.push_back(sum / std::max(batches, 1));
    }
    StateClassifier sc(std::move(net), train_all.class_names, train_all.name);
    // Held-out evaluation: validation digits + non-class images from them; test digits + non-class from test.
    const ClassifierAccuracy acc = held_out_accuracy(sc, valid, val, test, o.seed);
    sc.report = {{"epochs", o.epochs},
                 {"batch_size", B},
                 {"learning_rate", o.learning_rate},
                 {"seed", o.seed},
                 {"train_images", ntrain},
                 {"non_class_images", nnon},
                 {"epoch_loss", losses},
                 {"validation_accuracy_classes", acc.validation_classes},
                 {"validation_accuracy_non_class", acc.validation_non_class},
                 {"test_accuracy_classes", acc.test_classes},
                 {"test_accuracy_non_class", acc.test_non_class},
                 {"wall_seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()}};
    if (accuracy) *accuracy = acc;
    return sc;
}

namespace {
const char* kArrayNames[8] = {"conv1_w", "conv1_b", "conv2_w", "conv2_b", "dense1_w", "dense1_b", "dense2_w", "dense2_b"};
}

void save_classifier(const StateClassifier& c, const std::string& path) {
    TensorFile f;
    const CnnShape& s = c.network().shape();
    f.header = {{"kind", "classifier"},
                {"dataset", c.dataset()},
                {"class_names", c.class_names()},
                {"shape", {{"side", s.side}, {"kernel", s.kernel}, {"conv1", s.conv1}, {"conv2", s.conv2}, {"hidden", s.hidden}, {"outputs", s.outputs}}},
                {"report", c.report}};
    const auto arrays = c.network().params().arrays();
    for (std::size_t i = 0; i < arrays.size(); ++i) f.add(kArrayNames[i], *arrays[i]);
    write_tensor_file(path, f);
}

namespace {
StateClassifier from_tensor_file(const TensorFile& f, const std::string& name) {
    auto bad = [&](const std::string& why) { return FileFormatError(name + ": " + why); };
    try {
        const auto& h = f.header;
        if (!h.contains("shape") || !h["shape"].is_object()) throw bad("header lacks 'shape'");
        CnnShape s;
        const auto& js = h["shape"];
        for (auto [key, field] : {std::pair{"side", &s.side}, {"kernel", &s.kernel}, {"conv1", &s.conv1}, {"conv2", &s.conv2},
                                  {"hidden", &s.hidden}, {"outputs", &s.outputs}}) {
            if (!js.contains(key) || !js[key].is_number_integer()) throw bad(std::string("shape lacks '") + key + "'");
            const auto v = js[key].get<long long>();
            if (v < 1 || v > 100000) throw bad(std::string("shape field '") + key + "' is out of range");
            *field = static_cast<int>(v);
        }
        try {
            s.validate();
        } catch (const ArgumentError&) {
            throw bad("the network shape is inconsistent");
        }
        if (!h.contains("class_names") || !h["class_names"].is_array()) throw bad("header lacks 'class_names'");
        std::vector<std::string> names;
        for (const auto& n : h["class_names"]) {
            if (!n.is_string()) throw bad("class names must be strings");
            names.push_back(n.get<std::string>());
        }
        if (static_cast<int>(names.size()) + 1 != s.outputs) throw bad("the class count does not match the outputs");
        CnnParams p = CnnParams::zeros(s);
        auto arrays = p.arrays();
        for (std::size_t i = 0; i < arrays.size(); ++i) {
            const Matrix* a = f.find(kArrayNames[i]);
            if (!a) throw bad(std::string("array '") + kArrayNames[i] + "' is missing");
            if (a->rows() != arrays[i]->rows() || a->cols() != arrays[i]->cols())
                throw bad(std::string("array '") + kArrayNames[i] + "' has the wrong shape for the network");
            *arrays[i] = *a;
        }
        if (f.arrays.size() != arrays.size()) throw bad("the file holds unexpected arrays");
        StateClassifier c(Cnn(s, std::move(p)), std::move(names), h.value("dataset", std::string()));
        if (h.contains("report") && h["report"].is_object()) c.report = h["report"];
        return c;
    } catch (const nlohmann::json::exception&) {
        throw bad("a header field has the wrong type");
    }
}
}  // namespace

StateClassifier load_classifier(const std::string& path) {
    return from_tensor_file(read_tensor_file(path, "classifier"), path);
}

StateClassifier parse_classifier(const unsigned char* data, std::size_t size, const std::string& name) {
    return from_tensor_file(decode_tensor_file(data, size, name, "classifier"), name);
}

}  // namespace topdown
