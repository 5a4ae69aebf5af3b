#!/bin/sh
# Stands in for `topdown` in the negative test of run_gui_case.sh: prints the expected error, then crashes
# (SIGSEGV). A "fail" case must not pass on it.
echo "topdown: Could not open model: $*: (about to crash)" >&2
kill -SEGV $$
