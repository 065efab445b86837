#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Read an exported Markdown document back with real parsers and compare it
with the store: the YAML front matter with PyYAML, the Markdown with cmark
(Debian's CommonMark reference implementation, `cmark --to xml`).

usage: export_check.py KANBAO DB FILE.md [ID]
With ID the file is a single-article export of that article; without, a
multi-article document whose front matter lists the articles. Prints TAP
lines (without the plan) for each comparison; exit 1 on any mismatch.
"""
import json
import subprocess
import re
import sys
import xml.etree.ElementTree as ET

import yaml

kanbao, db, path = sys.argv[1:4]
only = sys.argv[4] if len(sys.argv) > 4 else None
n = 0
failed = 0


def check(ok, what):
    global n, failed
    n += 1
    if not ok:
        failed += 1
    print(("ok" if ok else "not ok") + f" - {path.split('/')[-1]}: {what}")


def show(aid):
    p = subprocess.run([kanbao, "--db", db, "show", aid, "--json"], capture_output=True)
    return json.loads(p.stdout)


text = open(path, encoding="utf-8").read()
check(text.startswith("---\n"), "front matter opens the file")
end = text.index("\n---\n", 4)
front = yaml.safe_load(text[4:end])
body = text[end + 5:]
xml = subprocess.run(["cmark", "--to", "xml"], input=body.encode(), capture_output=True).stdout
root = ET.fromstring(xml)
NS = "{http://commonmark.org/xml/1.0}"


def inline_text(el):
    """The text a renderer shows for an element: text, code, line breaks."""
    out = []
    for x in el.iter():
        tag = x.tag.replace(NS, "")
        if tag in ("text", "code", "html_inline"):
            out.append(x.text or "")
        elif tag in ("softbreak", "linebreak"):
            out.append("\n")
    return "".join(out)


def plain(s):
    """<mark> tags (plain or in a colour) are markup, not text."""
    return re.sub(r'<mark( class="kb-[a-z]+" style="background: #[0-9a-f]{8}")?>|</mark>', "", s)


blocks = [(b.tag.replace(NS, ""), b) for b in root]
headings = [inline_text(b) for t, b in blocks if t == "heading"]
quotes = [plain(inline_text(b)) for t, b in blocks if t == "block_quote"]
paras = [plain(inline_text(b)) for t, b in blocks if t == "paragraph"]
items = [plain(inline_text(li)) for t, b in blocks if t == "list" for li in b]


def unsafe(c):
    """What kanbao/sanitize.h keeps off a terminal (kb_char_class not TEXT)."""
    o = ord(c)
    return (o < 0x20 or 0x7F <= o <= 0x9F or o in (0x2028, 0x2029, 0xAD, 0x61C, 0x180E, 0xFEFF)
            or 0x200B <= o <= 0x200F or 0x202A <= o <= 0x202E or 0x2060 <= o <= 0x206F
            or 0xFFF9 <= o <= 0xFFFB)


def user_markdown(s):
    """The user's own writing is Markdown, in the file as written (CR LF as
    LF, the line breaks around it dropped), the characters kept off a
    terminal as numeric references."""
    s = s.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    return "".join(f"&#{ord(c)};" if c not in "\n\t" and unsafe(c) else c for c in s)


def article_checks(a, fm):
    if fm is not None:
        for key in ("title", "kicker", "subtitle", "id"):
            check(fm.get(key) == a.get(key), f"front matter {key} = {a.get(key)!r}")
        check(sorted(fm.get("tags") or []) == sorted(a["tags"]), f"front matter tags = {a['tags']}")
        check(fm.get("date") == a.get("date") and fm.get("issued") == a.get("date") and
              (fm.get("page") is None) == (a.get("page") is None) and
              str(fm.get("page")) == str(a.get("page")), "front matter date, issued and page")
        check(fm.get("container-title") == a.get("paper"), "front matter container-title is the paper")
        names = []
        for au in a["authors"]:
            if au["name"] and au["name"] not in names:
                names.append(au["name"])
        check(fm.get("author", []) == names, f"front matter author: the names alone {names}")
        bylines = [(au["role"] + " " if au["role"] else "") + au["name"] for au in a["authors"]]
        check(fm.get("bylines", []) == bylines, "front matter bylines: roles and names")
        check(fm.get("source") == a["edition"] and not fm["source"].startswith("/"),
              "front matter source: the edition's file name, relative")
        check(fm.get("aliases", []) == ([a["kicker"]] if a.get("kicker") else []),
              "front matter aliases: the kicker")
    check(a["title"] in headings, f"the headline is a heading: {a['title'][:20]}")
    if a.get("note"):
        check(user_markdown(a["note"]) in text, "the note is in the file as its Markdown")
    for h in a["highlights"]:
        # a colour other than yellow is named after the quote: "… (red)"
        said = h["quote"] if h.get("color", "yellow") == "yellow" else f'{h["quote"]} ({h["color"]})'
        check(said in quotes, f"highlight quoted: {h['quote'][:20]}")
        if h.get("note"):
            check(user_markdown(h["note"]) in text, f"highlight note as its Markdown: {h['note'][:20]}")
    for t in a["tags"]:
        check(any(t in p for p in paras + items), f"tag listed: {t}")


if only:
    article_checks(show(only), front)
else:
    listed = front.get("articles") or []
    check(front.get("count") == len(listed) and len(listed) > 0, f"{len(listed)} articles in the front matter")
    for entry in listed:
        a = show(entry["id"])
        check(entry.get("title") == a["title"], f"listed title of {entry['id']}")
        check(sorted(entry.get("tags") or []) == sorted(a["tags"]), f"listed tags of {entry['id']}")
        article_checks(a, None)
sys.exit(1 if failed else 0)
