# SPDX-License-Identifier: MIT
# The note box (n on an article; issue 12), sourced by run.sh: its frame,
# its rows laid out by display columns at the box's right edge, bracketed
# pastes of 100 KB taken in whole, Esc after a paste, moving about a long
# note. Helpers: lib.sh.

# The note box on the screen, read by one python run per look (python's
# start is the slow part of a wait): box_py frame prints its frame as
# "LEFT TOP RIGHT BOTTOM" (display columns and rows, from 0, of its
# corners), false unless the four corners make a rectangle with lines all
# round (─ along the top and bottom where no title or keys are written, │
# down both sides); box_py line N prints the text inside the frame on its
# N-th row (0: the top line, 1: the first row of text), trailing blanks
# removed; box_py has TEXT is true when a row inside the frame holds TEXT,
# box_py lacks TEXT when the box shows and none does.
box_py() {
	capture | python3 -c '
import sys, unicodedata
rows = []
for line in sys.stdin.read().split("\n"):
    cells, col = {}, 0
    for ch in line:
        cells[col] = ch
        col += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    rows.append(cells)
def frame():
    top = next((y for y, r in enumerate(rows) if "┌" in r.values()), None)
    if top is None:
        return None
    left = next(x for x, c in rows[top].items() if c == "┌")
    right = next((x for x, c in rows[top].items() if c == "┐" and x > left), None)
    bottom = next((y for y in range(top + 1, len(rows)) if rows[y].get(left) == "└"), None)
    if right is None or bottom is None or rows[bottom].get(right) != "┘":
        return None
    for y in range(top + 1, bottom):
        if rows[y].get(left) != "│" or rows[y].get(right) != "│":
            return None
    for y in (top, bottom):
        line = [rows[y].get(x, " ") for x in range(left + 1, right)]
        if line[0] != "─" or line[-1] != "─" or line.count("─") < (right - left) // 3:
            return None
    return left, top, right, bottom
def inside(y, left, right):
    out, x = [], left + 1
    while x < right:
        ch = rows[y].get(x)
        if ch is not None:
            out.append(ch)
        x += 1
    return "".join(out).rstrip(" ")
f = frame()
if f is None:
    sys.exit(1)
left, top, right, bottom = f
mode = sys.argv[1]
if mode == "frame":
    print(left, top, right, bottom)
elif mode == "line":
    print(inside(top + int(sys.argv[2]), left, right))
else:
    has = any(sys.argv[2] in inside(y, left, right) for y in range(top + 1, bottom))
    sys.exit(0 if has == (mode == "has") else 1)
' "$@"
}
box_frame() { box_py frame; }
box_line() { box_py line "$1"; }
box_has() { box_py has "$1"; }
# wait_frame: until the frame shows.
wait_frame() {
	local i
	for ((i = 0; i < 50; i++)); do
		box_frame >/dev/null && return 0
		sleep 0.05
	done
	return 1
}
# wait_line N TEXT: until row N of the box is TEXT exactly.
wait_line() {
	local i
	for ((i = 0; i < 50; i++)); do
		[ "$(box_line "$1")" = "$2" ] && return 0
		sleep 0.05
	done
	diag "box row $1: '$(box_line "$1")'" "wanted:    '$2'"
	return 1
}
# wait_line_re N ERE: until row N of the box matches ERE.
wait_line_re() {
	local i
	for ((i = 0; i < 50; i++)); do
		box_line "$1" | grep -Eq -- "$2" && return 0
		sleep 0.05
	done
	diag "box row $1: '$(box_line "$1")'"
	return 1
}
# wait_box_has TEXT [TRIES] / wait_box_gone TEXT: until a row inside the
# frame holds TEXT (default 50 looks) / the box shows and no row does.
wait_box_gone() {
	local i
	for ((i = 0; i < 50; i++)); do
		box_py lacks "$1" && return 0
		sleep 0.05
	done
	return 1
}
wait_box_has() {
	local i
	for ((i = 0; i < ${2:-50}; i++)); do
		box_has "$1" && return 0
		sleep 0.05
	done
	return 1
}
# paste_file FILE: FILE pasted as a terminal pastes it, between the
# bracketed paste marks (tmux adds them once kanbao has asked for them).
paste_file() {
	tm load-buffer -b notebox "$1"
	tm paste-buffer -p -d -b notebox -t "$SESSION"
}

scenario_notebox() {
	open_samples notebox 80 24
	local id id2 f
	id=$(article_id 0)
	id2=$(article_id 1)
	keys j Enter
	expect "notebox: an article is open" wait_status '^\[article\] 1/5'
	keys n
	expect "notebox: n opens the note box" wait_text "C-s save"
	expect "notebox: the box has a frame: four corners, lines all round" wait_frame
	f=$(box_frame)
	check "notebox: at 80x24 the box is 72x14, centred (frame at $f)" test "$f" = "4 5 75 18"
	expect "notebox: its title on the top line" wait_line_re 0 '^─ note ─+$'
	expect "notebox: the keys on the bottom line" wait_line_re 13 '^─ C-s save  Esc cancel ─+$'
	screen_ok "notebox: the empty box"

	# 70 columns inside: a, 一二 and eight 全会吹响 take 69; the next 全
	# would cross the edge, so it begins the second row, whole
	type_text "a一二全会吹响全会吹响全会吹响全会吹响全会吹响全会吹响全会吹响全会吹响全会吹响"
	expect "notebox: a wide character that would cross the right edge begins the next row" \
		wait_line 2 "全会吹响"
	expect "notebox: the first row ends before the edge, one column left blank" \
		wait_line 1 "a一二全会吹响全会吹响全会吹响全会吹响全会吹响全会吹响全会吹响全会吹响"
	check "notebox: the frame whole beside the rows" eval 'box_frame >/dev/null'
	screen_ok "notebox: a row of wide characters at the right edge"
	resize 75 24 # 69 columns inside: the first row exactly full
	expect "notebox: at 75 columns the frame follows" wait_frame
	expect "notebox: a row filled to the last column" \
		wait_line 1 "a一二全会吹响全会吹响全会吹响全会吹响全会吹响全会吹响全会吹响全会吹响"
	expect "notebox: the rest on the next row" wait_line 2 "全会吹响"
	screen_ok "notebox: a row exactly as wide as the box"
	resize 74 24 # 68 inside: 吹 fits, 响 begins the next row
	expect "notebox: at 74 columns the rows are laid out again" \
		wait_line 1 "a一二全会吹响全会吹响全会吹响全会吹响全会吹响全会吹响全会吹响全会吹"
	expect "notebox: 响 whole at the start of the second row" wait_line 2 "响全会吹响"
	check "notebox: the frame whole at 74 columns" eval 'box_frame >/dev/null'
	screen_ok "notebox: a wide character moved down at 74 columns"
	resize 80 24
	keys Escape
	expect "notebox: Esc closes the box" wait_gone "C-s save"
	kb show "$id" --json
	check "notebox: Esc saved nothing" json "not d.get('note')"

	# a bracketed paste of 100 KB: Chinese lines, a tab, control
	# characters (dropped: only the line breaks and the tab are kept)
	python3 -c "
import sys
lines, size, i = [], 0, 0
while size < 100 * 1024:
    i += 1
    l = '第%d行：郑州高新区的笔记，粘贴十万字节。' % i
    if i == 7:
        l += '\tTAB\x01\x07\x1b\x7fCTRL'
    lines.append(l)
    size += len(l.encode()) + 1
lines.append('粘贴结束END')
text = '\n'.join(lines)
open(sys.argv[1], 'w').write(text)
keep = text.replace('\x01', '').replace('\x07', '').replace('\x1b', '').replace('\x7f', '')
open(sys.argv[2], 'w').write(keep)
print(len(lines))
" "$TD/paste.txt" "$TD/expect.txt" >"$TD/nlines"
	local nlines chars
	nlines=$(cat "$TD/nlines")
	chars=$(python3 -c "import sys; print(len(open(sys.argv[1]).read()))" "$TD/expect.txt")
	keys n
	expect "notebox: the box opens again" wait_frame
	paste_file "$TD/paste.txt"
	expect "notebox: a paste of 100 KB is taken in (its last line shows)" wait_box_has '粘贴结束END' 600
	expect "notebox: the top line says the cursor's row of all" \
		wait_re "─ [0-9]+/[0-9]+ ─┐"
	screen_ok "notebox: the box after a paste of 100 KB"
	keys C-s
	expect "notebox: C-s saves the pasted note" wait_status 'note saved' 300
	kb show "$id" --json
	check "notebox: the note saved is the paste whole ($chars characters, $nlines lines)" \
		json "d['note'] == open('$TD/expect.txt').read() and len(d['note']) == $chars"
	check "notebox: the tab kept, the control characters dropped" \
		json "'\tTABCTRL' in d['note'] and not any(c in d['note'] for c in '\x01\x07\x1b\x7f\r')"

	# the 100 KB note: the box opens at its end; PgUp and Up scroll it
	keys n
	expect "notebox: the box opens on the long note, at its end" wait_box_has '粘贴结束END'
	keys PPage PPage
	# 12 rows shown, a page is 11: the rows shown go from the last 12 to
	# 22 rows above those (a line a row)
	expect "notebox: PgUp twice: the end out of sight" wait_box_gone '粘贴结束END'
	expect "notebox: PgUp twice: 22 lines up" wait_box_has "第$((nlines - 33))行"
	check "notebox: PgUp twice: the lines below not shown" eval "! box_has 第$((nlines - 21))行"
	keys Down Down Up C-a
	expect "notebox: the frame whole while scrolling" wait_frame
	screen_ok "notebox: scrolled up in a long note"
	# Home from tmux under TERM=xterm-256color is ESC [ 1 ~, a sequence
	# curses does not know: it came as Esc, which closed the box and threw
	# the text away
	keys Home End
	sleep 0.3
	check "notebox: a key curses does not know (ESC [ 1 ~) leaves the box open" \
		eval 'box_frame >/dev/null && capture | grep -q "C-s save"'
	# a paste after scrolling, then Esc: nothing of it saved
	printf '不要保存的粘贴\n第二行' >"$TD/small.txt"
	paste_file "$TD/small.txt"
	expect "notebox: a paste into the long note shows" wait_box_has '不要保存的粘贴'
	keys Escape
	expect "notebox: Esc closes the box after the paste" wait_gone "C-s save"
	kb show "$id" --json
	check "notebox: Esc after a paste left the note as it was" \
		json "d['note'] == open('$TD/expect.txt').read()"

	# the next article, no note: a paste then Esc saves nothing; a paste
	# in the middle of typed text goes where the cursor is
	keys J
	expect "notebox: J opens the next article" wait_status '^\[article\] 2/5'
	keys n
	expect "notebox: the box opens on the next article" wait_frame
	paste_file "$TD/paste.txt"
	expect "notebox: the paste shows" wait_box_has '粘贴结束END' 600
	keys Escape
	expect "notebox: Esc closes it" wait_gone "C-s save"
	kb show "$id2" --json
	check "notebox: Esc after a paste of 100 KB saved nothing" json "not d.get('note')"
	keys n
	expect "notebox: the box opens empty" wait_line 1 ""
	type_text "开头"
	keys Enter
	type_text "结尾"
	keys Up
	printf '中间\n插入' >"$TD/mid.txt"
	paste_file "$TD/mid.txt"
	expect "notebox: a paste goes in at the cursor" wait_line 1 "开头中间"
	expect "notebox: its line break too" wait_line 2 "插入"
	expect "notebox: the row after it moved down" wait_line 3 "结尾"
	keys C-s
	expect "notebox: saved" wait_status 'note saved'
	kb show "$id2" --json
	check "notebox: the note is the typed text with the paste inside it" \
		json "d['note'] == '开头中间\n插入\n结尾'"
	keys q q
	check "notebox: q q quits" wait_exit
	check "notebox: exit status 0 (got $(exit_status); a sanitizer build fails it on a leak)" \
		test "$(exit_status)" = 0
}
