#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Issue 14: the command line's conventions, as a packager and a user of
# git expect them. Global options in any order before the command (--db
# also after it); -V and --version print meson's version; a mistyped
# command is an error naming the closest (exit 2, nothing on stdout, the
# reader not opened) while a PATH still opens the reader; `kanbao help
# CMD` is CMD's --help; - for standard input and output (parse -, import -,
# restore -, export -o -); show through $PAGER on a terminal only; exit
# statuses 0, 1 and 2; themes found through KANBAO_THEMES, and no path of
# the source tree compiled into the binary.
# Usage: conventions.sh KANBAO SOURCE_ROOT VERSION   (prints TAP)
set -u
kanbao=$1 root=$2 version=$3
# absolute: some checks run in other folders
kanbao=$(cd "$(dirname "$kanbao")" && pwd)/$(basename "$kanbao")
root=$(cd "$root" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kb_conv.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
unset KANBAO_DB KANBAO_THEMES PAGER LESS NO_COLOR
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data LANG=C.UTF-8 LC_ALL= LANGUAGE=
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
db=$tmp/a.db
samples=$root/sample-issues
first=$(ls "$samples"/*.txt | head -1)

# run ARGS...: kanbao with stdout in $tmp/out, stderr in $tmp/err, the exit
# status in $rc; stdin is /dev/null unless redirected by the caller (runin).
run() {
	timeout 60 "$kanbao" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	rc=$?
}
runin() {
	local in=$1
	shift
	timeout 60 "$kanbao" "$@" >"$tmp/out" 2>"$tmp/err" <"$in"
	rc=$?
}
# is WHAT WANT DESC: one check that $WHAT equals WANT.
is() { if [ "$1" = "$2" ]; then pass "$3"; else fail "$3 (got [$1], want [$2])"; fi; }
# json_ok: $tmp/out is valid JSON.
json_ok() { python3 -m json.tool "$tmp/out" >/dev/null 2>&1; }
# in_pty OUT ARGS...: run ARGS in a pseudo-terminal (python3's pty), its
# output in OUT; the exit status is the command's.
in_pty() {
	local out=$1
	shift
	timeout 60 python3 - "$@" >"$out" 2>&1 <<'EOF'
import os, pty, select, sys, time
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
out = b""
end = time.time() + 50
while time.time() < end:
    r, _, _ = select.select([fd], [], [], 0.5)
    if fd in r:
        try:
            d = os.read(fd, 65536)
        except OSError:
            break
        if not d:
            break
        out += d
_, st = os.waitpid(pid, 0)
sys.stdout.buffer.write(out)
sys.exit(os.WEXITSTATUS(st) if os.WIFEXITED(st) else 128 + os.WTERMSIG(st))
EOF
}

run --db "$db" import "$samples"
[ "$rc" = 0 ] || { echo "Bail out! the samples did not import"; exit 1; }
run --db "$db" list --json
id=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[0]['id'])" "$tmp/out")
[ -n "$id" ] || { echo "Bail out! no article id"; exit 1; }

# ---- global options in any order ----
run --theme light --db "$db" list --json
check "--theme NAME --db PATH list: exit 0" test "$rc" = 0
check "  the listing is the library's" eval 'json_ok && grep -q "\"$id\"" "$tmp/out"'
run --db "$db" --theme light list --json
check "--db PATH --theme NAME list: exit 0" eval '[ "$rc" = 0 ] && grep -q "\"$id\"" "$tmp/out"'
run --config /dev/null --theme=light --db="$db" list --json
check "--config --theme= --db= in any order" eval '[ "$rc" = 0 ] && grep -q "\"$id\"" "$tmp/out"'
run list --json --db "$db"
check "--db after the command, as before" eval '[ "$rc" = 0 ] && grep -q "\"$id\"" "$tmp/out"'
run --db "$tmp/other.db" list --json --db "$db"
check "--db after the command wins over the global one" \
	eval '[ "$rc" = 0 ] && grep -q "\"$id\"" "$tmp/out"'
run --db
check "--db without a value: exit 2, saying so" eval '[ "$rc" = 2 ] && grep -q -- "--db needs a value" "$tmp/err"'
run --bogus --db "$db" list
check "an unknown global option: exit 2 naming it" \
	eval '[ "$rc" = 2 ] && grep -q -- "unknown option --bogus" "$tmp/err" && [ ! -s "$tmp/out" ]'
run -Q
check "an unknown short option: exit 2 naming it" eval '[ "$rc" = 2 ] && grep -q -- "unknown option -Q" "$tmp/err"'

# ---- the version, from meson.build ----
run -V
v_short=$(cat "$tmp/out") v_rc=$rc
run --version
v_long=$(cat "$tmp/out")
is "$v_short" "kanbao $version" "-V prints meson's project version"
is "$v_long" "$v_short" "--version prints the same"
is "$v_rc:$rc" "0:0" "  both exit 0"
run --db "$db" --theme x -V
is "$(cat "$tmp/out")" "kanbao $version" "-V after other global options"

# ---- a mistyped command ----
run --db "$tmp/never.db" lsit
check "lsit: exit 2" test "$rc" = 2
check "  names the closest command, list" \
	grep -q "'lsit' is not a kanbao command; did you mean 'list'?" "$tmp/err"
check "  nothing on stdout" test ! -s "$tmp/out"
check "  the reader not opened: no library made, nothing imported" test ! -e "$tmp/never.db"
run --db "$tmp/never.db" improt "$samples"
check "improt PATH: exit 2 naming import" \
	eval '[ "$rc" = 2 ] && grep -q "did you mean .import." "$tmp/err" && [ ! -e "$tmp/never.db" ]'
run --db "$tmp/never.db" xyzzy
check "a word near no command: exit 2, neither a command nor a file" \
	eval '[ "$rc" = 2 ] && grep -q "neither a kanbao command nor a file" "$tmp/err" && [ ! -s "$tmp/out" ]'
# a PATH still opens the reader; without a terminal the reader imports
# the PATHs as kanbao import does (exit 1: no reader here)
run --db "$tmp/r.db" "$samples"
check "an existing directory goes to the reader (imported without a terminal)" \
	eval 'grep -q "^imported [1-9]" "$tmp/err" && ! grep -q "not a kanbao command" "$tmp/err"'
mkdir -p "$tmp/cwd"
cp "$first" "$tmp/cwd/list.txt"
(cd "$tmp/cwd" && timeout 60 "$kanbao" --db "$tmp/r2.db" list.txt </dev/null >"$tmp/out" 2>"$tmp/err")
check "an existing file named without a /: the reader" grep -q "^imported 1" "$tmp/err"
run --db "$tmp/r3.db" ./no-such-file.txt
check "a word with a / goes to the reader even when missing" \
	eval '! grep -q "not a kanbao command" "$tmp/err" && grep -q "no-such-file" "$tmp/err"'
run --db "$tmp/r4.db" "$samples" --bogus
check "the reader: an unknown option after a PATH: exit 2" \
	eval '[ "$rc" = 2 ] && grep -q -- "unknown option --bogus" "$tmp/err"'

# ---- help ----
run list --help
cp "$tmp/out" "$tmp/list_help"
run help list
check "help list: exit 0" test "$rc" = 0
check "  prints what list --help prints" cmp -s "$tmp/out" "$tmp/list_help"
run --help
cp "$tmp/out" "$tmp/top_help"
run help
check "help alone: the top-level help" eval '[ "$rc" = 0 ] && cmp -s "$tmp/out" "$tmp/top_help"'
run -h
check "-h: the same" eval '[ "$rc" = 0 ] && cmp -s "$tmp/out" "$tmp/top_help"'
check "--help names -V, help COMMAND, KANBAO_THEMES and the exit statuses" \
	eval 'grep -q -- "-V, --version" "$tmp/top_help" && grep -q "kanbao help COMMAND" "$tmp/top_help" &&
		grep -q KANBAO_THEMES "$tmp/top_help" && grep -q "2 for bad usage" "$tmp/top_help"'
for cmd in parse import search show tag untag note tags detached check editions remove export restore; do
	run "$cmd" --help
	cp "$tmp/out" "$tmp/cmd_help"
	run help "$cmd"
	if [ "$rc" = 0 ] && cmp -s "$tmp/out" "$tmp/cmd_help" && grep -q "usage: kanbao $cmd" "$tmp/out"; then
		pass "help $cmd is $cmd --help"
	else
		fail "help $cmd is $cmd --help"
	fi
done
run help nosuch
check "help nosuch: exit 2, nothing on stdout" eval '[ "$rc" = 2 ] && [ ! -s "$tmp/out" ] && grep -q nosuch "$tmp/err"'
run help tgas
check "help tgas: names tags" eval '[ "$rc" = 2 ] && grep -q "did you mean .tags." "$tmp/err"'

# ---- - for standard input and output ----
(cd "$(dirname "$first")" && "$kanbao" parse --json "$(basename "$first")" >"$tmp/parse_file")
runin "$first" parse --json --name "$(basename "$first")" -
check "parse --name NAME - reads stdin: exit 0" test "$rc" = 0
check "  the same JSON as parse NAME" cmp -s "$tmp/out" "$tmp/parse_file"
(cd "$(dirname "$first")" && "$kanbao" parse "$(basename "$first")" | tail -n +2 >"$tmp/parse_text")
runin "$first" parse -
check "parse -: the same outline, under the name -" \
	eval '[ "$rc" = 0 ] && head -1 "$tmp/out" | grep -q "^== - (" && tail -n +2 "$tmp/out" | cmp -s - "$tmp/parse_text"'
runin "$first" parse - -
check "parse - -: exit 2 (stdin is read once)" test "$rc" = 2
printf 'a\0b' >"$tmp/binary"
runin "$tmp/binary" parse -
check "parse - of binary input: exit 1, naming -" eval '[ "$rc" = 1 ] && grep -q "^kanbao: -: " "$tmp/err"'

sdb=$tmp/stdin/lib.db
mkdir -p "$tmp/stdin"
runin "$first" --db "$sdb" import -
kept=$(cat "$tmp/out")
check "import -: exit 0, printing where the edition is kept" \
	eval '[ "$rc" = 0 ] && [ -f "$kept" ] && cmp -s "$kept" "$first"'
check "  in editions/ beside the library, named stdin-HASH.txt" \
	eval 'case "$kept" in "$tmp/stdin/editions/stdin-"????????????.txt) true ;; *) false ;; esac'
run --db "$sdb" list --json
check "  its articles in the library" \
	python3 -c "import json,sys; sys.exit(0 if len(json.load(open(sys.argv[1]))) >= 1 else 1)" "$tmp/out"
runin "$first" --db "$sdb" import -
check "import - again: unchanged" eval '[ "$rc" = 0 ] && grep -q "unchanged 1" "$tmp/err"'
printf -- '---\npaper: 测试报\n---\n测试标题\n\n　　正文第一段，足够长的一段文字。\n' >"$tmp/ed.txt"
runin "$tmp/ed.txt" --db "$sdb" import --name rmrb_20190215_p03.txt -
run --db "$sdb" editions --json
check "import --name NAME -: the name's date and page are the edition's" \
	python3 -c "import json,sys
e = [x for x in json.load(open(sys.argv[1])) if x['name'] == 'rmrb_20190215_p03.txt']
sys.exit(0 if e and e[0]['date'] == '2019-02-15' and e[0]['page'] == '3' and not e[0]['missing'] else 1)" "$tmp/out"
run --db "$sdb" import --name x.txt "$first"
check "import --name without -: exit 2" test "$rc" = 2
runin "$first" --db "$sdb" import --name ../up.txt -
check "import --name ../up.txt: exit 2 (a name, not a path)" eval '[ "$rc" = 2 ] && [ ! -e "$tmp/up.txt" ]'

(cd "$tmp" && "$kanbao" --db "$db" export --format json -o - >"$tmp/backup.json" 2>/dev/null)
check "export -o - writes stdout, no file named -" \
	eval 'python3 -m json.tool "$tmp/backup.json" >/dev/null && [ ! -e "$tmp/-" ]'
runin "$tmp/backup.json" --db "$tmp/restored.db" restore -
check "restore - reads the backup from stdin" eval '[ "$rc" = 0 ] && grep -q "^restored:" "$tmp/out"'

# ---- show through $PAGER on a terminal only ----
cat >"$tmp/pager" <<EOF
#!/bin/sh
echo "LESS=\${LESS-unset}" >>"$tmp/pager.log"
cat >>"$tmp/paged"
EOF
chmod +x "$tmp/pager"
: >"$tmp/pager.log"
: >"$tmp/paged"
"$kanbao" --db "$db" show "$id" >"$tmp/show_plain"
PAGER=$tmp/pager in_pty "$tmp/pty_out" "$kanbao" --db "$db" show "$id"
prc=$?
check "show on a terminal: exit 0" test "$prc" = 0
check "  runs \$PAGER once, with LESS=FRX" eval '[ "$(cat "$tmp/pager.log")" = "LESS=FRX" ]'
check "  the pager gets the article" cmp -s "$tmp/paged" "$tmp/show_plain"
: >"$tmp/pager.log"
PAGER=$tmp/pager LESS=-S in_pty "$tmp/pty_out" "$kanbao" --db "$db" show "$id"
check "  a LESS of the user's is kept" eval '[ "$(cat "$tmp/pager.log")" = "LESS=-S" ]'
: >"$tmp/pager.log"
PAGER=$tmp/pager "$kanbao" --db "$db" show "$id" >"$tmp/out"
check "show piped: no pager" eval '[ ! -s "$tmp/pager.log" ] && cmp -s "$tmp/out" "$tmp/show_plain"'
PAGER=cat in_pty "$tmp/pty_out" "$kanbao" --db "$db" show "$id"
check "PAGER=cat on a terminal: the article written straight" \
	eval 'grep -q "id $id" "$tmp/pty_out" && [ ! -s "$tmp/pager.log" ]'
PAGER= in_pty "$tmp/pty_out" "$kanbao" --db "$db" show "$id"
check "an empty PAGER: written straight" eval 'grep -q "id $id" "$tmp/pty_out" && [ ! -s "$tmp/pager.log" ]'
PAGER=/nonexistent/pager in_pty "$tmp/pty_out" "$kanbao" --db "$db" show "$id"
check "a pager that cannot run: said, and the article written straight" \
	eval 'grep -q "cannot run the pager" "$tmp/pty_out" && grep -q "id $id" "$tmp/pty_out"'
check "what the pager gets is safe for less -R" term_safe "$tmp/paged"

# ---- exit statuses: 0 done, 1 failed, 2 bad usage ----
status_is() {
	local want=$1 desc=$2
	shift 2
	run "$@"
	if [ "$rc" = "$want" ]; then pass "exit $want: $desc"; else fail "exit $want: $desc (got $rc)"; fi
}
status_is 0 "list" --db "$db" list --json
status_is 0 "tags" --db "$db" tags --json
status_is 0 "check" --db "$db" check
status_is 0 "show ID" --db "$db" show "$id"
status_is 1 "show of an unknown id" --db "$db" show no-such-id
status_is 1 "parse of a missing file" parse "$tmp/missing.txt"
status_is 1 "restore of a missing file" --db "$db" restore "$tmp/missing.json"
status_is 1 "note of an unknown id" --db "$db" note no-such-id text
status_is 2 "parse without a file" parse
status_is 2 "parse --bogus" parse --bogus "$first"
status_is 2 "import without a path" --db "$db" import
status_is 2 "list --bogus" --db "$db" list --bogus
status_is 2 "list --limit 0" --db "$db" list --limit 0
status_is 2 "search without a query" --db "$db" search
status_is 2 "show without an id" --db "$db" show
status_is 2 "show with two ids" --db "$db" show a b
status_is 2 "tag without a tag" --db "$db" tag "$id"
status_is 2 "untag --bogus" --db "$db" untag --bogus "$id" x
status_is 2 "note without an id" --db "$db" note
status_is 2 "tags frob" --db "$db" tags frob
status_is 2 "detached frob" --db "$db" detached frob
status_is 2 "check with an argument" --db "$db" check extra
status_is 2 "editions with an argument" --db "$db" editions extra
status_is 2 "remove without an edition" --db "$db" remove
status_is 2 "export without a choice" --db "$db" export
status_is 2 "export --format frob" --db "$db" export --all --format frob
status_is 2 "restore without a file" --db "$db" restore
status_is 2 "help with two words" help list tags

# ---- themes: KANBAO_THEMES, never the source tree ----
mkdir -p "$tmp/themes"
printf 'title red default bold\nfrob red\n' >"$tmp/themes/convtest.theme"
# the reader without a terminal loads the config and theme, then imports
KANBAO_THEMES=$tmp/themes timeout 60 "$kanbao" --db "$tmp/t.db" --theme convtest </dev/null >"$tmp/out" 2>"$tmp/err"
check "KANBAO_THEMES: a theme found there (its bad line reported with its path)" \
	grep -q "$tmp/themes/convtest.theme:2" "$tmp/err"
timeout 60 "$kanbao" --db "$tmp/t.db" --theme convtest </dev/null >"$tmp/out" 2>"$tmp/err"
check "without it the theme is not found" grep -q "using the built-in theme" "$tmp/err"
check "  and the source tree's themes/ is not among the places looked in" \
	eval '! grep -q "$root/themes" "$tmp/err"'
(cd "$root" && timeout 60 "$kanbao" --db "$tmp/t.db" --theme light </dev/null >"$tmp/out" 2>"$tmp/err")
check "--theme light is not taken from the source tree without KANBAO_THEMES" \
	grep -q "using the built-in theme" "$tmp/err"
KANBAO_THEMES=$root/themes timeout 60 "$kanbao" --db "$tmp/t.db" --theme light </dev/null >"$tmp/out" 2>"$tmp/err"
check "  with KANBAO_THEMES=SOURCE/themes it is" eval '! grep -q "theme" "$tmp/err"'
if command -v objcopy >/dev/null && command -v strings >/dev/null; then
	# debug information names the sources by design; the code and data
	# must not (the binary is compared with its debug sections removed)
	objcopy --strip-debug "$kanbao" "$tmp/kanbao.stripped"
	is "$(strings "$tmp/kanbao.stripped" | grep -c -F "$root")" 0 \
		"no path of the source tree in the binary (debug sections aside)"
	build=$(cd "$(dirname "$kanbao")" && pwd)
	is "$(strings "$tmp/kanbao.stripped" | grep -c -F "$build")" 0 \
		"no path of the build tree in the binary either"
else
	skip "no path of the source tree in the binary" "objcopy or strings missing (binutils)"
fi
done_tap
