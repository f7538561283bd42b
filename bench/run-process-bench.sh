#!/usr/bin/env bash
# The whole-process benchmarks: the published wemixvisor against a baseline measured in the same run,
# each figure the median and 95th percentile of many runs, printed as one table.
#
# Usage: bench/run-process-bench.sh [--quick] [--only FIGURES] [--wemixvisor PATH] [--keep]
#   --quick        few runs, a 5 s idle window and a 256 MiB data dir: checks the suite, not the budgets
#   --only         comma-separated subset of: version,run-start,detection,polling,switchover,idle,growth,passthrough,backup
#   --wemixvisor   an already published wemixvisor executable (default: publish src/Wemixvisor -c Release)
#   --keep         keep the work directory with every raw sample
# Needs bash 5, perl, inotify-tools (installed with apt-get when missing and run as root), util-linux's unshare,
# and root for the tmpfs backup rows. Takes about 7 minutes on 2 cores, the native publish included (--quick: about 2).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
. bench/lib.sh

quick=false keep=false only="" wv=""
while [ $# -gt 0 ]; do
  case $1 in
    --quick) quick=true ;;
    --keep) keep=true ;;
    --only) only=$2; shift ;;
    --wemixvisor) wv=$(readlink -f "$2"); shift ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
  shift
done
wanted() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }

if $quick; then
  version_runs=10 start_runs=5 detect_runs=8 poll_runs=6 switch_runs=6 idle_seconds=5 growth_runs=40 growth_from=10 pass_runs=2 backup_runs=1 data_scale=0.25
else
  version_runs=40 start_runs=20 detect_runs=40 poll_runs=60 switch_runs=30 idle_seconds=60 growth_runs=${BENCH_GROWTH_RUNS:-200} growth_from=30 pass_runs=15 backup_runs=7 data_scale=1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
work=$(mktemp -d /tmp/wemixvisor-bench.XXXXXX)
results=$work/results
mkdir -p "$results"
children=()
ram_mounted=""
cleanup() {
  local pid
  for pid in "${children[@]}"; do kill -TERM -- "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -z "$ram_mounted" ] || umount "$ram_mounted" || true
  if $keep; then log "raw samples kept in $results"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# A FIFO nobody writes to: `read -t` on it waits without forking a `sleep`.
mkfifo "$work/nap.fifo"
exec {nap_fd}<>"$work/nap.fifo"
nap() { read -r -t "$1" -u "$nap_fd" _ || true; }

# Waits, without busy forking, until a line matching an extended regex is in a file (at most $3 s).
await_line() {
  local file=$1 pattern=$2 deadline=$(( $(now_us) + ${3:-10} * 1000000 ))
  until grep -qE -- "$pattern" "$file" 2>/dev/null; do
    [ "$(now_us)" -lt "$deadline" ] || return 1
    nap 0.01
  done
}
# The first field (a microsecond stamp) of the first line matching a pattern.
stamp_of() { grep -m1 -E -- "$2" "$1" | cut -d' ' -f1; }
# Prefixes each line read with the microsecond it arrived.
stamp_lines() { local line; while IFS= read -r line; do printf '%s %s\n' "${EPOCHREALTIME/./}" "$line"; done; }
random_pause() { nap "0.$(printf '%03d' $((RANDOM % ${1:-300})))"; }

# ---- tools and binaries ----

if ! command -v inotifywait >/dev/null; then
  [ "$(id -u)" -eq 0 ] || die "inotifywait is missing: install inotify-tools (apt-get install inotify-tools)"
  log "installing inotify-tools"
  apt-get update -qq >/dev/null && apt-get install -y -qq inotify-tools >/dev/null
fi
command -v perl >/dev/null || die "perl is missing"

if [ -z "$wv" ]; then
  log "publishing wemixvisor (Release)"
  dotnet publish src/Wemixvisor -c Release -o "$work/wemixvisor" --nologo -v quiet >/dev/null
  wv=$work/wemixvisor/wemixvisor
fi
[ -x "$wv" ] || die "no wemixvisor executable at $wv"
log "publishing the start-up floor and the polling floor"
dotnet publish bench/StartupFloor -c Release -o "$work/floor" --nologo -v quiet >/dev/null
floor=$work/floor/startup-floor
dotnet publish bench/PollingFloor -c Release -o "$work/polling-floor" --nologo -v quiet >/dev/null
polling_floor=$work/polling-floor/polling-floor

# Every process runs from an empty directory: the generic host under Cocona watches its working
# directory recursively for appsettings.json (see the version-from-/ row).
mkdir -p "$work/cwd"
cd "$work/cwd"

has_run=false
"$wv" run --help >/dev/null 2>&1 && has_run=true

# ---- homes ----

# A home whose genesis and upgrades/<names…> are the sleeping node; `current` points to genesis.
make_home() {
  local home=$1 name; shift
  mkdir -p "$home/wemixvisor/genesis/bin" "$home/wemixvisor/upgrades" "$home/data"
  install -m 755 "$repo"/bench/nodes/sleeping-node.sh "$home/wemixvisor/genesis/bin/node"
  for name in "$@"; do
    mkdir -p "$home/wemixvisor/upgrades/$name/bin"
    install -m 755 "$repo"/bench/nodes/sleeping-node.sh "$home/wemixvisor/upgrades/$name/bin/node"
  done
  ln -sfn genesis "$home/wemixvisor/current"
}
# wemixvisor's settings for a home: 300 ms polls, backups skipped (the backup figure measures them alone).
wv_env() {
  printf '%s\n' "DAEMON_HOME=$1" DAEMON_NAME=node DAEMON_POLL_INTERVAL=300ms "UNSAFE_SKIP_BACKUP=$([ "${BENCH_BACKUP:-off}" = on ] && echo false || echo true)" \
    DAEMON_SHUTDOWN_GRACE=10s DAEMON_BACKUP_KEEP=100 WEMIXVISOR_LOG_LEVEL=info WEMIXVISOR_LOG_FORMAT=text "BENCH_MARKS=$1/marks"
}
# Starts `wemixvisor run` for a home in the background, its stderr stamped line by line into $home/log.
# With "polling-only" it runs in a user namespace that allows no inotify instance, so only polls detect.
start_wemixvisor() {
  local home=$1 mode=${2:-notify} env
  mapfile -t env < <(wv_env "$home")
  : >"$home/marks"
  if [ "$mode" = polling-only ]; then
    unshare --user --map-root-user bash -c 'echo 0 >/proc/sys/user/max_inotify_instances && exec "$@"' \
      _ env "${env[@]}" "$wv" run 2> >(stamp_lines >"$home/log") &
  else
    env "${env[@]}" "$wv" run 2> >(stamp_lines >"$home/log") &
  fi
  wv_pid=$!
  children+=("$wv_pid")
}
stop_wemixvisor() {
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
write_trigger() { printf '{"name":"%s","height":%d,"info":{}}\n' "$2" "$3" >"$1/data/upgrade-info.json"; }

# ---- the table ----

rows=()
# row FIGURE UNIT SAMPLES BASELINE_NAME BASELINE_SAMPLES COMPARISON BUDGET VERDICT
row() {
  local m p n bm bp
  read -r m p n < <(stats "$3")
  read -r bm bp _ < <(stats "$5")
  rows+=("$1|$2|$m|$p|$n|$4|$bm|$bp|$6|$7|$8")
}
median_of() { local m; read -r m _ < <(stats "$1"); echo "$m"; }
p95_of() { local p; read -r _ p _ < <(stats "$1"); echo "$p"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b == 0 ? 0 : a / b) }'; }
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.1f", a - b }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a <= b) }'; }
verdict() { if "$@"; then echo met; else echo MISSED; fi; }
not_measured() { rows+=("$1|not measured: $2"); }

# ---- figures ----

fig_version() {
  log "start-up: wemixvisor version ($version_runs runs each, interleaved with the .NET floor)"
  "$wv" version >/dev/null 2>&1 || die "wemixvisor version failed"
  "$floor" >/dev/null
  local i
  for ((i = 0; i < version_runs; i++)); do
    time_once "$wv" version >>"$results/version.ms"
    time_once "$floor" >>"$results/version-floor.ms"
  done
  local m fm
  m=$(median_of "$results/version.ms") fm=$(median_of "$results/version-floor.ms")
  row "start-up: wemixvisor version" ms "$results/version.ms" ".NET hello, same publish" "$results/version-floor.ms" \
    "ratio $(ratio "$m" "$fm")" "p50 <= 150 ms" "$(verdict le "$m" 150)"

  # The same from /, where systemd starts services unless told otherwise.
  for ((i = 0; i < version_runs / 4; i++)); do
    (cd / && time_once "$wv" version) >>"$results/version-root.ms"
    (cd / && time_once "$floor") >>"$results/version-root-floor.ms"
  done
  m=$(median_of "$results/version-root.ms") fm=$(median_of "$results/version-root-floor.ms")
  row "start-up: version, working dir /" ms "$results/version-root.ms" ".NET hello, same publish" "$results/version-root-floor.ms" \
    "ratio $(ratio "$m" "$fm")" "p50 <= 150 ms" "$(verdict le "$m" 150)"
}

fig_run_start() {
  log "start-up: run -> node exec ($start_runs runs each, interleaved with a direct start)"
  local home=$work/start i t0 t1 env
  make_home "$home"
  mapfile -t env < <(wv_env "$home")
  for ((i = 1; i <= start_runs; i++)); do
    t0=$(now_us)
    start_wemixvisor "$home"
    await_line "$home/marks" "genesis" 20 || die "the node was not started within 20 s (see $home/log)"
    t1=$(stamp_of "$home/marks" genesis)
    elapsed_ms "$t0" "$t1" >>"$results/run-start.ms"
    stop_wemixvisor "$wv_pid"

    : >"$home/marks"
    t0=$(now_us)
    setsid env "${env[@]}" "$home/wemixvisor/genesis/bin/node" &
    local direct=$!
    await_line "$home/marks" "genesis" 10 || die "the node did not start directly"
    t1=$(stamp_of "$home/marks" genesis)
    elapsed_ms "$t0" "$t1" >>"$results/run-start-direct.ms"
    kill -TERM -- "-$direct"; wait "$direct" || true
  done
  row "start-up: run -> node exec" ms "$results/run-start.ms" "node started directly" "$results/run-start-direct.ms" \
    "$(minus "$(median_of "$results/run-start.ms")" "$(median_of "$results/run-start-direct.ms")") ms" "none set" "-"
}

# Detection: one wemixvisor keeps running; each run writes a new upgrade whose binary is absent, so
# wemixvisor logs the detection and stays blocked with the node running, ready for the next run.
# The baseline watches the same writes: inotifywait (notifications) or a 300 ms shell poller.
detection_runs() {
  local mode=$1 runs=$2 out=$3 home=$work/detect-$1 i name t0 t1 b1 base_pid
  make_home "$home"
  start_wemixvisor "$home" "$mode"
  await_line "$home/marks" genesis 20 || die "the node was not started (see $home/log)"
  if [ "$mode" = polling-only ]; then
    await_line "$home/log" "No change notifications" 5 ||
      die "wemixvisor did not report polling-only mode (see $home/log)"
    # The Cosmovisor method as a floor: read the file every 300 ms, report when its text changed.
    setsid bash -c '
      last=""
      while :; do
        text=""
        [ -e "$2" ] && IFS= read -r text <"$2" || true
        if [ "$text" != "$last" ]; then printf "%s %s\n" "${EPOCHREALTIME/./}" "$text"; last=$text; fi
        read -r -t 0.3 -u "$1" _ || true
      done' _ "$nap_fd" "$home/data/upgrade-info.json" >"$home/baseline" &
    base_pid=$!
  else
    setsid bash -c '
      inotifywait -m -q -e close_write -e moved_to --format %f "$1" |
        while IFS= read -r f; do
          t=${EPOCHREALTIME/./}
          [ "$f" = upgrade-info.json ] || continue
          IFS= read -r text <"$1/$f" || true
          printf "%s %s\n" "$t" "$text"
        done' _ "$home/data" >"$home/baseline" &
    base_pid=$!
  fi
  children+=("-$base_pid")
  nap 1   # the baseline has set its watch
  for ((i = 1; i <= runs; i++)); do
    name=$(printf 'probe-%04d-x' "$i")
    random_pause 300
    t0=$(now_us)
    write_trigger "$home" "$name" "$i"
    await_line "$home/log" "$name" 5 || die "wemixvisor did not report $name within 5 s (see $home/log)"
    await_line "$home/baseline" "$name" 5 || die "the baseline did not see $name"
    t1=$(stamp_of "$home/log" "$name")
    b1=$(stamp_of "$home/baseline" "$name")
    elapsed_ms "$t0" "$t1" >>"$results/$out.ms"
    elapsed_ms "$t0" "$b1" >>"$results/$out-baseline.ms"
    nap 0.1
  done
  kill -TERM -- "-$base_pid" 2>/dev/null || true
  wait "$base_pid" 2>/dev/null || true
  stop_wemixvisor "$wv_pid"
}

fig_detection() {
  log "detection with notifications ($detect_runs runs, inotifywait on the same writes)"
  detection_runs notify "$detect_runs" detection
  local m fm
  m=$(median_of "$results/detection.ms") fm=$(median_of "$results/detection-baseline.ms")
  row "detection, notifications" ms "$results/detection.ms" "inotifywait + read" "$results/detection-baseline.ms" \
    "$(minus "$m" "$fm") ms" "p50 <= 10 ms" "$(verdict le "$m" 10)"
}

fig_polling() {
  log "detection by polling alone, 300 ms ($poll_runs runs, a 300 ms shell poller on the same writes)"
  detection_runs polling-only "$poll_runs" polling
  local m fm
  m=$(median_of "$results/polling.ms") fm=$(median_of "$results/polling-baseline.ms")
  row "detection, polling alone 300 ms" ms "$results/polling.ms" "shell poller, 300 ms" "$results/polling-baseline.ms" \
    "ratio $(ratio "$m" "$fm")" "p50 <= 300 ms" "$(verdict le "$m" 300)"
}

# Switchover: trigger written → the new binary's first instruction. wemixvisor detects, checks the binary,
# stops the node (which exits at once on SIGTERM), switches `current` and starts the new binary; backup
# skipped. The floor waits for the same kind of write with inotifywait and execs the next binary.
fig_switchover() {
  log "switchover ($switch_runs runs each, interleaved with the inotifywait+exec floor)"
  local home=$work/switch floor_data=$work/switch-floor i name t0 t1 names=() fpid
  for ((i = 1; i <= switch_runs; i++)); do names+=("$(printf 's%03d' "$i")"); done
  make_home "$home" "${names[@]}"
  mkdir -p "$floor_data/data"
  start_wemixvisor "$home"
  await_line "$home/marks" genesis 20 || die "the node was not started (see $home/log)"
  nap 1
  for ((i = 1; i <= switch_runs; i++)); do
    name=${names[i-1]}
    random_pause 100
    t0=$(now_us)
    write_trigger "$home" "$name" "$i"
    await_line "$home/marks" "upgrades/$name/bin/node" 20 || die "$name was not started within 20 s (see $home/log)"
    t1=$(stamp_of "$home/marks" "upgrades/$name/bin/node")
    elapsed_ms "$t0" "$t1" >>"$results/switchover.ms"

    rm -f "$floor_data/ready" "$floor_data/data/upgrade-info.json"
    : >"$floor_data/marks"
    BENCH_MARKS=$floor_data/marks setsid "$repo/bench/switch-floor.sh" "$floor_data/data" "$home/wemixvisor/upgrades/$name/bin/node" "$floor_data/ready" &
    fpid=$!
    await_line "$floor_data/ready" "Watches established" 10 || die "the floor's inotifywait did not start"
    random_pause 100
    t0=$(now_us)
    write_trigger "$floor_data" "$name" "$i"
    await_line "$floor_data/marks" "upgrades/$name/bin/node" 10 || die "the floor did not exec $name"
    t1=$(stamp_of "$floor_data/marks" "upgrades/$name/bin/node")
    elapsed_ms "$t0" "$t1" >>"$results/switchover-floor.ms"
    kill -TERM -- "-$fpid" 2>/dev/null || true
    wait "$fpid" 2>/dev/null || true
  done
  stop_wemixvisor "$wv_pid"
  local o50 o95
  o50=$(minus "$(median_of "$results/switchover.ms")" "$(median_of "$results/switchover-floor.ms")")
  o95=$(minus "$(p95_of "$results/switchover.ms")" "$(p95_of "$results/switchover-floor.ms")")
  row "switchover, backup skipped" ms "$results/switchover.ms" "inotifywait + exec" "$results/switchover-floor.ms" \
    "over floor: p50 $o50, p95 $o95 ms" "over floor p50<=25, p95<=100" "$(verdict eval "le $o50 25 && le $o95 100")"
}

# On-CPU nanoseconds of each thread of a process, "tid ns" a line (/proc/PID/task/*/schedstat).
cpu_threads() {
  local f a
  for f in /proc/"$1"/task/*/schedstat; do
    read -r a _ <"$f" 2>/dev/null && { f=${f%/schedstat}; echo "${f##*/} $a"; }
  done
}
# % of one core over one second between two cpu_threads snapshots, counting threads alive in both
# (a thread that ended in between loses its last second; /proc/PID/stat gives the exact window total).
cpu_percent() {
  awk 'NR == FNR { before[$1] = $2; next } ($1 in before) && $2 >= before[$1] { sum += $2 - before[$1] }
       END { printf "%.4f\n", sum / 1e7 }' "$1" "$2"
}
# Clock ticks of user+system time of a process, exited threads included (/proc/PID/stat).
cpu_ticks() { local s; read -r s <"/proc/$1/stat"; s=${s##*) }; set -- $s; echo $((${12} + ${13})); }
rss_kb() { local k v _; while read -r k v _; do [ "$k" = VmRSS: ] && { echo "$v"; return; }; done <"/proc/$1/status"; }

fig_idle() {
  log "idle cost over ${idle_seconds} s: wemixvisor from an empty dir and from /, a sleeping .NET process, two pollers"
  local home=$work/idle root_home=$work/idle-root i pid name hz root_shell
  local -A pids=() ticks=()
  make_home "$home"
  start_wemixvisor "$home"
  pids[wv]=$wv_pid
  make_home "$root_home"
  (cd / && start_wemixvisor "$root_home" && wait "$wv_pid") &
  root_shell=$!
  children+=("$root_shell")
  await_line "$home/marks" genesis 20 || die "the node was not started (see $home/log)"
  await_line "$root_home/marks" genesis 20 || die "the node was not started from / (see $root_home/log)"
  pids[root]=$(pgrep -P "$root_shell" -x wemixvisor) || die "no wemixvisor under the / shell"
  children+=("${pids[root]}")
  "$floor" idle $((idle_seconds + 30)) &
  pids[floor]=$!
  children+=("${pids[floor]}")
  # Where the idle CPU goes: the same 300 ms polling of the same file, alone, two ways.
  "$polling_floor" event-loop "$home/data/upgrade-info.json" $((idle_seconds + 30)) &
  pids[event_loop]=$!
  "$polling_floor" thread-wait "$home/data/upgrade-info.json" $((idle_seconds + 30)) &
  pids[thread_wait]=$!
  children+=("${pids[event_loop]}" "${pids[thread_wait]}")
  nap 15   # past start-up: the polling path reaches 30 calls and is recompiled at tier 1 in the first ~10 s
  for name in "${!pids[@]}"; do
    cpu_threads "${pids[$name]}" >"$work/cpu-$name.before"
    ticks[$name]=$(cpu_ticks "${pids[$name]}")
  done
  for ((i = 0; i < idle_seconds; i++)); do
    nap 1
    for name in "${!pids[@]}"; do
      pid=${pids[$name]}
      cpu_threads "$pid" >"$work/cpu-$name.after"
      cpu_percent "$work/cpu-$name.before" "$work/cpu-$name.after" >>"$results/idle-cpu-$name.pct"
      mv "$work/cpu-$name.after" "$work/cpu-$name.before"
      awk -v k="$(rss_kb "$pid")" 'BEGIN { printf "%.1f\n", k * 1024 / 1e6 }' >>"$results/idle-rss-$name.mb"
    done
  done
  hz=$(getconf CLK_TCK)
  local -A window=()
  for name in "${!pids[@]}"; do
    window[$name]=$(awk -v a="${ticks[$name]}" -v b="$(cpu_ticks "${pids[$name]}")" -v hz="$hz" -v s="$idle_seconds" \
      'BEGIN { printf "%.3f", (b - a) / hz / s * 100 }')
  done
  stop_wemixvisor "${pids[wv]}"
  kill -TERM "${pids[root]}" "${pids[floor]}" "${pids[event_loop]}" "${pids[thread_wait]}" 2>/dev/null || true
  wait "$root_shell" "${pids[floor]}" "${pids[event_loop]}" "${pids[thread_wait]}" 2>/dev/null || true
  row "idle CPU (1 s samples)" "% core" "$results/idle-cpu-wv.pct" ".NET process sleeping" "$results/idle-cpu-floor.pct" \
    "${idle_seconds} s window: ${window[wv]} % (floor ${window[floor]} %)" "<= 0.05 % of one core" "$(verdict le "${window[wv]}" 0.05)"
  row "idle CPU, working dir /" "% core" "$results/idle-cpu-root.pct" ".NET process sleeping" "$results/idle-cpu-floor.pct" \
    "${idle_seconds} s window: ${window[root]} %" "<= 0.05 % of one core" "$(verdict le "${window[root]}" 0.05)"
  row "idle CPU: Rx event-loop poll alone" "% core" "$results/idle-cpu-event_loop.pct" "one thread, timed waits" "$results/idle-cpu-thread_wait.pct" \
    "${idle_seconds} s window: ${window[event_loop]} % vs ${window[thread_wait]} %" "(where the time goes)" "-"
  row "idle resident memory" MB "$results/idle-rss-wv.mb" ".NET process sleeping" "$results/idle-rss-floor.mb" \
    "$(minus "$(median_of "$results/idle-rss-wv.mb")" "$(median_of "$results/idle-rss-floor.mb")") MB" "<= 40 MB" \
    "$(verdict le "$(p95_of "$results/idle-rss-wv.mb")" 40)"
  row "idle resident memory, working dir /" MB "$results/idle-rss-root.mb" ".NET process sleeping" "$results/idle-rss-floor.mb" \
    "$(minus "$(median_of "$results/idle-rss-root.mb")" "$(median_of "$results/idle-rss-floor.mb")") MB" "<= 40 MB" \
    "$(verdict le "$(p95_of "$results/idle-rss-root.mb")" 40)"
}

# What each upgrade leaves behind: one wemixvisor goes through $growth_runs real upgrades in a row, each node asking
# for the next 50 ms after it started (bench/nodes/chain-node.sh), as a chain would. RSS, open fds, threads and
# /proc/PID/maps entries are sampled right after upgrade $growth_from and 25 s after the last (so that a thread-pool
# worker still alive from the last upgrade has retired, as an idle one does after 20 s: a thread and its stack's two
# mappings are not growth), each time alongside a second wemixvisor that supervises a sleeping node and goes through
# no upgrade (the same time passes for it).
proc_sample() {
  local pid=$1 fds maps threads k v _
  fds=$(find "/proc/$pid/fd" -mindepth 1 -maxdepth 1 | wc -l)
  maps=$(wc -l <"/proc/$pid/maps")
  while read -r k v _; do [ "$k" = Threads: ] && threads=$v; done <"/proc/$pid/status"
  awk -v k="$(rss_kb "$pid")" -v f="$fds" -v t="$threads" -v m="$maps" 'BEGIN { printf "%.1f %d %d %d\n", k * 1024 / 1e6, f, t, m }'
}
fig_growth() {
  log "growth over $growth_runs real upgrades (each node asks for the next after 50 ms), alongside an idle wemixvisor"
  local home=$work/growth idle=$work/growth-idle i names=() idle_pid wv_growth
  for ((i = 1; i <= growth_runs; i++)); do names+=("$(printf 'u%03d' "$i")"); done
  make_home "$home" "${names[@]}"
  for i in "$home/wemixvisor/genesis" "${names[@]/#/$home/wemixvisor/upgrades/}"; do
    install -m 755 "$repo"/bench/nodes/chain-node.sh "$i/bin/node"
  done
  make_home "$idle"
  start_wemixvisor "$idle"
  idle_pid=$wv_pid
  BENCH_LAST=$growth_runs start_wemixvisor "$home"
  wv_growth=$wv_pid
  await_line "$idle/marks" genesis 20 || die "the idle node was not started (see $idle/log)"
  await_line "$home/marks" "upgrades/u$(printf '%03d' "$growth_from")/bin/node" 120 || die "upgrade $growth_from was not reached (see $home/log)"
  proc_sample "$wv_growth" >"$results/growth-from"
  proc_sample "$idle_pid" >"$results/growth-idle-from"
  await_line "$home/marks" "upgrades/${names[-1]}/bin/node" 600 || die "the last upgrade was not reached (see $home/log)"
  nap 2
  proc_sample "$wv_growth" >"$results/growth-to-busy"
  nap 23
  proc_sample "$wv_growth" >"$results/growth-to"
  proc_sample "$idle_pid" >"$results/growth-idle-to"
  stop_wemixvisor "$wv_growth"
  stop_wemixvisor "$idle_pid"
  local a b c d
  read -r a <"$results/growth-from"; read -r b <"$results/growth-to"
  read -r c <"$results/growth-idle-from"; read -r d <"$results/growth-idle-to"
  log "growth: upgrade $growth_from -> $growth_runs (RSS MB, fds, threads, maps): $a -> $b ($(cat "$results/growth-to-busy") 2 s after the last); idle wemixvisor: $c -> $d"
  growth_row "$a" "$b" "$c" "$d"
}
growth_row() {
  local -a a=($1) b=($2) c=($3) d=($4)
  local grew verdict=met
  awk -v a="${a[0]}" -v b="${b[0]}" 'BEGIN { exit !(b - a <= 5) }' || verdict=MISSED
  [ "${b[1]}" -le "${a[1]}" ] && [ "${b[2]}" -le "${a[2]}" ] && [ "${b[3]}" -le "${a[3]}" ] || verdict=MISSED
  grew=$(awk -v a="${a[0]}" -v b="${b[0]}" 'BEGIN { printf "%+.1f", b - a }')
  rows+=("growth, upgrades $growth_from -> $growth_runs|MB fd th maps|${a[0]} ${a[1]} ${a[2]} ${a[3]}|${b[0]} ${b[1]} ${b[2]} ${b[3]}|1|idle wemixvisor, same time|${c[0]} ${c[1]} ${c[2]} ${c[3]}|${d[0]} ${d[1]} ${d[2]} ${d[3]}|RSS $grew MB, fds $((b[1] - a[1])), threads $((b[2] - a[2])), maps $((b[3] - a[3]))|RSS +5 MB, no fd/thread/map growth|$verdict")
}

fig_passthrough() {
  log "output pass-through: 1 GiB to stdout in 4 KiB writes, /dev/null ($pass_runs runs each, interleaved)"
  local home=$work/pass i env s e stdout
  make_home "$home"
  install -m 755 "$repo"/bench/nodes/stdout-node.sh "$home/wemixvisor/genesis/bin/node"
  mapfile -t env < <(wv_env "$home")
  for ((i = 1; i <= pass_runs; i++)); do
    : >"$home/marks"
    env "${env[@]}" "$wv" run >/dev/null 2>>"$home/log" || die "wemixvisor run failed (see $home/log)"
    read -r s e stdout <"$home/marks"
    [ "$stdout" = /dev/null ] || die "under wemixvisor the node's stdout is $stdout, not the inherited /dev/null"
    awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f\n", 1024 / ((e - s) / 1e6) }' >>"$results/pass.mibs"
    : >"$home/marks"
    env "${env[@]}" "$home/wemixvisor/genesis/bin/node" >/dev/null
    read -r s e _ <"$home/marks"
    awk -v s="$s" -v e="$e" 'BEGIN { printf "%.1f\n", 1024 / ((e - s) / 1e6) }' >>"$results/pass-direct.mibs"
  done
  local r
  r=$(ratio "$(median_of "$results/pass.mibs")" "$(median_of "$results/pass-direct.mibs")")
  row "output pass-through, 1 GiB" MiB/s "$results/pass.mibs" "node run directly" "$results/pass-direct.mibs" \
    "ratio $r; node's stdout inherited" ">= 0.99 of direct" "$(verdict le 0.99 "$r")"
}

# Backup: wemixvisor's own backup step inside real upgrades (backups on), from the log line that ends the
# node's stop (the step starts right after it: no restart delay) to the "Backup … created" line. The
# backup is durable (wemixvisor syncs the file system before renaming it into place), so the first
# baseline is `cp -a` followed by `sync -f`; plain `cp -a` is shown too. The disk is shared and noisy, so
# the same series also runs on a tmpfs (when one can be mounted): there the copy engines alone compete.
# backup_series ROOT TAG: a home under ROOT, results in $results/TAG*.ms.
backup_series() {
  local root=$1 tag=$2 home=$1/backup i k name names=() t0 t1 copied
  for ((i = 1; i <= backup_runs; i++)); do names+=("$(printf 'b%03d' "$i")"); done
  make_home "$home" "${names[@]}"
  perl "$repo/bench/make-data-dir.pl" "$home/data" "$data_scale" >"$work/data-dir.txt"
  backup_bytes=$(du -sb "$home/data" | cut -f1)
  sync
  log "backup throughput ($tag): $(cat "$work/data-dir.txt"); $backup_runs runs each of wemixvisor, cp -a, cp -a + sync -f"
  # Backups on, none pruned by wemixvisor (a removal would overlap the next timed copy): the script removes them.
  BENCH_BACKUP=on start_wemixvisor "$home"
  await_line "$home/marks" genesis 20 || die "the node was not started (see $home/log)"
  for ((i = 1; i <= backup_runs; i++)); do
    # The three copies run in a rotating order, each from a synced disk, so that none always follows another.
    local order=(wemixvisor cp cp-sync)
    for ((k = 0; k < 3; k++)); do
      case ${order[(i + k) % 3]} in
        wemixvisor)
          name=${names[i-1]}
          sync
          write_trigger "$home" "$name" "$i"
          await_line "$home/marks" "upgrades/$name/bin/node" 600 || die "$name was not started within 600 s (see $home/log)"
          t0=$(grep -E "Stopping -> Upgrading on NodeExited" "$home/log" | sed -n "${i}p" | cut -d' ' -f1)
          t1=$(grep -E "Backup [^ ]*$name[^ ]* created" "$home/log" | head -1 | cut -d' ' -f1)
          [ -n "$t0" ] && [ -n "$t1" ] || die "no backup lines for $name in $home/log"
          elapsed_ms "$t0" "$t1" >>"$results/$tag.ms"
          copied=$(find "$home/backups" -mindepth 1 -maxdepth 1 -type d -name "*$name*" | head -1)
          [ -n "$copied" ] && awk -v a="$(du -sb "$copied" | cut -f1)" -v b="$backup_bytes" 'BEGIN { exit !(a >= b * 0.99) }' ||
            die "the backup for $name ($copied) is not a full copy of the $backup_bytes-byte data dir"
          rm -rf "$copied"
          ;;
        cp)
          sync
          time_once cp -a "$home/data" "$root/cp-copy" >>"$results/$tag-cp.ms"
          rm -rf "$root/cp-copy"
          ;;
        cp-sync)
          sync
          time_once bash -c 'cp -a "$1" "$2" && sync -f "$2"' _ "$home/data" "$root/cp-copy" >>"$results/$tag-cp-sync.ms"
          rm -rf "$root/cp-copy"
          ;;
      esac
    done
  done
  stop_wemixvisor "$wv_pid"
}

backup_rows() {
  local tag=$1 where=$2 gib r
  gib=$(awk -v b="$backup_bytes" 'BEGIN { printf "%.2f GiB", b / 2^30 }')
  r=$(ratio "$(median_of "$results/$tag.ms")" "$(median_of "$results/$tag-cp-sync.ms")")
  row "backup $gib, $where" ms "$results/$tag.ms" "cp -a; sync -f" "$results/$tag-cp-sync.ms" \
    "ratio $r" "<= 1.1 x cp -a" "$(verdict le "$r" 1.1)"
  r=$(ratio "$(median_of "$results/$tag.ms")" "$(median_of "$results/$tag-cp.ms")")
  row "backup $gib, $where" ms "$results/$tag.ms" "cp -a alone (not synced)" "$results/$tag-cp.ms" \
    "ratio $r" "<= 1.1 x cp -a" "$(verdict le "$r" 1.1)"
}

fig_backup() {
  backup_series "$work" backup
  backup_rows backup "disk"
  rm -rf "$work/backup"
  mkdir -p "$work/ram"
  if mount -t tmpfs -o size=4g tmpfs "$work/ram" 2>/dev/null; then
    ram_mounted=$work/ram
    backup_series "$work/ram" backup-ram
    backup_rows backup-ram "tmpfs"
    umount "$work/ram" && ram_mounted=""
  else
    not_measured "backup, tmpfs" "no tmpfs could be mounted (needs root)"
  fi
}

# ---- run ----

wanted version && fig_version
for figure in run-start detection polling switchover idle growth passthrough; do
  wanted "$figure" || continue
  if $has_run; then
    "fig_${figure//-/_}"
  else
    not_measured "$figure" "\`wemixvisor run --help\` fails: run is not usable in this build"
  fi
done
if wanted backup; then
  if $has_run; then fig_backup; else not_measured backup "\`wemixvisor run --help\` fails: run is not usable in this build"; fi
fi

echo
echo "wemixvisor whole-process benchmarks — $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), kernel $(uname -r)$($quick && echo ', QUICK MODE (not for budgets)')"
printf '%-38s %6s %10s %10s %5s | %-26s %10s %10s | %-34s | %-28s %s\n' \
  figure unit p50 p95 runs baseline p50 p95 comparison budget verdict
for r in "${rows[@]}"; do
  IFS='|' read -r fig unit m p n base bm bp cmp budget verdict <<<"$r"
  if [[ $unit == "not measured:"* ]]; then
    printf '%-38s %s\n' "$fig" "$unit"
  else
    printf '%-38s %6s %10s %10s %5s | %-26s %10s %10s | %-34s | %-28s %s\n' \
      "$fig" "$unit" "$m" "$p" "$n" "$base" "$bm" "$bp" "$cmp" "$budget" "$verdict"
  fi
done
