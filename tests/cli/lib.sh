# SPDX-License-Identifier: MIT
# TAP helpers shared by the command line's checks (tests/cli/*.sh): numbered
# ok/not ok lines with the output of a failed check, the plan at the end.
# Source it after setting $tmp (a scratch directory the caller removes).
n=0 failed=0
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() {
	n=$((n + 1)) failed=$((failed + 1))
	echo "not ok $n - $1"
	local f
	for f in "$tmp/out" "$tmp/err"; do
		[ -s "$f" ] && echo "#   ${f##*/}:" && head -c 1500 "$f" | cat -v | sed 's/^/#     /'
	done
	return 0
}
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
# check DESCRIPTION COMMAND...: one test line from a command's success; its
# output goes to $tmp/out and $tmp/err (shown when it fails). The files a
# command reads must not be these two.
check() {
	local desc=$1
	shift
	if "$@" >"$tmp/out.check" 2>"$tmp/err.check"; then
		pass "$desc"
	else
		fail "$desc"
		cat "$tmp/out.check" "$tmp/err.check" | head -c 1500 | cat -v | sed 's/^/#   /'
	fi
}
# term_safe FILE [--tty]: nothing in FILE acts on a terminal.
term_safe() { python3 "$here/term_safe.py" "$@"; }
# done_tap: the plan, and the exit status.
done_tap() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}
