#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# What `meson install` puts where a package takes it from (issue 14): the
# binary, both man pages, the bash, zsh and fish completions, the zh_CN
# catalogue, the themes, and in DATADIR/doc/kanbao the licence, README.md,
# NEWS.md and docs/*.md, each the source tree's file; nothing outside the
# prefix, nothing executable but the binary; the installed binary says its
# version. The list is the one NEWS.md and README.md promise: a file that
# stops being installed fails here before a package misses it.
# Usage: install.sh MESON BUILD_DIR SOURCE_ROOT VERSION PREFIX BINDIR DATADIR
#                   MANDIR LOCALEDIR   (directories as meson's options give
#                   them, joined to the prefix; prints TAP)
set -u
meson=$1 build=$2 root=$3 version=$4 prefix=$5 bindir=$6 datadir=$7 mandir=$8 localedir=$9
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kb_install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
dest=$tmp/dest
docdir=$datadir/doc/kanbao

check "meson install --destdir succeeds" \
	"$meson" install -C "$build" --destdir "$dest" --no-rebuild --quiet

# installed FILE DESCRIPTION: FILE (a path under the prefix) is there and
# not empty.
installed() {
	if [ -s "$dest$1" ]; then
		pass "$2 installed ($1)"
	else
		fail "$2 installed ($1)"
	fi
}
# same FILE SOURCE DESCRIPTION: FILE is installed and is SOURCE (under the
# source tree) byte for byte.
same() {
	if [ -s "$dest$1" ] && cmp -s "$dest$1" "$root/$2"; then
		pass "$3 installed as $2 ($1)"
	else
		fail "$3 installed as $2 ($1)"
	fi
}

# the binary, and that it is this build's
if [ -x "$dest$bindir/kanbao" ] && [ -f "$dest$bindir/kanbao" ]; then
	pass "the binary installed, executable ($bindir/kanbao)"
else
	fail "the binary installed, executable ($bindir/kanbao)"
fi
"$dest$bindir/kanbao" --version >"$tmp/out" 2>"$tmp/err"
if [ "$(cat "$tmp/out")" = "kanbao $version" ]; then
	pass "the installed binary says its version (kanbao $version)"
else
	fail "the installed binary says its version (kanbao $version)"
fi

# the man pages (built by scdoc), each a page groff reads
for page in man1/kanbao.1 man5/kanbao-config.5; do
	installed "$mandir/$page" "man page ${page#*/}"
	if grep -q '^\.TH ' "$dest$mandir/$page" 2>/dev/null; then
		pass "${page#*/} is a man page (.TH)"
	else
		fail "${page#*/} is a man page (.TH)"
	fi
done

# the completions, where each shell looks by default
same "$datadir/bash-completion/completions/kanbao" completions/kanbao.bash "bash completion"
same "$datadir/zsh/site-functions/_kanbao" completions/_kanbao "zsh completion"
same "$datadir/fish/vendor_completions.d/kanbao.fish" completions/kanbao.fish "fish completion"

# the translation
mo=$localedir/zh_CN/LC_MESSAGES/kanbao.mo
installed "$mo" "the zh_CN catalogue"
if [ -s "$dest$mo" ] && cmp -s "$dest$mo" "$build/po/zh_CN/LC_MESSAGES/kanbao.mo"; then
	pass "the installed catalogue is the build's"
else
	fail "the installed catalogue is the build's"
fi

# the themes, every one the source tree has, where the binary looks
themes=0
for t in "$root"/themes/*.theme; do
	same "$datadir/kanbao/themes/${t##*/}" "themes/${t##*/}" "theme ${t##*/}"
	themes=$((themes + 1))
done
if [ "$themes" -ge 4 ]; then
	pass "the four built-in themes at least ($themes)"
else
	fail "the four built-in themes at least ($themes)"
fi
if grep -qaF -- "$datadir/kanbao/themes" "$dest$bindir/kanbao"; then
	pass "the binary looks for themes where they went ($datadir/kanbao/themes)"
else
	fail "the binary looks for themes where they went ($datadir/kanbao/themes)"
fi

# the licence and what a user reads
same "$docdir/LICENSE" LICENSE "the licence"
same "$docdir/README.md" README.md "README.md"
same "$docdir/NEWS.md" NEWS.md "NEWS.md"
docs=0
for d in "$root"/docs/*.md; do
	same "$docdir/docs/${d##*/}" "docs/${d##*/}" "docs/${d##*/}"
	docs=$((docs + 1))
done
for d in parse-schema json-output backup-format edition-header; do
	if [ -f "$root/docs/$d.md" ]; then
		pass "docs/$d.md is in the source tree"
	else
		fail "docs/$d.md is in the source tree"
	fi
done

# nothing outside the prefix, nothing executable but the binary
(cd "$dest" && find . -type f | sed 's/^\.//' | sort) >"$tmp/all"
grep -v -- "^$prefix/" "$tmp/all" >"$tmp/out"
if [ -s "$tmp/all" ] && [ ! -s "$tmp/out" ]; then
	pass "every installed file is under the prefix $prefix ($(wc -l <"$tmp/all") files)"
else
	fail "every installed file is under the prefix $prefix"
fi
(cd "$dest" && find . -type f -perm /111 | sed 's/^\.//') | grep -vx -- "$bindir/kanbao" >"$tmp/out"
if [ ! -s "$tmp/out" ]; then
	pass "no installed file but the binary is executable"
else
	fail "no installed file but the binary is executable"
fi
sed 's/^/# installed: /' "$tmp/all"
done_tap
