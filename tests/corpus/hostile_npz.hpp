// Hostile .npz model files: truncated archives, zip bombs (declared sizes, lying sizes, ratios), pickled object
// arrays, unsupported dtypes, shape mismatches. Each case names the fragment its FileFormatError must contain.
#pragma once
#include <string>
#include <vector>

#include "corpus/hostile_corpus.hpp"

namespace topdown::corpus {

// A valid small .npz model (12-6-4, iDBN layout, 3 classes, deflated) every case is derived from.
std::string good_npz_bytes(bool compress = true);
// A raw .npy file: the magic, version 1.0, `dict` padded to a 64-byte boundary, then `payload` as given.
std::string raw_npy(const std::string& dict, const std::string& payload);
// The broken .npz files.
std::vector<CorpusCase> npz_corpus();

}  // namespace topdown::corpus
