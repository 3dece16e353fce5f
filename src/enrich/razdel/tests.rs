//! Unit tests: per-rule cases whose expected spans were dumped from razdel
//! 0.5.0 itself (testdata/cases.txt, src/enrich/razdel/testdata/make_fixtures.py), robustness on
//! odd inputs, and a span-invariant property test over random strings.

use super::{Substring, sentenize, tokenize};

struct Case {
    group: String,
    text: String,
    tokens: Vec<(usize, usize)>,
    sents: Vec<(usize, usize)>,
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn pairs(s: &str) -> Vec<(usize, usize)> {
    let nums: Vec<usize> = s.split_whitespace().map(|n| n.parse().unwrap()).collect();
    nums.chunks(2).map(|p| (p[0], p[1])).collect()
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    let mut group = String::new();
    let mut text = None;
    let mut tokens = None;
    // Only '\n' separates records: texts may hold other line-break chars.
    for line in include_str!("testdata/cases.txt").split('\n') {
        if let Some(g) = line.strip_prefix("# ") {
            group = g.to_string();
        } else if let Some(t) = line.strip_prefix("T ") {
            text = Some(unescape(t));
        } else if let Some(k) = line.strip_prefix('K') {
            tokens = Some(pairs(k));
        } else if let Some(s) = line.strip_prefix('S') {
            out.push(Case {
                group: group.clone(),
                text: text.take().unwrap(),
                tokens: tokens.take().unwrap(),
                sents: pairs(s),
            });
        }
    }
    out
}

fn spans(subs: &[Substring]) -> Vec<(usize, usize)> {
    subs.iter().map(|s| (s.start, s.stop)).collect()
}

fn check_group(prefix: &str) {
    let all = cases();
    let selected: Vec<&Case> = all.iter().filter(|c| c.group.starts_with(prefix)).collect();
    assert!(!selected.is_empty(), "no fixture cases for {prefix}");
    let mut failures = Vec::new();
    for case in selected {
        let (got, want) = if prefix.starts_with("tok") {
            (spans(&tokenize(&case.text)), &case.tokens)
        } else {
            (spans(&sentenize(&case.text)), &case.sents)
        };
        if &got != want {
            failures.push(format!(
                "[{}] {:?}\n  razdel: {:?}\n  rust:   {:?}",
                case.group, case.text, want, got
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn tok_atoms() {
    check_group("tok_atoms");
}
#[test]
fn tok_space() {
    check_group("tok_space");
}
#[test]
fn tok_dash() {
    check_group("tok_dash");
}
#[test]
fn tok_underscore() {
    check_group("tok_underscore");
}
#[test]
fn tok_float() {
    check_group("tok_float");
}
#[test]
fn tok_fraction() {
    check_group("tok_fraction");
}
#[test]
fn tok_punct() {
    check_group("tok_punct");
}
#[test]
fn tok_other() {
    check_group("tok_other");
}
#[test]
fn tok_yahoo() {
    check_group("tok_yahoo");
}
#[test]
fn sent_razdel_unit() {
    check_group("sent_razdel_unit");
}
#[test]
fn sent_empty_side() {
    check_group("sent_empty_side");
}
#[test]
fn sent_no_space_prefix() {
    check_group("sent_no_space_prefix");
}
#[test]
fn sent_lower_right() {
    check_group("sent_lower_right");
}
#[test]
fn sent_delimiter_right() {
    check_group("sent_delimiter_right");
}
#[test]
fn sent_sokr() {
    check_group("sent_sokr");
}
#[test]
fn sent_initials() {
    check_group("sent_initials");
}
#[test]
fn sent_list_item() {
    check_group("sent_list_item");
}
#[test]
fn sent_close_quote() {
    check_group("sent_close_quote");
}
#[test]
fn sent_close_bracket() {
    check_group("sent_close_bracket");
}
#[test]
fn sent_dash() {
    check_group("sent_dash");
}
#[test]
fn sent_mixed() {
    check_group("sent_mixed");
}

/// Every token/sentence of every fixture carries the right text.
#[test]
fn substring_text_matches_offsets() {
    for case in cases() {
        let chars: Vec<char> = case.text.chars().collect();
        for s in tokenize(&case.text)
            .into_iter()
            .chain(sentenize(&case.text))
        {
            let slice: String = chars[s.start..s.stop].iter().collect();
            assert_eq!(s.text, slice);
        }
    }
}

#[test]
fn empty_and_blank_inputs() {
    assert!(tokenize("").is_empty());
    assert!(tokenize(" \n\t\u{a0}").is_empty());
    let empty = Substring {
        start: 0,
        stop: 0,
        text: String::new(),
    };
    assert_eq!(sentenize(""), vec![empty.clone()]);
    assert_eq!(sentenize(" \n "), vec![empty]);
}

#[test]
fn huge_single_char_inputs() {
    // 1 MB-ish of one char, for several classes; must be linear and panic-free.
    for (c, toks, sents) in [
        ('а', 1, 1),
        ('.', 1, 1),
        ('-', 1, 1),
        ('😀', 1, 1),
        (' ', 0, 1),
        ('1', 1, 1),
        ('\u{301}', 1, 1),
    ] {
        let text: String = std::iter::repeat_n(c, 1_000_000).collect();
        assert_eq!(tokenize(&text).len(), toks, "{c:?}");
        assert_eq!(sentenize(&text).len(), sents, "{c:?}");
    }
    let text = "Да. ".repeat(200_000);
    assert_eq!(sentenize(&text).len(), 200_000);
}

/// Tiny xorshift PRNG so the property test needs no crates.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn random_text(rng: &mut Rng, len: usize) -> String {
    const POOL: &[char] = &[
        'а', 'Б', 'ё', 'Ё', 'z', 'Q', '1', '٣', '²', '.', ',', '!', '?', '…', ';', ':', '-', '—',
        '_', '/', '\\', '(', ')', '[', ']', '{', '}', '«', '»', '"', '\'', '„', '“', '”', '’', ' ',
        ' ', '\n', '\u{a0}', '=', '*', '😀', 'β', '\u{301}', '\u{200b}', 'ǅ', 'İ', 'ᲀ', '§', 'т',
        'е', 'г', 'I', 'V', '\u{0}',
    ];
    (0..len)
        .map(|_| match rng.below(10) {
            // Mostly pool chars (rule-relevant), sometimes any scalar value.
            0 => loop {
                if let Some(c) = char::from_u32((rng.next() % 0x11_0000) as u32) {
                    break c;
                }
            },
            _ => POOL[rng.below(POOL.len())],
        })
        .collect()
}

fn check_spans(text: &str, subs: &[Substring], allow_empty: bool) {
    let chars: Vec<char> = text.chars().collect();
    let mut prev_stop = 0;
    for s in subs {
        assert!(
            s.start >= prev_stop,
            "overlap/out of order in {text:?}: {subs:?}"
        );
        assert!(
            s.start < s.stop || (allow_empty && s.start == s.stop),
            "empty span in {text:?}"
        );
        assert!(s.stop <= chars.len(), "out of bounds in {text:?}");
        let slice: String = chars[s.start..s.stop].iter().collect();
        assert_eq!(s.text, slice);
        prev_stop = s.stop;
    }
}

#[test]
fn property_spans_are_ordered_disjoint_and_exact() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let len = rng.below(80);
        let text = random_text(&mut rng, len);
        check_spans(&text, &tokenize(&text), false);
        let sents = sentenize(&text);
        check_spans(&text, &sents, true);
        assert!(!sents.is_empty());
        // Tokens cover every non-space char exactly once.
        let covered: usize = tokenize(&text).iter().map(|s| s.stop - s.start).sum();
        let non_space = text.chars().filter(|&c| !super::chars::is_space(c)).count();
        assert_eq!(covered, non_space, "{text:?}");
        // Sentences also cover every non-space char (only whitespace is stripped).
        let covered: usize = sents.iter().map(|s| s.stop - s.start).sum();
        let in_sents: usize = sents
            .iter()
            .map(|s| {
                s.text
                    .chars()
                    .filter(|&c| !super::chars::is_space(c))
                    .count()
            })
            .sum();
        assert_eq!(in_sents, non_space, "{text:?}");
        assert!(covered <= text.chars().count());
        // Span-only API agrees with the Substring API.
        let spans_of = |v: &[Substring]| v.iter().map(|s| (s.start, s.stop)).collect::<Vec<_>>();
        assert_eq!(super::sentenize_spans(&text), spans_of(&sents));
        assert_eq!(super::tokenize_spans(&text), spans_of(&tokenize(&text)));
    }
}
