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
LANGS = ["de", "fr", "es", "it", "pt", "nl", "uk", "pl"]
UNITS = ["year", "quarter", "month", "week", "day"]
WEEKDAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
MONTH_KEYS = ["january", "february", "march", "april", "may", "june", "july", "august",
              "september", "october", "november", "december"]
DAY_KEYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# number-parser 0.3.2 lists these Polish tens among its units ("dwadzieścia": 2).
NUMBER_ERRORS = {("pl", "dwadzieścia"), ("pl", "pięćdziesiąt"), ("pl", "pięćdziesięciu")}
HERE = Path(__file__).resolve().parent
# The tagger's lexer: letters runs, digit runs, single other characters.
TOKEN = re.compile(r"[^\W\d_]+|\d+|[^\w\s]", re.UNICODE)


def tokens(phrase):
    return [t.lower() for t in TOKEN.findall(phrase)]


def words(phrase):
    return " ".join(tokens(phrase))


def generate(lang, cldr, dateparser, number_parser):
    main = cldr / "main" / lang
    greg = json.loads((main / "ca-gregorian.json").read_text())["main"][lang]["dates"][
        "calendars"]["gregorian"]
    fields = json.loads((main / "dateFields.json").read_text())["main"][lang]["dates"]["fields"]
    info = runpy.run_path(str(dateparser / f"{lang}.py"))["info"]
    rows = set()
    months, abbrevs = defaultdict(set), defaultdict(set)
    for context in ["format", "stand-alone"]:
        for n, name in greg["months"][context]["wide"].items():
            months[words(name)].add(int(n))
        for n, name in greg["months"][context]["abbreviated"].items():
            abbrevs[words(name.rstrip("."))].add(int(n))
    for n, key in enumerate(MONTH_KEYS, 1):
        for form in info.get(key, []):
            w = words(form.rstrip("."))
            if len(tokens(form)) != 1:
                continue
            (months if len(w) >= 4 and w not in abbrevs else abbrevs)[w].add(n)
    for w, ns in months.items():
        if len(ns) == 1:
            rows.add(("month", str(next(iter(ns))), w))
    for w, ns in abbrevs.items():
        if len(ns) == 1 and w not in months and len(w) >= 3:
            rows.add(("abbrev", str(next(iter(ns))), w))
    weekdays = defaultdict(set)
    for context in ["format", "stand-alone"]:
        for n, key in enumerate(WEEKDAY_KEYS, 1):
            name = tokens(greg["days"][context]["wide"][key])
            weekdays[name[0]].add(n)
            if name[1:2] == ["-"] and len(name) == 3:
                rows.add(("weekday_tail", "-", name[2]))  # Portuguese "quarta-feira"
    for n, key in enumerate(DAY_KEYS, 1):
        for form in info.get(key, []):
            if len(form) >= 5 and len(tokens(form)) == 1:
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
                    continue
                before, after = (tokens(p) for p in pattern.split("{0}", 1))
                if not after:
                    continue
                plural = "one" if key.endswith("-one") else "other"
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
        for s in suffixes[kind]:
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
            if len(longest) >= 4 and len(rest) <= 2:
                deixis[longest].add(name)
    for w, names in deixis.items():
        if len(names) == 1 and w not in unit_words:
            rows.add(("deixis", next(iter(names)), w))
    for step in ["-2", "-1", "0", "1", "2"]:
        phrase = fields.get("day", {}).get(f"relative-type-{step}")
        if phrase and len(tokens(phrase)) == 1:
            rows.add(("relative", str(int(step)), words(phrase)))
    for simple in info.get("simplifications", []):
        for word, value in simple.items():
            if re.fullmatch(r"[^\W\d_]+", word) and re.fullmatch(r"\d+", str(value)):
                rows.add(("number", str(int(value)), word.lower()))
    numbers = runpy.run_path(str(number_parser / f"{lang}.py"))["info"]
    ranges = {"UNIT_NUMBERS": range(1, 10), "DIRECT_NUMBERS": range(10, 20), "TENS": [20, 30]}
    for table, allowed in ranges.items():
        for word, value in numbers.get(table, {}).items():
            if value in allowed and len(tokens(word)) == 1 and (lang, word) not in NUMBER_ERRORS:
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
