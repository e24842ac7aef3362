#!/usr/bin/env bash
# End to end: the real blockify in a real X window. A job fails on a missing file; the
# file is restored; xdotool clicks the row's Retry button at the rectangle the app
# reports; the job must reach Completed (checked with `blockify job show --json`).
# Screenshots are saved under OUT_DIR. Starts its own Xvfb when there is no display.
set -euo pipefail
blockify="$1"
out_dir="$2"
mkdir -p "$out_dir"
# shellcheck source=window_test_lib.sh
source "$(dirname "$0")/window_test_lib.sh"

db="$work/e2e.db"
printf 'Retry policy.\n\nA failed job can be retried with one click once its cause is fixed.\n' > "$work/policy.md"
id=$("$blockify" --db "$db" job create --name "E2E support notes" --dataset e2e "$work/policy.md" "$work/restore-me.txt")
"$blockify" --db "$db" run --until-idle >/dev/null
status=$("$blockify" --db "$db" job show "$id" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
[ "$status" = "failed" ] || fail "the job should have failed first, it is $status"

printf 'The restored notes.\n\nRestoring a missing file and retrying completes the job.\n' > "$work/restore-me.txt"
export BLOCKIFY_UI_RECTS="$work/rects.json"
HOME="$work" XDG_CONFIG_HOME="$work/config" "$blockify" --db "$db" > "$work/app.log" 2>&1 &
app_pid=$!
track_pid "$app_pid"

rect=$(wait_for_rect "retry/$id")
[ -n "$rect" ] || fail "the app never reported a Retry button for job $id"
find_window
import -window root "$out_dir/e2e-before-retry.png"

read -r x y w h <<<"$rect"
xdotool mousemove --window "$window" $((x + w / 2)) $((y + h / 2))
sleep 0.3
xdotool click 1

status=""
for _ in $(seq 300); do
  status=$("$blockify" --db "$db" job show "$id" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["status"])')
  [ "$status" = "completed" ] && break
  sleep 0.1
done
sleep 0.3
import -window root "$out_dir/e2e-after-retry.png"
[ "$status" = "completed" ] || fail "after clicking Retry the job is $status, not completed"
attempts=$("$blockify" --db "$db" job show "$id" --json | python3 -c 'import json,sys; j=json.load(sys.stdin); print(len(j["attempts"]), j["attempts"][0]["error"]["code"])')
[ "$attempts" = "2 FILE_NOT_FOUND" ] || fail "expected 2 attempts with the first FILE_NOT_FOUND, got: $attempts"
echo "ok: Retry clicked at ($((x + w / 2)), $((y + h / 2))), job $id completed; screenshots in $out_dir"
