# SPDX-License-Identifier: MIT
# Annotating without friction (bylines, batch actions, tags), sourced by
# run.sh. Helpers: lib.sh.

# (n) A byline of several names of one role gives the role once, and its
# lines break only between names (never inside 郑报全媒体记者).
scenario_byline() {
	START_GATE=1 start byline 80 24
	kb import "$SAMPLES"
	# (article ids are stable: made from the file's name and the text)
	mkdir -p "$TD/home/.local/state/kanbao"
	printf '%s\t%s\t0\n' "$TD/db" 2pb2t5j6qnyq >"$TD/home/.local/state/kanbao/places"
	go
	expect "byline: the role once, the names after it" \
		wait_re '\|郑报全媒体记者 张昕 王莹 王际宾'
	check "byline: the role never repeated" eval '! capture | grep -q "王莹 郑报全媒体记者\|张昕  郑报"'
	check "byline: its lines break between names (the next line starts with a whole name)" \
		eval 'capture | grep -Eq "\|(董艳竹|赵文静|毛小玺|王际宾|张玉东) "'
	check "byline: never inside the role" eval '! capture | grep -q "郑报全媒体记$"'
	screen_ok "byline: at 80 columns" --panes 2
	keys q
	check "byline: q quits" wait_exit
}

# locate TEXT: "ROW COL" (1-based, as the mouse reports them) of the
# first character of TEXT on the screen, by display columns.
locate() {
	capture | python3 -c '
import sys, unicodedata
t = sys.argv[1]
for y, line in enumerate(sys.stdin.read().split("\n")):
    i = line.find(t)
    if i >= 0:
        col = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line[:i])
        print(y + 1, col + 1)
        break' "$1"
}

# (n) The caret: a sentence in the middle of a paragraph highlighted by
# keyboard (the caret where the reader looks, ) ) to it, v ) through it,
# h), then by a mouse drag over it; o swaps the selection's ends.
scenario_caret() {
	START_GATE=1 start caret 120 40
	kb import "$SAMPLES"
	mkdir -p "$TD/home/.local/state/kanbao"
	printf '%s\t%s\t0\n' "$TD/db" dnmer68nt767 >"$TD/home/.local/state/kanbao/places"
	go
	expect "caret: the article shown" wait_in 34 93 "$T0"
	keys Tab
	expect "caret: the article focused" wait_status '^\[article\]'
	local s3=这是一次具有里程碑意义的重要会议。
	keys ')' ')' v ')'
	expect "caret: v ) after two sentence steps selects the third sentence" \
		wait_status 'selecting 17 characters'
	keys o
	expect "caret: o swaps the ends (the same 17 characters)" wait_status 'selecting 17 characters'
	keys h
	expect "caret: h asks for the highlight's note" wait_text "note"
	keys Enter
	expect "caret: the highlight is saved" wait_status 'highlight saved'
	kb show dnmer68nt767 --json
	check "caret: the store has the third sentence, exactly" \
		json "[h['quote'] for h in d['highlights']] == ['$s3']"
	keys u
	expect "caret: u takes it back" wait_status 'undid highlight'
	# the same sentence by a mouse drag, from its first character to its last
	local from to
	from=$(locate 这是一次具有)
	to=$(locate 重要会议。)
	check "caret: the sentence is on the screen" test -n "$from" -a -n "$to"
	set -- $from $to
	local r1=$1 c1=$2 r2=$3 c2=$(($4 + 8)) # 重要会议 is 8 columns: its 。
	type_text $'\e[<0;'"$c1;$r1"'M'
	type_text $'\e[<32;'"$((c1 + 6));$r1"'M'
	type_text $'\e[<32;'"$c2;$r2"'M'
	type_text $'\e[<0;'"$c2;$r2"'m'
	expect "caret: a drag selects from where it went down to where it ended" \
		wait_status 'selecting 17 characters'
	keys h Enter
	expect "caret: h saves the dragged selection" wait_status 'highlight saved'
	kb show dnmer68nt767 --json
	check "caret: the store has the same sentence from the drag" \
		json "[h['quote'] for h in d['highlights']] == ['$s3']"
	screen_ok "caret: after highlighting" --panes 3
	keys Escape q q
	check "caret: q q quits" wait_exit
	check "caret: exit status 0" test "$(exit_status)" = 0
}

# (n) Batch tagging is one action: T tags every result of a search of
# 5,000 hits (no cap) in one transaction, says the true count, and one u
# takes all of it back (C-r does it again); -tag in the same line untags.
scenario_batch() {
	START_GATE=1 start batch 120 40
	python3 - "$TD/eds" <<'PY'
import datetime, os, sys
d = sys.argv[1]
os.makedirs(d, exist_ok=True)
for k in range(5000):
    day = datetime.date(2000, 1, 1) + datetime.timedelta(days=k // 8)
    with open(os.path.join(d, f"{day}_p{k % 8 + 1:02d}.txt"), "w", encoding="utf-8") as f:
        f.write(f"第{k + 1}份版面的标题\n\n本报讯 这是第{k + 1}份版面唯一的文章，日期{day}。\n")
PY
	kb import "$TD/eds"
	check "batch: 5,000 editions imported" test "$rc" = 0
	go
	wait_re '^>Issues '
	keys s
	type_text 版面
	keys Enter
	expect "batch: the search counts 5,000 results" wait_re '^>search: 版面 \(5000\)'
	keys T
	expect "batch: T asks for the tags" wait_text "tag every listed article"
	type_text 全部
	keys Enter
	expect "batch: T says the true count" wait_status 'tagged 5000 of 5000 with 全部' 300
	kb list tag:全部 --json
	check "batch: the store has all 5,000 tagged" json 'len(d) == 5000'
	keys u
	expect "batch: one u takes it all back" wait_status 'undid tagging 5000 articles with 全部' 300
	kb list tag:全部 --json
	check "batch: nothing left" json 'len(d) == 0'
	keys C-r
	expect "batch: C-r does it again" wait_status 'redid tagging 5000 articles with 全部' 300
	kb list tag:全部 --json
	check "batch: 5,000 tagged again" json 'len(d) == 5000'
	keys T
	type_text " -全部 前五千" # (a leading space: tmux takes a leading - for an option)
	keys Enter
	expect "batch: -tag untags all and a tag tags all, in one line" \
		wait_status 'untagged 5000 of 5000 of 全部; tagged 5000 of 5000 with 前五千' 300
	keys u
	expect "batch: one u undoes the line" wait_status 'undid' 300
	kb list tag:全部 --json
	check "batch: the untagged tag is back on all" json 'len(d) == 5000'
	kb list tag:前五千 --json
	check "batch: the added one gone" json 'len(d) == 0'
	keys q q
	check "batch: q q quits" wait_exit
	check "batch: exit status 0" test "$(exit_status)" = 0
}

# (n) Tags in one prompt: t adds and -tag removes (one u takes the line
# back); quick tags 1-9 hold the most used tags when the config sets none,
# and the help says which.
scenario_tagline() {
	START_GATE=1 start tagline 120 40
	kb import "$SAMPLES"
	local i1 i2 i3 i4
	i1=$(article_id 1)
	i2=$(article_id 2)
	i3=$(article_id 3)
	i4=$(article_id 4)
	kb tag "$i2" "$i3" "$i4" -- 重要
	kb tag "$i3" "$i4" -- 待核
	kb tag "$i1" -- 待核
	mkdir -p "$TD/home/.local/state/kanbao"
	printf '%s\t%s\t0\n' "$TD/db" "$i1" >"$TD/home/.local/state/kanbao/places"
	go
	expect "tagline: the article shown (the second of the list)" wait_in 34 93 "$T1"
	keys t
	expect "tagline: t says -tag removes" wait_text "-tag removes"
	expect "tagline: the tags show above the prompt with their counts, most used first" \
		wait_re '^ 待核 3  重要 3$'
	type_text "人物 焦点 -待"
	expect "tagline: while typing, those the word completes to (after -, the tag's)" \
		wait_re '^ 待核 3$'
	type_text "核"
	keys Enter
	expect "tagline: one line adds two tags and removes one, said" \
		wait_status 'tagged 人物 焦点; untagged 待核 \(saved\)'
	kb show "$i1" --json
	check "tagline: the store has 人物 and 焦点, not 待核" json 'sorted(d["tags"]) == ["人物", "焦点"]'
	keys u
	expect "tagline: one u takes the whole line back" wait_status 'undid 2 tags, 1 untag'
	kb show "$i1" --json
	check "tagline: back to 待核 alone" json 'd["tags"] == ["待核"]'
	keys t
	type_text 待核
	keys Enter
	expect "tagline: a tag it has already is said, not done again" wait_status '待核 as it was'
	keys u
	kb show "$i1" --json
	check "tagline: so u cannot take away what was there" json 'd["tags"] == ["待核"]'
	keys '?' j j j # (the quick tags' line is below the first screen)
	expect "tagline: the help names the quick tags (the most used first)" \
		wait_re '1-9 .*: 1 待核 2 重要'
	keys q 2
	expect "tagline: 2 toggles the second most used tag (重要)" wait_status 'tagged 重要'
	kb show "$i1" --json
	check "tagline: the store has it" json 'sorted(d["tags"]) == ["待核", "重要"]'
	# a paste into the prompt comes whole: its line break is a space and
	# does not end the prompt
	keys t
	expect "tagline: t opens the prompt again" wait_text "-tag removes"
	printf '甲乙\n丙丁\n' >"$TD/tagpaste.txt"
	tm load-buffer -b tagpaste "$TD/tagpaste.txt"
	tm paste-buffer -p -d -b tagpaste -t "$SESSION"
	expect "tagline: a pasted line break is a space in the prompt, which stays open" \
		wait_re '^tag \(spaces between.*: 甲乙 丙丁$'
	keys Enter
	expect "tagline: Enter tags with both pasted words" wait_status 'tagged 甲乙 丙丁'
	kb show "$i1" --json
	check "tagline: the store has the pasted tags" \
		json 'sorted(d["tags"]) == sorted(["待核", "重要", "甲乙", "丙丁"])'
	keys q
	check "tagline: q quits" wait_exit
}

# (n) A highlight revisited: Enter on it in the notes pane shows it in the
# text with the caret on it; Enter again edits its note (saved, searched,
# undone by u).
scenario_hlnote() {
	START_GATE=1 start hlnote 120 40
	kb import "$SAMPLES"
	mkdir -p "$TD/home/.local/state/kanbao"
	printf '%s\t%s\t0\n' "$TD/db" dnmer68nt767 >"$TD/home/.local/state/kanbao/places"
	go
	expect "hlnote: the article shown" wait_in 34 93 "$T0"
	keys Tab ')' ')' v ')' h Enter
	expect "hlnote: a highlight made" wait_status 'highlight saved'
	keys Tab G
	expect "hlnote: the notes pane lists it" wait_text "「这是一次具有"
	keys Enter
	expect "hlnote: Enter shows it in the text" wait_status 'the highlight in the text'
	keys Enter
	expect "hlnote: Enter again opens its note's box" wait_text "the highlight's note"
	type_text 里程碑会议
	keys C-s
	expect "hlnote: the note saved" wait_status "highlight's note saved"
	kb show dnmer68nt767 --json
	check "hlnote: the store has the note on the highlight" \
		json '[h["note"] for h in d["highlights"]] == ["里程碑会议"]'
	kb search 里程碑会议 --json
	check "hlnote: a search finds the article by it" json 'len(d) == 1'
	keys u
	expect "hlnote: u takes the note back" wait_status "undid highlight's note"
	kb show dnmer68nt767 --json
	check "hlnote: no note left" json '[h["note"] for h in d["highlights"]] == [None]'
	keys q q q
	check "hlnote: q quits" wait_exit
	check "hlnote: exit status 0" test "$(exit_status)" = 0
}

# (n) The tag view (#): every tag with its count; R renames (into an
# existing tag: merges), D deletes across the library, each undone by one
# u; Enter lists a tag's articles.
scenario_tagview() {
	START_GATE=1 start tagview 120 40
	kb import "$SAMPLES"
	local i1 i2 i3
	i1=$(article_id 0)
	i2=$(article_id 1)
	i3=$(article_id 2)
	kb tag "$i1" "$i2" "$i3" -- 重要
	kb tag "$i2" "$i3" -- 待核
	go
	wait_re '^>Issues '
	keys '#'
	expect "tagview: # lists the tags with their counts" wait_re '^ +3  重要'
	expect "tagview: and the other" wait_re '^ +2  待核'
	keys g R
	expect "tagview: R asks for the new name" wait_text "rename 待核 to"
	keys C-u
	type_text 已核
	keys Enter
	expect "tagview: renamed across the library, said" wait_status 'renamed 待核 to 已核 on 2 articles'
	kb list tag:已核 --json
	check "tagview: the store has 已核 on the two" json 'len(d) == 2'
	keys u
	expect "tagview: one u renames it back" wait_status 'undid 待核 → 已核'
	kb list tag:待核 --json
	check "tagview: 待核 on the two again" json 'len(d) == 2'
	keys g R C-u
	type_text 重要
	keys Enter
	expect "tagview: into an existing tag: merged" wait_status 'merged 待核 into 重要'
	kb list tag:待核 --json
	check "tagview: 待核 gone" json 'len(d) == 0'
	keys D
	expect "tagview: D asks first" wait_text "delete 重要 from its 3 articles?"
	type_text y
	keys Enter
	expect "tagview: deleted from every article" wait_status 'deleted 重要 from 3 articles'
	kb tags --json
	check "tagview: no tag left" json 'len(d) == 0'
	keys u
	expect "tagview: u brings it back" wait_re '^ +3  重要'
	keys u
	expect "tagview: u again undoes the merge" wait_re '^ +2  待核'
	keys Enter
	expect "tagview: Enter lists the tag's articles" wait_re '^>filter: tag:"待核" \(2\)'
	keys q q
	check "tagview: q q quits" wait_exit
	check "tagview: exit status 0" test "$(exit_status)" = 0
}

# (n) The command line (:): an action by its name, with completion shown
# while typing, a mistyped name answered with the closest, an argument
# answering the action's prompt.
scenario_command() {
	START_GATE=1 start command 120 40
	kb import "$SAMPLES"
	local i1
	i1=$(article_id 0)
	kb tag "$i1" -- 待核
	go
	wait_re '^>Issues '
	keys :
	type_text ta
	expect "command: while typing, the actions the name completes to, with their keys" \
		wait_re '^ tag t  tag-all T  tags #'
	keys C-u
	type_text tgas
	keys Enter
	expect "command: a mistyped name says the closest" \
		wait_status 'no action "tgas"; did you mean "tags"'
	keys :
	type_text tags
	keys Enter
	expect "command: :tags opens the tag view" wait_re '^ +1  待核'
	keys q :
	type_text '搜索' # not a name
	keys C-u
	type_text 'search 郑州'
	keys Enter
	expect "command: :search WORD searches without asking" wait_re '^>search: 郑州 \(12\)'
	keys q :
	type_text 'tag 甲 -待核'
	keys Enter
	expect "command: :tag answers the tag prompt" wait_status 'tagged 甲; untagged 待核'
	kb show "$i1" --json
	check "command: the store has 甲 and not 待核" json 'd["tags"] == ["甲"]'
	keys :
	type_text 'help now'
	keys Enter
	expect "command: an action that asks nothing says its argument is ignored" \
		wait_status 'help takes nothing after it: "now" ignored'
	keys q q q q
	check "command: q quits" wait_exit
}
