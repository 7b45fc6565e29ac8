#!/bin/sh
# publish-bundle.sh PUBLISH SOURCE OUTPUT SECRET_KEY — the build step behind data/feed.
# The bundled feed is published afresh on each build; its serial is the build time.
set -eu
publish=$1 source=$2 output=$3 key=$4
rm -rf "$output.tmp"
"$publish" --source "$source" --output "$output.tmp" --key "$key" --expires-days 3650
rm -rf "$output"
mv "$output.tmp" "$output"
