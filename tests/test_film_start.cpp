// Step 0 of a live chain (the mean-field image of H⁰, docs/METHODS.md §13) in the filmstrip and the visible
// panel, and filmstrips in the model's image shape (issue 15 item 3, issue 17 item 3).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "experiment/study.hpp"
#include "experiment/study_figures.hpp"
#include "experiment/study_report.hpp"
#include "generate/biasing.hpp"
#include "generate/chain.hpp"
#include "session/filmstrip_layout.hpp"
#include "session/model_info.hpp"
#include "session/simulation.hpp"
#include "session/start_frame.hpp"
#include "test_support.hpp"
#include "train/trainer.hpp"

using namespace topdown;

namespace {
std::shared_ptr<const FocusedFrame> frame(int step) {
    auto f = std::make_shared<FocusedFrame>();
    f->step = step;
    return f;
}
std::vector<int> steps_of(const std::vector<std::shared_ptr<const FocusedFrame>>& v) {
    std::vector<int> s;
    for (const auto& f : v) s.push_back(f->step);
    return s;
}

// A small random model with 3 classes and a label-biasing matrix (visible 144 = an image of `rows` x `cols`).
std::shared_ptr<const Dbn> tiny_model(int rows = 0, int cols = 0) {
    auto m = std::make_shared<Dbn>(init_dbn({144, 20, 16}, 0.3f, 11));
    for (auto& l : m->layers) {  // non-zero biases, so a wrong bias term shows
        l.a = test::seeded_uniform(1, l.n_lower(), 21, -0.5f, 0.5f);
        l.b = test::seeded_uniform(1, l.n_upper(), 22, -0.5f, 0.5f);
    }
    m->class_names = {"a", "b", "c"};
    m->dataset = "no-such-dataset";
    m->label_biasing = test::seeded_uniform(3, 16, 5);
    m->k = 6;
    m->image_rows = rows;
    m->image_cols = cols;
    return m;
}

// The mean-field top-down pass written out with plain loops in double: v = σ(σ(h W2ᵀ + a2) W1ᵀ + a1) / T.
std::vector<double> reference_pass(const Dbn& m, const Vector& top, double T) {
    std::vector<double> h(top.data(), top.data() + top.size());
    for (int l = m.depth(); l >= 1; --l) {
        const RbmLayer& layer = m.layers[static_cast<std::size_t>(l - 1)];
        std::vector<double> below(static_cast<std::size_t>(layer.n_lower()));
        for (int i = 0; i < layer.n_lower(); ++i) {
            double z = layer.a(i);
            for (int j = 0; j < layer.n_upper(); ++j) z += double(layer.W(i, j)) * h[static_cast<std::size_t>(j)];
            below[static_cast<std::size_t>(i)] = 1.0 / (1.0 + std::exp(-z / T));
        }
        h.swap(below);
    }
    return h;
}

// Width and height from a PNG's IHDR chunk.
std::pair<int, int> png_size(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    unsigned char b[24] = {};
    f.read(reinterpret_cast<char*>(b), 24);
    auto be = [&](int o) { return int(b[o]) << 24 | int(b[o + 1]) << 16 | int(b[o + 2]) << 8 | int(b[o + 3]); };
    return {be(16), be(20)};
}
}  // namespace

TEST(FilmStart, FilmstripListsTheStartBeforeStepOneWhileEverythingFits) {
    const auto start = frame(0);
    const std::vector<std::shared_ptr<const FocusedFrame>> from1 = {frame(1), frame(2), frame(3)};
    EXPECT_EQ(steps_of(filmstrip_frames(start, from1, 10)), (std::vector<int>{0, 1, 2, 3}));
    EXPECT_EQ(steps_of(filmstrip_frames(start, from1, 4)), (std::vector<int>{0, 1, 2, 3}));
    EXPECT_EQ(steps_of(filmstrip_frames(start, from1, 3)), (std::vector<int>{1, 2, 3}));  // the newest fit
    EXPECT_EQ(steps_of(filmstrip_frames(start, {}, 5)), (std::vector<int>{0}));          // at step 0
    EXPECT_EQ(steps_of(filmstrip_frames(nullptr, from1, 10)), (std::vector<int>{1, 2, 3}));
    // Step 1 no longer kept: the start would not be next to the oldest frame, so it is left out.
    EXPECT_EQ(steps_of(filmstrip_frames(start, {frame(5), frame(6)}, 10)), (std::vector<int>{5, 6}));
}

TEST(FilmStart, StartFrameIsTheMeanFieldTopDownPassOfTheStartState) {
    const auto m = tiny_model();
    for (const float T : {1.0f, 2.0f}) {
        const Vector top = m->label_biasing.row(1);
        const FocusedFrame f = start_frame(*m, top, T);
        const std::vector<double> want = reference_pass(*m, top, T);
        EXPECT_EQ(f.step, 0);
        ASSERT_EQ(f.visible.size(), want.size());
        for (std::size_t i = 0; i < want.size(); ++i) ASSERT_NEAR(f.visible[i], want[i], 1e-5) << i << " T " << T;
        // The top layer's bits are H⁰ above 0.5.
        ASSERT_EQ(f.hidden_bits.size(), 2u);
        for (int j = 0; j < 16; ++j) EXPECT_EQ(f.bit(2, j), top(j) > 0.5f) << j;
        EXPECT_NEAR(f.active_fraction[1], top.mean(), 1e-6);
    }
}

TEST(FilmStart, SimulationShowsStepZeroWithoutChangingAnyLaterStep) {
    const auto m = tiny_model();
    const auto g = prepare_generation_model(m);
    for (const BiasMethod method : {BiasMethod::Label, BiasMethod::Intersection, BiasMethod::Random}) {
        SessionParams p;
        p.bias.method = method;
        p.bias.class_a = 1;
        p.bias.class_b = 2;
        p.seed = 9;
        p.temperature = 1.5f;
        p.ensemble_size = 2;
        Simulation sim(50, 50);
        sim.set_model(build_model_info(m, ""), g);
        sim.restart(p);
        Snapshot s;
        sim.fill(s);
        ASSERT_TRUE(s.start);
        EXPECT_FALSE(s.current);
        EXPECT_EQ(s.step, 0);
        EXPECT_EQ(s.start->step, 0);
        // Step 0 = an independently computed mean-field pass from the same H⁰ at the session's temperature.
        BiasSpec spec = p.bias;
        spec.k = resolve_k(*m, 0);
        const InitialState first = make_initial_state(*m, spec, p.seed, 0);
        const std::vector<double> want = reference_pass(*m, first.top, p.temperature);
        for (std::size_t i = 0; i < want.size(); ++i) ASSERT_NEAR(s.start->visible[i], want[i], 1e-5) << i;

        // Steps 1..6 are bit for bit those of a bare chain on the same stream (recording step 0 draws nothing).
        TemperatureSchedule temp;
        temp.constant = p.temperature;
        Chain bare(g, first.top, p.seed, 0, temp);
        for (int k = 1; k <= 6; ++k) {
            sim.step();
            const StepRecord& r = bare.step();
            sim.fill(s);
            ASSERT_TRUE(s.current);
            ASSERT_EQ(s.current->visible, r.visible) << "step " << k;
        }
        // Seeking to 0 shows the start again; stepping on replays step 1 unchanged.
        const std::vector<float> step1 = s.recent.front()->visible;
        ASSERT_TRUE(sim.seek(0));
        sim.fill(s);
        EXPECT_EQ(s.step, 0);
        EXPECT_FALSE(s.current);
        EXPECT_TRUE(s.recent.empty());
        ASSERT_TRUE(s.start);
        EXPECT_EQ(steps_of(filmstrip_frames(s.start, s.recent, 10)), (std::vector<int>{0}));
        EXPECT_EQ(s.oldest_kept_step, 0);  // the start counts as kept while step 1 is
        sim.step();
        sim.fill(s);
        ASSERT_TRUE(s.current);
        EXPECT_EQ(s.current->visible, step1);
        EXPECT_EQ(sim.newest_step(), 6);
        // Step back from step 1 reaches the start; no further.
        ASSERT_TRUE(sim.step_back());
        EXPECT_EQ(sim.current_step(), 0);
        EXPECT_FALSE(sim.step_back());
    }
}

TEST(FilmStart, StudyFilmstripsDrawNonSquareImagesRowsByCols) {
    // 144 visible units drawn as 16 rows x 9 columns; the classifier reads them as 12 x 12 (only the figure's
    // geometry matters here).
    CnnShape cs;
    cs.side = 12;
    cs.kernel = 3;
    cs.conv1 = 2;
    cs.conv2 = 2;
    cs.hidden = 4;
    cs.outputs = 4;
    const StateClassifier clf(Cnn(cs, CnnParams::init(cs, 3)), {"a", "b", "c"}, "no-such-dataset");
    test::TempDir d;
    for (const auto& [rows, cols] : {std::pair{16, 9}, std::pair{9, 16}}) {
        const auto m = tiny_model(rows, cols);
        const auto g = prepare_generation_model(m);
        StudyOptions o;
        o.chains = 2;
        o.steps = 4;  // frames 1, 2, 3
        std::vector<ConditionResult> res;
        for (const auto& c : study_conditions(*m, "label", 0)) res.push_back(run_condition(g, clf, c, o));
        const std::string out = d.file(std::to_string(rows) + "x" + std::to_string(cols));
        write_study_outputs(out, res, *m, {{"seed", 1}});
        EXPECT_GT(png_size(out + "/filmstrips.png").first, 0);
        // The figure's tiles keep the image shape: rows x cols, every pixel of the frame, never squashed.
        std::vector<ConditionSummary> sums;
        for (const auto& r : res) sums.push_back(summarize_condition(r, m->num_classes()));
        const auto methods = summarize_methods(res, m->num_classes());
        const auto f = filmstrip_figure({res, sums, methods, {"a", "b", "c", "non-class"}, m->num_classes(), rows, cols});
        ASSERT_EQ(f.panels.size(), 1u);
        ASSERT_TRUE(f.panels[0].tiles.has_value());
        const auto& grid = *f.panels[0].tiles;
        EXPECT_EQ(grid.cols, 3);  // frames 1, 2, 3
        ASSERT_FALSE(grid.tiles.empty());
        for (const auto& t : grid.tiles) {
            EXPECT_EQ(t.rows, rows);
            EXPECT_EQ(t.cols, cols);
            EXPECT_EQ(t.pixels.size(), std::size_t(rows * cols));
        }
    }
}

TEST(FilmStart, TheStartIsOutOfReachOnceStepOneIsNoLongerKept) {
    const auto m = tiny_model();
    Simulation sim(5, 5);
    sim.set_model(build_model_info(m, ""), prepare_generation_model(m));
    SessionParams p;
    p.bias.method = BiasMethod::Label;
    p.ensemble_size = 0;
    sim.restart(p);
    for (int k = 0; k < 8; ++k) sim.step();
    Snapshot s;
    sim.fill(s);
    EXPECT_EQ(s.oldest_kept_step, 4);
    EXPECT_FALSE(sim.seek(0));
    EXPECT_EQ(sim.current_step(), 8);
    ASSERT_TRUE(s.start);  // still published, but the filmstrip leaves it out (frames 4..8 do not begin at 1)
    EXPECT_EQ(steps_of(filmstrip_frames(s.start, s.recent, 10)), (std::vector<int>{4, 5, 6, 7, 8}));
}
