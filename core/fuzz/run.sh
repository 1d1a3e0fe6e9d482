#!/usr/bin/env bash
# Runs every fuzz target for RUNS executions each (default 10 million), keeping its corpus in
# core/fuzz/corpus/<target> (committed, minimised with `cargo fuzz cmin`), and prints one table
# row per target: executions, time, coverage (libFuzzer's cov: edges and ft: features) and
# crashes. A crash stops that target, keeps its input under core/fuzz/artifacts/<target>, and
# makes the script exit 1 after the table. Usage:
#
#   bash core/fuzz/run.sh [target…]        RUNS=10000000 by default; RUNS=100000 for a smoke run
#   MINIMISE=1 bash core/fuzz/run.sh       also `cargo fuzz cmin` each corpus afterwards
#
# cargo-fuzz needs nightly-only flags: the nightly toolchain if installed, else RUSTC_BOOTSTRAP
# lets the stable one take them.
set -euo pipefail
cd "$(dirname "$0")"
RUNS=${RUNS:-10000000}
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  FUZZ=(cargo +nightly fuzz)
else
  export RUSTC_BOOTSTRAP=1
  FUZZ=(cargo fuzz)
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <("${FUZZ[@]}" list)
fi
"${FUZZ[@]}" build --release "${targets[@]/#/}" >/dev/null 2>&1 || "${FUZZ[@]}" build --release
mkdir -p ../../build
rows=()
failed=0
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  log="../../build/fuzz-$t.log"
  start=$(date +%s)
  status=0
  "${FUZZ[@]}" run --release "$t" "corpus/$t" -- -runs="$RUNS" -print_final_stats=1 >"$log" 2>&1 || status=$?
  secs=$(( $(date +%s) - start ))
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -n1 || true)
  cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
  ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
  crashes=0
  if [ "$status" -ne 0 ]; then crashes=1; failed=1; fi
  rows+=("$(printf '| %s | %s | %s | %s | %s | %s |' "$t" "${execs:-?}" "$secs" "${cov:-?}" "${ft:-?}" "$crashes")")
  if [ "${MINIMISE:-0}" = 1 ] && [ "$status" -eq 0 ]; then
    "${FUZZ[@]}" cmin --release "$t" "corpus/$t" >/dev/null 2>&1 || true
  fi
done
echo "| target | executions | seconds | cov (edges) | ft (features) | crashes |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
exit "$failed"
