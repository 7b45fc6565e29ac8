#!/usr/bin/python3
# test-workshop-csv.py APP — a workshop session saved in user.db, exported by the real app's
# --export-workshop, and read back as a user's tools would: the CSV by Python's csv module (RFC
# 4180 quoting of commas, quotes and line breaks; UTF-8 with the Korean text intact), the PDF
# report by pdfinfo (one page, even for a long quiz) and pdftotext (its title, date, questions
# and share right). Bad input gets one sentence and a non-zero exit. TAP output.
import csv
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

tests = []


def check(name, ok, detail=None):
    tests.append(ok)
    print(("ok" if ok else "not ok") + f" {len(tests)} - {name}", flush=True)
    if not ok and detail is not None:
        for line in str(detail).splitlines()[:30]:
            print(f"# {line}", flush=True)


app = sys.argv[1]
tmp = tempfile.mkdtemp(prefix="gcm-workshop-")
env = dict(os.environ, XDG_DATA_HOME=tmp + "/data", XDG_CONFIG_HOME=tmp + "/config",
           XDG_CACHE_HOME=tmp + "/cache", LANGUAGE="C")


def one_page(info):
    return re.search(r"^Pages:\s+1$", info, re.M) is not None


def run(*args):
    return subprocess.run([app, *args], env=env, capture_output=True, text=True, timeout=60)


PROMPT = '불법거래, 즉 "illegal traffic"은\n무엇인가?'
CHOICES = ["사기로 얻은 동의", 'A "clean" shipment, as contracted', "문서와 다른 화물"]


def save_session(db, title, started, questions):
    cur = db.execute("INSERT INTO workshop_session (item_id, title, lang, content_serial, started,"
                     " saved) VALUES ('quiz/basel', ?, 'ko', 42, ?, ?)", (title, started, started))
    session = cur.lastrowid
    for q, (qid, prompt, choices, right, tallies) in enumerate(questions):
        db.execute("INSERT INTO workshop_question VALUES (?, ?, ?, ?)", (session, q, qid, prompt))
        for c, text in enumerate(choices):
            db.execute("INSERT INTO workshop_choice VALUES (?, ?, ?, ?, ?, ?)",
                       (session, q, c, text, int(c in right), tallies[c]))
    db.commit()
    return session


try:
    # A fresh folder: the store is made, and there is no session yet.
    done = run("--export-workshop", "1", "--csv", tmp + "/none.csv")
    check("a session that is not there is refused in one sentence",
          done.returncode == 1 and "no workshop session 1" in done.stderr
          and not os.path.exists(tmp + "/none.csv"), done.stderr)
    done = run("--export-workshop", "first", "--csv", tmp + "/x.csv")
    check("a number that is not one is refused", done.returncode == 2 and "“first”" in done.stderr,
          done.stderr)
    done = run("--csv", tmp + "/x.csv")
    check("--csv without a session is refused", done.returncode == 2 and
          "--export-workshop" in done.stderr, done.stderr)

    db = sqlite3.connect(tmp + "/data/green-customs-manual/user.db")
    short = save_session(db, "바젤협약: 유해폐기물", 1780000000, [
        ("q-fraud", PROMPT, CHOICES, {2}, [3, 4, 18]),
        ("q-two", "Two choices only", ["Yes", "No"], {0}, [5, 0]),
    ])
    long = save_session(db, "A long quiz", 1780003600, [
        (f"q{i}", f"Question {i}: " + "which of these movements is illegal traffic? " * 2,
         [f"Choice {c} of question {i}, written out at some length" for c in range(4)], {i % 4},
         [i, 2, 3, 4]) for i in range(30)
    ])
    db.close()

    done = run("--export-workshop", str(short), "--csv", tmp + "/short.csv", "--pdf", tmp + "/short.pdf")
    check("--export-workshop writes the CSV and the PDF", done.returncode == 0, done.stderr)

    with open(tmp + "/short.csv", "rb") as f:
        raw = f.read()
    check("the CSV is UTF-8 with a byte order mark and CRLF lines",
          raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == 3, raw[:200])
    with open(tmp + "/short.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    check("one row per question after the header", len(rows) == 3, rows)
    header = rows[0]
    check("one column per choice", header == ["Question ID", "Question", "Choices", "Right Answer",
                                              "A", "B", "C", "Answers", "Right (%)"], header)
    first = rows[1]
    check("commas, quotes and line breaks come back as written", first[1] == PROMPT, repr(first[1]))
    check("the choices, lettered, with their Korean text",
          first[2] == "A. 사기로 얻은 동의\nB. A \"clean\" shipment, as contracted\nC. 문서와 다른 화물",
          repr(first[2]))
    check("the counts, the right answer and the share right",
          first[0] == "q-fraud" and first[3] == "C" and first[4:] == ["3", "4", "18", "25", "72"],
          first)
    check("a question with fewer choices leaves the rest empty",
          rows[2][4:] == ["5", "0", "", "5", "100"], rows[2])

    if shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None:
        print("# pdfinfo and pdftotext are in poppler-utils (build-aux/bootstrap)")
        check("poppler-utils is installed", False)
    else:
        info = subprocess.run(["pdfinfo", tmp + "/short.pdf"], capture_output=True, text=True)
        check("the report is one page", one_page(info.stdout), info.stdout)
        text = subprocess.run(["pdftotext", tmp + "/short.pdf", "-"], capture_output=True,
                              text=True).stdout
        flat = " ".join(text.split())
        check("the report has the Korean title", "바젤협약: 유해폐기물" in flat, text)
        check("the report has the date and the content serial",
              "2026-05-28" in flat and "content serial 42" in flat, text)
        check("the report has each question and its Korean choices",
              "무엇인가?" in flat and "사기로 얻은 동의" in flat and "Two choices only" in flat, text)
        check("the report gives each question's share right and the overall one",
              "18 of 25 answers right (72%)" in flat and "5 of 5 answers right (100%)" in flat
              and "Right overall: 77%" in flat, text)

        done = run("--export-workshop", str(long), "--pdf", tmp + "/long.pdf")
        info = subprocess.run(["pdfinfo", tmp + "/long.pdf"], capture_output=True, text=True)
        text = " ".join(subprocess.run(["pdftotext", tmp + "/long.pdf", "-"], capture_output=True,
                                       text=True).stdout.split())
        check("a 30-question session still fits one page, every question on it",
              done.returncode == 0 and one_page(info.stdout) and "Question 29:" in text,
              done.stderr + info.stdout)

    # A report that cannot be written says why and leaves no file behind.
    done = run("--export-workshop", str(short), "--pdf", tmp + "/no/such/folder/r.pdf")
    check("a folder that is not there is one sentence, and no file",
          done.returncode == 1 and "r.pdf" in done.stderr
          and not os.path.exists(tmp + "/no/such/folder"), done.stderr)
finally:
    shutil.rmtree(tmp, ignore_errors=True)

print(f"1..{len(tests)}")
sys.exit(0 if all(tests) else 1)
