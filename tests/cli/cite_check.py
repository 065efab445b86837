#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Whether citations read back hold exactly what the library holds.

usage: cite_check.py LABEL ITEMS.json SHOW.json...
ITEMS.json is a CSL-JSON array: kanbao's own export, or what pandoc read
from it or from the BibTeX export (pandoc --to csljson). Each SHOW.json is
`kanbao show --json ID` of one exported article. For every CSL field the
export writes, one line: "PASS<TAB>description" when every article's item
holds the store's value (or leaves the field out where the store has
none), else "FAIL<TAB>description<TAB>what differs".
"""
import json
import sys

label, items_path, shows = sys.argv[1], sys.argv[2], sys.argv[3:]
items = {i.get("id"): i for i in json.load(open(items_path, encoding="utf-8"))}
store = [json.load(open(p, encoding="utf-8")) for p in shows]


def title(a, got):
    """The store's headline; for an untitled article, what was written when
    it is the start of its first paragraph, at most 20 characters, "…"
    where cut (kb_export_title)."""
    if a["title"].strip():
        return a["title"]
    first = a["blocks"][0]["text"] if a["blocks"] else ""
    words = (got or "").removesuffix("…")
    if words and len(words) <= 20 and first.startswith(words) and (
            got.endswith("…") or words == first):
        return got
    return "(the first words of: %s)" % first[:40]


def date(d):
    return {"date-parts": [[int(p) for p in d.split("-")]]} if d else None


def want(a, key, got):
    if key == "id":
        return a["id"]
    if key == "type":
        return "article-newspaper"
    if key == "title":
        return title(a, got)
    if key == "author":
        names = [au["name"] for au in a["authors"] if au["name"]]
        return [{"literal": n} for n in names] or None
    if key == "container-title":
        return a["paper"] or None
    if key == "page":
        return a["page"] or None
    if key == "issued":
        return date(a["date"])
    if key == "note":
        return a["note"] or None
    if key == "keyword":
        return ", ".join(a["tags"]) or None
    raise KeyError(key)


fields = [("id", "id"), ("type", "type article-newspaper"),
          ("title", "title (an untitled article's first words)"),
          ("author", "author: the names as literals, no roles"),
          ("container-title", "container-title: the paper"), ("page", "page"),
          ("issued", "issued: the date's parts"), ("note", "note"),
          ("keyword", "keyword: the tags joined by ', '")]
missing = [a["id"] for a in store if a["id"] not in items]
print(("FAIL\t%s: an item per article\tmissing %s" % (label, missing)) if missing
      else "PASS\t%s: an item per article (%d)" % (label, len(store)))
for key, desc in fields:
    bad = []
    for a in store:
        got = items.get(a["id"], {}).get(key)
        w = want(a, key, got)
        if got != w:
            bad.append("%s: got %r, want %r" % (a["id"], got, w))
    print(("FAIL\t%s: %s\t%s" % (label, desc, "; ".join(bad))) if bad
          else "PASS\t%s: %s" % (label, desc))
extra = sorted({k for i in items.values() for k in i} - {k for k, _ in fields})
print(("FAIL\t%s: no other fields\t%s" % (label, extra)) if extra
      else "PASS\t%s: no other fields" % label)
