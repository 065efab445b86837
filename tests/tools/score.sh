#!/usr/bin/env bash
# The loader's quality on the sample editions, measured by the shared scorer
# against ../shared/truth: every edition must be read perfectly (score 1.000).
# Usage: score.sh KANBAO_BINARY SOURCE_ROOT   (prints TAP)
set -u
kanbao=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$2
cd "$root" || exit 1
scorer=../shared/tools/score-editions
if [ ! -x "$scorer" ] || [ ! -d ../shared/truth ]; then
	echo "1..0 # SKIP ../shared/tools/score-editions not present"
	exit 0
fi
out=$("$scorer" --verbose ../shared/truth sample-issues -- "$kanbao" parse --json 2>&1)
status=$?
n=0 failed=0
while IFS= read -r line; do
	case "$line" in
	*.txt:*)
		n=$((n + 1))
		# perfect when every a/b count has a == b and there are no leaks
		perfect=$(python3 - "$line" <<'PY'
import re, sys
line = sys.argv[1]
pairs = re.findall(r"(\d+)/(\d+)", line)
leaks = int(re.search(r"leaks (\d+)", line).group(1)) if "leaks" in line else 1
print("yes" if "FAILED" not in line and all(a == b for a, b in pairs) and leaks == 0 else "no")
PY
)
		if [ "$perfect" = yes ]; then
			echo "ok $n - ${line%%:*} read perfectly"
		else
			failed=$((failed + 1))
			echo "not ok $n - $line"
		fi
		;;
	"    "*) echo "#$line" ;;
	score:*)
		n=$((n + 1))
		if [ "$status" -eq 0 ] && [[ "$line" == "score: 1.000"* ]]; then
			echo "ok $n - $line"
		else
			failed=$((failed + 1))
			echo "not ok $n - $line"
		fi
		;;
	esac
done <<<"$out"
echo "1..$n"
[ "$failed" -eq 0 ] && [ "$n" -gt 0 ]
