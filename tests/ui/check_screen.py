#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check one screen captured from tmux (capture-pane -p) against the
terminal's size.

usage: check_screen.py WIDTH HEIGHT [--panes N] < capture

- at most HEIGHT lines;
- no line wider than WIDTH display columns, counted the way a terminal
  does: East Asian Wide and Fullwidth characters take 2 columns, combining
  marks 0, everything else 1; every wide character must fit whole inside
  the line (a wide character cut at the right edge is an error, reported
  with its column);
- no raw control characters (C0 other than none, DEL, C1) and no bidi or
  zero-width formatting characters on the screen: the reader must show
  them as placeholders or drop them;
- with --panes N (N = 2 or 3): the body rows (all but the status line) hold
  a '|' separator at the same N-1 display columns in every row, so no
  row of Chinese text pushed a separator out of line.

Exit status 0 when the screen passes; otherwise each problem is printed,
one a line, and the status is 1.
"""
import sys
import unicodedata

BIDI_ZW = {0x00AD, 0x061C, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029,
           0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2066, 0x2067, 0x2068,
           0x2069, 0xFEFF}


def char_width(ch):
    cp = ord(ch)
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me"):
        return 0
    if cp in BIDI_ZW:
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


def columns(line):
    """The display column each character starts at, and the line's width."""
    col = 0
    out = []
    for ch in line:
        out.append((col, ch))
        col += char_width(ch)
    return out, col


def main(argv):
    args = list(argv[1:])
    panes = 0
    if "--panes" in args:
        i = args.index("--panes")
        panes = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        print("usage: check_screen.py WIDTH HEIGHT [--panes N] < capture", file=sys.stderr)
        return 2
    width, height = int(args[0]), int(args[1])
    data = sys.stdin.buffer.read()
    problems = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        problems.append("the capture is not UTF-8: %s" % e)
        text = data.decode("utf-8", "replace")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) > height:
        problems.append("%d lines on a %d-line screen" % (len(lines), height))
    for y, line in enumerate(lines, 1):
        cols, w = columns(line)
        if w > width:
            problems.append("line %d is %d columns wide (terminal: %d): %r" % (y, w, width, line))
        for x, ch in cols:
            cw = char_width(ch)
            if cw == 2 and x + 2 > width:
                problems.append("line %d: wide character %r at column %d is cut at the edge"
                                % (y, ch, x))
            cp = ord(ch)
            if cp < 0x20 or 0x7F <= cp <= 0x9F:
                problems.append("line %d: raw control character U+%04X at column %d" % (y, cp, x))
            elif cp in BIDI_ZW:
                problems.append("line %d: bidi/zero-width character U+%04X at column %d"
                                % (y, cp, x))
    if panes >= 2:
        body = lines[:height - 1]
        common = None
        for line in body:
            cols, _ = columns(line)
            bars = {x for x, ch in cols if ch == "|"}
            common = bars if common is None else common & bars
        common = common or set()
        if len(common) < panes - 1:
            # show the first row whose separators differ from the others
            hint = ""
            if body:
                first = {x for x, ch in columns(body[0])[0] if ch == "|"}
                for y, line in enumerate(body, 1):
                    bars = {x for x, ch in columns(line)[0] if ch == "|"}
                    if bars != first:
                        hint = "; row %d has '|' at %s, row 1 at %s: %r" % (
                            y, sorted(bars), sorted(first), line)
                        break
            problems.append("expected %d panes: '|' at the same %d column(s) in every body row, "
                            "found %s%s" % (panes, panes - 1, sorted(common), hint))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
