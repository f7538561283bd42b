#!/bin/bash
# The floor for a switchover: wait for the trigger file with inotify, then exec the next binary.
# Usage: switch-floor.sh DATA_DIR NEXT_BINARY READY_FILE (inotifywait says "Watches established." there)
inotifywait -e close_write -e moved_to --include 'upgrade-info\.json$' "$1" >/dev/null 2>"$3"
exec "$2"
