#!/usr/bin/env python3
"""Dump natasha 1.6.0's span normalisation as the parity reference.

For every NER span: its tokens (text, UD pos, feats), the text between
consecutive tokens, and natasha's `span.normal`. One JSON object per line.

Usage: nominative_reference.py SPANS.jsonl [TOKENS.jsonl]

TOKENS (optional, a wider check): every NOUN/PROPN/ADJ/VERB token of the
texts whose Case is not Nom, with natasha's inflect_word + recover_shape
result, written as a one-token span of type TOK.
Texts: Cyrillic article bodies of the shared benchmark (read in place) and
tests/fixtures/ru-news/*.txt when present.
"""
import glob
import json
import os
import re
import sys

from natasha.norm import normalize
from natasha import (Doc, MorphVocab, NewsEmbedding, NewsMorphTagger,
                     NewsNERTagger, Segmenter)

GT = '../shared/datasets/article-extraction-benchmark/ground-truth.json'
CORPUS = 'tests/fixtures/ru-news'


def mostly_cyrillic(text):
    letters = re.findall(r'[^\W\d_]', text)
    cyr = re.findall('[а-яА-ЯёЁ]', text)
    return letters and len(cyr) > 0.5 * len(letters)


def texts():
    with open(GT, encoding='utf-8') as f:
        gt = json.load(f)
    for key in sorted(gt):
        body = gt[key].get('articleBody') or ''
        if mostly_cyrillic(body):
            yield 'gt:' + key[:12], body
    for path in sorted(glob.glob(os.path.join(CORPUS, '*.txt'))):
        with open(path, encoding='utf-8') as f:
            yield 'corpus:' + os.path.basename(path), f.read()


def main(out, tokens_out=None):
    segmenter = Segmenter()
    emb = NewsEmbedding()
    morph = NewsMorphTagger(emb)
    ner = NewsNERTagger(emb)
    vocab = MorphVocab()
    n = 0
    tf = open(tokens_out, 'w', encoding='utf-8') if tokens_out else None
    with open(out, 'w', encoding='utf-8') as f:
        for source, text in texts():
            doc = Doc(text)
            doc.segment(segmenter)
            doc.tag_morph(morph)
            doc.tag_ner(ner)
            if tf:
                for t in doc.tokens:
                    if t.pos in ('NOUN', 'PROPN', 'ADJ', 'VERB') and \
                            t.feats.get('Case', 'Nom') != 'Nom':
                        rec = {'source': source, 'type': 'TOK', 'text': t.text,
                               'tokens': [{'text': t.text, 'pos': t.pos,
                                           'feats': sorted(t.feats.items())}],
                               'gaps': [],
                               'normal': normalize(vocab, [t])}
                        tf.write(json.dumps(rec, ensure_ascii=False) + '\n')
            # span.tokens only exist once envelop_spans ran (doc.spans)
            for span in doc.spans:
                span.normalize(vocab)
                toks = span.tokens
                rec = {
                    'source': source,
                    'type': span.type,
                    'text': span.text,
                    'tokens': [{'text': t.text, 'pos': t.pos,
                                'feats': sorted(t.feats.items())}
                               for t in toks],
                    'gaps': [text[a.stop:b.start]
                             for a, b in zip(toks, toks[1:])],
                    'normal': span.normal,
                }
                f.write(json.dumps(rec, ensure_ascii=False) + '\n')
                n += 1
    if tf:
        tf.close()
    print(f'{n} spans -> {out}', file=sys.stderr)


if __name__ == '__main__':
    main(sys.argv[1] if len(sys.argv) > 1 else 'ref/natasha_spans.jsonl',
         sys.argv[2] if len(sys.argv) > 2 else None)
