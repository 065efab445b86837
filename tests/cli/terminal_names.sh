#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Issue 9, failure 5: `kanbao parse` printed file names raw on stderr, so a
# file named with OSC sequences set the terminal's title and clipboard.
# Every name and text that reaches a terminal goes through one sanitiser
# (kanbao/sanitize.h): parse's messages and outline, list/search/show/tags
# on a terminal, the errors of every command given a hostile argument. JSON
# stays valid JSON whatever the bytes, exact once parsed, with the controls
# escaped (so it too is safe on a terminal).
# Usage: terminal_names.sh KANBAO SOURCE_ROOT   (prints TAP)
set -u
kanbao=$1 root=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kb_names.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
unset KANBAO_DB
db=$tmp/a.db
in=$tmp/in
mkdir "$in"

# An edition whose headline and text hold C1 controls (a C1 OSC), bidi
# overrides and isolates, zero-width characters, a BOM, U+061C and U+2028.
evil_edition() {
	printf '\n\n郑州\xc2\x9d新闻\xe2\x80\xae标题\xe2\x80\x8b要闻\xc2\x9c\n\n'
	printf '本报讯 正文\xe2\x81\xa6隔离\xe2\x81\xa9内容\xe2\x80\x8b零宽\xef\xbb\xbf字节\xd8\x9c标记'
	printf '\xe2\x80\xa8分隔，这是第一段的内容。\xc2\x9d0;pwned\xc2\x9c终端标题，郑州市高新区召开'
	printf '会议，要求各部门认真落实，确保各项工作按期完成。\x1b]0;pwned\x07\n\n'
	printf '会议指出，要坚持问题导向，加强协调配合，形成工作合力。\xc2\x9b31m红色\xc2\x9b0m。\n\n'
	printf '记者 张三\n'
}
# file names: OSC title (empty file: a warning), OSC 52 clipboard (invalid
# UTF-8 inside: a warning with a line), a C1 OSC (NUL bytes: refused), a raw
# 0x9B byte (not UTF-8), an RLO, ESC [2J with the hostile edition inside
: >"$in/"$'title\e]0;PWNED\a.txt'
printf '第一行\xff\xfe坏字节\n' >"$in/"$'clip\e]52;c;cHduZWQ=\a.txt'
printf 'a\0b\0c' >"$in/"$'c1\xc2\x9d0;c1title\xc2\x9c.txt'
: >"$in/"$'raw\x9b31mred.txt'
: >"$in/"$'rlo\xe2\x80\xaetxt.exe\xe2\x80\x8b.txt'
evil_edition >"$in/"$'clear\e[2J.txt'
missing=$tmp/$'missing\e]0;GONE\a.txt'

# ---- parse: messages on stderr, the outline on stdout ----
"$kanbao" parse "$in" "$missing" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "parse of the hostile names exits 1 (a file refused, one missing): $rc" test "$rc" -eq 1
check "parse: stderr holds no control, bidi or invalid byte" term_safe "$tmp/err"
for word in PWNED cHduZWQ c1title 31mred txt.exe GONE; do
	check "parse: the message about *$word* still names it" grep -q "$word" "$tmp/err"
done
check "parse: the outline on stdout is safe too" term_safe "$tmp/out"
"$kanbao" parse "$in/"$'clear\e[2J.txt' 2>"$tmp/err" >/dev/null
check "parse: a single file's warnings name it safely" term_safe "$tmp/err"

# ---- parse --json: valid, exact, escaped ----
"$kanbao" parse --json "$in" >"$tmp/out" 2>"$tmp/err"
check "parse --json: valid UTF-8 JSON whatever the names' bytes" python3 -c '
import json, sys
json.loads(open(sys.argv[1], "rb").read().decode("utf-8"))' "$tmp/out"
check "parse --json: no raw control, bidi or zero-width character" term_safe "$tmp/out"
check "parse --json: names round-trip (bytes not UTF-8 as U+FFFD)" python3 -c '
import json, os, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
got = sorted(os.path.basename(e["edition"]["source"]) for e in d)
want = sorted(os.fsencode(n).decode("utf-8", "replace") for n in os.listdir(sys.argv[2])
              if b"\0" not in open(os.path.join(sys.argv[2], n), "rb").read())
sys.exit(0 if got == want else print(got, want, file=sys.stderr) or 1)' "$tmp/out" "$in"
check "parse --json: the hostile headline is exact once parsed" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
titles = [a["title"] for e in d for a in e["articles"]]
sys.exit(0 if "郑州\x9d新闻\u202e标题\u200b要闻\x9c" in titles else 1)' "$tmp/out"
check "parse --json: the text keeps every code point" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
text = "".join(b["text"] for e in d for a in e["articles"] for b in a["blocks"])
want = ["\u2066隔离\u2069", "\u200b零宽\ufeff字节\u061c标记\u2028分隔", "\x9d0;pwned\x9c",
        "\x1b]0;pwned\x07", "\x9b31m红色"]
sys.exit(0 if all(w in text for w in want) else 1)' "$tmp/out"

# ---- the library's commands on a terminal (script gives them a pty) ----
"$kanbao" --db "$db" import "$in" >/dev/null 2>&1
id=$("$kanbao" --db "$db" list --json | python3 -c '
import json, sys
print([r["id"] for r in json.load(sys.stdin) if "郑州" in r["title"]][0])')
"$kanbao" --db "$db" tag "$id" -- $'标签\xc2\x9d0;tag\xc2\x9c\xe2\x80\xae' >/dev/null 2>&1
printf '笔记\x1b]52;c;cHduZWQ=\x07\xc2\x9b2J\xe2\x81\xa6内容\n第二行' |
	"$kanbao" --db "$db" note "$id" - >/dev/null 2>&1
# kanbao's own output, not a pager's (show pages on a terminal:
# conventions.sh checks that)
tty_run() { PAGER=cat script -qec "$*" /dev/null >"$tmp/out" 2>&1 </dev/null; }
if ! command -v script >/dev/null; then
	skip "list, search, show, tags on a terminal" "no script(1) to give them a pty"
else
	q=$(printf '%q' "$db")
	for cmd in "list" "search 郑州" "search 笔记" "show $id" "tags"; do
		tty_run "$kanbao" --db "$q" $cmd
		check "on a terminal: $cmd shows nothing raw" term_safe "$tmp/out" --tty
	done
	tty_run "$kanbao" --db "$q" list --json
	check "on a terminal: list --json escapes (valid, safe)" term_safe "$tmp/out" --tty
fi
"$kanbao" --db "$db" list --json >"$tmp/out"
check "list --json: the title exact once parsed" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if any(r["title"] == "郑州\x9d新闻\u202e标题\u200b要闻\x9c" for r in d) else 1)' "$tmp/out"
check "list --json: no raw control" term_safe "$tmp/out"
"$kanbao" --db "$db" show --json "$id" >"$tmp/out"
check "show --json: the note exact once parsed, nothing raw" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(0 if d["note"] == "笔记\x1b]52;c;cHduZWQ=\x07\x9b2J\u2066内容\n第二行" else 1)' "$tmp/out"

# the JSON backup (written by SQLite's json_object) to stdout
"$kanbao" --db "$db" export --format json >"$tmp/out" 2>"$tmp/err"
check "export --format json: nothing raw" term_safe "$tmp/out"
check "export --format json: the tag and note exact once parsed" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
a = [a for a in d["articles"] if a.get("note")][0]
ok = a["note"] == "笔记\x1b]52;c;cHduZWQ=\x07\x9b2J\u2066内容\n第二行" and \
     "标签\x9d0;tag\x9c\u202e" in a["tags"]
sys.exit(0 if ok else print(a, file=sys.stderr) or 1)' "$tmp/out"
check "export --format json: a fresh library restores it" \
	"$kanbao" --db "$tmp/b.db" restore "$tmp/out"

# ---- errors naming a hostile argument ----
osc=$'\e]0;ARG\a\xc2\x9d0;c1\xc2\x9c\xe2\x80\xae'
err_safe() {
	local what=$1
	shift
	"$kanbao" "$@" >/dev/null 2>"$tmp/err" </dev/null
	local rc=$?
	if [ "$rc" -ne 0 ] && [ "$rc" -lt 124 ] && term_safe "$tmp/err" && grep -q ARG "$tmp/err"; then
		pass "error message safe: $what"
	else
		echo "# exit status $rc"
		fail "error message safe: $what"
	fi
}
err_safe "an unknown option" "--x$osc"
err_safe "parse: an unknown option" parse "--x$osc"
err_safe "show: no such article" --db "$db" show "$osc"
err_safe "export --article: no such article" --db "$db" export --article "$osc"
err_safe "export --format" --db "$db" export --format "$osc"
: >"$tmp/plain"
err_safe "export --split into a folder that cannot be made" --db "$db" export --all --split -o "$tmp/plain/$osc"
err_safe "export -o into a missing directory" --db "$db" export --all -o "$tmp/missing-$osc/x.md"
err_safe "restore of a missing file" --db "$db" restore "$tmp/$osc"
err_safe "list: a bad date term" --db "$db" list "date:$osc"
err_safe "search: an unknown key" --db "$db" search "nokey:$osc"
done_tap
