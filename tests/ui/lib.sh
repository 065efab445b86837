# SPDX-License-Identifier: MIT
# Shared helpers for the reader's UI tests (sourced by tests/ui/run.sh), in
# the manner of tig's libtest: the real binary runs in a detached tmux
# session on a private server (-L), keys go in with send-keys, the screen
# comes back with capture-pane, and every captured screen goes through
# check_screen.py (no line wider than the terminal, no wide character cut).
#
# Needs: KANBAO (the binary), SRC (the source root). Prints TAP lines; the
# caller prints the plan (1..N) from $tap_n at the end.

ui_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TMUX_SOCK=kanbao-test-$$
tap_n=0
tap_failed=0
W=80
H=24
SESSION=
TD=

# Never touch the user's tmux, library or config.
unset TMUX TMUX_PANE KANBAO_DB VISUAL EDITOR NO_COLOR

tm() { tmux -L "$TMUX_SOCK" -f /dev/null "$@"; }

ok() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1"; }
not_ok() {
	tap_n=$((tap_n + 1))
	tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
}
# diag TEXT...: TAP diagnostics, one "# " line per input line.
diag() { printf '%s\n' "$@" | sed 's/^/#   /'; }
# check DESC COMMAND...: one TAP line from the command's status.
check() {
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}

# capture: the screen as text (the visible pane, H lines).
capture() { tm capture-pane -p -t "$SESSION" 2>/dev/null; }
show_screen() {
	echo "#   screen ${W}x${H}:"
	capture | sed 's/^/#   |/'
}

# start NAME WIDTH HEIGHT [ENV=VALUE...] -- [KANBAO-ARGS...]: a fresh
# temporary directory (the library $TD/db, config and data homes inside
# it) and kanbao started in a new session NAME of that size. The pane
# stays after kanbao exits (its status goes to $TD/rc) so its last screen
# can still be read. Extra ENV=VALUE words before -- are passed to env.
# START_UNSET=VAR removes VAR (TERM, say) from kanbao's environment;
# START_STDERR=1 sends kanbao's stderr to $TD/stderr instead of the pane.
start() {
	SESSION=$1 W=$2 H=$3
	shift 3
	local envs=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		envs+=("$1")
		shift
	done
	[ "${1:-}" = -- ] && shift
	TD=$(mktemp -d "$TMP_ROOT/$SESSION.XXXXXX")
	mkdir -p "$TD/config" "$TD/data" "$TD/home"
	local cmd q a
	cmd="env -u KANBAO_DB -u NO_COLOR"
	[ -n "${START_UNSET:-}" ] && cmd+=" -u $START_UNSET"
	# the source tree's themes: the binary knows only the installed ones
	cmd+=" HOME=$TD/home XDG_CONFIG_HOME=$TD/config XDG_DATA_HOME=$TD/data LANG=C.UTF-8 LC_ALL="
	printf -v q '%q' "$SRC/themes"
	cmd+=" KANBAO_THEMES=$q"
	[ "${START_UNSET:-}" = TERM ] || cmd+=" TERM=xterm-256color"
	for a in "${envs[@]}"; do
		printf -v q '%q' "$a"
		cmd+=" $q"
	done
	printf -v q '%q' "$KANBAO"
	cmd+=" $q --db $TD/db"
	for a in "$@"; do
		printf -v q '%q' "$a"
		cmd+=" $q"
	done
	# the wrapper keeps the pane open after kanbao exits and records why;
	# with START_GATE set, kanbao waits for `go` (to set things up first)
	[ -n "${START_STDERR:-}" ] && cmd+=" 2>$TD/stderr"
	cmd="$cmd; echo \$? >$TD/rc; exec sleep 3600"
	[ -n "${START_GATE:-}" ] && cmd="while [ ! -e $TD/go ]; do sleep 0.02; done; $cmd"
	tm new-session -d -s "$SESSION" -x "$W" -y "$H" "$cmd"
	tm set-option -t "$SESSION" -w window-size manual >/dev/null 2>&1
}

# go: let a gated kanbao (START_GATE=1 start ...) run.
go() { touch "$TD/go"; }

# stop: end the current session and remove its directory.
stop() {
	tm kill-session -t "$SESSION" 2>/dev/null
	[ -n "$TD" ] && rm -rf "$TD"
	TD=
}

# keys KEY...: tmux key names (j, Enter, Tab, BTab, C-r, Space, NPage...).
keys() { tm send-keys -t "$SESSION" "$@"; }
# type TEXT: literal text (Chinese included), no key names.
type_text() { tm send-keys -t "$SESSION" -l "$1"; }
# bytes HEX...: raw bytes as the terminal would send them (ff, 80, e4 b8).
bytes() { tm send-keys -t "$SESSION" -H "$@"; }

# wait_re ERE [TIMEOUT-TENTHS]: poll the screen every 50 ms (default 5 s)
# until a line matches; false on timeout.
wait_re() {
	local re=$1 tries=$(( ${2:-50} * 2 )) i
	for ((i = 0; i < tries; i++)); do
		capture | grep -Eq -- "$re" && return 0
		sleep 0.05
	done
	return 1
}
# wait_text TEXT: like wait_re with a fixed string.
wait_text() {
	local t=$1 i
	for ((i = 0; i < 100; i++)); do
		capture | grep -Fq -- "$t" && return 0
		sleep 0.05
	done
	return 1
}
# wait_gone TEXT: until no line holds TEXT.
wait_gone() {
	local t=$1 i
	for ((i = 0; i < 100; i++)); do
		capture | grep -Fq -- "$t" || return 0
		sleep 0.05
	done
	return 1
}
# status_line: the last line of the screen.
status_line() { capture | sed -n "${H}p"; }
# wait_status ERE [TIMEOUT-TENTHS]: until the status line (last row)
# matches (default 5 s).
wait_status() {
	local re=$1 tries=$(( ${2:-50} * 2 )) i
	for ((i = 0; i < tries; i++)); do
		status_line | grep -Eq -- "$re" && return 0
		sleep 0.05
	done
	return 1
}

# expect DESC wait_FN ARG...: one TAP check from a wait; on failure the
# screen goes out as diagnostics.
expect() {
	local desc=$1
	shift
	if "$@"; then
		ok "$desc"
	else
		not_ok "$desc"
		diag "waited for: $*"
		show_screen
	fi
}

# screen_ok DESC [--panes N]: capture the screen and run check_screen.py on
# it at the current size; one TAP check.
screen_ok() {
	local desc=$1 out
	shift
	local shot
	shot=$(capture; echo x)
	shot=${shot%x}
	if out=$(printf '%s' "$shot" | python3 "$ui_dir/check_screen.py" "$W" "$H" "$@"); then
		ok "screen fits ${W}x${H}: $desc"
	else
		not_ok "screen fits ${W}x${H}: $desc"
		diag "$out"
		printf '%s' "$shot" | sed 's/^/#   |/'
	fi
}

# resize WIDTH HEIGHT: resize the window (the pane gets SIGWINCH).
resize() {
	W=$1 H=$2
	tm resize-window -t "$SESSION" -x "$W" -y "$H"
}

# wait_exit: until kanbao has exited (its status in $TD/rc); false on
# timeout. exit_status prints it.
wait_exit() {
	local i
	for ((i = 0; i < 100; i++)); do
		[ -s "$TD/rc" ] && return 0
		sleep 0.05
	done
	return 1
}
exit_status() { cat "$TD/rc" 2>/dev/null; }

# kb ARGS...: a non-interactive kanbao command on the session's library;
# stdout in $TD/out, stderr in $TD/err, status in $rc.
kb() {
	env -u KANBAO_DB HOME="$TD/home" XDG_CONFIG_HOME="$TD/config" XDG_DATA_HOME="$TD/data" \
		LANG=C.UTF-8 timeout 30 "$KANBAO" --db "$TD/db" "$@" >"$TD/out" 2>"$TD/err" </dev/null
	rc=$?
}
# json PYTHON-EXPR: true when the expression holds on the JSON in $TD/out
# (as d); on failure the output goes out as diagnostics.
json() {
	if python3 -c "import json,sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if ($1) else 1)" "$TD/out" 2>"$TD/pyerr"; then
		return 0
	fi
	diag "expected: $1" "output:"
	# (a cut last line gets its line end, so the next TAP line starts a line)
	{ head -c 1500 "$TD/out"; echo; } | sed 's/^/#     /'
	[ -s "$TD/err" ] && { head -c 500 "$TD/err"; echo; } | sed 's/^/#   stderr: /'
	[ -s "$TD/pyerr" ] && tail -3 "$TD/pyerr" | sed 's/^/#   python: /'
	return 1
}
# article_id N: the id of the N-th article (0-based) of `list --json`.
article_id() {
	kb list --json
	python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[int(sys.argv[2])]['id'])" \
		"$TD/out" "$1" 2>/dev/null
}

# columns FROM TO: the screen's display columns [FROM, TO) of every row
# (wide characters count two), e.g. one pane's text.
columns() {
	capture | python3 -c '
import sys, unicodedata
lo, hi = int(sys.argv[1]), int(sys.argv[2])
for line in sys.stdin.read().split("\n"):
    col, out = 0, []
    for ch in line:
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if col >= lo and col + w <= hi:
            out.append(ch)
        col += w
    print("".join(out))' "$1" "$2"
}
# wait_in FROM TO TEXT / gone_in FROM TO TEXT: as wait_text / wait_gone,
# within those columns only.
wait_in() {
	local i
	for ((i = 0; i < 100; i++)); do
		columns "$1" "$2" | grep -Fq -- "$3" && return 0
		sleep 0.05
	done
	return 1
}
gone_in() {
	local i
	for ((i = 0; i < 100; i++)); do
		columns "$1" "$2" | grep -Fq -- "$3" || return 0
		sleep 0.05
	done
	return 1
}
# cursor_row FROM TO: the text, within display columns [FROM, TO), of the
# body rows (not the title line, not the status line) whose cell at column
# FROM is drawn in the cursor's colours: the default theme's background 31
# (KB_STYLE_CURSOR in src/config/theme.c). Only a focused list draws its
# cursor so; nothing is printed when no row is.
cursor_row() {
	tm capture-pane -p -e -t "$SESSION" 2>/dev/null | python3 -c '
import re, sys, unicodedata
lo, hi = int(sys.argv[1]), int(sys.argv[2])
lines = sys.stdin.read().split("\n")
sgr = re.compile(r"\x1b\[([0-9;]*)m")
for line in lines[1:int(sys.argv[3]) - 1]:
    col, bg, out, first_bg, pos = 0, None, [], None, 0
    while pos < len(line):
        m = sgr.match(line, pos)
        if m:
            p = [int(x) if x else 0 for x in m.group(1).split(";")]
            i = 0
            while i < len(p):
                if p[i] in (0, 49):
                    bg = None
                elif p[i] == 48 and i + 2 < len(p) and p[i + 1] == 5:
                    bg = p[i + 2]
                    i += 2
                elif p[i] == 38 and i + 2 < len(p) and p[i + 1] == 5:
                    i += 2
                elif 40 <= p[i] <= 47:
                    bg = p[i] - 40
                i += 1
            pos = m.end()
            continue
        ch = line[pos]
        pos += 1
        w = 2 if unicodedata.east_asian_width(ch) in "WF" else 1
        if col == lo:
            first_bg = bg
        if col >= lo and col + w <= hi:
            out.append(ch)
        col += w
    if first_bg == 31:
        print("".join(out))' "$1" "$2" "$H"
}
# wait_cursor FROM TO TEXT: until the cursor's row (cursor_row) holds TEXT.
wait_cursor() {
	local i
	for ((i = 0; i < 100; i++)); do
		cursor_row "$1" "$2" | grep -Fq -- "$3" && return 0
		sleep 0.05
	done
	return 1
}
