"""Arabic Treebank-style segmented tokens (NewsFANE: `و قال`, `ان ه`, `ل ال اتحاد`) joined back
into the words a newspaper prints (`وقال`, `انه`, `للاتحاد`), so a model learns the tokens
spaCy's Arabic tokenizer (which splits no clitic) gives it at run time.

Deterministic, by table and position:
- proclitics `و ف ب ل ك س` and a split article `ال` join the word after them (several in a
  row: `و ب ال` -> `وبال`); `ل` before `ال` drops the article's alif (`ل الاتحاد` -> `للاتحاد`);
- pronoun enclitics `ه ها هم هما هن كم نا ني ي` join the word before them, a final `ة` of that
  word becoming `ت` (`حصة ها` -> `حصتها`) and a final `ى` becoming `ي` (`الى ها` -> `اليها`);
- `ك` is the preposition "like" before `ما` or an `ال` word and the pronoun "your" otherwise;
- a clitic joins only an Arabic word of two letters or more (abbreviations spelt letter by
  letter, `د ب ا`, stay apart) and only when it is outside a name or inside the same name as
  its host (`آل نهيان`, written `ال نهيان` in the corpus, stays two words).

A proclitic outside a name joined onto the name's first word, or an enclitic onto its last,
makes the name cover the whole printed word (`و واشنطن` B-LOC -> `وواشنطن` B-LOC): that is
the token the runtime sees, and the corrections layer strips the clitic from the entity's
name. `rejoin` counts those cases.

The corpus' orthographic normalisation (hamzated alifs written `ا`, some `ى` as `ي`, no vowel
marks) cannot be undone; `normalise` reads text the corpus' way, as the runtime does with
Arabic text before the model reads it (src/enrich/entities/arabic.rs, which maps the offsets
back), applied here too so both read the same.
"""

PROCLITICS = {"و", "ف", "ب", "ل", "ك", "س", "ال", "لل"}
ENCLITICS = {"ه", "ها", "هم", "هما", "هن", "كم", "نا", "ني", "ي"}
# Alif forms and alif maqsura as the corpus writes them; vowel marks and tatweel, which it
# never writes, left out.
NORMAL = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "\u0670": None, "\u0640": None}
    | {chr(c): None for c in range(0x064B, 0x0653)}
)


def normalise(text: str) -> str:
    return text.translate(NORMAL)


def arabic_word(word: str) -> bool:
    return len(word) >= 2 and all("\u0621" <= c <= "\u064a" for c in word)


def _kind(tag: str) -> str:
    return tag[2:] if tag != "O" else ""


def _may_join(clitic_tag: str, host_tag: str) -> bool:
    """A clitic outside any name, or inside the same name as its host."""
    return clitic_tag == "O" or (clitic_tag.startswith("I-") and _kind(clitic_tag) == _kind(host_tag))


def _proclitic(words, tags, i) -> bool:
    w = words[i]
    if w not in PROCLITICS or i + 1 >= len(words):
        return False
    nxt = words[i + 1]
    if w == "ك" and not (nxt == "ما" or nxt.startswith("ال")):
        return False
    if w in ("ال", "لل") and tags[i] != "O":
        return False  # `آل` (family) in a name, not the article
    # the host may be another proclitic of the chain (`و ب ال X`)
    host_ok = (arabic_word(nxt) and nxt not in PROCLITICS) or _proclitic(words, tags, i + 1)
    return host_ok and _may_join(tags[i], tags[i + 1])


def _enclitic(words, tags, i, host: str, host_tag: str) -> bool:
    return words[i] in ENCLITICS and arabic_word(host) and _may_join(tags[i], host_tag)


def _attach_proclitic(prefix: str, word: str) -> str:
    if prefix.endswith("ل") and word.startswith("ال") and prefix != "ال":
        return prefix + word[1:]
    return prefix + word


def rejoin(words, tags, stats=None):
    """(words, IOB tags) of one sentence -> the printed words with their tags."""
    out_w, out_t = [], []
    i = 0
    while i < len(words):
        prefix, prefix_tags = "", []
        while _proclitic(words, tags, i):
            prefix = _attach_proclitic(prefix, words[i]) if prefix else words[i]
            prefix_tags.append(tags[i])
            i += 1
        word, tag = words[i], tags[i]
        if prefix:
            word = _attach_proclitic(prefix, word)
            if stats is not None:
                stats["proclitics"] = stats.get("proclitics", 0) + len(prefix_tags)
                if tag.startswith("B-") and all(t == "O" for t in prefix_tags):
                    stats["proclitic_in_name"] = stats.get("proclitic_in_name", 0) + 1
        i += 1
        while i < len(words) and _enclitic(words, tags, i, word, tag):
            base = word[:-1] + "ت" if word.endswith("ة") else word[:-1] + "ي" if word.endswith("ى") else word
            name_ends = tag != "O" and tags[i] == "O"
            word = base + words[i]
            if stats is not None:
                stats["enclitics"] = stats.get("enclitics", 0) + 1
                stats["enclitic_in_name"] = stats.get("enclitic_in_name", 0) + int(name_ends)
            i += 1
        out_w.append(word)
        out_t.append(tag)
    return out_w, out_t

