// Child processes of a sweep (POSIX): start a program with its output appended to a log file, wait for it,
// and read its exit status, wall time and peak memory.
#pragma once
#include <sys/types.h>

#include <string>
#include <vector>

namespace topdown {

struct ProcessEnd {
    int pid = 0;
    int exit_code = -1;       // exit status, or 128 + signal
    double wall_seconds = 0;  // measured by the caller (wait_process / run_process)
    long max_rss_kb = 0;      // peak resident memory of the child
};

// Starts `argv` (argv[0] a path) with stdin from /dev/null and stdout + stderr appended to `log_path` (created
// with its folder). Throws IoError when it cannot start.
pid_t start_process(const std::vector<std::string>& argv, const std::string& log_path);

// Waits for any child (pid -1) or one child; returns its end (wall time left 0). Throws IoError without children.
ProcessEnd wait_process(pid_t pid = -1);

// Starts and waits for one process; fills wall_seconds.
ProcessEnd run_process(const std::vector<std::string>& argv, const std::string& log_path);

// Runs a shell-free command and returns its stdout (stderr to `log_path` if given, else inherited) and exit code.
int capture_process(const std::vector<std::string>& argv, std::string* out, const std::string& stdin_text = "");

// Runs `argv` (searched in PATH) with this process's stdin, stdout and stderr; returns its exit code (127: it
// could not be started).
int run_foreground(const std::vector<std::string>& argv);

// The absolute path of the running executable (/proc/self/exe).
std::string self_executable();

}  // namespace topdown
