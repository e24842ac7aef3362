# Shared by the window tests (sourced, not run), on top of lib.sh: an X display (its own
# Xvfb when none is available), `fail` that also prints the app's log, and finding the
# app's window and its widgets. Expects: set -euo pipefail. Sets: work, DISPLAY, window
# (by find_window). The caller starts the app with its output in $work/app.log and passes
# its PID to track_pid.
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
fail() { echo "FAIL: $*" >&2; [ -f "$work/app.log" ] && cat "$work/app.log" >&2; exit 1; }

if [ -z "${DISPLAY:-}" ] || ! xdpyinfo >/dev/null 2>&1; then
  export DISPLAY=":$((200 + RANDOM % 200))"
  Xvfb "$DISPLAY" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  track_pid $!
  wait_until xdpyinfo >/dev/null 2>&1 || true
fi

# Waits for the app's window, titled Blockify Desktop, and sets window to its id.
find_window() {
  window=""
  for _ in $(seq 300); do
    window=$(xdotool search --name "Blockify Desktop" 2>/dev/null | head -1 || true)
    [ -n "$window" ] && return 0
    sleep 0.1
  done
  fail "no window titled Blockify Desktop"
}

# The rectangle "x y w h" the running app reports for widget NAME (BLOCKIFY_UI_RECTS),
# or nothing when it has not drawn it.
rect_now() {
  python3 -c "import json,sys; r=json.load(open(sys.argv[1])).get(sys.argv[2]); print(' '.join(str(int(v)) for v in r) if r else '')" \
    "$BLOCKIFY_UI_RECTS" "$1" 2>/dev/null || true
}

# Waits until the running app ($app_pid) has drawn widget NAME and prints its rectangle;
# fails when the app exits or at the 30 s hang guard.
wait_for_rect() {
  local rect=""
  for _ in $(seq 300); do
    [ -f "$BLOCKIFY_UI_RECTS" ] && rect=$(rect_now "$1")
    [ -n "$rect" ] && { echo "$rect"; return 0; }
    kill -0 "$app_pid" 2>/dev/null || fail "the app exited"
    sleep 0.1
  done
  fail "the app never drew '$1'"
}
