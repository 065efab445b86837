#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The documents link only to what the repository holds (issue 14: README
# linked ../shared, which a release tarball does not have): every relative
# Markdown link in README.md, NEWS.md, CONTRIBUTING.md and docs/*.md names a
# file or directory of the source tree, inside it.
# Usage: doc_links.sh SOURCE_ROOT   (prints TAP)
set -u
cd "$1" || exit 1
exec python3 - README.md NEWS.md CONTRIBUTING.md docs/*.md <<'PY'
import os
import re
import sys

# [text](target) and [text](target "title"); code spans are not links
LINK = re.compile(r"\]\(([^()\s]+)(?:\s+\"[^\"]*\")?\)")
CODE = re.compile(r"`[^`]*`")
root = os.path.realpath(".")
n = failed = 0
for doc in sys.argv[1:]:
    n += 1
    if not os.path.isfile(doc):
        failed += 1
        print(f"not ok {n} - {doc} is in the source tree")
        continue
    bad, links = [], 0
    in_fence = False
    for i, line in enumerate(open(doc, encoding="utf-8"), 1):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for target in LINK.findall(CODE.sub("", line)):
            if re.match(r"[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
                continue  # a URL or an anchor in the same page
            links += 1
            path = os.path.realpath(os.path.join(os.path.dirname(doc), target.split("#")[0]))
            if not (path == root or path.startswith(root + os.sep)) or not os.path.exists(path):
                bad.append(f"{doc}:{i}: {target}")
    if bad:
        failed += 1
        print(f"not ok {n} - {doc}: {len(bad)} of {links} links lead outside the source tree or nowhere")
        for b in bad:
            print(f"#   {b}")
    else:
        print(f"ok {n} - {doc}: its {links} relative links name files of the source tree")
print(f"1..{n}")
sys.exit(1 if failed else 0)
PY
