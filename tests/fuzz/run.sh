#!/usr/bin/env bash
# Fuzz the loader with libFuzzer and AddressSanitizer for a while (default 120 s),
# starting from the sample editions and the saved corpus. New interesting inputs
# are kept in tests/fuzz/corpus/loader; commit any crash input there too.
# Usage: tests/fuzz/run.sh [SECONDS]    (needs clang; Debian: apt-get install clang)
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
secs=${1:-120}
out=$(mktemp -d)
clang -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer,address,undefined \
	-I"$root/include" -I"$root/src/loader" \
	"$root/tests/fuzz/fuzz_loader.c" "$root"/src/loader/*.c "$root"/src/util/*.c \
	-lunistring -lm -o "$out/fuzz_loader"
seeds=$(mktemp -d)
cp "$root"/sample-issues/*.txt "$root"/tests/fixtures/bad/* "$seeds/" 2>/dev/null || true
"$out/fuzz_loader" -max_total_time="$secs" -max_len=65536 -timeout=10 \
	-artifact_prefix="$root/tests/fuzz/corpus/loader/crash-" \
	"$root/tests/fuzz/corpus/loader" "$seeds"
