#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Whether a file holds only text that is safe to print on a terminal.

usage: term_safe.py FILE [--tty]
Exit 0 when FILE is valid UTF-8 without C0 controls (newline and tab
allowed; carriage return too with --tty, where the terminal adds it), DEL,
C1 controls (U+0080-U+009F), bidi controls, zero-width or other invisible
format characters, or U+2028/2029; otherwise print the first offender and
its context on stderr and exit 1. The set is kanbao/sanitize.h's.
"""
import sys

path = sys.argv[1]
tty = "--tty" in sys.argv[2:]
data = open(path, "rb").read()
try:
    text = data.decode("utf-8")
except UnicodeDecodeError as e:
    print(f"{path}: not UTF-8 at byte {e.start}: {data[max(0, e.start - 20):e.start + 10]!r}",
          file=sys.stderr)
    sys.exit(1)


def bad(c):
    o = ord(c)
    if c in "\n\t" or (tty and c == "\r"):
        return False
    return (o < 0x20 or 0x7F <= o <= 0x9F or o in (0xAD, 0x61C, 0x180E, 0xFEFF, 0x2028, 0x2029)
            or 0x200B <= o <= 0x200F or 0x202A <= o <= 0x202E or 0x2060 <= o <= 0x206F
            or 0xFFF9 <= o <= 0xFFFB)


for i, c in enumerate(text):
    if bad(c):
        print(f"{path}: U+{ord(c):04X} at character {i}: {text[max(0, i - 20):i + 10]!r}",
              file=sys.stderr)
        sys.exit(1)
