#!/bin/bash
# SPDX-License-Identifier: MIT
# The reader's scripted UI tests: the real binary driven in tmux at fixed
# sizes (keys in, screens out), each scenario on its own temporary library.
# Every captured screen is checked by check_screen.py: no line wider than
# the terminal, no wide character cut, no raw controls, and where the
# layout should show panes, the separators in line in every row.
#
# usage: run.sh path/to/kanbao project-source-root [SCENARIO...]
# Prints TAP; exits non-zero if any check fails. Always kills its private
# tmux server (-L kanbao-test-PID).
set -u

KANBAO=$(realpath "${1:?usage: run.sh KANBAO SOURCE-ROOT [SCENARIO...]}")
SRC=$(realpath "${2:?usage: run.sh KANBAO SOURCE-ROOT [SCENARIO...]}")
shift 2
SAMPLES=$SRC/sample-issues
ESCAPES=$SRC/tests/fixtures/ui/escapes.txt

. "$(dirname "$0")/lib.sh"

for tool in tmux python3; do
	if ! command -v $tool >/dev/null; then
		echo "1..0 # SKIP $tool is not installed"
		exit 0
	fi
done
if [ ! -x "$KANBAO" ]; then
	echo "Bail out! no kanbao binary at $KANBAO"
	exit 1
fi

TMP_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/kanbao-ui.XXXXXX")
cleanup() {
	tm kill-server 2>/dev/null
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$TMUX_SOCK"
	rm -rf "$TMP_ROOT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Titles of the samples used below (from list --json).
T0=郑州高新国家自创区建设大学堂第七讲开讲  # 000, article 1
T1=为郑州建设国家中心城市提供创新驱动引擎  # 000, article 2
T14=高新区举行2017年工作总结表彰            # 004, its only article

. "$(dirname "$0")/scenarios.sh"
. "$(dirname "$0")/attacks.sh"
. "$(dirname "$0")/tree.sh"
. "$(dirname "$0")/notebox.sh"
. "$(dirname "$0")/annotating.sh"
. "$(dirname "$0")/hlcolor.sh"
. "$(dirname "$0")/zh.sh"

scenarios=("$@")
[ ${#scenarios[@]} -eq 0 ] && scenarios=(open navigate tag note highlight search undo resize narrow escapes help locale mouse export undo_highlight
	invalid_utf8 paste term config_special reimport_note reimport_gone sigkill box_shrink paging check titles suspend narrow_query places dwell fold tree byline caret batch tagline hlnote tagview command notebox hlcolor
	zh_panes zh_narrow zh_english zh_catalogue)
for s in "${scenarios[@]}"; do
	echo "# scenario: $s"
	"scenario_$s"
	stop
done
echo "1..$tap_n"
[ "$tap_failed" -eq 0 ]
