#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Issue 9, failure 7: the Markdown export wrote C1 controls and bidi
# overrides from edition text to stdout and into .md files (a C1 OSC title
# sequence came through whole). They must come out escaped -- numeric
# character references in Markdown, \uXXXX in the YAML front matter -- so
# no exported byte acts on a terminal, while cmark and PyYAML still read
# back exactly the stored text (CJK included) and file names stay clean.
# Usage: export_controls.sh KANBAO STORE_TOOL SOURCE_ROOT   (prints TAP)
set -u
kanbao=$1 tool=$2 root=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kb_export_ctl.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
unset KANBAO_DB
db=$tmp/a.db
kb() { "$kanbao" --db "$db" "$@"; }
# readback FILE [ID]: export_check.py's TAP lines, renumbered into ours
readback() {
	local out line
	out=$(python3 "$root/tests/tools/export_check.py" "$kanbao" "$db" "$@" 2>&1)
	while IFS= read -r line; do
		case $line in
		"ok - "*) pass "${line#ok - }" ;;
		"not ok - "*) fail "${line#not ok - }" ;;
		*) echo "#   $line" ;;
		esac
	done <<<"$out"
}

# the headline holds a C1 OSC's introducer and terminator, an RLO and a
# zero-width space; the text C1 sequences, isolates, a BOM and U+2028
mkdir "$tmp/in"
{
	printf '\n\n郑州\xc2\x9d新闻\xe2\x80\xae标题\xe2\x80\x8b要闻\xc2\x9c\n\n'
	printf '本报讯 正文\xe2\x81\xa6隔离\xe2\x81\xa9内容\xe2\x80\x8b零宽\xef\xbb\xbf字节\xd8\x9c标记'
	printf '\xe2\x80\xa8分隔，这是第一段的内容。\xc2\x9d0;pwned\xc2\x9c终端标题，郑州市高新区召开'
	printf '会议，要求各部门认真落实，确保各项工作按期完成。\n\n'
	printf '会议指出，要坚持问题导向，加强协调配合，形成工作合力。\xc2\x9b31m红色\xc2\x9b0m。\n\n'
	printf '记者 张三\n'
} >"$tmp/in/2021-02-27_p2.txt"
check "import the hostile edition" kb import "$tmp/in"
id=$(kb list --json | python3 -c '
import json, sys
print([r["id"] for r in json.load(sys.stdin) if "郑州" in r["title"]][0])')
check "its headline is read with the controls in it" test -n "$id"
c1tag=$'标签\xc2\x9d0;tag\xc2\x9c\xe2\x80\xae反'
check "a tag with a C1 OSC and an RLO" kb tag "$id" -- "$c1tag" 普通
check "a note with C1, bidi and zero-width characters" kb note "$id" \
	$'笔记\xc2\x9d0;note\xc2\x9c\xe2\x80\xae反向\xe2\x81\xa6隔离\xe2\x81\xa9\n第二行\xc2\x9b2J清屏'
check "a highlight of text with an isolate, its note with C1" "$tool" "$db" highlight "$id" \
	$'正文\xe2\x81\xa6隔离\xe2\x81\xa9内容' $'要点\xc2\x9d0;hl\xc2\x9c'

# to stdout (what a terminal would show)
kb export --article "$id" >"$tmp/stdout.md" 2>"$tmp/err"
check "export to stdout exits 0" test $? -eq 0
check "export to stdout: no raw C1, bidi or zero-width character" term_safe "$tmp/stdout.md"
kb export --article "$id" --with-text >"$tmp/stdout-text.md" 2>"$tmp/err"
check "export --with-text to stdout: nothing raw" term_safe "$tmp/stdout-text.md"

# into files: safe, and read back exactly by cmark and PyYAML
check "export one article to a file" kb export --article "$id" -o "$tmp/one.md"
check "  the file holds nothing raw" term_safe "$tmp/one.md"
readback "$tmp/one.md" "$id"
check "export with the text" kb export --article "$id" --with-text -o "$tmp/text.md"
check "  the file holds nothing raw" term_safe "$tmp/text.md"
readback "$tmp/text.md" "$id"
check "a sample edition too" kb import "$root/sample-issues/000_0a7de6b0a5fb8a92.txt"
check "a second article, so that --all makes a document" kb tag \
	"$(kb list --json | python3 -c 'import json,sys; print([r["id"] for r in json.load(sys.stdin) if "郑州" not in r["title"]][0])')" -- 普通
check "export a document (contents, sections)" kb export --all --with-text -o "$tmp/all.md"
check "  the document holds nothing raw" term_safe "$tmp/all.md"
readback "$tmp/all.md"
check "the text's paragraphs read back with every code point" python3 -c '
import subprocess, sys
t = open(sys.argv[1], encoding="utf-8").read()
html = subprocess.run(["cmark", "--unsafe"], input=t[t.index("\n---\n", 4) + 5:].encode(),
                      capture_output=True).stdout.decode()
want = ["正文\u2066隔离\u2069内容\u200b零宽\ufeff字节\u061c标记\u2028分隔", "\x9d0;pwned\x9c终端标题",
        "\x9b31m红色\x9b0m", "郑州\x9d新闻\u202e标题\u200b要闻\x9c"]
miss = [w for w in want if w not in html.replace("<mark>", "").replace("</mark>", "")]
sys.exit(0 if not miss else print(miss, file=sys.stderr) or 1)' "$tmp/all.md"
check "the front matter reads back exactly (title, tags)" python3 -c '
import sys, yaml
t = open(sys.argv[1], encoding="utf-8").read()
fm = yaml.safe_load(t[4:t.index("\n---\n", 4)])
ok = fm["title"] == "郑州\x9d新闻\u202e标题\u200b要闻\x9c" and sys.argv[2] in fm["tags"]
sys.exit(0 if ok else print(fm, file=sys.stderr) or 1)' "$tmp/one.md" "$c1tag"
mkdir "$tmp/split"
check "export one file per article" kb export --all --split -o "$tmp/split"
check "  the file names hold nothing raw" sh -c 'ls "$1" >"$1.names" && python3 "$2" "$1.names"' \
	sh "$tmp/split" "$here/term_safe.py"
for f in "$tmp"/split/*.md; do
	check "  ${f##*/} holds nothing raw" term_safe "$f"
done
done_tap
