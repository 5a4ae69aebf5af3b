// A small ImGui file browser (no extra dependency): folder listing with an extension filter, a path field,
// "up" and home buttons; picks an existing file.
#pragma once
#include <string>
#include <vector>

namespace topdown::gui {

class FileBrowser {
public:
    // Opens the browser (as a modal popup) in `start_dir`, showing files ending in one of `extensions`.
    void open(const std::string& title, const std::string& start_dir, std::vector<std::string> extensions);
    // Draws the browser if open; true once when the user picked a file (see selected()).
    bool draw();
    // The picked file.
    const std::string& selected() const { return selected_; }
    // True while the browser is shown.
    bool is_open() const { return visible_; }

private:
    void list_dir();

    struct Entry {
        std::string name;
        bool is_dir = false;
        unsigned long long size = 0;
    };
    std::string title_, dir_, selected_, error_;
    char path_buf_[1024] = {0};
    std::vector<std::string> extensions_;
    std::vector<Entry> entries_;
    int highlighted_ = -1;
    bool visible_ = false, request_open_ = false;
};

}  // namespace topdown::gui
