# SPDX-License-Identifier: MIT
# fish completion for kanbao(1). Installed as
# $datadir/fish/vendor_completions.d/kanbao.fish.
#
# Completes the global options and the commands, each command's options,
# the values of --format and --sort, tags (after --tag, in tag and untag, in
# `tags rename|merge|delete` and in tag:/-tag: query terms), article ids
# with their headlines (show, tag, untag, note, detached attach, export
# --article), edition names (--edition, remove) and file names where a
# file is taken. Tags, ids and editions come from the library named by
# --db earlier on the line, read as kanbao prints JSON: one object a line.

set -l kanbao_commands parse import list search show tag untag note tags detached check editions remove export restore help

# Run kanbao quietly on the library named by --db on the line, if any.
function __kanbao_run
    set -l db
    set -l words (commandline -opc)
    set -l i 2
    while test $i -le (count $words)
        switch $words[$i]
            case --db
                set db $words[(math $i + 1)]
            case '--db=*'
                set db (string replace -- --db= '' $words[$i])
            case --
                break
        end
        set i (math $i + 1)
    end
    if test -n "$db"
        command kanbao --db (string replace -r '^~/' "$HOME/" -- $db) $argv 2>/dev/null </dev/null
    else
        command kanbao $argv 2>/dev/null </dev/null
    end
end

# The string values of key $argv[1] in kanbao's JSON lines $argv[2..]
# (one object a line). The lines are arguments: string does not read a
# function's piped stdin in every fish.
function __kanbao_json_values
    set -l key $argv[1]
    set -e argv[1]
    set -q argv[1]; or return
    string replace -ra '\\\\(.)' '$1' -- (string replace -rf -- '^  \{.*"'$key'": "((?:[^"\\\\]|\\\\.)*)".*' '$1' $argv)
end

function __kanbao_tags
    __kanbao_json_values name (__kanbao_run tags --json)
end

# Article ids (at most 200, starting with what is typed) with their headlines.
function __kanbao_ids
    set -l p (commandline -ct)
    string match -qr '^[0-9a-z]*$' -- $p; or set p ''
    set -l rows (__kanbao_run list --json | command grep -m 200 "^  {\"id\": \"$p")
    set -q rows[1]; or return
    string replace -rf -- '^  \{"id": "([0-9a-z]+)".*"title": "((?:[^"\\\\]|\\\\.)*)".*' '$1\t$2' $rows
end

function __kanbao_editions
    __kanbao_json_values name (__kanbao_run editions --json)
end

# tag:X and -tag:X query terms, and the terms' keys.
function __kanbao_query
    set -l cur (commandline -ct)
    if string match -qr -- '^-?tag:' $cur
        set -l pre (string replace -r -- ':.*' ':' $cur)
        for t in (__kanbao_tags)
            printf '%s%s\n' $pre $t
        end
    else if not string match -q -- '*:*' $cur
        printf '%s\n' 'tag:'\t'with the tag' '-tag:'\t'without the tag' 'date:'\t'a date or FROM..TO' \
            'page:'\t'the page' 'paper:'\t'the paper' 'edition:'\t'the edition file' 'unread'\t'not marked read'
    end
end

function __kanbao_themes
    for d in (set -q XDG_CONFIG_HOME; and echo $XDG_CONFIG_HOME; or echo $HOME/.config)/kanbao/themes \
            $KANBAO_THEMES /usr/local/share/kanbao/themes /usr/share/kanbao/themes
        test -d "$d"; or continue
        for f in $d/*.theme
            basename $f .theme
        end
    end
end

# The number of arguments after the command (options and their values
# not counted) is $argv[1]; with "--", those after it.
function __kanbao_nargs
    set -l words (commandline -opc)
    set -l n 0
    set -l seen 0
    set -l skip 0
    for w in $words[2..-1]
        if test $skip = 1
            set skip 0
            continue
        end
        switch $w
            case --db --config --theme --tag --edition --date --limit --sort --paper --name --article -o --output --format
                set skip 1
            case '-*'
            case '*'
                if test $seen = 0
                    set seen 1
                else
                    set n (math $n + 1)
                end
        end
    end
    test $n -eq $argv[1]
end

function __kanbao_after_dashdash
    contains -- -- (commandline -opc)
end

set -l nocmd "not __fish_seen_subcommand_from $kanbao_commands"

# global options and the commands
complete -c kanbao -f
complete -c kanbao -n $nocmd -l db -r -F -d 'the library'
complete -c kanbao -n $nocmd -l config -r -F -d 'the settings file'
complete -c kanbao -n $nocmd -l theme -x -a '(__kanbao_themes; __fish_complete_path (commandline -ct))' -d "the reader's colours"
complete -c kanbao -n $nocmd -s h -l help -d 'show the help'
complete -c kanbao -n $nocmd -s V -l version -d "print kanbao's version"
complete -c kanbao -n $nocmd -l help-keys -d "print the reader's keys"
complete -c kanbao -n $nocmd -a parse -d 'print how the loader reads edition files'
complete -c kanbao -n $nocmd -a import -d 'import edition files and directories'
complete -c kanbao -n $nocmd -a list -d 'list articles'
complete -c kanbao -n $nocmd -a search -d 'full-text search, with snippets'
complete -c kanbao -n $nocmd -a show -d 'show one article'
complete -c kanbao -n $nocmd -a tag -d 'tag articles'
complete -c kanbao -n $nocmd -a untag -d 'remove tags'
complete -c kanbao -n $nocmd -a note -d "set an article's note"
complete -c kanbao -n $nocmd -a tags -d 'every tag; rename, merge or delete one'
complete -c kanbao -n $nocmd -a detached -d 'annotations whose article is gone'
complete -c kanbao -n $nocmd -a check -d "check the database's integrity"
complete -c kanbao -n $nocmd -a editions -d 'the editions of the library'
complete -c kanbao -n $nocmd -a remove -d 'remove editions (annotations kept)'
complete -c kanbao -n $nocmd -a export -d 'Markdown, citations or a JSON backup'
complete -c kanbao -n $nocmd -a restore -d "bring a backup's annotations in"
complete -c kanbao -n $nocmd -a help -d "a command's help"
complete -c kanbao -n $nocmd -a '(__fish_complete_path (commandline -ct))' -d 'edition file or directory'

# options every library command takes
for c in import list search show tag untag note tags detached check editions remove export restore
    complete -c kanbao -n "__fish_seen_subcommand_from $c" -l db -r -F -d 'the library'
end
for c in parse import list search show tag untag note tags detached check editions remove export restore
    complete -c kanbao -n "__fish_seen_subcommand_from $c" -s h -l help -d 'show the help'
end
for c in list search show tags detached editions
    complete -c kanbao -n "__fish_seen_subcommand_from $c" -l json -d 'print JSON'
end
for c in list search export
    complete -c kanbao -n "__fish_seen_subcommand_from $c" -l tag -x -a '(__kanbao_tags)' -d 'only articles with this tag'
    complete -c kanbao -n "__fish_seen_subcommand_from $c" -l edition -x -a '(__kanbao_editions)' -d 'only this edition file'
    complete -c kanbao -n "__fish_seen_subcommand_from $c" -l date -x -d 'only these dates: FROM[..TO]'
    complete -c kanbao -n "__fish_seen_subcommand_from $c" -l unread -d 'only articles not marked read'
    complete -c kanbao -n "__fish_seen_subcommand_from $c" -l limit -x -d 'at most N articles'
end

complete -c kanbao -n '__fish_seen_subcommand_from parse' -l json -d 'print the parse schema'
complete -c kanbao -n '__fish_seen_subcommand_from parse import' -l name -x -d 'the file name of the edition on stdin'
complete -c kanbao -n '__fish_seen_subcommand_from parse import restore' -F -a - -d 'standard input'
complete -c kanbao -n '__fish_seen_subcommand_from import' -l paper -x -d 'the paper of editions that name none'
complete -c kanbao -n '__fish_seen_subcommand_from list search' -a '(__kanbao_query)'
complete -c kanbao -n '__fish_seen_subcommand_from search' -l sort -x -a 'newest oldest relevance' -d 'the order'
complete -c kanbao -n '__fish_seen_subcommand_from search' -l count -d 'print only how many match'
complete -c kanbao -n '__fish_seen_subcommand_from show note; and __kanbao_nargs 0' -a '(__kanbao_ids)'
complete -c kanbao -n '__fish_seen_subcommand_from note' -l clear -d 'remove the note'
complete -c kanbao -n '__fish_seen_subcommand_from tag untag; and __kanbao_after_dashdash' -a '(__kanbao_tags)'
complete -c kanbao -n '__fish_seen_subcommand_from tag untag; and not __kanbao_after_dashdash' -a '(__kanbao_ids)'
complete -c kanbao -n '__fish_seen_subcommand_from tag untag; and not __kanbao_after_dashdash; and not __kanbao_nargs 0' -a '(__kanbao_tags)'
complete -c kanbao -n '__fish_seen_subcommand_from tags; and __kanbao_nargs 0' -a 'rename merge delete'
complete -c kanbao -n '__fish_seen_subcommand_from tags; and not __kanbao_nargs 0' -a '(__kanbao_tags)'
complete -c kanbao -n '__fish_seen_subcommand_from detached; and __kanbao_nargs 0' -a attach -d 'move annotations to another article'
complete -c kanbao -n '__fish_seen_subcommand_from detached; and not __kanbao_nargs 0' -a '(__kanbao_ids)'
complete -c kanbao -n '__fish_seen_subcommand_from check' -l repair -d 'rebuild the search index'
complete -c kanbao -n '__fish_seen_subcommand_from remove' -a '(__kanbao_editions)'
complete -c kanbao -n '__fish_seen_subcommand_from export' -l article -x -a '(__kanbao_ids)' -d 'this article'
complete -c kanbao -n '__fish_seen_subcommand_from export' -l all -d 'every annotated article'
complete -c kanbao -n '__fish_seen_subcommand_from export' -l with-text -d 'add the text, highlights marked'
complete -c kanbao -n '__fish_seen_subcommand_from export' -s o -l output -r -F -d 'file, folder, or - for stdout'
complete -c kanbao -n '__fish_seen_subcommand_from export' -l split -d 'one file per article'
complete -c kanbao -n '__fish_seen_subcommand_from export' -l format -x -a 'md\tMarkdown json\t"a backup for restore" csl-json\t"CSL-JSON citations" bibtex\t"BibTeX citations"' -d 'the format'
complete -c kanbao -n '__fish_seen_subcommand_from restore' -F
complete -c kanbao -n '__fish_seen_subcommand_from help; and __kanbao_nargs 0' -a "$kanbao_commands"
