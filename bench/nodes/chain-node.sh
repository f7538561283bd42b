#!/bin/bash
# A node whose chain upgrades itself, as a user would see it: it notes when it started and which binary it is in
# $BENCH_MARKS, asks for the next upgrade 50 ms later (upgrade u<N+1> at height N+1, written the Cosmos way:
# truncate and write $DAEMON_HOME/data/upgrade-info.json) until u$BENCH_LAST, then idles until SIGTERM or SIGINT,
# on which it exits 0 at once.
started=${EPOCHREALTIME/./}
self=$(readlink -f "$0")
printf '%s %s\n' "$started" "$self" >>"${BENCH_MARKS:?BENCH_MARKS is not set}"
trap 'exit 0' TERM INT
name=${self%/bin/node}
name=${name##*/}
n=0
[[ $name == u* ]] && n=$((10#${name#u}))
if [ "$n" -lt "${BENCH_LAST:?BENCH_LAST is not set}" ]; then
  sleep 0.05
  printf '{"name":"u%03d","height":%d,"info":{}}\n' $((n + 1)) $((n + 1)) >"${DAEMON_HOME:?}/data/upgrade-info.json"
fi
while :; do
  sleep 3600 &
  wait $!
done
