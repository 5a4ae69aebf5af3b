// fork/exec/wait4 for sweep tasks.
#include "sweep/sweep_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "util/errors.hpp"

namespace topdown {

namespace fs = std::filesystem;

namespace {
// In a forked child before exec: no signal blocked (topdown-cli blocks SIGINT in its threads and takes it
// synchronously; the programs it starts must get Ctrl-C as usual). Async-signal-safe.
void unblock_all_signals() {
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
}

std::vector<char*> c_argv(const std::vector<std::string>& argv) {
    std::vector<char*> v;
    for (const auto& a : argv) v.push_back(const_cast<char*>(a.c_str()));
    v.push_back(nullptr);
    return v;
}
}  // namespace

pid_t start_process(const std::vector<std::string>& argv, const std::string& log_path) {
    if (argv.empty()) throw IoError("no program to start");
    if (!fs::path(log_path).parent_path().empty()) fs::create_directories(fs::path(log_path).parent_path());
    const int log = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (log < 0) throw IoError("cannot open log file " + log_path + ": " + std::strerror(errno));
    auto args = c_argv(argv);
    const pid_t pid = ::fork();
    if (pid < 0) {
        ::close(log);
        throw IoError(std::string("cannot start a process: ") + std::strerror(errno));
    }
    if (pid == 0) {
        unblock_all_signals();
        const int devnull = ::open("/dev/null", O_RDONLY);
        if (devnull >= 0) ::dup2(devnull, 0);
        ::dup2(log, 1);
        ::dup2(log, 2);
        ::execv(args[0], args.data());
        const char* msg = "cannot execute the program\n";
        (void)!::write(2, msg, std::strlen(msg));
        ::_exit(127);
    }
    ::close(log);
    return pid;
}

ProcessEnd wait_process(pid_t pid) {
    int status = 0;
    struct rusage ru {};
    pid_t r;
    do {
        r = ::wait4(pid, &status, 0, &ru);
    } while (r < 0 && errno == EINTR);
    if (r < 0) throw IoError(std::string("waiting for a task failed: ") + std::strerror(errno));
    ProcessEnd e;
    e.pid = r;
    e.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : WIFSIGNALED(status) ? 128 + WTERMSIG(status) : -1;
    e.max_rss_kb = ru.ru_maxrss;
    return e;
}

ProcessEnd run_process(const std::vector<std::string>& argv, const std::string& log_path) {
    const auto t0 = std::chrono::steady_clock::now();
    const pid_t pid = start_process(argv, log_path);
    ProcessEnd e = wait_process(pid);
    e.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return e;
}

int capture_process(const std::vector<std::string>& argv, std::string* out, const std::string& stdin_text) {
    int out_pipe[2], in_pipe[2];
    if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(in_pipe, O_CLOEXEC) != 0)
        throw IoError(std::string("cannot create a pipe: ") + std::strerror(errno));
    auto args = c_argv(argv);
    const pid_t pid = ::fork();
    if (pid < 0) throw IoError(std::string("cannot start a process: ") + std::strerror(errno));
    if (pid == 0) {
        unblock_all_signals();
        ::dup2(in_pipe[0], 0);
        ::dup2(out_pipe[1], 1);
        ::execvp(args[0], args.data());
        const char* msg = "cannot execute the program\n";
        (void)!::write(2, msg, std::strlen(msg));
        ::_exit(127);
    }
    ::close(out_pipe[1]);
    ::close(in_pipe[0]);
    std::size_t off = 0;
    while (off < stdin_text.size()) {
        const ssize_t n = ::write(in_pipe[1], stdin_text.data() + off, stdin_text.size() - off);
        if (n <= 0) break;
        off += std::size_t(n);
    }
    ::close(in_pipe[1]);
    char buf[4096];
    for (;;) {
        const ssize_t n = ::read(out_pipe[0], buf, sizeof buf);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        if (out) out->append(buf, std::size_t(n));
    }
    ::close(out_pipe[0]);
    return wait_process(pid).exit_code;
}

int run_foreground(const std::vector<std::string>& argv) {
    auto args = c_argv(argv);
    std::fflush(nullptr);
    const pid_t pid = ::fork();
    if (pid < 0) throw IoError(std::string("cannot start a process: ") + std::strerror(errno));
    if (pid == 0) {
        unblock_all_signals();
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    return wait_process(pid).exit_code;
}

std::string self_executable() {
    std::error_code ec;
    const auto p = fs::read_symlink("/proc/self/exe", ec);
    if (ec) throw IoError("cannot find the running program (/proc/self/exe)");
    return p.string();
}

}  // namespace topdown
