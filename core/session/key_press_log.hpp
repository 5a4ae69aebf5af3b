// Key presses recorded as events (from the window system's key callback) and handed out once per frame, so a
// press and release inside one frame is not lost at low frame rates (a once-per-frame "is the key down" poll
// misses it). Plain data, single-threaded: the callback and the frame loop run on the UI thread.
#pragma once
#include <map>
#include <vector>

namespace topdown {

class KeyPressLog {
public:
    // Added to a key code for a press made with Ctrl held (shortcuts), e.g. record(kCtrl | GLFW_KEY_Q, true).
    static constexpr int kCtrl = 1 << 20;
    // Records a key event (`press`: a new press; else an auto-repeat while held). Call from the key callback.
    void record(int key, bool press);
    // Starts a frame: the events recorded since the previous call become this frame's presses.
    void begin_frame();
    // True when `key` was pressed since the previous frame (`repeat`: auto-repeats count too).
    bool pressed(int key, bool repeat = false) const;
    // How many new presses of `key` this frame holds (several fast taps in one slow frame).
    int presses(int key) const;
    // Marks `key`'s presses of this frame as used (a later reader sees none).
    void consume(int key);
    // Every key code (with kCtrl where Ctrl was held) with a new press this frame, in increasing order.
    std::vector<int> pressed_keys() const;

private:
    struct Count {
        int presses = 0, repeats = 0;
    };
    std::map<int, Count> pending_, frame_;
};

// Guards a dialog's confirm key (Enter): a press that happened before or while the dialog appeared (e.g. the
// Enter that opened the file whose error the dialog shows) must not close it. The key counts once it has been
// seen released after the dialog appeared.
class DialogKeyGuard {
public:
    // Call once per frame while the dialog is shown. `appearing`: first frame of the dialog; `down`: the key is
    // held now; `pressed`: a press happened since the previous frame. True: confirm the dialog now.
    bool accept(bool appearing, bool down, bool pressed);

private:
    bool armed_ = false;
};

}  // namespace topdown
