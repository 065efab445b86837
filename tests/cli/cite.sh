#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Issue 13: export for reference managers. `kanbao export --format
# csl-json` and `--format bibtex` of annotated articles of the sample
# editions (one edition again with a header naming its paper, date and
# page, and an edition whose second article is untitled), tags and a note
# full of what JSON, BibTeX and LaTeX read as syntax; both read back by
# pandoc (--from csljson, --from bibtex) and every field compared with
# `kanbao show --json`: type, title, author names, container-title, page,
# issued, note, keyword. The CSL-JSON is valid JSON (python3 -m json.tool)
# and, like the BibTeX, safe to print; --split with these formats is
# refused (exit 2, saying why). Without pandoc its checks are skipped.
# Usage: cite.sh KANBAO SOURCE_ROOT   (prints TAP)
set -u
kanbao=$1 root=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kb_cite.XXXXXX")
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
# compare LABEL ITEMS: one check per field of the CSL-JSON items in ITEMS
# against the store (cite_check.py).
compare() {
	local status desc detail
	: >"$tmp/out"
	: >"$tmp/err" # a failure shows what differs, not the last command's output
	python3 "$here/cite_check.py" "$1" "$2" "$tmp"/show-*.json >"$tmp/compare" 2>&1 ||
		echo "FAIL	$1: the checker failed	$(tr '\n' ' ' <"$tmp/compare")" >>"$tmp/compare"
	while IFS=$'\t' read -r status desc detail; do
		case $status in
		PASS) pass "$desc" ;;
		FAIL) fail "$desc"; echo "#   $detail" ;;
		esac
	done <"$tmp/compare"
}

# ---- the library ----
mkdir "$tmp/ed"
{
	printf -- '---\npaper: 郑州日报\ndate: 2017-09-05\npage: A02\n---\n'
	cat "$root/sample-issues/000_0a7de6b0a5fb8a92.txt"
} >"$tmp/ed/dated.txt"
printf '%s\n\n' 城市书房开进社区 '本报讯 第十二家城市书房正式开放。' '记者 刘洋' \
	'较去年同期增长了62%，创新创业氛围日益浓厚，成效明显。' \
	'今年还将继续扩大规模，争取更多企业入驻园区。' '记者 张海涛' >"$tmp/ed/untitled.txt"
kb import "$root/sample-issues" "$tmp/ed"
[ "$rc" = 0 ] || { echo "Bail out! the editions did not import"; cat "$tmp/err"; exit 1; }
kb list --json
mkdir "$tmp/all"
for id in $(python3 -c "import json,sys
print(' '.join(r['id'] for r in json.load(open(sys.argv[1]))))" "$tmp/out"); do
	"$kanbao" --db "$db" show --json "$id" >"$tmp/all/$id.json"
done
# The articles to cite, as `show --json` has them: one of the dated edition
# with two authors or more, the untitled one, one with three authors or
# more and one without any (neither with a paper, a date or a page).
read -r dated untitled many none < <(python3 -c "import glob,json,sys
arts = sorted((json.load(open(p)) for p in glob.glob(sys.argv[1] + '/*.json')),
              key=lambda a: a['id'])
def first(ok):
    return next((a['id'] for a in arts if ok(a)), '-')
print(first(lambda a: a['date'] == '2017-09-05' and len(a['authors']) >= 2),
      first(lambda a: a['title'] == '' and a['edition'] == 'untitled.txt'),
      first(lambda a: a['date'] is None and len(a['authors']) >= 3),
      first(lambda a: a['date'] is None and not a['authors']))" "$tmp/all")
case "$dated $untitled $many $none" in
*-* | *"  "* | " "* | *" ") echo "Bail out! the articles to cite are not there"; exit 1 ;;
esac
ids=("$dated" "$untitled" "$many" "$none")

# Tags with spaces, commas, braces and BibTeX's specials; a note of
# several lines, with leading and doubled spaces, braces, backslashes, the
# dashes and quotes LaTeX would turn into typography, and [ after a line
# break (\\'s optional argument).
kb tag "$dated" -- "两 会" "a,b" "{x}" "50%" "R&D" "a--b" 'x_y^z~$#\'
kb tag "$untitled" "$none" -- 待核
kb tag "$many" -- 人物
note=$(printf '%s\n' "  看 {大括号} 与 \\ 反斜杠，\\\\ 两个" "" \
	"it's \`code\` \"直引号\" ‘单引号’ “双引号” -- 与 --- 与 ~ 与 ^ \$5 #1 50% R&D a_b" \
	"[方括号] 在行首    四个空格 ")
printf '%s' "$note" >"$tmp/note"
timeout 60 "$kanbao" --db "$db" note "$dated" - <"$tmp/note" >"$tmp/out" 2>"$tmp/err"
check "the note with braces and backslashes is set" test $? = 0
timeout 60 "$kanbao" --db "$db" note "$many" "见 \\ {附件} 100% 的" >/dev/null
i=0
for id in "${ids[@]}"; do
	i=$((i + 1))
	"$kanbao" --db "$db" show --json "$id" >"$tmp/show-$i.json"
done

# ---- CSL-JSON ----
kb export --format csl-json --article "$dated" --article "$untitled" --article "$many" \
	--article "$none"
check "export --format csl-json exits 0" test "$rc" = 0
cp "$tmp/out" "$tmp/cite.json"
check "  valid JSON (python3 -m json.tool)" python3 -m json.tool "$tmp/cite.json"
check "  safe to print" term_safe "$tmp/cite.json"
compare "csl-json as written" "$tmp/cite.json"
kb export --format csl-json --article "$dated" --article "$untitled" --article "$many" \
	--article "$none" -o "$tmp/file.json"
check "  -o FILE: the same document, its path printed" \
	eval 'cmp -s "$tmp/file.json" "$tmp/cite.json" && [ "$(cat "$tmp/out")" = "$tmp/file.json" ]'

# ---- BibTeX ----
kb export --format bibtex --article "$dated" --article "$untitled" --article "$many" \
	--article "$none"
check "export --format bibtex exits 0" test "$rc" = 0
cp "$tmp/out" "$tmp/cite.bib"
check "  one @article per article, keyed by its id" \
	eval '[ "$(grep -c "^@article{" "$tmp/cite.bib")" = 4 ] && grep -q "^@article{$dated," "$tmp/cite.bib"'
check "  each author a braced name: {裴其娟} and {孙庆辉}" \
	grep -q '^  author = {{[^{}]*}\( and {[^{}]*}\)\+},$' "$tmp/cite.bib"
check "  safe to print" term_safe "$tmp/cite.bib"
mkdir "$tmp/dir"
kb export --format bibtex --tag 人物 -o "$tmp/dir"
check "  -o DIR: DIR/kanbao-export.bib, its path printed" \
	eval '[ "$rc" = 0 ] && [ -s "$tmp/dir/kanbao-export.bib" ] && [ "$(cat "$tmp/out")" = "$tmp/dir/kanbao-export.bib" ]'

# ---- read back by pandoc ----
if command -v pandoc >/dev/null 2>&1; then
	if pandoc --from csljson --to csljson "$tmp/cite.json" >"$tmp/pandoc-csl.json" 2>"$tmp/err"; then
		pass "pandoc reads the CSL-JSON"
		compare "csl-json read by pandoc" "$tmp/pandoc-csl.json"
	else
		fail "pandoc reads the CSL-JSON"
	fi
	if pandoc --from bibtex --to csljson "$tmp/cite.bib" >"$tmp/pandoc-bib.json" 2>"$tmp/err"; then
		pass "pandoc reads the BibTeX"
		compare "bibtex read by pandoc" "$tmp/pandoc-bib.json"
	else
		fail "pandoc reads the BibTeX"
	fi
else
	skip "pandoc reads the CSL-JSON, every field as stored" "pandoc not installed"
	skip "pandoc reads the BibTeX, every field as stored" "pandoc not installed"
fi

# ---- what cannot be carried exactly is made safe ----
printf 'esc \033[31m red \342\200\256 rlo \302\233 c1 \342\200\213 zw' >"$tmp/note"
timeout 60 "$kanbao" --db "$db" note "$none" - <"$tmp/note" >/dev/null 2>&1
kb export --format csl-json --article "$none"
cp "$tmp/out" "$tmp/ctl.json"
check "a note with controls: the CSL-JSON is safe to print" term_safe "$tmp/ctl.json"
check "  and holds the note exactly" python3 -c "import json,sys
sys.exit(0 if json.load(open(sys.argv[1]))[0]['note'] == open(sys.argv[2]).read() else 1)" \
	"$tmp/ctl.json" "$tmp/note"
kb export --format bibtex --article "$none"
cp "$tmp/out" "$tmp/ctl.bib"
check "  the BibTeX is safe to print (controls as U+FFFD)" \
	eval 'term_safe "$tmp/ctl.bib" && grep -q "esc �\[31m red" "$tmp/ctl.bib"'

# ---- refusals ----
for f in csl-json bibtex; do
	kb export --format "$f" --all --split -o "$tmp/dir"
	check "--format $f --split is refused: exit 2, saying so" \
		eval '[ "$rc" = 2 ] && grep -q -- "--split writes Markdown files; --format $f is one file" "$tmp/err" && [ ! -s "$tmp/out" ]'
done
kb export --format ris --all
check "an unknown --format: exit 2, naming the formats" \
	eval '[ "$rc" = 2 ] && grep -q -- "--format is md, json, csl-json or bibtex, not ris" "$tmp/err"'
kb export --format bibtex
check "--format bibtex without a selection: exit 2, saying what to give" \
	eval '[ "$rc" = 2 ] && grep -q "say what to export" "$tmp/err"'
kb export --format csl-json --tag 没有
check "--format csl-json of nothing: exit 1, saying so" \
	eval '[ "$rc" = 1 ] && grep -q "no annotated article matches" "$tmp/err"'
kb export --help
check "--help names the formats" grep -q "md|json|csl-json|bibtex" "$tmp/out"

done_tap
