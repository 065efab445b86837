#!/bin/bash
# SPDX-License-Identifier: MIT
# kanbao at 1,000, 10,000 and 100,000 editions (issue 10): import, database
# size, search (1 and 2 characters, 20 results) beside `rg -l` over the same
# files, list, unlimited JSON output, and the reader's first screen, RSS and
# scroll cost in tmux, printed as one table. The corpora and the libraries
# are made once and cached under /tmp/kb-scale (the 100,000-edition corpus
# takes 1.4 GB and half a minute, its library a few minutes per binary).
#
# usage: tests/bench/run-scale.sh [SIZES...]        (default: 1000 10000 100000)
# Environment: KANBAO_SCALE_DIR (default /tmp/kb-scale), KANBAO_BIN (default
# build-release/kanbao, built here; tests/bench_search beside it is used when there), KANBAO_SHARED (default ../shared). Needs rg (ripgrep) and tmux.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
work=${KANBAO_SCALE_DIR:-/tmp/kb-scale}
shared=${KANBAO_SHARED:-$root/../shared}
command -v rg >/dev/null || { echo "run-scale.sh: needs rg (apt-get install ripgrep)" >&2; exit 1; }
command -v tmux >/dev/null || { echo "run-scale.sh: needs tmux" >&2; exit 1; }
if [ -z "${KANBAO_BIN:-}" ]; then # a release build of this tree
	[ -f build-release/build.ninja ] || meson setup build-release --buildtype=release >/dev/null
	meson compile -C build-release kanbao tests/bench_search >/dev/null
fi
bin=$(realpath "${KANBAO_BIN:-build-release/kanbao}")
mkdir -p "$work"
exec python3 "$root/tests/bench/scale.py" "$bin" "$work" "$shared" "$@"
