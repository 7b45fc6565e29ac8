#!/usr/bin/python3
# check-content.py SOURCE FEED — checks the bundled manual the way an editor would, in TAP.
#
# Copyright 2026 The Green Customs Manual authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# SOURCE is the authoring folder (data/content, see its README.md) and FEED the feed published
# from it at build time. The checks are about the manual's substance: enough of each kind of
# content, every fact sourced, every link and picture resolving, and the feed holding it all.

import hashlib
import json
import os
import re
import sys

import yaml

# The item kinds as (name, source folder, file suffix), in the registry's order. The registry is
# app/core/gcm-item-kind.c; tests/test-item-kind.c fails when this table and it disagree.
KINDS = (('section', 'sections', '.md'),
         ('case', 'cases', '.md'),
         ('procedure', 'procedures', '.yaml'),
         ('quiz', 'quizzes', '.yaml'),
         ('key', 'keys', '.yaml'),
         ('risk', 'risk', '.yaml'),
         ('path', 'paths', '.yaml'))

ITEM_LINK = re.compile(r'\]\(\s*<?item:([^)\s>"]+)')
MEDIA_LINK = re.compile(r'!\[[^\]]*\]\(\s*<?media:([^)\s>"]+)')


class Tap:
    def __init__(self):
        self.count = 0
        self.failed = 0

    def check(self, description, problems):
        """problems: a list of strings; the check passes when it is empty."""
        self.count += 1
        if problems:
            self.failed += 1
            print(f'not ok {self.count} - {description}')
            for problem in problems[:25]:
                print(f'#   {problem}')
            if len(problems) > 25:
                print(f'#   … and {len(problems) - 25} more')
        else:
            print(f'ok {self.count} - {description}')

    def at_least(self, description, value, minimum):
        self.check(f'{description}: {value} (at least {minimum})',
                   [] if value >= minimum else [f'only {value}'])

    def finish(self):
        print(f'1..{self.count}')
        return 1 if self.failed else 0


class Item:
    def __init__(self, path, kind, fields, body):
        self.path = path
        self.kind = kind
        self.fields = fields
        self.body = body or ''

    @property
    def id(self):
        return self.fields.get('id')

    def markdown(self):
        """Every Markdown text of the item: its body and a procedure's body field."""
        texts = [self.body]
        if isinstance(self.fields.get('body'), str):
            texts.append(self.fields['body'])
        return '\n'.join(texts)


def read_front_matter(path):
    with open(path, encoding='utf-8') as f:
        text = f.read()
    if not text.startswith('---\n'):
        raise ValueError(f'{path}: no front matter')
    end = text.find('\n---\n', 4)
    if end < 0:
        if text.endswith('\n---'):
            end = len(text) - 4
        else:
            raise ValueError(f'{path}: the front matter is not closed')
    return yaml.safe_load(text[4:end + 1]) or {}, text[end + 5:]


TRANSLATION = re.compile(r'\.([a-z]{2})\.(md|yaml)$')


def load_items(source):
    items = []
    sections = os.path.join(source, 'sections')
    for chapter in sorted(os.listdir(sections)):
        folder = os.path.join(sections, chapter)
        for name in sorted(os.listdir(folder)):
            if name.endswith('.md') and not TRANSLATION.search(name):
                fields, body = read_front_matter(os.path.join(folder, name))
                items.append(Item(f'sections/{chapter}/{name}', KINDS[0][0], fields, body))
    for kind, folder, suffix in KINDS[1:]:
        for name in sorted(os.listdir(os.path.join(source, folder))):
            path = os.path.join(source, folder, name)
            if not name.endswith(suffix) or TRANSLATION.search(name):
                continue
            if suffix == '.md':
                fields, body = read_front_matter(path)
            else:
                with open(path, encoding='utf-8') as f:
                    fields, body = yaml.safe_load(f) or {}, ''
            items.append(Item(f'{folder}/{name}', kind, fields, body))
    return items


def media_files(source):
    root = os.path.join(source, 'media')
    found = set()
    for folder, _, names in os.walk(root):
        for name in names:
            found.add(os.path.relpath(os.path.join(folder, name), root).replace(os.sep, '/'))
    return found


def load_feed(feed):
    with open(os.path.join(feed, 'v1', 'current.minisig'), encoding='utf-8') as f:
        lines = f.read().splitlines()
    comment = dict(field.split(':', 1) for field in lines[2][len('trusted comment: '):].split('\t'))
    with open(os.path.join(feed, 'v1', 'manifests', f'{comment["serial"]}.json'), 'rb') as f:
        data = f.read()
    return comment, data, json.loads(data)


NUMBER = re.compile(r'\d+(?:[.,]\d+)*')
LINK = re.compile(r'\]\(((?:item|media):[^) \n]*)')
# Korean particles follow codes without a space ("Y34가"), so a code ends at any non-ASCII-word.
CODES = re.compile(r'(?<![A-Za-z0-9])(?:[A-Z]{1,2}\d{1,4}|\d{4}\.\d{2}(?:\.\d{2})?|UN ?\d{4})(?![A-Za-z0-9])')


def text_of(fields, body, names):
    """The translatable text of an item: its body and the named fields, flattened."""
    parts = [body or '']
    def walk(value):
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, dict):
            for k, v in value.items():
                if k not in ('id', 'file', 'credit', 'licence', 'warning_id'):
                    walk(v)
    for name in names:
        walk(fields.get(name))
    return '\n'.join(parts)


TRANSLATED = ['title', 'summary', 'place', 'commodity', 'quantity', 'modus_operandi',
              'risk_indicators', 'photos', 'applies_to', 'hazards', 'protective_equipment',
              'steps', 'body', 'questions']


# The human text of the field tools: a key's questions, hints, options and outcomes, and risk
# rules' titles and reasons; where an option leads, urgencies and conditions are not text.
FIELD_TEXT = {'nodes': ('question', 'hint', 'options'), 'options': ('text',),
              'outcomes': ('title', 'summary', 'contact'), 'rules': ('title', 'why')}


def field_text(fields):
    parts = []
    def walk(name, value):
        for element in value or []:
            if isinstance(element, dict):
                for key in FIELD_TEXT[name]:
                    if key in FIELD_TEXT:
                        walk(key, element.get(key))
                    elif isinstance(element.get(key), str):
                        parts.append(element[key])
    for name in ('nodes', 'outcomes', 'rules'):
        walk(name, fields.get(name))
    return '\n'.join(parts)


# Every item of these kinds must have its Korean translation.
REQUIRED = ('section', 'case', 'procedure', 'quiz', 'key', 'risk')


def check_translations(tap, source, items):
    """The Korean edition: every item translated, none stale, facts carried over unchanged."""
    missing, stale, numbers, links, codes = [], [], [], [], []
    items = [i for i in items if i.kind in REQUIRED]
    for item in items:
        base, suffix = os.path.splitext(item.path)
        path = os.path.join(source, f'{base}.ko{suffix}')
        if not os.path.exists(path):
            if item.kind in REQUIRED:
                missing.append(f'{item.path}: no Korean translation')
            continue
        if suffix == '.md':
            fields, body = read_front_matter(path)
        else:
            with open(path, encoding='utf-8') as f:
                fields, body = yaml.safe_load(f) or {}, ''
        with open(os.path.join(source, item.path), 'rb') as f:
            if fields.get('translates') != hashlib.sha256(f.read()).hexdigest():
                stale.append(f'{base}.ko{suffix}: the English has changed since it was translated')
        english = text_of(item.fields, item.body, TRANSLATED) + '\n' + field_text(item.fields)
        korean = text_of(fields, body, TRANSLATED) + '\n' + field_text(fields)
        # Figures and codes must all be there; Korean may add its own forms of a number.
        lost = set(NUMBER.findall(english)) - set(NUMBER.findall(korean))
        if lost:
            numbers.append(f'{base}.ko{suffix}: figures missing: {", ".join(sorted(lost))}')
        lost_codes = set(CODES.findall(english)) - set(CODES.findall(korean))
        if lost_codes:
            codes.append(f'{base}.ko{suffix}: codes missing: {", ".join(sorted(lost_codes))}')
        if sorted(LINK.findall(english)) != sorted(LINK.findall(korean)):
            links.append(f'{base}.ko{suffix}: links or media differ from the English')
    tap.check('every item has a Korean translation', missing)
    tap.check('no Korean translation is older than its English', stale)
    tap.check('every figure of the English is in its Korean translation', numbers)
    tap.check('every code of the English is in its Korean translation', codes)
    tap.check('every Korean translation links the same items and media', links)
    keywords = [i.path for i in items
                if (i.kind in REQUIRED or read_ko_keywords(source, i.path) is not None)
                and not (read_ko_keywords(source, i.path) or [])]
    tap.check('every Korean translation has Korean keywords', keywords)


def read_ko_keywords(source, relative):
    base, suffix = os.path.splitext(relative)
    path = os.path.join(source, f'{base}.ko{suffix}')
    if not os.path.exists(path):
        return None
    if suffix == '.md':
        fields, _ = read_front_matter(path)
    else:
        with open(path, encoding='utf-8') as f:
            fields = yaml.safe_load(f) or {}
    return [k for k in fields.get('keywords') or [] if re.search(r'[\uac00-\ud7a3]', str(k))]


def main():
    if len(sys.argv) != 3:
        print('usage: check-content.py SOURCE FEED', file=sys.stderr)
        return 2
    source, feed = sys.argv[1], sys.argv[2]
    tap = Tap()

    items = load_items(source)
    by_kind = {kind: [i for i in items if i.kind == kind]
               for kind, _, _ in KINDS}
    ids = {i.id for i in items}
    questions = [(quiz, q) for quiz in by_kind['quiz'] for q in quiz.fields.get('questions') or []]
    with open(os.path.join(source, 'sources.yaml'), encoding='utf-8') as f:
        register = {entry['id'] for entry in yaml.safe_load(f)}

    # How much content there is
    tap.at_least('sections', len(by_kind['section']), 45)
    tap.at_least('cases', len(by_kind['case']), 12)
    tap.at_least('procedures', len(by_kind['procedure']), 10)
    tap.at_least('quizzes', len(by_kind['quiz']), 10)
    tap.at_least('quiz questions', len(questions), 100)

    # Identity
    seen = {}
    duplicates = []
    for item in items:
        if item.id in seen:
            duplicates.append(f'{item.path}: “{item.id}” is also {seen[item.id]}')
        seen[item.id] = item.path
    tap.check('every item has a unique id', duplicates + [
        f'{i.path}: no id' for i in items if not isinstance(i.id, str)])

    # Sources
    tap.check('every section, case and procedure cites sources', [
        f'{i.path}: no sources' for i in items
        if i.kind not in ('quiz', 'path') and not (isinstance(i.fields.get('sources'), list) and i.fields['sources'])])
    tap.check('every cited source is in sources.yaml', [
        f'{i.path}: “{s}”' for i in items for s in i.fields.get('sources') or []
        if s not in register])
    tap.check('every quiz question’s source is an item', [
        f'{quiz.path}: question “{q.get("id")}” cites “{q.get("source")}”'
        for quiz, q in questions if q.get('source') not in ids])
    tap.check('every quiz question’s source teaches, not another quiz', [
        f'{quiz.path}: question “{q.get("id")}” cites the quiz “{q.get("source")}”'
        for quiz, q in questions if str(q.get('source', '')).startswith('quiz/')])
    tap.check('every quiz’s related items exist', [
        f'{quiz.path}: “{r}”' for quiz in by_kind['quiz'] for r in quiz.fields.get('related') or []
        if r not in ids])

    # Links and pictures
    available = media_files(source)
    used = set()
    broken_links, broken_media = [], []
    n_links = n_pictures = 0
    for item in items:
        text = item.markdown()
        n_links += len(ITEM_LINK.findall(text))
        n_pictures += len(MEDIA_LINK.findall(text))
        for target in ITEM_LINK.findall(text):
            if target not in ids:
                broken_links.append(f'{item.path}: item:{target}')
        for target in MEDIA_LINK.findall(text):
            used.add(target)
            if target not in available:
                broken_media.append(f'{item.path}: media:{target}')
        for photo in item.fields.get('photos') or []:
            if isinstance(photo, dict) and photo.get('file'):
                used.add(photo['file'])
                if photo['file'] not in available:
                    broken_media.append(f'{item.path}: photo {photo["file"]}')
        for q in item.fields.get('questions') or []:
            if isinstance(q, dict) and q.get('image'):
                used.add(q['image'])
                if q['image'] not in available:
                    broken_media.append(f'{item.path}: question image {q["image"]}')
    tap.at_least('item: links checked', n_links, 1)
    tap.at_least('media: pictures checked', n_pictures, 1)
    tap.check('every item: link names an item', broken_links)
    tap.check('every media: picture exists', broken_media)
    tap.check('every file under media/ is used by some item', sorted(available - used))

    # Codes
    tap.check('every item with HS codes names the HS edition', [
        f'{i.path}' for i in items
        if isinstance(i.fields.get('codes'), dict) and i.fields['codes'].get('hs')
        and not i.fields['codes'].get('hs_edition')])

    # Cases
    photo_problems = []
    for case in by_kind['case']:
        photos = case.fields.get('photos')
        if not isinstance(photos, list) or not photos:
            photo_problems.append(f'{case.path}: no photo')
            continue
        for photo in photos:
            for field in ('file', 'caption', 'credit', 'licence'):
                if not (isinstance(photo, dict) and isinstance(photo.get(field), str)
                        and photo[field].strip()):
                    photo_problems.append(f'{case.path}: a photo without {field}')
    tap.check('every case has a photo with caption, credit and licence', photo_problems)

    # Quizzes
    answer_problems = []
    for quiz, q in questions:
        choices = q.get('choices') or []
        answer = q.get('answer')
        where = f'{quiz.path}: question “{q.get("id")}”'
        if q.get('type') == 'single' and not (type(answer) is int and 0 <= answer < len(choices)):
            answer_problems.append(f'{where}: answer {answer!r}')
        elif q.get('type') == 'multiple' and not (
                isinstance(answer, list) and answer
                and all(type(a) is int and 0 <= a < len(choices) for a in answer)):
            answer_problems.append(f'{where}: answer {answer!r}')
        elif q.get('type') == 'truefalse' and not isinstance(answer, bool):
            answer_problems.append(f'{where}: answer {answer!r}')
        if not str(q.get('explanation') or '').strip():
            answer_problems.append(f'{where}: no explanation')
    tap.check('every quiz answer points at a choice and is explained', answer_problems)

    # The published feed
    comment, manifest_data, manifest = load_feed(feed)
    feed_ids = [entry['id'] for entry in manifest['items']]
    tap.check(f'the feed holds as many items as the source ({len(items)})',
              [] if len(feed_ids) == len(items) else [f'the feed has {len(feed_ids)}'])
    tap.check('the feed holds exactly the source’s items',
              [f'only in the source: {i}' for i in sorted(ids - set(feed_ids))] +
              [f'only in the feed: {i}' for i in sorted(set(feed_ids) - ids)])
    tap.check('the feed’s trusted comment matches its manifest', [
        f'{key}: {comment.get(key)} ≠ {value}' for key, value in (
            ('feed', manifest['feed']), ('serial', str(manifest['serial'])),
            ('size', str(len(manifest_data))), ('format', '1'))
        if comment.get(key) != value])
    bad_objects = []
    for entry in manifest['items'] + manifest['media']:
        path = os.path.join(feed, 'v1', 'objects', entry['sha256'][:2], entry['sha256'])
        try:
            with open(path, 'rb') as f:
                data = f.read()
        except OSError as e:
            bad_objects.append(f'{entry.get("id", entry["sha256"])}: {e.strerror}')
            continue
        if hashlib.sha256(data).hexdigest() != entry['sha256'] or len(data) != entry['size']:
            bad_objects.append(f'{entry.get("id", entry["sha256"])}: hash or size differs')
    tap.check('every object of the feed matches its hash and size', bad_objects)

    check_translations(tap, source, items)
    return tap.finish()


if __name__ == '__main__':
    sys.exit(main())
