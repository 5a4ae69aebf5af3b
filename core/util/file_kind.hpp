// What kind of TopDown file a file is, told by its content (magic bytes and header), never by its name:
// the binary container ("TOPDOWN\0" + JSON header whose "kind" is model / classifier / study-results) or a
// session file (a JSON object whose "format" is "topdown-session").
#pragma once
#include <cstddef>
#include <string>

namespace topdown {

enum class FileKind { Model, Classifier, Study, Session, Unknown };

// The kind of the bytes of a file (a prefix holding the container header is enough). For Unknown, `why`
// (if given) receives a sentence for people (e.g. "a TopDown container of kind 'x' this version does not know").
FileKind identify_file_kind(const unsigned char* data, std::size_t size, std::string* why = nullptr);

// The kind of a file on disk (reads at most its first 1 MiB + 64 bytes). Throws IoError if it cannot be read.
FileKind identify_file(const std::string& path, std::string* why = nullptr);

// "model", "classifier", "study", "session" or "unknown".
const char* file_kind_name(FileKind kind);

// The usual extension: ".tdm", ".tdc", ".tds", ".json" or "".
const char* file_kind_extension(FileKind kind);

}  // namespace topdown
