// PNG exports asked for by the Export dialog: the path, the panel to crop to, the arming frame (the PNG is
// taken from the next frame, drawn without the dialog) and the result line.
#pragma once
#include <string>

namespace topdown::gui {

struct CaptureRequests {
    std::string screenshot_request;  // path: save the whole window after this frame
    std::string screenshot_panel;    // "" or a panel name to crop to
    bool screenshot_armed = false;   // screenshot_request waits one frame so the dialog is hidden
    bool capturing = false;          // this frame is a screenshot: dialogs (Export) are not drawn
    std::string export_message;      // result of the last export
};

}  // namespace topdown::gui
