// identify_file_kind (behind `topdown-cli info`): every kind of TopDown file is told by its content - the
// container's magic and header "kind", or a session's "format" - whatever its file name says.
#include <gtest/gtest.h>

#include <fstream>

#include "classify/state_classifier.hpp"
#include "experiment/study_file.hpp"
#include "model/model_file.hpp"
#include "model/tensor_file.hpp"
#include "session/session_file.hpp"
#include "test_support.hpp"
#include "train/trainer.hpp"
#include "util/errors.hpp"
#include "util/file_kind.hpp"

using namespace topdown;

namespace {
FileKind kind_of(const std::string& bytes, std::string* why = nullptr) {
    return identify_file_kind(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), why);
}
using test::write_file;
}  // namespace

TEST(FileKind, EachKindIsToldByItsContentNotItsName) {
    test::TempDir d;
    // Every file gets a misleading extension.
    save_model(init_dbn({4, 3}, 0.1f, 1), d.file("model.json"));
    CnnShape s;
    s.conv1 = 2;
    s.conv2 = 2;
    s.hidden = 4;
    save_classifier(StateClassifier(Cnn(s, CnnParams::init(s, 1)), dataset_class_names("mnist"), "mnist"), d.file("clf.tdm"));
    save_study_results(d.file("study.tdc"), {}, {{"study", "label"}});
    SessionFile sf;
    sf.model_path = "m.tdm";
    write_file(d.file("session.tds"), session_to_json(sf));
    EXPECT_EQ(identify_file(d.file("model.json")), FileKind::Model);
    EXPECT_EQ(identify_file(d.file("clf.tdm")), FileKind::Classifier);
    EXPECT_EQ(identify_file(d.file("study.tdc")), FileKind::Study);
    EXPECT_EQ(identify_file(d.file("session.tds")), FileKind::Session);
    EXPECT_STREQ(file_kind_name(FileKind::Study), "study");
    EXPECT_STREQ(file_kind_extension(FileKind::Classifier), ".tdc");
    EXPECT_THROW(identify_file(d.file("missing.tdm")), IoError);
}

TEST(FileKind, AnythingElseIsUnknownWithAReason) {
    std::string why;
    EXPECT_EQ(kind_of("", &why), FileKind::Unknown);
    EXPECT_NE(why.find("not a TopDown file"), std::string::npos) << why;
    EXPECT_EQ(kind_of("PK\x03\x04 zip", &why), FileKind::Unknown);
    EXPECT_EQ(kind_of(" {\"format\": \"something-else\"}", &why), FileKind::Unknown);
    EXPECT_NE(why.find("not a TopDown session"), std::string::npos) << why;
    EXPECT_EQ(kind_of("{ broken json", &why), FileKind::Unknown);
    // A container of a kind this version does not know, one without a kind, one cut inside its header.
    TensorFile f;
    f.header = {{"kind", "replay-results"}};
    EXPECT_EQ(kind_of(encode_tensor_file(f), &why), FileKind::Unknown);
    EXPECT_NE(why.find("'replay-results'"), std::string::npos) << why;
    f.header = {{"version", 1}};
    EXPECT_EQ(kind_of(encode_tensor_file(f), &why), FileKind::Unknown);
    EXPECT_NE(why.find("does not say"), std::string::npos) << why;
    f.header = {{"kind", "model"}};
    const std::string b = encode_tensor_file(f);
    EXPECT_EQ(kind_of(b), FileKind::Model);
    EXPECT_EQ(kind_of(b.substr(0, 30), &why), FileKind::Unknown);
    EXPECT_NE(why.find("header length"), std::string::npos) << why;
    EXPECT_EQ(kind_of(b.substr(0, 10), &why), FileKind::Unknown);
}
