#!/usr/bin/env bash
# Publishes wemixvisor once per candidate set of runtime options and times `wemixvisor version`
# for each, interleaved, so that every variant sees the same machine noise.
# Usage: bench/compare-publish-options.sh [runs per variant, default 40]
# The as-built row is the native (NativeAOT) build; the jit rows are the two profiles shipped before it.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh

runs=${1:-40}
work=$(mktemp -d /tmp/wemixvisor-options.XXXXXX)
trap 'rm -rf "$work"' EXIT

# name|MSBuild properties passed to dotnet publish (the csproj's own settings are the "as-built" row)
variants=(
  "as-built|"
  "native-size|-p:OptimizationPreference=Size"
  "native-speed|-p:OptimizationPreference=Speed"
  "jit-readytorun|-p:PublishAot=false -p:SelfContained=false -p:PublishReadyToRun=true"
  "jit-single-file|-p:PublishAot=false -p:SelfContained=true -p:PublishSingleFile=true -p:PublishReadyToRun=true"
)

for v in "${variants[@]}"; do
  name=${v%%|*} props=${v#*|}
  log "publishing $name $props"
  # shellcheck disable=SC2086
  dotnet publish src/Wemixvisor -c Release -o "$work/$name" --nologo -v quiet $props >/dev/null
  "$work/$name/wemixvisor" version >/dev/null 2>&1 || true   # first run warms the page cache
done

for ((i = 0; i < runs; i++)); do
  for v in "${variants[@]}"; do
    name=${v%%|*}
    start=$(now_us)
    "$work/$name/wemixvisor" version >/dev/null 2>&1 || true
    end=$(now_us)
    elapsed_ms "$start" "$end" >>"$work/$name.ms"
  done
done

read -r base _ < <(stats "$work/as-built.ms")
printf '%-24s %10s %10s %8s\n' variant median_ms p95_ms ratio
for v in "${variants[@]}"; do
  name=${v%%|*}
  read -r median p95 _ < <(stats "$work/$name.ms")
  printf '%-24s %10.1f %10.1f %8.2f\n' "$name" "$median" "$p95" "$(awk -v a="$median" -v b="$base" 'BEGIN { print a / b }')"
done
