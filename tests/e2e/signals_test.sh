#!/usr/bin/env bash
# The terminal and signals: `blockify run | head -1` and SIGTERM stop the engine cleanly
# (exit 0, no death by SIGPIPE) and the job resumes at the next start; names with
# control characters are printed escaped; a whitespace-only name is refused.
set -euo pipefail
blockify="$1"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
db="$work/signals.db"
status_of() { b job show "$1" --json | json 'd["status"]'; }

# Enough work that the engine is mid-job when its output closes or SIGTERM arrives.
python3 - "$work" <<'PY'
import sys
para = ("Blockify turns documents into IdeaBlocks. Each IdeaBlock holds one idea with a critical question "
        "and a trusted answer. A failed job can be retried with one click.\n\n")
for i in range(300):
    open(f"{sys.argv[1]}/n{i}.md", "w").write(para * 60)
PY
id=$(b job create --name "Signals" --dataset sig "$work"/n*.md)

# A reader that stops after one line: the engine must notice, not die of SIGPIPE.
set +e
b run --until-idle 2>"$work/pipe.err" | head -1 >/dev/null
codes=("${PIPESTATUS[@]}")
set -e
[ "${codes[0]}" = "0" ] || fail "blockify run | head -1 exited ${codes[0]} (141 is death by SIGPIPE); $(cat "$work/pipe.err")"

# SIGTERM while the job runs: exit 0, and the job resumes at the next start.
"$blockify" --db "$db" run > "$work/run.log" 2>&1 &  # not through b(): $! must be blockify itself
run_pid=$!
track_pid "$run_pid"
# It prints the jobs once its handlers are in place; then wait for the job to run.
processing() { [ -s "$work/run.log" ] && [ "$(status_of "$id")" = "processing" ]; }
wait_until processing || true
kill -TERM "$run_pid"
set +e; wait "$run_pid"; code=$?; set -e
forget_pid "$run_pid"
[ "$code" = "0" ] || fail "blockify run exited $code after SIGTERM"
b run --until-idle >/dev/null
[ "$(status_of "$id")" = "completed" ] || fail "the job did not resume and complete after SIGTERM"
[ "$(b job show "$id" --json | json 'sum(1 for f in d["files"] if f["status"]=="completed")')" = "300" ] ||
  fail "not every file completed after the restart"

# Control characters in a name reach the terminal escaped, never raw.
evil=$'evil\e[31mred\nsecond line'
printf 'Escapes.\n' > "$work/e.md"
eid=$(b job create --name "$evil" --dataset sig "$work/e.md")
b job list > "$work/list.out"
grep -q $'\e' "$work/list.out" && fail "job list printed a raw ESC"
grep -qF 'evil\x1b[31mred\nsecond line' "$work/list.out" || fail "job list did not show the escaped name: $(cat "$work/list.out")"
b job show "$eid" > "$work/show.out"
grep -q $'\e' "$work/show.out" && fail "job show printed a raw ESC"

# A whitespace-only name is refused (usage error) with a sentence.
expect_code 2 b job create --name "   " "$work/e.md"
grep -q "only spaces" "$work/err" || fail "blank-name sentence: $(cat "$work/err")"
echo "signals and terminal: ok"
