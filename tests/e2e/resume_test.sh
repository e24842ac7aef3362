#!/usr/bin/env bash
# End to end, strategy B: a job fails on one bad file → open its detail → the file is red
# with its hint → replace the file → Resume from failure → Completed, with the completed
# file untouched (its IdeaBlocks keep their ids). Screenshots of the jobs view and the
# detail are saved under OUT_DIR. Starts its own Xvfb when there is no display.
set -euo pipefail
blockify="$1"
out_dir="$2"
mkdir -p "$out_dir"
# shellcheck source=window_test_lib.sh
source "$(dirname "$0")/window_test_lib.sh"

db="$work/resume.db"
q() { sqlite3 "$db" "$1"; }
status() { "$blockify" --db "$db" job show "$1" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])'; }
rect_of() {  # waits (up to ${2:-300} tenths of a second) for a widget rectangle; prints "x y w h"
  local r=""
  for _ in $(seq "${2:-300}"); do
    r=$(rect_now "$1")
    [ -n "$r" ] && { echo "$r"; return 0; }
    sleep 0.1
  done
  echo "FAIL: the app never showed '$1'" >&2; return 1
}
scroll_to() {  # scrolls the detail panel until NAME is drawn fully on screen
  local x y w h r
  for _ in $(seq 20); do
    r=$(rect_of "$1" 3 2>/dev/null || true)
    if [ -n "$r" ]; then
      read -r x y w h <<<"$r"
      [ "$((y + h))" -lt 760 ] && return 0
    fi
    xdotool mousemove --window "$window" 640 600
    xdotool click 5
    sleep 0.2
  done
  fail "could not scroll '$1' into view"
}
click() {  # click NAME, scrolling the detail panel until the widget is on screen
  local x y w h
  scroll_to "$1"
  read -r x y w h <<<"$(rect_of "$1")" || fail "no widget $1"
  xdotool mousemove --window "$window" $((x + w / 2)) $((y + h / 2))
  sleep 0.2
  xdotool click 1
  sleep 0.3
}

printf 'Guide to datasets.\n\nDatasets collect the IdeaBlocks of every job that targets them.\n' > "$work/guide.md"
# Binary junk named .txt: no text encoding explains it, so it fails BAD_ENCODING.
for _ in $(seq 50); do printf 'junk\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f'; done > "$work/notes.txt"
id=$("$blockify" --db "$db" job create --name "E2E resume" --dataset e2e "$work/guide.md" "$work/notes.txt")
"$blockify" --db "$db" run --until-idle >/dev/null
[ "$(status "$id")" = "failed" ] || fail "the job should fail on notes.txt first"
good_id=$(q "SELECT id FROM job_files WHERE path LIKE '%guide.md'")
bad_id=$(q "SELECT id FROM job_files WHERE path LIKE '%notes.txt'")
blocks_before=$(q "SELECT group_concat(id) FROM blocks WHERE file_id=$good_id ORDER BY id")
[ -n "$blocks_before" ] || fail "the good file produced no blocks"
printf 'Fixed notes, now in UTF-8.\n\nExports are written atomically.\n' > "$work/notes-fixed.txt"

export BLOCKIFY_UI_RECTS="$work/rects.json"
HOME="$work" XDG_CONFIG_HOME="$work/config" "$blockify" --db "$db" > "$work/app.log" 2>&1 &
app_pid=$!
track_pid "$app_pid"
find_window
rect_of "view/$id" >/dev/null
import -window root "$out_dir/resume-1-jobs-view.png"

click "view/$id"
scroll_to "file-error/$bad_id"
import -window root "$out_dir/resume-2-detail-failed-file.png"

click "replace/$bad_id"
click "replace-path"
xdotool key --window "$window" ctrl+a
sleep 0.1
xdotool type --window "$window" --delay 15 "$work/notes-fixed.txt"
sleep 0.3
click "replace-confirm"
for _ in $(seq 300); do
  [ "$(q "SELECT path FROM job_files WHERE id=$bad_id")" = "$work/notes-fixed.txt" ] && break
  sleep 0.1
done
[ "$(q "SELECT path FROM job_files WHERE id=$bad_id")" = "$work/notes-fixed.txt" ] || fail "Replace did not take the new path: $(q "SELECT path FROM job_files WHERE id=$bad_id")"

for _ in $(seq 10); do xdotool mousemove --window "$window" 640 600; xdotool click 4; sleep 0.05; done
click "detail-resume"
for _ in $(seq 300); do [ "$(status "$id")" = "completed" ] && break; sleep 0.1; done
sleep 0.3
import -window root "$out_dir/resume-3-completed.png"
[ "$(status "$id")" = "completed" ] || fail "after Resume the job is $(status "$id")"
blocks_after=$(q "SELECT group_concat(id) FROM blocks WHERE file_id=$good_id ORDER BY id")
[ "$blocks_after" = "$blocks_before" ] || fail "the completed file was processed again ($blocks_before → $blocks_after)"
[ "$(q "SELECT kind FROM attempts WHERE job_id=$id ORDER BY number DESC LIMIT 1")" = "resume" ] || fail "last attempt is not a resume"
echo "ok: replaced the failed file, resumed, completed; guide.md kept blocks $blocks_after; screenshots in $out_dir"
