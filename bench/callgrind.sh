#!/bin/sh
# Instructions per call (callgrind Ir) of the hot paths: steady on a busy machine, unlike timings.
# Run from the worktree after building bench_instructions: bench/callgrind.sh [N]
set -eu
n=${1:-20}
bin=${BENCH_BIN:-build/bench/bench_instructions}
out=$(mktemp -d)
for op in ${OPS:-make_plan make_plan_modified make_plan_heavy schedule to_json_plan to_json_plan_dom to_json_schedule to_json_schedule_dom triage screen}; do
    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$out/$op.out" "$bin" "$op" "$n" >"$out/$op.txt" 2>/dev/null
    ir=$(grep -E '^totals:' "$out/$op.out" | tail -1 | awk '{print $2}')
    printf '%-18s %12d instructions/call  %s\n' "$op" $((ir / n)) "$(cut -d: -f2 "$out/$op.txt" | cut -d'(' -f1)"
done
echo "(callgrind outputs in $out; callgrind_annotate $out/OP.out for the profile)"
