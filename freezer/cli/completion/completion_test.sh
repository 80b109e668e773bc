#!/bin/bash
# Sources the completion script and checks it completes what a user types:
# subcommands, every --option each subcommand's --help lists, file names.
#   completion_test.sh freezer.bash path/to/freezer
set -u
script=$1 freezer=$2
source "$script" || { echo "FAIL: cannot source $script"; exit 1; }
fails=0
complete_line() {  # the words of a command line; the last one is completed
  COMP_WORDS=("$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMPREPLY=()
  _freezer
  echo "${COMPREPLY[*]}"
}
expect() {  # expect WHAT GOT WANT-WORD...
  local what=$1 got=$2; shift 2
  for w in "$@"; do
    if [[ " $got " != *" $w "* ]]; then
      echo "FAIL: $what: '$w' not offered (got: $got)"
      fails=$((fails + 1))
    fi
  done
}

got=$(complete_line freezer bu)
[[ $got == build ]] || { echo "FAIL: 'freezer bu' completes to '$got', expected 'build'"; fails=$((fails + 1)); }

# Every subcommand --help shows, and every long option of each.
subs=$("$freezer" --help | awk '/^Subcommands:/{on=1; next} on && !NF {exit} on {print $1}')
[[ -n $subs ]] || { echo "FAIL: no subcommands in freezer --help"; exit 1; }
expect "subcommands" "$(complete_line freezer '')" $subs
for sub in $subs; do
  # Option lines start with blanks and a dash; the footer's examples do not count.
  options=$("$freezer" "$sub" --help | grep -E '^ +-' | grep -oE '(^|[ ,])--[a-z][a-z-]*' |
            sed 's/^[ ,]//' | sort -u)
  [[ -n $options ]] || { echo "FAIL: no options in freezer $sub --help"; fails=$((fails + 1)); }
  expect "freezer $sub --" "$(complete_line freezer "$sub" --)" $options
done

# Values and paths.
expect "--optimize" "$(complete_line freezer build --optimize '')" 0 1 2
expect "list --sort" "$(complete_line freezer list app --sort '')" name size
dir=$(mktemp -d) && trap 'rm -rf "$dir"' EXIT
mkdir "$dir/src" && touch "$dir/app.py" "$dir/notes.txt" "$dir/app"
cd "$dir"
expect "build SCRIPT" "$(complete_line freezer build a)" app.py
got=$(complete_line freezer build '')
[[ " $got " != *" notes.txt "* ]] || { echo "FAIL: build offers a non-.py file: $got"; fails=$((fails + 1)); }
expect "build SCRIPT" "$got" src app.py
expect "list APP" "$(complete_line freezer list a)" app app.py
expect "--path DIR" "$(complete_line freezer build --path s)" src

if ((fails)); then echo "$fails completion checks failed"; exit 1; fi
echo "completion: all checks passed"
