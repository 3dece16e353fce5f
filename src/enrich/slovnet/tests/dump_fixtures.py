"""Write the small test fixtures in src/slovnet/tests/ from the reference code.

Layer fixtures use slovnet's own numpy classes on small seeded random
weights, so the Rust tests need no model file. model.json holds a few
values from the real models for the (optional) model-backed test.

Usage: python src/enrich/slovnet/tests/dump_fixtures.py [--model-words 5]
"""
import json
import os

import numpy as np

from slovnet.exec.model import (
    Weight, Conv1d, ReLU, BatchNorm1d, CNNEncoderLayer, CNNEncoder, CRF,
    Linear, NavecEmbedding, Embedding, WordShapeEmbedding,
)
from slovnet.shape import word_shape
from slovnet.bio import bio_spans
from slovnet.token import Token

OUT = os.path.join(os.path.dirname(__file__), '..', 'src', 'slovnet', 'tests')


def w(array):
    array = np.asarray(array, dtype=np.float32)
    return Weight(list(array.shape), 'float32', array)


def rounded(array):
    return [float(x) for x in np.asarray(array, dtype=np.float32).ravel()]


def dump(name, data):
    with open(os.path.join(OUT, name), 'w', encoding='utf8') as f:
        json.dump(data, f, ensure_ascii=False, separators=(',', ':'))
        f.write('\n')


def shapes():
    words = [
        'Москва', 'МВД', 'ёлка', 'Ёж', 'я', 'Я', 'СИЗО-6', 'Нью-Йорк', 'Ростов-на-Дону',
        'iPhone', 'NASA', 'a', 'A', 'McDonald', 'Jean-Luc', '2011-2020', '+7', '-5',
        '-', '—', '...', '?!', '«', '»', '№', '…', '$', '', '🙂', '123', '٣', 'Ⅻ',
        'ΣΑΣ', 'İstanbul', 'ſ', 'K', 'ᲀ', 'ǅemal', 'Ǆ', 'xX', 'мВД', 'Ё-моё', '_',
        'a1', '1a', 'Ωmega', 'ß', 'Straße',
    ]
    lower = ['ΣΑΣ', 'ΟΔΥΣΣΕΥΣ', 'İstanbul', 'МОСКВА', 'Ǆ', 'ẞ', 'Ёлка', 'ABC', 'Σ']
    dump('shape.json', {
        'shapes': [[word, word_shape(word)] for word in words],
        'lower': [[word, word.lower()] for word in lower],
    })


def layers():
    rng = np.random.RandomState(7)
    # Embedding: tiny PQ (qdim 3, 4 centroids, chunk 2) + shape table.
    codes = rng.randn(3, 4, 2).astype(np.float32)
    indexes = rng.randint(0, 4, size=(5, 3)).astype(np.uint8)
    shape_table = rng.randn(6, 2).astype(np.float32)
    emb = WordShapeEmbedding(
        NavecEmbedding('test', Weight([5, 3], 'uint8', indexes), w(codes)),
        Embedding(w(shape_table)),
    )
    word_id = np.array([[4, 0, 2]])
    shape_id = np.array([[1, 5, 0]])
    out = emb(word_id, shape_id)

    # Two conv blocks over a padded batch of two sequences.
    c0, f0, f1 = 5, 6, 4
    def block(cin, cout):
        return CNNEncoderLayer(
            Conv1d(w(rng.randn(cout, cin, 3)), w(rng.randn(cout)), 1),
            ReLU(),
            BatchNorm1d(w(rng.rand(cout) + 0.5), w(rng.randn(cout)),
                        w(rng.randn(cout)), w(rng.rand(cout) + 0.5)),
        )
    layer0, layer1 = block(c0, f0), block(f0, f1)
    encoder = CNNEncoder([layer0, layer1])
    x = rng.randn(2, 7, c0).astype(np.float32)
    mask = np.zeros((2, 7), dtype=bool)
    mask[1, 4:] = True  # second sequence has 4 real tokens
    x[1, 4:] = 0.0      # pad embeddings are zero in navec/slovnet
    enc = encoder(x, mask)
    one = layer0(np.swapaxes(x[:1], 2, 1)).swapaxes(2, 1)

    def block_json(layer):
        return {
            'weight': rounded(layer.conv.weight.array), 'shape': layer.conv.weight.shape,
            'bias': rounded(layer.conv.bias.array),
            'norm': [rounded(getattr(layer.norm, p).array) for p in ('weight', 'bias', 'mean', 'std')],
        }

    proj = Linear(w(rng.randn(f1, 3)), w(rng.randn(3)))
    proj_out = proj(enc[0])

    # CRF: random emissions, and a tie-heavy case.
    tags = 5
    crf = CRF(w(rng.randn(tags, tags)))
    emissions = rng.randn(1, 9, tags).astype(np.float32)
    path = crf.decode(emissions, np.ones((1, 9), dtype=bool))[0]
    flat = CRF(w(np.zeros((tags, tags))))
    tie_em = np.zeros((1, 4, tags), dtype=np.float32)
    tie_path = flat.decode(tie_em, np.ones((1, 4), dtype=bool))[0]
    one_path = crf.decode(emissions[:, :1], np.ones((1, 1), dtype=bool))[0]

    # BIO -> spans, including slovnet's quirks (I without B, type switch, <pad>).
    bio_cases = [
        ['B-PER', 'I-PER', 'O', 'B-LOC'],
        ['I-PER', 'I-PER', 'O'],
        ['B-PER', 'I-LOC', 'I-ORG', 'O'],
        ['B-PER', 'B-PER', '<pad>', 'I-PER'],
        ['O', '<pad>', 'B-ORG', '<pad>', 'O'],
    ]
    bio = []
    for case in bio_cases:
        tokens = [Token(i * 3, i * 3 + 2, 'xx') for i in range(len(case))]
        spans = [[s.start, s.stop, s.type] for s in bio_spans(tokens, case)]
        bio.append({'tags': case, 'spans': spans})

    dump('layers.json', {
        'embedding': {
            'codes': rounded(codes), 'indexes': indexes.ravel().tolist(),
            'shape_table': rounded(shape_table),
            'word_id': word_id[0].tolist(), 'shape_id': shape_id[0].tolist(),
            'out': rounded(out[0]),
        },
        'encoder': {
            'blocks': [block_json(layer0), block_json(layer1)],
            'x': rounded(x), 'lengths': [7, 4], 'channels': c0,
            'out': rounded(enc), 'layer0_first': rounded(one),
        },
        'linear': {'weight': rounded(proj.weight.array), 'bias': rounded(proj.bias.array),
                   'out': rounded(proj_out)},
        'crf': {'transitions': rounded(crf.transitions.array), 'emissions': rounded(emissions),
                'tags': tags, 'path': [int(t) for t in path],
                'tie_path': [int(t) for t in tie_path], 'one_path': [int(t) for t in one_path]},
        'bio': bio,
    })


def model():
    from natasha import NewsEmbedding, NewsNERTagger, NewsMorphTagger
    from natasha.morph.tagger import format_tag
    from razdel import tokenize
    emb = NewsEmbedding()
    ner = NewsNERTagger(emb)
    morph = NewsMorphTagger(emb)
    text = ('Глава МИД России Сергей Лавров встретился в Женеве с Энтони Блинкеном. '
            'ООН и «Газпром» 12 марта… СИЗО-6, iPhone 🙂')
    tokens = list(tokenize(text))
    words = [t.text for t in tokens]
    model = ner.infer.model
    enc = ner.infer.encoder
    inp = next(enc([words]))
    x = model.emb(inp.word_id, inp.shape_id)
    h = np.swapaxes(x, 2, 1)
    h0 = model.encoder.layers[0](h).swapaxes(2, 1)
    morph_tags = [format_tag(t.pos, t.feats) for t in morph(words).tokens]
    dump('model.json', {
        'text': text,
        'tokens': [[t.start, t.stop] for t in tokens],
        'spans': [[s.start, s.stop, s.type] for s in ner(text).spans],
        'morph': morph_tags,
        # first 8 dims of token 0's embedding and of its layer-0 output
        'emb0': rounded(x[0, 0, :8]), 'emb0_shape': rounded(x[0, 0, 300:308]),
        'layer0_tok1': rounded(h0[0, 1, :8]),
    })


if __name__ == '__main__':
    shapes()
    layers()
    model()
