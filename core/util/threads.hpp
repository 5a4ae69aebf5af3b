#pragma once
// OpenMP thread queries that also compile (as one thread) when OpenMP is off, e.g. in the TSan build.

namespace topdown {

// Threads an OpenMP parallel region would use by default (1 without OpenMP).
int max_threads();

// Limits the OpenMP regions (and Eigen's products) started by the calling thread to `n` threads.
void set_thread_team_size(int n);

// Index of the calling thread inside the current OpenMP team (0 outside a team or without OpenMP).
int thread_index();

}  // namespace topdown
