# Bash completion for blockify (installed to share/bash-completion/completions/blockify).
# Completes subcommands, their options, option values and file names.

_blockify() {
  local cur prev words cword
  _init_completion || return

  # The subcommand path so far ("job", "job create", ...), skipping options and their values.
  local path="" i word
  for ((i = 1; i < cword; i++)); do
    word=${words[i]}
    case $word in
      --db | --name | --dataset | --mode | --chunk-size | --overlap | --backend | \
        --distill-threshold | --status | --search | --limit | --format | --out | --workers)
        ((i++)) ;;
      -*) ;;
      *)
        case "$path $word" in
          " job" | " run" | " dataset" | " settings" | \
            " job create" | " job list" | " job show" | " job retry" | " job cancel" | " job delete" | \
            " dataset list" | " dataset show" | " dataset export" | " dataset reembed" | \
            " settings list" | " settings set" | " settings test")
            path="$path $word" ;;
        esac ;;
    esac
  done
  path=${path# }

  case $prev in
    --db | --out)
      _filedir
      return ;;
    --mode) mapfile -t COMPREPLY < <(compgen -W "blockify chunk" -- "$cur"); return ;;
    --backend) mapfile -t COMPREPLY < <(compgen -W "offline openai" -- "$cur"); return ;;
    --format) mapfile -t COMPREPLY < <(compgen -W "xml jsonl md" -- "$cur"); return ;;
    --status)
      mapfile -t COMPREPLY < <(compgen -W "pending processing cancelling completed failed cancelled" -- "$cur")
      return ;;
    --name | --dataset | --chunk-size | --overlap | --distill-threshold | --search | --limit | --workers)
      return ;;
  esac

  local choices="" files=no
  case $path in
    "") choices="job run dataset settings --db --help --version"; files=yes ;;
    job) choices="create list show retry cancel delete --help" ;;
    "job create")
      choices="--name --dataset --mode --chunk-size --overlap --backend --distill-threshold --help"
      files=yes ;;
    "job list") choices="--status --json --help" ;;
    "job show") choices="--json --help" ;;
    "job retry") choices="--resume --failed-files --help" ;;
    "job cancel" | "job delete") choices="--help" ;;
    run) choices="--until-idle --workers --help" ;;
    dataset) choices="list show search reembed export --help" ;;
    "dataset reembed") choices="--json --help" ;;
    "dataset show") choices="--search --limit --help" ;;
    "dataset export") choices="--format --out --help" ;;
    settings) choices="list set test --help" ;;
    *) choices="--help" ;;
  esac

  mapfile -t COMPREPLY < <(compgen -W "$choices" -- "$cur")
  # Documents: `job create FILE...`, or files to open in the window. _filedir appends.
  [[ $cur != -* && $files == yes ]] && _filedir
  return 0
}
complete -F _blockify blockify
