// Compiling a GL program from shader files in the shaders/ folder, with errors for people.
#pragma once
#include <epoxy/gl.h>

#include <string>

namespace topdown::gui {

// The shaders/ folder: $TOPDOWN_SHADER_DIR, next to the executable (../shaders, ./shaders, ../share/topdown/
// shaders), or the source tree (TOPDOWN_SOURCE_DIR). Empty when none holds `probe_file`.
std::string find_shader_dir(const std::string& probe_file);

// Compiles and links `vert_file` + `frag_file` from `dir`. Returns 0 and sets `error` on failure.
GLuint load_program(const std::string& dir, const std::string& vert_file, const std::string& frag_file,
                    std::string& error);

}  // namespace topdown::gui
