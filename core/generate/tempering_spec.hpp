// The ladder of a parallel-tempering run: how many replicas, the hottest temperature, how often they swap
// (docs/METHODS.md §6.5).
#pragma once

namespace topdown {

struct TemperingSpec {
    int replicas = 8;       // K temperatures, one replica each (2..16); replica 0 is the recorded chain
    float t_max = 1.5f;     // the hottest temperature T_{K−1} (the coldest is the chain's temperature)
    int swap_every = 1;     // adjacent replicas propose swaps after every S-th step
};

}  // namespace topdown
