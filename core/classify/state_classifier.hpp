// The state classifier (docs/METHODS.md §7): C classes plus the non-class state, with probability and entropy.
#pragma once
#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

#include "classify/cnn.hpp"
#include "data/dataset.hpp"
#include "util/task.hpp"

namespace topdown {

struct Classification {
    int state = 0;            // 0..C-1 a class, C the non-class state
    float probability = 0;    // softmax probability of that state
    float entropy = 0;        // softmax entropy in nats
};

class StateClassifier {
public:
    StateClassifier() = default;
    StateClassifier(Cnn net, std::vector<std::string> class_names, std::string dataset);

    // Classifies every row of `images` (N x side²), in chunks so memory stays bounded.
    std::vector<Classification> classify(const Matrix& images, int threads = 0) const;
    // Softmax probabilities, N x (C + 1), on `threads` threads (0: all cores; 1: the calling thread only).
    Matrix probabilities(const Matrix& images, int threads = 0) const;
    // Number of real classes C (the non-class state is C).
    int num_classes() const { return static_cast<int>(class_names_.size()); }
    // Name of a state ("non-class" for C).
    std::string state_name(int state) const;
    const std::vector<std::string>& class_names() const { return class_names_; }
    const std::string& dataset() const { return dataset_; }
    const Cnn& network() const { return net_; }
    // Free-form training report stored in the file header.
    nlohmann::json report = nlohmann::json::object();

private:
    Cnn net_;
    std::vector<std::string> class_names_;
    std::string dataset_;
};

struct ClassifierTrainOptions {
    CnnShape shape;
    int epochs = 6;
    int batch_size = 64;
    float learning_rate = 1e-3f;   // Adam; times 0.3 for the last third of the epochs
    std::uint64_t seed = 1;
    int validation = 6000;         // held-out training images (docs/METHODS.md §7.3: 54,000 / 6,000)
    int non_class = -1;            // non-class training images; -1: as many as real training images
};

struct ClassifierEvent {
    int epoch = 0, epochs = 0, batch = 0, batches = 0;
    float loss = 0;
    double fraction_done = 0;
};

struct ClassifierAccuracy {
    double test_classes = 0, test_non_class = 0, validation_classes = 0, validation_non_class = 0;
};

// Trains on `train` plus generated non-class images, validates, and scores on `test`.
StateClassifier train_state_classifier(const Dataset& train, const Dataset& test, const ClassifierTrainOptions& options,
                                       const std::function<void(const ClassifierEvent&)>& on_batch = {},
                                       TaskState* task = nullptr, ClassifierAccuracy* accuracy = nullptr);

// Accuracy on real images (target = label) and on non-class images (target = C).
ClassifierAccuracy evaluate_classifier(const StateClassifier& c, const Dataset& real, const Matrix& non_class);

// Files (.tdc) in the shared TensorFile container, kind "classifier".
void save_classifier(const StateClassifier& c, const std::string& path);
StateClassifier load_classifier(const std::string& path);
StateClassifier parse_classifier(const unsigned char* data, std::size_t size, const std::string& name);

}  // namespace topdown
