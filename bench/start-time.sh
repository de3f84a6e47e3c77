#!/usr/bin/env bash
# Start times of `npm start` from a fresh clone (docs/operations.md, Start): for each run, clones the repository,
# runs `npm ci`, then times `npm start` from the command to the first answered query (a loop polling
# `{ entity(id: "nvidia-h100") { name } }` every 100 ms) on the empty data folder (first start), stops it with
# SIGINT, and times a second `npm start` on the data it left (warm restart). One line per start, with the
# server's readyMs and phases and the machine's load average.
#
# Usage: bench/start-time.sh [runs=3] [repository=this checkout]. Binds PORT 4150 and a free Bolt port, so it
# does not collide with a server already running on the defaults.
set -euo pipefail
runs=${1:-3}
repo=${2:-$(cd "$(dirname "$0")/.." && pwd)}
port=4150
query='{"query":"{ entity(id: \"nvidia-h100\") { name } }"}'

# Times one `npm start` in $1 to its first answer; leaves the server running, its log in $2.
time_start() {
  local dir=$1 log=$2 started ended
  started=$(date +%s%3N)
  (cd "$dir" && PORT=$port NEO4J_BOLT_PORT=0 exec npm start >"$log" 2>&1) &
  until curl -s -m 2 "localhost:$port/graphql" -H 'content-type: application/json' -d "$query" | grep -q H100; do
    if (($(date +%s%3N) - started > 600000)); then echo "no answer within 600 s; see $log" >&2; exit 1; fi
    sleep 0.1
  done
  ended=$(date +%s%3N)
  echo "$((ended - started)) ms to the first answer; $(grep -o '"readyMs":[0-9]*,"phases":{[^}]*}' "$log"); load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

# Stops the server that logged to $1 (SIGINT, as Ctrl-C) and waits for it to exit.
stop_server() {
  local pid
  pid=$(grep -o '"url":"[^"]*","pid":[0-9]*' "$1" | grep -o '[0-9]*$')
  kill -INT "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
}

echo "# $(date -u +%FT%TZ) $(git -C "$repo" rev-parse --short HEAD) on $(nproc) cores; node $(node -v); $(java -version 2>&1 | head -1)"
for run in $(seq 1 "$runs"); do
  dir=$(mktemp -d /tmp/atlas-start-XXXXXX)
  git clone -q "$repo" "$dir"
  ci_started=$(date +%s%3N)
  (cd "$dir" && npm ci --silent --no-audit --no-fund >/dev/null 2>&1)
  echo "run $run: npm ci $(($(date +%s%3N) - ci_started)) ms"
  echo "run $run: first start: $(time_start "$dir" "$dir/first.log")"
  stop_server "$dir/first.log"
  echo "run $run: warm restart: $(time_start "$dir" "$dir/warm.log")"
  stop_server "$dir/warm.log"
  rm -rf "$dir"
done
