# Shared by the window tests (sourced, not run): a work folder, an X display (its own
# Xvfb when none is available), clean-up of the app and Xvfb, and `fail`.
# Expects: set -euo pipefail. Sets: work, app_pid (for the caller to fill), DISPLAY.
work=$(mktemp -d)
app_pid=""
xvfb_pid=""
# Ends a process this script started by its PID: TERM, then KILL if still there after 30 s.
stop_pid() {
  [ -n "$1" ] || return 0
  kill "$1" 2>/dev/null || true
  for _ in $(seq 300); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
cleanup() {
  stop_pid "$app_pid"
  stop_pid "$xvfb_pid"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM  # so EXIT runs the clean-up on a timeout's TERM too
fail() { echo "FAIL: $*" >&2; [ -f "$work/app.log" ] && cat "$work/app.log" >&2; exit 1; }

if [ -z "${DISPLAY:-}" ] || ! xdpyinfo >/dev/null 2>&1; then
  export DISPLAY=":$((200 + RANDOM % 200))"
  Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  for _ in $(seq 300); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
fi
