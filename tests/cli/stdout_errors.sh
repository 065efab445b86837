#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Issue 9, failure 4: write errors on stdout were ignored. `> /dev/full`
# exited 0 for list, export and parse, and `export --format json` on a full
# disk exited 0 with truncated JSON. Every command must end non-zero with a
# message naming standard output; a closed pipe ends kanbao quietly with a
# non-zero status (killed by SIGPIPE, or status 1 when SIGPIPE is ignored).
# Usage: stdout_errors.sh KANBAO SOURCE_ROOT   (prints TAP)
set -u
kanbao=$1 root=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kb_stdout.XXXXXX")
mnt=$tmp/full
cleanup() {
	mountpoint -q "$mnt" 2>/dev/null && umount "$mnt"
	rm -rf "$tmp"
}
trap cleanup EXIT
. "$(dirname "$0")/lib.sh"
unset KANBAO_DB
db=$tmp/a.db
samples=$root/sample-issues

"$kanbao" --db "$db" import "$samples" >/dev/null 2>&1
id=$("$kanbao" --db "$db" list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
"$kanbao" --db "$db" tag "$id" -- 重要 >/dev/null 2>&1
# a large note, so that the backup outgrows the small file system below
python3 -c 'print("笔记内容" * 30000)' | "$kanbao" --db "$db" note "$id" - >/dev/null 2>&1

# full CMD...: run kanbao with stdout on /dev/full; it must fail and say why.
full() {
	local what="$*"
	what=${what/--db $db /}
	"$kanbao" "$@" >/dev/full 2>"$tmp/err" </dev/null
	local rc=$?
	if [ "$rc" -ne 0 ] && [ "$rc" -lt 124 ] &&
		grep -q "standard output: No space left on device" "$tmp/err"; then
		pass "> /dev/full: $what exits $rc with a message"
	else
		echo "# exit status $rc"
		fail "> /dev/full: $what exits non-zero with a message"
	fi
}
full parse "$samples"
full parse --json "$samples"
full --db "$db" list
full --db "$db" list --json
full --db "$db" search 郑州
full --db "$db" show "$id"
full --db "$db" show --json "$id"
full --db "$db" tags
full --db "$db" export --format json
full --db "$db" export --all
full --db "$db" export --all --with-text
full --help
full --version

# a real full disk: a small tmpfs (root only)
if [ "$(id -u)" -ne 0 ]; then
	skip "full disk: export --format json" "not root: cannot mount a tmpfs"
	skip "full disk: parse --json" "not root: cannot mount a tmpfs"
elif ! { mkdir -p "$mnt" && mount -t tmpfs -o size=64k tmpfs "$mnt"; } 2>/dev/null; then
	skip "full disk: export --format json" "mount of a tmpfs failed"
	skip "full disk: parse --json" "mount of a tmpfs failed"
else
	"$kanbao" --db "$db" export --format json >"$mnt/backup.json" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 0 ] && grep -q "standard output: No space left on device" "$tmp/err"; then
		pass "full disk: export --format json > FILE exits $rc and says so"
	else
		echo "# exit status $rc, $(wc -c <"$mnt/backup.json") bytes written"
		fail "full disk: export --format json > FILE exits non-zero and says so"
	fi
	rm -f "$mnt/backup.json"
	"$kanbao" parse --json "$samples" "$samples" >"$mnt/parse.json" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne 0 ] && grep -q "standard output: No space left on device" "$tmp/err"; then
		pass "full disk: parse --json > FILE exits $rc and says so"
	else
		echo "# exit status $rc"
		fail "full disk: parse --json > FILE exits non-zero and says so"
	fi
fi

# a closed pipe: the reader (head) goes away after 100 bytes. parse of the
# samples three times is far more than a pipe holds.
"$kanbao" parse --json "$samples" "$samples" "$samples" 2>"$tmp/err" | head -c 100 >/dev/null
rc=${PIPESTATUS[0]}
check "closed pipe: parse ends by SIGPIPE (status $rc)" test "$rc" -eq 141
check "closed pipe: nothing on stderr" test ! -s "$tmp/err"
# with SIGPIPE ignored (inherited, as some daemons and CI runners do) the
# write fails with EPIPE instead: still non-zero, still quiet
(trap '' PIPE; exec "$kanbao" parse --json "$samples" "$samples" "$samples") 2>"$tmp/err" |
	head -c 100 >/dev/null
rc=${PIPESTATUS[0]}
check "closed pipe, SIGPIPE ignored: parse exits non-zero (status $rc)" test "$rc" -ne 0 -a "$rc" -lt 124
check "closed pipe, SIGPIPE ignored: nothing on stderr" test ! -s "$tmp/err"
(trap '' PIPE; exec "$kanbao" --db "$db" export --format json) 2>"$tmp/err" | head -c 100 >/dev/null
rc=${PIPESTATUS[0]}
check "closed pipe, SIGPIPE ignored: export --format json exits non-zero (status $rc)" \
	test "$rc" -ne 0 -a "$rc" -lt 124
check "closed pipe, SIGPIPE ignored: export says nothing" test ! -s "$tmp/err"

# and a good stdout is still fine
"$kanbao" --db "$db" export --format json >"$tmp/backup.json" 2>"$tmp/err"
check "a normal export --format json exits 0" test $? -eq 0
check "  and its JSON is whole" python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/backup.json"
done_tap
