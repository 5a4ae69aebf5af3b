// Key presses shorter than a frame (issue 13, app) and the error dialog's Enter guard (File > Open).
#include <gtest/gtest.h>

#include <algorithm>

#include "session/key_press_log.hpp"

using namespace topdown;

namespace {
constexpr int kSpace = 32, kRight = 262, kEnter = 257;
}

TEST(GuiKeyPressLog, APressAndReleaseInsideOneFrameIsSeenNextFrame) {
    KeyPressLog log;
    log.begin_frame();
    EXPECT_FALSE(log.pressed(kSpace));
    log.record(kSpace, true);  // press and release between two polls: a key-down poll never sees it
    log.begin_frame();
    EXPECT_TRUE(log.pressed(kSpace));
    EXPECT_EQ(log.presses(kSpace), 1);
    log.begin_frame();  // seen once only
    EXPECT_FALSE(log.pressed(kSpace));
}

TEST(GuiKeyPressLog, SeveralTapsInOneSlowFrameAreCounted) {
    KeyPressLog log;
    log.record(kSpace, true);
    log.record(kSpace, true);
    log.record(kRight, true);
    log.record(kRight, false);  // auto-repeat
    log.begin_frame();
    EXPECT_EQ(log.presses(kSpace), 2);
    EXPECT_TRUE(log.pressed(kRight));
    EXPECT_EQ(log.presses(kRight), 1);
    log.consume(kRight);
    EXPECT_FALSE(log.pressed(kRight, true));
}

TEST(GuiKeyPressLog, RepeatsCountOnlyWhenAsked) {
    KeyPressLog log;
    log.record(kRight, false);
    log.begin_frame();
    EXPECT_FALSE(log.pressed(kRight));
    EXPECT_TRUE(log.pressed(kRight, true));
}

TEST(GuiKeyPressLog, CtrlShortcutsAreTheirOwnKeys) {
    KeyPressLog log;
    log.record(KeyPressLog::kCtrl | 'Q', true);
    log.begin_frame();
    EXPECT_TRUE(log.pressed(KeyPressLog::kCtrl | 'Q'));
    EXPECT_FALSE(log.pressed('Q'));
}

TEST(GuiDialogKeyGuard, TheEnterThatOpenedTheDialogDoesNotCloseIt) {
    DialogKeyGuard g;
    // Frame N: Enter picks the broken file in the browser; the error dialog appears in the same frame.
    EXPECT_FALSE(g.accept(/*appearing=*/true, /*down=*/true, /*pressed=*/true));
    // Held for a while: auto-repeat would have closed it; nothing closes while the key stays down.
    EXPECT_FALSE(g.accept(false, true, false));
    EXPECT_FALSE(g.accept(false, true, true));
    // Released, then a new press confirms.
    EXPECT_FALSE(g.accept(false, false, false));
    EXPECT_TRUE(g.accept(false, true, true));
}

TEST(GuiDialogKeyGuard, AFastTapOnTheAppearingFrameIsIgnoredALaterTapCounts) {
    DialogKeyGuard g;
    EXPECT_FALSE(g.accept(true, false, true));   // press + release within the frame that opened the dialog
    EXPECT_FALSE(g.accept(false, false, false));
    EXPECT_TRUE(g.accept(false, false, true));   // a later tap (press + release inside one frame)
    // The next dialog starts disarmed again.
    EXPECT_FALSE(g.accept(true, true, true));
    EXPECT_FALSE(g.accept(false, false, false));
    EXPECT_TRUE(g.accept(false, true, true));
    (void)kEnter;
}

TEST(GuiKeyPressLog, PressedKeysListsTheFramesNewPressesOnly) {
    KeyPressLog log;
    log.record(kRight, false);  // a repeat only
    log.record(kSpace, true);
    log.record(KeyPressLog::kCtrl | 'A', true);
    log.begin_frame();
    const std::vector<int> want = {kSpace, 'A' | KeyPressLog::kCtrl};
    std::vector<int> got = log.pressed_keys();
    std::vector<int> sorted_want = want;
    std::sort(sorted_want.begin(), sorted_want.end());
    EXPECT_EQ(got, sorted_want);
    log.begin_frame();
    EXPECT_TRUE(log.pressed_keys().empty());
}
