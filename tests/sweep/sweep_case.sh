#!/usr/bin/env bash
# Integration tests of `topdown-cli sweep` on a small sweep: 2 trainings (784-100-100, 3 epochs on 3,000 images),
# studies "label" and "intersection" of each trained model in 4 shards, merges, collect.
#   sweep_case.sh CASE CLI SOURCE_DIR OUT
# CASE: local      run locally; a second run skips every task; a deleted shard reruns only itself and its merge
#                  (the merged results come out byte-identical: their header is shard 0's, so the collect,
#                  whose inputs' SHA-256 still match, is skipped); the table is unchanged
#       parallel   the same sweep through GNU parallel (--joblog, --resume-failed, --sshloginfile with ":"):
#                  the collected table equals the local one
#       slurm      the same sweep through sbatch on a single-node Slurm (scripts/slurm-local.sh): the
#                  collected table equals the local one
#       failure    a broken classifier: the run fails and names the failed tasks; after the fix the same
#                  command finishes (trainings skipped)
#       dry-run    --backend slurm --dry-run prints one job array per stage with afterok dependencies
#       bad-plan   a plan with an unknown key: exit status 1 and the file, field and key named
# Exit 77 (skipped) only when GNU parallel / Slurm are not installed (or Slurm cannot be started as non-root).
set -uo pipefail
CASE=$1 CLI=$2 SRC=$3 OUT=$4
rm -rf "$OUT" && mkdir -p "$OUT" || exit 1
fail() { echo "FAIL: $*" >&2; exit 1; }

write_plan() {  # write_plan FILE CLASSIFIER
  cat > "$1" <<JSON
{
  "name": "ci",
  "threads": 1,
  "retries": 0,
  "trainings": [
    {"name": "small", "arch": "784-100-100", "epochs": 3, "limit": 3000, "lr": 0.1, "seeds": [1, 2]}
  ],
  "studies": [
    {"name": "chimeras", "models": ["small"], "kinds": ["label", "intersection"], "classifier": "$2",
     "chains": 4, "steps": 8, "seeds": [5], "shards": 4}
  ]
}
JSON
}
PLAN=$OUT/plan.json
write_plan "$PLAN" "$SRC/assets/models/classifier_mnist.tdc"

run_local() {  # run_local WORK: the reference table
  "$CLI" sweep run "$PLAN" --backend local --workers 2 --work "$1" > "$1.log" 2>&1 || { cat "$1.log"; fail "local run failed"; }
}

check_table() {  # check_table CSV: 1 read-out row + 2 kinds x 5 metrics, each over 2 seeds
  local csv=$1
  [ -f "$csv" ] || fail "no table $csv"
  [ "$(wc -l < "$csv")" -eq 12 ] || { cat "$csv"; fail "expected 11 rows in $csv"; }
  grep -q '^-,small,-,-,readout_accuracy_percent,2,' "$csv" || fail "no read-out row over 2 training seeds"
  grep -q '^chimeras,small,intersection,intersection,visited_states,2,' "$csv" || fail "no intersection row"
  [ "$(awk -F, 'NR > 1 && $6 != 2' "$csv" | wc -l)" -eq 0 ] || fail "a row without n = 2"
}

same_table() {  # same_table A B
  cmp -s "$1" "$2" || { diff "$1" "$2"; fail "$2 differs from the local run's table"; }
}

case "$CASE" in
  local)
    run_local "$OUT/local"
    check_table "$OUT/local/collect/table.csv"
    grep -q "^23 tasks done, 0 finished before" "$OUT/local.log" || { cat "$OUT/local.log"; fail "first run did not run 23 tasks"; }
    "$CLI" sweep run "$PLAN" --backend local --workers 2 --work "$OUT/local" > "$OUT/again.log" 2>&1 || fail "second run failed"
    grep -q "^0 tasks done, 23 finished before (skipped)" "$OUT/again.log" || { cat "$OUT/again.log"; fail "second run did not skip every task"; }
    cp "$OUT/local/collect/table.csv" "$OUT/table-before.csv"
    rm "$OUT/local/studies/chimeras/small-seed2/intersection/seed-5/shards/shard-2-of-4.tds"
    "$CLI" sweep run "$PLAN" --backend local --workers 2 --work "$OUT/local" > "$OUT/third.log" 2>&1 || fail "third run failed"
    grep -q "^2 tasks done, 21 finished before" "$OUT/third.log" || { cat "$OUT/third.log"; fail "a deleted shard did not rerun exactly shard + merge"; }
    grep -q "^done    merge/chimeras/small-seed2/intersection/seed-5 " "$OUT/third.log" || fail "the merge did not run again"
    grep -q "^done    study/chimeras/small-seed2/intersection/seed-5/shard-2-of-4 " "$OUT/third.log" || fail "the deleted shard did not run"
    same_table "$OUT/table-before.csv" "$OUT/local/collect/table.csv"
    ;;
  parallel)
    command -v parallel >/dev/null 2>&1 || { echo "GNU parallel is not installed: skipped"; exit 77; }
    run_local "$OUT/local"
    echo ":" > "$OUT/hosts"   # ":" is this machine, without ssh
    "$CLI" sweep run "$PLAN" --backend parallel --workers 2 --sshloginfile "$OUT/hosts" --work "$OUT/par" > "$OUT/par.log" 2>&1 ||
      { cat "$OUT/par.log"; fail "parallel run failed"; }
    check_table "$OUT/par/collect/table.csv"
    same_table "$OUT/local/collect/table.csv" "$OUT/par/collect/table.csv"
    [ "$(tail -n +2 "$OUT/par/parallel/study.joblog" | wc -l)" -eq 16 ] || fail "the study joblog does not list 16 jobs"
    "$CLI" sweep run "$PLAN" --backend parallel --workers 2 --work "$OUT/par" > "$OUT/par2.log" 2>&1 || fail "second parallel run failed"
    grep -q "^0 tasks done, 23 finished before" "$OUT/par2.log" || { cat "$OUT/par2.log"; fail "second parallel run did not skip"; }
    ;;
  slurm)
    for b in sbatch squeue slurmctld slurmd munged; do
      command -v $b >/dev/null 2>&1 || { echo "$b is not installed: skipped"; exit 77; }
    done
    [ "$(id -u)" -eq 0 ] || { echo "a local Slurm needs root here: skipped"; exit 77; }
    run_local "$OUT/local"
    CL=$(mktemp -d /tmp/topdown-slurm-test.XXXXXX) && rmdir "$CL"
    trap '"$SRC/scripts/slurm-local.sh" down "$CL" >/dev/null 2>&1' EXIT
    eval "$("$SRC/scripts/slurm-local.sh" up "$CL")" || fail "slurm-local.sh up failed"
    sinfo || fail "sinfo failed"
    "$CLI" sweep run "$PLAN" --backend slurm --throttle 2 --work "$OUT/slurm" > "$OUT/slurm.log" 2>&1 ||
      { cat "$OUT/slurm.log"; fail "slurm submission failed"; }
    cat "$OUT/slurm.log"
    # While its jobs are queued, the sweep is not submitted a second time (the trainings alone outlast this).
    "$CLI" sweep run "$PLAN" --backend slurm --work "$OUT/slurm" > "$OUT/twice.log" 2>&1 && { cat "$OUT/twice.log"; fail "submitted twice"; }
    grep -q "^error: jobs of this sweep are still queued or running" "$OUT/twice.log" || { cat "$OUT/twice.log"; fail "no refusal"; }
    ids=$(grep -o "submitted job array [0-9]*" "$OUT/slurm.log" | awk '{print $4}' | paste -sd,)
    for _ in $(seq 600); do [ -z "$(squeue -h -j "$ids" 2>/dev/null)" ] && break; sleep 0.5; done
    "$CLI" sweep plan "$PLAN" --work "$OUT/slurm" > "$OUT/plan.log" 2>&1 || fail "sweep plan failed"
    [ "$(grep -c '^  \[[0-9]*\] done ' "$OUT/plan.log")" -eq 23 ] ||
      { cat "$OUT/plan.log"; cat "$OUT"/slurm/logs/slurm-*.out 2>/dev/null | tail -20; fail "not every task finished on Slurm"; }
    [ "$(grep -c "submitted job array" "$OUT/slurm.log")" -eq 4 ] || fail "expected 4 job arrays (train, study, merge, collect)"
    grep -q "^#SBATCH --array=0-15%2$" "$OUT/slurm/slurm/study.sbatch" || fail "the study array is not 0-15%2"
    grep -q 'dependency=afterok:\$train:\$study ' "$OUT/slurm/slurm/submit.sh" || fail "merge does not depend on train and study"
    ls "$OUT"/slurm/logs/slurm-study-*_15.out >/dev/null 2>&1 || fail "no log of array task 15"
    check_table "$OUT/slurm/collect/table.csv"
    same_table "$OUT/local/collect/table.csv" "$OUT/slurm/collect/table.csv"
    # Resubmitting skips everything: nothing is submitted.
    "$CLI" sweep run "$PLAN" --backend slurm --wait --work "$OUT/slurm" > "$OUT/slurm2.log" 2>&1 || fail "resubmission failed"
    [ "$(grep -c "nothing to submit" "$OUT/slurm2.log")" -eq 4 ] || { cat "$OUT/slurm2.log"; fail "resubmission submitted jobs"; }
    ;;
  failure)
    printf 'TOPDOWN-but-not-a-classifier' > "$OUT/broken.tdc"
    write_plan "$PLAN" "$OUT/broken.tdc"
    "$CLI" sweep run "$PLAN" --backend local --workers 2 --work "$OUT/w" > "$OUT/fail.log" 2>&1
    rc=$?
    cat "$OUT/fail.log"
    [ $rc -eq 1 ] || fail "a sweep with failed tasks exited $rc, not 1"
    grep -q "^error: 16 tasks failed:" "$OUT/fail.log" || fail "the 16 study tasks are not reported as failed"
    grep -q "^  study/chimeras/small-seed1/label/seed-5/shard-0-of-4: exit status 1 (log: " "$OUT/fail.log" || fail "a failed task is not named with its log"
    grep -q "^5 tasks not run" "$OUT/fail.log" || fail "merges and collect are not reported as not run"
    grep -q "^  collect$" "$OUT/fail.log" || fail "collect is not named among the tasks not run"
    cp "$SRC/assets/models/classifier_mnist.tdc" "$OUT/broken.tdc"
    "$CLI" sweep run "$PLAN" --backend local --workers 2 --work "$OUT/w" > "$OUT/fixed.log" 2>&1 || { cat "$OUT/fixed.log"; fail "rerun after the fix failed"; }
    grep -q "^21 tasks done, 2 finished before" "$OUT/fixed.log" || { cat "$OUT/fixed.log"; fail "rerun did not skip the trainings"; }
    ;;
  dry-run)
    "$CLI" sweep run "$PLAN" --backend slurm --dry-run --throttle 3 --work "$OUT/dry" > "$OUT/dry.log" 2>&1 || { cat "$OUT/dry.log"; fail "dry run failed"; }
    cat "$OUT/dry.log"
    [ "$(grep -c '^#SBATCH --array=' "$OUT/dry.log")" -eq 4 ] || fail "not one job array per stage"
    grep -q '^#SBATCH --array=0-1%3$' "$OUT/dry.log" || fail "train array"
    grep -q '^#SBATCH --array=0-15%3$' "$OUT/dry.log" || fail "study array"
    grep -q '^#SBATCH --array=0-3%3$' "$OUT/dry.log" || fail "merge array"
    grep -q '^study=$(sbatch --parsable --dependency=afterok:$train ' "$OUT/dry.log" || fail "study after train"
    grep -q 'sweep task .* --stage study --index "$SLURM_ARRAY_TASK_ID"$' "$OUT/dry.log" || fail "shard from SLURM_ARRAY_TASK_ID"
    grep -q '^#SBATCH --mem=[0-9]*M$' "$OUT/dry.log" || fail "no memory request"
    grep -q '^#SBATCH --time=0-00:[0-9][0-9]:00$' "$OUT/dry.log" || fail "no time request"
    [ ! -d "$OUT/dry/models" ] || fail "a dry run trained something"
    "$CLI" sweep run "$PLAN" --backend parallel --dry-run --work "$OUT/dry" > "$OUT/dryp.log" 2>&1 || fail "parallel dry run failed"
    grep -q -- "--joblog $OUT/dry/parallel/study.joblog --resume-failed" "$OUT/dryp.log" || { cat "$OUT/dryp.log"; fail "parallel command"; }
    ;;
  bad-plan)
    printf '{"trainings": [{"name": "a", "seeds": [1], "epochz": 3}]}' > "$OUT/bad.json"
    out=$("$CLI" sweep plan "$OUT/bad.json" 2>&1)
    rc=$?
    echo "$out"
    [ $rc -eq 1 ] || fail "exit status $rc, expected 1"
    echo "$out" | grep -qF "error: $OUT/bad.json: trainings[0]: unknown key 'epochz' (known: " || fail "the message does not name file, field and key"
    ;;
  *) fail "unknown case $CASE" ;;
esac
echo "PASS: $CASE"
