// The attractor sections of a study (docs/METHODS.md §16.6) on hand-built results: the tables, figures and
// report sections exist, the census fractions per condition are the hand-computed ones, and the words
// memorised / novel / spurious appear in the report.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "experiment/study_attractors.hpp"
#include "test_support.hpp"

using namespace topdown;

namespace {
std::string slurp(const std::string& p) {
    std::ifstream f(p);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}
}  // namespace

TEST(StudyAttractors, SectionsTablesAndHandComputedCensusFractions) {
    Dbn model = Dbn::with_architecture({4, 3});
    model.class_names = {"a", "b"};
    ConditionResult r;
    r.condition = {"label-0", bias_spec(BiasMethod::Label, 0, 0, 1), "LB a"};
    r.chains = 2;
    r.steps = 4;
    r.states = {0, 0, 1, 1, /* chain 1 */ 2, 2, 2, 0};
    r.top_activity = Matrix::Constant(2, 4, 0.25f);
    // Chain 0: run of 0 (2 steps) memorised, run of 1 (2 steps) novel; chain 1: non-class 3 steps spurious, 0 memorised.
    const std::vector<CensusVerdict> v{CensusVerdict::Memorised, CensusVerdict::Novel, CensusVerdict::Spurious, CensusVerdict::Memorised};
    const auto runs = ensemble_runs({r.chain_states(0), r.chain_states(1)});
    ASSERT_EQ(runs.size(), 4u);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        RunCensus c;
        c.run = runs[i];
        c.verdict = v[i];
        c.visible_distance = 1.0 + double(i);
        r.census.push_back(c);
    }
    const auto s = summarize_attractors({&r}, 2, "label-0", 10, 1);
    // Memorised: chain 0 2/4, chain 1 1/4 -> mean 0.375; novel 0.5 and 0 -> 0.25; spurious 0 and 0.75 -> 0.375.
    EXPECT_DOUBLE_EQ(s.verdict[0].mean, 0.375);
    EXPECT_DOUBLE_EQ(s.verdict[0].sem, 0.125);  // sd of {0.5, 0.25} = 0.1768, / sqrt 2
    EXPECT_DOUBLE_EQ(s.verdict[1].mean, 0.25);
    EXPECT_DOUBLE_EQ(s.verdict[2].mean, 0.375);
    EXPECT_DOUBLE_EQ(s.visible_distance.mean, 2.5);
    EXPECT_EQ(s.censored, 0);
    EXPECT_DOUBLE_EQ(s.first_passage.mean, 2.5);  // chain 0: 0 0 1 1 -> 2 steps; chain 1: 2 2 2 0 -> 3 steps
    test::TempDir dir;
    const std::string md = write_study_attractors(dir.path.string(), {r}, model, {"a", "b", "non-class"}, 1);
    for (const char* w : {"## Attractor census", "memorised", "novel", "spurious", "## Dwell times",
                          "## Detailed balance and entropy production", "## Autocorrelation and effective sample size"})
        EXPECT_NE(md.find(w), std::string::npos) << w;
    for (const char* f : {"census.csv", "census_runs.csv", "dwell.csv", "nonequilibrium.csv", "mixing.csv", "census_verdicts.png", "dwell_times.png",
                          "entropy_production.png", "mixing_iat.png", "mixing_iat.csv"})
        EXPECT_TRUE(std::filesystem::exists(dir.file(f))) << f;
    EXPECT_NE(slurp(dir.file("census.csv")).find("label-0,label,2,4,0.375,0.125,0.25,"), std::string::npos);
    EXPECT_NE(slurp(dir.file("census_runs.csv")).find("label-0,1,2,1,3,"), std::string::npos);  // chain 1's non-class run
    // The figures follow the study's --format: SVG and PDF only, no PNG.
    test::TempDir vector_dir;
    FigureOptions vector_only;
    vector_only.formats = figure::parse_formats("svg,pdf");
    (void)write_study_attractors(vector_dir.path.string(), {r}, model, {"a", "b", "non-class"}, 1, vector_only);
    for (const char* base : {"census_verdicts", "dwell_times", "entropy_production", "mixing_iat"}) {
        EXPECT_TRUE(std::filesystem::exists(vector_dir.file(std::string(base) + ".svg"))) << base;
        EXPECT_TRUE(std::filesystem::exists(vector_dir.file(std::string(base) + ".pdf"))) << base;
        EXPECT_FALSE(std::filesystem::exists(vector_dir.file(std::string(base) + ".png"))) << base;
        EXPECT_NE(slurp(vector_dir.file(std::string(base) + ".svg")).find("<svg"), std::string::npos) << base;
    }
}
