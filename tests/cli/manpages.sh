#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The man pages (issue 14), checked as lintian would and for completeness:
# groff prints no warning formatting either page (man --warnings, as
# lintian's manpage check runs it), lexgrog finds their NAME lines; every
# command of `kanbao --help` has its subsection in kanbao.1 naming every
# option of the command's --help; every global option, every environment
# variable of `kanbao --help` and every one the sources read (getenv) are
# in kanbao.1; every action of `kanbao --help-keys` is in kanbao.1's KEYS
# table and in kanbao-config.5; every setting of the config parser's table
# (src/config/config.c), every key name and every theme element
# (src/config/theme.c) is in kanbao-config.5; `meson install` puts both
# pages under mandir.
# Usage: manpages.sh KANBAO KANBAO_1 KANBAO_CONFIG_5 SOURCE_ROOT MESON BUILD_DIR MANDIR
# (prints TAP; skips the groff checks without man).
set -u
kanbao=$1 page1=$2 page5=$3 root=$4 meson=$5 build=$6 mandir=$7
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kb_man.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
unset LANGUAGE KANBAO_DB

# The roff of a page as plain text, one roff line a line: fonts and the
# zero-width escapes dropped, so "\fB--json\fR" reads --json.
plain() { sed -e 's/\\f[BIRP]//g' -e 's/\\&//g' -e 's/\\-/-/g' -e 's/\\(rs/\\/g' "$1"; }
plain "$page1" >"$tmp/p1"
plain "$page5" >"$tmp/p5"
# section FILE HEADING: the lines of the .SH or .SS whose title is HEADING
# (exactly, or as one of its comma-separated words) up to the next one of
# the same level or above.
section() {
	awk -v want="$2" '
		function is_head(line,   t, n, i, w) {
			t = line; sub(/^\.S[HS] +/, "", t); gsub(/"/, "", t)
			if (t == want) return 1
			n = split(t, w, /, */)
			for (i = 1; i <= n; i++) if (w[i] == want) return 1
			return 0
		}
		/^\.SH/ { if (on) exit; if (is_head($0)) { on = 1; lvl = "SH"; next } }
		/^\.SS/ { if (on && lvl == "SS") exit; if (!on && is_head($0)) { on = 1; lvl = "SS"; next } }
		on { print }
	' "$1"
}
# words FILE: FILE's text with every character that cannot be part of a
# word, an option or a name (letters, digits, _ and -) made a blank,
# blanks around it.
words() { printf ' %s ' "$(tr -c 'A-Za-z0-9_-' ' ' <"$1")"; }
# has FILE WORD: WORD stands in FILE as a word of its own (not part of a
# longer option or name).
has() { [[ $(words "$1") == *" $2 "* ]]; }
# missing_in FILE WORD...: the WORDs FILE lacks, space-separated.
missing_in() {
	local text w out=
	text=$(words "$1")
	shift
	for w in "$@"; do [[ $text == *" $w "* ]] || out+=" $w"; done
	printf '%s' "${out# }"
}
# expect_all DESC FILE WORD...: one check that FILE names every WORD.
expect_all() {
	local desc=$1 f=$2 miss
	shift 2
	if [ $# -eq 0 ]; then
		fail "$desc (nothing to look for)"
		return
	fi
	miss=$(missing_in "$f" "$@")
	: >"$tmp/out"
	: >"$tmp/err"
	if [ -z "$miss" ]; then pass "$desc ($#)"; else fail "$desc: missing $miss"; fi
}

# --- groff and whatis, as lintian checks a page ---
if command -v man >/dev/null 2>&1; then
	for p in "$page1" "$page5"; do
		name=${p##*/}
		MANROFFSEQ='' MANWIDTH=80 man --warnings -E UTF-8 -l -Tutf8 -Z "$p" \
			>"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ $rc -eq 0 ] && [ ! -s "$tmp/err" ]; then
			pass "$name: man --warnings formats it without a warning"
		else
			fail "$name: man --warnings formats it without a warning (exit $rc)"
		fi
		MANWIDTH=80 man -l "$p" >"$tmp/out" 2>"$tmp/err"
		if grep -q 'SEE ALSO' "$tmp/out"; then
			pass "$name: man renders it to the end (SEE ALSO)"
		else
			fail "$name: man renders it to the end (SEE ALSO)"
		fi
	done
else
	skip "man --warnings formats the pages" "man not installed (apt-get install man-db)"
fi
if command -v lexgrog >/dev/null 2>&1; then
	lexgrog "$page1" >"$tmp/out" 2>"$tmp/err" && grep -qF '"kanbao - ' "$tmp/out" &&
		pass "kanbao.1: lexgrog reads the whatis line" ||
		fail "kanbao.1: lexgrog reads the whatis line"
	lexgrog "$page5" >"$tmp/out" 2>"$tmp/err" && grep -qF '"kanbao-config - ' "$tmp/out" &&
		pass "kanbao-config.5: lexgrog reads the whatis line" ||
		fail "kanbao-config.5: lexgrog reads the whatis line"
else
	skip "lexgrog reads the whatis lines" "lexgrog not installed (apt-get install man-db)"
fi
grep -q '^\.TH "kanbao" "1"' "$page1" && pass "kanbao.1 is section 1" || fail "kanbao.1 is section 1"
grep -q '^\.TH "kanbao-config" "5"' "$page5" && pass "kanbao-config.5 is section 5" ||
	fail "kanbao-config.5 is section 5"
for s in NAME SYNOPSIS DESCRIPTION 'GLOBAL OPTIONS' COMMANDS KEYS ENVIRONMENT FILES \
	'EXIT STATUS' EXAMPLES 'SEE ALSO'; do
	grep -qx "\.SH $s" "$page1" || { fail "kanbao.1 has the section $s"; continue; }
	pass "kanbao.1 has the section $s"
done
grep -qF 'kanbao-config(5)' "$tmp/p1" && pass "kanbao.1 refers to kanbao-config(5)" ||
	fail "kanbao.1 refers to kanbao-config(5)"

# --- the command line, from its own help ---
"$kanbao" --help >"$tmp/help" 2>"$tmp/err" </dev/null
# commands: the lines under "commands:" up to the blank line
mapfile -t commands < <(awk '/^commands:/ { on = 1; next } on && /^$/ { exit }
	on && /^  [a-z]/ { print $1 }' "$tmp/help")
section "$tmp/p1" COMMANDS >"$tmp/commands"
heads=$(grep '^\.SS' "$tmp/p1")
miss=
for c in "${commands[@]}"; do
	printf '%s\n' "$heads" | grep -qE "^\.SS (.*, )?$c(,.*)?\$" || miss+=" $c"
done
if [ ${#commands[@]} -gt 10 ] && [ -z "$miss" ]; then
	pass "kanbao.1 has a subsection for every command of kanbao --help (${#commands[@]})"
else
	fail "kanbao.1 has a subsection for every command of kanbao --help (${#commands[@]}):${miss:- (too few found)}"
fi
# options: every -x and --word in a command's --help (its usage lines and
# its option lines, not its prose), in the command's subsection; --db and
# --help are said once for all commands (GLOBAL OPTIONS, COMMANDS)
opts_of() {
	grep -E -- '^(usage:|  +(kanbao|\[|-))' "$1" |
		grep -oE -- "(^|[][ (|,])(--[a-z][a-z-]*[a-z]|-[a-zA-Z])([][ =,|)]|$)" |
		sed -E 's/^[][ (|,]//; s/[][ =,|)]$//' | sort -u
}
for c in "${commands[@]}"; do
	[ "$c" = help ] && continue
	"$kanbao" "$c" --help >"$tmp/chelp" 2>/dev/null </dev/null
	mapfile -t opts < <(opts_of "$tmp/chelp" | grep -vxE -- '--db|--help|-h')
	section "$tmp/p1" "$c" >"$tmp/sect"
	if [ ! -s "$tmp/sect" ]; then
		fail "kanbao.1's $c subsection names every option of kanbao $c --help: no subsection"
		continue
	fi
	if [ ${#opts[@]} -eq 0 ]; then
		pass "kanbao.1's $c subsection: kanbao $c --help has no options of its own"
		continue
	fi
	expect_all "kanbao.1's $c subsection names every option of kanbao $c --help" \
		"$tmp/sect" "${opts[@]}"
done
section "$tmp/p1" 'GLOBAL OPTIONS' >"$tmp/global"
# (a usage line of one command, "kanbao parse [--json]", names its options)
cmds_re=$(IFS='|'; echo "${commands[*]}")
mapfile -t gopts < <(awk '/^(usage|options)/ { on = 1 } /^commands:/ { exit } on' "$tmp/help" |
	grep -vE "kanbao ($cmds_re)( |\$)" | opts_of /dev/stdin)
expect_all "GLOBAL OPTIONS names every option of kanbao --help" "$tmp/global" "${gopts[@]}"

# environment: the variables kanbao --help lists, and every getenv() of
# the sources but the tests' hooks
section "$tmp/p1" ENVIRONMENT >"$tmp/env"
mapfile -t helpenv < <(awk '/^environment:/ { on = 1; next } on && /^$/ { exit }
	on && /^  [A-Z]/ { print }' "$tmp/help" | grep -oE '^  [A-Z_]+(, [A-Z_]+)*' | grep -oE '[A-Z_]+')
if [ ${#helpenv[@]} -gt 0 ]; then
	expect_all "ENVIRONMENT names every variable of kanbao --help" "$tmp/env" "${helpenv[@]}"
else
	skip "ENVIRONMENT names every variable of kanbao --help" "this kanbao --help lists none"
fi
mapfile -t srcenv < <(grep -rhoE 'getenv\("[A-Z_]+"\)' "$root/src" | grep -oE '[A-Z_]+' |
	grep -vxE 'KANBAO_BENCH|KANBAO_FAIL_WRITE_AFTER' | sort -u)
expect_all "ENVIRONMENT names every variable the sources read" "$tmp/env" "${srcenv[@]}"
for w in LANG PAGER LESS KANBAO_LOCALEDIR XDG_STATE_HOME; do
	has "$tmp/env" "$w" && pass "ENVIRONMENT names $w" || fail "ENVIRONMENT names $w"
done
section "$tmp/p1" 'EXIT STATUS' >"$tmp/exit"
for s in 0 1 2; do
	grep -qx "$s" "$tmp/exit" && pass "EXIT STATUS explains $s" || fail "EXIT STATUS explains $s"
done
section "$tmp/p1" FILES >"$tmp/files"
for f in kanbao/kanbao.db kanbao/config kanbao/places kanbao/themes; do
	grep -qF "$f" "$tmp/files" && pass "FILES names $f" || fail "FILES names $f"
done

# --- the keys: one table for the reader, --help-keys and the pages ---
"$kanbao" --help-keys >"$tmp/keys" 2>/dev/null </dev/null
mapfile -t actions < <(sed -nE 's/^  .{12} ([a-z][a-z0-9-]*) .*/\1/p' "$tmp/keys")
section "$tmp/p1" KEYS >"$tmp/keysect"
expect_all "kanbao.1's KEYS table has every action of kanbao --help-keys" "$tmp/keysect" \
	"${actions[@]}"
rows=$(grep -c '^T{$' "$tmp/keysect")
# a header row and one row per action, each opening with a lone T{
if [ "$rows" -eq $((${#actions[@]} + 1)) ]; then
	pass "kanbao.1's KEYS table has a row per action (${#actions[@]})"
else
	fail "kanbao.1's KEYS table has a row per action (${#actions[@]} actions, $rows rows)"
fi
# the table's rows, KEYS and ACTION, are --help-keys' rows in its order
awk '/^T\{$/ { cell = ""; on = 1; next } /^T\}/ { if (on) cells[n++] = cell; on = 0 }
	/T\{$/ && !/^T\{$/ { if (on) cells[n++] = cell; cell = ""; on = 1; next }
	on { cell = cell (cell == "" ? "" : " ") $0 }
	END { for (i = 3; i + 1 < n; i += 3) print cells[i] "|" cells[i + 1] }' \
	"$tmp/keysect" >"$tmp/rows.man"
sed -nE 's/^  (.{12}) ([a-z][a-z0-9-]*) .*/\1|\2/p' "$tmp/keys" | sed -E 's/ +\|/|/' >"$tmp/rows.help"
if cmp -s "$tmp/rows.man" "$tmp/rows.help"; then
	pass "kanbao.1's KEYS rows are kanbao --help-keys' keys and actions, in order"
else
	diff "$tmp/rows.help" "$tmp/rows.man" >"$tmp/out"
	fail "kanbao.1's KEYS rows are kanbao --help-keys' keys and actions, in order"
fi
section "$tmp/p5" ACTIONS >"$tmp/actions5"
expect_all "kanbao-config.5's ACTIONS name every action of kanbao --help-keys" "$tmp/actions5" \
	"${actions[@]}"

# --- the config format, from the parser's own tables ---
mapfile -t settings < <(sed -nE 's/^[[:space:]]*\{ *"([a-z-]+)", *set_[a-z_]+ *\},?$/\1/p' \
	"$root/src/config/config.c")
section "$tmp/p5" SETTINGS >"$tmp/settings"
# each setting an item of its own: its name at the start of a line
miss=
for s in "${settings[@]}"; do grep -qE "^$s( |$)" "$tmp/settings" || miss+=" $s"; done
if [ ${#settings[@]} -ge 10 ] && [ -z "$miss" ]; then
	pass "kanbao-config.5 describes every setting of src/config/config.c (${#settings[@]})"
else
	fail "kanbao-config.5 describes every setting of src/config/config.c (${#settings[@]}):${miss:- (too few found)}"
fi
mapfile -t keynames < <(awk '/key_names\[\] = \{/ { on = 1; next } on && /\};/ { exit } on' \
	"$root/src/config/config.c" | grep -oE '"[^"]+"' | tr -d '"')
section "$tmp/p5" KEYS >"$tmp/keys5"
expect_all "kanbao-config.5's KEYS names every key name the parser knows" "$tmp/keys5" \
	"${keynames[@]}"
mapfile -t elements < <(awk '/kb_style_names\[KB_STYLE_COUNT\] = \{/ { on = 1; next }
	on && /\};/ { exit } on' "$root/src/config/theme.c" | grep -oE '"[^"]+"' | tr -d '"')
section "$tmp/p5" THEMES >"$tmp/themes5"
expect_all "kanbao-config.5's THEMES names every theme element" "$tmp/themes5" "${elements[@]}"
mapfile -t shipped < <(for f in "$root"/themes/*.theme; do basename "$f" .theme; done)
expect_all "kanbao-config.5 names every theme shipped in themes/" "$tmp/themes5" "${shipped[@]}"
grep -qF 'kanbao(1)' "$tmp/p5" && pass "kanbao-config.5 refers to kanbao(1)" ||
	fail "kanbao-config.5 refers to kanbao(1)"

# --- installed where man looks ---
dest=$tmp/dest
check "meson install --destdir succeeds" \
	"$meson" install -C "$build" --destdir "$dest" --no-rebuild --quiet
for p in man1/kanbao.1 man5/kanbao-config.5; do
	if cmp -s "$dest$mandir/$p" "$build/doc/${p#*/}"; then
		pass "meson install puts $p under mandir ($mandir)"
	else
		fail "meson install puts $p under mandir ($mandir)"
	fi
done
done_tap
