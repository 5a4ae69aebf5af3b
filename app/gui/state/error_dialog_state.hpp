// The error dialog's state: the message shown (says what failed, in its own words), a note that belongs to it,
// the snapshot error already shown, and the key guards that keep the key which caused the error from closing it.
#pragma once
#include <cstdint>
#include <string>

#include "session/key_press_log.hpp"

namespace topdown::gui {

struct ErrorDialogState {
    std::string message;             // shown in the error dialog; empty: none
    std::string note;                // a line under it that belongs to this error only (e.g. "The previous
                                     // model stays loaded"); cleared with the error
    std::uint64_t shown_serial = 0;  // the snapshot error serial already shown
    DialogKeyGuard enter_guard;      // the Enter that caused an error does not close its dialog
    DialogKeyGuard escape_guard;     // ... nor an Escape held from before

    // Shows `text` with `note_text` under it (replacing any earlier error and its note).
    void show(std::string text, std::string note_text = {}) {
        message = std::move(text);
        note = std::move(note_text);
    }
};

}  // namespace topdown::gui
