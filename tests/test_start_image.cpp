// Image starts and clamping (issue 16 item 2, docs/METHODS.md §15): the bottom-up start, the clamped pixels at
// every step, a zero mask, start images and masks from files (untrusted-file rules), the session's image fields.
#include <gtest/gtest.h>

#include <cmath>

#include "generate/biasing.hpp"
#include "generate/chain.hpp"
#include "generate/clamp_mask.hpp"
#include "generate/generation_run.hpp"
#include "generate/start_image.hpp"
#include "session/composer_state.hpp"
#include "session/model_info.hpp"
#include "session/session_file.hpp"
#include "session/simulation.hpp"
#include "session/start_image_params.hpp"
#include "test_support.hpp"
#include "train/trainer.hpp"
#include "util/atomic_file.hpp"
#include "util/errors.hpp"
#include "util/png.hpp"

using namespace topdown;

namespace {
// A 36-12-8 stack (visible = a 6 x 6 image) with strong random weights and biases, so chains move.
std::shared_ptr<Dbn> net() {
    auto m = std::make_shared<Dbn>(init_dbn({36, 12, 8}, 1.0f, 5));
    for (auto& l : m->layers) {
        l.a = test::seeded_uniform(1, l.n_lower(), 31, -0.5f, 0.5f);
        l.b = test::seeded_uniform(1, l.n_upper(), 32, -0.5f, 0.5f);
    }
    m->class_names = {"a", "b"};
    m->label_biasing = test::seeded_uniform(2, 8, 33);
    m->k = 3;
    return m;
}

// The left half of a 6 x 6 image written out by hand: columns 0, 1, 2 of every row.
std::vector<int> left_half_pixels() {
    std::vector<int> p;
    for (int r = 0; r < 6; ++r)
        for (int c = 0; c < 3; ++c) p.push_back(r * 6 + c);
    return p;
}

GenerationRequest image_request(const Matrix& image, const Matrix& mask, int chains = 4, int steps = 25) {
    GenerationRequest r;
    r.bias.method = BiasMethod::Image;
    r.bias.image = image;
    r.bias.clamp_mask = mask;
    r.chains = chains;
    r.steps = steps;
    r.seed = 9;
    return r;
}

// All visible states of a run, step after step.
std::vector<Matrix> visible_run(const std::shared_ptr<const GenerationModel>& g, const GenerationRequest& r) {
    std::vector<Matrix> out;
    run_generation(g, r, [&](const ChainBatch& b) { out.push_back(b.state(0)); });
    return out;
}
}  // namespace

TEST(StartImage, ClampedPixelsEqualTheSourceAtEveryStepWhileTheRestEvolves) {
    const auto m = net();
    const auto g = prepare_generation_model(m);
    const Matrix image = test::seeded_uniform(1, 36, 40);
    Matrix mask = Matrix::Zero(1, 36);
    for (int p : left_half_pixels()) mask(0, p) = 1.0f;
    const auto run = visible_run(g, image_request(image, mask));
    ASSERT_EQ(run.size(), 25u);
    bool right_half_moved = false;
    for (std::size_t s = 0; s < run.size(); ++s)
        for (int c = 0; c < 4; ++c) {
            for (int p : left_half_pixels()) ASSERT_EQ(run[s](c, p), image(0, p)) << "step " << s + 1 << " chain " << c;
            for (int r = 0; r < 6; ++r)
                for (int col = 3; col < 6; ++col)
                    right_half_moved |= std::abs(run[s](c, r * 6 + col) - image(0, r * 6 + col)) > 1e-3f;
        }
    EXPECT_TRUE(right_half_moved) << "the unclamped pixels must evolve";
    // The clamp feeds back: later steps differ from an unclamped run on the same streams.
    const auto free_run = visible_run(g, image_request(image, Matrix()));
    bool differs = false;
    for (std::size_t s = 1; s < run.size(); ++s)
        for (int c = 0; c < 4; ++c)
            for (int r = 0; r < 6; ++r)
                for (int col = 3; col < 6; ++col) differs |= run[s](c, r * 6 + col) != free_run[s](c, r * 6 + col);
    EXPECT_TRUE(differs);
}

TEST(StartImage, TheStartIsABottomUpPassOfTheImage) {
    const auto m = net();
    const Matrix image = test::seeded_uniform(1, 36, 41);
    // The bottom-up pass written out in double: h1 = σ(x W1 + b1), h2 = σ(h1 W2 + b2).
    std::vector<double> h(image.data(), image.data() + 36);
    for (const auto& layer : m->layers) {
        std::vector<double> up(static_cast<std::size_t>(layer.n_upper()));
        for (int j = 0; j < layer.n_upper(); ++j) {
            double z = layer.b(j);
            for (int i = 0; i < layer.n_lower(); ++i) z += h[std::size_t(i)] * double(layer.W(i, j));
            up[std::size_t(j)] = test::reference_sigmoid(z);
        }
        h = up;
    }
    BiasSpec spec = bias_spec(BiasMethod::Image, 0, 0, 0);
    spec.image = image;
    spec.clamp_mask = left_half_mask(6, 6);
    const InitialState st = make_initial_state(*m, spec, 1, 0);
    ASSERT_EQ(st.top.size(), 8);
    for (int j = 0; j < 8; ++j) EXPECT_NEAR(st.top(j), h[std::size_t(j)], 1e-5) << j;
    EXPECT_NE(st.description.find("18 pixels clamped"), std::string::npos) << st.description;
    // The chain starts there: before the first step the batch's top layer is that H⁰.
    const Matrix h0 = initial_states(*m, image_request(image, spec.clamp_mask, 3));
    ChainBatch b(prepare_generation_model(m), h0, 9, {0, 1, 2});
    for (int r = 0; r < 3; ++r)
        for (int j = 0; j < 8; ++j) EXPECT_NEAR(b.state(2)(r, j), h[std::size_t(j)], 1e-5);
}

TEST(StartImage, AnAllZeroMaskBehavesLikeAnUnclampedImageStart) {
    const auto m = net();
    const auto g = prepare_generation_model(m);
    const Matrix image = test::seeded_uniform(1, 36, 42);
    const auto zero = visible_run(g, image_request(image, Matrix::Zero(1, 36)));
    const auto none = visible_run(g, image_request(image, Matrix()));
    GenerationRequest sample = image_request(image, Matrix());
    sample.bias.method = BiasMethod::Sample;  // the same bottom-up start without any clamp code
    const auto plain = visible_run(g, sample);
    ASSERT_EQ(zero.size(), none.size());
    for (std::size_t s = 0; s < zero.size(); ++s) {
        EXPECT_TRUE(zero[s].cwiseEqual(none[s]).all()) << s;
        EXPECT_TRUE(zero[s].cwiseEqual(plain[s]).all()) << s;
    }
}

TEST(StartImage, AClampedChainIsTheSameAloneAndInsideABatch) {
    const auto m = net();
    const auto g = prepare_generation_model(m);
    const Matrix image = test::seeded_uniform(1, 36, 43);
    const Matrix mask = top_half_mask(6, 6);
    const auto batch = visible_run(g, image_request(image, mask, 5, 12));
    BiasSpec spec = image_request(image, mask).bias;
    const InitialState st = make_initial_state(*m, spec, 9, 3);
    Chain alone(g, st.top, 9, 3);
    alone.set_visible_clamp(visible_clamp(spec));
    for (int s = 1; s <= 12; ++s) {
        const StepRecord& r = alone.step();
        for (int p = 0; p < 36; ++p) ASSERT_EQ(r.visible[std::size_t(p)], batch[std::size_t(s - 1)](3, p)) << s;
    }
}

TEST(StartImage, ClampMasksAndBadInputsGiveTypedErrors) {
    const Matrix left = left_half_mask(3, 5);  // columns 0 and 1 (5 / 2 = 2)
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 5; ++c) EXPECT_EQ(left(0, r * 5 + c), c < 2 ? 1.0f : 0.0f);
    const Matrix top = top_half_mask(4, 2);  // rows 0 and 1
    for (int i = 0; i < 8; ++i) EXPECT_EQ(top(0, i), i < 4 ? 1.0f : 0.0f);
    const Matrix image = test::seeded_uniform(1, 36, 44);
    EXPECT_THROW(make_visible_clamp(image, Matrix::Ones(1, 35)), ArgumentError);
    Matrix bad = image;
    bad(0, 3) = 1.5f;
    EXPECT_THROW(make_visible_clamp(bad, Matrix::Ones(1, 36)), ArgumentError);
    const auto m = net();
    BiasSpec spec = bias_spec(BiasMethod::Image, 0, 0, 0);
    EXPECT_THROW(make_initial_state(*m, spec, 1, 0), ArgumentError);  // no image
    spec.image = image;
    spec.clamp_mask = Matrix::Ones(1, 20);
    EXPECT_THROW(make_initial_state(*m, spec, 1, 0), ArgumentError);  // mask of another size
    EXPECT_EQ(parse_bias_method("image"), BiasMethod::Image);
    EXPECT_EQ(to_string(BiasMethod::Image), "image");
    EXPECT_FALSE(traits(BiasMethod::Image).uses_classes);
    EXPECT_FALSE(traits(BiasMethod::Image).uses_k);
}

TEST(StartImage, FilesAreDecodedToGrayAndResizedToTheVisibleShape) {
    test::TempDir d;
    // A 12 x 12 RGB file made of 2 x 2 blocks: block (R, C) has gray level g = 20 (R * 6 + C) + 10 (as bytes).
    Image im(12, 12);
    auto level = [](int R, int C) { return (20 * (R * 6 + C) + 10) % 256; };
    for (int y = 0; y < 12; ++y)
        for (int x = 0; x < 12; ++x) {
            const auto v = static_cast<std::uint8_t>(level(y / 2, x / 2));
            im.set(x, y, v, v, v);
        }
    write_png(d.file("big.png"), im);
    const Matrix a = load_start_image(d.file("big.png"), ImageShape{6, 6});
    ASSERT_EQ(a.cols(), 36);
    for (int R = 0; R < 6; ++R)
        for (int C = 0; C < 6; ++C) EXPECT_NEAR(a(0, R * 6 + C), level(R, C) / 255.0, 1e-5) << R << "," << C;
    // Colour: gray = 0.299 r + 0.587 g + 0.114 b.
    Image col(6, 6, 0, 0, 0);
    col.set(2, 1, 200, 100, 50);
    write_png(d.file("col.png"), col);
    const Matrix c = load_start_image(d.file("col.png"), ImageShape{6, 6});
    EXPECT_NEAR(c(0, 1 * 6 + 2), (0.299 * 200 + 0.587 * 100 + 0.114 * 50) / 255.0, 1e-4);
    EXPECT_EQ(c(0, 0), 0.0f);
    // A mask: nonzero = clamped; resized, a target pixel is clamped when at least half of its area is.
    Image mk(12, 12, 0, 0, 0);
    mk.set(0, 0, 1, 1, 1);                          // block (0,0): 1 of 4 -> not clamped
    mk.set(2, 0, 255, 0, 0), mk.set(3, 1, 9, 9, 9);  // block (0,1): 2 of 4 -> clamped
    write_png(d.file("mask.png"), mk);
    const Matrix mask = load_clamp_mask(d.file("mask.png"), ImageShape{6, 6});
    for (int i = 0; i < 36; ++i) EXPECT_EQ(mask(0, i), i == 1 ? 1.0f : 0.0f) << i;
}

TEST(StartImage, UntrustedFilesGiveTypedErrorsNeverACrash) {
    test::TempDir d;
    EXPECT_THROW(load_start_image(d.file("missing.png"), ImageShape{28, 28}), IoError);
    test::write_file(d.file("empty.png"), "");
    EXPECT_THROW(load_start_image(d.file("empty.png"), ImageShape{28, 28}), DataError);
    test::write_file(d.file("text.png"), "this is not an image at all");
    EXPECT_THROW(load_clamp_mask(d.file("text.png"), ImageShape{28, 28}), DataError);
    // A PNG header that claims 100000 x 100000 pixels: refused before decoding.
    std::string png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\x01\x86\xa0\0\x01\x86\xa0\x08\0\0\0\0\0\0\0\0", 33);
    test::write_file(d.file("huge.png"), png);
    try {
        load_start_image(d.file("huge.png"), ImageShape{28, 28});
        FAIL() << "a huge image must be refused";
    } catch (const DataError& e) {
        EXPECT_NE(std::string(e.what()).find("huge.png"), std::string::npos) << e.what();
    }
    // Truncated: a real PNG cut in half.
    write_png(d.file("ok.png"), Image(8, 8, 1, 2, 3));
    const auto bytes = read_file_bounded(d.file("ok.png"), 1 << 20);
    test::write_file(d.file("cut.png"), std::string(bytes.begin(), bytes.begin() + long(bytes.size() / 2)));
    EXPECT_THROW(load_start_image(d.file("cut.png"), ImageShape{28, 28}), DataError);
}

TEST(StartImage, TheSessionKeepsTheImageInComposerParamsAndSessionFiles) {
    ComposerState c;
    c.method = static_cast<int>(BiasMethod::Image);
    c.start_image = std::vector<float>(36, 0.25f);
    c.clamp_mask = std::vector<float>(36, 0.0f);
    c.clamp_mask[3] = 1.0f;
    const SessionParams p = composer_params(c);
    ASSERT_EQ(p.bias.image.cols(), 36);
    EXPECT_EQ(p.bias.image(0, 5), 0.25f);
    EXPECT_EQ(p.bias.clamp_mask(0, 3), 1.0f);
    EXPECT_EQ(composer_from_params(p).start_image, c.start_image);
    EXPECT_TRUE(same_session_params(p, p, 3));
    ComposerState other = c;
    other.clamp_mask[4] = 1.0f;
    EXPECT_FALSE(same_session_params(composer_params(other), p, 3));
    other = c;
    other.start_image[0] = 0.5f;
    EXPECT_FALSE(same_session_params(composer_params(other), p, 3));
    // An empty canvas is the blank (all-zero) image the session fills in.
    ComposerState blank;
    blank.method = c.method;
    SessionParams filled = composer_params(blank);
    fill_blank_start_image(filled.bias, 36);
    EXPECT_TRUE(same_session_params(composer_params(blank), filled, 3));
    // Session files round-trip both arrays and refuse bad ones.
    SessionFile f;
    f.model_path = "/m.tdm";
    f.params = p;
    const SessionFile back = session_from_json(session_to_json(f));
    EXPECT_TRUE(back.params.bias.image.cwiseEqual(p.bias.image).all());
    EXPECT_TRUE(back.params.bias.clamp_mask.cwiseEqual(p.bias.clamp_mask).all());
    std::string text = session_to_json(f);
    const auto at = text.find("\"clamp_mask\": [");
    ASSERT_NE(at, std::string::npos);
    std::string wrong = text;
    wrong.insert(at + 15, "2.5, ");
    EXPECT_THROW(session_from_json(wrong), FileFormatError);
    wrong = text;
    wrong.insert(at + 15, "\"x\", ");
    EXPECT_THROW(session_from_json(wrong), FileFormatError);
}

TEST(StartImage, ALiveSessionClampsTheFocusedChainTheEnsembleAndStepZero) {
    const auto m = net();
    Simulation sim(50, 50);
    sim.set_model(build_model_info(m, ""), prepare_generation_model(m));
    SessionParams p;
    const Matrix image = test::seeded_uniform(1, 36, 45);
    p.bias.method = BiasMethod::Image;
    p.bias.image = image;
    p.bias.clamp_mask = left_half_mask(6, 6);
    p.ensemble_size = 3;
    sim.restart(p);
    Snapshot s;
    sim.fill(s);
    ASSERT_TRUE(s.start);
    for (int px : left_half_pixels()) EXPECT_EQ(s.start->visible[std::size_t(px)], image(0, px));
    for (int k = 0; k < 10; ++k) {
        sim.step();
        for (int px : left_half_pixels()) {
            ASSERT_EQ(sim.focused()->current()->visible[std::size_t(px)], image(0, px));
            for (int r = 0; r < 3; ++r) ASSERT_EQ(sim.ensemble()->state(0)(r, px), image(0, px));
        }
    }
}
