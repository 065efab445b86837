#!/bin/bash
# SPDX-License-Identifier: MIT
# The importer's answer to bad input (shared/RELIABILITY.md, "Bad input to the
# importer"), checked against the real binary: each committed fixture in
# tests/fixtures/bad/ must get the outcome its line in EXPECT defines (exit
# status, messages naming the file, valid JSON with the detected encoding),
# and the cases that cannot be committed are made here at run time: a 100 MB
# single line (bounded memory and time), a directory with a symlink loop and
# a FIFO in it, a lone FIFO (no hang), a file without read permission, and
# the same file given twice (identical parses).
#
# kanbao is called once per file so that these checks do not depend on how
# several files are printed, except for the directory case, where only the
# exit status, stderr and the presence of the other files are checked.
#
# usage: bad_input.sh path/to/kanbao project-source-root
# Prints TAP; exits non-zero if any check fails.
set -u

kanbao=${1:?usage: bad_input.sh KANBAO SOURCE-ROOT}
src=${2:?usage: bad_input.sh KANBAO SOURCE-ROOT}
fixtures=$src/tests/fixtures/bad
sample=$src/sample-issues/000_0a7de6b0a5fb8a92.txt
max_rss_kb=$((1024 * 1024)) # 1 GiB for a 100 MB file: ten times its size

n=0
failed=0

# ok/not ok lines, with diagnostics (files shown as # comments) on failure.
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	shift
	local f
	for f in "$@"; do
		[ -s "$f" ] && echo "#   ${f##*/}:" && head -c 2000 "$f" | sed 's/^/#     /'
	done
}
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
# check DESCRIPTION COMMAND...: one test line from a command's success.
check() {
	local desc=$1
	shift
	if "$@"; then pass "$desc"; else fail "$desc" "$tmp/out" "$tmp/err"; fi
}

if [ ! -x "$kanbao" ]; then
	echo "Bail out! no kanbao binary at $kanbao"
	exit 1
fi
if ! command -v python3 >/dev/null; then
	echo "Bail out! python3 is needed to validate the JSON output"
	exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kb_bad_input.XXXXXX")
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

# Run kanbao with a time limit; stdout to $tmp/out, stderr to $tmp/err,
# status in $rc (124: killed by the time limit).
run() {
	timeout 60 "$kanbao" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# Whether every line of $tmp/err starts with "kanbao: PATH".
stderr_names() {
	local path=$1 line
	while IFS= read -r line; do
		case $line in
		"kanbao: $path"*) ;;
		*) return 1 ;;
		esac
	done <"$tmp/err"
}

# Print "ENCODING<TAB>ARTICLES<TAB>yes|no" for the JSON object in $tmp/out,
# yes when its text holds $1; fail when stdout is not one JSON object.
json_summary() {
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
text = json.dumps(d, ensure_ascii=False)
print("%s\t%d\t%s" % (d["edition"]["encoding"], len(d["articles"]),
      "yes" if sys.argv[2] in text else "no"))
' "$tmp/out" "$1" 2>"$tmp/pyerr"
}

# One EXPECT line: run kanbao on the fixture and check everything it says.
check_fixture() {
	local name=$1 status=$2 enc=$3 arts=$4 want=$5 errs=$6
	local f=$fixtures/$name summary got_enc got_arts got_want piece rest

	if [ ! -f "$f" ]; then
		fail "$name: fixture exists"
		return
	fi
	run parse --json "$f"
	if [ "$rc" = "$status" ]; then
		pass "$name: exit status $status"
	else
		fail "$name: exit status $status (got $rc)" "$tmp/err"
	fi

	if [ "$errs" = "(none)" ]; then
		check "$name: nothing on stderr" test ! -s "$tmp/err"
	else
		check "$name: every stderr line names the file" stderr_names "$f"
		rest=$errs
		while [ -n "$rest" ]; do
			piece=${rest%% | *}
			if [ "$piece" = "$rest" ]; then rest=; else rest=${rest#* | }; fi
			piece=${piece//%F/$f}
			check "$name: stderr has '${piece#"$f"}'" grep -qF -- "$piece" "$tmp/err"
		done
	fi

	[ "$enc" = "-" ] && return
	if ! summary=$(json_summary "$want"); then
		fail "$name: stdout is JSON of the parse schema" "$tmp/out" "$tmp/pyerr"
		return
	fi
	pass "$name: stdout is JSON of the parse schema"
	IFS=$'\t' read -r got_enc got_arts got_want <<<"$summary"
	if [ "$got_enc" = "$enc" ]; then
		pass "$name: edition.encoding $enc"
	else
		fail "$name: edition.encoding $enc (got $got_enc)"
	fi
	case $arts in
	0) check "$name: no articles" test "$got_arts" -eq 0 ;;
	+) check "$name: at least one article ($got_arts)" test "$got_arts" -gt 0 ;;
	esac
	[ "$want" = "-" ] || check "$name: JSON holds '$want'" test "$got_want" = yes
}

# --- the committed fixtures, as EXPECT defines them ---
while read -r name status enc arts want errs; do
	case $name in '' | '#'*) continue ;; esac
	check_fixture "$name" "$status" "$enc" "$arts" "$want" "$errs"
done <"$fixtures/EXPECT"

# --- a single 100 MB line: parsed, memory bounded ---
python3 -c '
import sys
unit = "郑州高新区加快建设国家中心城市，持续优化营商环境。".encode()
with open(sys.argv[1], "wb") as f:
    f.write("特大单行测试\n\n".encode())
    f.write(unit * (100 * 1024 * 1024 // len(unit)))
    f.write(b"\n")
' "$tmp/big.txt"
if [ -x /usr/bin/time ]; then
	timeout 120 /usr/bin/time -f '%M %e' -o "$tmp/rss" \
		"$kanbao" parse --json "$tmp/big.txt" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	read -r rss secs <"$tmp/rss" 2>/dev/null || { rss=; secs=; }
	check "100 MB line: exit status 0 (got $rc, ${secs:-?} s)" test "$rc" = 0
	if [ -n "$rss" ]; then
		check "100 MB line: peak memory ${rss} KB < $max_rss_kb KB" \
			test "$rss" -lt "$max_rss_kb"
	else
		fail "100 MB line: peak memory measured" "$tmp/rss"
	fi
else
	# No GNU time: a hard cap on the address space instead.
	(ulimit -v $((2 * max_rss_kb)) && timeout 120 "$kanbao" parse --json \
		"$tmp/big.txt" >"$tmp/out" 2>"$tmp/err")
	rc=$?
	check "100 MB line: exit status 0 under a 2 GiB address-space limit (got $rc)" \
		test "$rc" = 0
fi
# The JSON is as large as the text: look at its head and size only.
check "100 MB line: encoding UTF-8 in the output" \
	grep -qE '"encoding": *"UTF-8"' <(head -c 4096 "$tmp/out")
check "100 MB line: the text is all in the output" \
	test "$(stat -c %s "$tmp/out")" -gt $((100 * 1000 * 1000))
rm -f "$tmp/big.txt" "$tmp/out"

# --- a directory with a symlink loop and a FIFO in it ---
mkdir -p "$tmp/loop/sub"
cp "$sample" "$tmp/loop/a.txt"
cp "$fixtures/gbk.txt" "$tmp/loop/sub/b.txt"
ln -s .. "$tmp/loop/sub/back"
mkfifo "$tmp/loop/sub/pipe.txt"
run parse "$tmp/loop"
check "symlink loop: exit status 1 (got $rc)" test "$rc" = 1
check "symlink loop: stderr names the loop" \
	grep -qF -- "kanbao: $tmp/loop/sub/back: symlink loop" "$tmp/err"
check "symlink loop: stderr names the FIFO, not a regular file" \
	grep -qF -- "kanbao: $tmp/loop/sub/pipe.txt: not a regular file" "$tmp/err"
check "symlink loop: the other files are parsed" \
	grep -qF -- "$tmp/loop/a.txt" "$tmp/out"
check "symlink loop: the file below the loop is parsed" \
	grep -qF -- "$tmp/loop/sub/b.txt" "$tmp/out"
check "symlink loop: each file parsed once" \
	test "$(grep -cF -- "$tmp/loop/a.txt" "$tmp/out")" = 1

# --- a FIFO named on the command line: refused at once, no hang ---
mkfifo "$tmp/fifo.txt"
run parse --json "$tmp/fifo.txt"
check "FIFO: exit status 1, no hang (got $rc)" test "$rc" = 1
check "FIFO: stderr names the file, not a regular file" \
	grep -qF -- "kanbao: $tmp/fifo.txt: not a regular file" "$tmp/err"

# --- a file without read permission ---
cp "$sample" "$tmp/secret.txt"
chmod 000 "$tmp/secret.txt"
run parse --json "$tmp/secret.txt"
if [ -r "$tmp/secret.txt" ]; then
	# root reads mode 000 files: all that can be checked is a normal parse.
	check "unreadable file, readable to this user: parsed (got $rc)" test "$rc" = 0
	skip "unreadable file: refused with 'Permission denied'" \
		"running as euid $(id -u), mode 000 does not stop reading"
else
	check "unreadable file: exit status 1 (got $rc)" test "$rc" = 1
	check "unreadable file: stderr names the file and says why" \
		grep -qF -- "kanbao: $tmp/secret.txt" "$tmp/err"
	check "unreadable file: Permission denied" grep -qF "Permission denied" "$tmp/err"
fi

# --- the same file twice: identical parses ---
run parse --json "$sample"
mv "$tmp/out" "$tmp/first"
run parse --json "$sample"
check "same file twice: exit status 0 (got $rc)" test "$rc" = 0
check "same file twice, two runs: identical JSON" cmp -s "$tmp/first" "$tmp/out"
run parse --json "$sample" "$sample"
check "same file twice, one run: exit status 0 (got $rc)" test "$rc" = 0
check "same file twice, one run: two identical parses" python3 -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
sys.exit(not (isinstance(d, list) and len(d) == 2 and d[0] == d[1]))
' "$tmp/out"

echo "1..$n"
[ "$failed" = 0 ]
