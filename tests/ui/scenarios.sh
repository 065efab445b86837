# SPDX-License-Identifier: MIT
# The UI scenarios, sourced by run.sh (each a function scenario_NAME; the
# session is stopped after each). Helpers: lib.sh.

# open_samples NAME W H: start on the samples (imported through the PATH
# argument) and wait for the first screen.
open_samples() {
	start "$1" "$2" "$3" -- "$SAMPLES"
	wait_re '^\[list\]' && wait_text "${T0:0:8}"
}

# (1) The samples at 120x40: three panes; their one issue (no dates: the
# "(no date)" group) and its first edition unfolded, the cursor on that
# edition's row.
scenario_open() {
	open_samples open 120 40
	expect "open: the reader starts with the status line [list]" wait_re '^\[list\]'
	expect "open: the samples' editions form one undated issue row, unfolded (15 of 15 unread)" \
		wait_re '^- \(no date\) 5 editions +15/15\|'
	expect "open: the first edition is listed (indented under it) by its first headline" wait_re "^  - ${T0:0:10}"
	expect "open: the last edition is listed by its headline, folded" wait_re "^  \\+ ${T14:0:10}"
	check "open: no file name in the list" eval '! capture | cut -c1-34 | grep -q "0a7de6b0a5fb8a92\|c52dc1dd292ef930"'
	expect "open: the list's title counts the issues (one)" wait_re '^>Issues  1/1 '
	expect "open: the cursor on the first edition's row" wait_cursor 0 33 "  - ${T0:0:10}"
	expect "open: the first edition's first article title" wait_text "${T0:0:10}"
	expect "open: the first edition's fifth article title" wait_text "对标先进找差距"
	screen_ok "first screen, three panes" --panes 3
	kb list --json
	check "open: the PATH argument imported the 5 editions (15 articles)" \
		json 'len(d) == 15 and len({a["edition"] for a in d}) == 5'
	keys q
	check "open: q quits" wait_exit
	check "open: exit status 0" test "$(exit_status)" = 0
}

# (2) Moving: j/k, Enter, J/K, Tab/S-Tab, g/G, space/PgDn.
scenario_navigate() {
	open_samples nav 120 40
	keys j Enter
	expect "nav: j Enter opens the first article (its title in the article pane)" wait_text "$T0"
	expect "nav: the article pane has focus, 1/5 in the status line" wait_status '^\[article\].* 1/5'
	screen_ok "article open" --panes 3
	keys J
	expect "nav: J opens the next article" wait_text "$T1"
	expect "nav: status 2/5" wait_status ' 2/5'
	screen_ok "second article" --panes 3
	keys K
	expect "nav: K goes back to the first article" wait_status ' 1/5'
	expect "nav: K shows the first article's title" wait_text "$T0"
	keys Tab
	expect "nav: Tab focuses the notes pane" wait_status '^\[notes\]'
	keys Tab
	expect "nav: Tab again focuses the list" wait_status '^\[list\]'
	keys BTab
	expect "nav: S-Tab focuses the notes pane" wait_status '^\[notes\]'
	keys BTab
	expect "nav: S-Tab again focuses the article" wait_status '^\[article\]'
	keys BTab
	expect "nav: S-Tab back to the list" wait_status '^\[list\]'
	# G: the last row (edition 004, the last of the undated issue), Enter
	# unfolds it, j Enter opens its article
	keys G Enter
	keys j Enter
	expect "nav: G, Enter, j, Enter opens the last edition's article" wait_in 34 93 "$T14"
	expect "nav: status names edition 004, 1/1" wait_status '1/1 004_c52dc1dd292ef930.txt'
	screen_ok "long article, top" --panes 3
	keys Space
	expect "nav: space pages the article down (the title scrolls away)" gone_in 34 93 "$T14"
	screen_ok "long article, paged" --panes 3
	keys g
	expect "nav: g back to the top" wait_in 34 93 "$T14"
	keys NPage
	expect "nav: PgDn pages down" gone_in 34 93 "$T14"
	keys PPage
	expect "nav: PgUp pages up" wait_in 34 93 "$T14"
	keys G
	expect "nav: G goes to the bottom of the article" gone_in 34 93 "$T14"
	screen_ok "long article, bottom" --panes 3
	keys BTab g
	expect "nav: g in the list goes to the first row" wait_status '^\[list\]'
	expect "nav: the first row is the issue's" wait_cursor 0 33 "- (no date) 5 editions"
	# row 0 the issue, row 1 edition 000, rows 2.. its articles
	keys j j j Enter
	expect "nav: g, j, j, j, Enter opens the second article" wait_text "$T1"
	keys BTab k Enter
	expect "nav: S-Tab, k, Enter opens the first article" wait_text "$T0"
	screen_ok "first article again" --panes 3
}

# (3) Tag with t: written at once (another process sees it while the
# reader runs), then also after quitting.
scenario_tag() {
	open_samples tag 120 40
	local id
	id=$(article_id 0)
	keys j Enter
	expect "tag: article open" wait_text "$T0"
	keys t
	expect "tag: t asks for tags" wait_text "tag ("
	screen_ok "tag prompt"
	type_text 重要
	expect "tag: the prompt shows the Chinese text typed" wait_text "重要"
	screen_ok "tag prompt with 重要"
	keys Enter
	expect "tag: the status line says it was saved" wait_status 'saved'
	keys C-l
	expect "tag: then (the message gone at the next key) shows #重要" wait_status '#重要'
	screen_ok "tagged" --panes 3
	kb list --tag 重要 --json
	check "tag: list --tag 重要 (while the reader runs) has the article" \
		json "[a['id'] for a in d] == ['$id']"
	keys q q
	check "tag: q q quits (the first q back to the list)" wait_exit
	kb list --tag 重要 --json
	check "tag: list --tag 重要 after quitting has the article" \
		json "[a['id'] for a in d] == ['$id'] and '重要' in d[0]['tags']"
}

# (4) A note in the box editor: Chinese text, C-s saves.
scenario_note() {
	open_samples note 120 40
	local id
	id=$(article_id 1)
	keys j j Enter
	expect "note: second article open" wait_text "$T1"
	keys n
	expect "note: n opens the note box" wait_text "C-s save"
	screen_ok "note box"
	type_text "这篇报道很重要，值得再读。"
	keys Enter
	type_text "第二行：郑州。"
	expect "note: the box shows the Chinese text typed" wait_text "这篇报道很重要，值得再读。"
	screen_ok "note box with two lines of Chinese"
	keys C-s
	expect "note: C-s saves (message)" wait_status 'note saved'
	expect "note: the notes pane shows the note" wait_re '\|.*这篇报道很重要'
	screen_ok "note saved" --panes 3
	kb show "$id" --json
	check "note: show --json has the note, both lines" \
		json "d['note'] == '这篇报道很重要，值得再读。\n第二行：郑州。'"
	# Esc cancels an edit: the note stays
	keys n
	expect "note: n opens the box on the saved note" wait_text "C-s save"
	type_text "不要"
	keys Escape
	expect "note: Esc closes the box" wait_gone "C-s save"
	kb show "$id" --json
	check "note: Esc left the note unchanged" \
		json "d['note'] == '这篇报道很重要，值得再读。\n第二行：郑州。'"
}

# (5) A highlight: v in the article, extended by word, sentence and
# character, h, a note, Enter.
scenario_highlight() {
	open_samples hl 120 40
	local id
	id=$(article_id 0)
	keys j Enter
	expect "highlight: article open" wait_text "$T0"
	keys v
	expect "highlight: v starts a selection" wait_status 'selecting'
	keys w w ')' Right
	expect "highlight: the selection grows (its size counted)" wait_status 'selecting [0-9]+ [a-z]+'
	screen_ok "selection" --panes 3
	keys h
	expect "highlight: h asks for a note" wait_text "note for the highlight"
	type_text "会议要点"
	keys Enter
	expect "highlight: saved" wait_status 'highlight saved'
	expect "highlight: the notes pane counts it" wait_text "Highlights (1)"
	screen_ok "highlighted" --panes 3
	kb show "$id" --json
	check "highlight: show --json has one highlight with its note" \
		json "len(d['highlights']) == 1 and d['highlights'][0]['note'] == '会议要点'"
	check "highlight: it starts at the selection's start and quotes the text" \
		json "d['highlights'][0]['start'] == 0 and d['highlights'][0]['end'] > 0 and d['highlights'][0]['quote'].startswith('本报讯')"
}

# (6) Search the library for 郑州; q leaves the results.
scenario_search() {
	open_samples search 120 40
	keys s
	expect "search: s asks for a query" wait_text "search the library"
	type_text 郑州
	keys Enter
	kb search 郑州 --json
	expect "search: the results replace the list (its title: the query and count)" wait_re '^>search: 郑州 \([0-9]+\)'
	expect "search: a matching title in the results" wait_text "中国(郑州)黄河文化月"
	expect "search: status line shows results" wait_status 'results'
	screen_ok "search results" --panes 3
	keys j Enter
	expect "search: Enter opens a result" wait_status '^\[article\]'
	screen_ok "a result opened" --panes 3
	keys n
	expect "search: n goes to the next hit of 郑州 in it (match 2 of N)" \
		wait_status 'match 2 of [0-9]+: 郑州'
	keys N
	expect "search: N back to the first (match 1 of N)" wait_status 'match 1 of [0-9]+: 郑州'
	# N is every hit of the article opened (the second result)
	local rid hits
	kb search 郑州 --json
	rid=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[1]["id"])' "$TD/out")
	kb show "$rid" --json
	hits=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sum(b["text"].count("郑州") for b in d["blocks"]))' "$TD/out")
	expect "search: N counts every hit in the article ($hits)" wait_status "match 1 of $hits: 郑州"
	keys BTab q
	expect "search: q leaves the results" wait_status 'back to the issues'
	expect "search: the tree is back (its title counts the issues)" wait_re '^>Issues  1/1 '
	expect "search: with the samples' issue row" wait_re '^- \(no date\) 5 editions '
	expect "search: the cursor back where it was (the first edition's row)" \
		wait_cursor 0 33 "  - ${T0:0:10}"
	screen_ok "back to the tree" --panes 3
	keys s
	type_text 火星基地
	keys Enter
	expect "search: a search that finds nothing says so" wait_status 'nothing found for 火星基地'
	expect "search: and the tree stays listed" wait_re '^>Issues  1/1 '
	expect "search: its issue row too" wait_re '^- \(no date\) 5 editions '
	keys q
	check "search: q then quits" wait_exit
}

# (7) Undo a tag with u, redo with C-r: the store follows each step.
scenario_undo() {
	open_samples undo 120 40
	local id
	id=$(article_id 0)
	keys j Enter t
	expect "undo: tag prompt" wait_text "tag ("
	type_text 重要
	keys Enter
	expect "undo: tagged" wait_status 'saved'
	keys C-l
	expect "undo: the status line shows #重要" wait_status '#重要'
	kb show "$id" --json
	check "undo: the tag is in the store" json "d['tags'] == ['重要']"
	keys u
	expect "undo: u removes #重要 from the status line" wait_gone '#重要'
	screen_ok "after undo" --panes 3
	kb show "$id" --json
	check "undo: after u the tag is gone from show --json" json "d['tags'] == []"
	kb list --tag 重要 --json
	check "undo: and from list --tag" json "d == []"
	keys C-r
	expect "undo: C-r says what it did" wait_status 'redid'
	keys C-l
	expect "undo: C-r brings #重要 back" wait_status '#重要'
	screen_ok "after redo" --panes 3
	kb show "$id" --json
	check "undo: after C-r the tag is back" json "d['tags'] == ['重要']"
}

# (8) Resizing at any time: 120x40 (three panes), 80x24 (two), 50x12
# (one), 20x6 (the smallest drawn), 10x3 ("terminal too small"), back.
scenario_resize() {
	open_samples resize 120 40
	keys j Enter
	expect "resize: article open at 120x40" wait_text "$T0"
	screen_ok "start" --panes 3
	resize 80 24
	sleep 0.2
	expect "resize: 80x24 redraws (status line at the bottom)" wait_status '^\[article\]'
	screen_ok "two panes" --panes 2
	resize 50 12
	sleep 0.2
	expect "resize: 50x12 redraws (status line at the bottom)" wait_status '^\[article\]'
	expect "resize: 50x12 shows the article alone (its title, no separator)" \
		wait_re '^郑州高新国家自创区建设'
	screen_ok "one pane"
	keys j
	resize 20 6
	sleep 0.2
	expect "resize: 20x6 still drawn (status line, not too small)" wait_status '^\[article'
	check "resize: 20x6 is not 'terminal too small'" wait_gone "too small"
	screen_ok "the smallest drawn size"
	resize 10 3
	sleep 0.2
	expect "resize: 10x3 says the terminal is too small (as much as fits)" wait_re 'too small|^termina'
	screen_ok "too small"
	keys j k
	resize 1 1
	sleep 0.2
	screen_ok "1x1"
	resize 120 40
	sleep 0.2
	expect "resize: back at 120x40 the article is shown again" wait_text "$T0"
	expect "resize: back at 120x40 the status line is back" wait_status '^\[article\].* 1/5'
	screen_ok "three panes again" --panes 3
	local i
	for i in 1 2 3; do
		resize 37 9; sleep 0.05; resize 300 100; sleep 0.05; resize 15 5; sleep 0.05
	done
	resize 120 40
	sleep 0.2
	expect "resize: after rapid resizes the screen is whole again" wait_status '^\[article\].* 1/5'
	screen_ok "after rapid resizes" --panes 3
	check "resize: kanbao is still running" test ! -e "$TD/rc"
	keys q q
	check "resize: q q quits (the first q back to the list)" wait_exit
	check "resize: exit status 0" test "$(exit_status)" = 0
}

# (9) A narrow terminal from the start (40x15): one pane at a time.
scenario_narrow() {
	open_samples narrow 40 15
	expect "narrow: the list at 40x15" wait_text "${T0:0:6}"
	screen_ok "list"
	keys j Enter
	expect "narrow: Enter focuses the article (status line)" wait_status '^\[article\]'
	expect "narrow: Enter shows the article pane (its title, wrapped)" \
		wait_re '^郑州高新国家自创区建设'
	screen_ok "article"
	# if the pane did not switch (a bug), Tab and S-Tab lay the panes out
	# again so the rest can still be tested
	if ! capture | grep -q '^郑州高新国家自创区建设'; then
		diag "continuing after Tab, S-Tab"
		keys Tab BTab
		expect "narrow: after Tab, S-Tab the article is shown" wait_re '^郑州高新国家自创区建设'
	fi
	keys Space
	expect "narrow: space pages down" wait_gone "郑州高新国家自创区建设大学堂"
	screen_ok "article, paged"
	keys J
	expect "narrow: J opens the next article" wait_status ' 2/'
	expect "narrow: its title" wait_text "$T1"
	screen_ok "next article"
	keys Tab
	expect "narrow: Tab shows the notes pane" wait_status '^\[notes\]'
	screen_ok "notes pane"
	keys Tab
	expect "narrow: Tab shows the list" wait_status '^\[list\]'
	screen_ok "list again"
}

# (10) An edition full of escape sequences: the pane title, the paste
# buffers and the screen are unharmed, placeholders shown.
scenario_escapes() {
	# First a canary: the same bytes cat'ed raw into a pane do change the
	# pane title and the paste buffers (so the checks below can fail).
	local canary_dir
	canary_dir=$(mktemp -d "$TMP_ROOT/canary.XXXXXX")
	tm new-session -d -s canary -x 120 -y 40 \
		"while [ ! -e $canary_dir/go ]; do sleep 0.02; done; cat $(printf %q "$ESCAPES"); exec sleep 3600"
	tm set-option -g set-clipboard on
	tm select-pane -t canary -T kb-sentinel
	touch "$canary_dir/go"
	local i title
	for ((i = 0; i < 100; i++)); do
		title=$(tm display -p -t canary '#{pane_title}')
		[ "$title" = pwned ] && [ -n "$(tm list-buffers)" ] && break
		sleep 0.05
	done
	check "escapes: canary: raw, the fixture sets the pane title (got: $title)" test "$title" = pwned
	check "escapes: canary: raw, the fixture fills a paste buffer" test -n "$(tm list-buffers)"
	while tm delete-buffer 2>/dev/null; do :; done

	START_GATE=1 start escapes 120 40 -- "$ESCAPES"
	tm kill-session -t canary
	tm select-pane -t "$SESSION" -T kb-sentinel
	go
	expect "escapes: the reader starts" wait_re '^\[list\]'
	expect "escapes: the edition is listed (one undated issue of 1 edition)" wait_re '^>Issues  1/1 '
	expect "escapes: the issue row counts its 3 articles" wait_re '^- \(no date\) 1 edition +3/3\|'
	expect "escapes: the title in the list, controls shown as placeholders" \
		wait_re '郑州.*清屏.*字节'
	screen_ok "list with the escape titles" --panes 3
	keys j Enter
	expect "escapes: the article opens" wait_status '^\[article\]'
	expect "escapes: the line ending in an unterminated OSC 8 is drawn to the separator" \
		wait_re '超链接�]8;;http://x +\|'
	expect "escapes: ESC shows as a placeholder, the rest of the sequence as text" \
		wait_text "序列�]0;pwned�和"
	expect "escapes: the byte 0x9B shows as U+FFFD" wait_text "�字节"
	screen_ok "article with escapes" --panes 3
	check "escapes: no raw ESC in the screen's cells (capture-pane -e shows only SGR)" \
		eval '! tm capture-pane -p -e -t "$SESSION" | grep -Eq $'"'"'\e(\]|\[[0-9;]*[^0-9;m])'"'"
	keys J
	expect "escapes: the next article (the sequences in a headline-like line)" wait_status ' 2/'
	expect "escapes: its text is drawn up to the unterminated OSC 8" wait_re '郑州新闻.*标题'
	screen_ok "second article with escapes" --panes 3
	keys Tab Tab
	expect "escapes: panes still switch" wait_status '^\[list\]'
	title=$(tm display -p -t "$SESSION" '#{pane_title}')
	check "escapes: the pane title is unchanged (got: $title)" test "$title" = kb-sentinel
	local bufs
	bufs=$(tm list-buffers)
	check "escapes: no paste buffer was made (OSC 52)" test -z "$bufs"
	[ -n "$bufs" ] && diag "buffers: $bufs"
	expect "escapes: the status line is still at the bottom" wait_status '^\[list\]'
	screen_ok "after reading both" --panes 3
	keys q
	check "escapes: q quits" wait_exit
}

# (11) ? shows the help from the key table; q closes it.
scenario_help() {
	open_samples help 120 40
	keys '?'
	expect "help: ? shows the help" wait_text "kanbao keys"
	expect "help: it lists j" wait_re '^ j +next row'
	expect "help: it lists Enter" wait_re '^ Enter +open the article'
	expect "help: it lists S-Tab" wait_re '^ S-Tab +focus the previous pane'
	expect "help: it lists u (undo)" wait_re '^ u +undo'
	expect "help: it lists C-r (redo)" wait_re '^ C-r +redo'
	expect "help: it lists q (back one level)" wait_re '^ q +back one level'
	expect "help: and C-c (quit at once)" wait_re '^ C-c +quit at once'
	screen_ok "help"
	local jrow
	jrow=$(capture | grep -m1 -E '^ j +next row')
	keys j
	expect "help: j scrolls the help (its j row gone)" eval 'test -n "$jrow" && wait_gone "$jrow"'
	# Down is listed with the caret's keys, below the first screen
	keys j j j j j
	expect "help: further down it lists Down (next row too)" wait_re '^ Down +next row'
	screen_ok "help scrolled"
	resize 50 12
	sleep 0.2
	expect "help: still shown at 50x12" wait_text "kanbao keys"
	screen_ok "help, small"
	resize 120 40
	sleep 0.2
	keys q
	expect "help: q closes the help" wait_gone "kanbao keys"
	expect "help: the list is back" wait_re '^>Issues  1/1 '
	screen_ok "help closed" --panes 3
	check "help: q closed the help but did not quit" test ! -e "$TD/rc"
}

# (12) A non-UTF-8 locale: a clear message, a non-zero exit.
scenario_locale() {
	start locale 80 24 LANG=C LC_ALL=C -- "$SAMPLES"
	check "locale: under LANG=C kanbao exits" wait_exit
	check "locale: with a non-zero status (got $(exit_status))" test "$(exit_status)" != 0
	expect "locale: the message asks for a UTF-8 locale" wait_re 'UTF-8 locale'
	screen_ok "the message"
}

# (13) The mouse (xterm SGR reports, as a terminal sends them): a click on a
# list row opens that article and focuses the list; a click in the notes
# pane focuses it; the wheel scrolls the article.
scenario_mouse() {
	open_samples mouse 120 15
	# row 6 of the screen (1-based; row 1 is the titles, 2 the issue, 3 the
	# first edition) is the third article of the first edition
	type_text $'\e[<0;9;6M'
	type_text $'\e[<0;9;6m'
	expect "mouse: a click on a list row opens that article" wait_in 34 93 "建设国家中心城市 高新区该怎么做"
	screen_ok "after a click" --panes 3
	type_text $'\e[<0;110;2M'
	type_text $'\e[<0;110;2m'
	expect "mouse: a click in the notes pane focuses it" wait_status '^\[notes\]'
	keys Tab Tab
	local before
	before=$(capture | sed -n 1p | cut -d'|' -f2)
	type_text $'\e[<65;60;10M'
	type_text $'\e[<65;60;10M'
	sleep 0.3
	check "mouse: the wheel scrolls the article (its first row changed)" \
		test "$(capture | sed -n 1p | cut -d'|' -f2)" != "$before"
	screen_ok "after the wheel" --panes 3
	keys q q
	check "mouse: q q quits (the first q back to the list)" wait_exit
}

# (14) Export from the reader: e on an open article asks where (the default
# is ~/kanbao-export/), writes a Markdown file with front matter there; e on
# search results exports them all as one document.
scenario_export() {
	open_samples export 120 40
	keys j Enter
	expect "export: an article is open" wait_status '^\[article\] 1/5'
	keys e
	expect "export: e asks where, offering ~/kanbao-export/" wait_text "kanbao-export/"
	keys Enter
	expect "export: the reader says where it wrote" wait_text 'exported 1 article to'
	local f
	f=$(ls "$TD"/home/kanbao-export/*.md 2>/dev/null | head -1)
	check "export: the file is in ~/kanbao-export" test -n "$f"
	check "export: it starts with YAML front matter naming the article" \
		sh -c "head -1 '$f' | grep -qx -- '---' && grep -q '^title: \"郑州高新国家自创区' '$f'"
	# exporting again updates the same file, even renamed, keeping what
	# the user wrote below the marker
	check "export: the file ends with the keep-marker" \
		sh -c "tail -1 '$f' | grep -qx -- '<!-- kanbao: your text below is kept -->'"
	mv "$f" "$TD/home/kanbao-export/我的笔记.md"
	printf '我自己写的一行\n' >>"$TD/home/kanbao-export/我的笔记.md"
	keys e
	expect "export: e asks again" wait_text "kanbao-export/"
	keys Enter
	expect "export: exporting again updates the renamed file" \
		wait_status 'updated 1 article in .*我的笔记.md \(your text kept\)'
	check "export: still one file" test "$(ls "$TD"/home/kanbao-export/ | wc -l)" = 1
	check "export: the user's line kept" grep -qx '我自己写的一行' "$TD/home/kanbao-export/我的笔记.md"
	keys s
	type_text "郑州"
	keys Enter
	expect "export: search results listed" wait_text "search: 郑州"
	keys e
	expect "export: e on the results offers to export them all" wait_re 'export [0-9]+ articles to'
	keys C-u
	type_text "$TD/results.md"
	keys Enter
	expect "export: the results document is written" wait_status 'exported [0-9]+ articles to'
	check "export: one document with a table of contents" grep -q '^## Contents' "$TD/results.md"
	check "export: titled by the search" grep -qx 'title: "search 郑州"' "$TD/results.md"
	keys e C-u
	type_text "$TD/docs/"
	keys Enter
	expect "export: into a new folder: created, the document named by the search" \
		wait_status 'exported [0-9]+ articles to .*/docs/search 郑州.md'
	screen_ok "after exports" --panes 3
	keys q q
	check "export: q q quits" wait_exit
}

# (15) Undo through a highlight's deletion: make two highlights, delete the
# first in the notes pane, undo the deletion (it comes back with a new id),
# then undo both highlights: none is left in the library.
scenario_undo_highlight() {
	open_samples undohl 120 40
	keys j j Enter
	expect "undo-hl: the second article is open" wait_status '^\[article\] 2/5'
	local id
	id=$(article_id 1)
	keys v l l h
	expect "undo-hl: the first highlight's note prompt" wait_text "note for the highlight"
	keys Enter
	expect "undo-hl: first highlight saved" wait_status 'highlight saved'
	keys v l l l l h
	expect "undo-hl: the second highlight's note prompt" wait_text "note for the highlight"
	keys Enter
	expect "undo-hl: second highlight saved" wait_status 'highlight saved'
	keys Tab
	expect "undo-hl: notes pane" wait_status '^\[notes\]'
	keys d
	expect "undo-hl: d deletes the highlight under the cursor" wait_status 'highlight deleted'
	keys u
	expect "undo-hl: u brings it back" wait_status 'undid highlight deletion'
	keys u
	expect "undo-hl: u undoes the second highlight" wait_status 'undid highlight'
	keys u
	expect "undo-hl: u undoes the first highlight (the one deleted and brought back)" wait_status 'undid highlight'
	kb show "$id" --json
	check "undo-hl: no highlight left in the library" json 'len(d["highlights"]) == 0'
	keys q q
	check "undo-hl: q q quits (the first q back to the list)" wait_exit
}

# make_editions DIR N [PAGES]: N one-article editions, PAGES (default
# eight) pages a day from 2000-01-01 (2000-01-01_p01.txt ...), each
# headline naming its place.
make_editions() {
	python3 - "$1" "$2" "${3:-8}" <<'PY'
import datetime, os, sys
d, n, pages = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(d, exist_ok=True)
for k in range(n):
    day = datetime.date(2000, 1, 1) + datetime.timedelta(days=k // pages)
    name = f"{day}_p{k % pages + 1:02d}.txt"
    with open(os.path.join(d, name), "w", encoding="utf-8") as f:
        f.write(f"第{k + 1}份版面的标题\n\n本报讯 这是第{k + 1}份版面唯一的文章，日期{day}。\n")
PY
}

# (n) A library larger than the list's window (300 issues of two pages, 600
# editions; the window holds a few screens of issues and reads the rest as
# the cursor comes): the count and the rows stay right across the window's
# edges, at both ends and back. Issue i (newest first) is the day
# 2000-01-01 + (300 - i) days, its pages editions 2(300 - i) + 1 and + 2.
scenario_paging() {
	START_GATE=1 start paging 120 40
	make_editions "$TD/eds" 600 2
	kb import "$TD/eds"
	check "paging: 600 editions imported" test "$rc" = 0
	go
	# the first time, the reader shows the newest issue's first unread article
	expect "paging: the first screen: the newest issue, 1 of 300" wait_re '^>Issues  1/300 '
	expect "paging: the cursor on its first page's row (edition 599)" \
		wait_cursor 0 33 "  - 第1版 第599份版面的标题"
	expect "paging: its first article shown" wait_in 34 93 "第599份版面的标题"
	keys Enter
	expect "paging: Enter folds that page" wait_re '^  \+ 第1版 第599份'

	keys G
	expect "paging: G goes to the last issue, 300/300" wait_re '^>Issues  300/300 '
	expect "paging: and shows it (2000-01-01), the cursor on it" \
		wait_cursor 0 33 "+ 2000-01-01 周六 2版"
	screen_ok "paging: the library's end" --panes 3
	for _ in $(seq 10); do keys k; done
	expect "paging: ten k up from the end: 290/300" wait_re '^>Issues  290/300 '
	expect "paging: the cursor on that issue (2000-01-11)" wait_cursor 0 33 "+ 2000-01-11 周二 2版"
	keys g
	expect "paging: g back at the start: 1/300" wait_re '^>Issues  1/300 '
	# row 0 the first issue, rows 1 and 2 its pages (unfolded), row r its
	# issue r - 1
	local i
	for i in $(seq 25); do keys j j j j j j j j j j; done
	expect "paging: 250 j down, across the window's edges: 249/300" wait_re '^>Issues  249/300 '
	expect "paging: the row there is that place's (issue 249 is 2000-02-21)" \
		wait_cursor 0 33 "+ 2000-02-21 周一 2版"
	for i in $(seq 25); do keys k k k k k k k k k k; done
	expect "paging: 250 k back up: 1/300" wait_re '^>Issues  1/300 '
	expect "paging: the first issue is there again" wait_cursor 0 33 "- 2000-10-26 周四 2版"
	expect "paging: still unfolded, its pages under it (kept out of the window and back)" \
		wait_re '^  \+ 第2版 第600份'
	for i in $(seq 20); do keys NPage; done
	keys G
	for i in $(seq 20); do keys PPage; done
	keys g
	expect "paging: pages down, G, pages up, g: 1/300 again" wait_re '^>Issues  1/300 '
	# a search hitting every edition: newest first, counted from the index
	keys s
	type_text 版面
	keys Enter
	expect "paging: search 版面 counts its 600 results" wait_re '^>search: 版面 \(600\)'
	expect "paging: newest first (the 600th edition's article on top, with its date and page)" wait_re '2000-10-26 第2版 +第600份'
	expect "paging: the title places the cursor: 1/600" wait_re '^>search: 版面 \(600\)  1/600 '
	keys G
	expect "paging: G in the results: 600/600" wait_re '\(600\)  600/600 '
	expect "paging: the oldest at the end" wait_re '2000-01-01 第1版 +第1份'
	for i in $(seq 10); do keys k k k k k k k k k k; done
	expect "paging: 100 k up: result 500/600" wait_re '\(600\)  500/600 '
	expect "paging: that row is the 101st edition's" wait_re '2000-02-20 第1版 +第101份'
	keys q
	expect "paging: q leaves the results" wait_re '^>Issues  1/300 '
	expect "paging: the cursor back where it was (the first issue)" \
		wait_cursor 0 33 "- 2000-10-26 周四 2版"
	keys q
	check "paging: q quits" wait_exit
}

# (n) kanbao DIR on a library that holds DIR already: the reader opens at
# once, the check runs behind it, and an edition added to DIR meanwhile
# appears in the list when the check ends, with a message saying so.
scenario_check() {
	local eds=$TMP_ROOT/check-eds
	mkdir -p "$eds"
	cp "$SAMPLES"/*.txt "$eds"/
	START_GATE=1 start check 120 40 -- "$eds"
	kb import "$eds"
	check "check: the samples were imported beforehand" test "$rc" = 0
	printf '背景检查新增的文章\n\n本报讯 这一篇在阅读器打开时才加入目录。\n' >"$eds/2030-01-01_p01.txt"
	go
	expect "check: the first screen shows the library" wait_text "${T0:0:8}"
	expect "check: the status says what the check found (6 files, 1 new)" \
		wait_status 'checked 6 files: 1 new'
	expect "check: the new edition is in the list: its issue, the newest, on top" \
		wait_re '^\+ 2030-01-01 周二 1版 +1/1\|'
	expect "check: the issues counted again (the samples' now second: 2/2)" wait_re '^>Issues  2/2 '
	expect "check: the cursor stays on its row (the first sample edition's)" \
		wait_cursor 0 33 "  - ${T0:0:10}"
	screen_ok "check: after the background check" --panes 3
	kb list --json
	check "check: the library holds the 16 articles" json 'len(d) == 16'
	keys q
	check "check: q quits" wait_exit
	check "check: exit status 0" test "$(exit_status)" = 0
	rm -rf "$eds"
}

# (n) Pane titles: what each pane shows and the place in it, the focused
# one marked; a first start previews the first article, moving the cursor
# onto an article previews it (not read); Enter reads it; with no article
# at all the article pane says so; a message longer than the status line
# is shown whole.
scenario_titles() {
	open_samples titles 120 40
	expect "titles: the list's title counts the issues, focused (>)" wait_re '^>Issues  1/1 '
	expect "titles: the issue row counts its unread articles (15 of 15)" wait_re '^- .* 15/15\|'
	expect "titles: each edition row counts its unread articles (5 of 5)" wait_re '^  - .* 5/5\|'
	expect "titles: the last edition's: 1 of 1" wait_re '^  \+ .* 1/1\|'
	expect "titles: the notes pane's title" wait_text "Tags · Note · Highlights"
	expect "titles: the first start previews the first article in the article pane" wait_in 34 93 "$T0"
	expect "titles: the article's title gives its edition and how far it is read" \
		wait_re '\| 000_0a7de6b0a5fb8a92\.txt  [0-9]+% '
	kb list --json
	check "titles: a preview does not mark the article read" \
		json 'not any(r["read"] for r in d)'
	# the cursor starts on the edition's row: j onto its first article, j
	# onto the second
	keys j j
	expect "titles: j onto an article previews it in the article pane" wait_in 34 93 "$T1"
	keys k
	expect "titles: k onto the first article previews it again" wait_in 34 93 "$T0"
	kb list --json
	check "titles: previews do not mark the articles read" \
		json 'not any(r["read"] for r in d)'
	keys j
	expect "titles: the next j previews the next article" wait_in 34 93 "$T1"
	keys Enter
	expect "titles: Enter focuses the article, its title marked" wait_re '\|>000_0a7de6b0a5fb8a92\.txt'
	kb list --json
	check "titles: opened, it is not read before its end was shown" \
		json '[r["read"] for r in d][:2] == [False, False]'
	keys G
	expect "titles: G shows the end: 100%" wait_re '\|>000_0a7de6b0a5fb8a92\.txt  100% '
	expect "titles: the edition's count follows at once (4 of 5)" wait_re '^  - .* 4/5\|'
	expect "titles: and its issue's (14 of 15)" wait_re '^- .* 14/15\|'
	kb list --json
	check "titles: its end shown, it is read (the second article, not the first)" \
		json '[r["read"] for r in d][:2] == [False, True]'
	screen_ok "titles: three panes with titles" --panes 3
	keys q
	expect "titles: q in the article goes back to the list" wait_status '^\[list\]  q again: quit'
	check "titles: and does not quit" test ! -e "$TD/rc"
	keys q
	check "titles: q in the list quits" wait_exit
	# a message wider than the status line is shown whole on the line above
	open_samples titles-narrow 60 20 # (the editions listed: imported behind the screen)
	keys j Enter
	expect "titles: an article open at 60 columns" wait_status '^\[article\]'
	keys v
	expect "titles: at 60 columns the selection's message starts on the line above" \
		wait_re "^selecting 1 character, yellow: "
	expect "titles: and ends whole (Esc cancel)" wait_text "Esc cancel"
	# the line above, then the rest after the status line's head: the
	# message of src/ui/caret.c once, nothing lost or doubled (spaces
	# aside: capture-pane drops a line's trailing ones)
	local msg='selecting 1 character, yellow: ←→ w b ) ( } { j k move, o other end, c colour, h highlight, Esc cancel'
	local shown
	shown=$(capture | sed -n "$((H - 1))p;${H}p" | sed '2s/^\[article\] v…  //' | tr -d ' \n')
	check "titles: the two lines hold the message whole, nothing doubled (got: $shown)" \
		test "$shown" = "${msg// /}"
	screen_ok "titles: a long message at 60x20"
	keys Escape q q
	check "titles: q q quits (the first q back to the list) (60x20)" wait_exit
	# an empty library: no issue to place, no article to show
	start titles-empty 120 20 --
	expect "titles: an empty library: the list's title has no place" wait_re '^>Issues +\| '
	expect "titles: the article pane has none open" wait_re '\| Article '
	keys q
	check "titles: q quits (empty library)" wait_exit
}

# (n) C-z suspends kanbao to the shell that started it (the terminal as it
# was), fg brings the same screen back.
scenario_suspend() {
	START_GATE=1 start suspend 100 30 -- "$SAMPLES"
	tm kill-session -t "$SESSION" 2>/dev/null
	tm new-session -d -s "$SESSION" -x 100 -y 30 "env -i PATH=$PATH HOME=$TD/home bash --norc --noprofile -i"
	sleep 0.3
	keys "env -u KANBAO_DB HOME=$TD/home XDG_CONFIG_HOME=$TD/config XDG_DATA_HOME=$TD/data LANG=C.UTF-8 TERM=xterm-256color $KANBAO --db $TD/db $SAMPLES" Enter
	expect "suspend: the reader runs under a shell" wait_re '^>Issues  1/1 '
	keys C-z
	expect "suspend: C-z gives the shell back (job stopped)" wait_text "Stopped"
	keys "fg" Enter
	expect "suspend: fg brings the reader back" wait_re '^>Issues  1/1 '
	screen_ok "suspend: the screen after fg" --panes 3
	keys q
	expect "suspend: q quits to the shell" wait_gone ">Issues"
}

# (n) f narrows the list with the query syntax of `kanbao list`: words,
# tag:X, -tag:X, date:, page:, paper:, unread; each count equals what the
# command line lists; a mistyped term is said and changes nothing.
scenario_narrow_query() {
	START_GATE=1 start narrowq 120 40 -- "$SAMPLES"
	kb import "$SAMPLES"
	local id1 id2
	id1=$(article_id 1)
	id2=$(article_id 5)
	kb tag "$id1" "$id2" -- 重要
	kb tag "$id2" -- 待核
	go
	wait_re '^\[list\]'
	keys f
	expect "narrow: f asks for a query" wait_text "narrow (words tag:X"
	type_text "tag:重要"
	keys Enter
	expect "narrow: tag:重要 lists its 2 articles" wait_re '^>filter: tag:重要 \(2\)'
	keys f
	type_text "tag:重要 -tag:待核"
	keys Enter
	# (the query cut to leave its count and the place in sight)
	expect "narrow: tag:重要 -tag:待核 leaves 1" wait_re '^>filter: tag:重要 -ta… \(1\)  1/1 '
	kb list "高新区" unread --json
	local n
	n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$TD/out")
	keys f
	type_text "高新区 unread"
	keys Enter
	expect "narrow: words and unread: the count kanbao list gives ($n)" \
		wait_re "^>filter: 高新区 unr… \\($n\\)  1/$n "
	keys f
	type_text "date:2021-13"
	keys Enter
	expect "narrow: a bad date is said" wait_text "not a month"
	expect "narrow: and the list stays as it was" wait_re "^>filter: 高新区 unr… \\($n\\)  1/$n "
	keys f Enter
	expect "narrow: an empty query lists the tree again" wait_re '^>Issues  1/1 '
	expect "narrow: all editions in it (the samples' issue, 15 articles)" \
		wait_re '^- \(no date\) 5 editions +15/15\|'
	screen_ok "narrow: back to all" --panes 3
	keys q
	check "narrow: q quits" wait_exit
}

# (n) The first time, the reader shows the newest issue's first unread
# article; ] and [ open the next and previous unread articles in the
# tree's order (the newest issue first, its pages in order, then the older
# issue's); quitting and starting again reopens the last article. The 16
# editions are two issues: 2000-01-02 (editions 9..16) and 2000-01-01 (1..8).
scenario_places() {
	START_GATE=1 start places 120 40
	make_editions "$TD/eds" 16
	kb import "$TD/eds"
	go
	expect "places: first start: the newest issue (1 of 2)" wait_re '^>Issues  1/2 '
	expect "places: the cursor on its first page's row (edition 9)" \
		wait_cursor 0 33 "  - 第1版 第9份版面的标题"
	expect "places: its first article is shown" wait_in 34 93 "第9份版面的标题"
	kb list --json
	check "places: shown, not read" json 'not any(r["read"] for r in d)'
	keys ]
	expect "places: ] opens the next unread article (edition 10)" wait_in 34 93 "第10份版面的标题"
	# (the article's row: its title after the read mark's place; the page
	# row reads 第2版 第10份…)
	expect "places: and moves the list's cursor onto it" wait_cursor 0 33 "  第10份版面的标题"
	expect "places: in the same issue (1/2)" wait_re '^>Issues  1/2 '
	keys ] ]
	expect "places: ] ] reaches edition 12" wait_in 34 93 "第12份版面的标题"
	kb list --json
	check "places: ] read 10, 11 and 12" \
		json '[r["read"] for r in d] == [False] * 9 + [True] * 3 + [False] * 4'
	keys [
	expect "places: [ goes back to the previous unread (edition 9: shown, never read)" \
		wait_in 34 93 "第9份版面的标题"
	kb list --json
	check "places: [ opened it: read now" json 'd[8]["read"]'
	keys ] ] ] ]
	expect "places: ] ] ] ] reach the newest issue's last page (edition 16)" \
		wait_in 34 93 "第16份版面的标题"
	keys ]
	expect "places: the next ] goes on to the older issue's first page (edition 1)" \
		wait_in 34 93 "第1份版面的标题"
	expect "places: the list in the older issue (2/2)" wait_re '^>Issues  2/2 '
	expect "places: the cursor on edition 1's article" wait_cursor 0 33 "  第1份版面的标题"
	keys ] ] ] ] ] ] ] ]
	expect "places: past the last unread ] says so" wait_status 'no unread article after'
	expect "places: the last unread (edition 8, the older issue's last page) stays shown" \
		wait_in 34 93 "第8份版面的标题"
	kb list --json
	check "places: every article read" json 'all(r["read"] for r in d)'
	keys C-c
	check "places: C-c quits" wait_exit
	check "places: the place is kept" test -s "$TD/home/.local/state/kanbao/places"
	# the same library again: the last article, the list at its issue
	local td=$TD
	START_GATE=1 start places2 120 40
	cp -r "$td/home/.local" "$TD/home/"
	cp "$td/db" "$TD/db"
	# the same library (a place is kept by the library's path)
	sed -i "s|^$td/db\t|$TD/db\t|" "$TD/home/.local/state/kanbao/places"
	go
	expect "places: started again, the last article is shown" wait_in 34 93 "第8份版面的标题"
	expect "places: the list at its issue (2/2)" wait_re '^>Issues  2/2 '
	expect "places: the cursor on its article's row" wait_cursor 0 33 "  第8份版面的标题"
	keys C-c
	check "places: C-c quits again" wait_exit
}

# (n) read-after SECONDS: an article opened for reading is read after that
# long even when its end was not shown; a preview never is.
scenario_dwell() {
	START_GATE=1 start dwell 120 40
	mkdir -p "$TD/config/kanbao"
	printf 'read-after 1\n' >"$TD/config/kanbao/config"
	kb import "$SAMPLES"
	go
	wait_re '^\[list\]'
	keys j j
	expect "dwell: the second article previewed" wait_in 34 93 "$T1"
	sleep 1.5
	kb list --json
	check "dwell: a preview is not read, however long it shows" \
		json '[r["read"] for r in d][:2] == [False, False]'
	keys Enter
	kb list --json
	check "dwell: opened, not read at once (its end not shown)" \
		json '[r["read"] for r in d][:2] == [False, False]'
	sleep 1.5
	kb list --json
	check "dwell: read after the second (read-after 1)" \
		json '[r["read"] for r in d][:2] == [False, True]'
	keys C-c
	check "dwell: C-c quits" wait_exit
}

# (n) Folding, on the samples' one issue (undated, 5 editions): → (or l)
# unfolds the row under the cursor, ← folds the one it is in (on a folded
# row: the level above), z folds them all; r on an edition row marks all
# its articles read (and unread again), on the issue row all the issue's,
# the counts following.
scenario_fold() {
	open_samples fold 120 40
	expect "fold: the issue unfolded at start" wait_re '^- \(no date\) 5 editions +15/15\|'
	expect "fold: and its first edition" wait_re '^  - .* 5/5\|'
	keys j j Left
	expect "fold: ← in an article folds its edition" wait_re '^  \+ .* 5/5\|'
	expect "fold: the cursor on the edition's row" wait_cursor 0 33 "  + ${T0:0:10}"
	check "fold: its articles gone from the list" gone_in 0 33 "${T1:0:8}"
	keys Right
	expect "fold: → unfolds it again" wait_re '^  - .* 5/5\|'
	expect "fold: its articles listed again" wait_in 0 33 "    *  ${T1:0:8}"
	keys G Right
	expect "fold: → on the last edition unfolds it" wait_re '^  - .* 1/1\|'
	expect "fold: its article under it" wait_in 0 33 "    *  ${T14:0:8}"
	keys Left Left
	expect "fold: ← on a folded edition folds the issue" wait_re '^\+ \(no date\) 5 editions +15/15\|'
	expect "fold: the cursor on the issue's row" wait_cursor 0 33 "+ (no date) 5 editions"
	check "fold: no edition listed under it" gone_in 0 33 "${T14:0:8}"
	keys l
	expect "fold: l unfolds the issue" wait_re '^- \(no date\) 5 editions'
	expect "fold: its editions as they were: the first unfolded" wait_re '^  - .* 5/5\|'
	expect "fold: the last folded" wait_re '^  \+ 高新区举行.* 1/1\|'
	keys z
	expect "fold: z folds every issue" wait_re '^\+ \(no date\) 5 editions'
	check "fold: and every edition (none unfolded in the list)" gone_in 0 33 "- "
	check "fold: no edition row left" gone_in 0 33 "${T0:0:8}"
	keys g l
	expect "fold: l on a folded issue unfolds it" wait_re '^- \(no date\) 5 editions'
	expect "fold: z folded its editions too (all five listed folded)" wait_re '^  \+ 高新区举行'
	check "fold: none unfolded" gone_in 0 33 "  - "
	keys l
	expect "fold: l again steps onto its first edition" wait_cursor 0 33 "  + ${T0:0:10}"
	keys r
	expect "fold: r on an edition row marks its 5 articles read" wait_status '5 articles marked read'
	expect "fold: its count is 0/5" wait_re '^  \+ .* 0/5\|'
	expect "fold: and its issue's 10/15" wait_re '^- .* 10/15\|'
	kb list --json
	check "fold: the store has the 5 read" json 'sum(r["read"] for r in d) == 5'
	keys r
	expect "fold: r again marks them unread" wait_re '^  \+ .* 5/5\|'
	expect "fold: the issue's count follows (15/15)" wait_re '^- .* 15/15\|'
	kb list --json
	check "fold: the store has none read" json 'sum(r["read"] for r in d) == 0'
	keys k r
	expect "fold: r on the issue row marks its 15 articles read" wait_status '15 articles marked read'
	expect "fold: the issue's count is 0/15" wait_re '^- .* 0/15\|'
	expect "fold: each edition's too (the last, 0/1)" wait_re '^  \+ 高新区举行.* 0/1\|'
	kb list --json
	check "fold: the store has the 15 read" json 'all(r["read"] for r in d) and len(d) == 15'
	keys r
	expect "fold: r again marks them unread" wait_re '^- .* 15/15\|'
	kb list --json
	check "fold: the store has none read again" json 'not any(r["read"] for r in d)'
	keys q
	check "fold: q quits" wait_exit
}
