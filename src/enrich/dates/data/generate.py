"""Writes the generated date vocabulary tables `<lang>.generated.tsv` from Unicode CLDR
(npm `cldr-dates-full`), dateparser's language data (PyPI `dateparser`) and number-parser's
number words (PyPI `number-parser`). Standard
library only; nothing of this runs at build or run time.

    mkdir -p target/tools/dates-data && cd target/tools/dates-data
    npm install --no-save --ignore-scripts cldr-dates-full@48.2.0
    pip download --no-deps dateparser==1.5.0 number-parser==0.3.2 -d .
    python3 -m zipfile -e dateparser-1.5.0-py3-none-any.whl dateparser-whl
    python3 -m zipfile -e number_parser-0.3.2-py2.py3-none-any.whl np-whl
    cd - && python3 src/enrich/dates/data/generate.py target/tools/dates-data

Rows: `class <TAB> argument <TAB> phrase` (phrase lower-cased, words split as the tagger's
lexer splits them, joined by one space). Classes:
- month N / abbrev N: month names (CLDR format and stand-alone, wide; dateparser's spellings and
  case forms) and abbreviations (CLDR abbreviated; short dateparser forms), which need a day or year;
- weekday N (1 = Monday): CLDR wide names and dateparser's longer spellings;
- unit NAME/one|other: unit words from CLDR displayName and relativeTime patterns, with the plural
  category of the pattern they came from;
- relative N: one-word day offsets from CLDR dateFields ("gestern" -1);
- deixis last|this|next: the word that is not the unit or weekday in CLDR's "last week",
  "this year", "next Monday" phrases ("letzte", "dernière", "pasado");
- ago_prefix, ago_suffix, in_prefix, in_suffix: the words around "{0} <unit>" in relativeTime
  patterns ("vor", "il y a", "fa", "через");
- number N: number words up to 30 from dateparser and number-parser;
- dual UNIT: a word that is two of a unit (Arabic "سنتين", from CLDR's count-two patterns);
- weekday_tail: the second word of a hyphenated weekday name ("feira" of "quarta-feira").
The output depends only on the two packages: rows are sorted and deduplicated.
"""

import json
import re
import runpy
import sys
from collections import defaultdict
from pathlib import Path

CLDR_VERSION = "48.2.0"
DATEPARSER_VERSION = "1.5.0"
NUMBER_PARSER_VERSION = "0.3.2"
LANGS = ["de", "fr", "es", "it", "pt", "nl", "uk", "pl", "tr", "ar", "zh", "ja"]
# Regional month names read besides the language's own: Levantine and Maghrebi Arabic.
VARIANTS = {"ar": ["ar-SY", "ar-DZ"]}
UNITS = ["year", "quarter", "month", "week", "day"]
WEEKDAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
MONTH_KEYS = ["january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december"]
DAY_KEYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# number-parser 0.3.2 lists Polish tens among its units ("dwadzieścia": 2, "osiemdziesiąt": 8):
# a unit word built on the tens stem ("-dzieści-", "-dziesi-", "-dziest-") is a ten, not a unit.
POLISH_TENS = re.compile(r"dzie(?:ści|si|st)")
HERE = Path(__file__).resolve().parent
# The tagger's lexer: each Han or kana character alone, runs of other letters, digit runs,
# single other characters.
CJK = "\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Arabic vowel marks ("شهرًا") belong to their word, as Rust's `is_alphabetic` says.
MARKS = "\u0610-\u061a\u064b-\u065f\u0670"
TOKEN = re.compile(rf"[{CJK}]|(?:[^\W\d_{CJK}]|[{MARKS}])+|\d+|[^\w\s]", re.UNICODE)
CJK_CHAR = re.compile(rf"[{CJK}]")


def tokens(phrase):
    return [t.lower() for t in TOKEN.findall(phrase)]


def words(phrase):
    return " ".join(tokens(phrase))


def cjk(phrase):
    """Written in Han or kana: the lexer splits it into characters, so it is one word of
    several tokens."""
    return bool(phrase) and all(CJK_CHAR.fullmatch(t) for t in tokens(phrase))


def one_word(phrase):
    return len(tokens(phrase)) == 1 or cjk(phrase)


def generate(lang, cldr, dateparser, number_parser):
    main = cldr / "main" / lang
    greg = json.loads((main / "ca-gregorian.json").read_text())["main"][lang]["dates"][
        "calendars"]["gregorian"]
    fields = json.loads((main / "dateFields.json").read_text())["main"][lang]["dates"]["fields"]
    info = runpy.run_path(str(dateparser / f"{lang}.py"))["info"]
    rows = set()
    months, abbrevs = defaultdict(set), defaultdict(set)
    for locale in [lang] + VARIANTS.get(lang, []):
        variant = json.loads((cldr / "main" / locale / "ca-gregorian.json").read_text())
        variant = variant["main"][locale]["dates"]["calendars"]["gregorian"]
        for context in ["format", "stand-alone"]:
            # "3月" is a number and a month mark, read by the grammar.
            for n, name in variant["months"][context]["wide"].items():
                if not re.search(r"\d", name):
                    months[words(name)].add(int(n))
            for n, name in variant["months"][context]["abbreviated"].items():
                if not re.search(r"\d", name):
                    abbrevs[words(name.rstrip("."))].add(int(n))
    for n, key in enumerate(MONTH_KEYS, 1):
        for form in info.get(key, []):
            w = words(form.rstrip("."))
            if not one_word(form) or re.search(r"\d", form):
                continue
            (months if (len(w) >= 4 or cjk(w)) and w not in abbrevs else abbrevs)[w].add(n)
    for w, ns in months.items():
        if len(ns) == 1:
            rows.add(("month", str(next(iter(ns))), w))
    for w, ns in abbrevs.items():
        if len(ns) == 1 and w not in months and (len(w) >= 3 or cjk(w)):
            rows.add(("abbrev", str(next(iter(ns))), w))
    weekdays = defaultdict(set)
    for context in ["format", "stand-alone"]:
        for n, key in enumerate(WEEKDAY_KEYS, 1):
            wide = greg["days"][context]["wide"][key]
            name = tokens(wide)
            weekdays[words(wide) if cjk(wide) else name[0]].add(n)
            if name[1:2] == ["-"] and len(name) == 3:
                rows.add(("weekday_tail", "-", name[2]))  # Portuguese "quarta-feira"
    for n, key in enumerate(DAY_KEYS, 1):
        for form in info.get(key, []):
            if (len(form) >= 5 and len(tokens(form)) == 1) or (len(form) >= 2 and cjk(form)):
                weekdays[words(form)].add(n)
    for w, ns in weekdays.items():
        if len(ns) == 1:
            rows.add(("weekday", str(next(iter(ns))), w))
    weekday_words = set(weekdays) | {p for c, _, p in rows if c == "weekday_tail"}

    unit_words = set()
    prefixes, suffixes = defaultdict(set), defaultdict(set)
    for unit in UNITS:
        field = fields.get(unit, {})
        if "displayName" in field:
            rows.add(("unit", f"{unit}/one", words(field["displayName"])))
            unit_words.add(words(field["displayName"]))
        for tense in ["past", "future"]:
            patterns = field.get(f"relativeTime-type-{tense}", {})
            for key, pattern in patterns.items():
                if "{0}" not in pattern:
                    # Arabic duals: "قبل سنتين" (two years ago).
                    toks = tokens(pattern)
                    if key.endswith("-two") and len(toks) == 2:
                        rows.add(("dual", unit, toks[1]))
                    continue
                before, after = (tokens(p) for p in pattern.split("{0}", 1))
                if not after:
                    continue
                plural = "one" if key.endswith("-one") else "other"
                if cjk(" ".join(after)) and len(after) > 1:
                    # "{0}个月前": the unit is every character before the last ("个月").
                    after = [" ".join(after[:-1]), after[-1]]
                rows.add(("unit", f"{unit}/{plural}", after[0]))
                unit_words.add(after[0])
                kind = "ago" if tense == "past" else "in"
                if before:
                    prefixes[kind].add(" ".join(before))
                if after[1:]:
                    suffixes[kind].add(" ".join(after[1:]))
    for kind in ["ago", "in"]:
        for p in prefixes[kind]:
            rows.add((f"{kind}_prefix", "-", p))
        for s in suffixes[kind] - unit_words:
            rows.add((f"{kind}_suffix", "-", s))

    deixis = defaultdict(set)
    steps = {"-1": "last", "0": "this", "1": "next"}
    for key, field in fields.items():
        if "-" in key:  # "-short" and "-narrow" variants abbreviate
            continue
        is_weekday = key in WEEKDAY_KEYS
        for step, name in steps.items():
            phrase = field.get(f"relative-type-{step}")
            if not phrase:
                continue
            toks = tokens(phrase)
            if key == "day":
                continue
            if not (is_weekday or key in UNITS):
                continue
            known = weekday_words if is_weekday else unit_words
            rest = [t for t in toks if t not in known and t.isalpha()]
            if len(rest) == len(toks) or not rest:
                continue  # the unit is not a separate word
            longest = max(rest, key=len)
            if cjk(phrase):
                # "上周", "上个月", "去年": the first character points back or ahead.
                deixis[toks[0]].add(name)
            elif len(longest) >= 4 and len(rest) <= 2:
                deixis[longest].add(name)
    for w, names in deixis.items():
        if len(names) == 1 and w not in unit_words:
            rows.add(("deixis", next(iter(names)), w))
    for step in ["-2", "-1", "0", "1", "2"]:
        phrase = fields.get("day", {}).get(f"relative-type-{step}")
        if phrase and one_word(phrase):
            rows.add(("relative", str(int(step)), words(phrase)))
    for simple in info.get("simplifications", []):
        for word, value in simple.items():
            if re.fullmatch(r"[^\W\d_]+", word) and re.fullmatch(r"\d+", str(value)):
                rows.add(("number", str(int(value)), word.lower()))
    path = number_parser / f"{lang}.py"
    numbers = runpy.run_path(str(path))["info"] if path.exists() else {}
    ranges = {"UNIT_NUMBERS": range(1, 10), "DIRECT_NUMBERS": range(10, 20), "TENS": [20, 30]}
    for table, allowed in ranges.items():
        for word, value in numbers.get(table, {}).items():
            misread_ten = lang == "pl" and table == "UNIT_NUMBERS" and POLISH_TENS.search(word)
            if value in allowed and len(tokens(word)) == 1 and not misread_ten:
                rows.add(("number", str(value), words(word)))
    header = (
        f"# generated by src/enrich/dates/data/generate.py from cldr-dates-full {CLDR_VERSION}"
        f" (Unicode-3.0), dateparser {DATEPARSER_VERSION} and number-parser {NUMBER_PARSER_VERSION}"
        " (BSD-3-Clause); do not edit\n"
    )
    body = "".join(f"{c}\t{a}\t{p}\n" for c, a, p in sorted(rows))
    (HERE / f"{lang}.generated.tsv").write_text(header + body)


def main():
    tools = Path(sys.argv[1])
    cldr = tools / "node_modules" / "cldr-dates-full"
    version = json.loads((cldr / "package.json").read_text())["version"]
    assert version == CLDR_VERSION, f"cldr-dates-full {version}, expected {CLDR_VERSION}"
    dateparser = tools / "dateparser-whl" / "dateparser" / "data" / "date_translation_data"
    number_parser = tools / "np-whl" / "number_parser" / "data"
    for lang in LANGS:
        generate(lang, cldr, dateparser, number_parser)


if __name__ == "__main__":
    main()
