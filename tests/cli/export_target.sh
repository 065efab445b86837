#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Issue 9, failure 11: `export -o` replaced a symlink or a FIFO at the
# target with a regular file. A symlink is written through (its target is
# replaced atomically, in its own directory; the link stays a link; a
# dangling link creates its target); a FIFO, a device, a socket or a
# directory is refused with a message naming it, and left alone. --split
# never writes through a dangling symlink that holds an article's name.
# Usage: export_target.sh KANBAO SOURCE_ROOT   (prints TAP)
set -u
kanbao=$1 root=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kb_export_target.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
unset KANBAO_DB
db=$tmp/a.db
kb() { timeout 20 "$kanbao" --db "$db" "$@"; }
kb import "$root/sample-issues/000_0a7de6b0a5fb8a92.txt" >/dev/null 2>&1
id=$(kb list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
kb tag "$id" -- 重要 >/dev/null 2>&1
# exported FILE: FILE holds an export (its front matter names the article)
exported() { grep -q "^id: \"$id\"" "$1"; }
# temps_left DIR: a temporary file of the atomic write was left behind
no_temps() { ! ls -A "$1" | grep -q '^\..*\.[A-Za-z0-9]\{6\}$'; }

# a symlink to a file: written through, the link kept
mkdir "$tmp/s1"
printf 'OLD\n' >"$tmp/s1/real.md"
chmod 600 "$tmp/s1/real.md"
ln -s real.md "$tmp/s1/link.md"
check "export -o a symlink to a file succeeds" kb export --article "$id" -o "$tmp/s1/link.md"
check "  the link is still a symlink" test -L "$tmp/s1/link.md"
check "  still pointing where it did" test "$(readlink "$tmp/s1/link.md")" = real.md
check "  its target holds the export" exported "$tmp/s1/real.md"
check "  the target keeps its permissions (600)" test "$(stat -c %a "$tmp/s1/real.md")" = 600
check "  no temporary file left" no_temps "$tmp/s1"

# a relative link into another directory, dangling: its target is created
mkdir "$tmp/d1" "$tmp/d2"
ln -s ../d2/new.md "$tmp/d1/link.md"
check "export -o a dangling symlink succeeds" kb export --article "$id" -o "$tmp/d1/link.md"
check "  the link is still a symlink" test -L "$tmp/d1/link.md"
check "  its target was created in the other directory" exported "$tmp/d2/new.md"
check "  no temporary file in either directory" sh -c '! ls -A "$1" "$2" | grep -q "^\."' \
	sh "$tmp/d1" "$tmp/d2"

# a chain of two links
mkdir "$tmp/c"
printf 'OLD\n' >"$tmp/c/end.md"
ln -s end.md "$tmp/c/mid.md"
ln -s "$tmp/c/mid.md" "$tmp/c/start.md"
check "export -o a chain of symlinks succeeds" kb export --article "$id" -o "$tmp/c/start.md"
check "  both links kept, the file at the end written" \
	sh -c 'test -L "$1/start.md" && test -L "$1/mid.md" && grep -q "^id: " "$1/end.md"' sh "$tmp/c"

# refuse DESCRIPTION PATH TEST-FLAG WORD: export -o PATH fails, naming it
# and what it is (WORD), without hanging, and PATH is still what it was
refuse() {
	local what=$1 path=$2 flag=$3 word=$4
	kb export --article "$id" -o "$path" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	if [ "$rc" -ne 0 ] && [ "$rc" -lt 124 ] && grep -q "${path##*/}.*$word" "$tmp/err"; then
		pass "export -o $what is refused, naming it"
		echo "#   $(head -1 "$tmp/err")"
	else
		echo "# exit status $rc"
		fail "export -o $what is refused, naming it"
	fi
	check "  it is still $what" test "$flag" "$path"
}
mkfifo "$tmp/fifo"
refuse "a FIFO" "$tmp/fifo" -p FIFO
ln -s fifo "$tmp/to-fifo"
refuse "a symlink to a FIFO" "$tmp/to-fifo" -p FIFO
check "  the link is still a symlink" test -L "$tmp/to-fifo"
if mknod "$tmp/null" c 1 3 2>/dev/null; then
	refuse "a character device" "$tmp/null" -c "character device"
else
	skip "export -o a character device is refused" "mknod needs root"
	skip "  it is still a character device" "mknod needs root"
fi
if python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$tmp/sock" 2>/dev/null; then
	refuse "a socket" "$tmp/sock" -S socket
else
	skip "export -o a socket is refused" "cannot bind a unix socket here"
	skip "  it is still a socket" "cannot bind a unix socket here"
fi
no_temps "$tmp" && pass "no temporary file left by a refusal" || fail "no temporary file left by a refusal"

# --split: a dangling symlink holding an article's name is a name taken
mkdir "$tmp/split" "$tmp/outside"
kb export --all --split -o "$tmp/split" >/dev/null 2>&1
name=$(ls "$tmp/split" | head -1)
check "split: one file per article" test -n "$name"
rm -f "$tmp/split/"*
ln -s "$tmp/outside/escaped.md" "$tmp/split/$name"
check "split again beside a dangling symlink of the same name" kb export --all --split -o "$tmp/split"
check "  nothing was written through it" test ! -e "$tmp/outside/escaped.md"
check "  the link is untouched" test -L "$tmp/split/$name"
check "  the article went to a new name" sh -c 'ls "$1" | grep -q " (2)\.md$"' sh "$tmp/split"
done_tap
