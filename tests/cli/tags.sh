#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Issue 12: tags managed across the library from the command line.
# `kanbao tags rename|merge|delete` on a library of the sample editions:
# the line each prints and its count, the tags and listings afterwards
# (tag:NEW finds the articles), an article carrying both names, merge into
# a tag nobody carries refused, detached tags renamed too, exit statuses
# (0 done, 1 nothing to change, 2 bad usage), messages naming the tag,
# names with controls kept off the terminal, --help, a full stdout.
# Usage: tags.sh KANBAO SOURCE_ROOT   (prints TAP)
set -u
kanbao=$1 root=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kb_tags.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
unset KANBAO_DB
db=$tmp/a.db

# kb ARGS...: kanbao on the test library; stdout to $tmp/out, stderr to
# $tmp/err, the exit status in $rc.
kb() {
	timeout 60 "$kanbao" --db "$db" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
}
# json EXPR: the Python expression EXPR holds of the JSON in $tmp/out (d).
json() {
	python3 -c "import json,sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if ($1) else 1)" "$tmp/out" 2>>"$tmp/err"
}
# is WHAT WANT DESC: one check that $WHAT equals WANT.
is() { if [ "$1" = "$2" ]; then pass "$3"; else fail "$3 (got [$1], want [$2])"; fi; }
# counts: the tags as name=count, by name, space-separated.
counts() {
	kb tags --json
	python3 -c "import json,sys
print(' '.join('%s=%d' % (t['name'], t['count']) for t in json.load(open(sys.argv[1]))))" "$tmp/out"
}
# tagged QUERY: the ids `list` gives for QUERY, space-separated.
tagged() {
	kb list --json "$1"
	python3 -c "import json,sys
print(' '.join(r['id'] for r in json.load(open(sys.argv[1]))))" "$tmp/out"
}

kb import "$root/sample-issues"
[ "$rc" = 0 ] || { echo "Bail out! the samples did not import"; exit 1; }
kb list --json
read -r -a id < <(python3 -c "import json,sys
print(' '.join(r['id'] for r in json.load(open(sys.argv[1]))))" "$tmp/out")
[ "${#id[@]}" -ge 8 ] || { echo "Bail out! fewer than 8 articles"; exit 1; }
kb tag "${id[0]}" "${id[1]}" "${id[2]}" -- 待核
kb tag "${id[2]}" "${id[3]}" -- 已核
is "$(counts)" "已核=2 待核=3" "tags --json: two tags with their counts"

# ---- rename onto an existing tag ----
kb tags rename 待核 已核
check "rename exits 0" test "$rc" = 0
is "$(cat "$tmp/out")" "renamed 待核 to 已核 on 3 articles" "rename says what it did and on how many"
check "  and nothing on stderr" test ! -s "$tmp/err"
is "$(counts)" "已核=4" "  已核 on 4 articles, 待核 gone"
is "$(tagged tag:已核)" "${id[0]} ${id[1]} ${id[2]} ${id[3]}" "  list tag:已核 finds the four"
is "$(tagged tag:待核)" "" "  list tag:待核 finds none"
kb show --json "${id[2]}"
check "  the article that carried both carries 已核 once" json 'd["tags"] == ["已核"]'

# ---- refusals: exit 1, the tag named, nothing changed ----
kb tags merge 已核 没有
check "merge into a tag nobody carries exits 1" test "$rc" = 1
check "  naming it and saying why" grep -q "没有: no article carries this tag, so there is nothing to merge into" "$tmp/err"
check "  printing nothing on stdout" test ! -s "$tmp/out"
kb tags rename 没有 别的
check "rename of a tag nobody carries exits 1 naming it" \
	eval '[ "$rc" = 1 ] && grep -q "kanbao: 没有: no article carries this tag" "$tmp/err"'
kb tags rename 已核 " 已核 "
check "rename to the same name exits 1" eval '[ "$rc" = 1 ] && grep -q "the same" "$tmp/err"'
kb tags rename 已核 "   "
check "rename to an empty name exits 1" eval '[ "$rc" = 1 ] && grep -q "empty tag" "$tmp/err"'
kb tags rename 已核 $'a\tb'
check "rename to a name with a tab exits 1" eval '[ "$rc" = 1 ] && grep -q "control characters" "$tmp/err"'
is "$(counts)" "已核=4" "the refusals changed nothing"

# ---- merge, rename to a new name (trimmed, with a space), delete ----
kb tag "${id[5]}" x
kb tags merge x 已核
is "$rc:$(cat "$tmp/out")" "0:merged x into 已核 on 1 article" "merge into an existing tag (one article)"
kb tags rename " 已核 " "两 会"
is "$rc:$(cat "$tmp/out")" "0:renamed 已核 to 两 会 on 5 articles" "rename to a new name, the names trimmed"
is "$(tagged 'tag:"两 会"')" "${id[0]} ${id[1]} ${id[2]} ${id[3]} ${id[5]}" "  list 'tag:\"两 会\"' finds the five"
kb tags delete "两 会"
is "$rc:$(cat "$tmp/out")" "0:deleted 两 会 from 5 articles" "delete says from how many articles"
kb tags --json
check "  no tags left: tags --json is []" json 'd == []'
kb tags delete "两 会"
check "delete again exits 1 naming the tag" \
	eval '[ "$rc" = 1 ] && grep -q "两 会: no article carries this tag" "$tmp/err"'

# ---- a tag that starts with - ----
kb tag "${id[0]}" -- -负
kb tags rename -- -负 正
is "$rc:$(cat "$tmp/out")" "0:renamed -负 to 正 on 1 article" "a tag starting with - goes after --"

# ---- a detached tag is renamed and counted too ----
kb tag "${id[0]}" "${id[7]}" -- 旧
kb show --json "${id[7]}"
edition=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['source'])" "$tmp/out")
kb remove "$edition"
kb tags rename 旧 新
is "$rc:$(cat "$tmp/out")" "0:renamed 旧 to 新 on 2 articles" "rename counts a tag whose article is detached"
kb detached --json
check "  which is kept detached under its new name" \
	json "any(x['kind'] == 'tag' and x['text'] == '新' and x['article_id'] == '${id[7]}' for x in d)"
kb import "$root/sample-issues"
kb show --json "${id[7]}"
check "  and back on its article when the edition comes back" json '"新" in d["tags"]'

# ---- untrusted names stay off the terminal ----
c1=$'\xc2\x9b'
kb tag "${id[1]}" -- "坏${c1}31m名"
kb tags rename "坏${c1}31m名" "好${c1}2J"
check "a name with a C1 control renames (exit 0)" test "$rc" = 0
check "  its line holds no control for the terminal" term_safe "$tmp/out"
kb tags delete "没${c1}2J有"
check "an error naming a tag with a C1 control: exit 1, the message safe" \
	eval '[ "$rc" = 1 ] && term_safe "$tmp/err"'

# ---- usage: exit 2 with the usage on stderr ----
kb tags frob
check "an unknown action exits 2 naming it" \
	eval '[ "$rc" = 2 ] && grep -q "unknown action frob" "$tmp/err" && grep -q "usage: kanbao tags" "$tmp/err"'
kb tags rename onlyone
check "rename with one tag exits 2" eval '[ "$rc" = 2 ] && grep -q "rename takes two tags" "$tmp/err"'
kb tags delete a b
check "delete with two tags exits 2" eval '[ "$rc" = 2 ] && grep -q "delete takes one tag" "$tmp/err"'
kb tags --json delete 新
check "--json with an action exits 2 and deletes nothing" \
	eval '[ "$rc" = 2 ] && grep -q "json is for the list" "$tmp/err" && [ "$(counts)" = "好${c1}2J=1 新=2 正=1" ]'
kb tags delete $'\xff\xfe'
check "a tag that is not UTF-8 exits 2" eval '[ "$rc" = 2 ] && grep -q "not valid UTF-8" "$tmp/err"'
kb tags --bogus
check "an unknown option exits 2" eval '[ "$rc" = 2 ] && grep -q "unknown option --bogus" "$tmp/err"'
kb tags --help
check "--help exits 0 with every action" \
	eval '[ "$rc" = 0 ] && grep -q "kanbao tags \[--db PATH\] rename OLD NEW" "$tmp/out" && grep -q "merge OLD NEW" "$tmp/out" && grep -q "delete TAG" "$tmp/out"'

# ---- a full stdout, a garbage library ----
timeout 20 "$kanbao" --db "$db" tags delete 正 >/dev/full 2>"$tmp/err"
rc=$?
check "delete with stdout on /dev/full exits 1 saying so" \
	eval '[ "$rc" = 1 ] && grep -q "cannot write to standard output" "$tmp/err"'
head -c 65536 /dev/urandom >"$tmp/garbage.db"
timeout 20 "$kanbao" --db "$tmp/garbage.db" tags rename a b >"$tmp/out" 2>"$tmp/err"
rc=$?
check "a garbage library: exit 1 naming the file" eval '[ "$rc" = 1 ] && grep -q garbage.db "$tmp/err"'
kb check
check "check: ok after all of it" eval '[ "$rc" = 0 ] && grep -qx ok "$tmp/out"'
done_tap
