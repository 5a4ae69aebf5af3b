#include "data/image_folder.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "data/dataset_manifest.hpp"
#include "data/idx.hpp"
#include "data/image_decode.hpp"
#include "data/image_ops.hpp"
#include "math/random.hpp"
#include "util/atomic_file.hpp"
#include "util/checksum.hpp"
#include "util/clock.hpp"
#include "util/errors.hpp"

namespace topdown {

namespace fs = std::filesystem;

namespace {

struct Item {
    std::string file;  // relative to the source folder, for messages and the index
    fs::path path;
    int label = 0;
};

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n\"");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t\r\n\"");
    return s.substr(b, e - b + 1);
}

bool all_integers(const std::vector<std::string>& v) {
    for (const auto& s : v)
        if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) return false;
    return true;
}

// Class names sorted (numerically when every name is an integer).
std::vector<std::string> sorted_classes(std::set<std::string> names) {
    std::vector<std::string> v(names.begin(), names.end());
    if (all_integers(v)) std::sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return std::stol(a) < std::stol(b); });
    return v;
}

bool hidden(const fs::path& p) { return !p.filename().empty() && p.filename().string()[0] == '.'; }

std::vector<Item> list_by_folders(const fs::path& src, std::vector<std::string>& classes, int& loose_files) {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(src)) {
        if (hidden(e.path())) continue;
        if (e.is_directory()) names.insert(e.path().filename().string());
        else ++loose_files;
    }
    classes = sorted_classes(names);
    std::vector<Item> items;
    for (std::size_t c = 0; c < classes.size(); ++c) {
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(src / classes[c]))
            if (!hidden(e.path()) && !e.is_directory()) files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const auto& f : files) items.push_back({classes[c] + "/" + f.filename().string(), f, int(c)});
    }
    return items;
}

std::vector<Item> list_by_csv(const fs::path& src, const std::string& csv, std::vector<std::string>& classes,
                              std::vector<std::pair<std::string, std::string>>& bad) {
    const auto bytes = read_file_bounded(csv, 256ULL << 20);
    std::string text(bytes.begin(), bytes.end());
    std::vector<std::pair<std::string, std::string>> rows;
    std::size_t pos = 0;
    int line_no = 0;
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(pos, end - pos);
        pos = end + 1;
        ++line_no;
        const std::string t = trim(line);
        if (t.empty() || t[0] == '#') continue;
        const auto comma = t.find(',');
        if (comma == std::string::npos) throw DataError(csv + ":" + std::to_string(line_no) + ": expected 'file,class'");
        const std::string file = trim(t.substr(0, comma)), cls = trim(t.substr(comma + 1));
        if (rows.empty() && line_no == 1 && !fs::exists(src / file)) {
            std::string low = file;
            std::transform(low.begin(), low.end(), low.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
            if (low == "file" || low == "filename" || low == "image" || low == "image_id" || low == "path") continue;  // header
        }
        if (file.empty() || cls.empty()) throw DataError(csv + ":" + std::to_string(line_no) + ": empty file or class");
        const fs::path rel(file);
        bool escapes = rel.is_absolute();
        for (const auto& part : rel) escapes |= part == "..";
        if (escapes) throw DataError(csv + ":" + std::to_string(line_no) + ": '" + file + "' is outside the image folder");
        rows.push_back({file, cls});
    }
    std::set<std::string> names;
    for (const auto& r : rows) names.insert(r.second);
    classes = sorted_classes(names);
    std::map<std::string, int> index;
    for (std::size_t c = 0; c < classes.size(); ++c) index[classes[c]] = int(c);
    std::vector<Item> items;
    std::set<std::string> seen;
    for (const auto& [file, cls] : rows) {
        if (!seen.insert(file).second) {
            bad.push_back({file, "listed twice in the labels file"});
            continue;
        }
        items.push_back({file, src / file, index[cls]});
    }
    return items;
}

struct Decoded {
    GrayImage image;
    bool colour = false;
};

// Decodes one file into a one-channel image, or returns the reason it is unusable.
std::string decode(const Item& it, const ImageFolderOptions& o, Decoded& out) {
    std::error_code ec;
    if (!fs::is_regular_file(it.path, ec)) return "missing or not a regular file";
    const auto size = fs::file_size(it.path, ec);
    if (ec) return "cannot be read";
    if (size == 0) return "empty file (zero bytes)";
    if (size > o.max_file_bytes) return "file too large (" + std::to_string(size) + " bytes)";
    std::vector<unsigned char> bytes;
    try {
        bytes = read_file_bounded(it.path.string(), o.max_file_bytes);
    } catch (const Error& e) {
        return e.what();
    }
    return decode_gray_image(bytes, o.max_pixels, out.image, &out.colour);
}

std::string sha256_of(const std::string& bytes) {
    Sha256 s;
    s.update(bytes.data(), bytes.size());
    return s.hex_digest();
}

}  // namespace

namespace {
using LogFn = std::function<void(const std::string&)>;

// Checks the import options (size, fraction, Sauvola window, source folder, existing dataset).
void check_import_options(const ImageFolderOptions& o, const fs::path& src, const fs::path& out) {
    check_dataset_name(o.name);
    if (o.rows < 1 || o.cols < 1 || o.rows > 1024 || o.cols > 1024 || o.rows * o.cols > 65536)
        throw ArgumentError("--size must be WxH with sides 1..1024 and at most 65536 pixels");
    if (!(o.test_fraction >= 0 && o.test_fraction <= 0.9)) throw ArgumentError("--test-fraction must be in [0, 0.9]");
    if (o.sauvola && (o.sauvola_window < 3 || o.sauvola_window % 2 == 0 || o.sauvola_window > 99))
        throw ArgumentError("the Sauvola window must be an odd number 3..99");
    if (!fs::is_directory(src)) throw ArgumentError("'" + o.source + "' is not a folder");
    if (fs::exists(out) && !o.force)
        throw DataError("dataset '" + o.name + "' already exists in '" + o.data_dir + "' (use --force to replace it)");
}

// Lists the images (by class subfolder or by labels CSV) and checks the class count.
std::vector<Item> list_items(const ImageFolderOptions& o, const fs::path& src, std::vector<std::string>& classes,
                             ImageFolderReport& rep, const LogFn& log) {
    std::vector<Item> items;
    int loose = 0;
    if (o.labels_csv.empty()) {
        items = list_by_folders(src, classes, loose);
        if (classes.empty()) throw DataError("'" + o.source + "' has no class subfolders (one folder per class, or pass --labels FILE.csv)");
        if (loose > 0) log("note: " + std::to_string(loose) + " files directly in the folder are not in a class subfolder and were ignored");
    } else {
        items = list_by_csv(src, o.labels_csv, classes, rep.skipped);
    }
    if (classes.size() < 2) throw DataError("a dataset needs at least 2 classes (found " + std::to_string(classes.size()) + ")");
    if (classes.size() > 255) throw DataError("at most 255 classes are supported (found " + std::to_string(classes.size()) + ")");
    log("reading " + std::to_string(items.size()) + " images in " + std::to_string(classes.size()) + " classes");
    return items;
}

// The usable images, converted to the output size, with their labels and source files.
struct Converted {
    std::vector<std::vector<std::uint8_t>> pixels;
    std::vector<int> labels;
    std::vector<std::string> files;
};

// Decodes, converts, resizes and binarises every item; unusable ones go to rep.skipped.
Converted convert_items(const std::vector<Item>& items, const ImageFolderOptions& o, std::size_t dim, ImageFolderReport& rep) {
    Converted cv;
    int expected_colour = -1;
    std::string first_file;
    for (const auto& it : items) {
        Decoded d;
        std::string why = decode(it, o, d);
        if (why.empty()) {
            if (expected_colour < 0) {
                expected_colour = d.colour ? 1 : 0;
                first_file = it.file;
            } else if (int(d.colour) != expected_colour) {
                why = std::string("mixed channel counts: a ") + (d.colour ? "colour" : "gray") + " image where '" + first_file +
                      "' is " + (expected_colour ? "colour" : "gray");
            }
            if (why.empty() && d.colour && !o.gray) why = "colour image (TopDown models one-channel images: pass --gray to convert)";
        }
        if (!why.empty()) {
            rep.skipped.push_back({it.file, why});
            continue;
        }
        GrayImage g = (d.image.rows == o.rows && d.image.cols == o.cols) ? d.image : resize_area(d.image, o.rows, o.cols);
        if (o.sauvola) g = binarize_sauvola(g, o.sauvola_window, o.sauvola_k);
        std::vector<std::uint8_t> px(dim);
        for (std::size_t i = 0; i < dim; ++i) px[i] = static_cast<std::uint8_t>(std::lround(std::clamp(g.pixels[i], 0.0f, 1.0f) * 255.0f));
        cv.pixels.push_back(std::move(px));
        cv.labels.push_back(it.label);
        cv.files.push_back(it.file);
    }
    return cv;
}

// Logs the skipped images and throws when bad images are to be rejected.
void report_bad_images(const ImageFolderOptions& o, const ImageFolderReport& rep, const LogFn& log) {
    for (const auto& [f, why] : rep.skipped) log("bad image '" + f + "': " + why);
    if (!rep.skipped.empty() && o.reject_bad) {
        std::string list;
        for (std::size_t i = 0; i < rep.skipped.size() && i < 20; ++i) list += "\n  " + rep.skipped[i].first + ": " + rep.skipped[i].second;
        if (rep.skipped.size() > 20) list += "\n  ... and " + std::to_string(rep.skipped.size() - 20) + " more";
        throw DataError(std::to_string(rep.skipped.size()) + " bad images (nothing written; drop --reject-bad to skip them):" + list);
    }
}

// Image indices per class; throws when a class has no usable image.
std::vector<std::vector<std::size_t>> group_by_class(const std::vector<int>& labels, const std::vector<std::string>& classes) {
    std::vector<std::vector<std::size_t>> by_class(classes.size());
    for (std::size_t i = 0; i < labels.size(); ++i) by_class[std::size_t(labels[i])].push_back(i);
    for (std::size_t c = 0; c < classes.size(); ++c)
        if (by_class[c].empty()) throw DataError("class '" + classes[c] + "' has no usable images");
    return by_class;
}

// Stratified split: per class, a seeded shuffle, then round(n * fraction) images to the test set.
nlohmann::json stratified_split(const std::vector<std::vector<std::size_t>>& by_class, const std::vector<std::string>& classes,
                                double test_fraction, CounterRng& rng, std::vector<std::size_t>& train, std::vector<std::size_t>& test) {
    nlohmann::json counts = nlohmann::json::object();
    for (std::size_t c = 0; c < classes.size(); ++c) {
        std::vector<std::uint32_t> idx(by_class[c].size());
        for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = std::uint32_t(i);
        shuffle_indices(idx.data(), idx.size(), rng);
        const std::size_t n = idx.size();
        std::size_t n_test = std::size_t(std::llround(double(n) * test_fraction));
        if (test_fraction > 0 && n >= 2 && n_test == 0) n_test = 1;
        if (n_test >= n) n_test = n > 1 ? n - 1 : 0;
        for (std::size_t i = 0; i < n; ++i) (i < n_test ? test : train).push_back(by_class[c][idx[i]]);
        counts[classes[c]] = {{"train", n - n_test}, {"test", n_test}};
    }
    if (test.empty()) throw DataError("the test split is empty (raise --test-fraction or add images)");
    return counts;
}

// Mixed class order inside each split (training reads mini-batches in file order when not shuffling).
void mix_splits(std::vector<std::size_t>& train, std::vector<std::size_t>& test, CounterRng& rng) {
    for (auto* split : {&train, &test}) {
        std::vector<std::uint32_t> perm(split->size());
        for (std::size_t i = 0; i < perm.size(); ++i) perm[i] = std::uint32_t(i);
        shuffle_indices(perm.data(), perm.size(), rng);
        std::vector<std::size_t> mixed(split->size());
        for (std::size_t i = 0; i < perm.size(); ++i) mixed[i] = (*split)[perm[i]];
        *split = std::move(mixed);
    }
}

// Encodes the IDX files of both splits and the index.csv, keyed by file name.
std::map<std::string, std::string> encode_outputs(const Converted& cv, const std::vector<std::size_t>& train,
                                                  const std::vector<std::size_t>& test, const ImageFolderOptions& o, std::size_t dim) {
    std::map<std::string, std::string> outputs;
    std::string index = "split,index,file,class\n";
    auto encode = [&](const std::vector<std::size_t>& split, const std::string& prefix, const char* split_name) {
        IdxImages im{std::uint32_t(split.size()), std::uint32_t(o.rows), std::uint32_t(o.cols), {}};
        im.pixels.reserve(split.size() * dim);
        std::vector<std::uint8_t> lab;
        for (std::size_t i = 0; i < split.size(); ++i) {
            const std::size_t j = split[i];
            im.pixels.insert(im.pixels.end(), cv.pixels[j].begin(), cv.pixels[j].end());
            lab.push_back(std::uint8_t(cv.labels[j]));
            std::string f = cv.files[j];
            std::replace(f.begin(), f.end(), ',', ';');
            index += std::string(split_name) + "," + std::to_string(i) + "," + f + "," + std::to_string(cv.labels[j]) + "\n";
        }
        outputs[prefix + "-images-idx3-ubyte"] = encode_idx_images(im);
        outputs[prefix + "-labels-idx1-ubyte"] = encode_idx_labels(lab);
    };
    encode(train, "train", "train");
    encode(test, "t10k", "test");
    outputs["index.csv"] = index;
    return outputs;
}

// The dataset manifest: provenance, shape, classes, counts, options, skipped files and SHA-256 sums.
nlohmann::json build_manifest(const ImageFolderOptions& o, const fs::path& src, const std::vector<std::string>& classes,
                              const nlohmann::json& counts, std::size_t n_train, std::size_t n_test, const ImageFolderReport& rep,
                              const std::map<std::string, std::string>& outputs) {
    nlohmann::json m;
    m["format"] = "topdown-dataset";
    m["version"] = 1;
    m["name"] = o.name;
    m["source"] = fs::absolute(src).lexically_normal().string();
    m["labels_csv"] = o.labels_csv.empty() ? nlohmann::json(nullptr) : nlohmann::json(fs::absolute(o.labels_csv).string());
    m["image_shape"] = {o.rows, o.cols};
    m["class_names"] = classes;
    m["counts"] = counts;
    m["train"] = n_train;
    m["test"] = n_test;
    m["options"] = {{"size", std::to_string(o.cols) + "x" + std::to_string(o.rows)}, {"gray", o.gray},
                    {"binarize", o.sauvola ? "sauvola" : "none"}, {"sauvola_window", o.sauvola_window},
                    {"sauvola_k", o.sauvola_k}, {"resize", "area"}, {"test_fraction", o.test_fraction},
                    {"seed", o.seed}, {"bad_images", o.reject_bad ? "reject" : "skip"}};
    nlohmann::json skipped = nlohmann::json::array();
    for (const auto& [f, why] : rep.skipped) skipped.push_back({{"file", f}, {"reason", why}});
    m["skipped"] = skipped;
    nlohmann::json sums = nlohmann::json::object();
    for (const auto& [f, bytes] : outputs) sums[f] = sha256_of(bytes);
    m["sha256"] = sums;
    m["created"] = iso8601_now();
    return m;
}

// Writes the outputs and manifest into a fresh temporary folder and renames it into place.
void write_dataset(const ImageFolderOptions& o, const fs::path& data, const fs::path& out,
                   const std::map<std::string, std::string>& outputs, const nlohmann::json& m) {
    fs::create_directories(data);
    std::string tmpl = (data / ("." + o.name + ".import-XXXXXX")).string();
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (!::mkdtemp(buf.data())) throw IoError("cannot create a temporary folder in '" + o.data_dir + "'");
    const fs::path tmp(buf.data());
    try {
        for (const auto& [f, bytes] : outputs) write_file_atomic((tmp / f).string(), bytes);
        write_file_atomic((tmp / "manifest.json").string(), m.dump(2) + "\n");
        fs::permissions(tmp, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec | fs::perms::others_read | fs::perms::others_exec);
        if (fs::exists(out)) {
            if (!o.force) throw DataError("dataset '" + o.name + "' appeared while importing; not replaced");
            const fs::path old = data / ("." + o.name + ".replaced");
            fs::remove_all(old);
            fs::rename(out, old);
            fs::rename(tmp, out);
            fs::remove_all(old);
        } else {
            fs::rename(tmp, out);
        }
    } catch (const fs::filesystem_error& e) {
        std::error_code ec;
        fs::remove_all(tmp, ec);
        throw IoError(std::string("cannot write the dataset: ") + e.what());
    } catch (...) {
        std::error_code ec;
        fs::remove_all(tmp, ec);
        throw;
    }
}

// Imports the folder without translating filesystem errors (import_image_folder does that).
ImageFolderReport import_image_folder_unchecked(const ImageFolderOptions& o) {
    const fs::path src(o.source);
    const fs::path data(o.data_dir), out = data / o.name;
    check_import_options(o, src, out);
    const LogFn log = [&](const std::string& s) {
        if (o.log) o.log(s);
    };

    ImageFolderReport rep;
    std::vector<std::string> classes;
    const std::vector<Item> items = list_items(o, src, classes, rep, log);

    const std::size_t dim = std::size_t(o.rows) * std::size_t(o.cols);
    const Converted cv = convert_items(items, o, dim, rep);
    report_bad_images(o, rep, log);
    const auto by_class = group_by_class(cv.labels, classes);

    CounterRng rng(o.seed, 0);
    std::vector<std::size_t> train, test;
    const nlohmann::json counts = stratified_split(by_class, classes, o.test_fraction, rng, train, test);
    mix_splits(train, test, rng);

    const auto outputs = encode_outputs(cv, train, test, o, dim);
    const nlohmann::json m = build_manifest(o, src, classes, counts, train.size(), test.size(), rep, outputs);
    write_dataset(o, data, out, outputs, m);
    rep.out_dir = out.string();
    rep.class_names = classes;
    rep.train = int(train.size());
    rep.test = int(test.size());
    rep.manifest = m;
    return rep;
}
}  // namespace

ImageFolderReport import_image_folder(const ImageFolderOptions& options) {
    try {
        return import_image_folder_unchecked(options);
    } catch (const fs::filesystem_error& e) {
        throw IoError(std::string("cannot read or write a file: ") + e.what());
    }
}

bool imported_dataset_verified(const std::string& name, const std::string& dir, std::string* why) {
    try {
        const nlohmann::json m = read_dataset_manifest(name, dir);
        if (!m.contains("sha256") || !m["sha256"].is_object()) throw DataError("the manifest lists no SHA-256 sums");
        for (const auto& [f, sum] : m["sha256"].items()) {
            if (f.find('/') != std::string::npos || f.empty() || f[0] == '.') throw DataError("the manifest names an odd file '" + f + "'");
            const std::string path = (fs::path(dir) / name / f).string();
            if (!fs::exists(path)) throw DataError(f + " is missing");
            if (sha256_file(path) != sum.get<std::string>()) throw DataError(f + " does not match its SHA-256 in the manifest");
        }
        return true;
    } catch (const std::exception& e) {
        if (why) *why = e.what();
        return false;
    }
}

}  // namespace topdown
