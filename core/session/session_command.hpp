// Commands from the UI to the simulation worker (applied in the order they were sent).
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "session/session_params.hpp"

namespace topdown {

struct Dbn;

namespace cmd {
struct Play {};                          // run until paused
struct Pause {};                         // stop after the current step
struct Step {};                          // one step forward (replays kept steps after a step back)
struct StepBack {};                      // one step back through the kept history
struct Seek { int step = 0; };           // move the focused chain's cursor to a kept step
struct Restart { SessionParams params; bool play = false; };  // new chains; play: run to params.steps
struct SetSpeed { float steps_per_second = 30; };             // <= 0: as fast as possible
struct RunTo { int step = 0; };          // play until `step`, then pause (seek back if already past it)
// Loads a model file off the UI thread; on error keeps the previous model. With `params`, restarts with
// them once loaded (and runs to `run_to` when > 0): this is how a session file is reopened.
struct LoadModel {
    std::string path;
    std::optional<SessionParams> params;
    int run_to = 0;
    explicit LoadModel(std::string file, std::optional<SessionParams> then = std::nullopt, int then_run_to = 0)
        : path(std::move(file)), params(std::move(then)), run_to(then_run_to) {}
};
struct UseModel { std::shared_ptr<const Dbn> model; std::string path; };  // an in-memory model
}  // namespace cmd

using SessionCommand = std::variant<cmd::Play, cmd::Pause, cmd::Step, cmd::StepBack, cmd::Seek, cmd::Restart,
                                    cmd::SetSpeed, cmd::RunTo, cmd::LoadModel, cmd::UseModel>;

}  // namespace topdown
