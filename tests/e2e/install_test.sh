#!/usr/bin/env bash
# The installed app, away from the checkout: `cmake --install` into a temporary prefix,
# the prefix moved elsewhere and the build tree's assets hidden, then the installed
# binary runs: --version, a CLI job over the installed sample documents, the window to
# its first frame with "Create sample jobs" clicked, and files given on the command line
# opening the New job form. Any path of the checkout compiled into the binary would fail.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR OUT_DIR
set -euo pipefail
build_dir=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
out_dir="$3"
mkdir -p "$out_dir"
# shellcheck source=window_test_lib.sh
source "$(dirname "$0")/window_test_lib.sh"

hidden="$build_dir/share.hidden-by-install-test"
restore_build_share() { [ -e "$hidden" ] && mv "$hidden" "$build_dir/share" || true; }
trap 'restore_build_share; cleanup' EXIT

cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null || fail "cmake --install failed"
mv "$work/prefix" "$work/moved"
prefix="$work/moved"
blockify="$prefix/bin/blockify"
[ -e "$build_dir/share" ] && mv "$build_dir/share" "$hidden"

for f in bin/blockify share/blockify/fonts.txt share/blockify/sample-docs/retry-policy.txt \
         share/blockify/sample-docs/restore-me.txt.later share/applications/blockify.desktop \
         share/icons/hicolor/scalable/apps/blockify.svg share/icons/hicolor/48x48/apps/blockify.png \
         share/metainfo/io.github.blockify.BlockifyDesktop.metainfo.xml share/man/man1/blockify.1.gz \
         share/bash-completion/completions/blockify; do
  [ -s "$prefix/$f" ] || fail "the install lacks $f"
done
if strings "$blockify" | grep -q -F -e "$source_dir" -e "$build_dir"; then
  fail "the installed binary contains a path of the checkout: $(strings "$blockify" | grep -F -e "$source_dir" -e "$build_dir" | head -3)"
fi

# Everything the app writes goes under this test's own XDG folders.
export HOME="$work/home" XDG_DATA_HOME="$work/data" XDG_CONFIG_HOME="$work/config"
unset BLOCKIFY_DB
mkdir -p "$HOME"

version=$("$blockify" --version) || fail "blockify --version failed"
[ "$(head -1 <<<"$version")" = "blockify $(sed -n 's/^project([^)]*VERSION \([0-9.]*\).*/\1/p' "$source_dir/CMakeLists.txt")" ] ||
  fail "--version's first line is '$(head -1 <<<"$version")'"
for lib in SQLite poppler libarchive "Dear ImGui"; do
  grep -q "^  $lib [0-9]" <<<"$version" || fail "--version does not name $lib: $version"
done

set +e; "$blockify" frobnicate >/dev/null 2>"$work/err"; code=$?; set -e
[ "$code" = 2 ] || fail "an unknown word should be a usage error (2), got $code"
grep -q "is neither a blockify command nor an existing file" "$work/err" || fail "unknown word sentence: $(cat "$work/err")"

zcat "$prefix/share/man/man1/blockify.1.gz" > "$work/blockify.1"
for section in "COMMANDS" "EXIT STATUS" "ENVIRONMENT" "FILES"; do
  grep -q "^\.SH \"\?$section\"\?" "$work/blockify.1" || fail "the man page has no $section section"
done
grep -q "BLOCKIFY_API_KEY" "$work/blockify.1" || fail "the man page does not mention BLOCKIFY_API_KEY"

# A CLI job over the installed sample documents.
docs="$prefix/share/blockify/sample-docs"
db="$work/cli.db"
id=$("$blockify" --db "$db" job create --name "Installed samples" --dataset installed \
       "$docs/product-manual-setup.md" "$docs/product-manual-sync.md" "$docs/retry-policy.txt")
"$blockify" --db "$db" run --until-idle >/dev/null
read -r status blocks < <("$blockify" --db "$db" job show "$id" --json |
  python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["status"], d["blocks"])')
[ "$status" = "completed" ] || fail "the CLI job over the installed samples is $status, not completed"
[ "$blocks" -gt 0 ] || fail "the CLI job produced no IdeaBlocks"

# The window on an empty database: its first frame offers the samples; clicking
# "Create sample jobs" copies them from the installed share/blockify.
export BLOCKIFY_UI_RECTS="$work/rects.json"
gui_db="$work/gui.db"
"$blockify" --db "$gui_db" > "$work/app.log" 2>&1 &
app_pid=$!
track_pid "$app_pid"
rect=$(wait_for_rect create-samples)
read -r x y w h <<<"$rect"
find_window
xdotool mousemove --window "$window" $((x + w / 2)) $((y + h / 2))
sleep 0.3
xdotool click 1
count=0
for _ in $(seq 300); do
  count=$("$blockify" --db "$gui_db" job list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
  [ "$count" = 3 ] && break
  sleep 0.1
done
import -window root "$out_dir/install-samples.png" || true
[ "$count" = 3 ] || fail "Create sample jobs in the installed app made $count jobs, not 3; $(cat "$work/app.log")"
[ -f "$XDG_DATA_HOME/blockify/samples/retry-policy.txt" ] || fail "the samples were not copied from the installed assets"
stop_pid "$app_pid"

# Files given on the command line (the launcher's `blockify %F`) open the New job form.
rm -f "$BLOCKIFY_UI_RECTS"
"$blockify" --db "$work/gui2.db" "$docs/retry-policy.txt" "$docs/product-manual-sync.md" > "$work/app.log" 2>&1 &
app_pid=$!
track_pid "$app_pid"
rect=$(wait_for_rect create-file/1)
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if 'create-file/2' not in r and 'create-start' in r else 1)" \
  "$BLOCKIFY_UI_RECTS" || fail "the New job form should list exactly the two files given"
stop_pid "$app_pid"

echo "ok: installed to a moved prefix; --version, a CLI job ($blocks IdeaBlocks), sample jobs from the window and %F files all work"
