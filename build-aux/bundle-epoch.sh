#!/bin/sh
# bundle-epoch.sh CONTENT_DIR [DEPFILE TARGET] — the time the bundled manual is dated, in Unix
# seconds: its serial and its manifest's `generated`. Two builds of one tree give the same feed.
#
#   1. SOURCE_DATE_EPOCH, when set (https://reproducible-builds.org/specs/source-date-epoch/);
#   2. else the commit time of the newest commit that touched CONTENT_DIR, or, when the content
#      has changes not yet committed, the newest modification time of a content file or folder if
#      that is later, so an edited manual still gets a higher serial;
#   3. else (not in git, or git missing) the newest modification time of a content file or folder.
#
# With DEPFILE, also writes a Makefile rule naming TARGET and every content file and folder (and
# git's HEAD log), so ninja rebuilds the bundle when a file is added, removed or edited, or a
# commit changes the date — without running meson again.
set -eu
content=$1
depfile=${2:-}
target=${3:-}

newest_mtime () {
  find "$content" -printf '%T@\n' | sort -n | tail -n 1 | cut -d. -f1
}

in_git=false
if command -v git > /dev/null 2>&1 &&
   [ "$(git -C "$content" rev-parse --is-inside-work-tree 2> /dev/null)" = true ]; then
  in_git=true
fi

if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
  case $SOURCE_DATE_EPOCH in
    *[!0-9]*) echo "bundle-epoch.sh: SOURCE_DATE_EPOCH must be a number of seconds" >&2; exit 1 ;;
  esac
  epoch=$SOURCE_DATE_EPOCH
else
  epoch=
  if $in_git; then
    epoch=$(git -C "$content" log -1 --format=%ct -- . 2> /dev/null || true)
    if [ -n "$epoch" ] &&
       [ -n "$(git -C "$content" status --porcelain --untracked-files=all -- . 2> /dev/null)" ]; then
      mtime=$(newest_mtime)
      [ "$mtime" -gt "$epoch" ] && epoch=$mtime
    fi
  fi
  [ -n "$epoch" ] || epoch=$(newest_mtime)
fi

if [ -n "$depfile" ]; then
  {
    printf '%s:' "$target"
    find "$content" | LC_ALL=C sort | sed 's/[ #$]/\\&/g' | while IFS= read -r path; do
      printf ' \\\n  %s' "$path"
    done
    if $in_git; then
      log=$(git -C "$content" rev-parse --path-format=absolute --git-path logs/HEAD 2> /dev/null || true)
      [ -n "$log" ] && [ -f "$log" ] && printf ' \\\n  %s' "$log"
    fi
    printf '\n'
  } > "$depfile.tmp"
  mv "$depfile.tmp" "$depfile"
fi
echo "$epoch"
