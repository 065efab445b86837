#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Rules or a learned labeller? A measurement for the loader's reading of pages
that set a paragraph to a line (src/loader/lineparas.c).

usage: line_labeller.py KANBAO TRUTH_DIR EDITION_DIR [TRUTH_DIR EDITION_DIR ...]

Every non-blank line of every edition gets its true label from the truth
(headline, heading, paragraph, byline, noise). Two readers label the same lines:

- the rules: `KANBAO parse --json`, a line's label being where its text landed
  (kicker/title/subtitle, heading, paragraph, an extra; nowhere = byline);
- a learned labeller of the kind GROBID uses: multinomial logistic regression over
  layout features of the line and its neighbours (indent, length, punctuation,
  brackets, quotes, datelines, credit marks), trained leave-one-page-out, so
  each page is labelled by a model that never saw it.

Prints per-class F1 and line accuracy for both. Pure Python, no dependencies.
"""
import json
import math
import os
import random
import re
import subprocess
import sys
import unicodedata

LABELS = ["headline", "heading", "paragraph", "byline", "noise"]
WS = re.compile(r"[\s\u3000]+")


def norm(s):
    return WS.sub("", unicodedata.normalize("NFKC", s or ""))


def truth_labels(truth, lines):
    where = {}
    for a in truth["articles"]:
        for h in a["headline"]:
            where[norm(h)] = "headline"
        for h in a["headings"]:
            where[norm(h)] = "heading"
        for p in a["paragraphs"]:
            where.setdefault(norm(p), "paragraph")
        for b in a.get("byline_blocks", []):
            where.setdefault(norm(b), "byline")
    for n in truth["noise"]:
        where.setdefault(norm(n["text"]), "noise")
    return [where.get(norm(l)) for l in lines]


def rule_labels(kanbao, path, lines):
    got = json.loads(subprocess.run([kanbao, "parse", "--json", path], capture_output=True,
                                    check=True).stdout)
    where = {}
    for a in got["articles"]:
        for k in ("kicker", "title", "subtitle"):
            if a.get(k):
                where[norm(a[k])] = "headline"
        for b in a["blocks"]:
            where.setdefault(norm(b["text"]), "heading" if b["type"] == "heading" else "paragraph")
    for x in got.get("extras", []):
        where.setdefault(norm(x["text"]), "noise")
    return [where.get(norm(l), "byline") for l in lines]


FINAL = set("。！？!?…")
CLOSE = set("”’」』）)】》")
PAUSE = set("，、；：,;:")


def line_features(raw):
    s = raw.strip()
    n = len(norm(s))
    f = {
        "indent": raw[:1] in ("\u3000", " ", "\t"),
        "len<=6": n <= 6, "len<=12": 6 < n <= 12, "len<=30": 12 < n <= 30,
        "len<=60": 30 < n <= 60, "len>60": n > 60,
        "end_final": s[-1:] in FINAL, "end_close": s[-1:] in CLOSE, "end_pause": s[-1:] in PAUSE,
        "end_dash": s.endswith("——"), "start_dash": s.startswith("——"),
        "stop_inside": "。" in s[:-1],
        "pauses0": sum(c in PAUSE for c in s) == 0, "pauses1": sum(c in PAUSE for c in s) == 1,
        "pauses2+": sum(c in PAUSE for c in s) >= 2,
        "start_quote": s[:1] == "“", "whole_quote": s[:1] == "“" and s[-1:] == "”",
        "start_bracket": s[:1] in "（(", "end_bracket": s[-1:] in "）)",
        "colon_label": bool(re.match(r"^.{2,6}[：:]", s)),
        "dateline": bool(re.match(r"^(据)?(本报|新华社|中新社)\S{0,20}电", s)),
        "credit_mark": bool(re.search(r"(摄|供图|制图|视觉|影像中国)", s[-8:])),
        "role_word": bool(re.search(r"(记者|评论员|通讯员|作者)", s[:12])),
        "spaced": bool(re.search(r"\S[\s\u3000]+\S", s)),
        "numbered": bool(re.match(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．])", s)),
    }
    return f


def features(lines, i):
    f = {"bias": 1.0}
    for k, v in line_features(lines[i]).items():
        f[k] = float(v)
    for off, tag in ((-1, "prev_"), (1, "next_")):
        j = i + off
        if 0 <= j < len(lines):
            lf = line_features(lines[j])
            for k in ("indent", "len<=6", "len<=12", "end_final", "end_close", "dateline",
                      "credit_mark", "end_dash"):
                f[tag + k] = float(lf[k])
        else:
            f[tag + "none"] = 1.0
    return f


def train(samples, epochs=60, lr=0.1, l2=1e-3):
    w = {lab: {} for lab in LABELS}
    rnd = random.Random(7)
    for ep in range(epochs):
        rnd.shuffle(samples)
        for f, y in samples:
            scores = {lab: sum(w[lab].get(k, 0.0) * v for k, v in f.items()) for lab in LABELS}
            m = max(scores.values())
            z = sum(math.exp(s - m) for s in scores.values())
            for lab in LABELS:
                p = math.exp(scores[lab] - m) / z
                g = p - (1.0 if lab == y else 0.0)
                wl = w[lab]
                for k, v in f.items():
                    wl[k] = wl.get(k, 0.0) * (1 - lr * l2) - lr * g * v
        lr *= 0.95
    return w


def predict(w, f):
    return max(LABELS, key=lambda lab: sum(w[lab].get(k, 0.0) * v for k, v in f.items()))


def report(name, gold, pred):
    ok = sum(g == p for g, p in zip(gold, pred))
    out = [f"{name:8} accuracy {ok / len(gold):.3f} ({ok}/{len(gold)} lines)"]
    for lab in LABELS:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
        out.append(f"{lab} F1 {f1:.3f}")
    print("  ".join(out))


def main():
    if len(sys.argv) < 4 or len(sys.argv) % 2:
        sys.exit(__doc__)
    kanbao = sys.argv[1]
    pages = []
    for td, ed in zip(sys.argv[2::2], sys.argv[3::2]):
        for tf in sorted(os.listdir(td)):
            truth = json.load(open(os.path.join(td, tf), encoding="utf-8"))
            path = os.path.join(ed, truth["edition"])
            lines = [l.rstrip("\n") for l in open(path, encoding="utf-8") if l.strip()]
            gold = truth_labels(truth, lines)
            keep = [i for i, g in enumerate(gold) if g]
            rules = rule_labels(kanbao, path, lines)
            pages.append((lines, [gold[i] for i in keep], [rules[i] for i in keep], keep))
    gold_all, rules_all, learned_all = [], [], []
    for k, (lines, gold, rules, keep) in enumerate(pages):
        samples = [(features(l2, i), g2) for j, (l2, g2s, _, keep2) in enumerate(pages) if j != k
                   for i, g2 in zip(keep2, g2s)]
        w = train(samples)
        learned_all += [predict(w, features(lines, i)) for i in keep]
        gold_all += gold
        rules_all += rules
    print(f"{len(pages)} pages, {len(gold_all)} lines; learned: leave-one-page-out")
    report("rules", gold_all, rules_all)
    report("learned", gold_all, learned_all)


if __name__ == "__main__":
    main()
