# bash completion for trp. Commands and each command's options are read from trp's own
# help, so they stay current; files are offered after -o, --db, --truth and for import.
_trp_commands() {
    trp help 2>/dev/null | awk '/^commands:/ {c = 1; next} c && /^  [a-z]/ {print $1} c && /^$/ {c = 0}'
}

_trp() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
    local i cmd= at=0
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            --db) ((i++)) ;;
            -*) ;;
            *) cmd=${COMP_WORDS[i]}; at=$i; break ;;
        esac
    done
    case $prev in
        -o|--output|--truth|--db) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        --format) COMPREPLY=($(compgen -W "csv jsonl svg png pdf html" -- "$cur")); return ;;
        --kind) COMPREPLY=($(compgen -W "pain task factor treatment note" -- "$cur")); return ;;
        --for) COMPREPLY=($(compgen -W "clinician patient" -- "$cur")); return ;;
    esac
    if [[ -z $cmd ]]; then
        COMPREPLY=($(compgen -W "$(_trp_commands) --db --help --version" -- "$cur"))
        return
    fi
    if ((COMP_CWORD == at + 1)) && [[ $cur != -* ]]; then
        case $cmd in
            log) COMPREPLY=($(compgen -W "pain task factor treat note" -- "$cur")); return ;;
            chart) COMPREPLY=($(compgen -W "timeline bodymap factors progress" -- "$cur")); return ;;
            plan) COMPREPLY=($(compgen -W "add remove done ics adherence" -- "$cur")); return ;;
            help) COMPREPLY=($(compgen -W "$(_trp_commands)" -- "$cur")); return ;;
            import) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        esac
    fi
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(trp "$cmd" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u) --help" -- "$cur"))
    fi
}
complete -o default -F _trp trp
