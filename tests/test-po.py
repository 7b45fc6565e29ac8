#!/usr/bin/env python3
# test-po.py SOURCE_ROOT LOCALE_DIR DESKTOP_IN METAINFO_IN APP — the Korean translation, in TAP.
#
# Copyright 2026 The Green Customs Manual authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What a Korean officer would notice: a string left in English because its file is missing from
# po/POTFILES.in or because po/ko.po lacks it, a fuzzy guess shown as if it were checked, a
# plural rule that is not Korean's, an English name in the application grid or the software
# centre, or a catalog the app does not load. The template is extracted here the way meson's
# `green-customs-manual-pot` target does it (i18n.gettext, preset 'glib'), into a temporary
# folder, so the test never writes into the source tree.

import os
import re
import subprocess
import sys
import tempfile

# meson's PRESET_ARGS['glib'] (mesonbuild/modules/i18n.py), which po/meson.build uses.
XGETTEXT_GLIB = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]
PACKAGE = 'green-customs-manual'
KOREAN_PLURALS = 'nplurals=1; plural=0;'

source_root, locale_dir, desktop_in, metainfo_in, app = map(os.path.abspath, sys.argv[1:6])
po_dir = os.path.join(source_root, 'po')
ko_po = os.path.join(po_dir, 'ko.po')
tmp = tempfile.TemporaryDirectory(prefix='gcm-po-')

count = 0
failed = 0


def check(name, problems):
    """One TAP line; problems is a list of what is wrong, empty when all is well."""
    global count, failed
    count += 1
    if problems:
        failed += 1
        print(f'not ok {count} - {name}')
        for p in problems:
            for line in str(p).splitlines():
                print(f'# {line}')
    else:
        print(f'ok {count} - {name}')


def run(*cmd, env=None):
    return subprocess.run(cmd, cwd=source_root, env=env, capture_output=True, text=True)


def xgettext(output, files_from):
    return run('xgettext', '--package-name=' + PACKAGE, '-f', files_from, '-D', source_root,
               '-k_', '-o', output, *XGETTEXT_GLIB)


def referenced_files(pot):
    """The source files a template's `#:` lines name."""
    files = set()
    with open(pot, encoding='utf-8') as f:
        for line in f:
            if line.startswith('#: '):
                for ref in line[3:].split():
                    files.add(ref.rsplit(':', 1)[0])
    return files


potfiles = []
with open(os.path.join(po_dir, 'POTFILES.in'), encoding='utf-8') as f:
    for line in f:
        line = line.strip()
        if line and not line.startswith('#'):
            potfiles.append(line)

# 1. Every source file under app/ with a string xgettext finds is in POTFILES.in. xgettext
# itself decides what is translatable, so _(), C_(), N_(), g_dngettext and translatable="yes"
# are all covered and a mention in a comment is not.
sources = sorted(os.path.relpath(os.path.join(d, n), source_root)
                 for d, _dirs, names in os.walk(os.path.join(source_root, 'app'))
                 for n in names if n.endswith(('.c', '.ui')))
all_list = os.path.join(tmp.name, 'all-sources')
with open(all_list, 'w', encoding='utf-8') as f:
    f.write('\n'.join(sources) + '\n')
all_pot = os.path.join(tmp.name, 'all.pot')
r = xgettext(all_pot, all_list)
if r.returncode != 0:
    check('xgettext reads every source file under app/', [r.stderr.strip()])
    translatable = set()
else:
    translatable = referenced_files(all_pot)
check('po/POTFILES.in lists every file under app/ with translatable strings',
      [f'{p} has translatable strings but is not in po/POTFILES.in'
       for p in sorted(translatable - set(potfiles))])
check('every file po/POTFILES.in lists exists',
      [f'{p} is in po/POTFILES.in but does not exist'
       for p in potfiles if not os.path.exists(os.path.join(source_root, p))])

# 2. The template from POTFILES.in, merged into ko.po: every message translated, none fuzzy.
pot = os.path.join(tmp.name, PACKAGE + '.pot')
r = xgettext(pot, os.path.join(po_dir, 'POTFILES.in'))
check('xgettext extracts the template from po/POTFILES.in',
      [r.stderr.strip()] if r.returncode != 0 else [])
merged = os.path.join(tmp.name, 'ko.po')
r = run('msgmerge', '--quiet', '--no-wrap', '-o', merged, ko_po, pot)
check('msgmerge merges po/ko.po with the template', [r.stderr.strip()] if r.returncode else [])
r = run('msgfmt', '--check', '--statistics', '-o', os.devnull, merged)
stats = r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ''
print(f'# msgfmt --statistics: {stats}')
problems = [] if r.returncode == 0 else [r.stderr.strip()]
translated = re.search(r'(\d+) translated message', stats)
for kind in ('fuzzy translation', 'untranslated message'):
    m = re.search(r'(\d+) ' + kind, stats)
    if m and int(m.group(1)) > 0:
        problems.append(f'{kind}s: {m.group(1)}')
if not translated or int(translated.group(1)) == 0:
    problems.append('no translated messages')
if problems:
    r2 = run('msgattrib', '--only-fuzzy', '--no-obsolete', merged)
    r3 = run('msgattrib', '--untranslated', '--no-obsolete', merged)
    problems += [f'missing or fuzzy: {m}' for m in
                 re.findall(r'^msgid "(.+)"$', r2.stdout + r3.stdout, re.M)][:20]
check('po/ko.po translates every message of the template, none fuzzy (msgfmt --check)', problems)

r = run('msgfmt', '--check', '-o', os.devnull, ko_po)
check('po/ko.po itself passes msgfmt --check', [r.stderr.strip()] if r.returncode else [])

# 3. Korean has one plural form.
with open(ko_po, encoding='utf-8') as f:
    header = f.read().split('\n\n', 1)[0]
m = re.search(r'"Plural-Forms: *([^"\\]*)', header)
plural = m.group(1).strip() if m else None
check('the Plural-Forms header is Korean’s',
      [] if plural == KOREAN_PLURALS else [f'Plural-Forms is {plural!r}, not {KOREAN_PLURALS!r}'])

# 4. The application grid and the software centre show the Korean name and summary. The files
# are merged here as i18n.merge_file() does it, from the build's .in files and po/ as it is now
# (meson does not remerge them when only a .po file changes).
def merge(kind, template, name):
    output = os.path.join(tmp.name, name)
    r = run('msgfmt', '--' + kind, '--template=' + template, '-d', po_dir, '-o', output)
    if r.returncode != 0:
        return r.stderr.strip()
    with open(output, encoding='utf-8') as f:
        return f.read()


desktop = merge('desktop', desktop_in, 'app.desktop')
check('the desktop file has a Korean name, generic name, comment and keywords',
      [f'{key}[ko] is missing' for key in ('Name', 'GenericName', 'Comment', 'Keywords')
       if not re.search(r'^' + key + r'\[ko\]=.*[가-힣]', desktop, re.M)])
metainfo = merge('xml', metainfo_in, 'app.metainfo.xml')
captions = len(re.findall(r'<caption>', metainfo))
korean_captions = len(re.findall(r'<caption xml:lang="ko">[^<]*[가-힣]', metainfo))
check('the metainfo has a Korean name, summary, description and screenshot captions',
      [f'no Korean <{tag}>' for tag in ('name', 'summary', 'p', 'li')
       if not re.search(r'<' + tag + r' xml:lang="ko">[^<]*[가-힣]', metainfo)]
      + ([f'{korean_captions} of {captions} captions in Korean']
         if not captions or korean_captions != captions else []))

# 5. The app loads the built catalog: its --help speaks Korean in a Korean locale.
locales = run('locale', '-a').stdout.lower().split()
if 'ko_kr.utf8' not in locales:
    count += 1
    print(f'ok {count} - the app speaks Korean under LANG=ko_KR.UTF-8 # SKIP no ko_KR.UTF-8 locale')
else:
    env = dict(os.environ, LANG='ko_KR.UTF-8', LC_ALL='ko_KR.UTF-8', LANGUAGE='',
               GCM_LOCALEDIR=locale_dir)
    r = run(app, '--help', env=env)
    check('the app speaks Korean under LANG=ko_KR.UTF-8 (--help)',
          [] if r.returncode == 0 and re.search('[가-힣]', r.stdout)
          else [f'--help printed no Korean: {r.stdout[:200]!r} {r.stderr[:200]!r}'])

print(f'1..{count}')
sys.exit(1 if failed else 0)
