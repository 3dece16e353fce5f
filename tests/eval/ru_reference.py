"""Dump the natasha 1.6.0 reference output for the parity check.

For every text: razdel tokens of the whole text (code-point offsets), the
NER spans of NewsNERTagger(emb)(text), and per-sentence morph tags computed
the way natasha's Doc pipeline does it (Doc.segment + Doc.tag_morph).
Also times the Python taggers single-threaded.

Usage:
  OPENBLAS_NUM_THREADS=1 python tests/eval/ru_reference.py OUT.json [--corpus DIR] [--repeat 3]
"""
import os

# Single-threaded numpy/BLAS; must be set before numpy is imported.
for var in ('OPENBLAS_NUM_THREADS', 'OMP_NUM_THREADS', 'MKL_NUM_THREADS'):
    os.environ.setdefault(var, '1')

import argparse
import glob
import hashlib
import json
import time

from razdel import tokenize
from natasha import (
    Doc, Segmenter, NewsEmbedding, MorphVocab, NewsNERTagger, NewsMorphTagger
)
from natasha.morph.tagger import format_tag

ZYTE = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'datasets',
                    'article-extraction-benchmark', 'ground-truth.json')


def cyrillic_share(text):
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum('\u0400' <= c <= '\u04ff' for c in letters) / len(letters)


def load_texts(corpus_dir):
    texts = []
    with open(ZYTE, encoding='utf8') as f:
        data = json.load(f)
    for key in sorted(data):
        body = data[key].get('articleBody') or ''
        if cyrillic_share(body) > 0.5:
            texts.append(('zyte:' + key[:8], {'zyte_key': key}, body))
    if corpus_dir and os.path.isdir(corpus_dir):
        for path in sorted(glob.glob(os.path.join(corpus_dir, '*.txt'))):
            with open(path, encoding='utf8') as f:
                texts.append(('corpus:' + os.path.basename(path), {'path': os.path.abspath(path)}, f.read()))
    return texts


def best_time(fn, repeat):
    # CPU time, not wall time: the machine is shared with other jobs.
    best = None
    for _ in range(repeat):
        start = time.process_time()
        fn()
        elapsed = time.process_time() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('out')
    parser.add_argument('--corpus', default='tests/fixtures/ru-news')
    parser.add_argument('--repeat', type=int, default=3)
    args = parser.parse_args()

    emb = NewsEmbedding()
    ner = NewsNERTagger(emb)
    morph = NewsMorphTagger(emb)
    segmenter = Segmenter()
    morph_vocab = MorphVocab()

    texts = load_texts(args.corpus)
    docs = []
    for name, source, text in texts:
        tokens = [(t.start, t.stop) for t in tokenize(text)]
        if text.strip():
            spans = [(s.start, s.stop, s.type) for s in ner(text).spans]
        else:
            spans = []
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_morph(morph)
        # natasha's canonical names: each span normalised over its morph tags.
        doc.tag_ner(ner)
        normals = []
        for span in doc.spans:
            span.normalize(morph_vocab)
            normals.append((span.start, span.stop, span.type, span.normal))
        sents = []
        for sent in doc.sents:
            sents.append({
                'words': [t.text for t in sent.tokens],
                'tags': [format_tag(t.pos, t.feats) for t in sent.tokens],
            })
        # No text in the dump: the parity example reads it in place
        # (the Zyte dataset must not be copied).
        docs.append({
            'name': name, 'source': source,
            'text_sha256': hashlib.sha256(text.encode('utf8')).hexdigest(),
            'tokens': tokens, 'spans': spans, 'sents': sents, 'normals': normals,
        })

    # Timing. NER as natasha calls it (razdel tokenize inside slovnet), and
    # the NER model alone on pre-tokenised words (what the Rust port does).
    ner_infer = ner.infer
    ner_words = [[text[a:b] for a, b in doc['tokens']]
                 for (_, _, text), doc in zip(texts, docs)]
    morph_items = [[s['words'] for s in doc['sents']] for doc in docs]

    def run_ner_e2e():
        for _, _, text in texts:
            if text.strip():
                ner(text)

    def run_ner_model():
        for words in ner_words:
            if not words:
                continue
            inputs = ner_infer.encoder([words])
            preds = list(ner_infer.decoder(ner_infer.process(inputs)))
            assert len(preds) == 1

    def run_morph():
        for items in morph_items:
            list(morph.map(items))

    ner_tokens = sum(len(d['tokens']) for d in docs)
    morph_tokens = sum(len(w) for items in morph_items for w in items)
    timing = {
        'repeat': args.repeat, 'clock': 'process_time',
        'ner_e2e_s': best_time(run_ner_e2e, args.repeat),
        'ner_model_s': best_time(run_ner_model, args.repeat),
        'morph_s': best_time(run_morph, args.repeat),
        'ner_tokens': ner_tokens,
        'morph_tokens': morph_tokens,
        'articles': len(docs),
    }
    for key in ('ner_e2e', 'ner_model'):
        timing[key + '_tokens_per_s'] = ner_tokens / timing[key + '_s']
    timing['morph_tokens_per_s'] = morph_tokens / timing['morph_s']

    out = {'reference': 'natasha 1.6.0 / slovnet 0.6.0 / navec 0.10.0 / razdel 0.5.0',
           'zyte_path': ZYTE, 'timing': timing, 'docs': docs}
    with open(args.out, 'w', encoding='utf8') as f:
        json.dump(out, f, ensure_ascii=False)
    print(json.dumps(timing, indent=1))
    print('docs', len(docs), 'sents', sum(len(d['sents']) for d in docs),
          'spans', sum(len(d['spans']) for d in docs))


if __name__ == '__main__':
    main()
