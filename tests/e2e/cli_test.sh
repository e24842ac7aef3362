#!/usr/bin/env bash
# The command line as a script would use it: exit codes, the stable --json shape, and
# commands reaching a running engine (`blockify run`) through the database.
set -euo pipefail
blockify="$1"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
db="$work/cli.db"
status_is() { [ "$(b job show "$1" --json | json 'd["status"]')" = "$2" ]; }

printf 'Exports are atomic.\n\nDatasets collect IdeaBlocks.\n' > "$work/a.md"
# An ISO-8859-1 page that says so: read with its accents, and its encoding reported.
printf '<html><head><meta charset="ISO-8859-1"></head><body><p>Caf\351 cr\350me</p></body></html>' > "$work/menu.html"
id=$(b job create --name "CLI job" --dataset cli "$work/a.md" "$work/menu.html" "$work/missing.txt")
[ "$id" = "1" ] || fail "job create printed '$id', expected the new id 1"

expect_code 2 b job create --name x --chunk-size 50 "$work/a.md"
# With no engine running, a repeated request id is applied once too.
once=$(b --request-id e2e-no-engine job create --name "Twice sent" "$work/a.md")
[ "$(b --request-id e2e-no-engine job create --name "Twice sent" "$work/a.md")" = "$once" ] || fail "repeat without engine"
expect_code 0 b job delete "$once"
expect_code 2 b job frobnicate
# Names the engine keeps (statuses, modes, backends, export formats) are what the options take.
expect_code 2 b job list --status finished
grep -q "cancelling" "$work/err" || fail "--status does not list the statuses: $(cat "$work/err")"
expect_code 2 b job create --name x --backend cloud "$work/a.md"
grep -q "openai" "$work/err" || fail "--backend does not list the backends: $(cat "$work/err")"
expect_code 2 b dataset export cli --format pdf --out "$work/x.pdf"
grep -q '"pdf" is not an export format: use xml, jsonl or md.' "$work/err" || fail "--format sentence: $(cat "$work/err")"
expect_code 3 b job show 99
grep -q "There is no job 99." "$work/err" || fail "not-found sentence missing"

b run --until-idle >"$work/run-out"
# One line per status change, each job's last one with its outcome.
grep -q "^job 1 (CLI job): Pending$" "$work/run-out" || fail "run did not print the job as Pending"
grep -q "^job 1 (CLI job): Failed — " "$work/run-out" || fail "run did not print the failure: $(cat "$work/run-out")"
[ "$(grep -c "^job 1 (CLI job): Failed" "$work/run-out")" = "1" ] || fail "run printed the failure more than once"
status_is "$id" failed || fail "job should be failed"
encodings=$(b job show "$id" --json | json '[f["encoding"] for f in d["files"]]')
[ "$encodings" = "['UTF-8', 'ISO-8859-1 (declared)', None]" ] || fail "per-file encodings: $encodings"
shape=$(b job show "$id" --json | json '",".join(sorted(d.keys()))')
for key in id name dataset mode status stage progress attempt blocks error files attempts; do
  [[ ",$shape," == *",$key,"* ]] || fail "job show --json lacks '$key' (has $shape)"
done
[ "$(b job show "$id" --json | json 'd["error"]["code"]')" = "FILE_NOT_FOUND" ] || fail "error code"
[ "$(b job list --json | json 'len(d)')" = "1" ] || fail "job list --json length"
[ "$(b job list --status completed --json | json 'len(d)')" = "0" ] || fail "status filter"

# A running engine owns the database; the CLI's commands reach it through the database.
printf 'Restored.\n' > "$work/missing.txt"
# The binary itself in the background (not the function `b`, which would put a subshell
# between $! and the engine).
"$blockify" --db "$db" run > "$work/run.log" 2>&1 &
run_pid=$!
track_pid "$run_pid"
# The engine owns the database once it has printed the jobs it found.
engine_started() { grep -q "^job $id (" "$work/run.log" || ! kill -0 "$run_pid" 2>/dev/null; }
wait_until engine_started || true
grep -q "^job $id (" "$work/run.log" || fail "the engine did not start: $(cat "$work/run.log")"
expect_code 0 b job retry "$id"
wait_until status_is "$id" completed || fail "retry through the running engine did not complete"
# A command repeated under its request id (after a timeout, say) is applied once.
again1=$(b --request-id e2e-create-1 job create --name "Once" --dataset cli "$work/a.md")
again2=$(b --request-id e2e-create-1 job create --name "Once" --dataset cli "$work/a.md")
[ "$again1" = "$again2" ] || fail "the repeated create made job $again2 beside $again1"
[ "$(b job list --json | json 'len([j for j in d if j["name"] == "Once"])')" = "1" ] || fail "repeated create gave two jobs"
expect_code 0 b job delete "$again1"
expect_code 4 b job retry "$id"
grep -q "Job $id is Completed — nothing to retry." "$work/err" || fail "refusal sentence: $(cat "$work/err")"
expect_code 1 b run --until-idle
grep -q "is already processing" "$work/err" || fail "second engine sentence: $(cat "$work/err")"
stop_pid "$run_pid"

b dataset export cli --format jsonl --out "$work/cli.jsonl" >/dev/null
b dataset export cli --format Markdown --out "$work/cli.md" >/dev/null
grep -q "^# " "$work/cli.md" || fail "--format Markdown did not write Markdown"
[ -s "$work/cli.jsonl" ] || fail "export wrote nothing"
python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1])]" "$work/cli.jsonl" || fail "export is not JSONL"
expect_code 3 b dataset export nope --format xml --out "$work/x.xml"
expect_code 0 b job delete "$id"
expect_code 3 b job show "$id"
echo "ok: command line exit codes, --json, commands through a running engine, export"
