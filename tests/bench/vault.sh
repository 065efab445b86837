#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Re-export into a vault: the time `kanbao export --split` takes to find an
# article's file by its id in a folder of N notes (default 10,000, in 20
# subfolders, each with front matter), beside the same export into an
# empty folder, run side by side R times (default 3).
# Usage: tests/bench/vault.sh [KANBAO] [N] [R]
set -eu
kanbao=${1:-build/kanbao}
n=${2:-10000}
r=${3:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp/vault" "$n" <<'PY'
import os, sys
top, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = f"{top}/f{i // 500:02d}"
    os.makedirs(d, exist_ok=True)
    with open(f"{d}/note{i}.md", "w") as f:
        f.write(f'---\ntitle: "笔记{i}"\nid: "x{i:011d}"\ntags: []\n---\n\n# 笔记{i}\n\n' + "正文" * 200 + "\n")
PY
mkdir "$tmp/empty"
"$kanbao" --db "$tmp/db" import "$root/sample-issues" >/dev/null 2>&1
id=$("$kanbao" --db "$tmp/db" list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
"$kanbao" --db "$tmp/db" tag "$id" -- bench >/dev/null
ms() { python3 -c 'import subprocess, sys, time
t = time.perf_counter(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
print(f"{(time.perf_counter() - t) * 1000:.0f}")' "$@"; }
for ((k = 1; k <= r; k++)); do
	e=$(ms "$kanbao" --db "$tmp/db" export --article "$id" --split -o "$tmp/empty")
	v=$(ms "$kanbao" --db "$tmp/db" export --article "$id" --split -o "$tmp/vault")
	echo "run $k: empty folder $e ms, folder of $n notes $v ms"
done
