#!/bin/bash
# SPDX-License-Identifier: MIT
# An edition's paper, date and page as `kanbao import` records them (issue
# 11), against the real binary on a fresh library: from the common file-name
# forms of e-paper archives, a directory per day, the page's header line and
# the edition header; `import --paper NAME` for the editions that name no
# paper, which keep their article ids, tags and notes when it changes, and
# keep the paper on a later import that gives none; bad --paper values.
#
# usage: cli_import.sh path/to/kanbao project-source-root
# Prints TAP; exits non-zero if any check fails.
set -u

kanbao=${1:?usage: cli_import.sh KANBAO SOURCE-ROOT}
src=${2:?usage: cli_import.sh KANBAO SOURCE-ROOT}

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

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kb_cli_import.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
db=$tmp/lib.db
unset KANBAO_DB VISUAL EDITOR

# kb ARGS...: run kanbao on the test library; stdout to $tmp/out, stderr to
# $tmp/err, exit status in $rc.
kb() {
	timeout 60 "$kanbao" --db "$db" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
}
# json PYTHON-EXPR: the expression on the JSON in $tmp/out (as d) is true.
json() {
	python3 -c "import json,sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if ($1) else 1)" "$tmp/out" 2>>"$tmp/err"
}
# edition NAME PAPER DATE PAGE: `kanbao editions --json` (in $tmp/out)
# has the edition of file NAME with that paper, date and page ("-": none).
edition() {
	python3 -c "import json,sys
name, paper, date, page = [None if a == '-' else a for a in sys.argv[2:6]]
rows = [r for r in json.load(open(sys.argv[1])) if r['name'] == name]
sys.exit(0 if len(rows) == 1 and (rows[0]['paper'], rows[0]['date'], rows[0]['page'])
         == (paper, date, page) else 1)" "$tmp/out" "$@" 2>>"$tmp/err"
}
# ids: the article ids of the library, sorted, one a line.
ids() {
	timeout 60 "$kanbao" --db "$db" list --json 2>/dev/null |
		python3 -c "import json,sys; print('\n'.join(sorted(r['id'] for r in json.load(sys.stdin))))"
}

page() { # page HEADLINE: a small page's text
	printf '%s\n\n　　本报讯 这是一篇关于%s的报道，讲述城市的变化。\n\n　　记者从有关部门获悉，相关工作正在推进。\n' "$1" "$1"
}

ed=$tmp/editions
mkdir -p "$ed/2019/02/15" "$ed/2020-01-16"
page "桥梁建设" >"$ed/rmrb_20190215_p03.txt"
page "春季招聘" >"$ed/gmrb20200101p2.txt"
page "地铁通车" >"$ed/郑州日报_2021年02月27日_第二版.txt"
page "城市书房" >"$ed/2019/02/15/07.txt"
page "口袋公园" >"$ed/2020-01-16/A05版.txt"
{ printf '人民日报 2019年2月15日 星期五 第3版 要闻\n\n'; page "跨河大桥"; } >"$ed/page-header.txt"
{ printf -- '---\npaper: 光明日报\ndate: 2022-03-05\npage: 6\n---\n'; page "理论学习"; } >"$ed/edition-header.txt"
cp "$src/sample-issues/000_0a7de6b0a5fb8a92.txt" "$ed/sample.txt"
page "假日出行" >"$ed/news_20190230_p01.txt"

# ---- what the files say ----
kb import "$ed"
check "import of the named editions exits 0" [ "$rc" = 0 ]
check "import summary: 9 imported" grep -q "^imported 9, updated 0, unchanged 0, failed 0" "$tmp/err"
kb editions --json
check "rmrb_20190215_p03: 人民日报 2019-02-15 page 3" edition rmrb_20190215_p03.txt 人民日报 2019-02-15 3
check "gmrb20200101p2: 光明日报 2020-01-01 page 2" edition gmrb20200101p2.txt 光明日报 2020-01-01 2
check "郑州日报_2021年02月27日_第二版: 郑州日报 2021-02-27 page 2" \
	edition 郑州日报_2021年02月27日_第二版.txt 郑州日报 2021-02-27 2
check "2019/02/15/07.txt: the date from the directories, page 7" edition 07.txt - 2019-02-15 7
check "2020-01-16/A05版.txt: the date from the directory, page A05" edition A05版.txt - 2020-01-16 A05
check "the page's header line: 人民日报 2019-02-15 page 3" edition page-header.txt 人民日报 2019-02-15 3
check "the page's header line: its page name is the edition's title" \
	json '[r["title"] for r in d if r["name"] == "page-header.txt"] == ["要闻"]'
check "the edition header: 光明日报 2022-03-05 page 6" edition edition-header.txt 光明日报 2022-03-05 6
check "news_20190230_p01: no paper from a word, no 30 February" edition news_20190230_p01.txt - - 1
check "the sample: no paper, date or page" edition sample.txt - - -

# ---- import --paper ----
kb list --json
sample_id=$(python3 -c "import json,sys
print([r['id'] for r in json.load(open(sys.argv[1])) if r['edition'] == 'sample.txt'][0])" "$tmp/out")
kb tag "$sample_id" -- 重要
check "tag an article of the edition without a paper" [ "$rc" = 0 ]
kb note "$sample_id" "读过，值得再看"
check "note on it" [ "$rc" = 0 ]
before=$(ids)

kb import --paper 河南日报 "$ed"
check "import --paper exits 0" [ "$rc" = 0 ]
check "import --paper updates the 4 editions without a paper, the 5 with one unchanged" \
	grep -q "^imported 0, updated 4, unchanged 5, failed 0" "$tmp/err"
kb editions --json
check "import --paper sets the paper of the sample (editions --json)" edition sample.txt 河南日报 - -
check "import --paper sets it beside a date from the directories" edition 07.txt 河南日报 2019-02-15 7
check "import --paper leaves the paper of a file name (rmrb)" \
	edition rmrb_20190215_p03.txt 人民日报 2019-02-15 3
check "import --paper leaves the paper of the page header" edition page-header.txt 人民日报 2019-02-15 3
check "import --paper leaves the paper of the edition header" \
	edition edition-header.txt 光明日报 2022-03-05 6
check "the article ids do not change with the paper" [ "$(ids)" = "$before" ]
kb show "$sample_id" --json
check "the article keeps its tag and note, and shows the paper" \
	json 'd["tags"] == ["重要"] and d["note"] == "读过，值得再看" and d["paper"] == "河南日报"'
kb detached --json
check "nothing detached" json 'd == []'

kb import --paper 河南日报 "$ed"
check "the same --paper again: all unchanged" grep -q "^imported 0, updated 0, unchanged 9," "$tmp/err"
kb import "$ed"
check "a plain import: all unchanged" grep -q "^imported 0, updated 0, unchanged 9," "$tmp/err"
page "新的一段" >>"$ed/sample.txt"
kb import "$ed"
check "a changed file, imported without --paper: updated" \
	grep -q "^imported 0, updated 1, unchanged 8," "$tmp/err"
kb editions --json
check "... and it keeps the paper it was given" edition sample.txt 河南日报 - -
kb show "$sample_id" --json
check "... and its article its tag and note" json 'd["tags"] == ["重要"] and d["note"] == "读过，值得再看"'

kb import --paper=大河报 "$ed"
check "import --paper=NAME: another paper for the editions that name none" \
	eval '[ "$rc" = 0 ] && grep -q "^imported 0, updated 4, unchanged 5," "$tmp/err"'
kb editions --json
check "... the sample has the new paper" edition sample.txt 大河报 - -
check "... rmrb_20190215_p03 is still 人民日报" edition rmrb_20190215_p03.txt 人民日报 2019-02-15 3
kb show "$sample_id" --json
check "... the article still has its tag and note" \
	json 'd["tags"] == ["重要"] and d["note"] == "读过，值得再看" and d["paper"] == "大河报"'
kb list --json paper:大河报
check "list paper:大河报 finds the sample's articles" \
	json 'len(d) > 0 and all(r["edition"] != "rmrb_20190215_p03.txt" for r in d)'

# ---- bad --paper ----
kb import --paper
check "import --paper without a name exits 2" eval '[ "$rc" = 2 ] && grep -q -- "--paper wants" "$tmp/err"'
kb import --paper "" "$ed"
check "import --paper '' exits 2" eval '[ "$rc" = 2 ] && grep -q -- "--paper wants" "$tmp/err"'
kb import --paper "$(printf 'a\033[2Jb')" "$ed"
check "import --paper with a control character exits 2, nothing raw on stderr" \
	eval '[ "$rc" = 2 ] && ! grep -q "$(printf "\033")" "$tmp/err"'
kb import -- --paper
check "after --, --paper is a file name" eval '[ "$rc" = 1 ] && grep -q -- "--paper" "$tmp/err"'
kb import --help
check "import --help tells of --paper" eval '[ "$rc" = 0 ] && grep -q -- "--paper NAME" "$tmp/out"'

echo "1..$n"
[ "$failed" -eq 0 ]
