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
