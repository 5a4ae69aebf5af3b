// Typed errors thrown by topdown_core. Every message is written for a person, not a programmer.
#pragma once
#include <stdexcept>
#include <string>

namespace topdown {

// Base of every error the core throws on purpose.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A file we read is damaged, of the wrong kind, or from an unsupported version.
class FileFormatError : public Error {
public:
    using Error::Error;
};

// A file could not be opened, read or written (missing, permissions, disk full).
class IoError : public Error {
public:
    using Error::Error;
};

// Data is missing or does not match what was pinned (run `topdown-cli data fetch`).
class DataError : public Error {
public:
    using Error::Error;
};

// A caller passed an invalid argument (bad class index, k out of range, mismatched sizes).
class ArgumentError : public Error {
public:
    using Error::Error;
};

// A long task was cancelled by the user.
class CancelledError : public Error {
public:
    using Error::Error;
};

}  // namespace topdown
