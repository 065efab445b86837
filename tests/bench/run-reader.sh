#!/bin/bash
# SPDX-License-Identifier: MIT
# Reader benchmarks (issue 4), in a real terminal (tmux, 120x40):
#  - time from start to the first complete screen with a 10,000-edition
#    library (/tmp/kanbao-corpus-10000 imported once into /tmp/kanbao-bench-10000.db);
#  - time to lay out and draw a 50,000-character article, and the work of
#    one key press while scrolling it (and, to compare, a short article).
# usage: tests/bench/run-reader.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
[ -f build/build.ninja ] || meson setup build
meson compile -C build >/dev/null
corpus=/tmp/kanbao-corpus-10000
lib=/tmp/kanbao-bench-10000.db
[ -d "$corpus" ] || ../shared/tools/make-corpus --editions 10000 "$corpus"
[ -f "$lib" ] || build/kanbao --db "$lib" import "$corpus" 2>&1 | tail -1
work=$(mktemp -d)
trap 'rm -rf "$work"; tmux -L kanbao-bench kill-server 2>/dev/null || true' EXIT
# one article of 50,000 characters: sample paragraphs repeated
python3 - "$work/2030-01-01_p01.txt" <<'PY'
import sys, glob
text = "".join(open(f, encoding="utf-8").read().replace("\n", "") for f in sorted(glob.glob("sample-issues/*.txt")))
body = (text * 20)[:50000]
open(sys.argv[1], "w", encoding="utf-8").write("五万字长文的标题\n\n本报讯 " + body + "。\n")
PY
build/kanbao --db "$work/long.db" import "$work/2030-01-01_p01.txt" 2>/dev/null
build/kanbao --db "$work/short.db" import sample-issues/004_c52dc1dd292ef930.txt 2>/dev/null
run() { # run DB OUT
	tmux -L kanbao-bench kill-server 2>/dev/null || true
	tmux -L kanbao-bench -f /dev/null new-session -d -x 120 -y 40 \
		"env LANG=C.UTF-8 TERM=xterm-256color XDG_CONFIG_HOME=$work KANBAO_BENCH=$2 $root/build/kanbao --db $1"
	for _ in $(seq 1 200); do [ -s "$2" ] && grep -q scrolling "$2" 2>/dev/null && break; sleep 0.05; done
	sleep 0.2
}
for i in 1 2 3; do run "$lib" "$work/lib.$i"; done
echo "10,000-edition library ($(build/kanbao --db "$lib" list --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') articles):"
for i in 1 2 3; do sed -n 1p "$work/lib.$i"; done
run "$work/long.db" "$work/long.out"
echo "50,000-character article:"; sed -n '2,3p' "$work/long.out"
run "$work/short.db" "$work/short.out"
echo "a sample article (longer than a screen, 40x smaller), to compare:"; sed -n '2,3p' "$work/short.out"
