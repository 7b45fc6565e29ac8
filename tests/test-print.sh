#!/bin/sh
# test-print.sh APP — printed pages drawn by the app, checked as a reader of the PDF would, in TAP.
#
# Copyright 2026 The Green Customs Manual authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A procedure's checklist handout (--print-procedure ID --pdf FILE) and a learning path's
# certificate (--certificate PATH_ID --name NAME --pdf FILE), from the real app on the bundled
# feed, read back with poppler's pdfinfo, pdftotext and pdffonts: page size, page count, the
# text and the Korean text surviving, fonts embedded, no line across a page's foot.

set -u

app=${1:?usage: test-print.sh APP}
python=/usr/bin/python3

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gcm-print-XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export XDG_DATA_HOME="$tmp/data" XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config"
export GSETTINGS_BACKEND=memory LC_ALL=C.UTF-8 GCM_KEYS_DIR="$tmp/no-keys"
mkdir -p "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME" "$GCM_KEYS_DIR"
unset LANGUAGE

n=0
failed=0
check () {
  description=$1
  shift
  n=$((n + 1))
  if "$@"; then
    echo "ok $n - $description"
  else
    echo "not ok $n - $description"
    failed=1
    if [ -s "$tmp/err" ]; then sed 's/^/#   stderr: /' "$tmp/err" | head -10; fi
  fi
}
run () {
  "$app" "$@" > "$tmp/out" 2> "$tmp/err"
  rc=$?
}
pages () { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
size () { pdfinfo "$1" | awk '/^Page size:/ { printf "%.0fx%.0f", $3, $5 }'; }
has_text () { pdftotext -enc UTF-8 "$1" - | grep -qF -- "$2"; }
errors () { grep -v '^Checking [0-9]* of [0-9]* items…$' "$tmp/err" | grep -v '^Installing' | grep -v '^[[:space:]]*$'; }

# Every word on every page stands either above the footer's rule or in the footer, so no line
# was drawn across a page's foot. The rule is 45 pt above the bottom edge.
lines_clear_of_foot () {
  pdftotext -bbox "$1" "$tmp/bbox.html" && "$python" - "$tmp/bbox.html" <<'PY'
import re, sys
html = open(sys.argv[1], encoding='utf-8').read()
bad = []
for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
    height = float(page.group(2))
    for word in re.finditer(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', page.group(3)):
        y_min, y_max = float(word.group(1)), float(word.group(2))
        if not (y_max <= height - 46 or y_min >= height - 44):
            bad.append(word.group(3))
sys.exit(1 if bad else 0)
PY
}

# The bundled manual installs on the first command that reads content.
run --status
check "the bundled manual installs" test "$rc" -eq 0

# Handouts
run --print-procedure procedure/open-suspect-container --pdf "$tmp/open.pdf" --paper a4
check "--print-procedure writes a PDF" test "$rc" -eq 0 -a -s "$tmp/open.pdf"
check "the handout is A4: 595×842 pt" test "$(size "$tmp/open.pdf")" = 595x842
check "the handout has its title, a numbered step and a warning" \
  sh -c 'pdftotext -enc UTF-8 "$1" - | grep -q "^Opening a suspect container$" &&
         pdftotext -enc UTF-8 "$1" - | grep -q "^13\. Record what was found" &&
         pdftotext -enc UTF-8 "$1" - | grep -q "^Warning: Fumigated containers are seldom marked"' _ "$tmp/open.pdf"
check "the handout has its hazards, equipment and sources headings" \
  sh -c 'for h in "Hazards" "Protective equipment" "Steps" "Sources"; do
           pdftotext -enc UTF-8 "$1" - | grep -qx "$h" || exit 1; done' _ "$tmp/open.pdf"
check "every page says its number" \
  sh -c 'pdftotext -enc UTF-8 "$1" - | grep -c "^Page [0-9] of 2$" | grep -qx 2' _ "$tmp/open.pdf"
check "the fonts are embedded" sh -c 'pdffonts "$1" | tail -n +3 | awk "\$(NF-4) != \"yes\" { exit 1 }"' _ "$tmp/open.pdf"

# The longest bundled procedure (by its text) runs to two A4 pages; each step appears once.
run --print-procedure procedure/hazardous-chemicals --pdf "$tmp/chemicals.pdf"
check "the longest procedure's handout is 2 pages of A4" test "$rc" -eq 0 -a "$(pages "$tmp/chemicals.pdf")" = 2
check "each of its 12 steps is printed once" \
  sh -c 'for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
           test "$(pdftotext -enc UTF-8 "$1" - | tr -d "\f" | grep -c "^$i\. ")" = 1 || exit 1; done' _ "$tmp/chemicals.pdf"
check "no line crosses the foot of a page" lines_clear_of_foot "$tmp/chemicals.pdf"
run --print-procedure procedure/disposal-options --pdf "$tmp/disposal.pdf" --paper letter
check "US Letter: 612×792 pt, and the narrower page needs 3 for disposal options" \
  test "$rc" -eq 0 -a "$(size "$tmp/disposal.pdf")" = 612x792 -a "$(pages "$tmp/disposal.pdf")" = 3
check "no line crosses the foot of a Letter page" lines_clear_of_foot "$tmp/disposal.pdf"

LANGUAGE=ko run --print-procedure procedure/open-suspect-container --pdf "$tmp/open-ko.pdf"
check "in Korean the handout's Korean text survives" has_text "$tmp/open-ko.pdf" "의심 컨테이너 개장"

run --print-procedure procedure/no-such --pdf "$tmp/none.pdf"
check "an unknown procedure is one sentence and no file" \
  sh -c 'test "$1" -eq 1 && test ! -e "$2" && test "$(grep -c . "$3")" -ge 1' _ "$rc" "$tmp/none.pdf" "$tmp/err"
run --print-procedure procedure/open-suspect-container --pdf "$tmp/open.pdf" --paper a5
check "--paper other than a4 or letter is refused, the old file kept" \
  test "$rc" -eq 2 -a "$(size "$tmp/open.pdf")" = 595x842
run --print-procedure procedure/open-suspect-container --pdf "$tmp/no-such-folder/open.pdf"
check "an unwritable file is one sentence" \
  sh -c 'test "$1" -eq 1 && grep -q "The PDF could not be written to" "$2"' _ "$rc" "$tmp/err"

# Certificates
run --progress
check "--progress names the path's next step" grep -qx "Path Onboarding path for new officers: step 1 of 21 next, 0 done" "$tmp/out"
run --certificate path/new-officer --name "Kim Minjun" --pdf "$tmp/early.pdf"
check "no certificate before the path is complete" \
  sh -c 'test "$1" -eq 1 && test ! -e "$2" && grep -q "The path is not complete yet: step 1 of 21" "$3"' \
  _ "$rc" "$tmp/early.pdf" "$tmp/err"
run --certificate path/new-officer --pdf "$tmp/noname.pdf"
check "--certificate without --name is refused" test "$rc" -eq 2

# Every item read, every quiz finished at 9 of 10 (90 %, above every pass mark).
sqlite3 "$XDG_DATA_HOME/green-customs-manual/user.db" \
  "ATTACH '$XDG_DATA_HOME/green-customs-manual/content.db' AS content;
   INSERT INTO progress (item_id, title, position, completed, updated)
     SELECT id, title, 1, 1, 0 FROM content.item WHERE kind != 'quiz';
   INSERT INTO quiz_attempt (quiz_id, started, finished, score, total, title)
     SELECT id, 1, 2, 9, 10, title FROM content.item WHERE kind = 'quiz';"
run --progress
check "--progress says the path is complete" grep -qx "Path Onboarding path for new officers: complete, 21 of 21 steps done" "$tmp/out"
run --certificate path/new-officer --name "  " --pdf "$tmp/blank.pdf"
check "a blank name is refused with a sentence" \
  sh -c 'test "$1" -eq 1 && test ! -e "$2" && grep -q "Type the name" "$3"' _ "$rc" "$tmp/blank.pdf" "$tmp/err"
run --certificate path/new-officer --name "김민준" --pdf "$tmp/cert.pdf" --paper letter
check "the certificate of a complete path is written" test "$rc" -eq 0 -a -s "$tmp/cert.pdf"
check "it is one US Letter page" test "$(pages "$tmp/cert.pdf")" = 1 -a "$(size "$tmp/cert.pdf")" = 612x792
check "it has the Korean name and the path's title" \
  sh -c 'pdftotext -enc UTF-8 "$1" - | grep -qx "김민준" &&
         pdftotext -enc UTF-8 "$1" - | grep -qx "Onboarding path for new officers"' _ "$tmp/cert.pdf"
check "it lists each quiz of the path with its best score" \
  sh -c 'test "$(pdftotext -enc UTF-8 "$1" - | grep -c "^90 %$")" = 4 &&
         pdftotext -enc UTF-8 "$1" - | grep -qx "Green Customs basics"' _ "$tmp/cert.pdf"
check "it has today's date and the content serial" \
  sh -c 'pdftotext -enc UTF-8 "$1" - | grep -q "on $(date +%Y-%m-%d)" &&
         pdftotext -enc UTF-8 "$1" - | grep -q "content serial [0-9][0-9]*"' _ "$tmp/cert.pdf"
check "its fonts, Hangul included, are embedded" \
  sh -c 'pdffonts "$1" | grep -q "NotoSansCJK" && pdffonts "$1" | tail -n +3 | awk "\$(NF-4) != \"yes\" { exit 1 }"' _ "$tmp/cert.pdf"
LANGUAGE=ko run --certificate path/new-officer --name "Kim Minjun" --pdf "$tmp/cert-ko.pdf" --paper a4
check "in Korean: the path's Korean title on an A4 page" \
  sh -c 'test "$1" -eq 0 && pdftotext -enc UTF-8 "$2" - | grep -qx "신규 직원 입문 과정" &&
         test "$(pdfinfo "$2" | awk "/^Page size:/ { printf \"%.0fx%.0f\", \$3, \$5 }")" = 595x842' \
  _ "$rc" "$tmp/cert-ko.pdf"

echo "1..$n"
exit $failed
