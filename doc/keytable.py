#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Put the reader's key table into the scdoc source of kanbao.1.

    keytable.py KANBAO IN.scd OUT.scd

Runs `KANBAO --help-keys` (in the C locale, so the table is in English
whatever the build machine's language), reads the key lines it prints from
the KB_ACTIONS table of src/ui/ui.h ("  KEYS  ACTION  WHAT IT DOES", the
columns kb_ui_print_keys pads to 12 and 16), and writes IN.scd to OUT.scd
with the line @KEYS_TABLE@ replaced by a scdoc table of them. So the man
page, `kanbao --help-keys` and the reader's help come from one table and
cannot disagree. Fails (exit 1, saying why) when no key line is found or
the marker is missing, rather than build a page without keys.
"""
import os
import re
import subprocess
import sys
import tempfile

MARKER = "@KEYS_TABLE@"
# kb_ui_print_keys: "  %-12s %-16s %s"; an action name is lower case with
# dashes. The fixed columns come first; the second form takes a key list
# longer than its column.
FIXED = re.compile(r"^  (\S.{11}) ([a-z][a-z0-9-]*) +(\S.*)$")
LOOSE = re.compile(r"^  (\S.*?\S|\S) {2,}([a-z][a-z0-9-]*) +(\S.*)$")


def key_lines(text):
    """[(keys, action, help)] of the --help-keys output."""
    rows = []
    for line in text.splitlines():
        m = FIXED.match(line) or LOOSE.match(line)
        if m:
            rows.append(tuple(g.strip() for g in m.groups()))
    return rows


def scd(text):
    """text as scdoc prints it literally."""
    return re.sub(r"([\\*_])", r"\\\1", text)


def table(rows):
    """A scdoc table (no borders, the last column filling the line)."""
    out = ["|[ *Keys*", ":[ *Action*", ":< *What it does*"]
    for keys, action, help_text in rows:
        if keys.endswith("\\"):
            # a backslash ending a cell ends the roff line with an escape
            keys += " (backslash)"
        out += ["|  " + scd(keys), ":  " + scd(action), ":  " + scd(help_text)]
    return "\n".join(out)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: keytable.py KANBAO IN.scd OUT.scd")
    kanbao, src, dst = sys.argv[1:]
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("LC_") and k not in ("LANG", "LANGUAGE")}
    env["LC_ALL"] = "C.UTF-8"
    with tempfile.TemporaryDirectory() as home:
        # no config of the build machine's user can change the defaults
        env.update(HOME=home, XDG_CONFIG_HOME=home)
        run = subprocess.run([kanbao, "--help-keys"], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, check=False)
    if run.returncode != 0:
        sys.exit(f"keytable.py: {kanbao} --help-keys exited {run.returncode}: "
                 f"{run.stderr.decode('utf-8', 'replace').strip()}")
    rows = key_lines(run.stdout.decode("utf-8"))
    if not rows:
        sys.exit(f"keytable.py: no key lines in the output of {kanbao} --help-keys")
    with open(src, encoding="utf-8") as f:
        page = f.read()
    lines = page.split("\n")
    if MARKER not in lines:
        sys.exit(f"keytable.py: {src} has no line {MARKER}")
    lines[lines.index(MARKER)] = table(rows)
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


if __name__ == "__main__":
    main()
