#include "gl/shader_program.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace topdown::gui {

namespace {
namespace fs = std::filesystem;

bool read_text(const fs::path& p, std::string& out) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

GLuint compile(GLenum type, const std::string& source, const std::string& name, std::string& error) {
    const GLuint s = glCreateShader(type);
    const char* src = source.c_str();
    glShaderSource(s, 1, &src, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        GLint len = 0;
        glGetShaderiv(s, GL_INFO_LOG_LENGTH, &len);
        std::vector<char> log(static_cast<std::size_t>(len > 1 ? len : 1));
        glGetShaderInfoLog(s, len, nullptr, log.data());
        error = "shader " + name + " does not compile: " + std::string(log.data());
        glDeleteShader(s);
        return 0;
    }
    return s;
}
}  // namespace

std::string find_shader_dir(const std::string& probe_file) {
    std::vector<fs::path> candidates;
    if (const char* env = std::getenv("TOPDOWN_SHADER_DIR")) candidates.emplace_back(env);
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path d = exe.parent_path();
        candidates.push_back(d / "shaders");
        candidates.push_back(d.parent_path() / "shaders");
        candidates.push_back(d.parent_path() / "share" / "topdown" / "shaders");
    }
#ifdef TOPDOWN_SOURCE_DIR
    candidates.push_back(fs::path(TOPDOWN_SOURCE_DIR) / "shaders");
#endif
    for (const auto& c : candidates)
        if (fs::is_regular_file(c / probe_file, ec)) return c.string();
    return {};
}

GLuint load_program(const std::string& dir, const std::string& vert_file, const std::string& frag_file,
                    std::string& error) {
    std::string vs, fsrc;
    const fs::path d(dir);
    if (!read_text(d / vert_file, vs)) {
        error = "cannot read shader " + (d / vert_file).string();
        return 0;
    }
    if (!read_text(d / frag_file, fsrc)) {
        error = "cannot read shader " + (d / frag_file).string();
        return 0;
    }
    const GLuint v = compile(GL_VERTEX_SHADER, vs, vert_file, error);
    if (!v) return 0;
    const GLuint f = compile(GL_FRAGMENT_SHADER, fsrc, frag_file, error);
    if (!f) {
        glDeleteShader(v);
        return 0;
    }
    const GLuint p = glCreateProgram();
    glAttachShader(p, v);
    glAttachShader(p, f);
    glLinkProgram(p);
    glDeleteShader(v);
    glDeleteShader(f);
    GLint ok = 0;
    glGetProgramiv(p, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[1024] = {0};
        glGetProgramInfoLog(p, sizeof log, nullptr, log);
        error = "shaders " + vert_file + " + " + frag_file + " do not link: " + log;
        glDeleteProgram(p);
        return 0;
    }
    return p;
}

}  // namespace topdown::gui
