#!/bin/bash
# SPDX-License-Identifier: MIT
# Store benchmark (issue 3): generates a library of 10,000 editions once
# (/tmp/kanbao-corpus-10000, ../shared/tools/make-corpus), builds, and runs
# build/tests/bench_store on it: import time and MB/s beside a plain bulk
# insert of the same texts into FTS5 with the same tokenizer, re-import with
# nothing changed, 2-character search latency, database size.
# usage: tests/bench/run-store.sh [EDITIONS]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
editions=${1:-10000}
corpus=/tmp/kanbao-corpus-$editions
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
count=0
[ -d "$corpus" ] && count=$(find "$corpus" -maxdepth 1 -name '*.txt' -type f | wc -l)
[ "$count" -ge "$editions" ] || ../shared/tools/make-corpus --editions "$editions" "$corpus"
[ -f build/build.ninja ] || meson setup build
meson compile -C build
build/tests/bench_store "$corpus" "$work"
