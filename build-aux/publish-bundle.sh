#!/bin/sh
# publish-bundle.sh PUBLISH SOURCE OUTPUT SECRET_KEY [DEPFILE LOG] — the build step behind
# data/feed; with LOG, what the publisher says goes there and DEPFILE names LOG's inputs.
# The bundled feed is published afresh on each build, dated by bundle-epoch.sh (its serial and
# `generated`), so two builds of one tree give the same manifest and objects; only the
# signatures differ, since each build makes its own key.
set -eu
publish=$1 source=$2 output=$3 key=$4
epoch=$("$(dirname "$0")/bundle-epoch.sh" "$source" ${5:+"$5"} ${6:+"$6"})
[ -z "${6:-}" ] || exec > "$6"
rm -rf "$output.tmp"
SOURCE_DATE_EPOCH=$epoch "$publish" --source "$source" --output "$output.tmp" --key "$key" \
  --serial "$epoch" --expires-days 3650
rm -rf "$output"
mv "$output.tmp" "$output"
