// The shipped files in assets/models: checksums against the model card and properties that a damaged or
// mismatched file would fail.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "classify/state_classifier.hpp"
#include "generate/generation_run.hpp"
#include "model/model_file.hpp"
#include "test_support.hpp"
#include "train/readout.hpp"
#include "util/checksum.hpp"

using namespace topdown;

namespace {
const std::string kDir = std::string(TOPDOWN_SOURCE_DIR) + "/assets/models/";

// file name -> sha256 from the model card.
std::map<std::string, std::string> card_checksums() {
    std::ifstream in(kDir + "README.md");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    std::map<std::string, std::string> out;
    const std::regex row(R"(\| `([a-z_]+\.(tdm|tdc))` \|.*`([0-9a-f]{64})` \|)");
    for (std::sregex_iterator it(text.begin(), text.end(), row), end; it != end; ++it) out[(*it)[1]] = (*it)[3];
    return out;
}
}  // namespace

TEST(ShippedModels, ChecksumsMatchTheModelCard) {
    const auto sums = card_checksums();
    ASSERT_GE(sums.size(), 2u) << "model card lists no files";
    for (const auto& [file, sha] : sums) EXPECT_EQ(sha256_file(kDir + file), sha) << file;
}

namespace {
// What a shipped generative model must show: its header, a read-out on a test slice above `readout_bound`
// (a damaged weight matrix collapses it), its dataset's classifier above `classifier_bound` on the same
// slice, and label biasing of each class classified as that class at step 1 for at least `classes_ok_min`
// of the classes.
void check_generative_model(const std::string& file, const std::string& arch, const std::string& dataset,
                            double readout_bound, double classifier_bound, int classes_ok_min) {
    SCOPED_TRACE(file);
    ASSERT_TRUE(card_checksums().count(file)) << file << " is not on the model card";
    auto m = std::make_shared<Dbn>(load_model(kDir + file));
    EXPECT_EQ(m->architecture_text(), arch);
    EXPECT_EQ(m->dataset, dataset);
    EXPECT_GT(m->k, 0);
    EXPECT_FALSE(m->pca.empty());
    ASSERT_EQ(m->label_biasing.rows(), 10);
    const StateClassifier clf = load_classifier(kDir + "classifier_" + dataset + ".tdc");
    const Dataset train = test::real_slice(dataset, Split::Train, 5000);
    const Dataset test_set = test::real_slice(dataset, Split::Test, 2000);
    const Readout ro = fit_ridge_readout(m->propagate_up(train.images), train.labels, 10);
    EXPECT_GT(ro.accuracy(m->propagate_up(test_set.images), test_set.labels), readout_bound);
    const auto c = clf.classify(test_set.images);
    int ok = 0;
    for (std::size_t i = 0; i < c.size(); ++i) ok += c[i].state == test_set.labels[i];
    EXPECT_GT(double(ok) / double(c.size()), classifier_bound);
    const auto g = prepare_generation_model(m);
    int classes_ok = 0;
    for (int k = 0; k < 10; ++k) {
        GenerationRequest r;
        r.bias = bias_spec(BiasMethod::Label, k, k, 0);
        r.chains = 20;
        r.steps = 1;
        int hits = 0;
        run_generation(g, r, [&](const ChainBatch& b) {
            for (const auto& v : clf.classify(b.state(0))) hits += v.state == k;
        });
        classes_ok += hits > 10;
    }
    EXPECT_GE(classes_ok, classes_ok_min);
}
}  // namespace

TEST(ShippedModels, IdbnReadsOutAndLabelBiasingDrawsTheClasses) {
    check_generative_model("idbn_mnist.tdm", "784-500-500-1000", "mnist", 0.90, 0.98, 8);
}

TEST(ShippedModels, RbmReadsOutAndLabelBiasingDrawsTheClasses) {
    check_generative_model("rbm_mnist.tdm", "784-1000", "mnist", 0.90, 0.98, 8);
}

TEST(ShippedModels, FashionIdbnReadsOutAndLabelBiasingDrawsTheClasses) {
    check_generative_model("idbn_fashion.tdm", "784-500-500-1000", "fashion", 0.75, 0.85, 6);
}
