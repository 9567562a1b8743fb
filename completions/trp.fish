# fish completion for trp. Commands and each command's options are read from trp's own
# help, so they stay current; files are offered after -o, --db, --truth and for import.
function __trp_commands
    trp help 2>/dev/null | awk '/^commands:/ {c = 1; next} c && /^  [a-z]/ {n = $1; $1 = ""; sub(/^ +/, ""); print n "\t" $0} c && /^$/ {c = 0}'
end

function __trp_command_options
    set -l words (commandline -opc)
    for w in $words[2..-1]
        if not string match -q -- '-*' $w
            trp $w --help 2>/dev/null | string match -ar -- '--[a-z][a-z-]*' | sort -u
            return
        end
    end
end

complete -c trp -f
complete -c trp -n __fish_use_subcommand -a '(__trp_commands)'
complete -c trp -n __fish_use_subcommand -l db -r -F -d 'the diary database'
complete -c trp -n '__fish_seen_subcommand_from log' -a 'pain task factor treat note'
complete -c trp -n '__fish_seen_subcommand_from chart' -a 'timeline bodymap factors progress'
complete -c trp -n '__fish_seen_subcommand_from plan' -a 'add remove done ics adherence'
complete -c trp -n '__fish_seen_subcommand_from import' -F
complete -c trp -n 'not __fish_use_subcommand' -s o -r -F -d 'output file (- for standard output)'
complete -c trp -n 'not __fish_use_subcommand' -a '(__trp_command_options)'
