#!/usr/bin/env bash
# Fuzz a target with libFuzzer under AddressSanitizer and UBSan for a while
# (default 120 s), from the sample editions and the saved corpus. Targets:
# loader (decoder and parser), layout (the wrapper), markdown (the export
# writer). New interesting inputs are kept in tests/fuzz/corpus/TARGET; keep
# any crash input there too: the fuzz-replay tests run every saved input.
# Usage: tests/fuzz/run.sh [TARGET] [SECONDS]   (needs clang: apt-get install clang)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
target=${1:-loader}
secs=${2:-120}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
srcs=("$root"/src/util/*.c "$root"/src/loader/*.c)
case $target in
loader) ;;
layout) srcs+=("$root"/src/layout/*.c) ;;
markdown) srcs+=("$root"/src/store/*.c "$root"/src/export/*.c) ;;
*) echo "unknown target $target (loader, layout, markdown)" >&2; exit 2 ;;
esac
clang -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer,address,undefined \
	-I"$root/include" -I"$root/src/loader" -I"$root/src/store" \
	"$root/tests/fuzz/fuzz_$target.c" "${srcs[@]}" -lunistring -lsqlite3 -lm -o "$out/fuzz"
seeds=$(mktemp -d)
cp "$root"/sample-issues/*.txt "$root"/tests/fixtures/bad/* "$seeds/" 2>/dev/null || true
mkdir -p "$root/tests/fuzz/corpus/$target"
"$out/fuzz" -max_total_time="$secs" -max_len=65536 -timeout=10 \
	-artifact_prefix="$root/tests/fuzz/corpus/$target/crash-" \
	"$root/tests/fuzz/corpus/$target" "$seeds"
rm -rf "$seeds"
