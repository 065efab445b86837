#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The translations where an installed kanbao looks for them: `meson install
# --destdir` of this build puts each language's kanbao.mo under
# LOCALEDIR/LANG/LC_MESSAGES (share/locale by default), LOCALEDIR is the
# directory compiled into the binary (KB_LOCALEDIR, used when
# $KANBAO_LOCALEDIR is not set), and the installed catalogue holds the
# Chinese of the export's headings. (The translations themselves, read from
# the build tree, are tests/unit/test_i18n.c.)
# Usage: i18n.sh MESON BUILD_DIR LOCALEDIR KANBAO   (prints TAP)
set -u
meson=$1 build=$2 localedir=$3 kanbao=$4
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kb_i18n.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
dest=$tmp/dest
mo=$dest$localedir/zh_CN/LC_MESSAGES/kanbao.mo

case $localedir in
*/share/locale) pass "the localedir is PREFIX/share/locale ($localedir)" ;;
*) fail "the localedir is PREFIX/share/locale (got $localedir)" ;;
esac
check "meson install --destdir succeeds" \
	"$meson" install -C "$build" --destdir "$dest" --no-rebuild --quiet
check "zh_CN's kanbao.mo is installed (${mo#"$dest"})" test -s "$mo"
check "the installed kanbao.mo holds 摘录 (Highlights)" grep -qaF 摘录 "$mo"
check "the installed kanbao.mo is the build tree's" cmp "$mo" "$build/po/zh_CN/LC_MESSAGES/kanbao.mo"
check "the binary looks in the localedir the catalogue went to" grep -qaF -- "$localedir" "$kanbao"
done_tap
