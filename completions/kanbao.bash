# SPDX-License-Identifier: MIT
# bash completion for kanbao(1). Installed as
# $datadir/bash-completion/completions/kanbao, where bash-completion loads
# it on first use; or source it from ~/.bashrc.
#
# Completes the global options and the commands, each command's options,
# the values of --format and --sort, tags (after --tag, in tag and untag, in
# `tags rename|merge|delete` and in tag:/-tag: query terms), article ids
# (show, tag, untag, note, detached attach, export --article), edition names
# (--edition, remove) and file names where a file is taken. Tags, ids and
# editions come from the library named by --db earlier on the line (else
# $KANBAO_DB, else the default one), read as kanbao prints JSON: one object
# a line. Needs nothing but bash itself (not the bash-completion helpers).

# The commands, each one's options, and what an option's value is.
_kanbao_commands='parse import list search show tag untag note tags detached check editions remove export restore help'
_kanbao_global_opts='--db --config --theme -h --help -V --version --help-keys'
_kanbao_filter_opts='--tag --edition --date --unread --limit'

# Print the options of command $1.
_kanbao_opts()
{
	case $1 in
	parse) echo --json --name --help ;;
	import) echo --paper --name --db --help ;;
	list) echo $_kanbao_filter_opts --json --db --help ;;
	search) echo --sort --count $_kanbao_filter_opts --json --db --help ;;
	show) echo --json --db --help ;;
	tag | untag | remove) echo --db --help ;;
	note) echo --clear --db --help ;;
	tags | detached | editions) echo --json --db --help ;;
	check) echo --repair --db --help ;;
	export) echo --article --tag --edition --date --unread --limit --all --with-text \
		-o --output --split --format --db --help ;;
	restore) echo --db --help ;;
	esac
}

# The words of the line up to the cursor, as the shell will pass them:
# bash splits "tag:重要" and "--db=x" at : and = (COMP_WORDBREAKS); join
# the pieces that touch again. Sets _kanbao_words, _kanbao_cword and
# _kanbao_lead (what bash's current word lacks of ours).
_kanbao_reassemble()
{
	_kanbao_words=()
	local line=${COMP_LINE-} i pos=0 w rest joined=0
	if [ -z "$line" ]; then
		_kanbao_words=("${COMP_WORDS[@]:0:COMP_CWORD+1}")
		_kanbao_cword=$COMP_CWORD
		_kanbao_lead=
		return
	fi
	line=${line:0:${COMP_POINT:-${#line}}}
	for ((i = 0; i <= COMP_CWORD; i++)); do
		w=${COMP_WORDS[i]}
		rest=${line:pos}
		# the blanks before this word, if any
		local trimmed=${rest#"${rest%%[![:space:]]*}"}
		local gap=$((${#rest} - ${#trimmed}))
		if [ $i -gt 0 ] && [ $gap -eq 0 ] && [ ${#_kanbao_words[@]} -gt 0 ]; then
			_kanbao_words[-1]+=$w
			joined=1
		else
			_kanbao_words+=("$w")
			joined=0
		fi
		pos=$((pos + gap + ${#w}))
	done
	_kanbao_cword=$((${#_kanbao_words[@]} - 1))
	local ours=${_kanbao_words[-1]} theirs=${COMP_WORDS[COMP_CWORD]}
	_kanbao_lead=
	if [ $joined -eq 1 ] || [ "$ours" != "$theirs" ]; then
		_kanbao_lead=${ours%"$theirs"}
	fi
}

# A word as typed, without the shell's quoting (enough for matching).
_kanbao_dequote()
{
	local w=$1
	case $w in
	\'*) w=${w#\'}; w=${w%\'} ;;
	\"*) w=${w#\"}; w=${w%\"} ;;
	*) w=${w//\\/} ;;
	esac
	printf '%s' "$w"
}

# The arguments that name the library: --db PATH (or --db=PATH) given
# before the cursor, wherever it stands.
_kanbao_db_args()
{
	local i w db=
	for ((i = 1; i < _kanbao_cword; i++)); do
		w=${_kanbao_words[i]}
		case $w in
		--db) db=${_kanbao_words[i + 1]-} ;;
		--db=*) db=${w#--db=} ;;
		--) break ;;
		esac
	done
	if [ -n "$db" ]; then
		db=$(_kanbao_dequote "$db")
		case $db in
		\~/*) db=$HOME/${db#\~/} ;;
		esac
		printf '%s\n' --db "$db"
	fi
}

# Run kanbao quietly on the library of the line ("${1}..." the command).
_kanbao_run()
{
	local db
	mapfile -t db < <(_kanbao_db_args)
	command kanbao "${db[@]}" "$@" 2>/dev/null </dev/null
}

# JSON string values of key $1 in the lines on stdin (kanbao's --json
# prints one object a line), with \" and \\ undone.
_kanbao_json_values()
{
	sed -n 's/^  {.*"'"$1"'": "\(\([^"\\]\|\\.\)*\)".*/\1/p' | sed 's/\\\(.\)/\1/g'
}

# The library's tags, one a line.
_kanbao_tags()
{
	_kanbao_run tags --json | _kanbao_json_values name
}

# Article ids starting with $1, at most 200 of them (kanbao stops reading
# once they are found: the pipe closes).
_kanbao_ids()
{
	local p=$1
	case $p in
	*[!0-9a-z]*) return ;;
	esac
	_kanbao_run list --json | grep -m 200 "^  {\"id\": \"$p" | cut -d'"' -f4
}

# The library's edition file names.
_kanbao_editions()
{
	_kanbao_run editions --json | _kanbao_json_values name
}

# Add to COMPREPLY the lines on stdin that start with $1 (typed, quoted
# as typed), with $2 put before each; -o filenames lets bash quote them.
_kanbao_add()
{
	local cur=$1 pre=${2-} line
	cur=$(_kanbao_dequote "$cur")
	while IFS= read -r line; do
		[ -n "$line" ] || continue
		if [[ $pre$line == "$cur"* ]]; then
			COMPREPLY+=("$pre$line")
		fi
	done
	compopt -o filenames 2>/dev/null
}

# Add the words of $2 that start with $1.
_kanbao_add_words()
{
	local w
	for w in $2; do
		if [[ $w == "$1"* ]]; then
			COMPREPLY+=("$w")
		fi
	done
}

# Add file (or, with -d, directory) names starting with $1.
_kanbao_add_files()
{
	local cur line
	cur=$(_kanbao_dequote "$1")
	case $cur in
	\~/*) cur=$HOME/${cur#\~/} ;;
	esac
	while IFS= read -r line; do
		COMPREPLY+=("$line")
	done < <(compgen "${2:--f}" -- "$cur")
	compopt -o filenames 2>/dev/null
}

# Themes: the names of the .theme files kanbao looks in, and paths.
_kanbao_add_themes()
{
	local cur=$1 d f
	case $cur in
	*/*) _kanbao_add_files "$cur"; return ;;
	esac
	local cfg=${XDG_CONFIG_HOME:-$HOME/.config}
	for d in "$cfg/kanbao/themes" "${KANBAO_THEMES-}" \
		/usr/local/share/kanbao/themes /usr/share/kanbao/themes; do
		[ -n "$d" ] && [ -d "$d" ] || continue
		for f in "$d"/*.theme; do
			[ -f "$f" ] || continue
			f=${f##*/}
			f=${f%.theme}
			[[ $f == "$cur"* ]] && COMPREPLY+=("$f")
		done
	done
}

# Complete the value of option $1 (the word being typed: $2); false when
# $1 takes no value.
_kanbao_value()
{
	local opt=$1 cur=$2
	case $opt in
	--db | --config | --name | -o | --output) _kanbao_add_files "$cur" ;;
	--theme) _kanbao_add_themes "$cur" ;;
	--tag) _kanbao_add "$cur" < <(_kanbao_tags) ;;
	--article) _kanbao_add "$cur" < <(_kanbao_ids "$cur") ;;
	--edition) _kanbao_add "$cur" < <(_kanbao_editions) ;;
	--format) _kanbao_add_words "$cur" 'md json csl-json bibtex' ;;
	--sort) _kanbao_add_words "$cur" 'newest oldest relevance' ;;
	--date | --limit | --paper) ;;
	*) return 1 ;;
	esac
	return 0
}

# Complete a query word of list or search: tag: and -tag: terms
# take tags, a word the terms' keys.
_kanbao_query()
{
	local cur=$1
	case $cur in
	tag:* | -tag:*)
		_kanbao_add "$cur" "${cur%%:*}:" < <(_kanbao_tags)
		;;
	*:*) ;;
	*)
		_kanbao_add_words "$cur" 'tag: -tag: date: page: paper: edition: unread'
		[[ ${COMPREPLY[*]} == *: ]] && compopt -o nospace 2>/dev/null
		;;
	esac
}

_kanbao()
{
	COMPREPLY=()
	local _kanbao_words _kanbao_cword _kanbao_lead
	_kanbao_reassemble
	local cur=${_kanbao_words[_kanbao_cword]}
	local prev=
	[ "$_kanbao_cword" -gt 0 ] && prev=${_kanbao_words[_kanbao_cword - 1]}

	# the command: the first word that is not an option or an option's value
	local i w cmd= cmdi=0 dashdash=0
	for ((i = 1; i < _kanbao_cword; i++)); do
		w=${_kanbao_words[i]}
		case $w in
		--db | --config | --theme) i=$((i + 1)) ;;
		--) dashdash=$i; break ;;
		-*) ;;
		*) cmd=$w; cmdi=$i; break ;;
		esac
	done

	if [ -z "$cmd" ]; then
		if [ "$dashdash" -eq 0 ] && [[ $cur == --*=* ]]; then
			_kanbao_value "${cur%%=*}" "${cur#*=}"
			COMPREPLY=("${COMPREPLY[@]/#/${cur%%=*}=}")
		elif [ "$dashdash" -eq 0 ] && _kanbao_value "$prev" "$cur"; then
			:
		elif [ "$dashdash" -eq 0 ] && [[ $cur == -* ]]; then
			_kanbao_add_words "$cur" "$_kanbao_global_opts"
		else
			# a command, or the PATHs the reader imports
			[ "$dashdash" -eq 0 ] && _kanbao_add_words "$cur" "$_kanbao_commands"
			[ -n "$cur" ] && _kanbao_add_files "$cur"
		fi
		_kanbao_trim
		return 0
	fi

	# a first word that is no command is a PATH of the reader: more PATHs,
	# or the reader's options
	case " $_kanbao_commands " in
	*" $cmd "*) ;;
	*)
		if [[ $cur == -* ]]; then
			_kanbao_add_words "$cur" '--db --config --theme --help'
		elif ! _kanbao_value "$prev" "$cur"; then
			_kanbao_add_files "$cur"
		fi
		_kanbao_trim
		return 0
		;;
	esac

	# the arguments after the command, before the cursor (options and
	# their values left out; after --, every word)
	local args=() after=0
	for ((i = cmdi + 1; i < _kanbao_cword; i++)); do
		w=${_kanbao_words[i]}
		if [ $after -eq 1 ]; then
			args+=("$w")
			continue
		fi
		case $w in
		--) after=1 ;;
		--*=*) ;;
		--db | --tag | --edition | --date | --limit | --sort | --paper | --name | \
			--article | -o | --output | --format) i=$((i + 1)) ;;
		-?*) ;;
		*) args+=("$w") ;;
		esac
	done

	if [ $after -eq 0 ]; then
		if [[ $cur == --*=* ]]; then
			_kanbao_value "${cur%%=*}" "${cur#*=}"
			COMPREPLY=("${COMPREPLY[@]/#/${cur%%=*}=}")
			_kanbao_trim
			return 0
		fi
		# the value of the option before (not of a global one: the
		# command stands between)
		if [ "$cmdi" -lt $((_kanbao_cword - 1)) ] && _kanbao_value "$prev" "$cur"; then
			_kanbao_trim
			return 0
		fi
		if [[ $cur == -* ]]; then
			_kanbao_add_words "$cur" "$(_kanbao_opts "$cmd")"
			case $cmd in
			list | search) _kanbao_query "$cur" ;;
			parse | import | note | restore) [ "$cur" = - ] && COMPREPLY+=(-) ;;
			esac
			_kanbao_trim
			return 0
		fi
	fi

	local n=${#args[@]}
	case $cmd in
	parse | import)
		_kanbao_add_files "$cur"
		[ -z "$cur" ] && COMPREPLY+=(-)
		;;
	restore) _kanbao_add_files "$cur" ;;
	list | search) _kanbao_query "$cur" ;;
	show) [ "$n" -eq 0 ] && _kanbao_add "$cur" < <(_kanbao_ids "$cur") ;;
	note) [ "$n" -eq 0 ] && _kanbao_add "$cur" < <(_kanbao_ids "$cur") ;;
	tag | untag)
		if [ $after -eq 1 ]; then
			_kanbao_add "$cur" < <(_kanbao_tags)
		elif [ "$n" -eq 0 ]; then
			_kanbao_add "$cur" < <(_kanbao_ids "$cur")
		else
			# ID... -- TAG..., or ID TAG
			_kanbao_add "$cur" < <(_kanbao_ids "$cur")
			_kanbao_add "$cur" < <(_kanbao_tags)
		fi
		;;
	tags)
		if [ "$n" -eq 0 ]; then
			_kanbao_add_words "$cur" 'rename merge delete'
		elif [ "$n" -le 2 ]; then
			_kanbao_add "$cur" < <(_kanbao_tags)
		fi
		;;
	detached)
		if [ "$n" -eq 0 ]; then
			_kanbao_add_words "$cur" attach
		elif [ "$n" -le 2 ]; then
			_kanbao_add "$cur" < <(_kanbao_ids "$cur")
		fi
		;;
	remove) _kanbao_add "$cur" < <(_kanbao_editions) ;;
	help) [ "$n" -eq 0 ] && _kanbao_add_words "$cur" "$_kanbao_commands" ;;
	esac
	_kanbao_trim
	return 0
}

# Bash replaces only its own current word: drop from each reply what
# comes before it in ours (the "tag" of tag:重要, bash's word being 重要).
_kanbao_trim()
{
	if [ -n "${_kanbao_lead-}" ] && [ ${#COMPREPLY[@]} -gt 0 ]; then
		COMPREPLY=("${COMPREPLY[@]#"$_kanbao_lead"}")
	fi
}

complete -F _kanbao kanbao
