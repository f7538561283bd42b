# Shared helpers for the whole-process benchmarks. Sourced, not run.
# Times come from bash's EPOCHREALTIME (no fork per reading); figures are kept in milliseconds.

# Microseconds since the epoch.
now_us() { local t=$EPOCHREALTIME; echo "${t/./}"; }

# Elapsed milliseconds (3 decimals) between two now_us readings.
elapsed_ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f\n", (b - a) / 1000 }'; }

# Median and 95th percentile (nearest rank) of the numbers in a file, one a line: "median p95 count".
stats() {
  sort -g "$1" | awk '
    { v[NR] = $1 }
    END {
      if (NR == 0) { print "nan nan 0"; exit }
      m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      r = int(0.95 * NR + 0.999999); if (r < 1) r = 1; if (r > NR) r = NR
      printf "%.3f %.3f %d\n", m, v[r], NR
    }'
}

# Wall time of one command in ms, output discarded; fails when the command fails.
time_once() {
  local start end
  start=$(now_us)
  "$@" >/dev/null 2>&1 || return 1
  end=$(now_us)
  elapsed_ms "$start" "$end"
}

log() { printf '%s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
