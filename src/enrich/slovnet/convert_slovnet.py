"""Convert natasha 1.6.0's navec + slovnet NER/morph tars into one compact file.

Output layout (all little-endian):
  b"SLVNRS01" | u32 header_len | header JSON (utf-8) | data
The header lists every array as {dtype, shape, offset, nbytes}; offsets are
relative to the start of data. Small vocabularies live in the header.

The navec vocabulary is alphabetical, not by frequency, so pruning keeps the
top N words by navec's corpus counts (ties broken by vocabulary id); the
kept words are written most frequent first.
Output is deterministic: no timestamps, sorted JSON keys, fixed order.

Usage:
  pip download natasha==1.6.0 --no-deps -d /tmp/whl   # only for the sha256
  python src/enrich/slovnet/convert_slovnet.py --top 140000 --out src/enrich/slovnet/model/slovnet_ru-natasha-1.6.0.bin \
      --wheel /tmp/whl/natasha-1.6.0-py3-none-any.whl
"""
import argparse
import base64
import hashlib
import json
import os
import sys

import numpy as np

import natasha
from navec import Navec
from slovnet.exec.pack import Pack
from slovnet.exec.model import NER as NERModel, Morph as MorphModel
from slovnet.const import WORD, SHAPE, TAG

MAGIC = b'SLVNRS01'
DATA = os.path.join(os.path.dirname(natasha.__file__), 'data')
NAVEC_TAR = os.path.join(DATA, 'emb', 'navec_news_v1_1B_250K_300d_100q.tar')
NER_TAR = os.path.join(DATA, 'model', 'slovnet_ner_news_v1.tar')
MORPH_TAR = os.path.join(DATA, 'model', 'slovnet_morph_news_v1.tar')


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            h.update(block)
    return h.hexdigest()


def load_slovnet(path, Model):
    with Pack(path) as pack:
        meta = pack.load_meta()
        meta.check_protocol()
        model = pack.load_model(Model)
        arrays = dict(pack.load_arrays(model.weights))
        words = pack.load_vocab(WORD)
        shapes = pack.load_vocab(SHAPE)
        tags = pack.load_vocab(TAG)
    return meta, model.inject_arrays(arrays), words, shapes, tags


class Writer:
    def __init__(self):
        self.chunks = []
        self.offset = 0
        self.arrays = {}

    def add(self, name, array, dtype):
        array = np.ascontiguousarray(array, dtype=dtype)
        data = array.astype(array.dtype.newbyteorder('<')).tobytes()
        self.arrays[name] = {
            'dtype': {np.float32: 'f32', np.uint8: 'u8'}[dtype],
            'shape': list(array.shape),
            'offset': self.offset,
            'nbytes': len(data),
        }
        self.add_raw(data)

    def add_bytes(self, name, data):
        self.arrays[name] = {
            'dtype': 'bytes', 'shape': [len(data)],
            'offset': self.offset, 'nbytes': len(data),
        }
        self.add_raw(data)

    def add_raw(self, data):
        self.chunks.append(data)
        self.offset += len(data)
        pad = (-self.offset) % 4  # keep every array 4-byte aligned
        if pad:
            self.chunks.append(b'\0' * pad)
            self.offset += pad


def add_tagger(writer, prefix, model):
    writer.add(prefix + '.shape_emb', model.emb.shape.weight.array, np.float32)
    layers = []
    for index, layer in enumerate(model.encoder.layers):
        name = '%s.layer%d' % (prefix, index)
        writer.add(name + '.conv_w', layer.conv.weight.array, np.float32)
        writer.add(name + '.conv_b', layer.conv.bias.array, np.float32)
        for part in ('weight', 'bias', 'mean', 'std'):
            writer.add('%s.norm_%s' % (name, part),
                       getattr(layer.norm, part).array, np.float32)
        layers.append({'name': name, 'padding': int(layer.conv.padding)})
    proj = model.head.proj
    writer.add(prefix + '.proj_w', proj.weight.array, np.float32)
    writer.add(prefix + '.proj_b', proj.bias.array, np.float32)
    info = {'layers': layers}
    crf = getattr(model.head, 'crf', None)
    if crf is not None:
        writer.add(prefix + '.crf', crf.transitions.array, np.float32)
        info['crf'] = prefix + '.crf'
    return info


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--top", type=int, default=140000,
                        help='keep the N most frequent navec words (0 = all)')
    parser.add_argument('--out', required=True)
    parser.add_argument('--wheel', help='natasha-1.6.0 wheel, to record its sha256')
    args = parser.parse_args()

    navec = Navec.load(NAVEC_TAR)
    ner_meta, ner, words, shapes, ner_tags = load_slovnet(NER_TAR, NERModel)
    morph_meta, morph, m_words, m_shapes, morph_tags = load_slovnet(MORPH_TAR, MorphModel)

    # Both taggers must share navec's vocabulary and the shape vocabulary,
    # otherwise one word table cannot serve both.
    assert words.items == navec.vocab.words == m_words.items
    assert shapes.items == m_shapes.items
    for model in (ner, morph):
        assert model.emb.word.id == navec.meta.id
    pq = navec.pq
    counts = navec.vocab.counts

    # Python's Vocab maps each word to its last id; mirror that, then rank.
    specials = {words.unk_id, words.pad_id}
    candidates = [(word, id) for word, id in words.item_ids.items()
                  if id not in specials]
    candidates.sort(key=lambda pair: (-counts[pair[1]], pair[1]))
    if args.top:
        candidates = candidates[:args.top]
    # Rows stay in frequency order: the Rust side caches layer-1 projections
    # for the first (most frequent) rows.
    for word, _ in candidates:
        assert '\n' not in word
    kept_ids = np.array([id for _, id in candidates], dtype=np.int64)

    writer = Writer()
    writer.add_bytes('words', '\n'.join(w for w, _ in candidates).encode('utf8'))
    writer.add('word_codes', pq.indexes[kept_ids], np.uint8)
    writer.add('unk_codes', pq.indexes[words.unk_id], np.uint8)
    writer.add('pad_codes', pq.indexes[words.pad_id], np.uint8)
    writer.add('codebook', pq.codes, np.float32)
    ner_info = add_tagger(writer, 'ner', ner)
    morph_info = add_tagger(writer, 'morph', morph)

    header = {
        'format': 1,
        'source': 'natasha 1.6.0 (navec 0.10.0, slovnet 0.6.0)',
        'navec_id': navec.meta.id,
        'navec': {'vectors': int(pq.vectors), 'dim': int(pq.dim),
                  'qdim': int(pq.qdim), 'centroids': int(pq.centroids)},
        'words_kept': len(candidates),
        'words_total': len(words.items) - 2,
        'shapes': shapes.items,
        'ner': dict(ner_info, id=ner_meta.id, tags=ner_tags.items),
        'morph': dict(morph_info, id=morph_meta.id, tags=morph_tags.items),
        'arrays': writer.arrays,
    }
    header_bytes = json.dumps(header, ensure_ascii=False, sort_keys=True,
                              separators=(',', ':')).encode('utf8')
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, 'wb') as f:
        f.write(MAGIC)
        f.write(len(header_bytes).to_bytes(4, 'little'))
        f.write(header_bytes)
        for chunk in writer.chunks:
            f.write(chunk)

    site = os.path.dirname(os.path.dirname(natasha.__file__))
    licenses = {}
    for dist in ('natasha-1.6.0', 'slovnet-0.6.0', 'navec-0.10.0'):
        meta_path = os.path.join(site, dist + '.dist-info', 'METADATA')
        with open(meta_path, encoding='utf8') as f:
            line = next((l for l in f if l.startswith('License:')), 'License: ?')
        licenses[dist] = line.split(':', 1)[1].strip()
    # The tars must be the ones the wheel ships: compare with its RECORD.
    record = {}
    with open(os.path.join(site, 'natasha-1.6.0.dist-info', 'RECORD'), encoding='utf8') as f:
        for line in f:
            parts = line.strip().split(',')
            if len(parts) == 3 and parts[1].startswith('sha256='):
                record[parts[0]] = parts[1][len('sha256='):]
    files = {}
    for path in (NAVEC_TAR, NER_TAR, MORPH_TAR):
        rel = os.path.relpath(path, site)
        digest = sha256_file(path)
        expected = base64.urlsafe_b64decode(record[rel] + '==').hex()
        if digest != expected:
            sys.exit('%s does not match the wheel RECORD' % rel)
        files[rel] = digest
    provenance = {
        'package': 'natasha 1.6.0',
        'wheel': 'natasha-1.6.0-py3-none-any.whl',
        'wheel_sha256': sha256_file(args.wheel) if args.wheel else None,
        'files': files,
        'files_match_wheel_record': True,
        'dependencies': {'slovnet': '0.6.0', 'navec': '0.10.0'},
        'license': licenses,
        'pruning': {'top_n_by_navec_count': args.top or None,
                    'words_kept': len(candidates),
                    'words_total': len(words.items) - 2},
        'output_sha256': sha256_file(args.out),
        'output_bytes': os.path.getsize(args.out),
        'command': 'python src/enrich/slovnet/convert_slovnet.py --top %d --out %s%s'
                   % (args.top, os.path.basename(args.out),
                      ' --wheel natasha-1.6.0-py3-none-any.whl' if args.wheel else ''),
    }
    prov_path = os.path.splitext(args.out)[0] + '.provenance.json'
    with open(prov_path, 'w', encoding='utf8') as f:
        json.dump(provenance, f, indent=2, sort_keys=True)
        f.write('\n')
    print('wrote', args.out, os.path.getsize(args.out), 'bytes;', len(candidates), 'words')


if __name__ == '__main__':
    main()
