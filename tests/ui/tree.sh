# SPDX-License-Identifier: MIT
# The list as a tree (papers, issues newest first, pages, articles) on the
# two-paper fixture library (tests/ui/fixtures/two-papers: 郑州日报 of
# 2021-02-25/26/27, 人民日报 of 2019-02-14/15, one file of neither), sourced
# by run.sh. Helpers: lib.sh.
TREE=$SRC/tests/ui/fixtures/two-papers

# list_order TEXT...: the list's column holds each TEXT, in this order
# from the top.
list_order() {
	columns 0 34 | python3 -c '
import sys
rows = sys.stdin.read().split("\n")
at = []
for t in sys.argv[1:]:
    hit = [i for i, r in enumerate(rows) if t in r]
    if not hit:
        sys.exit(1)
    at.append(hit[0])
sys.exit(0 if at == sorted(at) else 1)' "$@"
}

# wait_order TEXT...: until list_order holds (5 s).
wait_order() {
	local i
	for ((i = 0; i < 100; i++)); do
		list_order "$@" && return 0
		sleep 0.05
	done
	return 1
}

scenario_tree() {
	START_GATE=1 start tree 120 40
	kb import "$TREE"
	check "tree: the fixture's 12 editions imported" test "$rc" = 0
	go
	# a first start: the newest issue (郑州日报 2021-02-27) and its first
	# article, shown; the cursor on its page's row
	expect "tree: the title places the newest issue among all six: 3/6" wait_re '^>Issues  3/6 '
	expect "tree: its first article previewed" wait_in 34 93 "全市规上工业企业27日开工率达98%"
	expect "tree: the papers in name order, the unknown paper last" \
		wait_order "人民日报" "郑州日报" "(paper unknown)"
	expect "tree: each paper row counts its issues and unread/total articles" \
		wait_re '^- 人民日报 2 issues +8/8\|'
	expect "tree: the other paper's: 3 issues, 15 articles" wait_re '^- 郑州日报 3 issues +15/15\|'
	expect "tree: issues newest first, with their weekday and pages" \
		wait_order "2019-02-15 周五 2版" "2019-02-14 周四 2版" "2021-02-27 周六 2版" \
		"2021-02-26 周五 3版" "2021-02-25 周四 2版" "(no date) 1 edition"
	expect "tree: the newest issue unfolded, its pages by number and name" \
		wait_order "- 2021-02-27" "- 第1版 要闻" "全市规上" "登封返岗" "+ 第2版 城事" "+ 2021-02-26"
	expect "tree: an issue's unread/total (2021-02-26: 7 articles)" wait_re '^  \+ 2021-02-26 周五 3版 +7/7\|'
	check "tree: no file name in the list (the status line names the open article's)" \
		eval '! columns 0 33 | head -n -1 | grep "\.txt\|rmrb_\|zzrb_" >/dev/null'
	screen_ok "tree: the first screen" --panes 3

	# ← folds, then the level above: page, issue, paper
	keys Left
	expect "tree: ← folds the page" wait_re '^    \+ 第1版 要闻'
	keys Left
	expect "tree: ← on a folded page folds its issue" wait_re '^  \+ 2021-02-27 周六'
	expect "tree: its pages gone" wait_gone "第1版 要闻 全市"
	keys Left
	expect "tree: ← on a folded issue folds its paper" wait_re '^\+ 郑州日报 3 issues'
	expect "tree: the paper's issues gone" wait_gone "2021-02-26"
	expect "tree: the other papers stay" wait_order "2019-02-14" "+ 郑州日报" "(no date)"
	keys Right
	expect "tree: → unfolds the paper again" wait_re '^- 郑州日报 3 issues'
	expect "tree: its issues back, folded as they were" wait_re '^  \+ 2021-02-27 周六'
	keys j j Right
	expect "tree: → on 2021-02-26 unfolds its three pages" \
		wait_order "- 2021-02-26" "第1版 要闻" "第2版 经济" "第3版 民生" "+ 2021-02-25"
	expect "tree: the title places it: issue 4 of 6" wait_re '^>Issues  4/6 '

	# r on an issue: all its articles, the counts everywhere at once
	keys r
	expect "tree: r on an issue marks its 7 articles read" wait_status '7 articles marked read'
	expect "tree: the issue counts 0/7" wait_re '^  - 2021-02-26 周五 3版 +0/7\|'
	expect "tree: its pages 0/3 0/2 0/2" wait_re '^    \+ 第1版 要闻 .* 0/3\|'
	expect "tree: its paper 8/15" wait_re '^- 郑州日报 3 issues +8/15\|'
	kb list --json
	check "tree: the store has those 7 read, no other" \
		json 'sorted(r["edition"] for r in d if r["read"]) == sorted(["zzrb_20210226_p01.txt"] * 3 + ["郑州日报_2021年02月26日_第2版.txt"] * 2 + ["郑州日报2021-02-26第03版.txt"] * 2)'
	keys r
	expect "tree: r again marks them unread" wait_re '^  - 2021-02-26 周五 3版 +7/7\|'
	expect "tree: the paper 15/15 again" wait_re '^- 郑州日报 3 issues +15/15\|'
	keys r u
	expect "tree: one u undoes a whole issue's marking" wait_status 'undid 7 read marks'
	expect "tree: the issue unread again, 7/7" wait_re '^  - 2021-02-26 周五 3版 +7/7\|'
	kb list --json
	check "tree: the store has none of them read" json 'not any(r["read"] for r in d)'

	# z: every issue folded, then every paper
	keys z
	expect "tree: z folds every issue" wait_status 'all issues folded'
	check "tree: no page row left" eval '! columns 0 34 | grep "第[0-9]版" >/dev/null'
	keys z
	expect "tree: z again folds every paper" wait_status 'all papers folded'
	expect "tree: three paper rows" wait_order "+ 人民日报" "+ 郑州日报" "+ (paper unknown)"
	check "tree: no issue row left" eval '! columns 0 34 | grep "周[一二三四五六日]" >/dev/null'

	# into 人民日报's newest issue and its first page; ] the next unread
	keys g Right j Right j Right
	expect "tree: l/→ down the levels to 人民日报 2019-02-15 第1版" \
		wait_order "- 人民日报" "- 2019-02-15" "- 第1版 要闻" "春节假日文旅" "+ 第3版 国际"
	keys j
	expect "tree: j onto its first article previews it" wait_in 34 93 "春节假日文旅消费数据15日发布"
	keys ]
	expect "tree: ] the next unread in the tree's order" wait_in 34 93 "农业农村部部署春季田间管理"
	keys ]
	expect "tree: ] on across the page (第3版 国际)" wait_in 34 93 "中欧班列今年开行数量稳步增长"

	# a search: results with date, page and a line of their text
	keys BTab BTab s
	type_text 春
	keys Enter
	expect "tree: a search lists its results" wait_re '^>search: 春 \([0-9]+\)'
	expect "tree: a result shows its date and page" wait_re '^[* ] .2021-02-26 第2版 中牟'
	expect "tree: with a line of its text under it, the hit in sight" \
		wait_re '^    [^ ].*春.*\|'
	keys j
	expect "tree: j skips the snippet line to the next result" wait_re '>search: 春 \([0-9]+\)  2/'
	screen_ok "tree: results with snippets" --panes 3
	keys Enter BTab
	expect "tree: the second result opened" wait_in 34 93 "如意湖元宵灯展延长开放至22时"
	keys C-c
	check "tree: C-c quits from the results" wait_exit
	check "tree: C-c quits from the results: exit status 0" test "$(exit_status)" = 0
	# started again: the same listing, the cursor on that result
	local td=$TD
	START_GATE=1 start tree-again 120 40
	cp -r "$td/home/.local" "$TD/home/"
	cp "$td/db" "$TD/db"
	sed -i "s|^$td/db\t|$TD/db\t|" "$TD/home/.local/state/kanbao/places"
	go
	expect "tree: started again, the search is listed again" wait_re '^>search: 春 \([0-9]+\)  2/'
	expect "tree: its article shown, hits marked" wait_in 34 93 "如意湖元宵灯展延长开放至22时"
	keys q
	expect "tree: q back to the tree" wait_re '^>Issues '
	keys q
	check "tree: q quits" wait_exit
	check "tree: q quits: exit status 0" test "$(exit_status)" = 0

	# saved views: the first rows, counted; Enter lists what they match
	START_GATE=1 start tree-views 120 40
	mkdir -p "$TD/config/kanbao"
	printf 'view 郑州未读 "paper:郑州日报 unread"\nview 春 春\nview 坏 date:2021-13\n' \
		>"$TD/config/kanbao/config"
	kb import "$TREE"
	go
	expect "tree: the saved views come first" wait_order "» 郑州未读" "» 春" "人民日报"
	expect "tree: a view counts what it matches" wait_re '^» 郑州未读 .* 15\|'
	keys g Enter
	expect "tree: Enter on a view lists it, named, with its count and place" \
		wait_re '^>» 郑州未读 \(15\)  1/15 '
	keys q j Enter
	expect "tree: a search's view lists its results" wait_re '^>» 春 \([0-9]+\)  1/'
	expect "tree: with their snippet lines" wait_re '^    [^ ].*春.*\|'
	keys q
	expect "tree: q back to the tree, the views on top" wait_re '^» 郑州未读'
	keys j Enter
	expect "tree: a view with a bad query says so, naming it and its line" \
		wait_text "view 坏 (line 3): date:2021-13: not a month"
	expect "tree: and the tree stays" wait_re '^>Issues '
	keys q
	check "tree: q quits (views)" wait_exit
	check "tree: q quits (views): exit status 0" test "$(exit_status)" = 0
}
