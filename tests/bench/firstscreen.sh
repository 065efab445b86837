#!/bin/bash
# SPDX-License-Identifier: MIT
# The reader's own figures (KANBAO_BENCH: first complete screen, a j in
# the list, G, unfolding the last issue, RSS) in a 120x40 tmux, RUNS times.
# Run two binaries in one loop to compare them side by side on a noisy
# machine (the figures alone move with the load; their ratio less).
#
# usage: tests/bench/firstscreen.sh KANBAO LIBRARY OUT-PREFIX [RUNS]
#   writes OUT-PREFIX.1 ... OUT-PREFIX.RUNS (the bench's own report each)
set -u
bin=$(realpath "${1:?usage: firstscreen.sh KANBAO LIBRARY OUT-PREFIX [RUNS]}")
db=${2:?library}
out=${3:?out prefix}
runs=${4:-1}
state=$(mktemp -d)
trap 'rm -rf "$state"; tmux -L kbbench$$ kill-server 2>/dev/null' EXIT
for i in $(seq 1 "$runs"); do
	rm -rf "$state"/* "$out.$i"
	tmux -L kbbench$$ new -d -x 120 -y 40 \
		"LANG=C.UTF-8 XDG_STATE_HOME=$state/st XDG_CONFIG_HOME=$state/cfg KANBAO_BENCH=$out.$i $bin --db $db"
	for _ in $(seq 1 120); do
		grep -q "peak" "$out.$i" 2>/dev/null && break
		sleep 0.5
	done
	tmux -L kbbench$$ kill-server 2>/dev/null
	grep -h "first complete\|unfold\|list, j" "$out.$i"
done
