#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The loader's quality measured by the shared scorer (../shared/tools/score-editions).
# Usage: score.sh KANBAO_BINARY SOURCE_ROOT [TRUTH_DIR EDITION_DIR MIN_SCORE]   (prints TAP)
# Without the last three: the sample editions against ../shared/truth, each of which must
# be read perfectly (score 1.000). With them: every edition must parse, and the closing
# score must be at least MIN_SCORE (for editions written unlike the samples, where a
# perfect reading is the aim, not the bar).
set -u
kanbao=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$2
cd "$root" || exit 1
truth=${3:-../shared/truth}
editions=${4:-sample-issues}
min=${5:-}
scorer=../shared/tools/score-editions
# The scorer (and the samples' truth) live in the developers' shared
# directory beside the source tree, which a release tarball does not have.
if [ ! -x "$scorer" ]; then
	echo "1..0 # SKIP $scorer not present (the developers' shared directory, not in the repository)"
	exit 0
fi
if [ ! -d "$truth" ]; then
	echo "1..0 # SKIP $truth not present"
	exit 0
fi
out=$("$scorer" --verbose "$truth" "$editions" -- "$kanbao" parse --json 2>&1)
status=$?
n=0 failed=0
check() { # check OK DESCRIPTION
	n=$((n + 1))
	if [ "$1" = yes ]; then
		echo "ok $n - $2"
	else
		failed=$((failed + 1))
		echo "not ok $n - $2"
	fi
}
while IFS= read -r line; do
	case "$line" in
	*.txt:*)
		if [ -n "$min" ]; then
			[[ "$line" == *FAILED* ]] && ok=no || ok=yes
			check $ok "${line%%:*} parsed: ${line#*: }"
		else
			ok=$(python3 -c '
import re, sys
line = sys.argv[1]
pairs = re.findall(r"(\d+)/(\d+)", line)
m = re.search(r"leaks (\d+)", line)
print("yes" if "FAILED" not in line and m and m.group(1) == "0" and all(a == b for a, b in pairs) else "no")' "$line")
			check "$ok" "${line%%:*} read perfectly: ${line#*: }"
		fi
		;;
	"    "*) echo "#$line" ;;
	score:*)
		want=${min:-1.000}
		ok=$(python3 -c 'import sys; print("yes" if float(sys.argv[1].split()[1]) >= float(sys.argv[2]) else "no")' "$line" "$want")
		[ "$status" -eq 0 ] || ok=no
		check "$ok" "$line (at least $want)"
		;;
	esac
done <<<"$out"
echo "1..$n"
[ "$failed" -eq 0 ] && [ "$n" -gt 0 ]
