#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Durability and concurrency of annotation writes (shared/RELIABILITY.md):
#  - ROUNDS times, a process tagging an article 1,000 times is killed with
#    SIGKILL at a random moment; afterwards the database passes its integrity
#    check and every tag the process acknowledged (printed after the write
#    returned) is there;
#  - two processes tag the same database at once: both finish without an
#    error and every tag of both is there.
# Usage: crash.sh STORE_TOOL SOURCE_ROOT [ROUNDS]   (prints TAP)
set -u
tool=$1 root=$2 rounds=${3:-10}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db=$tmp/crash.db
n=0 failed=0
check() { # check STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else failed=$((failed + 1)); echo "not ok $n - $2"; fi
}
"$tool" "$db" import "$root"/sample-issues/*.txt
check $? "import the samples"
id=$("$tool" "$db" first-id)
check $? "an article to tag ($id)"
RANDOM=$$
for r in $(seq 1 "$rounds"); do
	ack=$tmp/ack.$r
	"$tool" "$db" tag "$id" "r$r" 1000 >"$ack" 2>"$tmp/err.$r" &
	pid=$!
	# a random moment within the run (1,000 writes take ~0.5 s here): 0 to 0.45 s
	sleep "0.$(printf '%03d' $((RANDOM % 450)))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	acked=$(grep -c '^ack ' "$ack")
	out=$("$tool" "$db" check)
	check $? "round $r: killed after $acked acknowledged writes, integrity check: $out"
	out=$("$tool" "$db" verify "$id" "$ack" 2>&1)
	check $? "round $r: every acknowledged write is there ($out)"
done
# two writers at once
"$tool" "$db" tag "$id" "a" 300 >"$tmp/a.ack" 2>"$tmp/a.err" &
pa=$!
"$tool" "$db" tag "$id" "b" 300 >"$tmp/b.ack" 2>"$tmp/b.err" &
pb=$!
wait "$pa"; sa=$?
wait "$pb"; sb=$?
check $((sa + sb)) "two processes tagging at once both finish (errors: $(cat "$tmp/a.err" "$tmp/b.err" | head -2))"
out=$("$tool" "$db" verify "$id" "$tmp/a.ack" 2>&1)
check $? "first writer's 300 tags all there ($out)"
out=$("$tool" "$db" verify "$id" "$tmp/b.ack" 2>&1)
check $? "second writer's 300 tags all there ($out)"
out=$("$tool" "$db" check)
check $? "integrity after concurrent writers: $out"
echo "1..$n"
[ "$failed" -eq 0 ]
