#!/usr/bin/env bash
# The terminal and signals: `blockify run | head -1` and SIGTERM stop the engine cleanly
# (exit 0, no death by SIGPIPE) and the job resumes at the next start; names with
# control characters are printed escaped; a whitespace-only name is refused.
set -euo pipefail
blockify="$1"
work=$(mktemp -d)
run_pid=""
cleanup() { [ -n "$run_pid" ] && kill "$run_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
db="$work/signals.db"
b() { "$blockify" --db "$db" "$@"; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
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
# It prints the jobs once its handlers are in place; then wait for the job to run.
for _ in $(seq 300); do
  [ -s "$work/run.log" ] && [ "$(status_of "$id")" = "processing" ] && break
  sleep 0.1
done
kill -TERM "$run_pid"
set +e; wait "$run_pid"; code=$?; set -e
run_pid=""
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
set +e; b job create --name "   " "$work/e.md" >/dev/null 2>"$work/blank.err"; code=$?; set -e
[ "$code" = "2" ] || fail "a whitespace-only name exited $code, expected 2"
grep -q "only spaces" "$work/blank.err" || fail "blank-name sentence: $(cat "$work/blank.err")"
echo "signals and terminal: ok"
