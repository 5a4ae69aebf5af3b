#include "widgets/file_browser.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>

namespace topdown::gui {

namespace fs = std::filesystem;

void FileBrowser::open(const std::string& title, const std::string& start_dir, std::vector<std::string> extensions) {
    title_ = title;
    std::error_code ec;
    dir_ = fs::is_directory(start_dir, ec) ? fs::absolute(start_dir, ec).lexically_normal().string()
                                           : fs::current_path(ec).string();
    extensions_ = std::move(extensions);
    selected_.clear();
    highlighted_ = -1;
    visible_ = request_open_ = true;
    list_dir();
}

void FileBrowser::list_dir() {
    entries_.clear();
    error_.clear();
    std::error_code ec;
    for (fs::directory_iterator it(dir_, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
         it.increment(ec)) {
        Entry e;
        e.name = it->path().filename().string();
        if (e.name.empty() || e.name[0] == '.') continue;
        std::error_code ec2;
        e.is_dir = it->is_directory(ec2);
        if (!e.is_dir) {
            bool ok = extensions_.empty();
            for (const auto& x : extensions_)
                if (e.name.size() >= x.size() && e.name.compare(e.name.size() - x.size(), x.size(), x) == 0) ok = true;
            if (!ok) continue;
            e.size = static_cast<unsigned long long>(it->file_size(ec2));
        }
        entries_.push_back(std::move(e));
    }
    if (ec) error_ = "cannot list " + dir_ + ": " + ec.message();
    std::sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
        return a.is_dir != b.is_dir ? a.is_dir : a.name < b.name;
    });
    std::snprintf(path_buf_, sizeof path_buf_, "%s", dir_.c_str());
    highlighted_ = -1;
}

bool FileBrowser::draw() {
    if (!visible_) return false;
    if (request_open_) {
        ImGui::OpenPopup(title_.c_str());
        request_open_ = false;
    }
    const ImVec2 ds = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowSize(ImVec2(ds.x * 0.55f, ds.y * 0.6f), ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(ds.x * 0.5f, ds.y * 0.5f), ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    bool picked = false;
    bool still_open = true;
    if (ImGui::BeginPopupModal(title_.c_str(), &still_open)) {
        if (ImGui::Button("Up")) {
            dir_ = fs::path(dir_).parent_path().string();
            if (dir_.empty()) dir_.assign(1, '/');
            list_dir();
        }
        ImGui::SameLine();
        if (ImGui::Button("Home")) {
            if (const char* h = std::getenv("HOME")) {
                dir_ = h;
                list_dir();
            }
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-1);
        if (ImGui::InputText("##path", path_buf_, sizeof path_buf_, ImGuiInputTextFlags_EnterReturnsTrue)) {
            std::error_code ec;
            const fs::path p(path_buf_);
            if (fs::is_directory(p, ec)) {
                dir_ = p.string();
                list_dir();
            } else if (fs::is_regular_file(p, ec)) {
                selected_ = p.string();
                picked = true;
            } else {
                error_ = "no such file or folder: " + p.string();
            }
        }
        const float footer = ImGui::GetFrameHeightWithSpacing() * 1.6f;
        ImGui::BeginChild("##entries", ImVec2(0, -footer), true);
        for (int i = 0; i < static_cast<int>(entries_.size()); ++i) {
            const Entry& e = entries_[static_cast<std::size_t>(i)];
            const std::string label = (e.is_dir ? "[dir]  " : "       ") + e.name;
            if (ImGui::Selectable(label.c_str(), highlighted_ == i, ImGuiSelectableFlags_AllowDoubleClick)) {
                highlighted_ = i;
                if (ImGui::IsMouseDoubleClicked(0)) {
                    const fs::path p = fs::path(dir_) / e.name;
                    if (e.is_dir) {
                        dir_ = p.string();
                        list_dir();
                        break;
                    }
                    selected_ = p.string();
                    picked = true;
                }
            }
            if (!e.is_dir) {
                ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::GetFontSize() * 7);
                ImGui::TextDisabled("%.1f MB", static_cast<double>(e.size) / 1e6);
            }
        }
        if (entries_.empty()) ImGui::TextDisabled("(no matching files here)");
        ImGui::EndChild();
        if (!error_.empty()) ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", error_.c_str());
        const bool can_open = highlighted_ >= 0 && !entries_[static_cast<std::size_t>(highlighted_)].is_dir;
        if (!can_open) ImGui::BeginDisabled();
        if (ImGui::Button("Open")) {
            selected_ = (fs::path(dir_) / entries_[static_cast<std::size_t>(highlighted_)].name).string();
            picked = true;
        }
        if (!can_open) ImGui::EndDisabled();
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) still_open = false;
        if (picked || !still_open) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (picked || !still_open) visible_ = false;
    return picked;
}

}  // namespace topdown::gui
