// The handcrafted hostile-file corpus: one case per way a model or session file can be wrong, with the text
// its typed error must contain. Shared by the unit tests (each case gives its FileFormatError) and by
// topdown_write_corpus, which writes the files for the GUI test that opens each one in the app.
#pragma once
#include <string>
#include <vector>

namespace topdown::corpus {

struct CorpusCase {
    std::string name;      // short file-name-safe identifier
    std::string bytes;     // the file's content
    std::string expected;  // a fragment of the error message
};

// The valid small model every model case is derived from (bytes of a .tdm file).
std::string good_model_bytes();
// Broken .tdm files: bad magic, versions, truncations, checksum, dimensions, header fields, arrays, NaN/Inf.
std::vector<CorpusCase> model_corpus();
// Broken session files (JSON): every field with a bad value, every field missing, non-JSON texts.
// `model_path` is written into the otherwise valid fields.
std::vector<CorpusCase> session_corpus(const std::string& model_path);

// A valid small study file (.tds: label study of a 16-8-6, 3-class model, 2 conditions of 3 chains x 4 steps).
std::string good_study_bytes();
// Broken .tds files that load_study_results / parse_study_results must reject with a FileFormatError: field
// types and ranges, arrays whose shapes disagree with their condition, the header or the other conditions,
// unexpected arrays, invalid states, files of another kind.
std::vector<CorpusCase> study_corpus();

}  // namespace topdown::corpus
