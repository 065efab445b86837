#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The shell completions (issue 14). bash: completions/kanbao.bash sourced
# here and its function run on command lines as bash would run it
# (COMP_WORDS and COMP_CWORD, and COMP_LINE where bash splits a word at a
# colon or an equals sign), against a library of the sample editions with
# tags that hold a space, a quote and a backslash: the commands, each
# command's options (all those its --help names), the global options,
# tags, article ids, editions, --format and --sort values, query terms,
# file names, and --db given anywhere before the cursor. zsh and fish: the
# files parse (zsh -n, fish -n), and fish completes a few lines itself;
# skipped where the shell is not installed. meson install puts each file
# where its shell looks.
# Usage: completion.sh KANBAO SOURCE_ROOT MESON BUILD_DIR DATADIR   (prints TAP)
set -u
kanbao=$1 root=$2 meson=$3 build=$4 datadir=$5
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kb_compl.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/lib.sh"
export LC_ALL=C.UTF-8
unset LANGUAGE KANBAO_DB
# the completions call `kanbao`: this build's
mkdir -p "$tmp/bin"
ln -s "$(realpath "$kanbao")" "$tmp/bin/kanbao"
export PATH=$tmp/bin:$PATH
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config
mkdir -p "$HOME"

# --- a library: the samples, tags with a space, a quote, a backslash ---
mkdir -p "$tmp/lib dir"
db="$tmp/lib dir/kanbao.db"
"$kanbao" --db "$db" import "$root/sample-issues" >/dev/null 2>"$tmp/err" </dev/null ||
	fail "the samples import"
"$kanbao" --db "$db" list --json </dev/null >"$tmp/list.json"
mapfile -t ids < <(python3 -c 'import json,sys
for a in json.load(open(sys.argv[1])): print(a["id"])' "$tmp/list.json")
id=${ids[0]}
tags=('两 会' '重要' 'a"b\c')
"$kanbao" --db "$db" tag "$id" -- "${tags[@]}" >/dev/null 2>>"$tmp/err" </dev/null ||
	fail "the article is tagged"
mapfile -t editions < <("$kanbao" --db "$db" editions --json </dev/null | python3 -c 'import json,sys
for e in json.load(sys.stdin): print(e["name"])')

# shellcheck source=/dev/null
. "$root/completions/kanbao.bash"

# comp WORD...: run the completion function on the words (the last one is
# the word being completed); the replies, one a line, sorted, in $tmp/got.
comp() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	unset COMP_LINE COMP_POINT
	COMPREPLY=()
	_kanbao
	printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort >"$tmp/got"
}
# comp_line LINE WORD...: the same with COMP_LINE as typed and the words
# as bash splits it (at : and = too).
comp_line() {
	COMP_LINE=$1
	COMP_POINT=${#1}
	shift
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMPREPLY=()
	_kanbao
	printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort >"$tmp/got"
}
# want DESC WORD...: the replies are exactly the WORDs.
want() {
	local desc=$1
	shift
	printf '%s\n' "$@" | sed '/^$/d' | sort >"$tmp/want"
	if cmp -s "$tmp/got" "$tmp/want"; then
		pass "$desc"
	else
		diff "$tmp/want" "$tmp/got" | sed 's/^/want(<) got(>) /' >"$tmp/out"
		: >"$tmp/err"
		fail "$desc"
	fi
}
# has_all DESC WORD...: the replies hold every WORD (and maybe more).
has_all() {
	local desc=$1 w miss=
	shift
	for w in "$@"; do grep -qxF -- "$w" "$tmp/got" || miss+=" $w"; done
	if [ $# -gt 0 ] && [ -z "$miss" ]; then
		pass "$desc"
	else
		cp "$tmp/got" "$tmp/out"
		: >"$tmp/err"
		fail "$desc: missing${miss:- (nothing to look for)}"
	fi
}
# The -x and --word options a --help text names in its usage and option
# lines (not those its prose mentions: restore's "export --format json").
opts_of() {
	grep -E -- '^(usage:|  +(kanbao|\[|-))' |
		grep -oE -- "(^|[][ (|,])(--[a-z][a-z-]*[a-z]|-[a-zA-Z])([][ =,|)]|$)" |
		sed -E 's/^[][ (|,]//; s/[][ =,|)]$//' | sort -u
}

complete -p kanbao 2>/dev/null | grep -q -- '-F _kanbao kanbao' &&
	pass "bash: complete -F _kanbao kanbao is set" || fail "bash: complete -F _kanbao kanbao is set"

# --- commands and options, against the help texts ---
"$kanbao" --help >"$tmp/help" </dev/null
mapfile -t commands < <(awk '/^commands:/ { on = 1; next } on && /^$/ { exit }
	on && /^  [a-z]/ { print $1 }' "$tmp/help")
comp kanbao ''
has_all "kanbao <Tab>: every command of kanbao --help (${#commands[@]})" "${commands[@]}"
comp kanbao lis
want "kanbao lis<Tab>: list" list
comp kanbao --db "$db" ed
want "kanbao --db PATH ed<Tab>: editions" editions
comp kanbao help ex
want "kanbao help ex<Tab>: export" export
# (a usage line of one command, "kanbao parse [--json]", names its options)
cmds_re=$(IFS='|'; echo "${commands[*]}")
mapfile -t gopts < <(awk '/^(usage|options)/ { on = 1 } /^commands:/ { exit } on' "$tmp/help" |
	grep -vE "kanbao ($cmds_re)( |\$)" | opts_of | grep -- '^--')
comp kanbao --
has_all "kanbao --<Tab>: the global options of kanbao --help (${#gopts[@]})" "${gopts[@]}"
for c in "${commands[@]}"; do
	[ "$c" = help ] && continue
	mapfile -t copts < <("$kanbao" "$c" --help </dev/null 2>/dev/null | opts_of | grep -- '^--')
	comp kanbao "$c" --
	if [ ${#copts[@]} -eq 0 ]; then
		pass "kanbao $c --<Tab>: kanbao $c --help names no --option"
		continue
	fi
	has_all "kanbao $c --<Tab>: every --option of kanbao $c --help (${#copts[@]})" "${copts[@]}"
done
comp kanbao export --
has_all "kanbao export --<Tab>: its own options and the filters" --article --all --with-text \
	--output --split --format --tag --edition --date --db
comp kanbao export --w
want "kanbao export --w<Tab>: --with-text" --with-text

# --- values ---
comp kanbao export --format ''
want "kanbao export --format <Tab>: md json csl-json bibtex" md json csl-json bibtex
comp kanbao export --format c
want "kanbao export --format c<Tab>: csl-json" csl-json
comp_line "kanbao export --format=b" kanbao export --format = b
want "kanbao export --format=b<Tab> (split at =): bibtex" bibtex
comp kanbao search --sort ''
want "kanbao search --sort <Tab>: newest oldest relevance" newest oldest relevance
comp kanbao tags ''
want "kanbao tags <Tab>: rename merge delete" rename merge delete
comp kanbao detached ''
want "kanbao detached <Tab>: attach" attach

# --- tags, from the library named on the line ---
comp kanbao --db "$db" list --tag ''
want "kanbao --db PATH list --tag <Tab>: the library's tags" "${tags[@]}"
comp kanbao list --db "$db" --tag 重
want "kanbao list --db PATH --tag 重<Tab>: 重要 (--db after the command)" 重要
comp kanbao list "--db=$db" --tag ''
want "kanbao list --db=PATH --tag <Tab>: the tags" "${tags[@]}"
comp kanbao --db "'$db'" search --tag ''
want "kanbao --db 'PATH WITH SPACE' search --tag <Tab>: the tags" "${tags[@]}"
KANBAO_DB=$db comp kanbao export --tag ''
want "KANBAO_DB=PATH kanbao export --tag <Tab>: the tags" "${tags[@]}"
comp kanbao --db "$db" tag "$id" -- ''
want "kanbao tag ID -- <Tab>: the tags" "${tags[@]}"
comp kanbao --db "$db" untag "$id" -- 两
want "kanbao untag ID -- 两<Tab>: 两 会" '两 会'
comp kanbao --db "$db" tags rename ''
want "kanbao tags rename <Tab>: the tags" "${tags[@]}"
comp kanbao --db "$db" list tag:
want "kanbao list tag:<Tab>: tag:TAG for each tag" "${tags[@]/#/tag:}"
comp kanbao --db "$db" search -tag:重
want "kanbao search -tag:重<Tab>: -tag:重要" -tag:重要
comp_line "kanbao --db '$db' list tag:" kanbao --db "'$db'" list tag :
want "kanbao list tag:<Tab> (split at :): :TAG, bash's word being :" "${tags[@]/#/:}"
comp_line "kanbao --db '$db' list tag:重" kanbao --db "'$db'" list tag : 重
want "kanbao list tag:重<Tab> (split at :): 重要" 重要
comp kanbao list un
want "kanbao list un<Tab>: unread" unread
comp kanbao --db "$tmp/none.db" list --tag ''
want "a library that does not exist: no tags, no error" ''

# --- article ids ---
comp kanbao --db "$db" show ''
want "kanbao show <Tab>: the library's ids (${#ids[@]})" "${ids[@]}"
p=${id:0:2}
mapfile -t pids < <(printf '%s\n' "${ids[@]}" | grep "^$p")
comp kanbao --db "$db" show "$p"
want "kanbao show ${p}<Tab>: the ids starting with $p" "${pids[@]}"
comp kanbao --db "$db" show "$id" ''
want "kanbao show ID <Tab>: nothing more" ''
comp kanbao --db "$db" note ''
want "kanbao note <Tab>: the ids" "${ids[@]}"
comp kanbao --db "$db" tag ''
want "kanbao tag <Tab>: the ids" "${ids[@]}"
comp kanbao --db "$db" export --article "$p"
want "kanbao export --article ${p}<Tab>: the ids starting with $p" "${pids[@]}"
comp kanbao --db "$db" detached attach ''
want "kanbao detached attach <Tab>: the ids" "${ids[@]}"
comp kanbao --db "$db" show 'x!'
want "kanbao show x!<Tab>: no id holds !" ''

# --- editions and files ---
comp kanbao --db "$db" remove ''
want "kanbao remove <Tab>: the editions" "${editions[@]}"
comp kanbao --db "$db" list --edition ''
want "kanbao list --edition <Tab>: the editions" "${editions[@]}"
mkdir -p "$tmp/files/sub"
: >"$tmp/files/backup.json"
comp kanbao restore "$tmp/files/ba"
want "kanbao restore <Tab>: files" "$tmp/files/backup.json"
comp kanbao import "$tmp/files/s"
want "kanbao import <Tab>: directories" "$tmp/files/sub"
comp kanbao export -o "$tmp/files/"
want "kanbao export -o <Tab>: files and directories" "$tmp/files/backup.json" "$tmp/files/sub"
comp kanbao --config "$tmp/files/b"
want "kanbao --config <Tab>: files" "$tmp/files/backup.json"
comp kanbao "$tmp/files/s"
want "kanbao PATH<Tab> (the reader): files" "$tmp/files/sub"
comp kanbao "$tmp/files/sub" "$tmp/files/b"
want "kanbao PATH PATH<Tab> (the reader): files" "$tmp/files/backup.json"
comp kanbao "$tmp/files/sub" --th
want "kanbao PATH --th<Tab> (the reader's options among the PATHs): --theme" --theme
comp kanbao note "$id" -
has_all "kanbao note ID -<Tab>: - (stdin) among the options" - --clear
mkdir -p "$XDG_CONFIG_HOME/kanbao/themes"
: >"$XDG_CONFIG_HOME/kanbao/themes/paper.theme"
comp kanbao --theme pa
want "kanbao --theme pa<Tab>: the user's theme paper" paper

# --- zsh and fish ---
if command -v zsh >/dev/null 2>&1; then
	check "zsh -n completions/_kanbao" zsh -n "$root/completions/_kanbao"
	head -n 1 "$root/completions/_kanbao" | grep -qx '#compdef kanbao' &&
		pass "zsh: _kanbao starts with #compdef kanbao" ||
		fail "zsh: _kanbao starts with #compdef kanbao"
else
	skip "zsh -n completions/_kanbao" "zsh not installed (apt-get install zsh)"
	skip "zsh: _kanbao starts with #compdef kanbao" "zsh not installed"
fi
if command -v fish >/dev/null 2>&1; then
	check "fish -n completions/kanbao.fish" fish -n "$root/completions/kanbao.fish"
	# fish_complete LINE: fish's own completions of LINE (candidates only)
	fish_complete() {
		fish --no-config -c 'source $argv[1]; complete -C $argv[2]' \
			"$root/completions/kanbao.fish" "$1" 2>"$tmp/err" | cut -f1 | sort >"$tmp/got"
	}
	fish_complete 'kanbao lis'
	want "fish: kanbao lis<Tab>: list" list
	fish_complete 'kanbao export --format '
	want "fish: kanbao export --format <Tab>: md json csl-json bibtex" md json csl-json bibtex
	fish_complete "kanbao --db '$db' list --tag "
	want "fish: kanbao --db PATH list --tag <Tab>: the tags" "${tags[@]}"
	fish_complete "kanbao --db '$db' show "
	want "fish: kanbao --db PATH show <Tab>: the ids" "${ids[@]}"
else
	for d in "fish -n completions/kanbao.fish" "fish: kanbao lis<Tab>" \
		"fish: kanbao export --format <Tab>" "fish: list --tag <Tab>" "fish: show <Tab>"; do
		skip "$d" "fish not installed (apt-get install fish)"
	done
fi

# --- installed where the shells look ---
dest=$tmp/dest
check "meson install --destdir succeeds" \
	"$meson" install -C "$build" --destdir "$dest" --no-rebuild --quiet
for pair in bash-completion/completions/kanbao:kanbao.bash zsh/site-functions/_kanbao:_kanbao \
	fish/vendor_completions.d/kanbao.fish:kanbao.fish; do
	to=${pair%%:*} from=${pair#*:}
	if cmp -s "$dest$datadir/$to" "$root/completions/$from"; then
		pass "meson install puts completions/$from at DATADIR/$to"
	else
		fail "meson install puts completions/$from at DATADIR/$to"
	fi
done
done_tap
