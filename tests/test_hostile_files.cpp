// Hostile files beyond the model corpus: classifier files, study files, atomic saves under SIGKILL.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>

#include "classify/state_classifier.hpp"
#include "experiment/study_file.hpp"
#include "model/model_file.hpp"
#include "model/tensor_file.hpp"
#include "test_support.hpp"
#include "train/trainer.hpp"
#include "util/atomic_file.hpp"
#include "util/errors.hpp"

using namespace topdown;

namespace {
StateClassifier tiny_classifier() {
    CnnShape s;
    s.conv1 = 2;
    s.conv2 = 3;
    s.hidden = 4;
    return StateClassifier(Cnn(s, CnnParams::init(s, 1)), dataset_class_names("mnist"), "mnist");
}
void expect_classifier_error(const TensorFile& f, const std::string& needle) {
    const std::string b = encode_tensor_file(f);
    try {
        parse_classifier(reinterpret_cast<const unsigned char*>(b.data()), b.size(), "case");
        FAIL() << "expected FileFormatError containing '" << needle << "'";
    } catch (const FileFormatError& e) {
        EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
}
TensorFile classifier_file() {
    test::TempDir d;
    save_classifier(tiny_classifier(), d.file("c.tdc"));
    return read_tensor_file(d.file("c.tdc"), "classifier");
}
}  // namespace

TEST(HostileClassifierFiles, EachCaseGivesItsTypedError) {
    const TensorFile good = classifier_file();
    {
        const std::string b = encode_tensor_file(good);
        EXPECT_NO_THROW(parse_classifier(reinterpret_cast<const unsigned char*>(b.data()), b.size(), "good"));
    }
    TensorFile f = good;
    f.header.erase("shape");
    expect_classifier_error(f, "lacks 'shape'");
    f = good;
    f.header["shape"]["conv1"] = 100000000;
    expect_classifier_error(f, "out of range");
    f = good;
    f.header["shape"]["kernel"] = 9;
    f.header["shape"]["side"] = 12;
    expect_classifier_error(f, "inconsistent");
    f = good;
    f.header["class_names"].erase(0);
    expect_classifier_error(f, "class count does not match");
    f = good;
    f.header["class_names"][0] = 3;
    expect_classifier_error(f, "must be strings");
    f = good;
    f.arrays.erase(f.arrays.begin());
    expect_classifier_error(f, "'conv1_w' is missing");
    f = good;
    f.arrays[2].second = Matrix::Zero(3, 3);
    expect_classifier_error(f, "wrong shape");
    f = good;
    f.arrays.emplace_back("extra", Matrix::Zero(1, 1));
    expect_classifier_error(f, "unexpected arrays");
    f = good;
    f.header["shape"] = "small";
    expect_classifier_error(f, "lacks 'shape'");
    // A model file is not a classifier file.
    test::TempDir d;
    save_model(init_dbn({4, 3}, 0.1f, 1), d.file("m.tdm"));
    try {
        load_classifier(d.file("m.tdm"));
        FAIL();
    } catch (const FileFormatError& e) {
        EXPECT_NE(std::string(e.what()).find("expected a 'classifier' file"), std::string::npos);
    }
}

TEST(HostileStudyFiles, BadHeadersAndStatesAreRejected) {
    test::TempDir d;
    TensorFile f;
    f.header = {{"kind", "study-results"}, {"conditions", {{{"id", "x"}}}}};
    write_tensor_file(d.file("a.tds"), f);
    EXPECT_THROW(load_study_results(d.file("a.tds")), FileFormatError);
    ConditionResult r;
    r.condition.id = "label-0";
    r.condition.title = "LB 0";
    r.chains = 2;
    r.steps = 2;
    r.states = {0, 1, 2, 3};
    r.energy_mean = r.energy_sem = r.active_mean = Matrix::Zero(2, 1);
    r.hidden_mean = Matrix::Zero(2, 3);
    r.entropy_mean = Matrix::Zero(1, 2);
    r.filmstrip = Matrix::Zero(1, 4);
    save_study_results(d.file("b.tds"), {r}, {});
    EXPECT_EQ(load_study_results(d.file("b.tds"))[0].states, r.states);
    TensorFile g = read_tensor_file(d.file("b.tds"), "study-results");
    g.arrays[0].second(0, 0) = 2.5f;  // not a class index
    write_tensor_file(d.file("c.tds"), g);
    EXPECT_THROW(load_study_results(d.file("c.tds")), FileFormatError);
    g.arrays[0].second(0, 0) = 0;
    g.header["conditions"][0]["steps"] = 3;  // arrays no longer match
    write_tensor_file(d.file("e.tds"), g);
    EXPECT_THROW(load_study_results(d.file("e.tds")), FileFormatError);
}

// A writer killed mid-save (SIGKILL in a child process) never leaves a partial file: the target holds
// either the complete old content or the complete new content.
TEST(AtomicSave, KilledWriterLeavesOldFileIntact) {
    test::TempDir d;
    const std::string path = d.file("precious.bin");
    const std::string old_content(4096, 'A');
    write_file_atomic(path, old_content);
    const std::string new_content(64u << 20, 'B');
    for (int delay_us : {0, 2000, 10000, 30000, 60000}) {
        const pid_t pid = fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            for (;;) write_file_atomic(path, new_content);  // until killed
        }
        usleep(static_cast<useconds_t>(delay_us));
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        const auto got = read_file_bounded(path, 1u << 30);
        const std::string s(got.begin(), got.end());
        EXPECT_TRUE(s == old_content || s == new_content) << "partial file of " << s.size() << " bytes";
        write_file_atomic(path, old_content);
    }
}
