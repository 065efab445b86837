#!/bin/bash
# SPDX-License-Identifier: MIT
# Note box paste benchmark (issue 12): 1 MiB of Chinese text pasted into
# the note box (n on an article) in a real terminal (tmux 120x40, the
# paste bracketed with paste-buffer -p as a terminal does it), then C-s.
# Times each run from the paste to the note being in the library (polled
# with `kanbao show ID --json`), so the figure covers taking the paste in,
# laying it out, drawing the box and saving.
# usage: tests/bench/paste.sh [KANBAO [BYTES [RUNS]]]
#   (defaults: build/kanbao, 1048576, 3)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
kanbao=$(realpath "${1:-$root/build/kanbao}")
bytes=${2:-1048576}
runs=${3:-3}
sock=kanbao-bench-paste-$$
work=$(mktemp -d)
tm() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
kb() {
	env -u KANBAO_DB HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" \
		LANG=C.UTF-8 "$kanbao" --db "$work/db" "$@"
}
mkdir -p "$work/config" "$work/data"
kb import "$root/sample-issues" >/dev/null 2>&1
id=$(kb list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
# lines of Chinese text up to the size asked, the last one marked
python3 - "$work/paste.txt" "$bytes" <<'PY'
import sys
out, size, i = [], 0, 0
while size < int(sys.argv[2]):
    i += 1
    l = "第%d行：郑州高新区的笔记，粘贴一兆字节的文字。" % i
    out.append(l)
    size += len(l.encode()) + 1
out.append("粘贴结束END")
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(out))
PY
chars=$(python3 -c 'import sys; print(len(open(sys.argv[1], encoding="utf-8").read()))' "$work/paste.txt")
size=$(stat -c %s "$work/paste.txt")
wait_screen() { # wait_screen ERE: poll the screen (10 s)
	for _ in $(seq 1 200); do
		tm capture-pane -p -t bench | grep -Eq -- "$1" && return 0
		sleep 0.05
	done
	echo "timed out waiting for /$1/ on the screen" >&2
	tm capture-pane -p -t bench >&2
	return 1
}
note_len() {
	kb show "$id" --json 2>/dev/null |
		python3 -c 'import json,sys; print(len(json.load(sys.stdin).get("note") or ""))'
}
echo "pasting $size bytes ($chars characters) into the note box, $runs runs ($kanbao):"
for run in $(seq 1 "$runs"); do
	tm kill-server 2>/dev/null || true
	kb note "$id" --clear >/dev/null 2>&1 || true
	tm new-session -d -s bench -x 120 -y 40 \
		"env HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data LANG=C.UTF-8 TERM=xterm-256color $kanbao --db $work/db"
	wait_screen '^\[list\]'
	tm send-keys -t bench j Enter
	wait_screen '^\[article\]'
	tm send-keys -t bench n
	wait_screen 'C-s save'
	tm load-buffer -b p "$work/paste.txt"
	t0=$(date +%s.%N)
	tm paste-buffer -p -d -b p -t bench
	tm send-keys -t bench C-s
	# polled with grep, not python (a python start can take longer than
	# the paste); the note's length is checked once it is there
	until kb show "$id" --json 2>/dev/null | grep -q '粘贴结束END"'; do
		if [ "$(echo "$(date +%s.%N) - $t0 > 300" | bc)" = 1 ]; then
			echo "run $run: the note was not saved whole within 300 s" >&2
			exit 1
		fi
		sleep 0.02
	done
	t1=$(date +%s.%N)
	got=$(note_len)
	if [ "$got" != "$chars" ]; then
		echo "run $run: the note saved has $got characters, not $chars" >&2
		exit 1
	fi
	printf 'run %d: %.2f s from the paste to the note saved\n' "$run" "$(echo "$t1 - $t0" | bc)"
done
