#!/bin/bash
# SPDX-License-Identifier: MIT
# SIGKILL during every kind of write of the command line (issue 9): import,
# restore and export are killed at random moments, many times. Afterwards
# the library is whole (`check` ok: every article indexed, no half edition),
# the annotations are exactly as before or exactly as after a restore (never
# half), an edition's articles are all there or the edition is not, and an
# export's file is the old one or the complete new one.
#
# usage: kill_writes.sh path/to/kanbao project-source-root [ROUNDS]  (TAP)
set -u
kanbao=${1:?usage: kill_writes.sh KANBAO SOURCE-ROOT [ROUNDS]}
src=${2:?usage: kill_writes.sh KANBAO SOURCE-ROOT [ROUNDS]}
rounds=${3:-8}

n=0 failed=0
pass() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | head -5 | sed 's/^/#   /'; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kb_kill.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
unset KANBAO_DB
export HOME=$tmp/home
mkdir -p "$HOME"
db=$tmp/lib.db
kb() { timeout 120 "$kanbao" --db "$db" "$@"; }
# kill_at SECONDS COMMAND...: start the command, SIGKILL it after SECONDS
kill_at() {
	local delay=$1
	shift
	"$@" >/dev/null 2>&1 &
	local pid=$!
	sleep "$delay"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
}
rand_delay() { python3 -c "import random; print(round(random.uniform(0.02, $1), 3))"; }

# 120 editions made different from the samples
eds=$tmp/eds
mkdir -p "$eds"
i=0
for k in $(seq 1 24); do
	for f in "$src"/sample-issues/*.txt; do
		i=$((i + 1))
		{ cat "$f"; printf '\n第%d号附记：测试用。\n' "$i"; } >"$eds/$(printf '2002-02-%02d_p%03d.txt' $((k % 28 + 1)) "$i")"
	done
done
# the articles each edition must have, by the loader
"$kanbao" parse --json "$eds" | python3 -c '
import json, os, sys
for e in json.load(sys.stdin):
    print("%s %d" % (os.path.basename(e["edition"]["source"]), len(e["articles"])))' | sort >"$tmp/want-articles"

kb import "$eds"/2002-02-0[1-2]_*.txt >/dev/null 2>&1
kb tag $(kb list --json | python3 -c 'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin)[:15]))') -- 先前 >/dev/null 2>&1
annotations() { kb export --format json 2>/dev/null | python3 -c 'import json,sys; d=json.load(sys.stdin); d.pop("exported", None); print(json.dumps(d, sort_keys=True))' | md5sum; }
before=$(annotations)

# ---- import ----
whole=yes
for r in $(seq 1 "$rounds"); do
	kill_at "$(rand_delay 0.8)" "$kanbao" --db "$db" import "$eds"
	out=$(kb check 2>&1)
	[ "$out" = ok ] || { whole="round $r: $out"; break; }
	got=$(kb editions --json | python3 -c 'import json,sys; print("\n".join("%s %d" % (e["name"], e["articles"]) for e in json.load(sys.stdin)))' | sort)
	listed=$(kb list --json | python3 -c '
import json, sys, collections
c = collections.Counter(r["edition"] for r in json.load(sys.stdin))
print("\n".join("%s %d" % kv for kv in sorted(c.items())))')
	if [ "$got" != "$listed" ] || [ -n "$(comm -23 <(echo "$got") "$tmp/want-articles")" ]; then
		whole="round $r: an edition is not whole"
		break
	fi
done
[ "$whole" = yes ] && pass "import killed $rounds times: check ok and every edition whole each time" || fail "import killed: library whole" "$whole"
[ "$(annotations)" = "$before" ] && pass "import killed: the annotations are untouched" || fail "import killed: the annotations are untouched"
kb import "$eds" >/dev/null 2>&1
[ "$(kb editions --json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 120 ] \
	&& pass "import killed: a last import completes the library" || fail "import killed: a last import completes the library"

# ---- restore ----
other=$tmp/other.db
timeout 120 "$kanbao" --db "$other" import "$eds" >/dev/null 2>&1
timeout 120 "$kanbao" --db "$other" tag $(timeout 60 "$kanbao" --db "$other" list --json |
	python3 -c 'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin)[20:320]))') -- 恢复 >/dev/null 2>&1
timeout 60 "$kanbao" --db "$other" export --format json >"$tmp/other.json"
before=$(annotations)
half=no
for r in $(seq 1 "$rounds"); do
	kill_at "$(rand_delay 0.3)" "$kanbao" --db "$db" restore "$tmp/other.json"
	now=$(annotations)
	if [ "$now" != "$before" ]; then
		kb restore "$tmp/other.json" >/dev/null 2>&1
		after=$(annotations)
		[ "$now" = "$after" ] || { half="round $r: half a restore"; break; }
		break
	fi
done
[ "$half" = no ] && pass "restore killed: the annotations are as before or as after, never half" || fail "restore killed: never half" "$half"
out=$(kb check 2>&1)
[ "$out" = ok ] && pass "restore killed: check ok" || fail "restore killed: check ok" "$out"

# ---- export ----
kb export --format json -o "$tmp/backup.json" >/dev/null 2>&1
cp "$tmp/backup.json" "$tmp/backup.old"
kb tag $(kb list --json | python3 -c 'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin)[400:700]))') -- 新添 >/dev/null 2>&1
kb export --format json -o "$tmp/backup.new" >/dev/null 2>&1
torn=no
for r in $(seq 1 "$rounds"); do
	cp "$tmp/backup.old" "$tmp/backup.json"
	kill_at "$(rand_delay 0.3)" "$kanbao" --db "$db" export --format json -o "$tmp/backup.json"
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$tmp/backup.json" 2>/dev/null || { torn="round $r: not JSON"; break; }
done
[ "$torn" = no ] && pass "export -o killed: the file is always the old one or the complete new one" || fail "export -o killed: never torn" "$torn"

echo "1..$n"
[ $failed -eq 0 ]
