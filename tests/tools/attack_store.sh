#!/bin/bash
# SPDX-License-Identifier: MIT
# The store attacked as a hostile or unlucky user would (issue 9, and the
# "Found by attacking kanbao" part of ../shared/RELIABILITY.md). Each group of
# checks is named after the failure it guards against and failed on the code
# before the fix:
#
#   generic-headline   a page replaced by another day's with its own 简讯 does
#                      not take the old 简讯's tag and note; they are detached
#                      and counted as annotations
#   hostile-sizes      re-importing a 1.2 MB article under a new headline keeps
#                      its tag and does not lock out another writer; a 2 MB
#                      article of one repeated phrase and a 10 MB note leave
#                      search answering (guards of minutes, not speed checks:
#                      the work was quadratic)
#   moved-files        a moved or renamed file is the same edition; a copy is
#                      skipped; `editions` marks a missing file; `remove` keeps
#                      the annotations detached
#   repeated-articles  1,001 identical articles import
#   read-only-library  a library on a read-only disk can be listed, searched
#                      and checked; writes say it is read-only (needs root)
#   index-repair       `check` finds an index out of step, `check --repair`
#                      rebuilds it and search finds everything again
#   places             --db '' and :memory: refused, HOME unset never makes a
#                      library in the current directory, a 0-byte file is not
#                      silently a new library, untag of an absent tag fails
#
# usage: attack_store.sh path/to/kanbao project-source-root    (prints TAP)
set -u
kanbao=${1:?usage: attack_store.sh KANBAO SOURCE-ROOT}
src=${2:?usage: attack_store.sh KANBAO SOURCE-ROOT}
make=$src/tests/tools/make_edition.py

n=0 failed=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() {
	n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
	[ -n "${2:-}" ] && printf '%s\n' "$2" | head -6 | sed 's/^/#   /'
}
is() { if [ "$1" = "$2" ]; then pass "$3"; else fail "$3" "got [$1] want [$2]"; fi; }
skip() { n=$((n + 1)); echo "ok $n # SKIP $1"; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kb_attack.XXXXXX")
cleanup() { umount "$tmp/ro" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
unset KANBAO_DB
export HOME=$tmp/home XDG_DATA_HOME=$tmp/home/data
mkdir -p "$HOME"

# kb DB ARGS...: kanbao on library DB, output in $out, status in $rc; a
# guard of two minutes against a hang
kb() {
	local db=$1
	shift
	out=$(timeout 120 "$kanbao" --db "$db" "$@" 2>&1 </dev/null)
	rc=$?
}
count() { python3 -c 'import json,sys; print(len(json.load(sys.stdin)))'; }
first_id() { timeout 60 "$kanbao" --db "$1" list --json 2>/dev/null |
	python3 -c "import json,sys; print(json.load(sys.stdin)[$2]['id'])"; }

# ---- generic-headline ----
db=$tmp/brief.db
mkdir -p "$tmp/pages"
page=$tmp/pages/2020-06-01_p03.txt
python3 "$make" "$page" brief 防汛
kb "$db" import "$page"
id=$(timeout 60 "$kanbao" --db "$db" list --json | python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin) if r["title"] == "简讯"][0])')
kb "$db" tag "$id" 防汛要闻
kb "$db" note "$id" "防汛简讯的笔记"
python3 "$make" "$page" brief 植树
kb "$db" import "$page"
is "$(timeout 60 "$kanbao" --db "$db" list --json --tag 防汛要闻 | count)" 0 \
	"generic-headline: another day's 简讯 does not take the old 简讯's tag"
echo "$out" | grep -q "2 annotations detached" && pass "generic-headline: the import says 2 annotations detached" \
	|| fail "generic-headline: the import says 2 annotations detached" "$out"
kb "$db" detached --json
is "$(echo "$out" | python3 -c 'import json,sys; print(sorted(d["kind"] for d in json.load(sys.stdin)))')" \
	"['note', 'tag']" "generic-headline: the tag and the note are kept, detached"

# ---- hostile-sizes ----
db=$tmp/big.db
big=$tmp/pages/2020-06-02_p01.txt
python3 "$make" "$big" huge 2200 1
kb "$db" import "$big"
id=$(first_id "$db" 1)
kb "$db" tag "$id" 长文
python3 "$make" "$big" huge 2200 1 "换了标题的长报道"
other=$tmp/other.txt
python3 "$make" "$other" brief 其他
kb "$db" import "$other"
oid=$(timeout 60 "$kanbao" --db "$db" list --json --edition other.txt | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
start=$(date +%s.%N)
timeout 120 "$kanbao" --db "$db" import "$big" >"$tmp/reimport.out" 2>&1 &
pid=$!
sleep 0.3
kb "$db" tag "$oid" 同时
tag_rc=$rc tag_out=$out
wait $pid
reimport_rc=$?
secs=$(echo "$(date +%s.%N) - $start" | bc)
is "$reimport_rc" 0 "hostile-sizes: a 1.2 MB article re-imported under a new headline (${secs} s)"
is "$tag_rc" 0 "hostile-sizes: a tag written meanwhile is not locked out ($tag_out)"
is "$(timeout 60 "$kanbao" --db "$db" list --json --tag 长文 | python3 -c 'import json,sys; print([r["title"] for r in json.load(sys.stdin)])')" \
	"['换了标题的长报道']" "hostile-sizes: its tag follows it to the new headline"
rep=$tmp/pages/2020-06-03_p02.txt
python3 "$make" "$rep" repeat 2048 "我们的发展的成果的"
kb "$db" import "$rep"
start=$(date +%s.%N)
kb "$db" search --json 的
secs=$(echo "$(date +%s.%N) - $start" | bc)
is "$rc" 0 "hostile-sizes: search for 的 over a 2 MB repetitive article answers (${secs} s)"
echo "$out" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert all(len(r["snippet"]) < 400 for r in d)' 2>/dev/null \
	&& pass "hostile-sizes: its snippet is a short window" || fail "hostile-sizes: its snippet is a short window"
python3 -c 'import sys; sys.stdout.write("啊" * 3500000)' >"$tmp/note.txt"
start=$(date +%s.%N)
out=$(timeout 120 "$kanbao" --db "$db" note "$oid" - <"$tmp/note.txt" 2>&1)
rc=$?
kb "$db" search --json 啊
secs=$(echo "$(date +%s.%N) - $start" | bc)
is "$rc" 0 "hostile-sizes: a 10 MB note is saved and search over it answers (${secs} s)"
kb "$db" show --json "$oid"
is "$(echo "$out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["note"]))')" 3500000 \
	"hostile-sizes: the note is kept whole"

# ---- moved-files ----
db=$tmp/moved.db
mkdir -p "$tmp/a" "$tmp/b"
cp "$src"/sample-issues/*.txt "$tmp/a/"
kb "$db" import "$tmp/a"
id=$(first_id "$db" 0)
kb "$db" tag "$id" 搬家
kb "$db" note "$id" "搬家前写的"
name=$(timeout 60 "$kanbao" --db "$db" list --json --tag 搬家 | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["edition"])')
mv "$tmp/a/$name" "$tmp/b/renamed-page.txt"
kb "$db" editions --json
is "$(echo "$out" | python3 -c 'import json,sys; print(sum(e["missing"] for e in json.load(sys.stdin)))')" 1 \
	"moved-files: editions marks the file that is gone"
cp "$tmp/a/$(ls "$tmp/a" | head -1)" "$tmp/b/a-copy.txt"
kb "$db" import "$tmp/a" "$tmp/b"
is "$(timeout 60 "$kanbao" --db "$db" editions --json | count)" 5 \
	"moved-files: still five editions after a rename and a copy (no duplicates)"
is "$(timeout 60 "$kanbao" --db "$db" list --json --tag 搬家 | python3 -c 'import json,sys; print([r["edition"] for r in json.load(sys.stdin)])')" \
	"['renamed-page.txt']" "moved-files: the tag follows the renamed file"
kb "$db" detached --json
is "$(echo "$out" | count)" 0 "moved-files: nothing detached by the rename"
echo "$(timeout 60 "$kanbao" --db "$db" import "$tmp/b/a-copy.txt" 2>&1)" | grep -q "copy of" \
	&& pass "moved-files: a copy is skipped, naming the original" || fail "moved-files: a copy is skipped, naming the original"
kb "$db" remove renamed-page.txt
echo "$out" | grep -q "2 annotations kept detached" && pass "moved-files: remove keeps the 2 annotations, detached" \
	|| fail "moved-files: remove keeps the 2 annotations, detached" "$out"
kb "$db" detached --json
is "$(echo "$out" | count)" 2 "moved-files: both are listed as detached"
kb "$db" import "$tmp/b/renamed-page.txt"
is "$(timeout 60 "$kanbao" --db "$db" list --json --tag 搬家 | count)" 1 \
	"moved-files: imported again, the edition gets its annotations back"

# ---- repeated-articles ----
db=$tmp/same.db
python3 "$make" "$tmp/pages/2020-06-04_p05.txt" same 1001
kb "$db" import "$tmp/pages/2020-06-04_p05.txt"
is "$rc" 0 "repeated-articles: 1,001 identical articles import ($(echo "$out" | tail -1))"
is "$(timeout 60 "$kanbao" --db "$db" list --json | count)" 1001 "repeated-articles: all 1,001 are listed"
kb "$db" import "$tmp/pages/2020-06-04_p05.txt"
is "$rc" 0 "repeated-articles: and re-import"

# ---- index-repair ----
db=$tmp/repair.db
kb "$db" import "$src/sample-issues"
want=$(timeout 60 "$kanbao" --db "$db" search --json 高新区 | count)
python3 - "$db" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("DELETE FROM search_docsize WHERE id % 3 = 0")  # an index out of step
c.commit()
EOF
kb "$db" check
[ $rc -ne 0 ] && echo "$out" | grep -q "out of step" && pass "index-repair: check finds the index out of step" \
	|| fail "index-repair: check finds the index out of step" "$out"
kb "$db" check --repair
is "$rc" 0 "index-repair: check --repair rebuilds it and checks ok"
echo "$out" | grep -q "rebuilt the search index" && pass "index-repair: and says what it did" \
	|| fail "index-repair: and says what it did" "$out"
is "$(timeout 60 "$kanbao" --db "$db" search --json 高新区 | count)" "$want" "index-repair: search finds all $want again"

# ---- read-only-library ----
if [ "$(id -u)" = 0 ] && mkdir -p "$tmp/ro" && mount -t tmpfs -o size=20m tmpfs "$tmp/ro" 2>/dev/null; then
	db=$tmp/ro/lib.db
	kb "$db" import "$src/sample-issues"
	kb "$db" tag "$(first_id "$db" 0)" 只读
	mount -o remount,ro "$tmp/ro"
	kb "$db" list --json
	is "$rc" 0 "read-only-library: list works"
	is "$(echo "$out" | count)" 15 "read-only-library: and shows all 15 articles"
	kb "$db" search --json 高新区
	is "$rc" 0 "read-only-library: search works"
	kb "$db" check
	is "$out" ok "read-only-library: check says ok and nothing else"
	kb "$db" tag "$(first_id "$db" 1)" 不行
	[ $rc -ne 0 ] && echo "$out" | grep -q "read-only" && pass "read-only-library: a write says the library is read-only" \
		|| fail "read-only-library: a write says the library is read-only" "$out"
	umount "$tmp/ro"
else
	skip "read-only-library: needs root to mount a read-only disk"
fi

# ---- places ----
kb "" import "$src/sample-issues"
[ $rc -ne 0 ] && pass "places: --db '' is refused" || fail "places: --db '' is refused" "$out"
kb ":memory:" import "$src/sample-issues"
[ $rc -ne 0 ] && pass "places: --db :memory: is refused (it would keep nothing)" \
	|| fail "places: --db :memory: is refused (it would keep nothing)" "$out"
: >"$tmp/zero.db"
kb "$tmp/zero.db" list
[ $rc -ne 0 ] && echo "$out" | grep -q "0 bytes" && pass "places: a 0-byte library file is reported, not reused" \
	|| fail "places: a 0-byte library file is reported, not reused" "$out"
mkdir -p "$tmp/cwd"
(cd "$tmp/cwd" && env -u HOME -u XDG_DATA_HOME timeout 60 "$kanbao" list >/dev/null 2>&1)
[ ! -e "$tmp/cwd/.local" ] && pass "places: HOME unset never makes a library under the current directory" \
	|| fail "places: HOME unset never makes a library under the current directory"
db=$tmp/places.db
kb "$db" import "$src/sample-issues"
kb "$db" untag "$(first_id "$db" 0)" -- 从未有过
[ $rc -ne 0 ] && echo "$out" | grep -q "no tag" && pass "places: untag of an absent tag fails and says so" \
	|| fail "places: untag of an absent tag fails and says so" "$out"

echo "1..$n"
[ $failed -eq 0 ]
