# SPDX-License-Identifier: MIT
# The reader in Chinese (issue 14), sourced by run.sh: under
# LANG=zh_CN.UTF-8, with the build's catalogue (KANBAO_LOCALEDIR, which
# tests/ui/meson.build sets to the build's po/; else the po/ beside the
# binary), the pane titles, the status line, the help, the prompts, the tag
# view and the note box are Chinese, and every screen fits its width at
# 120x40, 80x24 and smaller, each wide character whole; under C.UTF-8 the
# same screens stay English. Skipped, saying why, when the zh_CN.UTF-8
# locale is not generated or there is no catalogue. Helpers: lib.sh.

ZH_LOCALEDIR=${KANBAO_LOCALEDIR:-$(dirname "$KANBAO")/po}

# skip WHY: one TAP test skipped.
skip() {
	tap_n=$((tap_n + 1))
	echo "ok $tap_n # SKIP $1"
}

# zh_ready NAME: true when the reader can be run in Chinese; else a TAP
# skip saying what is missing.
zh_ready() {
	if ! locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\?8'; then
		skip "$1: the zh_CN.UTF-8 locale is not generated here (sed -i 's/^# *zh_CN.UTF-8/zh_CN.UTF-8/' /etc/locale.gen && locale-gen)"
		return 1
	fi
	if [ ! -f "$ZH_LOCALEDIR/zh_CN/LC_MESSAGES/kanbao.mo" ]; then
		skip "$1: no catalogue at $ZH_LOCALEDIR/zh_CN/LC_MESSAGES/kanbao.mo (build the project, or set KANBAO_LOCALEDIR)"
		return 1
	fi
}

# zh_start NAME WIDTH HEIGHT [KANBAO-ARGS...]: kanbao under zh_CN.UTF-8
# with the catalogue (LANGUAGE emptied: it would outrank LANG).
zh_start() {
	local name=$1 w=$2 h=$3
	shift 3
	start "$name" "$w" "$h" LANG=zh_CN.UTF-8 LANGUAGE= KANBAO_LOCALEDIR="$ZH_LOCALEDIR" -- "$@"
}
# zh_samples NAME WIDTH HEIGHT: the samples, their first screen shown.
zh_samples() {
	zh_start "$1" "$2" "$3" "$SAMPLES"
	wait_re '^\[列表\]' && wait_text "${T0:0:8}"
}

# no_english: no English word of the reader's own on the screen (the
# samples' text has none; key names and the query syntax are not words).
no_english() {
	! capture | grep -Eq 'Issues|Article|Tags|Note|Highlights|\[(list|article|notes)\]|kanbao keys|no date|editions|saved|undo|search:|filter:|rename|close'
}

# help_aligned: every row of the help (the third screen row on, the status
# line aside) has its text start at one display column (the first word
# after a blank past column 11: the default keys are at most 10 columns),
# whatever width its keys have.
help_aligned() {
	capture | python3 -c '
import sys, unicodedata
cols = set()
for line in sys.stdin.read().split("\n")[2:int(sys.argv[1]) - 1]:
    col, prev = 0, ""
    for ch in line:
        if col >= 12 and ch != " " and prev == " ":
            cols.add(col)
            break
        prev = ch
        col += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
if len(cols) != 1:
    print("the help text starts at columns", sorted(cols))
    sys.exit(1)' "$H"
}

# (zh 1) 120x40: three panes in Chinese, every screen fitting; t also on
# 标 and 签 (the help's keys column measured in columns, not bytes).
scenario_zh_panes() {
	zh_ready zh_panes || return 0
	printf 'bind 标 tag\nbind 签 tag\n' >"$TMP_ROOT/zh-keys.config"
	zh_start zh-panes 120 40 --config "$TMP_ROOT/zh-keys.config" "$SAMPLES"
	wait_re '^\[列表\]' && wait_text "${T0:0:8}"
	expect "zh: the status line names the list pane [列表]" wait_status '^\[列表\]'
	expect "zh: the list's title is 期次 with the place" wait_re '^>期次  1/1 '
	expect "zh: the undated issue: （无日期） 5版, its counts" wait_re '^- （无日期） 5版 +15/15\|'
	expect "zh: the notes pane's title: 标签 · 笔记 · 摘录" wait_re '\| 标签 · 笔记 · 摘录'
	expect "zh: the notes pane's headings: 标签（0）" wait_re '\|标签（0）'
	expect "zh: 摘录（0）" wait_re '\|摘录（0）'
	expect "zh: the first import said in Chinese" wait_status '已检查 5 个文件：新增 5，更新 0'
	check "zh: no English word of the reader's" no_english
	screen_ok "zh: the first screen" --panes 3
	keys Tab
	expect "zh: Tab: [文章]" wait_status '^\[文章\]'
	keys Tab
	expect "zh: Tab: [批注]" wait_status '^\[批注\]'
	keys BTab BTab
	expect "zh: back in the list" wait_status '^\[列表\]'
	# the help
	keys '?'
	expect "zh: ? shows the help, titled in Chinese" wait_text 'kanbao 按键（q 或 ? 关闭；j/k 滚动）'
	expect "zh: its j row" wait_re '^ j +下一行 / 向下滚动'
	expect "zh: its S-Tab row" wait_re '^ S-Tab +切换到上一个窗格'
	expect "zh: its C-r row" wait_re '^ C-r +重做'
	expect "zh: t with its Chinese keys" wait_re '^ t 标 签 +给文章加标签'
	check "zh: the help's text in one column after keys of every width" help_aligned
	check "zh: no English in the help" no_english
	screen_ok "zh: the help"
	keys j j j j j j j j j j j j
	expect "zh: scrolled, the caret's keys" wait_re '^ w +光标移到下一个词'
	screen_ok "zh: the help scrolled"
	keys q
	expect "zh: q closes the help" wait_gone 'kanbao 按键'
	# tagging through the prompt
	keys j Enter
	expect "zh: an article opened: [文章]" wait_status '^\[文章\]'
	keys t
	expect "zh: t asks in Chinese" wait_status '^标签（空格分隔，-标签 表示去掉；Tab 补全）：'
	screen_ok "zh: the tag prompt" # (the completions line above it covers the panes)
	type_text '人物 待核'
	keys Enter
	expect "zh: tagged, said with u 撤销" wait_status '已加标签 人物 待核（已保存）· u 撤销'
	expect "zh: the notes pane counts them" wait_re '\|标签（2）'
	screen_ok "zh: after tagging" --panes 3
	keys u
	expect "zh: u says what it undid" wait_status '已撤销：2 次加标签（已保存）· C-r 重做'
	keys C-r
	expect "zh: C-r redoes" wait_status '已重做：2 次加标签（已保存）· u 撤销'
	# the tag view
	keys '#'
	expect "zh: # shows the tag view, titled in Chinese" wait_re '^ 标签（2）  Enter 列出  R 改名/合并  D 删除  q 关闭'
	expect "zh: its message" wait_status '标签：Enter 列出该标签的文章'
	expect "zh: a tag with its count" wait_re '^ +1  人物'
	screen_ok "zh: the tag view"
	keys R
	expect "zh: R asks in Chinese" wait_status '^将 人物 改名为（已有的标签：合并）：'
	screen_ok "zh: the rename prompt"
	keys Escape D
	expect "zh: D asks in Chinese" wait_status '删除标签 人物（共 1 篇文章）？（y/n）'
	keys Escape q
	expect "zh: q closes the tag view" wait_gone '改名/合并'
	# a selection's message, the note box
	keys v
	expect "zh: v says the selection in Chinese" wait_re '已选 1 字，黄色：'
	screen_ok "zh: selecting" --panes 3
	keys Escape
	expect "zh: Esc: 已取消选择" wait_status '已取消选择'
	keys n
	expect "zh: n opens the note box titled 笔记" wait_text ' 笔记 '
	expect "zh: its keys in Chinese" wait_text 'C-s 保存  Esc 取消'
	type_text '这一篇要再核对一下数字'
	screen_ok "zh: the note box"
	keys C-s
	expect "zh: the note saved, said" wait_status '笔记已保存 · u 撤销'
	screen_ok "zh: the note in the notes pane" --panes 3
	# a search: its title and the status line
	keys s
	expect "zh: s asks in Chinese" wait_status '^搜索全库：'
	type_text 郑州
	keys Enter
	expect "zh: the results' title: 搜索：郑州" wait_re '^>搜索：郑州'
	check "zh: no English after a search" no_english
	screen_ok "zh: search results" --panes 3
	keys q
	expect "zh: q leaves the results, said" wait_status '已回到期次列表'
	keys q
	check "zh: q quits" wait_exit
}

# (zh 2) 80x24 and smaller: two panes, the help cut with …, a long
# message over two lines, the note box, "too small" at its sizes.
scenario_zh_narrow() {
	zh_ready zh_narrow || return 0
	printf 'bind x hepl\n' >"$TMP_ROOT/zh-typo.config"
	zh_start zh-narrow 80 24 --config "$TMP_ROOT/zh-typo.config" "$SAMPLES"
	wait_re '^\[列表\]' && wait_text "${T0:0:8}"
	expect "zh 80: a mistyped action of the config, said in Chinese" \
		wait_text '未知操作“hepl”（是不是“help”？）'
	screen_ok "zh 80: the config's warning (on the line above the status line)"
	keys j k
	expect "zh 80: [列表]" wait_status '^\[列表\]'
	expect "zh 80: 期次" wait_re '^>期次  1/1 '
	screen_ok "zh 80: the first screen" --panes 2
	keys '?'
	expect "zh 80: the help" wait_text 'kanbao 按键'
	check "zh 80: the help's text in one column" help_aligned
	screen_ok "zh 80: the help"
	keys j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j j
	expect "zh 80: the help's last rows" wait_re '^ c +颜色，依次为黄'
	screen_ok "zh 80: the help's last rows"
	resize 50 24
	sleep 0.2
	expect "zh 50: the help still shown" wait_text 'kanbao 按键'
	expect "zh 50: a help line too long cut with …" wait_re '^ c +颜色，依次为黄.*…$'
	screen_ok "zh 50: the help, small"
	resize 80 24
	sleep 0.2
	keys q
	expect "zh 80: q closes the help" wait_gone 'kanbao 按键'
	# the filter's prompt, 73 columns in Chinese: cut with … to leave a
	# third of the line for what is typed
	keys f
	expect "zh 80: f asks in Chinese, the label cut" wait_status '^筛选（词语 tag:X .*…$'
	type_text 高新区
	expect "zh 80: what is typed shows after it" wait_status '^筛选（词语 tag:X .*…高新区$'
	screen_ok "zh 80: the filter's prompt"
	keys Escape
	keys j Enter
	expect "zh 80: an article: [文章]" wait_status '^\[文章\]'
	keys n
	expect "zh 80: the note box" wait_text 'C-s 保存  Esc 取消'
	screen_ok "zh 80: the note box"
	resize 24 10
	sleep 0.2
	screen_ok "zh 24x10: the note box's title cut"
	resize 10 5
	sleep 0.2
	expect "zh 10x5: too small, in Chinese, the form that fits" wait_text '太小'
	check "zh 10x5: not the longer form (12 columns)" wait_gone '终端窗口太小'
	screen_ok "zh 10x5: too small"
	resize 19 5
	sleep 0.2
	expect "zh 19x5: the longer form" wait_text '终端窗口太小'
	screen_ok "zh 19x5: too small"
	resize 80 24
	sleep 0.2
	keys Escape
	expect "zh 80: Esc closes the box" wait_gone 'C-s 保存'
	resize 60 20
	sleep 0.2
	keys v
	expect "zh 60: the selection's message starts on the line above" wait_re '^已选 1 字，黄色：'
	expect "zh 60: and ends whole" wait_text 'Esc 取消'
	screen_ok "zh 60: a long message at 60x20"
	keys Escape q
	expect "zh 60: q again: 退出" wait_status '再按 q：退出'
	keys q
	check "zh 60: q quits" wait_exit
	# an empty library: the titles alone
	zh_start zh-empty 80 24
	expect "zh 80: an empty library: 期次 without a place" wait_re '^>期次 +\| '
	expect "zh 80: the article pane's title 文章" wait_re '\| 文章( |$)'
	expect "zh 80: the empty library said in Chinese" wait_status '库是空的'
	screen_ok "zh 80: an empty library" --panes 2
	keys q
	check "zh 80: q quits (empty library)" wait_exit
}

# (zh 3) The same screens under C.UTF-8, the catalogue at hand: English.
scenario_zh_english() {
	start zh-english 120 40 LANGUAGE= KANBAO_LOCALEDIR="$ZH_LOCALEDIR" -- "$SAMPLES"
	expect "en: [list]" wait_status '^\[list\]'
	expect "en: Issues" wait_re '^>Issues  1/1 '
	expect "en: (no date) 5 editions" wait_re '^- \(no date\) 5 editions +15/15\|'
	expect "en: Tags · Note · Highlights" wait_re '\| Tags · Note · Highlights'
	check "en: no Chinese of the catalogue" eval '! capture | grep -q "期次\|列表\|标签（\|摘录\|已检查"'
	keys '?'
	expect "en: the help in English" wait_re '^ j +next row / scroll down'
	keys q j Enter t
	expect "en: the tag prompt in English" wait_status '^tag \(spaces between'
	type_text 人物
	keys Enter
	expect "en: tagged, said in English" wait_status 'tagged 人物 \(saved\) · u: undo'
	keys '#'
	expect "en: the tag view in English" wait_re '^ Tags \(1\)  Enter: list'
	keys q q q
	check "en: q q q quits" wait_exit
}

# (zh 4) The catalogue covers the reader: every file of src/ui/ is read by
# xgettext (po/POTFILES.in), each string it marks has a Chinese
# translation in po/zh_CN.po (none missing, none fuzzy, placeholders
# checked by msgfmt -c); and `kanbao --help-keys`, which the man page is
# made from, stays English under zh_CN.UTF-8 (the reader's help is the
# translated one).
scenario_zh_catalogue() {
	local po=$SRC/po f missing=
	for f in "$SRC"/src/ui/*.c "$SRC"/src/ui/ui.h; do
		f=${f#"$SRC"/}
		grep -Eq '(^|[^A-Za-z0-9_])(_|N_|ngettext)\(' "$SRC/$f" &&
			! grep -qx "$f" "$po/POTFILES.in" && missing+=" $f"
	done
	check "catalogue: every file of src/ui/ with marked strings is in po/POTFILES.in${missing:+ (not:$missing)}" \
		test -z "$missing"
	if ! command -v xgettext >/dev/null || ! command -v msgcmp >/dev/null; then
		skip "catalogue: xgettext and msgcmp are not installed (apt-get install gettext)"
	else
		local pot=$TMP_ROOT/kanbao.pot
		(cd "$SRC" && xgettext --keyword=_ --keyword=N_ --from-code=UTF-8 -f po/POTFILES.in \
			-o "$pot" 2>"$TMP_ROOT/xgettext.err")
		check "catalogue: xgettext reads po/POTFILES.in" test -s "$pot"
		local n
		n=$(grep -c '^msgid "[^"]' "$pot")
		check "catalogue: it finds the reader's strings ($n msgids, the key table's help among them)" \
			eval 'test "$n" -gt 200 && grep -q "^msgid \"next row / scroll down" "$pot"'
		if msgcmp "$po/zh_CN.po" "$pot" 2>"$TMP_ROOT/msgcmp.err"; then
			ok "catalogue: po/zh_CN.po has every msgid of the sources"
		else
			not_ok "catalogue: po/zh_CN.po has every msgid of the sources"
			head -20 "$TMP_ROOT/msgcmp.err" | sed 's/^/#   /'
		fi
	fi
	local stats
	stats=$(LC_ALL=C msgfmt -c --statistics -o /dev/null "$po/zh_CN.po" 2>&1)
	check "catalogue: msgfmt -c passes, every message translated, none fuzzy ($stats)" \
		eval 'case "$stats" in *untranslated* | *fuzzy* | *error*) false ;; *"translated message"*) true ;; *) false ;; esac'
	if zh_ready catalogue; then
		LANG=zh_CN.UTF-8 LANGUAGE= LC_ALL= KANBAO_LOCALEDIR="$ZH_LOCALEDIR" \
			"$KANBAO" --help-keys >"$TMP_ROOT/help-keys" 2>&1
		check "catalogue: --help-keys under zh_CN.UTF-8 stays English (the man page's table)" \
			eval 'grep -q "next row / scroll down" "$TMP_ROOT/help-keys" && ! grep -q "下一行" "$TMP_ROOT/help-keys"'
	fi
}
