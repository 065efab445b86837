# The UI scenarios, sourced by run.sh (each a function scenario_NAME; the
# session is stopped after each). Helpers: lib.sh.

# open_samples NAME W H: start on the samples (imported through the PATH
# argument) and wait for the first screen.
open_samples() {
	start "$1" "$2" "$3" -- "$SAMPLES"
	wait_re '^\[list\]' && wait_text 000_0a7de6b0a5fb8a92
}

# (1) The samples at 120x40: three panes, the first edition unfolded.
scenario_open() {
	open_samples open 120 40
	expect "open: the reader starts with the status line [list]" wait_re '^\[list\]'
	expect "open: the first edition is listed" wait_text "000_0a7de6b0a5fb8a92.txt"
	expect "open: the last edition is listed" wait_text "004_c52dc1dd292ef930.txt"
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
	# G: the last row (edition 004), Enter unfolds it, j Enter opens its article
	keys G Enter
	keys j Enter
	expect "nav: G, Enter, j, Enter opens the last edition's article" wait_text "$T14"
	expect "nav: status names edition 004, 1/1" wait_status '004_c52dc1dd292ef930.txt.* 1/1'
	screen_ok "long article, top" --panes 3
	keys Space
	expect "nav: space pages the article down (the title scrolls away)" wait_gone "$T14"
	screen_ok "long article, paged" --panes 3
	keys g
	expect "nav: g back to the top" wait_text "$T14"
	keys NPage
	expect "nav: PgDn pages down" wait_gone "$T14"
	keys PPage
	expect "nav: PgUp pages up" wait_text "$T14"
	keys G
	expect "nav: G goes to the bottom of the article" wait_gone "$T14"
	screen_ok "long article, bottom" --panes 3
	keys BTab g
	expect "nav: g in the list goes to the first row" wait_status '^\[list\]'
	keys j j Enter
	expect "nav: g, j, j, Enter opens the second article" wait_text "$T1"
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
	expect "tag: the status line shows #重要" wait_status '#重要'
	screen_ok "tagged" --panes 3
	kb list --tag 重要 --json
	check "tag: list --tag 重要 (while the reader runs) has the article" \
		json "[a['id'] for a in d] == ['$id']"
	keys q
	check "tag: q quits" wait_exit
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
	expect "search: the results replace the list" wait_re '^search: 郑州 \([0-9]+\)'
	expect "search: a matching title in the results" wait_text "中国(郑州)黄河文化月"
	expect "search: status line shows results" wait_status 'results'
	screen_ok "search results" --panes 3
	keys j Enter
	expect "search: Enter opens a result" wait_status '^\[article\]'
	screen_ok "a result opened" --panes 3
	keys BTab q
	expect "search: q leaves the results" wait_status 'back to the editions'
	expect "search: the editions are back" wait_text "000_0a7de6b0a5fb8a92.txt"
	screen_ok "back to the editions" --panes 3
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
	expect "undo: tagged" wait_status '#重要'
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
	expect "undo: C-r brings #重要 back" wait_status '#重要'
	screen_ok "after redo" --panes 3
	kb show "$id" --json
	check "undo: after C-r the tag is back" json "d['tags'] == ['重要']"
}
