// Merging study shards (.tds): shards that do not fit together, or do not fit the model named on the command
// line, are rejected with a typed error before anything is combined or written (before the checks, a shard with
// other array widths made write_study_outputs read past the end of its arrays: a heap overflow under ASan).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "corpus/hostile_corpus.hpp"
#include "experiment/study_file.hpp"
#include "fuzz/study_check.hpp"
#include "experiment/study_merge.hpp"
#include "experiment/study_report.hpp"
#include "math/random.hpp"
#include "model/model_file.hpp"
#include "model/tensor_file.hpp"
#include "test_support.hpp"
#include "train/trainer.hpp"
#include "util/checksum.hpp"
#include "util/errors.hpp"

using namespace topdown;

namespace {

constexpr int kChains = 3, kSteps = 4;

// A small model (16-8-6, 3 classes): 2 layers, 14 hidden units, a 4x4 visible layer.
Dbn small_model() {
    Dbn m = init_dbn({16, 8, 6}, 0.1f, 5);
    m.class_names = {"a", "b", "c"};
    m.dataset = "mnist";
    CounterRng rng(11, 0);
    m.label_biasing = Matrix(3, 6);
    rng.uniform(m.label_biasing.data(), 18);
    m.k = 2;
    m.readout_accuracy = 0.5;
    m.training = {{"seed", 5}};
    m.created = "2026-01-01T00:00:00Z";
    return m;
}

struct Shape {
    int layers = 2, hidden = 14, visible = 16, classes = 3;
};

// A result of the right form for `c` with seeded contents (no classifier needed).
ConditionResult fake_result(const Condition& c, const Shape& s, std::uint64_t seed) {
    CounterRng rng(seed, 0);
    ConditionResult r;
    r.condition = c;
    r.chains = kChains;
    r.steps = kSteps;
    r.initial_active = 2;
    for (int i = 0; i < kChains * kSteps; ++i) r.states.push_back(int(rng.below(std::uint64_t(s.classes + 1))));
    auto fill = [&](int rows, int cols) {
        Matrix m(rows, cols);
        rng.uniform(m.data(), std::size_t(m.size()));
        return m;
    };
    r.energy_mean = fill(kSteps, s.layers);
    r.energy_sem = fill(kSteps, s.layers);
    r.active_mean = fill(kSteps, s.layers);
    r.hidden_mean = fill(kSteps, s.hidden);
    r.entropy_mean = fill(1, kSteps);
    r.filmstrip = fill(std::min(3, kChains) * int(study_filmstrip_steps(kSteps).size()), s.visible);
    return r;
}

struct Fixture {
    test::TempDir dir;
    Dbn model = small_model();
    std::string model_path, sha;
    std::vector<Condition> conds;
    Fixture() {
        model_path = dir.file("m.tdm");
        save_model(model, model_path);
        sha = sha256_file(model_path);
        conds = study_conditions(model, "label", 0);
    }
    nlohmann::json meta(int shard, int shards) const {
        return {{"study", "label"}, {"chains", kChains}, {"steps", kSteps}, {"seed", 1}, {"k", 0},
                {"model", model_path}, {"model_sha256", sha}, {"classifier", "c.tdc"}, {"classifier_sha256", "x"},
                {"conditions_total", conds.size()}, {"shard", shard}, {"shards", shards}};
    }
    // Writes shard i of n of the label study (conditions i, i + n, ...), with `shape` and `meta`.
    std::string shard(int i, int n, const Shape& shape, const nlohmann::json& m) const {
        std::vector<ConditionResult> rs;
        for (std::size_t c = std::size_t(i); c < conds.size(); c += std::size_t(n)) rs.push_back(fake_result(conds[c], shape, 100 + c));
        const std::string p = dir.file("shard-" + std::to_string(i) + "-" + std::to_string(shape.hidden) + "-" +
                                       std::to_string(shape.layers) + "-" + std::to_string(shape.visible) + ".tds");
        save_study_results(p, rs, m);
        return p;
    }
    std::string shard(int i, int n, const Shape& shape = {}) const { return shard(i, n, shape, meta(i, n)); }
};

// Merges and writes every output; expects a typed topdown::Error whose message contains `needle` (and never
// an untyped exception, an abort or a read past an array).
void expect_merge_error(const Fixture& f, const std::vector<std::string>& shards, const std::string& needle) {
    try {
        const MergedStudy m = merge_study_shards(shards, f.model, f.sha);
        write_study_outputs(f.dir.file("out"), m.results, f.model, m.meta);
        ADD_FAILURE() << "merged shards that do not fit together (expected an error containing '" << needle << "')";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
}

// Rewrites one array of a saved shard (keeping the file otherwise valid).
void replace_array(const std::string& path, const std::string& name, const Matrix& m) {
    TensorFile t = read_tensor_file(path, "study-results");
    for (auto& [n, a] : t.arrays)
        if (n == name) a = m;
    write_tensor_file(path, t);
}

}  // namespace

TEST(StudyMerge, ShardsOfOneStudyMergeInStudyOrder) {
    Fixture f;
    const MergedStudy m = merge_study_shards({f.shard(1, 2), f.shard(0, 2)}, f.model, f.sha);
    ASSERT_EQ(m.results.size(), 3u);
    for (std::size_t c = 0; c < 3; ++c) {
        EXPECT_EQ(m.results[c].condition.id, "label-" + std::to_string(c));
        EXPECT_EQ(m.results[c].states, fake_result(f.conds[c], {}, 100 + c).states);
    }
    EXPECT_FALSE(m.meta.contains("shard"));
    EXPECT_FALSE(m.meta.contains("shards"));
    EXPECT_EQ(m.meta["model_sha256"], f.sha);
    const auto j = write_study_outputs(f.dir.file("out"), m.results, f.model, m.meta);
    EXPECT_EQ(j["conditions"].size(), 3u);
}

// The heap overflow: shard 1 has 6 hidden columns where the model (and shard 0) has 14. Every array of it is
// consistent within the file, so only a check against the model and the other shard catches it.
TEST(StudyMerge, ShardWithOtherHiddenWidthIsRejected) {
    Fixture f;
    Shape narrow;
    narrow.hidden = 6;
    expect_merge_error(f, {f.shard(0, 2), f.shard(1, 2, narrow)}, "hidden");
}

TEST(StudyMerge, ShardWithOtherLayerCountIsRejected) {
    Fixture f;
    Shape one_layer;
    one_layer.layers = 1;
    expect_merge_error(f, {f.shard(0, 2), f.shard(1, 2, one_layer)}, "layer");
    // Both shards alike, but not like the model.
    expect_merge_error(f, {f.shard(0, 2, one_layer), f.shard(1, 2, one_layer)}, "layer");
}

TEST(StudyMerge, ShardWithOtherVisibleSizeIsRejected) {
    Fixture f;
    Shape small;
    small.visible = 9;
    expect_merge_error(f, {f.shard(0, 2), f.shard(1, 2, small)}, "visible");
}

TEST(StudyMerge, ArraysThatDisagreeInsideOneShardAreRejectedOnLoad) {
    Fixture f;
    const std::string good = f.shard(0, 2);
    struct Case {
        const char* array;
        int rows, cols;
        const char* needle;
    } cases[] = {{"0_energy_sem", kSteps, 1, "energy_sem"},  {"0_active_mean", kSteps, 1, "active_mean"},
                 {"0_energy_mean", kSteps, 3, "energy_mean"}, {"0_hidden_mean", kSteps - 1, 14, "hidden_mean"},
                 {"0_entropy_mean", 1, kSteps - 1, "entropy_mean"}, {"0_filmstrip", 50, 16, "filmstrip"},
                 {"1_hidden_mean", kSteps, 13, "hidden_mean"},  {"1_filmstrip", 3, 15, "filmstrip"}};
    for (const auto& c : cases) {
        SCOPED_TRACE(c.array);
        const std::string p = f.dir.file("bad.tds");
        std::filesystem::copy_file(good, p, std::filesystem::copy_options::overwrite_existing);
        replace_array(p, c.array, Matrix::Zero(c.rows, c.cols));
        try {
            load_study_results(p);
            ADD_FAILURE() << "loaded a shard whose '" << c.array << "' is " << c.rows << "x" << c.cols;
        } catch (const FileFormatError& e) {
            EXPECT_NE(std::string(e.what()).find(c.needle), std::string::npos) << e.what();
            EXPECT_NE(std::string(e.what()).find(p), std::string::npos) << "the message names the file: " << e.what();
        }
    }
    // An array no condition owns.
    const std::string p = f.dir.file("extra.tds");
    TensorFile t = read_tensor_file(good, "study-results");
    t.add("7_states", Matrix::Zero(1, 1));
    write_tensor_file(p, t);
    EXPECT_THROW(load_study_results(p), FileFormatError);
}

TEST(StudyMerge, ConditionsThatDisagreeWithTheHeaderAreRejectedOnLoad) {
    Fixture f;
    nlohmann::json m = f.meta(0, 2);
    m["steps"] = kSteps + 1;  // the arrays have kSteps rows
    try {
        load_study_results(f.shard(0, 2, {}, m));
        ADD_FAILURE() << "loaded a shard whose conditions do not have the header's step count";
    } catch (const FileFormatError& e) {
        EXPECT_NE(std::string(e.what()).find("steps"), std::string::npos) << e.what();
    }
    // Field types: a string where a number belongs, a number too large for an int.
    for (const char* key : {"class_a", "k", "chains"}) {
        TensorFile t = read_tensor_file(f.shard(0, 2), "study-results");
        t.header["conditions"][0][key] = key == std::string("k") ? nlohmann::json(1e30) : nlohmann::json("two");
        const std::string p = f.dir.file(std::string("type-") + key + ".tds");
        write_tensor_file(p, t);
        EXPECT_THROW(load_study_results(p), FileFormatError) << key;
    }
}

TEST(StudyMerge, ModelShaMustMatchTheModelGiven) {
    Fixture f;
    // Shards run on another model file (same shapes): their recorded SHA-256 differs from the model's.
    nlohmann::json m0 = f.meta(0, 2), m1 = f.meta(1, 2);
    m0["model_sha256"] = m1["model_sha256"] = std::string(64, 'a');
    expect_merge_error(f, {f.shard(0, 2, {}, m0), f.shard(1, 2, {}, m1)}, "SHA-256");
    // Shards that disagree with each other.
    expect_merge_error(f, {f.shard(0, 2), f.shard(1, 2, {}, m1)}, "SHA-256");
    // A shard without any model SHA-256 cannot be checked.
    m0.erase("model_sha256");
    expect_merge_error(f, {f.shard(0, 2, {}, m0), f.shard(1, 2)}, "SHA-256");
}

TEST(StudyMerge, StatesAndClassesOutsideTheModelAreRejected) {
    Fixture f;
    const std::string s1 = f.shard(1, 2);
    // State 7 in a 3-class model (states are 0..3, 3 = non-class): would index past the histogram.
    Matrix st(kChains, kSteps);
    st.setZero();
    st(1, 2) = 7;
    replace_array(s1, "0_states", st);
    expect_merge_error(f, {f.shard(0, 2), s1}, "state");
    // A condition whose class differs from the study's condition of the same id.
    TensorFile t = read_tensor_file(f.shard(1, 2), "study-results");
    t.header["conditions"][0]["class_a"] = 2;  // label-1 biased to class 2
    const std::string p = f.dir.file("moved.tds");
    write_tensor_file(p, t);
    expect_merge_error(f, {f.shard(0, 2), p}, "label-1");
}

TEST(StudyMerge, DuplicateMissingAndForeignShardsAreRejected) {
    Fixture f;
    expect_merge_error(f, {f.shard(0, 2), f.shard(0, 2)}, "twice");
    expect_merge_error(f, {f.shard(0, 2)}, "expected 2 shards");
    // Shard 0 of 3 and shard 1 of 2 belong to different splits.
    expect_merge_error(f, {f.shard(0, 3, {}, f.meta(0, 3)), f.shard(1, 2)}, "shards");
    // A header field of the wrong type is a file format error, not an untyped JSON exception.
    nlohmann::json m = f.meta(1, 2);
    m["shard"] = "one";
    expect_merge_error(f, {f.shard(0, 2), f.shard(1, 2, {}, m)}, "shard");
}

// Inputs kept from fuzzing the study reader (tests/fuzz/regressions/study/) load or give a typed error, and
// whatever loads survives the same checks and summaries as the fuzz target (replayed under ASan + UBSan).
TEST(StudyFileFuzzRegressions, StudyInputs) {
    const auto dir = std::filesystem::path(TOPDOWN_SOURCE_DIR) / "tests" / "fuzz" / "regressions" / "study";
    int n = 0, accepted = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        std::ifstream in(e.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        ++n;
        try {
            fuzz::check_study_bytes(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
            ++accepted;
        } catch (const Error&) {
        } catch (const std::exception& ex) {
            ADD_FAILURE() << e.path().filename().string() << ": untyped exception: " << ex.what();
        }
    }
    EXPECT_GT(n, 0);
    // The seed files are valid shards of the fuzz model: the fuzzer starts past the reader, in the checks.
    EXPECT_GE(accepted, 5);
}

// The hostile study corpus (tests/corpus/hostile_corpus.cpp): each broken .tds file gives a FileFormatError
// with its expected text; the good file it is derived from loads and passes the merge checks.
TEST(HostileStudyCorpus, EachCaseGivesItsTypedError) {
    const std::string good = corpus::good_study_bytes();
    const auto* g = reinterpret_cast<const unsigned char*>(good.data());
    EXPECT_EQ(parse_study_results(g, good.size(), "good").size(), 2u);
    EXPECT_NO_THROW(fuzz::check_study_bytes(g, good.size()));
    const auto cases = corpus::study_corpus();
    EXPECT_GE(cases.size(), 25u);
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        try {
            (void)parse_study_results(reinterpret_cast<const unsigned char*>(c.bytes.data()), c.bytes.size(), "case");
            ADD_FAILURE() << c.name << " was accepted";
        } catch (const FileFormatError& e) {
            EXPECT_NE(std::string(e.what()).find(c.expected), std::string::npos) << e.what();
        }
    }
}
