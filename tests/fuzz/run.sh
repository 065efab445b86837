#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Fuzz kanbao with libFuzzer under AddressSanitizer and UBSan.
#
# Usage: tests/fuzz/run.sh [TARGET|all] [SECONDS]
#
# TARGET is one of the fuzz_TARGET.c files here (default loader):
#   loader    the decoder and the parser, from bytes as an edition file
#   layout    the wrapper and truncation (widths, spans in order)
#   markdown  the Markdown and YAML writers
#   restore   the JSON backup's restore into a fresh library
#   search    the tokenizer and search: a piece of an article is found
#   config    the config file and theme parsers
#   all       each of them in turn, SECONDS each
# SECONDS is how long each target runs (default 120).
#
# The code is built once with clang in a meson build directory of its own
# (KANBAO_FUZZ_BUILD, default build-fuzz): everything compiled with
# -fsanitize=fuzzer-no-link, only the fuzz_TARGET executables linked with
# libFuzzer (a plain b_sanitize=fuzzer would break meson's own compiler
# checks). Each run starts from the saved corpus (tests/fuzz/corpus/TARGET)
# and the sample editions, fixtures or themes, works in a scratch corpus
# (kept between runs), and at the end copies into the saved corpus the few
# inputs (KANBAO_FUZZ_KEEP, default 10) that reach the most code edges the
# saved corpus does not: commit the ones worth keeping (a few dozen per
# target at most). A crash, leak or broken promise is written to
# KANBAO_FUZZ_FINDINGS/TARGET/ (default build-fuzz/findings), never into
# the corpus: the fuzz-replay tests replay the corpus in every test run, so
# an input joins it when its bug is fixed, as a regression input.
#
# Needs clang and its runtimes: apt-get install clang libclang-rt-14-dev
# (the runtimes come with clang on Debian 12).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
target=${1:-loader}
secs=${2:-120}
case $target in
*[!0-9]*) ;;
*) target=loader secs=$1 ;; # the old usage: run.sh SECONDS
esac
build=${KANBAO_FUZZ_BUILD:-$root/build-fuzz}
findings=${KANBAO_FUZZ_FINDINGS:-$build/findings}

targets=()
for f in "$root"/tests/fuzz/fuzz_*.c; do
	t=${f##*/fuzz_}
	targets+=("${t%.c}")
done
case $target in
all) run=("${targets[@]}") ;;
*)
	if [ ! -f "$root/tests/fuzz/fuzz_$target.c" ]; then
		echo "run.sh: unknown target '$target' (${targets[*]} all)" >&2
		exit 2
	fi
	run=("$target")
	;;
esac
case $secs in
'' | *[!0-9]*)
	echo "run.sh: SECONDS must be a number, not '$secs'" >&2
	exit 2
	;;
esac
if ! command -v clang >/dev/null; then
	echo "run.sh: needs clang: apt-get install clang libclang-rt-14-dev" >&2
	exit 2
fi

# One build directory for fuzzing, set up once and rebuilt incrementally.
if [ ! -f "$build/build.ninja" ]; then
	CC=clang meson setup "$build" "$root" \
		-Dbuildtype=debugoptimized -Dwerror=false \
		-Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args='-fsanitize=fuzzer-no-link -fno-sanitize-recover=all'
fi

# Inputs to start from besides the saved corpus (read, never written).
seeds_of()
{
	case $1 in
	loader | layout | markdown | search)
		echo "$root/sample-issues" "$root/tests/fixtures/bad"
		;;
	config) echo "$root/themes" ;;
	esac
}

# The longest input worth trying: a library per input is slow to make.
max_len_of()
{
	case $1 in
	search) echo 4096 ;;
	restore | config) echo 8192 ;;
	*) echo 65536 ;;
	esac
}

# Merge into the saved corpus the inputs of the scratch corpus that cover
# code edges the saved corpus does not: libFuzzer's merge, run over a copy of
# the saved corpus and the scratch one, lists in its control file the edges
# each input adds (in order, saved inputs first); the KANBAO_FUZZ_KEEP
# (default 10) inputs adding the most are copied. libFuzzer's own merge would
# keep every input with a new feature: hundreds.
keep_new()
{
	local t=$1 corpus=$root/tests/fuzz/corpus/$1 work=$build/work/$1
	local old=$build/work/$1.saved ctl=$build/work/$1.merge kept=0 n f
	rm -rf "$old" "$ctl"
	cp -r "$corpus" "$old"
	"$build/tests/fuzz/fuzz_$t" -merge=1 -merge_control_file="$ctl" \
		-max_len="$(max_len_of "$t")" -timeout=10 "$old" "$work" >/dev/null 2>&1 || true
	while read -r n f; do
		if [ -f "$f" ] && [ ! -e "$corpus/${f##*/}" ]; then
			cp -- "$f" "$corpus/"
			kept=$((kept + 1))
			echo "run.sh: $t: kept ${f##*/} ($n new edges)"
		fi
	done < <(awk 'NR == 1 { files = $1 } NR == 2 { saved = $1 }
		NR > 2 && NR <= 2 + files { name[NR - 3] = $0 }
		/^COV / && $2 >= saved && NF > 2 { print NF - 2, name[$2] }' "$ctl" 2>/dev/null |
		sort -rn | head -n "${KANBAO_FUZZ_KEEP:-10}")
	rm -rf "$old"
	echo "run.sh: $t: $kept new inputs in $corpus (commit the ones worth keeping)"
}

status=0
for t in "${run[@]}"; do
	meson compile -C "$build" "fuzz_$t" >/dev/null
	corpus=$root/tests/fuzz/corpus/$t
	work=$build/work/$t
	mkdir -p "$corpus" "$work" "$findings/$t"
	dict=()
	if [ -f "$root/tests/fuzz/$t.dict" ]; then
		dict=(-dict="$root/tests/fuzz/$t.dict")
	fi
	echo "run.sh: fuzzing $t for $secs s (findings in $findings/$t)"
	# shellcheck disable=SC2046 # the seed directories are separate words
	if ! "$build/tests/fuzz/fuzz_$t" -max_total_time="$secs" -max_len="$(max_len_of "$t")" \
		-timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "${dict[@]}" \
		-artifact_prefix="$findings/$t/" \
		"$work" "$corpus" $(seeds_of "$t"); then
		echo "run.sh: $t: a finding, saved in $findings/$t/" >&2
		status=1
	fi
	keep_new "$t"
done
exit $status
