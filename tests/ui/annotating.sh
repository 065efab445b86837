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
