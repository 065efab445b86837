# SPDX-License-Identifier: MIT
# The reader attacked as a hostile or unlucky user would (issue 9), sourced
# by run.sh after scenarios.sh: bytes that are not UTF-8, a paste of a
# megabyte, terminals it cannot drive, a config that is no file, another
# process re-importing the open edition, SIGKILL after a save. Each
# scenario is named after the failure it guards against and failed on the
# reader before the fix. Helpers: lib.sh.

# (16) One invalid byte froze the reader: after 0xFF, a lone 0x80 or a cut
# sequence E4 B8 every key was ignored (q and C-c too) and an open note box
# lost its text. The bad bytes are dropped; the keys after them work.
scenario_invalid_utf8() {
	open_samples badbytes 120 40
	local id
	id=$(article_id 2)
	bytes ff
	keys j Enter
	expect "invalid-utf8: after a byte 0xFF, j Enter still opens an article" \
		wait_status '^\[article\] 1/5'
	bytes 80
	keys J
	expect "invalid-utf8: after a lone 0x80, J still opens the next article" wait_status ' 2/5'
	bytes e4 b8
	keys J
	expect "invalid-utf8: after a cut sequence E4 B8, J still opens the next" wait_status ' 3/5'
	keys n
	expect "invalid-utf8: n opens the note box" wait_text "C-s save"
	type_text "前文"
	bytes ff 80 e4 b8
	type_text "后文"
	expect "invalid-utf8: the note box keeps its text around the bad bytes (前文后文)" \
		wait_text "前文后文"
	screen_ok "note box after bad bytes"
	keys C-s
	expect "invalid-utf8: C-s still saves the note" wait_status 'note saved'
	kb show "$id" --json
	check "invalid-utf8: the note in the library is the text typed, bad bytes dropped" \
		json "d['note'] == '前文后文'"
	bytes e4
	keys C-c
	check "invalid-utf8: C-c after a cut sequence quits" wait_exit
	check "invalid-utf8: exit status 0 (got $(exit_status))" test "$(exit_status)" = 0
}

# (17) A paste of a megabyte into the note box must not freeze the input
# loop: every key already sent is taken in before the box is painted again.
# tmux sends the paste raw (paste-buffer -p brackets it only for programs
# that ask). No timing is asserted, only that it ends; before the fix each
# character re-wrapped the whole box (17 s for 60 KB).
scenario_paste() {
	open_samples paste 120 40
	local id
	id=$(article_id 0)
	keys j Enter
	expect "paste: an article is open" wait_status '^\[article\] 1/5'
	keys n
	expect "paste: n opens the note box" wait_text "C-s save"
	python3 -c "
import sys
lines, size, i = [], 0, 0
while size < 1 << 20:
    i += 1
    l = '第%d行：郑州高新区的笔记，粘贴一兆字节的文字。' % i
    lines.append(l)
    size += len(l.encode()) + 1
lines.append('粘贴结束END')
open(sys.argv[1], 'w').write('\n'.join(lines))
" "$TD/paste.txt"
	local chars
	chars=$(python3 -c "import sys; print(len(open(sys.argv[1]).read()))" "$TD/paste.txt")
	tm load-buffer -b kbpaste "$TD/paste.txt"
	tm paste-buffer -p -d -b kbpaste -t "$SESSION"
	expect "paste: 1 MiB pasted into the note box is all taken in (its last line shows)" \
		wait_re '粘贴结束END' 1200
	screen_ok "note box after a paste of 1 MiB"
	keys C-s
	expect "paste: C-s saves the pasted note" wait_status 'note saved' 600
	kb show "$id" --json
	check "paste: the note in the library is the whole paste ($chars characters)" \
		json "len(d['note']) == $chars and d['note'].endswith('粘贴结束END')"
	keys Tab
	expect "paste: with the megabyte note shown, keys still answer (Tab)" \
		wait_status '^\[notes\]' 300
	keys q q
	check "paste: q q quits (the first q back to the list)" wait_exit
}

# (18) Terminals the reader cannot drive: TERM=dumb drew only the status
# line; TERM unset ended in ncurses' own "Error opening terminal" and
# leaked under ASan. Now each gets a message saying what to do and exit 1
# (under a sanitizer build a leak would show on the screen and change the
# status).
scenario_term() {
	start term_dumb 80 24 TERM=dumb --
	check "term: TERM=dumb: kanbao exits" wait_exit
	check "term: TERM=dumb: exit status 1 (got $(exit_status))" test "$(exit_status)" = 1
	expect "term: TERM=dumb: the message says the terminal cannot move the cursor" \
		wait_text "(TERM=dumb) cannot move the cursor"
	stop
	START_UNSET=TERM start term_unset 80 24 --
	check "term: TERM unset: kanbao exits" wait_exit
	check "term: TERM unset: exit status 1 (got $(exit_status))" test "$(exit_status)" = 1
	expect "term: TERM unset: the message says TERM is not set" wait_text "TERM is not set"
	check "term: TERM unset: no leak reported (LeakSanitizer)" \
		eval '! capture | grep -q LeakSanitizer'
	stop
	start term_unknown 80 24 TERM=no-such-terminal --
	check "term: an unknown TERM: kanbao exits" wait_exit
	check "term: an unknown TERM: exit status 1 (got $(exit_status))" test "$(exit_status)" = 1
	expect "term: an unknown TERM: the message names it" \
		wait_text "TERM=no-such-terminal is not known here"
	check "term: an unknown TERM: no leak reported (LeakSanitizer)" \
		eval '! capture | grep -q LeakSanitizer'
}

# (19) --config a FIFO blocked the reader before it started; /dev/zero
# grew it to gigabytes. Both are refused with a message naming the file
# and the reader opens with the default settings.
scenario_config_special() {
	local fifo=$TMP_ROOT/config.fifo
	rm -f "$fifo"
	mkfifo "$fifo"
	START_STDERR=1 start config_fifo 120 40 -- --config "$fifo" "$SAMPLES"
	expect "config: --config a FIFO: the reader opens all the same" wait_re '^\[list\]'
	expect "config: --config a FIFO: the reader says so too, on its status line" \
		wait_text "it is a FIFO"
	keys q
	check "config: --config a FIFO: q quits" wait_exit
	check "config: --config a FIFO: the message names it and says it is a FIFO" \
		grep -q "config.fifo: cannot read the config file: it is a FIFO" "$TD/stderr"
	stop
	START_STDERR=1 start config_zero 120 40 -- --config /dev/zero "$SAMPLES"
	expect "config: --config /dev/zero: the reader opens all the same" wait_re '^\[list\]'
	keys q
	check "config: --config /dev/zero: q quits" wait_exit
	check "config: --config /dev/zero: the message names it" \
		grep -q "/dev/zero: cannot read the config file: it is a character device" "$TD/stderr"
	rm -f "$fifo"
}

# (20) After another process re-imported the open edition (its headline
# changed, so the article's id did), a note typed in the reader was
# discarded ("not saved: no article with this id"). It goes to the article
# as re-imported, whether the box was opened after the re-import or was
# open while it happened.
scenario_reimport_note() {
	local ed=$TMP_ROOT/reimport-ed
	rm -rf "$ed"
	mkdir -p "$ed"
	cp "$SAMPLES"/004_c52dc1dd292ef930.txt "$ed/"
	start reimport 120 40 -- "$ed"
	expect "reimport: the reader opens on the edition" wait_text "${T14:0:8}"
	keys j Enter
	expect "reimport: its article is open" wait_in 34 93 "$T14"
	sed -i '3s/誓师大会/誓师动员大会/' "$ed"/004_c52dc1dd292ef930.txt
	kb import "$ed"
	check "reimport: another process re-imports the changed edition" test "$rc" = 0
	keys n
	expect "reimport: n opens the note box" wait_text "C-s save"
	type_text "重新导入后的笔记"
	keys C-s
	expect "reimport: the note typed after a re-import is saved" wait_status 'note saved'
	kb list --json
	check "reimport: the library has the article under its new headline" \
		json "len(d) == 1 and '誓师动员大会' in d[0]['title']"
	local id
	id=$(article_id 0)
	kb show "$id" --json
	check "reimport: the note is on the re-imported article" json "d['note'] == '重新导入后的笔记'"
	keys n
	expect "reimport: n opens the box on that note" wait_text "重新导入后的笔记"
	type_text "再补一句"
	sed -i '3s/誓师动员大会/誓师动员大会（二）/' "$ed"/004_c52dc1dd292ef930.txt
	kb import "$ed"
	check "reimport: the edition is re-imported while the box is open" test "$rc" = 0
	keys C-s
	expect "reimport: the note typed during a re-import is saved" wait_status 'note saved'
	id=$(article_id 0)
	kb show "$id" --json
	check "reimport: the whole note is on the article as re-imported again" \
		json "'（二）' in d['title'] and d['note'] == '重新导入后的笔记再补一句'"
	kb detached --json
	check "reimport: no note was left detached" json "[x for x in d if x['kind'] == 'note'] == []"
	screen_ok "after two re-imports" --panes 3
	rm -rf "$ed"
}

# (21) When the article is truly gone after a re-import (the file now holds
# another page), the note typed is kept in a file, and the status line
# says where; it never lands on an unrelated article.
scenario_reimport_gone() {
	local ed=$TMP_ROOT/gone-ed
	rm -rf "$ed"
	mkdir -p "$ed"
	cp "$SAMPLES"/004_c52dc1dd292ef930.txt "$ed/"
	start gone 120 40 -- "$ed"
	expect "gone: the reader opens on the edition" wait_text "${T14:0:8}"
	keys j Enter n
	expect "gone: the note box is open" wait_text "C-s save"
	type_text "无处安放的笔记"
	cp "$SAMPLES"/001_aacf007eaa5a2604.txt "$ed"/004_c52dc1dd292ef930.txt
	kb import "$ed"
	keys C-s
	expect "gone: the status line says the note was kept in a file" wait_text 'note kept in'
	local kept
	kept=$(ls "$TD"/data/kanbao/kept-notes/*.txt 2>/dev/null | head -1)
	check "gone: the note's file is in \$XDG_DATA_HOME/kanbao/kept-notes" test -n "$kept"
	check "gone: it holds the note and the article's headline" \
		sh -c "grep -qx '无处安放的笔记' '$kept' && grep -q '^# article: 高新区举行' '$kept'"
	kb list --json
	local ids
	ids=$(python3 -c "import json,sys; print(' '.join(a['id'] for a in json.load(open(sys.argv[1]))))" "$TD/out")
	local i landed=
	for i in $ids; do
		kb show "$i" --json
		python3 -c "import json,sys; sys.exit(0 if json.load(open(sys.argv[1]))['note'] else 1)" \
			"$TD/out" && landed+=" $i"
	done
	check "gone: no other article got the note (got:$landed)" test -z "$landed"
	# a list row whose article was re-imported away: opening it reads the
	# list again (it said "no article with this id" for ever before)
	cp "$SAMPLES"/002_c5a4716e04ad5819.txt "$ed"/004_c52dc1dd292ef930.txt
	kb import "$ed"
	keys BTab
	expect "gone: the list has focus" wait_status '^\[list\]'
	keys Enter
	expect "gone: Enter on a row re-imported away says the list is read again" \
		wait_status 'list is read again'
	keys Enter
	expect "gone: Enter then opens the article as re-imported (its headline)" \
		wait_re '\|力争重点项目申报数'
	expect "gone: the article pane has focus" wait_status '^\[article\]'
	keys q q
	check "gone: q q quits (the first q back to the list)" wait_exit
	rm -rf "$ed"
}

# (22) SIGKILL right after the reader showed a tag and a note as saved:
# both are in the library afterwards, and it is whole.
scenario_sigkill() {
	open_samples sigkill 120 40
	local id
	id=$(article_id 0)
	keys j Enter t
	expect "sigkill: the tag prompt" wait_text "tag ("
	type_text 要紧
	keys Enter
	expect "sigkill: the tag is shown as saved" wait_status 'tagged 要紧 \(saved\)'
	keys n
	expect "sigkill: the note box" wait_text "C-s save"
	type_text "杀不掉的笔记"
	keys C-s
	expect "sigkill: the note is shown as saved" wait_status 'note saved'
	local pane pid
	pane=$(tm display -p -t "$SESSION" '#{pane_pid}')
	pid=$(ps -o pid= -o comm= --ppid "$pane" | awk '$2 == "kanbao" {print $1}')
	check "sigkill: the reader's process found (pid $pid)" test -n "$pid"
	[ -n "$pid" ] && kill -KILL "$pid"
	check "sigkill: the reader is gone" wait_exit
	check "sigkill: killed by SIGKILL (status $(exit_status))" test "$(exit_status)" = 137
	kb show "$id" --json
	check "sigkill: the tag and the note are in the library" \
		json "d['tags'] == ['要紧'] and d['note'] == '杀不掉的笔记'"
	kb check
	check "sigkill: kanbao check finds the library whole" test "$rc" = 0
}

# (23) The note box closed, dropping what was typed, when the terminal
# shrank too small to draw it; it now waits, text kept, for a larger one.
scenario_box_shrink() {
	open_samples shrink 120 40
	local id
	id=$(article_id 0)
	keys j Enter n
	expect "shrink: the note box is open" wait_text "C-s save"
	type_text "缩小之前写的"
	expect "shrink: the text typed shows" wait_text "缩小之前写的"
	resize 10 3
	sleep 0.2
	expect "shrink: at 10x3 the terminal is too small" wait_re 'too small'
	resize 120 40
	sleep 0.2
	expect "shrink: back at 120x40 the box is there with its text" wait_text "缩小之前写的"
	keys C-s
	expect "shrink: C-s saves it" wait_status 'note saved'
	kb show "$id" --json
	check "shrink: the note is in the library" json "d['note'] == '缩小之前写的'"
}
