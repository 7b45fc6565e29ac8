#!/bin/sh
# test-cli.sh APP — the command line (DESIGN §9) of the real app against the bundled feed, in TAP.
#
# Copyright 2026 The Green Customs Manual authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The environment names the publisher (GCM_PUBLISH), the bundled source (GCM_CONTENT_SOURCE) and
# the bundled feed (GCM_BUNDLED_FEED_DIR); bundle.pub sits next to the feed folder. Every run uses
# its own XDG folders and an empty installed-keys folder, so nothing outside the test is trusted.

set -u

app=${1:?usage: test-cli.sh APP}
python=/usr/bin/python3
bundle=${GCM_BUNDLED_FEED_DIR:?}
bundle_pub=$(dirname "$bundle")/bundle.pub

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gcm-cli-XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# A fresh data home for the main sequence; others are made on the way.
use_home () {
  export XDG_DATA_HOME="$tmp/$1/data" XDG_CACHE_HOME="$tmp/$1/cache" XDG_CONFIG_HOME="$tmp/$1/config"
  mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME"
}
export GCM_KEYS_DIR="$tmp/no-installed-keys" GSETTINGS_BACKEND=memory LC_ALL=C.UTF-8
mkdir -p "$GCM_KEYS_DIR"
# Most checks start with nothing installed: the bundled feed is given only where a check needs it.
export GCM_BUNDLED_FEED_DIR="$tmp/no-bundled-feed"
use_home main

n=0
failed=0
ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}
not_ok () {
  n=$((n + 1))
  echo "not ok $n - $1"
  failed=1
  if [ -s "$tmp/out" ]; then sed 's/^/#   stdout: /' "$tmp/out" | head -20; fi
  if [ -s "$tmp/err" ]; then tr '\r' '\n' < "$tmp/err" | sed 's/^/#   stderr: /' | head -20; fi
}
check () {
  description=$1
  shift
  if "$@"; then ok "$description"; else not_ok "$description"; fi
}
# run ARGS…: the app's stdout, stderr and exit status in $tmp/out, $tmp/err and $rc.
run () {
  "$app" "$@" > "$tmp/out" 2> "$tmp/err"
  rc=$?
}

# stderr without the progress lines ("Checking N of M items…") and blank lines.
messages () {
  tr '\r' '\n' < "$tmp/err" | grep -v '^Checking [0-9]* of [0-9]* items…$' | grep -v '^[[:space:]]*$'
}

# Exactly one sentence on stderr: one line, a capital first, a full stop last.
one_sentence () {
  [ "$(messages | wc -l)" -eq 1 ] && messages | grep -q '^[A-Z].*\.$'
}

status_is () {
  [ "$rc" -eq "$1" ]
}

# Refused the way DESIGN §9 says: exit status 1 and one sentence.
refused () {
  [ "$rc" -eq 1 ] && one_sentence
}

flip_byte () {
  "$python" -c 'import sys
p = sys.argv[1]
b = bytearray(open(p, "rb").read())
b[len(b) // 2] ^= 0x20
open(p, "wb").write(b)' "$1"
}

manifest=$(ls "$bundle"/v1/manifests/*.json)
serial=$(basename "$manifest" .json)
n_items=$("$python" -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["items"]))' "$manifest")

# --version
run --version
check "--version exits 0" status_is 0
check "--version prints the version" grep -Eq '^green-customs-manual [0-9]+\.[0-9]+(\.[0-9]+)?' "$tmp/out"

# --import without a trusted key
run --import "$bundle"
check "--import of an untrusted feed exits 1 with one sentence" refused
check "the sentence speaks of trust" sh -c 'tr "\r" "\n" < "$1" | grep -qi trust' sh "$tmp/err"
run --status
check "nothing was installed by the refused import" grep -q 'No content is installed yet' "$tmp/out"

# --import with --trust-key
run --import "$bundle" --trust-key "$bundle_pub"
check "--import with --trust-key exits 0" status_is 0
check "--import reports every item added" grep -q "^Imported serial $serial: $n_items added, 0 updated, 0 removed" "$tmp/out"

run --import "$bundle" --trust-key "$bundle_pub"
check "a second --import exits 0" status_is 0
check "a second --import says up to date" grep -qi 'up to date' "$tmp/out"

# --status
run --status
cp "$tmp/out" "$tmp/status-before"
check "--status exits 0" status_is 0
check "--status shows the serial" grep -q "^Content serial: $serial$" "$tmp/out"
check "--status lists item counts by kind" sh -c '
  for kind in section case procedure quiz; do grep -Eq "^Items \($kind\): [1-9][0-9]*$" "$1" || exit 1; done' sh "$tmp/out"
check "--status counts add up to the feed's items" awk -v want="$n_items" '
  /^Items \([a-z]+\): / { sum += $NF } END { exit sum != want }' "$tmp/out"

# --progress: nothing read or taken yet, every quiz listed with no score
run --progress
check "--progress exits 0 and lists chapters and quizzes with no score yet" sh -c '
  [ "$1" -eq 0 ] && grep -q "^Chapter .*: 0 of [1-9][0-9]* sections read$" "$2" &&
  grep -q "^Quiz .*: best —, last —, 0 due$" "$2" && grep -q "^Reviews due today: 0$" "$2"' \
  sh "$rc" "$tmp/out"
run --progress --json
check "--progress --json gives chapters, quizzes and the reviews due" sh -c '
  [ "$1" -eq 0 ] && python3 -c "import json,sys; d = json.load(open(sys.argv[1]));
assert d[\"chapters\"] and d[\"quizzes\"] and d[\"due\"] == 0 and d[\"quizzes\"][0][\"best\"] is None" "$2"' \
  sh "$rc" "$tmp/out"

# --search
run --search ivory
cp "$tmp/out" "$tmp/search"
check "--search exits 0" status_is 0
check "--search finds results" test -s "$tmp/search"
check "--search prints KIND<TAB>ID<TAB>TITLE<TAB>SNIPPET lines" awk -F '\t' '
  NF != 4 || $1 !~ /^(section|case|procedure|quiz|key|risk)$/ || $2 !~ /^[a-z0-9][a-z0-9\/_.-]*$/ || $3 == "" { bad = 1 }
  END { exit bad }' "$tmp/search"
check "the best --search hits speak of ivory" awk -F '\t' '
  NR <= 3 && tolower($3 "\t" $4) !~ /ivory/ { bad = 1 } END { exit bad }' "$tmp/search"
# Quizzes are indexed by title and keywords only, never their answers, so their snippet is
# their summary; every other line shows where the word is.
check "every --search line of a section, case or procedure speaks of ivory" awk -F '\t' '
  $1 != "quiz" && $1 != "key" && $1 != "risk" && tolower($0) !~ /ivory/ { bad = 1 } END { exit bad }' "$tmp/search"

run --search ivory --json
check "--search --json exits 0" status_is 0
check "--search --json is valid JSON" "$python" -m json.tool "$tmp/out" /dev/null
check "--search --json holds the same results" "$python" -c 'import json, sys
data = json.load(open(sys.argv[1]))
lines = [l.split("\t") for l in open(sys.argv[2], encoding="utf-8").read().splitlines()]
results = data["results"]
assert data["query"] == "ivory"
assert [(r["kind"], r["id"]) for r in results] == [(l[0], l[1]) for l in lines], "order differs"
assert all(set(r) == {"kind", "id", "title", "snippet"} for r in results)' "$tmp/out" "$tmp/search"

# Errors
run --import /nonexistent --trust-key "$bundle_pub"
check "--import of a missing folder exits 1 with one sentence" refused
check "--import of a missing folder speaks of the folder" grep -qi "folder" "$tmp/err"
run --status
check "--status is unchanged after the refusals" cmp -s "$tmp/status-before" "$tmp/out"
run --import "$bundle" --trust-key /nonexistent/key.pub
check "--import with a missing key file fails with one line" sh -c '
  [ "$1" -ne 0 ] && [ "$(grep -cv "^$" "$2")" -eq 1 ]' sh "$rc" "$tmp/err"

run --search "$(printf 'ivory\377\376')"
check "--search with bytes that are not text exits 2" status_is 2
check "--search with bytes that are not text names the program and the option" \
  grep -q '^green-customs-manual: .*--search.*\.$' "$tmp/err"

run --json
check "--json without --search exits 2" status_is 2
run --trust-key "$bundle_pub"
check "--trust-key without --import exits 2" status_is 2

# The first command on a new machine installs the bundled manual, as the window does.
use_home first
GCM_BUNDLED_FEED_DIR=$bundle run --search "used batteries"
check "the first --search exits 0" status_is 0
check "the first --search installs the bundled manual and finds used batteries" \
  awk -F '\t' 'NR == 1 && tolower($3) ~ /batter/ { found = 1 } END { exit !found }' "$tmp/out"
check "the first --search reports the installation on stderr" grep -q 'Installing the bundled manual' "$tmp/err"
GCM_BUNDLED_FEED_DIR=$bundle run --status
check "--status then shows the bundled serial" grep -q "^Content serial: $serial$" "$tmp/out"
check "a second command installs nothing again" sh -c '! grep -q Installing "$1"' sh "$tmp/err"
check "--status prints the Korean translation's coverage" \
  grep -Eq "^Translated \(ko\): [0-9]+ of $n_items items, [0-9]+ out of date$" "$tmp/out"

# Search in Korean finds the Korean text of the sections, with a Korean title and snippet;
# an English query under the same locale finds the English.
korean_hit () {
  "$python" -c 'import sys, re
query, chapter = sys.argv[1], sys.argv[2]
rows = [line.rstrip("\n").split("\t") for line in open(sys.argv[3], encoding="utf-8")][:5]
hangul = re.compile("[\uac00-\ud7a3]")
ok = any(r[0] == "section" and r[1].startswith("manual/" + chapter + "/") and hangul.search(r[2])
         and query in r[3] for r in rows if len(r) >= 4)
sys.exit(0 if ok else 1)' "$@" "$tmp/out"
}
for pair in 상아:cites 천산갑:cites 폐배터리:basel 냉매:montreal 유해화학물질:rotterdam 바젤협약:basel; do
  query=${pair%%:*} chapter=${pair#*:}
  LANGUAGE=ko run --search "$query"
  check "--search $query under LANGUAGE=ko finds a $chapter section with a Korean title and snippet" \
    korean_hit "$query" "$chapter"
done
LANGUAGE=ko run --search ivory
check "--search ivory under LANGUAGE=ko shows the English title and snippet" \
  awk -F '\t' 'NR == 1 && $3 == "Ivory and rhino horn" && tolower($4) ~ /ivory/ { found = 1 } END { exit !found }' "$tmp/out"

# The field tools: the risk check of a declaration and an identification key walked on the terminal.
GCM_BUNDLED_FEED_DIR=$bundle run --risk-check hs=8549.10,origin=NG,departure=AE
check "--risk-check exits 0" status_is 0
check "the Busan declaration raises the departure flag first, as high risk" \
  sh -c 'head -1 "$1" | grep -q "^High risk: Waste batteries declared as departing from a country other than their origin$"' sh "$tmp/out"
check "the departure flag names the Busan case with its title" grep -q "^  - case/2017-busan-used-batteries	Used batteries" "$tmp/out"
run --risk-check hs=8549.10,origin=NG,departure=NG
check "the same declaration with its real departure raises no departure flag" \
  sh -c '[ "$1" -eq 0 ] && ! grep -qi "departing" "$2"' sh "$rc" "$tmp/out"
run --risk-check "hs=8549.10,origin=NG,departure=AE,description=used batteries, scrap" --json
check "--risk-check --json is valid JSON with the flags" "$python" -c 'import json, sys
data = json.load(open(sys.argv[1]))
assert data["declaration"]["description"] == "used batteries, scrap", data["declaration"]
first = data["flags"][0]
assert first["rule"] == "waste-batteries-departure-differs" and first["severity"] == "high", first
assert set(first) == {"rule", "severity", "title", "why", "reason", "items"}
assert {"id": "case/2017-busan-used-batteries", "title": first["items"][0]["title"]} in first["items"]' "$tmp/out"
# In Korean: the flags' text is the Korean translation's, the rules, ids and severities the same.
LANGUAGE=ko run --risk-check hs=8549.10,origin=NG,departure=AE
check "--risk-check under LANGUAGE=ko raises the departure flag first, in Korean" \
  sh -c '[ "$1" -eq 0 ] && head -1 "$2" | grep -q ": 원산지가 아닌 국가를 출발국으로 신고한 폐배터리$"' sh "$rc" "$tmp/out"
check "the Korean departure flag keeps the figures and names the Busan case by its Korean title" \
  sh -c 'grep -q "3,102건" "$1" && grep -q "220,000톤" "$1" && grep -Pq "^  - case/2017-busan-used-batteries\t.*[\x{AC00}-\x{D7A3}]" "$1"' sh "$tmp/out"
LANGUAGE=ko run --risk-check hs=8549.10,origin=NG,departure=AE --json
check "--risk-check --json under LANGUAGE=ko keeps the rule ids and severities, with Korean text" "$python" -c 'import json, sys
data = json.load(open(sys.argv[1]))
first = data["flags"][0]
assert first["rule"] == "waste-batteries-departure-differs" and first["severity"] == "high", first
assert first["title"] == "원산지가 아닌 국가를 출발국으로 신고한 폐배터리", first
assert "220,000" in first["why"], first' "$tmp/out"
run --risk-check hs=8549.10,colour=red
check "--risk-check with an unknown field is refused with one sentence" \
  sh -c '[ "$1" -eq 2 ] && [ ! -s "$2" ]' sh "$rc" "$tmp/out"
check "the refusal is one line that names the field" sh -c 'one_sentence () { [ "$(grep -cv "^$" "$1")" -eq 1 ] && grep -q "^“colour” is not a field.*\.$" "$1"; }; one_sentence "$1"' sh "$tmp/err"
printf '9\n1\nb\n1\n1\n' | "$app" --identify key/wildlife > "$tmp/out" 2> "$tmp/err"
rc=$?
check "--identify walks key/wildlife with piped answers to an outcome" \
  sh -c '[ "$1" -eq 0 ] && grep -q "^Act now: Probably smuggled live CITES animals$" "$2"' sh "$rc" "$tmp/out"
check "--identify shows the numbered options and the procedure" \
  sh -c 'grep -q "^  2\. Tusks" "$1" && grep -q "^Procedure: procedure/live-cites-animals	" "$1"' sh "$tmp/out"
check "--identify asks again after a number out of range, and b goes back" \
  sh -c 'grep -q "^Type a number from 1 to 8\.$" "$1" && [ "$(grep -c "^What have you found?$" "$2")" -eq 2 ]' sh "$tmp/err" "$tmp/out"
printf '1\n1\n' | LANGUAGE=ko "$app" --identify key/wildlife > "$tmp/out" 2> "$tmp/err"
rc=$?
check "--identify under LANGUAGE=ko reaches the same outcome and names its procedure in Korean" \
  sh -c '[ "$1" -eq 0 ] && grep -Pq "procedure/live-cites-animals\t.*[\x{AC00}-\x{D7A3}]" "$2"' sh "$rc" "$tmp/out"
printf '1\n' | "$app" --identify key/wildlife > "$tmp/out" 2> "$tmp/err"
rc=$?
check "--identify refuses input that ends before an outcome with one sentence" refused
run --identify key/unknown
check "--identify of an unknown key is one line that lists the installed keys" \
  sh -c '[ "$1" -eq 2 ] && [ "$(grep -cv "^$" "$2")" -eq 1 ] && grep -q "key/wildlife" "$2"' sh "$rc" "$tmp/err"

use_home nothing
run --search ivory
check "--search with nothing installed exits 1 with one sentence" refused
check "--search with nothing installed says so" grep -q 'No manual is installed' "$tmp/err"

# A corrupt copy of the bundled feed, into an empty data folder …
use_home corrupt
cp -R "$bundle" "$tmp/corrupt-feed"
flip_byte "$(find "$tmp/corrupt-feed/v1/objects" -type f | sort | head -1)"
run --import "$tmp/corrupt-feed" --trust-key "$bundle_pub"
check "a corrupt feed copy is refused with exit 1 and one sentence" refused
run --status
check "a corrupt feed installs nothing" grep -q 'No content is installed yet' "$tmp/out"

# … and a corrupt newer feed over the installed manual: --status does not change.
use_home main
cp -R "$GCM_CONTENT_SOURCE" "$tmp/source"
section=$(find "$tmp/source/sections" -name '*.md' | sort | head -1)
printf '\nA sentence added for the newer serial.\n' >> "$section"
minisign -G -W -p "$tmp/hq.pub" -s "$tmp/hq.key" > /dev/null
publish_newer () {
  "$GCM_PUBLISH" --source "$tmp/source" --output "$tmp/newer" --key "$tmp/hq.key" \
    --serial $((serial + 1)) > /dev/null 2>&1
}
check "a newer serial of the manual publishes" publish_newer
for object in $(cd "$tmp/newer" && find v1/objects -type f); do
  [ -e "$bundle/$object" ] || flip_byte "$tmp/newer/$object"
done
run --import "$tmp/newer" --trust-key "$tmp/hq.pub"
check "a corrupt newer feed is refused with exit 1 and one sentence" refused
run --status
check "--status is unchanged after the corrupt feed" cmp -s "$tmp/status-before" "$tmp/out"

# Broken local state: exit 1 and one line that names the file, says what is wrong and what to do.
use_home broken
data="$XDG_DATA_HOME/green-customs-manual"
broken_state () {   # NAME dir|file WHAT
  rm -rf "$data"
  "$app" --status > /dev/null 2>&1
  rm -rf "${data:?}/$1"
  if [ "$2" = dir ]; then mkdir "$data/$1"; else printf 'not a database, just text\n' > "$data/$1"; fi
  run --status
  [ "$rc" -eq 1 ] && [ "$(messages | wc -l)" -eq 1 ] && messages | grep -qF "$data/$1 $3" &&
    messages | grep -q 'Move it away and start the app again\.$'
}
check "content.db as a folder is one line that says so" broken_state content.db dir "is a folder, not a database."
check "user.db as a folder is one line that says so" broken_state user.db dir "is a folder, not a database."
check "user.db with garbage is one line that says so" broken_state user.db file "is damaged,"
check "the garbage user.db is left as it was" grep -qx 'not a database, just text' "$data/user.db"
check "objects as a file is one line that says so" broken_state objects file "is a file, not a folder."

# A read-only data folder still answers --status and --search (in a mount namespace of its own).
use_home readonly
data="$XDG_DATA_HOME/green-customs-manual"
"$app" --import "$bundle" --trust-key "$bundle_pub" > /dev/null 2>&1
read_only_run () {   # ARGS…: runs the app with the data folder bind-mounted read-only
  for flags in -m -rm; do
    unshare $flags true 2> /dev/null || continue
    unshare $flags sh -c 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" || exit 77
      shift; "$@"' sh "$data" "$app" "$@" > "$tmp/out" 2> "$tmp/err"
    rc=$?
    return 0
  done
  rc=77
}
read_only_run --status
if [ "$rc" -eq 77 ]; then
  n=$((n + 1)); echo "ok $n # SKIP a read-only data folder needs a mount namespace (unshare -m)"
else
  check "--status on a read-only data folder exits 0 and shows the serial" \
    sh -c '[ "$1" -eq 0 ] && grep -q "^Content serial: $2$" "$3"' sh "$rc" "$serial" "$tmp/out"
  read_only_run --search ivory
  check "--search on a read-only data folder finds results" sh -c '[ "$1" -eq 0 ] && test -s "$2"' sh "$rc" "$tmp/out"
  read_only_run --import "$bundle" --trust-key "$bundle_pub"
  check "--import on a read-only data folder is refused with one sentence" refused
  # A data folder closed by an older version has no -wal and -shm files, and none can be made.
  rm -f "$data"/*.db-wal "$data"/*.db-shm
  read_only_run --search ivory
  check "--search on a read-only data folder without -shm files finds results" \
    sh -c '[ "$1" -eq 0 ] && test -s "$2"' sh "$rc" "$tmp/out"
fi

echo "1..$n"
exit $failed
