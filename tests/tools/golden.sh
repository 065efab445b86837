#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Golden tests of the loader: `kanbao parse --json` of each sample edition (and
# of two real pages of another paper, from ../shared) must
# equal tests/golden/NAME.json byte for byte. After a deliberate change of the
# loader, review the diff and refresh with: tests/tools/golden.sh KANBAO ROOT --update
# Usage: golden.sh KANBAO_BINARY SOURCE_ROOT [--update]   (prints TAP)
set -u
kanbao=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$2
update=${3:-}
cd "$root" || exit 1
n=0 failed=0
# the samples, and two real pages of another paper (one of each of its
# layouts) when ../shared/real-pages is beside the repository; without it
# (a release tarball) their checks are skipped, saying why
editions=(sample-issues/*.txt)
real=../shared/real-pages/editions
for page in rmrb_20190215_p12 rmrb_20200512_p08; do
	if [ -f "$real/$page.txt" ]; then
		editions+=("$real/$page.txt")
	elif [ "$update" != --update ]; then
		n=$((n + 1))
		echo "ok $n - golden parse of $page # SKIP $real/$page.txt not present" \
			"(the developers' shared directory, not in the repository)"
	fi
done
for ed in "${editions[@]}"; do
	name=$(basename "$ed" .txt)
	want=tests/golden/$name.json
	got=$(mktemp)
	"$kanbao" parse --json "$ed" >"$got" 2>/dev/null
	n=$((n + 1))
	if [ "$update" = --update ]; then
		cp "$got" "$want"
		echo "ok $n - $name updated"
	elif cmp -s "$got" "$want"; then
		echo "ok $n - golden parse of $name"
	else
		failed=$((failed + 1))
		echo "not ok $n - golden parse of $name"
		diff -u "$want" "$got" | head -40 | sed 's/^/#   /'
	fi
	rm -f "$got"
done
echo "1..$n"
[ "$failed" -eq 0 ]
