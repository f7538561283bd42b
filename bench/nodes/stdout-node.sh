#!/bin/bash
# A node that writes 1 GiB to its stdout in 4 KiB writes (a buffered logger's flush size), then exits 0.
# It first waits a second, as a real node does before it has much to say, so that the figure is the
# steady state rather than the moments a supervisor is still starting up on the same cores.
# It notes in $BENCH_MARKS when it started and finished writing (microseconds), so the throughput
# excludes any supervisor's start-up, and what its stdout is (inherited, or a pipe someone reads).
sleep 1
start=${EPOCHREALTIME/./}
dd if=/dev/zero bs=4K count=262144 status=none
end=${EPOCHREALTIME/./}
printf '%s %s %s\n' "$start" "$end" "$(readlink /proc/$$/fd/1)" >>"${BENCH_MARKS:?BENCH_MARKS is not set}"
