#!/usr/bin/env bash
# Search by meaning and Re-embed as a script would use them, against the fake embeddings
# server of tests/support on 127.0.0.1: `dataset search --json` puts the block a question
# is about first; after embeddings.model changes, `dataset list` says the vectors are stale,
# `dataset reembed` queues a job that `run --until-idle` completes, and the dataset is
# searched with the new model.
set -euo pipefail
blockify="$1"
server_bin="$2"
# shellcheck source=lib.sh
source "$(dirname "$0")/lib.sh"
db="$work/reembed.db"

start_fake_embeddings "$server_bin" 32

b settings set embeddings.url "$url" >/dev/null
b settings set embeddings.model bow-a >/dev/null
b settings set embeddings.batch 2 >/dev/null
b settings set retry.request_base_s 0.05 >/dev/null
printf 'Backups run every night at two o'"'"'clock and are kept for thirty days in a second building.\n' > "$work/backup.md"
printf 'Visitors sign in at the reception desk and wear a badge until they leave.\n' > "$work/visitors.md"
printf 'Expense reports are due by the fifth of each month with scanned receipts attached.\n' > "$work/expenses.md"
job=$(b job create --name "Handbook" --dataset handbook "$work/backup.md" "$work/visitors.md" "$work/expenses.md")
b run --until-idle >/dev/null
[ "$(b job show "$job" --json | json 'd["status"]')" = "completed" ] || fail "the job did not complete"

# The question shares its words with the visitors' block: that block comes first.
b dataset search handbook "where do visitors sign in and wear a badge" --json >"$work/hits.json"
first=$(json 'd[0]["source_file"]' <"$work/hits.json")
case "$first" in *visitors.md) ;; *) fail "the first hit came from '$first', expected visitors.md" ;; esac
[ "$(json 'd[0]["score"] is not None' <"$work/hits.json")" = "True" ] || fail "search was not by meaning"
[ "$(json 'd[0]["job"]' <"$work/hits.json")" = "$job" ] || fail "the hit does not name its job"
b dataset list >"$work/list"
grep -q "bow-a (32 dimensions)" "$work/list" || fail "dataset list does not show the model: $(cat "$work/list")"
grep -q "STALE" "$work/list" && fail "fresh vectors reported stale"

# Another model: a job into the dataset embeds nothing and marks it stale.
b settings set embeddings.model bow-b >/dev/null
b job create --name "More" --dataset handbook "$work/backup.md" >/dev/null
b run --until-idle >/dev/null
b dataset list >"$work/list"
grep -q "VECTORS STALE" "$work/list" || fail "dataset list does not say the vectors are stale: $(cat "$work/list")"
b dataset show handbook >/dev/null 2>"$work/show.err"
grep -q "VECTORS STALE" "$work/show.err" || fail "dataset show does not say the vectors are stale"

b dataset reembed handbook >"$work/out"
grep -Eq '^Queued Re-embed of "handbook" as job [0-9]+\.$' "$work/out" || fail "reembed printed: $(cat "$work/out")"
rj=$(grep -Eo 'job [0-9]+' "$work/out" | grep -Eo '[0-9]+')
# A second one while the first is queued is refused (exit code 4) with a sentence.
expect_code 4 b dataset reembed handbook --json
grep -q "already job $rj" "$work/err" || fail "refusal said: $(cat "$work/err")"
expect_code 3 b dataset reembed nowhere

b run --until-idle >/dev/null
b job show "$rj" --json >"$work/rj.json"
[ "$(json 'd["status"]' <"$work/rj.json")" = "completed" ] || fail "the Re-embed job did not complete: $(cat "$work/rj.json")"
[ "$(json 'd["mode"]' <"$work/rj.json")" = "reembed" ] || fail "the Re-embed job's mode"
done_=$(json 'd["reembed"]["blocks_embedded"]' <"$work/rj.json")
total=$(json 'd["reembed"]["blocks_total"]' <"$work/rj.json")
[ "$done_" = "$total" ] && [ "$total" -ge 4 ] || fail "re-embedded $done_ of $total blocks"
b job show "$rj" | grep -q "Re-embedded: $total of $total IdeaBlocks" || fail "job show does not print the progress"
b dataset list >"$work/list"
grep -q "bow-b (32 dimensions), $total of $total blocks" "$work/list" || fail "after reembed: $(cat "$work/list")"
grep -q "STALE" "$work/list" && fail "still stale after reembed"

# Searched with the new model now, the expected block still first.
b dataset search handbook "where do visitors sign in and wear a badge" --json >"$work/hits.json"
first=$(json 'd[0]["source_file"]' <"$work/hits.json")
case "$first" in *visitors.md) ;; *) fail "after reembed the first hit came from '$first'" ;; esac
echo "ok"
