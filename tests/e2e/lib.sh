# Shared by the end-to-end shell tests (sourced, not run). Expects: set -euo pipefail.
# Sets: work, a temporary folder removed on exit. Gives:
#   track_pid PID    a process the script started in the background (the program itself,
#                    not a subshell or function around it): ended by its PID on every path
#                    out of the script, normal exit, failure or a timeout's TERM alike
#   stop_pid PID     ends it now: TERM, KILL if still there after 30 s, then reaped
#   forget_pid PID   after the script reaped it itself (wait PID): no longer tracked, so a
#                    PID the system hands out again is never signalled
#   fail MESSAGE     prints FAIL: MESSAGE and exits 1
#   b ARGS           blockify on the script's database ($blockify --db $db, set by the caller)
#   json EXPR        reads JSON on stdin as d and prints the Python expression EXPR
#   expect_code CODE COMMAND...   runs COMMAND (stdout to $work/out, stderr to $work/err)
#                    and fails unless it exits CODE
#   wait_until COMMAND...         runs COMMAND every 0.1 s until it succeeds; false after
#                    the 30 s hang guard (a condition waited on, never a fixed sleep)
#   start_fake_embeddings SERVER DIMS   starts tests' fake embeddings server answering
#                    DIMS-dimensional vectors; sets server_pid and url
work=$(mktemp -d)
tracked_pids=""

track_pid() { tracked_pids="$1 $tracked_pids"; }  # newest first: an app ends before its Xvfb
stop_pid() {
  [ -n "$1" ] || return 0
  kill "$1" 2>/dev/null || true
  for _ in $(seq 300); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  forget_pid "$1"
}
forget_pid() {
  local pid kept=""
  for pid in $tracked_pids; do [ "$pid" = "$1" ] || kept="$kept $pid"; done
  tracked_pids="$kept"
}
cleanup() {
  local pid
  for pid in $tracked_pids; do stop_pid "$pid"; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM  # so EXIT runs the clean-up on a timeout's TERM too

fail() { echo "FAIL: $*" >&2; exit 1; }
b() { "$blockify" --db "$db" "$@"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
expect_code() {  # expect_code CODE command...
  local want=$1; shift
  set +e; "$@" >"$work/out" 2>"$work/err"; local got=$?; set -e
  [ "$got" = "$want" ] || fail "'$*' exited $got, expected $want; stderr: $(cat "$work/err")"
}
wait_until() {
  for _ in $(seq 300); do "$@" && return 0; sleep 0.1; done
  return 1
}

start_fake_embeddings() {  # start_fake_embeddings SERVER DIMS
  "$1" "$2" >"$work/url" 2>"$work/server.err" &
  server_pid=$!
  track_pid "$server_pid"
  server_up() { [ -s "$work/url" ] || ! kill -0 "$server_pid" 2>/dev/null; }
  wait_until server_up || true
  url=$(head -n1 "$work/url")
  case "$url" in http://127.0.0.1:*) ;; *) fail "the fake server printed no URL: '$url' $(cat "$work/server.err")" ;; esac
}
