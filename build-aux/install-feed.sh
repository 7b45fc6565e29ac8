#!/bin/sh
# install-feed.sh FEED_DIR DEST — installs the bundled feed published by the build.
set -eu
dest="${DESTDIR:-}$2"
rm -rf "$dest"
mkdir -p "$(dirname "$dest")"
cp -R "$1" "$dest"
