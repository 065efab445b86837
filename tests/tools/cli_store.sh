#!/bin/bash
# SPDX-License-Identifier: MIT
# The store's command line against the real binary, on a fresh library in a
# temporary directory (--db): import and re-import of the sample editions,
# list and search (JSON), query terms (tag:, -tag:, date:, page:, paper:,
# words) on generated editions against a scan of the listing, tags, notes
# (argument, stdin, $EDITOR), show --json, errors that name the id or file,
# --help of every command, a garbage database file (a clear error, no crash)
# and check.
#
# usage: cli_store.sh path/to/kanbao project-source-root
# Prints TAP; exits non-zero if any check fails.
set -u

kanbao=${1:?usage: cli_store.sh KANBAO SOURCE-ROOT}
src=${2:?usage: cli_store.sh KANBAO SOURCE-ROOT}
samples=$src/sample-issues

n=0
failed=0

pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	local f
	for f in "$tmp/out" "$tmp/err"; do
		[ -s "$f" ] && echo "#   ${f##*/}:" && head -c 1500 "$f" | sed 's/^/#     /'
	done
}
# check DESCRIPTION COMMAND...: one test line from a command's success.
check() {
	local desc=$1
	shift
	if "$@"; then pass "$desc"; else fail "$desc"; fi
}

if [ ! -x "$kanbao" ]; then
	echo "Bail out! no kanbao binary at $kanbao"
	exit 1
fi
if ! command -v python3 >/dev/null; then
	echo "Bail out! python3 is needed to read the JSON output"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kb_cli_store.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db=$tmp/lib.db
unset KANBAO_DB VISUAL EDITOR

# kb ARGS...: run kanbao on the test library; stdout to $tmp/out, stderr to
# $tmp/err, exit status in $rc. stdin is empty unless redirected.
kb() {
	timeout 60 "$kanbao" --db "$db" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
}
# json PYTHON-EXPR: evaluate the expression on the JSON in $tmp/out (as d);
# true when it is true.
json() {
	python3 -c "import json,sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if ($1) else 1)" "$tmp/out" 2>>"$tmp/err"
}
# A status that is not a signal (a crash gives 128+N; timeout gives 124).
no_crash() { [ "$rc" -lt 124 ]; }

# ---- import ----
kb import "$samples"
check "import of the samples exits 0" [ "$rc" = 0 ]
check "import summary says imported 5" grep -q "^imported 5, updated 0, unchanged 0, failed 0" "$tmp/err"
kb import "$samples"
check "re-import exits 0" [ "$rc" = 0 ]
check "re-import summary says unchanged 5" grep -q "^imported 0, updated 0, unchanged 5, failed 0" "$tmp/err"
kb import "$tmp/no-such-file.txt"
check "import of a missing file exits 1 and names it" \
	eval '[ "$rc" = 1 ] && grep -q "no-such-file.txt" "$tmp/err"'

# ---- list ----
expected=$("$kanbao" parse --json "$samples" 2>/dev/null |
	python3 -c 'import json,sys; print(sum(len(e["articles"]) for e in json.load(sys.stdin)))')
kb list --json
check "list --json exits 0" [ "$rc" = 0 ]
check "list --json has as many articles as the parse ($expected)" json "len(d) == $expected"
check "list rows have id, edition, title, date, page, tags, read" \
	json 'all(set(r) >= {"id","edition","title","date","page","tags","read"} for r in d)'
check "article ids are unique" json 'len({r["id"] for r in d}) == len(d)'
id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$tmp/out")
id2=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[1]["id"])' "$tmp/out")
kb list
check "list is JSON when stdout is not a terminal" json "len(d) == $expected"
kb list --limit 3
check "list --limit 3 gives 3" json 'len(d) == 3'
kb list --date 2020-13-45
check "list --date with a bad date exits 2" [ "$rc" = 2 ]

# ---- search ----
kb search 郑州
check "search 郑州 exits 0" [ "$rc" = 0 ]
# A hit at the very end of the snippet's window may be cut to "[郑]…" by
# FTS5's snippet() (the pair and its single characters share a position), so
# each snippet must mark a hit and the hits must read [郑州] where whole.
check "search 郑州 finds articles, each with a rank and a snippet marking the hit" \
	json 'len(d) > 0 and all("[郑" in r["snippet"] and isinstance(r["rank"], (int, float)) for r in d)'
check "search 郑州 snippets hold [郑州] (or end in a cut [郑]…)" \
	json 'all("[郑州]" in r["snippet"] or r["snippet"].endswith("[郑]…") for r in d)'
n_zz=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$tmp/out")
kb search --count 郑州
check "search --count 郑州 prints the number of rows search gives ($n_zz)" \
	eval '[ "$rc" = 0 ] && [ "$(cat "$tmp/out")" = "$n_zz" ]'
kb search --count 高新区 --limit 2
check "search --count with --limit 2 prints 2" eval '[ "$rc" = 0 ] && [ "$(cat "$tmp/out")" = 2 ]'
kb search '，。！'
check "a query of punctuation only exits 2 with a message" \
	eval '[ "$rc" = 2 ] && grep -q "nothing to search" "$tmp/err"'

# ---- queries: terms as arguments, on a library of generated editions ----
gdb=$tmp/gen.db
mkdir -p "$tmp/gen"
k=0
for paper in 人民日报 郑州日报; do
	for date in 2020-12-31 2021-02-27 2021-02-28 2021-03-31; do
		for page in 1 02 A05; do
			k=$((k + 1))
			printf -- '---\npaper: %s\ndate: %s\npage: %s\n---\n第%d号%s新闻标题\n\n　　本报讯 这是第%d号版面的报道，讲述%s的城市。\n' \
				"$paper" "$date" "$page" "$k" "$([ $((k % 2)) = 0 ] && echo 春天 || echo 秋天)" \
				"$k" "$([ $((k % 2)) = 0 ] && echo 春天 || echo 秋天)" \
				>"$tmp/gen/$([ "$paper" = 人民日报 ] && echo rm || echo zz)_$k.txt"
		done
	done
done
# kq ARGS...: kanbao on the generated library (as kb does)
kq() {
	timeout 60 "$kanbao" --db "$gdb" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
}
kq import "$tmp/gen"
check "the generated editions import" eval '[ "$rc" = 0 ] && grep -q "^imported 24," "$tmp/err"'
kq list --json
cp "$tmp/out" "$tmp/all.json"
# scan PYTHON-CONDITION-ON-r: the ids of every article of the library (in
# reading order) for which the condition holds, as a Python list literal
scan() {
	python3 -c "import json,sys
print([r['id'] for r in json.load(open(sys.argv[1])) if ($1)])" "$tmp/all.json"
}
ids() { json "[r['id'] for r in d] == $1"; }
sorted_ids() { json "sorted(r['id'] for r in d) == sorted($1)"; }
g1=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["id"])' "$tmp/all.json")
g2=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[5]["id"])' "$tmp/all.json")
timeout 60 "$kanbao" --db "$gdb" tag "$g1" "$g2" -- "两 会" >/dev/null 2>&1
timeout 60 "$kanbao" --db "$gdb" tag "$g2" -- x >/dev/null 2>&1
kq list date:2021-02
check "list date:2021-02 is the scan of February's editions" ids "$(scan 'r["date"].startswith("2021-02")')"
kq list date:2021
check "list date:2021 is the scan of 2021" ids "$(scan 'r["date"] >= "2021"')"
kq list date:..2021-02-27
check "list date:..2021-02-27 leaves the start open" ids "$(scan 'r["date"] <= "2021-02-27"')"
kq list date:2021-02-28..
check "list date:2021-02-28.. leaves the end open" ids "$(scan 'r["date"] >= "2021-02-28"')"
kq list date:2021-01-01..2021-02-28
check "list date:FROM..TO" ids "$(scan '"2021-01-01" <= r["date"] <= "2021-02-28"')"
kq list page:2
check "list page:2 finds the pages written 02" ids "$(scan 'r["page"] == "02"')"
kq list page:A05 paper:人民
check "list page:A05 paper:人民 (a part of the name)" \
	ids "$(scan 'r["page"] == "A05" and r["edition"].startswith("rm_")')"
kq list 'tag:两 会'
check "list 'tag:两 会' (one argument, a space in the value)" sorted_ids "['$g1', '$g2']"
kq list 'tag:"两 会"' -tag:x
check "list 'tag:\"两 会\"' -tag:x (quoted; -tag: an argument, not an option)" ids "['$g1']"
kq list -tag:x
check "list -tag:x is every article but the tagged one" ids "$(scan 'r["id"] != "'"$g2"'"')"
kq list --tag x 'tag:两 会' date:2020
check "options and terms combine (AND)" ids "$(scan 'r["id"] == "'"$g2"'" and r["date"] < "2021"')"
kq list --date 2021-02-01..2021-03-31 date:2021-02-27..
check "--date and date: intersect" ids "$(scan '"2021-02-27" <= r["date"] <= "2021-03-31"')"
kq list 春天 date:2021-02 paper:郑州
check "list with words is the search, listed" \
	sorted_ids "$(scan '"春天" in r["title"] and r["date"].startswith("2021-02") and r["edition"].startswith("zz_")')"
kq search 秋天 page:1 unread
check "search WORD page:1 unread: the scan, with snippets" \
	eval 'sorted_ids "$(scan '"'"'"秋天" in r["title"] and r["page"] == "1"'"'"')" && json "all(\"[秋天]\" in r[\"snippet\"] for r in d)"'
kq search date:2021-03 -tag:x
check "search with terms and no words lists them (no snippet), in reading order" \
	eval 'ids "$(scan '"'"'r["date"].startswith("2021-03")'"'"')" && json "all(\"snippet\" not in r for r in d)"'
kq search --count paper:郑州日报 date:2021
check "search --count of terms alone counts the listing" \
	eval '[ "$rc" = 0 ] && [ "$(cat "$tmp/out")" = 9 ]'
kq search --count 城市 -tag:x
check "search --count WORD -tag:x" eval '[ "$rc" = 0 ] && [ "$(cat "$tmp/out")" = 23 ]'
kq list date:2021-13
check "list date:2021-13 exits 2: date:2021-13: not a month" \
	eval '[ "$rc" = 2 ] && grep -q "date:2021-13: not a month" "$tmp/err" && ! [ -s "$tmp/out" ]'
kq search 城市 color:red
check "search with an unknown key exits 2 naming it" \
	eval '[ "$rc" = 2 ] && grep -q "color:red: unknown key" "$tmp/err"'
kq list 'tag:"两 会'
check "an unclosed quote exits 2" eval '[ "$rc" = 2 ] && grep -q "quote is not closed" "$tmp/err"'
kq list --help
check "list --help shows the query syntax" eval 'grep -q "date:FROM..TO" "$tmp/out" && grep -q "\-tag:T" "$tmp/out"'

# ---- tags ----
kb tag "$id" -- 测试标签 second
check "tag ID -- TAG TAG acknowledges each write" \
	eval '[ "$rc" = 0 ] && grep -qx "tagged $id 测试标签" "$tmp/out" && grep -qx "tagged $id second" "$tmp/out"'
kb tag "$id2" 测试标签
check "tag ID TAG (without --) works" eval '[ "$rc" = 0 ] && grep -qx "tagged $id2 测试标签" "$tmp/out"'
kb list --tag 测试标签 --json
check "list --tag shows the tagged articles" \
	json "sorted(r['id'] for r in d) == sorted(['$id', '$id2']) and all('测试标签' in r['tags'] for r in d)"
kb list --tag 测试标签 --tag second --json
check "list with two --tag needs both" json "[r['id'] for r in d] == ['$id']"
kb tags --json
check "tags counts the tag" json '{"name": "测试标签", "count": 2} in d and {"name": "second", "count": 1} in d'
kb untag "$id" -- 测试标签
check "untag acknowledges" eval '[ "$rc" = 0 ] && grep -qx "untagged $id 测试标签" "$tmp/out"'
kb list --tag 测试标签 --json
check "untagged article is gone from list --tag" json "[r['id'] for r in d] == ['$id2']"
kb tag NOSUCHARTICLE -- x
check "tag of an unknown id exits 1 and names the id" \
	eval '[ "$rc" = 1 ] && grep -q "NOSUCHARTICLE" "$tmp/err" && ! [ -s "$tmp/out" ]'

# ---- notes ----
kb note "$id" "一条笔记 with words"
check "note ID TEXT exits 0" [ "$rc" = 0 ]
kb show --json "$id"
check "show --json has the note" json 'd["note"] == "一条笔记 with words"'
kb show "$id"
check "show (text) prints the note" grep -q "note: 一条笔记 with words" "$tmp/out"
kb note "$id" --clear
kb show --json "$id"
check "note --clear removes it" json 'd["note"] is None'
timeout 60 "$kanbao" --db "$db" note "$id" - <<<"来自标准输入" >"$tmp/out" 2>"$tmp/err"
rc=$?
kb show --json "$id"
check "note ID - reads stdin" json 'd["note"] == "来自标准输入"'
cat >"$tmp/editor.sh" <<'SH'
#!/bin/sh
grep -q "来自标准输入" "$1" || exit 3
printf '编辑器写的\n' > "$1"
SH
chmod +x "$tmp/editor.sh"
EDITOR=$tmp/editor.sh kb note "$id"
check "note ID opens \$EDITOR on the current note" [ "$rc" = 0 ]
kb show --json "$id"
check "what the editor wrote is the note" json 'd["note"] == "编辑器写的"'
cat >"$tmp/empty.sh" <<'SH'
#!/bin/sh
: > "$1"
SH
chmod +x "$tmp/empty.sh"
VISUAL=$tmp/empty.sh EDITOR=false kb note "$id"
check "an emptied note is removed (\$VISUAL before \$EDITOR), saying so" \
	eval '[ "$rc" = 0 ] && grep -q "empty" "$tmp/err"'
kb show --json "$id"
check "the note is gone" json 'd["note"] is None'

# ---- show ----
kb show --json "$id"
check "show --json has every field" json 'set(d) >= {"id","edition","source","date","page","paper","kicker","title","subtitle","authors","blocks","tags","note","highlights","read"}'
check "show --json blocks are {type, text}, authors {role, name}" \
	json 'd["blocks"] and all(set(b) == {"type","text"} for b in d["blocks"]) and all(set(a) == {"role","name"} for a in d["authors"])'
kb show NOSUCHARTICLE
check "show of an unknown id exits 1 and names the id" \
	eval '[ "$rc" = 1 ] && grep -q "kanbao: NOSUCHARTICLE: no article with this id" "$tmp/err"'

# ---- help ----
for cmd in import list search show tag untag note tags detached check; do
	kb "$cmd" --help
	check "$cmd --help exits 0 and prints its usage" \
		eval '[ "$rc" = 0 ] && grep -q "usage: kanbao $cmd" "$tmp/out"'
done
timeout 10 "$kanbao" list --db "$db" --json >"$tmp/out" 2>"$tmp/err"
rc=$?
check "--db after the command works" json "len(d) == $expected"
KANBAO_DB=$db timeout 10 "$kanbao" list --json >"$tmp/out" 2>"$tmp/err"
check "KANBAO_DB chooses the library" json "len(d) == $expected"

# ---- detached and check ----
kb detached --json
check "detached --json is an array" eval '[ "$rc" = 0 ] && json "isinstance(d, list)"'
kb check
check "check prints ok and exits 0" eval '[ "$rc" = 0 ] && grep -qx ok "$tmp/out"'

# ---- a damaged library ----
head -c 65536 /dev/urandom >"$tmp/garbage.db"
for cmd in list check "tag $id -- x" "show $id"; do
	timeout 60 "$kanbao" --db "$tmp/garbage.db" $cmd >"$tmp/out" 2>"$tmp/err"
	rc=$?
	check "a garbage database: $cmd exits 1 with a message naming the file" \
		eval '[ "$rc" = 1 ] && grep -q "garbage.db" "$tmp/err"'
done
cp "$db" "$tmp/truncated.db"
truncate -s 5000 "$tmp/truncated.db"
rm -f "$tmp/truncated.db-wal" "$tmp/truncated.db-shm"
timeout 60 "$kanbao" --db "$tmp/truncated.db" list --json >"$tmp/out" 2>"$tmp/err"
rc=$?
check "a truncated database: no crash, exit status ${rc}" eval 'no_crash && { [ "$rc" = 0 ] || grep -q truncated.db "$tmp/err"; }'

echo "1..$n"
[ "$failed" = 0 ]
