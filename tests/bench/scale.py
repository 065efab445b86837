#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""kanbao at 1,000, 10,000 and 100,000 editions (issue 10), side by side.

usage: scale.py KANBAO WORK_DIR SHARED_DIR [SIZES...]

Makes the corpora once (SHARED_DIR/tools/make-corpus, under WORK_DIR/cN) and
the libraries once per kanbao binary (WORK_DIR/libs-HASH/libN.db, the import
timed then), and prints, for each size, the figures of the issue's table.
Every time is a median of repeated runs measured in this run, and every
speed is beside its reference measured in the same run: `rg -l` over the
same files for search, a fresh library for import. Nothing here passes or
fails: it measures.
"""
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

KANBAO, WORK, SHARED = sys.argv[1], sys.argv[2], sys.argv[3]
SIZES = [int(x) for x in sys.argv[4:]] or [1000, 10000, 100000]
TWO = ["郑州", "发展", "建设", "项目", "企业", "群众", "文化", "高新", "经济", "社区",
       "改革", "创新", "会议", "服务", "交通", "环境", "教育", "工作", "活动", "科技"]
ONE = ["的", "州", "新", "城", "会", "展", "人", "市", "业", "区",
       "文", "化", "经", "济", "中", "国", "大", "年", "月", "日"]


def run(args, env=None, stdin=None):
    t = time.perf_counter()
    p = subprocess.run(args, capture_output=True, env=env, stdin=stdin)
    return time.perf_counter() - t, p


def rss_run(args):
    """Wall time and peak RSS (KB) of a command, by GNU time."""
    t = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + args, capture_output=True)
    secs = time.perf_counter() - t
    rss = int(p.stderr.decode().strip().splitlines()[-1]) if p.stderr else 0
    return secs, rss, p


def corpus(n):
    d = os.path.join(WORK, f"c{n}")
    if not os.path.isdir(d) or len(os.listdir(d)) < n:
        subprocess.run([os.path.join(SHARED, "tools", "make-corpus"), "--editions", str(n), d],
                       check=True, capture_output=True)
    return d


def dir_bytes(d):
    return sum(os.path.getsize(os.path.join(d, f)) for f in os.listdir(d))


def libs_dir():
    """The libraries of this binary (KANBAO_SCALE_LIBS: of another build of
    the same schema, e.g. a release build of the same source)."""
    h = hashlib.sha256(open(KANBAO, "rb").read()).hexdigest()[:12]
    d = os.environ.get("KANBAO_SCALE_LIBS") or os.path.join(WORK, "libs-" + h)
    os.makedirs(d, exist_ok=True)
    return d


def library(n, libs):
    """The library of n editions, imported once; the import's time."""
    db = os.path.join(libs, f"lib{n}.db")
    meta = db + ".import"
    if not os.path.exists(meta):
        for f in (db, db + "-wal", db + "-shm"):
            if os.path.exists(f):
                os.remove(f)
        secs, _ = run([KANBAO, "--db", db, "import", corpus(n)])
        open(meta, "w").write(str(secs))
    return db, float(open(meta).read())


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def p90(xs):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.9 * (len(xs) - 1))))] if xs else float("nan")


def search_times(db, words):
    out = []
    for w in words:
        secs, p = run([KANBAO, "--db", db, "search", "--json", "--limit", "20", w])
        out.append(secs)
    return out


def rg_times(cdir, words):
    out = []
    for w in words:
        secs, _ = run(["rg", "-l", "-F", w, cdir])
        out.append(secs)
    return out


def reader(db, args):
    """The reader's own figures (KANBAO_BENCH) in tmux at 120x40, and its
    peak RSS from GNU time: dict."""
    out = os.path.join(WORK, "bench.out")
    rss = os.path.join(WORK, "bench.rss")
    for f in (out, rss):
        if os.path.exists(f):
            os.remove(f)
    sock = f"kanbao-scale-{os.getpid()}"
    subprocess.run(["tmux", "-L", sock, "kill-server"], capture_output=True)
    env = f"env LANG=C.UTF-8 TERM=xterm-256color KANBAO_BENCH={out} XDG_CONFIG_HOME={WORK}/noconfig"
    cmd = f"{env} /usr/bin/time -o {rss} -f %M {KANBAO} --db {db} {' '.join(args)}"
    subprocess.run(["tmux", "-L", sock, "-f", "/dev/null", "new-session", "-d", "-x", "120",
                    "-y", "40", cmd], check=True)
    for _ in range(12000):  # the bench quits when done; time then writes
        if os.path.exists(rss) and os.path.getsize(rss) > 0:
            break
        time.sleep(0.05)
    subprocess.run(["tmux", "-L", sock, "kill-server"], capture_output=True)
    text = open(out).read() if os.path.exists(out) else ""
    got = {}
    for key, pat in (("first", r"first complete screen: ([\d.]+) ms"),
                     ("rss_first", r"memory at the first screen: ([\d.]+) MB"),
                     ("scroll", r"list, j: ([\d.]+) ms"),
                     ("article_scroll", r"scrolling: ([\d.]+) ms")):
        m = re.search(pat, text)
        if m:
            got[key] = float(m.group(1))
    try:
        got["peak"] = int(open(rss).read().split()[-1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return got


def med_of(runs, key, fmt):
    vals = [r[key] for r in runs if key in r]
    return fmt.format(median(vals)) if vals else "n/a"


def main():
    libs = libs_dir()
    extra = os.path.join(WORK, "extra1000")
    if not os.path.isdir(extra):
        subprocess.run([os.path.join(SHARED, "tools", "make-corpus"), "--seed", "2",
                        "--editions", "1000", extra], check=True, capture_output=True)
    rows = {}
    for n in SIZES:
        cdir = corpus(n)
        raw = dir_bytes(cdir)
        db, import_secs = library(n, libs)
        r = {}
        r["import MB/s (fresh library)"] = f"{raw / 1e6 / import_secs:.1f}"
        # 1,000 more editions into a copy of the library
        copy = os.path.join(WORK, "copy.db")
        for f in (copy, copy + "-wal", copy + "-shm"):
            if os.path.exists(f):
                os.remove(f)
        shutil.copy(db, copy)
        os.sync()  # else the import's fsyncs would write out the copy itself
        secs, _ = run([KANBAO, "--db", copy, "import", extra])
        r["import MB/s (1,000 more into it)"] = f"{dir_bytes(extra) / 1e6 / secs:.1f}"
        os.remove(copy)
        r["database ÷ raw text"] = f"{os.path.getsize(db) / raw:.2f}x"
        s2, s1 = search_times(db, TWO), search_times(db, ONE)
        g2 = rg_times(cdir, TWO[:5])
        r["2-char search, 20 results: median / p90 ms"] = f"{median(s2) * 1e3:.0f} / {p90(s2) * 1e3:.0f}"
        r["1-char search, 20 results: median / p90 ms"] = f"{median(s1) * 1e3:.0f} / {p90(s1) * 1e3:.0f}"
        g1 = rg_times(cdir, ONE[:5])
        r["2-char search: max ms (of 20)"] = f"{max(s2) * 1e3:.0f}"
        r["rg -l WORD ÷ kanbao (2-char, medians)"] = f"{median(g2) / median(s2[:5]):.1f}x ({median(g2) * 1e3:.0f} ms)"
        r["rg -l CHAR ÷ kanbao (1-char, medians)"] = f"{median(g1) / median(s1[:5]):.1f}x ({median(g1) * 1e3:.0f} ms)"
        rel = [run([KANBAO, "--db", db, "search", "--json", "--limit", "20", "--sort", "relevance", w])
               for w in TWO]
        if all(p.returncode == 0 for _, p in rel):
            r["2-char search --sort relevance: median ms"] = f"{median([t for t, _ in rel]) * 1e3:.0f}"
        else:
            r["2-char search --sort relevance: median ms"] = "n/a"
        lst = [run([KANBAO, "--db", db, "list", "--json", "--limit", "20"])[0] for _ in range(9)]
        r["list --limit 20 ms"] = f"{median(lst) * 1e3:.0f}"
        ver = [run([KANBAO, "--version"])[0] for _ in range(9)]
        r["floor: `kanbao --version` ms (a process, no library)"] = f"{median(ver) * 1e3:.0f}"
        bench = os.path.join(os.path.dirname(KANBAO), "tests", "bench_search")
        if os.path.exists(bench):
            p = subprocess.run([bench, db, "20", "10"] + TWO[:10] + ONE[:10],
                               capture_output=True, text=True)
            m = re.search(r"first 20 results: median ([\d.]+) ms, p90 [\d.]+ ms, p99 ([\d.]+) ms",
                          p.stdout)
            r["search in the process (bench_search), 1-2 chars: median / p99 ms"] = \
                f"{m.group(1)} / {m.group(2)}" if m else "?"
            m = re.search(r"quick count: median ([\d.]+) ms", p.stdout)
            r["count from the index (reader, after the first screen): median ms"] = \
                m.group(1) if m else "?"
        else:
            r["search in the process (bench_search), 1-2 chars: median / p99 ms"] = "n/a"
        secs, rss, _ = rss_run([KANBAO, "--db", db, "list", "--json"])
        r["list --json (all): s, peak MB"] = f"{secs:.1f} s, {rss / 1024:.0f} MB"
        secs, rss, _ = rss_run([KANBAO, "--db", db, "search", "--json", "郑州"])
        r["search 郑州 (all hits): s, peak MB"] = f"{secs:.1f} s, {rss / 1024:.0f} MB"
        runs = [reader(db, []) for _ in range(3)]
        r["reader: first complete screen ms"] = med_of(runs, "first", "{:.1f}")
        r["reader: RSS at the first screen MB"] = med_of(runs, "rss_first", "{:.1f}")
        r["reader: peak RSS MB (whole bench)"] = med_of(runs, "peak", "{:.1f}")
        r["reader: list scroll (j), per key ms"] = med_of(runs, "scroll", "{:.3f}")
        r["reader: article scroll, per key ms"] = med_of(runs, "article_scroll", "{:.3f}")
        dirs = [reader(db, [cdir]) for _ in range(3)]
        r["reader: `kanbao DIR` (imported) first screen ms"] = med_of(dirs, "first", "{:.1f}")
        rows[n] = r
        print(f"# {n} editions done", file=sys.stderr, flush=True)
    keys = list(rows[SIZES[0]].keys())
    head = "| what | " + " | ".join(f"{n:,}" for n in SIZES) + " |"
    print(head)
    print("| --- |" + " --- |" * len(SIZES))
    for k in keys:
        print(f"| {k} | " + " | ".join(rows[n].get(k, "") for n in SIZES) + " |")


if __name__ == "__main__":
    main()
