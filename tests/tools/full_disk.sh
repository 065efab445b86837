#!/bin/bash
# SPDX-License-Identifier: MIT
# A full disk during import, re-import and restore (../shared/RELIABILITY.md,
# "Found by attacking kanbao"): the library lives on a small tmpfs that runs
# out of space mid-way. Afterwards, with space freed: nothing half-committed
# (every article is in the search index, `check` says ok), an edition counted
# as imported is in the library, a re-import brings in the rest and search
# finds what a library built on a roomy disk finds, and no annotation made
# before the disk filled is lost. Needs root (mount); skipped otherwise.
#
# Regression test of issue 9, failure 1 ("a full disk during import breaks
# search for good"): SQLite rolled the batch back on SQLITE_FULL while
# kanbao kept writing as if in it, committing editions without their index.
#
# usage: full_disk.sh path/to/kanbao project-source-root     (prints TAP)
set -u
kanbao=${1:?usage: full_disk.sh KANBAO SOURCE-ROOT}
src=${2:?usage: full_disk.sh KANBAO SOURCE-ROOT}

n=0 failed=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; [ -n "${2:-}" ] && echo "$2" | head -5 | sed 's/^/#   /'; }
skip_all() { echo "1..0 # SKIP $1"; exit 0; }

[ "$(id -u)" = 0 ] || skip_all "needs root to mount a small tmpfs"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kb_full_disk.XXXXXX")
disk=$tmp/disk
mkdir -p "$disk"
mount -t tmpfs -o size=3m tmpfs "$disk" 2>/dev/null || { rm -rf "$tmp"; skip_all "cannot mount a tmpfs"; }
trap 'umount "$disk" 2>/dev/null; rm -rf "$tmp"' EXIT
unset KANBAO_DB

# 300 editions from the samples, each made different by a line of its own
eds=$tmp/eds
mkdir -p "$eds"
i=0
for k in $(seq 1 60); do
	for f in "$src"/sample-issues/*.txt; do
		i=$((i + 1))
		{ cat "$f"; printf '\n第%d号 编者附记：本版内容仅供测试。\n' "$i"; } >"$eds/$(printf '2001-01-%02d_p%03d.txt' $((k % 28 + 1)) "$i")"
	done
done

db=$disk/lib.db
kb() { timeout 120 "$kanbao" --db "$db" "$@"; }
count_search() { kb search --json "$1" 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }

# annotations made while there was room
kb import "$eds"/2001-01-0[1-3]_*.txt >/dev/null 2>&1
ids=$(kb list --json 2>/dev/null | python3 -c 'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin)[:20]))')
for id in $ids; do kb tag "$id" 满盘 >/dev/null 2>&1; done
tagged=$(kb list --json --tag 满盘 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$tagged" = 20 ] && pass "20 articles tagged before the disk fills" || fail "20 articles tagged before the disk fills (got $tagged)"

# import until the disk is full
out=$(kb import "$eds" 2>&1)
rc=$?
[ $rc -ne 0 ] && pass "an import that fills the disk fails (exit $rc)" || fail "an import that fills the disk fails" "$out"
echo "$out" | grep -q "full" && pass "and says the disk is full" || fail "and says the disk is full" "$out"
summary=$(echo "$out" | tail -1)
imported=$(echo "$summary" | sed -n 's/^imported \([0-9]*\), updated \([0-9]*\), unchanged \([0-9]*\).*/\1 \2 \3/p')

# a re-import on the full disk of changed editions that carry the tags
for f in "$eds"/2001-01-0[1-3]_*.txt; do echo "更正：本版一处数字有误。" >>"$f"; done
kb import "$eds"/2001-01-0[1-3]_*.txt >/dev/null 2>&1

# free space, then look
mount -o remount,size=300m "$disk"
check=$(kb check 2>&1)
[ "$check" = ok ] && pass "check after the full disk: ok (nothing half-committed)" || fail "check after the full disk: ok (nothing half-committed)" "$check"
listed=$(kb list --json 2>/dev/null | python3 -c 'import json,sys; print(len({r["edition"] for r in json.load(sys.stdin)}))')
set -- $imported
want=$(( ${1:-0} + ${3:-0} ))
[ "$listed" -ge "$want" ] && pass "every edition counted as imported is in the library ($listed >= $want)" \
	|| fail "every edition counted as imported is in the library ($listed < $want)" "$summary"
tagged=$(kb list --json --tag 满盘 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$tagged" = 20 ] && pass "no tag lost to the full disk" || fail "no tag lost to the full disk (got $tagged of 20)"

out=$(kb import "$eds" 2>&1)
[ $? -eq 0 ] && pass "a re-import with room succeeds" || fail "a re-import with room succeeds" "$out"
check=$(kb check 2>&1)
[ "$check" = ok ] && pass "check after the re-import: ok" || fail "check after the re-import: ok" "$check"
roomy=$tmp/roomy.db
timeout 120 "$kanbao" --db "$roomy" import "$eds" >/dev/null 2>&1
for word in 高新区 郑州 编者附记; do
	got=$(count_search "$word")
	want=$(timeout 60 "$kanbao" --db "$roomy" search --json "$word" 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
	[ "$got" = "$want" ] && [ "$got" -gt 0 ] && pass "search $word finds all $want articles" \
		|| fail "search $word finds all $want articles (got $got)"
done
tagged=$(kb list --json --tag 满盘 2>/dev/null | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
[ "$tagged" = 20 ] && pass "the tags are on the re-imported articles" || fail "the tags are on the re-imported articles (got $tagged)"

# a restore on a full disk: refused whole, the library unchanged (the
# library opens, with a little room left, but the restore does not fit)
other=$tmp/other.db
timeout 60 "$kanbao" --db "$other" import "$eds"/2001-01-1*.txt >/dev/null 2>&1
long=$(python3 -c 'print("记" * 30000)')
for id in $(timeout 60 "$kanbao" --db "$other" list --json 2>/dev/null | python3 -c 'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin)[:150]))'); do
	timeout 60 "$kanbao" --db "$other" tag "$id" 别处 >/dev/null 2>&1
	echo "$long" | timeout 60 "$kanbao" --db "$other" note "$id" - >/dev/null 2>&1
done
timeout 60 "$kanbao" --db "$other" export --format json >"$tmp/other.json" 2>/dev/null
state() { kb export --format json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); d.pop("exported", None); print(json.dumps(d, sort_keys=True))' | md5sum; }
before=$(state)
dd if=/dev/zero of="$disk/filler" bs=64k 2>/dev/null
truncate -s -256k "$disk/filler"
out=$(kb restore "$tmp/other.json" 2>&1)
rc=$?
rm -f "$disk/filler"
after=$(state)
check=$(kb check 2>&1)
[ $rc -ne 0 ] && pass "a restore that does not fit fails (exit $rc)" || fail "a restore that does not fit fails" "$out"
[ "$before" = "$after" ] && pass "and changes nothing in the library" || fail "and changes nothing in the library" "$out"
[ "$check" = ok ] && pass "check after the restore: ok" || fail "check after the restore: ok" "$check"

echo "1..$n"
[ $failed -eq 0 ]
