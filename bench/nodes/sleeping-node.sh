#!/bin/bash
# A node that notes when it started (its first instruction, in microseconds) and which binary it is,
# in $BENCH_MARKS, then idles until SIGTERM or SIGINT, on which it exits 0 at once.
started=${EPOCHREALTIME/./}
printf '%s %s\n' "$started" "$(readlink -f "$0")" >>"${BENCH_MARKS:?BENCH_MARKS is not set}"
trap 'exit 0' TERM INT
while :; do
  sleep 3600 &
  wait $!
done
