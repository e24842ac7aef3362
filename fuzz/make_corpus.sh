#!/usr/bin/env bash
# Regenerates the seed corpora in fuzz/corpus/ from fuzz/make_corpus.cpp (small, real
# files of each format, made with the tests' zip and PDF writers). The result is
# committed; rerun after changing the generator. Inputs in fuzz/regressions/ are copied in too.
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir="${BLOCKIFY_BUILD_DIR:-build}"
if [ ! -f "$build_dir/build.ninja" ]; then
  scripts/build RelWithDebInfo
fi
cmake --build "$build_dir" --target fuzz_make_corpus >/dev/null
rm -rf fuzz/corpus
"$build_dir/fuzz/fuzz_make_corpus" fuzz/corpus
# Every input fuzzing once crashed on stays a seed, so new runs start past it.
for dir in fuzz/regressions/*/; do
  [ -d "$dir" ] || continue
  target=$(basename "$dir")
  mkdir -p "fuzz/corpus/$target"
  cp "$dir"* "fuzz/corpus/$target/"
done
