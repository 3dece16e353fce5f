#!/usr/bin/env python3
"""Dump razdel 0.5.0 reference output (and its speed) for the parity example.

    nice target/tools/ru-reference/bin/python tests/eval/razdel_reference.py \
        --out target/eval/razdel-reference.txt

Groups written:
  ru4       articleBody of ground-truth.json entries that are mostly Cyrillic
  all181    every articleBody of ground-truth.json (any language)
  ru-corpus every *.txt under --corpus (recursive), read verbatim
  fuzz      --fuzz N deterministic random texts built from rule-relevant
            pieces (abbreviations, initials, bullets, quotes, smileys, odd
            Unicode) to exercise every rule, not just typical news prose

Output format (one record per document, consumed by examples/razdel_parity.rs):
  D <group> <id>
  T <text with \\ \n \r \t escaped>
  K <start stop> ...      tokenize spans (code points)
  S <start stop> ...      sentenize spans
and per group one timing line:
  P <group> <chars> <tokenize seconds> <sentenize seconds>
(best of --repeat runs, single thread, includes building Substring objects).
"""
import argparse
import glob
import json
import os
import random
import time

from razdel import sentenize, tokenize

GT = '../shared/datasets/article-extraction-benchmark/ground-truth.json'
CORPUS = 'tests/fixtures/ru-news'


def esc(s):
    return s.replace('\\', '\\\\').replace('\n', '\\n').replace('\r', '\\r').replace('\t', '\\t')


def mostly_cyrillic(text):
    letters = [c for c in text if c.isalpha()]
    cyr = sum(1 for c in letters if '\u0400' <= c <= '\u04ff')
    return bool(letters) and cyr / len(letters) > 0.5


def load_groups(args):
    groups = []
    if args.only_fuzz:
        return [('fuzz', fuzz_texts(args.fuzz, args.seed))]
    with open(args.gt, encoding='utf-8') as f:
        gt = json.load(f)
    bodies = [(k, v['articleBody']) for k, v in sorted(gt.items())]
    groups.append(('ru4', [(k, b) for k, b in bodies if mostly_cyrillic(b)]))
    groups.append(('all181', bodies))
    files = sorted(glob.glob(os.path.join(args.corpus, '**', '*.txt'), recursive=True))
    docs = []
    for path in files:
        # newline='' keeps \r\n etc. exactly as stored.
        with open(path, encoding='utf-8', newline='') as f:
            docs.append((os.path.relpath(path, args.corpus), f.read()))
    groups.append(('ru-corpus', docs))
    if args.fuzz:
        groups.append(('fuzz', fuzz_texts(args.fuzz, args.seed)))
    return groups


def fuzz_texts(n, seed):
    from razdel.segmenters import sokr
    rng = random.Random(seed)
    abbrs = sorted(sokr.SOKRS | sokr.INITIALS)
    pairs = sorted(p for p in sokr.PAIR_SOKRS if len(p) == 2)
    words = ['Привет', 'мир', 'дом', 'Москва', 'ЁЛКА', 'ёж', 'Hello', 'world', 'Yahoo', 'yahoo',
             'IV', 'XLV', 'I', 'V', 'а', 'б', 'Б', 'f', 'g', '§', 'Ǆ', 'ǅ', 'ᲀот', 'İs', 'βeta', '中文',
             'что-то', 'К_тому', 'x²', 'Ⅻ', '١٢', '😀', '\u0301', 'ſ', '\u212a']
    nums = ['1', '2', '12', '2020', '3.5', '1,5', '1/2', '٣', '²']
    puncts = ['.', '.', '.', ',', '!', '?', '…', '...', '?!', ';', ':', '-', '—', '–', '−', '‑', '_', '/',
              '\\', '(', ')', '[', ']', '{', '}', '«', '»', '"', "'", '„', '“', '”', '‘', '’', '*', '**',
              '--', ':)', ';-)', ':(((', '=)', ':-', '№', '%', '#', '@', '&', '+', '<', '>', '|', '~',
              '`', '^', '$', '=']
    seps = [' ', ' ', ' ', '', '', '\n', '  ', '\t', '\u00a0', '\u2003', '\n\n', ' ' * 11]

    def piece():
        r = rng.random()
        if r < 0.25:
            a = rng.choice(abbrs)
            a = a.capitalize() if rng.random() < 0.4 else a.upper() if rng.random() < 0.1 else a
            return a + ('.' if rng.random() < 0.8 else '')
        if r < 0.32:
            a, b = rng.choice(pairs)
            return a + '.' + rng.choice(['', ' ']) + b + '.'
        if r < 0.55:
            return rng.choice(words)
        if r < 0.65:
            return rng.choice(nums)
        if r < 0.97:
            return rng.choice(puncts)
        cp = rng.randrange(0x110000)
        return chr(cp) if not 0xD800 <= cp <= 0xDFFF else 'x'

    out = []
    for i in range(n):
        size = rng.randrange(1, 40)
        text = ''.join(piece() + rng.choice(seps) for _ in range(size))
        out.append(('fuzz-%05d' % i, text))
    return out


def best_time(fn, texts, repeat):
    best = float('inf')
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            list(fn(t))
        best = min(best, time.perf_counter() - t0)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--gt', default=GT)
    ap.add_argument('--corpus', default=CORPUS)
    ap.add_argument('--fuzz', type=int, default=3000)
    ap.add_argument('--seed', type=int, default=20240517)
    ap.add_argument('--only-fuzz', action='store_true', help='skip the real texts')
    ap.add_argument('--repeat', type=int, default=3)
    ap.add_argument('--out', default='target/eval/razdel-reference.txt')
    args = ap.parse_args()

    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, 'w', encoding='utf-8', newline='\n') as out:
        for group, docs in load_groups(args):
            texts = [t for _, t in docs]
            for doc_id, text in docs:
                toks = ' '.join('%d %d' % (s.start, s.stop) for s in tokenize(text))
                sents = ' '.join('%d %d' % (s.start, s.stop) for s in sentenize(text))
                out.write('D %s %s\nT %s\nK %s\nS %s\n' % (group, doc_id, esc(text), toks, sents))
            chars = sum(len(t) for t in texts)
            tt = best_time(tokenize, texts, args.repeat)
            ts = best_time(sentenize, texts, args.repeat)
            out.write('P %s %d %.6f %.6f\n' % (group, chars, tt, ts))
            print('%-10s docs=%5d chars=%8d  python tokenize %.0f chars/s, sentenize %.0f chars/s'
                  % (group, len(docs), chars, chars / tt if tt else 0, chars / ts if ts else 0))


if __name__ == '__main__':
    main()
