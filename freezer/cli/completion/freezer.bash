# bash completion for freezer: subcommands, each one's options, and file or
# directory names where a path goes. Installed by CMake as
# share/bash-completion/completions/freezer (bash-completion loads it on
# first use); or source it from ~/.bashrc. Kept in step with the --help
# text by freezer/cli/completion/completion_test.sh.

_freezer_files() {  # $1: a glob the names must match ("" for any)
  local IFS=$'\n'
  compopt -o filenames 2>/dev/null
  if [[ -n $1 ]]; then
    COMPREPLY=($(compgen -d -- "$cur") $(compgen -f -X "!$1" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}

_freezer_dirs() {
  local IFS=$'\n'
  compopt -o filenames 2>/dev/null
  COMPREPLY=($(compgen -d -- "$cur"))
}

_freezer() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev=""
  ((COMP_CWORD > 0)) && prev="${COMP_WORDS[COMP_CWORD - 1]}"
  COMPREPLY=()
  local subcommands="build init list inspect extract verify why report rules"
  local sub="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${COMP_WORDS[i]}" in
      -*) ;;
      *) sub="${COMP_WORDS[i]}"; break ;;
    esac
  done
  if [[ -z $sub ]]; then
    COMPREPLY=($(compgen -W "$subcommands --help" -- "$cur"))
    return 0
  fi

  local opts="-h --help" positional=""  # positional: "py", "file", "dir" or ""
  case $sub in
    build)
      opts+=" -m --module --entry -o --output --stub --path --venv --cache-dir --no-cache
             --hash-based --hidden-import --exclude-module --force --include-package --include-distribution --add-data
             --extract-package --rules --without-rule --glibc-floor --native-load --include-source --compress --store-bytecode --strict --optimize --unbuffered --no-child-modes --no-python-children
             --xoption --warnings --allow-env --debug-imports --report --check-reproducible -q --quiet -v --verbose"
      positional=py
      case $prev in
        -o|--output|--stub|--report|--add-data) _freezer_files ""; return 0 ;;
        --path|--venv|--cache-dir|--rules) _freezer_dirs; return 0 ;;
        --optimize) COMPREPLY=($(compgen -W "0 1 2" -- "$cur")); return 0 ;;
        --glibc-floor) COMPREPLY=($(compgen -W "2.17 2.26 2.27 2.28 2.31 2.34 2.35 2.36" -- "$cur")); return 0 ;;
        --native-load) COMPREPLY=($(compgen -W "cache memory" -- "$cur")); return 0 ;;
        -m|--module|--entry|--hidden-import|--exclude-module|--include-package|--include-distribution|--extract-package|--without-rule|--xoption|--warnings)
          return 0 ;;
        --allow-env)
          COMPREPLY=($(compgen -W "PYTHONDONTWRITEBYTECODE PYTHONHASHSEED PYTHONIOENCODING PYTHONUTF8
                                   PYTHONWARNINGS PYTHONFAULTHANDLER PYTHONTRACEMALLOC PYTHONDEVMODE
                                   PYTHONINTMAXSTRDIGITS PYTHONUNBUFFERED PYTHONOPTIMIZE" -- "$cur"))
          return 0 ;;
      esac
      ;;
    init)
      opts+=" --file"
      positional=py
      [[ $prev == --file ]] && { _freezer_files "*.toml"; return 0; }
      ;;
    list)
      opts+=" --name --kind --sort --json"
      positional=file
      case $prev in
        --kind) COMPREPLY=($(compgen -W "module package source data extension shared-lib metadata boot-config" -- "$cur")); return 0 ;;
        --sort) COMPREPLY=($(compgen -W "name size" -- "$cur")); return 0 ;;
        --name) return 0 ;;
      esac
      ;;
    inspect) opts+=" --json"; positional=file ;;
    extract) opts+=" --force"; positional=file ;;
    verify) positional=file ;;
    why|rules)
      opts+=" --path --venv --hidden-import --exclude-module --rules --without-rule"
      positional=file
      [[ $sub == rules ]] && positional=py && opts+=" show"
      case $prev in
        --path|--venv|--rules) _freezer_dirs; return 0 ;;
        --hidden-import|--exclude-module|--without-rule) return 0 ;;
      esac
      ;;
    report)
      opts+=" -o --output"
      positional=file
      [[ $prev == -o || $prev == --output ]] && { _freezer_files "*.html"; return 0; }
      ;;
    *) return 0 ;;
  esac

  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  elif [[ $positional == py ]]; then
    _freezer_files "*.py"
  elif [[ -n $positional ]]; then
    _freezer_files ""
  fi
  return 0
}

complete -F _freezer freezer
