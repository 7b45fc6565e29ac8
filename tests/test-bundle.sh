#!/bin/sh
# test-bundle.sh BUILD_AUX — the bundled feed is reproducible, in TAP.
#
# Copyright 2026 The Green Customs Manual authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Two builds of one tree must give the same manifest and the same objects. The signatures are
# left out of the comparison on purpose: each build signs with a key made for that build, so
# they differ by design. The environment names the publisher (GCM_PUBLISH), the content
# (GCM_CONTENT_SOURCE) and the feed the build made (GCM_BUNDLED_FEED_DIR).

set -u

build_aux=${1:?usage: test-bundle.sh BUILD_AUX}
publish=${GCM_PUBLISH:?}
content=${GCM_CONTENT_SOURCE:?}
built=${GCM_BUNDLED_FEED_DIR:?}
unset SOURCE_DATE_EPOCH

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gcm-bundle-XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

n=0
failed=0
check () {
  name=$1; shift
  n=$((n + 1))
  if "$@" > "$tmp/out" 2>&1; then
    echo "ok $n - $name"
  else
    echo "not ok $n - $name"
    sed 's/^/# /' "$tmp/out"
    failed=$((failed + 1))
  fi
}
skip () {
  n=$((n + 1))
  echo "ok $n - $1 # SKIP $2"
}

# bundle NAME [SOURCE]: publishes SOURCE (the bundled content) as a build does, with a new key.
bundle () {
  minisign -G -W -f -p "$tmp/$1.pub" -s "$tmp/$1.key" > /dev/null &&
    "$build_aux/publish-bundle.sh" "$publish" "${2:-$content}" "$tmp/$1" "$tmp/$1.key" > /dev/null
}
# The feed without its signatures: what must not depend on the key.
unsigned () {
  (cd "$1" && find v1 -type f ! -name '*.minisig' | LC_ALL=C sort | xargs sha256sum)
}
manifest_field () {
  sed -n "s/^  \"$2\" : \\([0-9]*\\),\$/\\1/p" "$1"/v1/manifests/*.json
}
same_feed () {
  unsigned "$1" > "$tmp/sums-1" && unsigned "$2" > "$tmp/sums-2" &&
    [ -s "$tmp/sums-1" ] && diff "$tmp/sums-1" "$tmp/sums-2"
}

check "a build of the bundled content publishes" bundle first
sleep 1   # a second later: a feed dated by the clock would differ
check "a second build of the same tree publishes" bundle second
check "both builds give byte-identical manifests and objects" same_feed "$tmp/first" "$tmp/second"
check "their signatures differ: each build has its own key" \
  sh -c '! cmp -s "$1/v1/current.minisig" "$2/v1/current.minisig"' sh "$tmp/first" "$tmp/second"
check "the feed the build made is the same one" same_feed "$built" "$tmp/first"

epoch=$("$build_aux/bundle-epoch.sh" "$content")
dated () {
  [ "$(manifest_field "$1" serial)" = "$2" ] && [ "$(manifest_field "$1" generated)" = "$2" ] &&
    [ "$(manifest_field "$1" expires)" = "$(($2 + 3650 * 86400))" ] &&
    [ -f "$1/v1/manifests/$2.json" ]
}
check "its serial and generated time are the content's date ($epoch)" dated "$tmp/first" "$epoch"
if command -v git > /dev/null 2>&1 &&
   [ "$(git -C "$content" rev-parse --is-inside-work-tree 2> /dev/null)" = true ] &&
   [ -z "$(git -C "$content" status --porcelain -- . 2> /dev/null)" ]; then
  check "that date is the content's last commit" \
    test "$epoch" = "$(git -C "$content" log -1 --format=%ct -- .)"
else
  skip "that date is the content's last commit" "the content is not a clean git checkout"
fi

bundle_dated () {
  (export SOURCE_DATE_EPOCH="$1" && bundle "$2")
}
check "SOURCE_DATE_EPOCH, when set, dates the feed" bundle_dated 1700000000 epoch
check "the feed is then dated 1700000000" dated "$tmp/epoch" 1700000000

# Outside git: the newest file dates the content.
cp -R "$content" "$tmp/plain"
find "$tmp/plain" -exec touch -d @1600000000 {} +
touch -d @1600000500 "$tmp/plain/pack.yaml"
if [ "$(git -C "$tmp/plain" rev-parse --is-inside-work-tree 2> /dev/null)" = true ]; then
  skip "outside git, the newest modification time dates it" "$tmp is inside a git work tree"
else
  check "outside git, the newest modification time dates it" \
    test "$("$build_aux/bundle-epoch.sh" "$tmp/plain")" = 1600000500
fi

# In git: the last commit, unless an edit not yet committed is newer.
if command -v git > /dev/null 2>&1; then
  repo="$tmp/repo"
  git init -q "$repo" && cp -R "$content" "$repo/content" &&
    git -C "$repo" add content &&
    GIT_COMMITTER_DATE=@1650000000 GIT_AUTHOR_DATE=@1650000000 \
      git -C "$repo" -c user.name=Test -c user.email=test@example.org commit -q -m content
  check "in git, the last commit dates it" \
    test "$("$build_aux/bundle-epoch.sh" "$repo/content")" = 1650000000
  find "$repo/content" -exec touch -d @1640000000 {} +
  printf '\nAn edit not yet committed.\n' >> "$repo/content/sections/basel/01-scope.md"
  touch -d @1660000000 "$repo/content/sections/basel/01-scope.md"
  check "an edit not yet committed dates it later" \
    test "$("$build_aux/bundle-epoch.sh" "$repo/content")" = 1660000000
else
  skip "in git, the last commit dates it" "git is not installed"
  skip "an edit not yet committed dates it later" "git is not installed"
fi

# The build's dependency file names every content file and folder, so a new file rebuilds.
lists_everything () {
  "$build_aux/bundle-epoch.sh" "$1" "$tmp/feed.d" data/feed.log > /dev/null &&
    head -n 1 "$tmp/feed.d" | grep -q '^data/feed.log: ' &&
    find "$1" | while IFS= read -r path; do
      grep -qxF "  $path \\" "$tmp/feed.d" || grep -qxF "  $path" "$tmp/feed.d" ||
        { echo "not listed: $path"; exit 1; }
    done
}
check "the dependency file lists every content file and folder" lists_everything "$tmp/plain"
touch "$tmp/plain/media/illustrations/a-new-picture.svg"
check "and a file just added" lists_everything "$tmp/plain"

echo "1..$n"
[ "$failed" -eq 0 ]
