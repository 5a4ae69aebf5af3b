// The network view's core (issue 16 item 3, docs/METHODS.md §17): receptive fields against the weights and a
// naive product, the slow motion's sub-steps against the chain's own steps, the snapshot's frames, the unit
// grid's hit test and the slow-motion clock.
#include <gtest/gtest.h>

#include <cmath>

#include "analyze/receptive_field.hpp"
#include "generate/biasing.hpp"
#include "generate/chain.hpp"
#include "generate/step_phases.hpp"
#include "session/model_info.hpp"
#include "session/network_frames.hpp"
#include "session/simulation.hpp"
#include "session/slow_motion.hpp"
#include "session/unit_grid.hpp"
#include "test_support.hpp"
#include "train/trainer.hpp"
#include "util/errors.hpp"

using namespace topdown;

namespace {
// A small seeded 3-layer model (visible 36 = 6 x 6) with non-zero biases and a label-biasing matrix.
std::shared_ptr<const Dbn> seeded_model() {
    auto m = std::make_shared<Dbn>(init_dbn({36, 20, 14, 10}, 0.5f, 31));
    std::uint64_t seed = 40;
    for (auto& l : m->layers) {
        l.a = test::seeded_uniform(1, l.n_lower(), ++seed, -0.6f, 0.6f);
        l.b = test::seeded_uniform(1, l.n_upper(), ++seed, -0.6f, 0.6f);
    }
    m->class_names = {"a", "b", "c"};
    m->dataset = "no-such-dataset";
    m->label_biasing = test::seeded_uniform(3, 10, 5);
    m->k = 4;
    return m;
}

// The state bits of a layer (> 0.5 counts as on) of a float state.
std::vector<int> bits_of(const std::vector<float>& v) {
    std::vector<int> b;
    for (float x : v) b.push_back(x > 0.5f ? 1 : 0);
    return b;
}
std::vector<int> bits_of(const StepRecord& r, int layer) {
    std::vector<int> b;
    for (int j = 0; j < r.hidden_sizes[static_cast<std::size_t>(layer - 1)]; ++j) b.push_back(r.bit(layer, j) ? 1 : 0);
    return b;
}
}  // namespace

TEST(ReceptiveField, FirstLayerUnitIsItsWeightColumn) {
    const auto m = seeded_model();
    const RbmLayer& w1 = m->layers[0];
    for (int j : {0, 7, 19}) {
        const std::vector<float> f = receptive_field(*m, 1, j);
        ASSERT_EQ(f.size(), 36u);
        for (int i = 0; i < 36; ++i) ASSERT_EQ(f[static_cast<std::size_t>(i)], w1.W(i, j)) << "pixel " << i << " unit " << j;
    }
}

TEST(ReceptiveField, DeeperUnitsAreColumnsOfTheWeightProduct) {
    const auto m = seeded_model();
    const Matrix& W1 = m->layers[0].W;
    const Matrix& W2 = m->layers[1].W;
    const Matrix& W3 = m->layers[2].W;
    for (int j : {0, 5, 13}) {  // layer 2: (W1 W2)[i, j] = Σ_k W1[i, k] W2[k, j], by a naive loop in double
        const std::vector<float> f = receptive_field(*m, 2, j);
        ASSERT_EQ(f.size(), 36u);
        for (int i = 0; i < 36; ++i) {
            double want = 0;
            for (int k = 0; k < 20; ++k) want += double(W1(i, k)) * double(W2(k, j));
            ASSERT_NEAR(f[static_cast<std::size_t>(i)], want, 1e-5 * (1 + std::abs(want))) << "pixel " << i << " unit " << j;
        }
    }
    for (int j : {2, 9}) {  // layer 3: Σ_k Σ_q W1[i, k] W2[k, q] W3[q, j]
        const std::vector<float> f = receptive_field(*m, 3, j);
        for (int i = 0; i < 36; ++i) {
            double want = 0;
            for (int k = 0; k < 20; ++k)
                for (int q = 0; q < 14; ++q) want += double(W1(i, k)) * double(W2(k, q)) * double(W3(q, j));
            ASSERT_NEAR(f[static_cast<std::size_t>(i)], want, 1e-5 * (1 + std::abs(want))) << "pixel " << i << " unit " << j;
        }
    }
    EXPECT_THROW(receptive_field(*m, 0, 0), ArgumentError);
    EXPECT_THROW(receptive_field(*m, 4, 0), ArgumentError);
    EXPECT_THROW(receptive_field(*m, 2, 14), ArgumentError);
    EXPECT_THROW(receptive_field(*m, 2, -1), ArgumentError);
}

TEST(ReceptiveField, CacheKeepsFieldsPerModel) {
    const auto m = seeded_model();
    ReceptiveFieldCache cache(m, 3);
    const std::vector<float> want = receptive_field(*m, 2, 4);
    EXPECT_EQ(cache.field(2, 4), want);
    EXPECT_EQ(&cache.field(2, 4), &cache.field(2, 4));  // kept, not recomputed
    EXPECT_EQ(cache.size(), 1u);
    cache.field(1, 0), cache.field(3, 1);
    EXPECT_EQ(cache.size(), 3u);
    cache.field(3, 2);  // full: emptied, then this one
    EXPECT_EQ(cache.size(), 1u);
    EXPECT_THROW(cache.field(3, 10), ArgumentError);
    EXPECT_EQ(cache.size(), 1u);
    EXPECT_FLOAT_EQ(field_scale({0.5f, -2.0f, 1.0f}), 2.0f);
    EXPECT_FLOAT_EQ(field_scale({}), 0.0f);
}

TEST(StepPhases, SubStepsRunInTheChainsOrderAndTheLastIsTheRecordedStep) {
    const auto m = seeded_model();
    const auto g = prepare_generation_model(m);
    const int L = m->depth();
    for (const float T : {1.0f, 1.7f}) {
        // A real-valued H⁰ (label biasing, §5.3): step 1 must start from it, not from its bits.
        const Vector h0 = m->label_biasing.row(1);
        TemperatureSchedule temp;
        temp.constant = T;
        const std::uint64_t seed = 12, chain_index = 3;
        Chain chain(g, h0, seed, chain_index, temp);
        StepStart start;
        start.step = 1;
        for (int n : g->sizes) start.layers.emplace_back(static_cast<std::size_t>(n), 0.0f);
        start.layers.back().assign(h0.data(), h0.data() + h0.size());
        start.rng_position = 0;
        for (int s = 1; s <= 8; ++s) {
            const std::vector<StepPhase> phases = step_phases(*g, start, seed, chain_index, T);
            const StepRecord r = chain.step();
            // Order (docs/METHODS.md §6.1): step 1 top-down only; later steps bottom-up 1..L, then top-down.
            std::vector<std::pair<PhasePass, int>> want;
            if (s > 1)
                for (int l = 1; l <= L; ++l) want.push_back({PhasePass::BottomUp, l});
            for (int l = L - 1; l >= 0; --l) want.push_back({PhasePass::TopDown, l});
            ASSERT_EQ(phases.size(), want.size()) << "step " << s;
            for (std::size_t i = 0; i < want.size(); ++i) {
                EXPECT_EQ(phases[i].pass, want[i].first) << "step " << s << " sub-step " << i;
                EXPECT_EQ(phases[i].layer, want[i].second) << "step " << s << " sub-step " << i;
                EXPECT_FALSE(phases[i].caption.empty());
            }
            // The last sub-step's states are the step's recorded states, bit for bit.
            const StepPhase& last = phases.back();
            ASSERT_EQ(last.states[0], r.visible) << "visible, step " << s;
            for (int l = 1; l <= L; ++l)
                ASSERT_EQ(bits_of(last.states[static_cast<std::size_t>(l)]), bits_of(r, l)) << "layer " << l << ", step " << s;
            if (s == 1) {
                EXPECT_EQ(last.states[static_cast<std::size_t>(L)], start.layers.back());  // H⁰ kept at step 1
            }
            // A sub-step changes only its own layer.
            for (std::size_t i = 1; i < phases.size(); ++i)
                for (int l = 0; l <= L; ++l)
                    if (l != phases[i].layer) {
                        EXPECT_EQ(phases[i].states[static_cast<std::size_t>(l)], phases[i - 1].states[static_cast<std::size_t>(l)]);
                    }
            // The next step starts from this record: its visible state and random-stream position.
            start.step = s + 1;
            start.layers[0] = r.visible;
            for (int l = 1; l <= L; ++l) {
                const std::vector<float> h = r.hidden_as_floats(l);
                start.layers[static_cast<std::size_t>(l)] = h;
            }
            start.rng_position = r.rng_position;
        }
    }
}

TEST(StepPhases, RejectsStatesThatDoNotFitTheModel) {
    const auto g = prepare_generation_model(seeded_model());
    StepStart st;
    st.step = 2;
    for (int n : g->sizes) st.layers.emplace_back(static_cast<std::size_t>(n), 0.0f);
    EXPECT_NO_THROW(step_phases(*g, st, 1, 0, 1.0f));
    EXPECT_THROW(step_phases(*g, st, 1, 0, 0.0f), ArgumentError);
    EXPECT_THROW(step_phases(*g, st, 1, 0, std::nanf("")), ArgumentError);
    st.layers[1].pop_back();
    EXPECT_THROW(step_phases(*g, st, 1, 0, 1.0f), ArgumentError);
    st.layers.pop_back();
    EXPECT_THROW(step_phases(*g, st, 1, 0, 1.0f), ArgumentError);
    st.step = 0;
    EXPECT_THROW(step_phases(*g, st, 1, 0, 1.0f), ArgumentError);
}

TEST(NetworkFrames, SnapshotCarriesWhatTheSlowMotionRecomputesAStepFrom) {
    const auto m = seeded_model();
    const auto g = prepare_generation_model(m);
    for (const BiasMethod method : {BiasMethod::Label, BiasMethod::Random}) {
        SessionParams p;
        p.bias.method = method;
        p.bias.class_a = 2;
        p.seed = 77;
        p.temperature = 1.2f;
        p.ensemble_size = 3;
        Simulation sim(50, 50);
        sim.set_model(build_model_info(m, ""), g);
        sim.restart(p);
        Snapshot s;
        sim.fill(s);
        for (int k = 1; k <= 6; ++k) {
            // The focused chain is stream (seed, 0) at the session's temperature.
            const auto start = focused_step_start(s, s.step + 1);
            ASSERT_TRUE(start) << "step " << k;
            const std::vector<StepPhase> phases = step_phases(*g, *start, p.seed, 0, p.temperature);
            sim.step();
            sim.fill(s);
            ASSERT_TRUE(s.current);
            ASSERT_EQ(s.current->step, k);
            const std::vector<std::vector<float>> now = frame_layers(*s.current, m->architecture());
            EXPECT_EQ(phases.back().states[0], s.current->visible) << "step " << k;
            for (std::size_t l = 1; l < now.size(); ++l)
                EXPECT_EQ(bits_of(phases.back().states[l]), bits_of(now[l])) << "layer " << l << ", step " << k;
        }
        // A unit's history: its bit in every kept frame, oldest first; the visible unit's probability.
        const auto h = unit_history(s, 2, 5, 4);
        ASSERT_EQ(h.size(), 4u);
        for (std::size_t i = 0; i < h.size(); ++i) {
            const FocusedFrame& f = *s.recent[s.recent.size() - 4 + i];
            EXPECT_EQ(h[i].step, f.step);
            EXPECT_EQ(h[i].value, f.bit(2, 5) ? 1.0f : 0.0f);
        }
        const auto v = unit_history(s, 0, 17, 100);
        ASSERT_EQ(v.size(), s.recent.size());
        EXPECT_EQ(v.back().value, s.current->visible[17]);
        EXPECT_TRUE(unit_history(s, 4, 0, 10).empty());
        EXPECT_TRUE(unit_history(s, 1, 20, 10).empty());
        EXPECT_FALSE(focused_step_start(s, 60));  // no frame of step 59
    }
}

TEST(UnitGrid, FitsTheBoxAndFindsTheUnitUnderThePointer) {
    // 500 units in a 100 x 500 box: 10 columns x 50 rows of 10 px cells (11 columns would give 9 px).
    const UnitGrid g = fit_unit_grid(500, 10, 20, 100, 500);
    EXPECT_EQ(g.cols, 10);
    EXPECT_EQ(g.rows, 50);
    EXPECT_FLOAT_EQ(g.cell, 10.0f);
    for (int j : {0, 9, 10, 123, 499}) {
        EXPECT_EQ(g.unit_at(g.cell_x(j) + 0.5f, g.cell_y(j) + 0.5f), j);
        EXPECT_EQ(g.unit_at(g.cell_x(j) + g.cell - 0.5f, g.cell_y(j) + g.cell - 0.5f), j);
    }
    EXPECT_EQ(g.unit_at(9.5f, 25), -1);
    EXPECT_EQ(g.unit_at(50, 20 + 500.5f), -1);
    // The visible layer keeps its image shape; empty cells of a last row belong to no unit.
    const UnitGrid v = fit_unit_grid(784, 0, 0, 280, 400, 28, 28);
    EXPECT_EQ(v.rows, 28);
    EXPECT_EQ(v.cols, 28);
    EXPECT_FLOAT_EQ(v.cell, 10.0f);
    const UnitGrid odd = fit_unit_grid(7, 0, 0, 30, 30);
    EXPECT_EQ(odd.cols, 3);
    EXPECT_EQ(odd.unit_at(5, 25), 6);
    EXPECT_EQ(odd.unit_at(25, 25), -1);  // cell 8 of the 3 x 3 grid holds no unit
    EXPECT_EQ(fit_unit_grid(0, 0, 0, 10, 10).unit_at(1, 1), -1);
}

TEST(SlowMotion, ShowsTheStateBeforeThenEverySubStepAtTheSetSpeed) {
    SlowMotionClock c;
    EXPECT_FALSE(c.active());
    EXPECT_EQ(c.phase(), -1);
    c.start(3);
    EXPECT_EQ(c.phase(), -1);  // the state before the step, for one period
    c.advance(0.9, 1.0);
    EXPECT_EQ(c.phase(), -1);
    c.advance(0.2, 1.0);
    EXPECT_EQ(c.phase(), 0);
    c.advance(0.5, 0.5);  // a faster speed set midway: no jump back
    EXPECT_EQ(c.phase(), 1);
    c.advance(1.0, 1.0);
    EXPECT_EQ(c.phase(), 2);
    EXPECT_FALSE(c.finished());
    c.advance(1.0, 1.0);
    EXPECT_TRUE(c.finished());
    EXPECT_EQ(c.phase(), 2);  // the last sub-step stays shown
    c.start(4);
    c.step_by(1);
    EXPECT_TRUE(c.paused());
    EXPECT_EQ(c.phase(), 0);
    c.advance(5.0, 1.0);  // paused: no change
    EXPECT_EQ(c.phase(), 0);
    c.step_by(-5);
    EXPECT_EQ(c.phase(), -1);
    c.step_by(4);
    EXPECT_EQ(c.phase(), 3);
    EXPECT_FALSE(c.finished());
    c.step_by(1);
    EXPECT_TRUE(c.finished());
    c.stop();
    EXPECT_FALSE(c.active());
}
