// topdown_write_corpus DIR MODEL: writes every hostile model file (DIR/model_*.tdm) and session file
// (DIR/session_*.json, pointing at MODEL) of the corpus, for the GUI test that opens each one in the app.
// Also writes a session whose model file is missing. Prints the number of files written.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "corpus/hostile_corpus.hpp"
#include "session/session_file.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: topdown_write_corpus DIR MODEL\n");
        return 2;
    }
    namespace fs = std::filesystem;
    const fs::path dir = argv[1];
    fs::create_directories(dir);
    int n = 0;
    auto write = [&](const fs::path& p, const std::string& bytes) {
        std::ofstream(p, std::ios::binary) << bytes;
        ++n;
    };
    for (const auto& c : topdown::corpus::model_corpus()) write(dir / ("model_" + c.name + ".tdm"), c.bytes);
    for (const auto& c : topdown::corpus::session_corpus(argv[2])) write(dir / ("session_" + c.name + ".json"), c.bytes);
    topdown::SessionFile s;
    s.model_path = (dir / "no-such-model.tdm").string();
    write(dir / "session_model_missing.json", topdown::session_to_json(s));
    std::printf("%d\n", n);
    return 0;
}
