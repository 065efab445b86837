#!/bin/bash
# SPDX-License-Identifier: MIT
# Loader benchmark: generates a corpus of 2,000 editions in the sample style
# (once; it is deterministic and kept in /tmp), builds kanbao in build/, and
# times decoding + parsing of the whole corpus with build/tests/bench_parse.
#
# usage: tests/bench/run-parse.sh [ROUNDS]     (from anywhere)
# Environment: KANBAO_CORPUS (default /tmp/kanbao-corpus-2000),
# KANBAO_SHARED (default ../shared beside the repository).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"

editions=2000
corpus=${KANBAO_CORPUS:-/tmp/kanbao-corpus-$editions}
shared=${KANBAO_SHARED:-$root/../shared}

# Generate the corpus unless a complete one is already there (make-corpus
# writes the same names every time, so a partial corpus is simply completed).
count=0
if [ -d "$corpus" ]; then
	count=$(find "$corpus" -maxdepth 1 -name '*.txt' -type f | wc -l)
fi
if [ "$count" -lt "$editions" ]; then
	"$shared/tools/make-corpus" --editions "$editions" "$corpus"
fi

[ -d build ] || meson setup build
meson compile -C build

exec build/tests/bench_parse "$corpus" "$@"
