// NumPy interchange (issue 17): the .npy subset, .npz archives (stored and deflated, with zip-bomb caps), model
// import/export in both weight orientations, files written by NumPy itself, and the hostile .npz corpus.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "corpus/hostile_npz.hpp"
#include "io/model_npz.hpp"
#include "io/npy.hpp"
#include "io/npz.hpp"
#include "model/model_file.hpp"
#include "session/model_info.hpp"
#include "test_support.hpp"
#include "util/errors.hpp"

using namespace topdown;

namespace {

// A .npy file with a hand-written header and payload (bytes given explicitly).
std::string npy(const std::string& dict, const std::string& payload) { return corpus::raw_npy(dict, payload); }

NpyArray parse(const std::string& b) { return parse_npy(reinterpret_cast<const unsigned char*>(b.data()), b.size(), "t"); }

std::string be_f64(double v) {
    unsigned char b[8];
    std::memcpy(b, &v, 8);
    std::string s;
    for (int i = 7; i >= 0; --i) s += char(b[i]);
    return s;
}

// A 12-6-4 model with every optional part, values from the project's seeded stream.
Dbn full_model() {
    Dbn m = Dbn::with_architecture({12, 6, 4});
    for (std::size_t l = 0; l < m.layers.size(); ++l) {
        auto& L = m.layers[l];
        L.W = test::seeded_uniform(L.W.rows(), L.W.cols(), 10 + l, -1, 1);
        L.a = test::seeded_uniform(1, L.a.cols(), 20 + l, -1, 1);
        L.b = test::seeded_uniform(1, L.b.cols(), 30 + l, -1, 1);
    }
    m.class_names = {"zero", "un", "zwei"};
    m.dataset = "letters";
    m.label_biasing = test::seeded_uniform(3, 4, 40, -2, 2);
    m.k = 2;
    m.readout_accuracy = 0.8125;
    m.image_rows = 3;
    m.image_cols = 4;
    m.pca.mean = test::seeded_uniform(1, 10, 50);
    m.pca.components = test::seeded_uniform(2, 10, 51);
    m.pca.explained = test::seeded_uniform(1, 2, 52);
    m.training = {{"recipe", "idbn2025"}, {"seed", 3}};
    m.created = "2026-12-01T18:00:00Z";
    return m;
}

std::string tdm_bytes(const Dbn& m) { return encode_tensor_file(model_to_tensor_file(m)); }

Dbn from_npz_bytes(const std::string& b, const NpzImportOptions& o = {}, std::vector<std::string>* notes = nullptr) {
    return model_from_npz(parse_npz(reinterpret_cast<const unsigned char*>(b.data()), b.size(), "t"), "t", o, notes);
}

}  // namespace

TEST(Npy, ReadsLittleEndianFloat32InCOrder) {
    std::string payload;
    const float v[6] = {1.5f, -2.0f, 0.25f, 3.0f, 4.0f, -0.125f};
    payload.append(reinterpret_cast<const char*>(v), sizeof v);
    const NpyArray a = parse(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }", payload));
    ASSERT_EQ(a.shape, (std::vector<std::uint64_t>{2, 3}));
    EXPECT_EQ(a.values, (std::vector<double>{1.5, -2.0, 0.25, 3.0, 4.0, -0.125}));
}

TEST(Npy, ReadsBigEndianFloat64InFortranOrderAsCOrder) {
    // Fortran order lists the first index fastest: memory a00 a10 a01 a11 a02 a12 for a 2x3 array.
    std::string payload;
    for (double v : {0.0, 10.0, 1.0, 11.0, 2.0, 12.0}) payload += be_f64(v);
    const NpyArray a = parse(npy("{'descr': '>f8', 'fortran_order': True, 'shape': (2, 3), }", payload));
    EXPECT_EQ(a.values, (std::vector<double>{0, 1, 2, 10, 11, 12}));
}

TEST(Npy, ReadsSignedAndUnsignedIntegersOfEveryWidth) {
    EXPECT_EQ(parse(npy("{'descr': '>i2', 'fortran_order': False, 'shape': (2,), }", std::string("\xFF\xFE\x01\x00", 4))).values,
              (std::vector<double>{-2, 256}));
    EXPECT_EQ(parse(npy("{'descr': '|u1', 'fortran_order': False, 'shape': (2,), }", std::string("\xFF\x07", 2))).values,
              (std::vector<double>{255, 7}));
    EXPECT_EQ(parse(npy("{'descr': '<i8', 'fortran_order': False, 'shape': (), }", std::string("\xFB\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8))).values,
              (std::vector<double>{-5}));
}

TEST(Npy, ReadsUnicodeAndByteStrings) {
    std::string u;  // '<U2': "ab", "é" (U+00E9) padded with a NUL code point
    for (std::uint32_t cp : {0x61u, 0x62u, 0xE9u, 0u}) u.append(reinterpret_cast<const char*>(&cp), 4);
    const NpyArray a = parse(npy("{'descr': '<U2', 'fortran_order': False, 'shape': (2,), }", u));
    EXPECT_EQ(a.strings, (std::vector<std::string>{"ab", "\xC3\xA9"}));
    EXPECT_EQ(parse(npy("{'descr': '|S3', 'fortran_order': False, 'shape': (1,), }", std::string("hi\0", 3))).strings,
              (std::vector<std::string>{"hi"}));
}

TEST(Npy, EncodersRoundTripThroughTheParser) {
    const float v[4] = {1, 2, 3, 4};
    const std::string f = encode_npy_f32({2, 2}, v);
    EXPECT_EQ(f.size() % 64, 16u);  // 64-byte-aligned header, then 16 bytes of data
    EXPECT_EQ(parse(f).values, (std::vector<double>{1, 2, 3, 4}));
    EXPECT_EQ(parse(encode_npy_i64({}, {-7})).values, (std::vector<double>{-7}));
    EXPECT_EQ(parse(encode_npy_strings({"T-shirt/top", "\xC3\xA9t\xC3\xA9"})).strings,
              (std::vector<std::string>{"T-shirt/top", "\xC3\xA9t\xC3\xA9"}));
}

TEST(Npy, RejectsObjectArraysWithoutUnpickling) {
    try {
        parse(npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }", "\x80\x04\x95"));
        FAIL();
    } catch (const FileFormatError& e) {
        EXPECT_NE(std::string(e.what()).find("never unpickles"), std::string::npos) << e.what();
    }
}

TEST(Zip, StoredAndDeflatedArchivesRoundTrip) {
    const std::vector<ZipMember> m = {{"a.npy", std::string(5000, 'a')}, {"b.npy", "xyz"}};
    for (bool compress : {false, true}) {
        const std::string z = write_zip(m, compress);
        if (compress) EXPECT_LT(z.size(), 1000u);
        else EXPECT_GT(z.size(), 5003u);
        const auto back = read_zip(reinterpret_cast<const unsigned char*>(z.data()), z.size(), "z");
        ASSERT_EQ(back.size(), 2u);
        EXPECT_EQ(back[0].name, "a.npy");
        EXPECT_EQ(back[0].bytes, m[0].bytes);
        EXPECT_EQ(back[1].bytes, "xyz");
    }
}

TEST(Zip, CapsRefuseLargeMembersAndHighRatiosBeforeInflating) {
    const std::string z = write_zip({{"w.npy", std::string(2 << 20, '\0')}}, true);
    const auto* d = reinterpret_cast<const unsigned char*>(z.data());
    ZipLimits member;
    member.max_member_bytes = 1 << 20;
    EXPECT_THROW(read_zip(d, z.size(), "z", member), FileFormatError);
    ZipLimits total;
    total.max_total_bytes = 1 << 20;
    EXPECT_THROW(read_zip(d, z.size(), "z", total), FileFormatError);
    ZipLimits ratio;
    ratio.ratio_floor = 1 << 20;
    ratio.max_ratio = 100;  // 2 MB of zeros deflate about 1000:1
    try {
        read_zip(d, z.size(), "z", ratio);
        FAIL();
    } catch (const FileFormatError& e) {
        EXPECT_NE(std::string(e.what()).find("compression ratio"), std::string::npos) << e.what();
    }
    EXPECT_NO_THROW(read_zip(d, z.size(), "z"));  // the defaults accept it
}

TEST(ModelNpz, ExportThenImportIsExactForStoredAndDeflated) {
    const Dbn m = full_model();
    for (bool compress : {false, true}) {
        const Dbn back = from_npz_bytes(model_to_npz(m, compress));
        EXPECT_EQ(tdm_bytes(back), tdm_bytes(m)) << "compress " << compress;
        EXPECT_EQ(back.image_rows, 3);
        EXPECT_EQ(back.layers[0].W, m.layers[0].W);
    }
}

TEST(ModelNpz, ExportWritesTheIdbnLayout) {
    const Dbn m = full_model();
    const std::string b = model_to_npz(m, true);
    const NpzArrays a = parse_npz(reinterpret_cast<const unsigned char*>(b.data()), b.size(), "t");
    const NpyArray& w1 = a.at("W1");
    ASSERT_EQ(w1.shape, (std::vector<std::uint64_t>{6, 12}));  // W[n_out, n_in]
    EXPECT_EQ(w1.values[std::size_t(2 * 12 + 7)], double(m.layers[0].W(7, 2)));
    EXPECT_EQ(a.at("a1").shape, (std::vector<std::uint64_t>{1, 12}));
    EXPECT_EQ(a.at("b1").shape, (std::vector<std::uint64_t>{1, 6}));
    EXPECT_EQ(a.at("class_names").strings, m.class_names);
    EXPECT_EQ(a.at("image_shape").values, (std::vector<double>{3, 4}));
}

TEST(ModelNpz, DetectsBothOrientationsByShape) {
    // W[n_out=2, n_in=3] with element (o, i) = 10 o + i, and the same weights as vishid[3, 2].
    const float out_in[6] = {0, 1, 2, 10, 11, 12};
    const float in_out[6] = {0, 10, 1, 11, 2, 12};
    const float a[3] = {0.5f, 0.25f, 0.125f}, b[2] = {-1, -2};
    std::map<std::string, std::string> idbn{{"W1", encode_npy_f32({2, 3}, out_in)}, {"a1", encode_npy_f32({1, 3}, a)},
                                            {"b1", encode_npy_f32({1, 2}, b)}};
    std::map<std::string, std::string> rbm{{"vishid", encode_npy_f32({3, 2}, in_out)}, {"visbiases", encode_npy_f32({3}, a)},
                                           {"hidbiases", encode_npy_f32({2}, b)}};
    NpzImportOptions o;
    o.class_names = {"x", "y"};
    for (const auto* files : {&idbn, &rbm}) {
        const Dbn m = from_npz_bytes(encode_npz(*files, false), o);
        ASSERT_EQ(m.architecture(), (std::vector<int>{3, 2}));
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 2; ++j) EXPECT_EQ(m.layers[0].W(i, j), float(10 * j + i));  // TopDown stores W[n_in, n_out]
        EXPECT_EQ(m.layers[0].a(2), 0.125f);
        EXPECT_EQ(m.layers[0].b(1), -2.0f);
    }
}

TEST(ModelNpz, SquareLayersFollowTheirNameOrTheForcedOrientation) {
    const float w[4] = {1, 2, 3, 4}, z[2] = {0, 0};
    std::map<std::string, std::string> f{{"W1", encode_npy_f32({2, 2}, w)}, {"a1", encode_npy_f32({2}, z)}, {"b1", encode_npy_f32({2}, z)}};
    NpzImportOptions o;
    o.class_names = {"x", "y"};
    std::vector<std::string> notes;
    Dbn m = from_npz_bytes(encode_npz(f, false), o, &notes);
    EXPECT_EQ(m.layers[0].W(0, 1), 3.0f);  // W1 is [n_out, n_in]: transposed
    ASSERT_FALSE(notes.empty());
    EXPECT_NE(notes[0].find("by its name"), std::string::npos);
    o.orientation = WeightOrientation::InOut;
    m = from_npz_bytes(encode_npz(f, false), o);
    EXPECT_EQ(m.layers[0].W(0, 1), 2.0f);
    // A forced orientation that the shapes contradict is a typed error.
    const float w23[6] = {0, 0, 0, 0, 0, 0}, a3[3] = {0, 0, 0};
    std::map<std::string, std::string> g{{"W1", encode_npy_f32({2, 3}, w23)}, {"a1", encode_npy_f32({3}, a3)}, {"b1", encode_npy_f32({2}, z)}};
    o.orientation = WeightOrientation::InOut;
    EXPECT_THROW(from_npz_bytes(encode_npz(g, false), o), FileFormatError);
}

TEST(ModelNpz, WithoutClassNamesOrMTheDatasetMustBeNamed) {
    const float w[6] = {0, 1, 2, 3, 4, 5}, a[3] = {0, 0, 0}, b[2] = {0, 0};
    std::map<std::string, std::string> f{{"W1", encode_npy_f32({2, 3}, w)}, {"a1", encode_npy_f32({3}, a)}, {"b1", encode_npy_f32({2}, b)}};
    EXPECT_THROW(from_npz_bytes(encode_npz(f, false)), ArgumentError);
}

TEST(HostileNpzFiles, EachCaseGivesItsTypedError) {
    const std::string good = corpus::good_npz_bytes();
    EXPECT_NO_THROW(parse_npz_model(reinterpret_cast<const unsigned char*>(good.data()), good.size(), "good"));
    const auto cases = corpus::npz_corpus();
    EXPECT_GE(cases.size(), 30u);
    for (const auto& c : cases) {
        try {
            parse_npz_model(reinterpret_cast<const unsigned char*>(c.bytes.data()), c.bytes.size(), c.name);
            ADD_FAILURE() << c.name << ": loaded";
        } catch (const FileFormatError& e) {
            EXPECT_NE(std::string(e.what()).find(c.expected), std::string::npos) << c.name << ": " << e.what();
        } catch (const std::exception& e) {
            ADD_FAILURE() << c.name << ": untyped error " << e.what();
        }
    }
}

// Files written by NumPy itself (/usr/bin/python3 with python3-numpy from Debian; the PATH python may lack it).
TEST(NumpyWrittenNpz, BothOrientationsAndCompressionsLoadWithTheirValues) {
    if (std::system("/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "python3-numpy is missing for /usr/bin/python3 (apt-get install python3-numpy; scripts/setup.sh does)";
    test::TempDir d;
    // W_l[o, i] = ((7 o + 3 i + l) % 11) / 10 - 0.5 in the iDBN layout; the RBM files hold the transpose.
    const std::string script = d.file("make.py");
    std::ofstream(script) << R"PY(
import numpy as np, sys
out = sys.argv[1]
sizes = [20, 9, 5]
def W(l, n_in, n_out):
    o, i = np.meshgrid(np.arange(n_out), np.arange(n_in), indexing='ij')
    return ((7 * o + 3 * i + l) % 11) / 10.0 - 0.5
idbn, rbm = {}, {}
for l in range(2):
    n_in, n_out = sizes[l], sizes[l + 1]
    w = W(l + 1, n_in, n_out)
    a = (np.arange(n_in) / 8.0 - 1.0).reshape(1, n_in)
    b = (np.arange(n_out) / 4.0).reshape(1, n_out)
    idbn['W%d' % (l + 1)] = w.astype(np.float32); idbn['a%d' % (l + 1)] = a.astype(np.float32); idbn['b%d' % (l + 1)] = b.astype(np.float32)
    rbm['vishid%d' % (l + 1)] = np.asfortranarray(w.T).astype('>f8'); rbm['visbiases%d' % (l + 1)] = a.ravel().astype('>f8'); rbm['hidbiases%d' % (l + 1)] = b.ravel()
for d in (idbn, rbm):
    d['M'] = (np.arange(15).reshape(3, 5) / 2.0).astype(np.float32)
    d['class_names'] = np.array(['cat', 'dog', 'owl'])
    d['image_shape'] = np.array([4, 5])
np.savez(out + '/idbn_stored.npz', **idbn)
np.savez_compressed(out + '/idbn_deflate.npz', **idbn)
np.savez(out + '/rbm_stored.npz', **rbm)
np.savez_compressed(out + '/rbm_deflate.npz', **rbm)
np.savez(out + '/pickled.npz', W1=np.array([{'a': 1}, None], dtype=object))
)PY";
    ASSERT_EQ(std::system(("/usr/bin/python3 " + script + " " + d.path.string()).c_str()), 0);
    const int sizes[3] = {20, 9, 5};
    for (const char* f : {"idbn_stored", "idbn_deflate", "rbm_stored", "rbm_deflate"}) {
        SCOPED_TRACE(f);
        const Dbn m = import_npz_model(d.file(std::string(f) + ".npz"));
        ASSERT_EQ(m.architecture(), (std::vector<int>{20, 9, 5}));
        EXPECT_EQ(m.class_names, (std::vector<std::string>{"cat", "dog", "owl"}));
        EXPECT_EQ(m.image_rows, 4);
        EXPECT_EQ(m.image_cols, 5);
        for (int l = 0; l < 2; ++l)
            for (int i = 0; i < sizes[l]; ++i) {
                for (int o = 0; o < sizes[l + 1]; ++o)
                    ASSERT_EQ(m.layers[std::size_t(l)].W(i, o), float(((7 * o + 3 * i + l + 1) % 11) / 10.0 - 0.5)) << l << " " << i << " " << o;
                ASSERT_EQ(m.layers[std::size_t(l)].a(i), float(i / 8.0 - 1.0));
            }
        EXPECT_EQ(m.layers[1].b(3), 0.75f);
        EXPECT_EQ(m.label_biasing(2, 4), 7.0f);
    }
    try {
        import_npz_model(d.file("pickled.npz"));
        FAIL() << "an object array loaded";
    } catch (const FileFormatError& e) {
        EXPECT_NE(std::string(e.what()).find("never unpickles"), std::string::npos) << e.what();
    }
}

TEST(NumpyWrittenNpz, NumpyReadsOurExportAndItsResaveImportsExactly) {
    if (std::system("/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1") != 0)
        GTEST_SKIP() << "python3-numpy is missing for /usr/bin/python3 (apt-get install python3-numpy; scripts/setup.sh does)";
    test::TempDir d;
    const Dbn m = full_model();
    export_npz_model(m, d.file("ours.npz"), true);
    const std::string cmd = "/usr/bin/python3 -c \"import numpy as np; z = np.load('" + d.file("ours.npz") +
                            "'); assert z['W1'].shape == (6, 12) and z['W1'].dtype == np.float32; assert list(z['class_names']) == "
                            "['zero', 'un', 'zwei']; np.savez('" + d.file("resaved.npz") + "', **{k: z[k] for k in z.files})\"";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
    EXPECT_EQ(tdm_bytes(import_npz_model(d.file("resaved.npz"))), tdm_bytes(m));
}

// The app loads models through load_session_model: an .npz opens like a .tdm, and the visible layer keeps the
// stored non-square shape (3 x 4 here; without the stored shape 12 units would be drawn as one 1 x 12 row).
TEST(ModelNpz, TheAppsModelLoaderOpensNpzWithItsImageShape) {
    test::TempDir d;
    export_npz_model(full_model(), d.file("m.npz"), true);
    const SessionModel s = load_session_model(d.file("m.npz"));
    ASSERT_TRUE(s.info);
    EXPECT_EQ(s.info->image_rows, 3);
    EXPECT_EQ(s.info->image_cols, 4);
    EXPECT_EQ(s.info->model->class_names, (std::vector<std::string>{"zero", "un", "zwei"}));
    std::ofstream(d.file("bad.npz")) << "not a zip";
    EXPECT_THROW(load_session_model(d.file("bad.npz")), FileFormatError);
}
