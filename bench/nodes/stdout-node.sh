#!/bin/bash
# A node that writes 1 GiB to its stdout in 64 KiB writes, then exits 0. It notes, in $BENCH_MARKS,
# when it started and finished writing (microseconds), so the throughput excludes any supervisor's start-up.
start=${EPOCHREALTIME/./}
dd if=/dev/zero bs=64K count=16384 status=none
end=${EPOCHREALTIME/./}
printf '%s %s\n' "$start" "$end" >>"${BENCH_MARKS:?BENCH_MARKS is not set}"
