#include "session/key_press_log.hpp"

namespace topdown {

void KeyPressLog::record(int key, bool press) {
    Count& c = pending_[key];
    (press ? c.presses : c.repeats)++;
}

void KeyPressLog::begin_frame() {
    frame_.swap(pending_);
    pending_.clear();
}

bool KeyPressLog::pressed(int key, bool repeat) const {
    const auto it = frame_.find(key);
    if (it == frame_.end()) return false;
    return it->second.presses > 0 || (repeat && it->second.repeats > 0);
}

int KeyPressLog::presses(int key) const {
    const auto it = frame_.find(key);
    return it == frame_.end() ? 0 : it->second.presses;
}

void KeyPressLog::consume(int key) { frame_.erase(key); }

std::vector<int> KeyPressLog::pressed_keys() const {
    std::vector<int> keys;
    for (const auto& [key, count] : frame_)
        if (count.presses > 0) keys.push_back(key);
    return keys;
}

bool DialogKeyGuard::accept(bool appearing, bool down, bool pressed) {
    if (appearing) armed_ = false;
    // A press this frame counts only when the key was seen up in an earlier frame of this dialog.
    const bool ok = armed_ && pressed;
    if (!down) armed_ = true;
    return ok;
}

}  // namespace topdown
