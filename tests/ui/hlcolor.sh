# SPDX-License-Identifier: MIT
# UI scenario of issue 12: a highlight's colour. Sourced by run.sh (which
# defines the helpers of lib.sh and the titles T0...).

# (o) c on a highlight in the notes pane gives it the next colour (yellow
# red green blue purple), saved at once; u takes one step back.
scenario_hlcolor() {
	START_GATE=1 start hlcolor 120 40
	kb import "$SAMPLES"
	mkdir -p "$TD/home/.local/state/kanbao"
	printf '%s\t%s\t0\n' "$TD/db" dnmer68nt767 >"$TD/home/.local/state/kanbao/places"
	go
	expect "hlcolor: the article shown" wait_in 34 93 "$T0"
	keys Tab ')' ')' v ')' h Enter
	expect "hlcolor: a highlight made" wait_status 'highlight saved'
	keys Tab G
	expect "hlcolor: the notes pane lists it" wait_text "「这是一次具有"
	keys c
	expect "hlcolor: c makes it red" wait_status 'the highlight is red now \(saved\) · u: undo'
	keys c
	expect "hlcolor: c again makes it green" wait_status 'the highlight is green now'
	kb show dnmer68nt767 --json
	check "hlcolor: the store has it green" json 'd["highlights"][0]["color"] == "green"'
	screen_ok "hlcolor: a green highlight drawn" --panes 3
	keys u
	expect "hlcolor: u takes one step back" wait_status "undid highlight's colour"
	kb show dnmer68nt767 --json
	check "hlcolor: red again" json 'd["highlights"][0]["color"] == "red"'
	screen_ok "hlcolor: after the undo" --panes 3
	keys d
	expect "hlcolor: d deletes the red highlight" wait_status 'highlight deleted'
	keys u
	expect "hlcolor: u brings it back" wait_status 'undid highlight deletion'
	kb show dnmer68nt767 --json
	check "hlcolor: back in its colour (red), not yellow" json 'd["highlights"][0]["color"] == "red"'
	# the colour chosen while selecting: c steps it, the status says it
	keys BTab g v w w
	expect "hlcolor: selecting says the colour it will take" wait_status 'selecting [0-9]+ characters, yellow'
	keys c c
	expect "hlcolor: c while selecting steps it (yellow red green)" \
		wait_status 'selecting [0-9]+ characters, green: .*c colour'
	keys h Enter
	expect "hlcolor: the highlight is made in it" wait_status 'highlight saved, green · u: undo'
	kb show dnmer68nt767 --json
	check "hlcolor: the store has the new highlight green" \
		json 'sorted(h["color"] for h in d["highlights"]) == ["green", "red"]'
	keys u
	expect "hlcolor: u takes it away" wait_status 'undid highlight'
	keys C-r
	expect "hlcolor: C-r makes it again" wait_status 'redid highlight'
	kb show dnmer68nt767 --json
	check "hlcolor: made again in its colour" \
		json 'sorted(h["color"] for h in d["highlights"]) == ["green", "red"]'
	keys q
	keys q q q
	check "hlcolor: q quits" wait_exit
	check "hlcolor: exit status 0" test "$(exit_status)" = 0
}
