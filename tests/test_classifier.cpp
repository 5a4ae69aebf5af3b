#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <queue>
#include <utility>

#include "classify/non_class.hpp"
#include "classify/state_classifier.hpp"
#include "test_support.hpp"
#include "util/errors.hpp"

using namespace topdown;

namespace {
CnnShape tiny_shape() {
    CnnShape s;
    s.side = 14;  // conv1 12x12x3 -> pool 6x6 -> conv2 4x4x4 -> pool 2x2 -> flat 16 -> dense 5 -> 3
    s.kernel = 3;
    s.conv1 = 3;
    s.conv2 = 4;
    s.hidden = 5;
    s.outputs = 3;
    return s;
}

using Md = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// A straightforward double-precision reference of the network (written from the layout documented in
// cnn.hpp, independent of its im2col / GEMM / arg-max bookkeeping): valid convolution with weights indexed
// (ky, kx, c_in) x c_out, ReLU, 2x2 max-pool, all channels-last; dense, ReLU, dense, softmax; mean
// cross-entropy.
std::vector<double> ref_conv(const std::vector<double>& in, int side, int ch, int k, const Md& W, const Md& b) {
    const int o = side - k + 1, co = int(W.cols());
    std::vector<double> out(std::size_t(o * o * co));
    for (int y = 0; y < o; ++y)
        for (int x = 0; x < o; ++x)
            for (int j = 0; j < co; ++j) {
                double a = b(0, j);
                for (int ky = 0; ky < k; ++ky)
                    for (int kx = 0; kx < k; ++kx)
                        for (int c = 0; c < ch; ++c)
                            a += in[std::size_t(((y + ky) * side + x + kx) * ch + c)] * W((ky * k + kx) * ch + c, j);
                out[std::size_t((y * o + x) * co + j)] = std::max(a, 0.0);
            }
    return out;
}

std::vector<double> ref_pool(const std::vector<double>& in, int side, int ch) {
    const int o = side / 2;
    std::vector<double> out(std::size_t(o * o * ch));
    for (int y = 0; y < o; ++y)
        for (int x = 0; x < o; ++x)
            for (int c = 0; c < ch; ++c) {
                double m = -1e300;
                for (int dy = 0; dy < 2; ++dy)
                    for (int dx = 0; dx < 2; ++dx) m = std::max(m, in[std::size_t(((2 * y + dy) * side + 2 * x + dx) * ch + c)]);
                out[std::size_t((y * o + x) * ch + c)] = m;
            }
    return out;
}

double ref_loss(const CnnShape& s, const std::vector<Md>& P, const Matrix& x, const std::vector<int>& y) {
    double loss = 0;
    for (Eigen::Index n = 0; n < x.rows(); ++n) {
        std::vector<double> img(std::size_t(x.cols()));
        for (Eigen::Index i = 0; i < x.cols(); ++i) img[std::size_t(i)] = x(n, i);
        const auto p1 = ref_pool(ref_conv(img, s.side, 1, s.kernel, P[0], P[1]), s.conv1_side(), s.conv1);
        const auto p2 = ref_pool(ref_conv(p1, s.pool1_side(), s.conv1, s.kernel, P[2], P[3]), s.conv2_side(), s.conv2);
        Eigen::RowVectorXd f(Eigen::Index(p2.size()));
        for (std::size_t i = 0; i < p2.size(); ++i) f(Eigen::Index(i)) = p2[i];
        const Eigen::RowVectorXd h = (f * P[4] + P[5]).cwiseMax(0.0);
        const Eigen::RowVectorXd z = h * P[6] + P[7];
        const double mx = z.maxCoeff();
        loss -= z(y[std::size_t(n)]) - mx - std::log((z.array() - mx).exp().sum());
    }
    return loss / double(x.rows());
}
}  // namespace

// Every entry of every parameter array (conv, pool, dense, softmax-cross-entropy) against central
// differences of a double-precision reference network. In double with h = 1e-6 the truncation and rounding
// errors are ~1e-9 and a ReLU / max-pool switch inside ±h is practically impossible, so no entry is allowed to
// miss: the only slack is the float rounding of the analytic gradient itself (~1e-6 relative).
TEST(Cnn, GradientMatchesFiniteDifferences) {
    const CnnShape s = tiny_shape();
    Cnn net(s, CnnParams::init(s, 3));
    CounterRng r(4, 4);
    Matrix x(4, s.side * s.side);
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] = 0.5f + 0.5f * r.normal();
    const std::vector<int> y{0, 2, 1, 2};
    CnnParams g = CnnParams::zeros(s);
    const float loss = net.loss_and_gradient(x, y, g);
    std::vector<Md> P;
    for (const Matrix* a : std::as_const(net).params().arrays()) P.push_back(a->cast<double>());
    // The reference is the same function: its loss equals the network's to float precision.
    ASSERT_NEAR(ref_loss(s, P, x, y), loss, 1e-5 * std::max(1.0f, loss));
    const auto G = g.arrays();
    int checked = 0, nonzero = 0, failed = 0;
    double worst = 0;
    for (std::size_t a = 0; a < P.size(); ++a) {
        for (Eigen::Index i = 0; i < P[a].size(); ++i) {
            const double h = 1e-6, saved = P[a].data()[i];
            P[a].data()[i] = saved + h;
            const double lp = ref_loss(s, P, x, y);
            P[a].data()[i] = saved - h;
            const double lm = ref_loss(s, P, x, y);
            P[a].data()[i] = saved;
            const double num = (lp - lm) / (2 * h), ana = G[a]->data()[i];
            const double err = std::abs(num - ana), tol = 1e-6 + 1e-4 * std::abs(num);
            ++checked;
            nonzero += std::abs(num) > 1e-4;
            worst = std::max(worst, err / tol);
            if (err > tol) {
                ++failed;
                ADD_FAILURE() << "array " << a << " entry " << i << ": analytic " << ana << " numeric " << num;
            }
        }
    }
    std::printf("checked %d entries (%d non-zero), worst error / tolerance %.3f\n", checked, nonzero, worst);
    EXPECT_EQ(failed, 0);
    EXPECT_EQ(checked, 27 + 3 + 108 + 4 + 80 + 5 + 15 + 3);
    EXPECT_GT(nonzero, checked / 2);  // the check is not passed by dead units alone
}

TEST(NonClass, ScrambledIsAPermutationAndMaskedErasesAConnectedActiveRegion) {
    const Dataset d = test::real_slice("mnist", Split::Train, 50);
    CounterRng r(1, 2);
    const Vector img = d.images.row(3);
    const Vector sc = scrambled_image(img, r);
    std::vector<float> a(img.data(), img.data() + 784), b(sc.data(), sc.data() + 784);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    EXPECT_EQ(a, b);
    EXPECT_NE(sc, img);
    for (int t = 0; t < 20; ++t) {
        int erased = 0;
        const Vector m = masked_image(d.images.row(t), 28, r, &erased);
        EXPECT_GT(erased, 1);
        // Erased pixels were active, everything else is unchanged, and the erased set is 8-connected.
        std::vector<int> gone;
        for (int i = 0; i < 784; ++i) {
            if (m(i) != d.images(t, i)) {
                EXPECT_GT(d.images(t, i), 0.0f);
                EXPECT_EQ(m(i), 0.0f);
                gone.push_back(i);
            }
        }
        ASSERT_EQ(int(gone.size()), erased);
        std::vector<char> in(784, 0), seen(784, 0);
        for (int p : gone) in[std::size_t(p)] = 1;
        std::queue<int> q;
        q.push(gone[0]);
        seen[std::size_t(gone[0])] = 1;
        int reached = 0;
        while (!q.empty()) {
            const int p = q.front();
            q.pop();
            ++reached;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const int y = p / 28 + dy, x = p % 28 + dx;
                    if (y < 0 || x < 0 || y >= 28 || x >= 28) continue;
                    const int nb = y * 28 + x;
                    if (in[std::size_t(nb)] && !seen[std::size_t(nb)]) {
                        seen[std::size_t(nb)] = 1;
                        q.push(nb);
                    }
                }
        }
        EXPECT_EQ(reached, erased);
    }
}

namespace {
int active_pixels(const Vector& v) { return int((v.array() > 0.0f).count()); }

// Fraction of active pixels with at least 3 active 8-neighbours in a 28 x 28 image (strokes: most of them;
// pixels scattered at random with MNIST's ~19 % density: P(Binomial(8, 0.19) >= 3) ~ 0.18).
double clustered_fraction(const Vector& v) {
    int active = 0, clustered = 0;
    for (int p = 0; p < 784; ++p) {
        if (v(p) <= 0.0f) continue;
        ++active;
        int nb = 0;
        for (int dy = -1; dy <= 1; ++dy)
            for (int dx = -1; dx <= 1; ++dx) {
                const int yy = p / 28 + dy, xx = p % 28 + dx;
                if ((dy || dx) && yy >= 0 && xx >= 0 && yy < 28 && xx < 28 && v(yy * 28 + xx) > 0.0f) ++nb;
            }
        clustered += nb >= 3;
    }
    return active ? double(clustered) / active : 0.0;
}

// True when `m` is `src` with some active pixels set to 0 (and nothing else changed).
bool is_masked_copy(const Vector& m, const Vector& src) {
    for (int p = 0; p < 784; ++p)
        if (m(p) != src(p) && !(m(p) == 0.0f && src(p) > 0.0f)) return false;
    return true;
}

std::vector<float> sorted_pixels(const Vector& v) {
    std::vector<float> s(v.data(), v.data() + v.size());
    std::sort(s.begin(), s.end());
    return s;
}
}  // namespace

// Every generated image is traced back to the source slice, from its pixels alone: either a masked copy of
// one source image (fewer active pixels, the rest unchanged) or a permutation of one source image's pixels
// (scrambled). Exactly 1/11 are scrambled, the masked ones cover the classes evenly, and scrambled images have
// scattered pixels.
TEST(NonClass, ProportionsAreOneEleventhScrambled) {
    const Dataset d = test::real_slice("mnist", Split::Train, 500);
    const int count = 1100;
    const Matrix n = make_non_class_images(d, count, 5);
    ASSERT_EQ(n.rows(), count);
    ASSERT_EQ(n.cols(), 784);
    EXPECT_TRUE(n.allFinite());
    EXPECT_GE(n.minCoeff(), 0.0f);
    EXPECT_LE(n.maxCoeff(), 1.0f);
    std::vector<std::vector<float>> src_sorted;
    for (int j = 0; j < d.size(); ++j) src_sorted.push_back(sorted_pixels(d.images.row(j)));
    int scrambled = 0, masked = 0, unexplained = 0, ambiguous = 0, blank = 0, out_of_turn = 0;
    double clustered_scrambled = 0, clustered_masked = 0;
    for (int i = 0; i < count; ++i) {
        const Vector img = n.row(i);
        // Masked: a copy of a source image with active pixels erased. A heavily erased thin digit can be a
        // masked copy of several sources (a blank image of all of them): then one of them must be of the
        // class whose turn it is (masked images take the classes in turn: the k-th masked image has class k % 10).
        std::vector<int> sources;
        for (int j = 0; j < d.size(); ++j)
            if (img != d.images.row(j) && is_masked_copy(img, d.images.row(j))) sources.push_back(j);
        if (!sources.empty()) {
            const int k = masked++, turn = k % 10;
            ambiguous += sources.size() > 1;
            blank += active_pixels(img) == 0;
            bool in_turn = false;
            for (int j : sources) {
                in_turn |= int(d.labels[std::size_t(j)]) == turn;
                EXPECT_LT(active_pixels(img), active_pixels(d.images.row(j))) << "row " << i;
            }
            out_of_turn += !in_turn;
            clustered_masked += clustered_fraction(img);
            continue;
        }
        // Scrambled: the same multiset of pixel values as one source image, in another arrangement.
        const auto sp = sorted_pixels(img);
        bool perm = false;
        for (int j = 0; j < d.size() && !perm; ++j) perm = sp == src_sorted[std::size_t(j)] && img != d.images.row(j);
        if (perm) {
            ++scrambled;
            clustered_scrambled += clustered_fraction(img);
        } else {
            ++unexplained;
        }
    }
    std::printf("scrambled %d masked %d (%d with several candidate sources, %d blank) unexplained %d; active pixels "
                "with >= 3 active neighbours: scrambled %.3f masked %.3f\n", scrambled, masked, ambiguous, blank,
                unexplained, clustered_scrambled / std::max(scrambled, 1), clustered_masked / std::max(masked, 1));
    EXPECT_EQ(unexplained, 0);
    EXPECT_EQ(scrambled, count / 11);
    EXPECT_EQ(masked, count - count / 11);
    EXPECT_EQ(out_of_turn, 0);
    EXPECT_LT(ambiguous, masked / 20);
    // Scrambling scatters the strokes: few active pixels keep 3 active neighbours (masked digits: most).
    EXPECT_LT(clustered_scrambled / scrambled, 0.3);
    EXPECT_GT(clustered_masked / masked, 0.7);
    // Determinism, and a different seed gives different images (in almost every row).
    EXPECT_EQ(n, make_non_class_images(d, count, 5));
    const Matrix other = make_non_class_images(d, count, 6);
    int same_rows = 0;
    for (int i = 0; i < count; ++i) same_rows += (other.row(i) == n.row(i));
    EXPECT_LT(same_rows, count / 100);
}

// A short training on a slice must beat bounds a broken network cannot reach.
TEST(StateClassifier, ShortTrainingOnASliceLearnsDigitsAndNonDigits) {
    const Dataset train = test::real_slice("mnist", Split::Train, 2200);
    const Dataset test_set = test::real_slice("mnist", Split::Test, 500);
    ClassifierTrainOptions o;
    o.epochs = 3;
    o.batch_size = 32;
    o.validation = 200;
    o.seed = 2;
    ClassifierAccuracy acc;
    const StateClassifier c = train_state_classifier(train, test_set, o, {}, nullptr, &acc);
    std::printf("classes %.3f non-class %.3f\n", acc.test_classes, acc.test_non_class);
    EXPECT_GT(acc.test_classes, 0.75);  // chance is 1/11; all-non-class scores 0
    EXPECT_GT(acc.test_non_class, 0.80);
    const auto r = c.classify(test_set.images.topRows(5));
    for (const auto& x : r) {
        EXPECT_GE(x.probability, 0.0f);
        EXPECT_LE(x.probability, 1.0f);
        EXPECT_GE(x.entropy, 0.0f);
        EXPECT_LE(x.entropy, std::log(11.0f) + 1e-4f);
    }
    EXPECT_EQ(c.state_name(10), "non-digit");
    // Round trip through a file is bit-identical in its outputs.
    test::TempDir d;
    save_classifier(c, d.file("c.tdc"));
    const StateClassifier back = load_classifier(d.file("c.tdc"));
    EXPECT_EQ(back.probabilities(test_set.images.topRows(20)), c.probabilities(test_set.images.topRows(20)));
    EXPECT_THROW(load_classifier(d.file("missing.tdc")), IoError);
}
