//! The tense of the verb that governs a date, in English and Russian, beyond the word lists:
//! "could rule in January", "is expected to take effect on Sunday", "рассмотрит 3 сентября".

use super::super::lexer::Kind;
use super::super::lexicon::Role;
use super::super::resolve::Lean;
use super::Grammar;

/// English modals: with a plain verb after them they speak of what is ahead.
const MODALS: [&str; 8] = [
    "would", "could", "may", "might", "should", "must", "can", "cannot",
];
/// "expected to", "going to", "hopes to": an intention or a forecast.
const INTENT: [&str; 26] = [
    "expected",
    "expects",
    "expect",
    "going",
    "hopes",
    "hope",
    "hoping",
    "plans",
    "plan",
    "planning",
    "aims",
    "aim",
    "intends",
    "intend",
    "poised",
    "likely",
    "ready",
    "prepared",
    "wants",
    "about",
    "forecast",
    "projected",
    "predicted",
    "slated",
    "scheduled",
    "want",
];
/// Scheduled events in the present simple: "the hearing starts at 10 a.m. on Thursday"; fixtures
/// of sport and politics: "the Lakers host the Celtics on Sunday", "the premier faces a vote".
const SCHEDULE: [&str; 26] = [
    "goes",
    "takes",
    "starts",
    "begins",
    "opens",
    "ends",
    "closes",
    "runs",
    "meets",
    "resumes",
    "expires",
    "arrives",
    "departs",
    "convenes",
    "kicks",
    "reopens",
    "finishes",
    "concludes",
    "hosts",
    "faces",
    "enters",
    "plays",
    "visits",
    // Culture listings: "the opera premieres on Feb. 18", "the series airs on Sunday".
    "premieres",
    "debuts",
    "airs",
];
/// Plural verbs of a scheduled event whose singular is no schedule or is a noun ("returns",
/// "votes"): only after a plural subject ("Lawmakers return on Sept. 8", "Players report for
/// training camp on July 20").
const PLURAL_SCHEDULE: [&str; 4] = ["return", "vote", "gather", "report"];
/// Fixtures in British copy, which gives a team's name a plural verb: "Manchester United host
/// Arsenal on Sunday", "Chelsea face Liverpool".
const FIXTURE: [&str; 5] = ["host", "face", "play", "visit", "meet"];
/// Intent words that schedule as a present passive with no "to" after them: "Heavy rain is
/// forecast for Saturday", "the vote is expected on Thursday".
const PASSIVE_INTENT: [&str; 8] = [
    "expected",
    "forecast",
    "projected",
    "predicted",
    "slated",
    "scheduled",
    "likely",
    "poised",
];

/// Russian verb prefixes that make a verb perfective ("рас-смотрит", "про-длится").
const PERFECTIVE_PREFIXES: [&str; 29] = [
    "пере", "подо", "пред", "обо", "ото", "раз", "рас", "вос", "воз", "при", "про", "под", "над",
    "пре", "вы", "по", "со", "за", "от", "об", "на", "из", "ис", "до", "вс", "вз", "у", "о", "с",
];
/// Third-person non-past endings: a perfective verb in them speaks of the future.
/// "-атся" after a hushing consonant: "продолжатся", "решатся" (not "-ат": "захват", "охват").
const NON_PAST_ENDINGS: [&str; 13] = [
    "ется", "ётся", "ится", "утся", "ются", "ятся", "атся", "ет", "ёт", "ит", "ут", "ют", "ят",
];
/// Imperfective forms that the prefixes and endings would take for perfective: "-ает"
/// (выступает), "-ывает", motion verbs (находится, проводит), and nouns (совет, отчёт).
const IMPERFECTIVE_MARKS: [&str; 9] = [
    "ает",
    "яет",
    "ают",
    "яют",
    "ается",
    "яется",
    "ывает",
    "ивает",
    "ходит",
];
const IMPERFECTIVE_STEMS: [&str; 6] = ["ход", "вод", "нос", "воз", "ста", "жив"];
/// Plain imperfective verbs in "-ать" that a prefix makes perfective while keeping "-ает":
/// "за-работает", "с-делает", "с-ыграет", "про-читает".
const SIMPLEX_STEMS: [&str; 6] = ["работа", "дела", "игра", "ыгра", "чита", "дума"];
const NOT_VERBS: [&str; 14] = [
    "совет",
    "ответ",
    "запрет",
    "отчет",
    "отчёт",
    "предмет",
    "пакет",
    "привет",
    "портрет",
    "объект",
    "бюджет",
    "кабинет",
    "депутат",
    "результат",
];

/// English verbs that move a deadline or a date later: "extended the curfew until June 30",
/// "postponed the vote to Jan. 15".
const EXTEND_EN: [&str; 9] = [
    "postponed",
    "delayed",
    "deferred",
    "rescheduled",
    "pushed",
    "moved",
    "adjourned",
    "extended",
    "prolonged",
];
/// Their Russian stems: "отложили", "перенесли", "продлили"; "назначил заседание на 12 ноября"
/// sets a date, which is ahead as a date put off is.
const EXTEND_RU: [&str; 6] = ["отлож", "перенес", "перенос", "отсроч", "продл", "назнач"];
/// English past forms that do not end in "-ed".
const PAST_EN: [&str; 12] = [
    "was", "were", "had", "did", "ran", "kept", "stood", "went", "held", "lay", "sat", "came",
];
/// Past states that ended at their deadline: "remained closed until April 20".
const STATIVE_EN: [&str; 12] = [
    "was",
    "were",
    "had",
    "been",
    "remained",
    "stayed",
    "lasted",
    "continued",
    "ran",
    "stood",
    "lay",
    "sat",
];
/// Their Russian stems: "был", "оставался", "продолжалась", "длилась".
const STATIVE_RU: [&str; 5] = ["был", "оставал", "продолжал", "длил", "находил"];
/// Masculine pasts without "-л": "ВВП вырос", "рубль ослаб".
const IRREGULAR_PAST_RU: [&str; 14] = [
    "вырос",
    "возрос",
    "подрос",
    "рос",
    "ослаб",
    "окреп",
    "исчез",
    "достиг",
    "погиб",
    "умер",
    "помог",
    "мог",
    "сжег",
    "сжёг",
];
/// Present forms that govern a deadline ahead: "is closed until Thursday".
const PRESENT_EN: [&str; 10] = [
    "is", "are", "remains", "remain", "stays", "stay", "has", "have", "runs", "lasts",
];

impl Grammar<'_> {
    /// The tokens of the clause around tokens start..end, up to 8 on each side: a sentence
    /// break, a comma, semicolon or colon, or a line break ends it.
    pub(super) fn clause_around(&self, start: usize, end: usize) -> (usize, usize) {
        let in_clause = |k: usize| {
            !(self.sentence_break(k)
                || self.punct(k, ",;:")
                || self.tokens.get(k).is_none_or(|t| t.newline))
        };
        let mut first = start;
        while first > 0 && start - first < 8 && in_clause(first - 1) {
            first -= 1;
        }
        let mut last = end;
        while last < end + 8 && in_clause(last) {
            last += 1;
        }
        (first, last)
    }

    /// A word that closes a span at a deadline: "until", "by", "до", "bis", "tot".
    pub(super) fn deadline_word(&self, k: usize) -> bool {
        if self.table() {
            // "bis", "hasta el", "fino al", "jusqu'au", "jusqu'en"
            let joined = self.role(k, Role::RangeTo)
                || self.role(k, Role::Article)
                || self.punct(k.wrapping_sub(1), "'");
            self.role(k, Role::Until)
                || (joined && self.role(k.wrapping_sub(1), Role::Until))
                || (self.punct(k.wrapping_sub(1), "'") && self.role(k.wrapping_sub(2), Role::Until))
        } else {
            self.is_any(k, &["by", "until", "till", "до"])
        }
    }

    /// "L'équipe a un match samedi": the auxiliary before an indefinite article is the present
    /// "has", with no past verb nor participle-shaped word in the clause ("a un peu reculé
    /// mardi" is a past).
    pub(super) fn present_have(&self, start: usize, end: usize) -> bool {
        let (first, last) = self.clause_around(start, end);
        let participle = |k: usize| {
            let word = self.lower(k);
            word.chars().count() >= 4
                && self
                    .lex
                    .participle_suffixes
                    .iter()
                    .any(|s| word.ends_with(s.as_str()))
        };
        (first..last).any(|k| self.role(k, Role::PastAux) && self.role(k + 1, Role::Indefinite))
            && !(first..last).any(|k| self.past_verb(k) || participle(k))
    }

    /// "Am 20. Mai verhandelt der Bundestag", "De Kamer stemt op 20 mei": the finite verb of
    /// the date's clause is in the present (German and Dutch schedule in it), with no past
    /// word or participle in the clause ("am Dienstag hat die Polizei … festgenommen").
    pub(super) fn present_tense(&self, start: usize, end: usize) -> bool {
        let lex = &self.lex;
        if lex.present_suffixes.is_empty() {
            return false;
        }
        let (first, last) = self.clause_around(start, end);
        let past = (first..last).any(|k| {
            let t = self.lower(k);
            let participle = t.find("ge").is_some_and(|at| at <= 4)
                && t.len() >= 5
                && (t.ends_with('t') || t.ends_with('d') || t.ends_with("en"));
            self.role(k, Role::PastCue)
                || (participle && !self.tokens.get(k).is_some_and(|t| t.capitalized))
        });
        if past {
            return false;
        }
        // The verb is second: after a date that opens the sentence, perhaps behind a word or
        // a preposition and article ("In het tweede halfjaar stijgt"), else before the date.
        let short = |k: usize| {
            self.role(k, Role::Article)
                || self
                    .tokens
                    .get(k)
                    .is_some_and(|t| t.kind == Kind::Word && t.len <= 3)
        };
        let opening = self.sentence_initial(first)
            && (first + 1 == start || (start - first <= 3 && (first..start).all(short)));
        let verb_at = if first == start || opening {
            // "Am Samstag um 18.30 Uhr empfängt Schalke": the verb comes after the day's
            // clock time.
            let mut k = end;
            while self.role(k, Role::TimeContext)
                || self.role(k, Role::ClockWord)
                || self.number(k).is_some()
                || (self.punct(k, ".:") && self.glued(k) && self.number(k + 1).is_some())
            {
                k += 1;
            }
            Some(k)
        } else {
            (first..start).rev().find(|&k| {
                self.tokens
                    .get(k)
                    .is_some_and(|t| t.kind == Kind::Word && !t.capitalized && t.len >= 4)
                    && self.word(k).is_none()
                    // "in de nacht van dinsdag": "nacht" ends in "-t" but is no verb.
                    && !self.role(k, Role::Night)
                    // "befasst sich am 12. Mai": the verb stands before its reflexive pronoun.
                    && !self.is_any(k, &["sich", "zich"])
            })
        };
        verb_at.is_some_and(|k| {
            let Some(t) = self.tokens.get(k) else {
                return false;
            };
            let w = self.lower(k);
            t.kind == Kind::Word
                && !t.capitalized
                && w.chars().count() >= 4
                && self.word(k).is_none()
                && lex.present_suffixes.iter().any(|s| w.ends_with(s.as_str()))
                && !lex
                    .preterite_suffixes
                    .iter()
                    .any(|s| w.ends_with(s.as_str()))
        })
    }

    /// Which way a deadline after the word at `at` leans, read from the verb that governs
    /// it: a verb that moves it later reads ahead ("extended the curfew until June 30"), a
    /// past tense reads back ("schools remained closed until April 20", "die Schulen blieben
    /// bis Montag geschlossen"), and a present or future one ahead ("stays closed until
    /// Sunday").
    pub(super) fn deadline_lean(&self, at: usize) -> Lean {
        let clause_end = |k: usize| {
            self.sentence_break(k)
                || self.punct(k, ";:")
                || self.tokens.get(k).is_none_or(|t| t.newline)
        };
        let mut first = at;
        while first > 0
            && at - first < 12
            && !clause_end(first - 1)
            && !self.tokens.get(first).is_some_and(|t| t.newline)
        {
            first -= 1;
        }
        // "отложил рассмотрение дела до 15 января": the verb that moves it, wherever it stands.
        if (first..at).any(|k| self.extends(k)) {
            return Lean::Future;
        }
        for k in (first..at).rev() {
            // "finished by", "closed until": the participle right before the deadline is no
            // tense of its own ("wants the pipeline finished by October").
            if k + 1 == at && !self.table() && self.lower(k).ends_with("ed") {
                continue;
            }
            if let Some(lean) = self.verb_lean(k) {
                return lean;
            }
        }
        // A table language's verb may come after: "Bis Montag blieben die Schulen zu".
        if self.table() {
            for k in at + 1..at + 10 {
                if clause_end(k) || self.punct(k, ",") {
                    break;
                }
                if let Some(lean) = self.verb_lean(k) {
                    return lean;
                }
            }
        }
        Lean::Future
    }

    /// The lean a verb gives a deadline it governs, if the word at `k` is such a verb.
    fn verb_lean(&self, k: usize) -> Option<Lean> {
        if self.extends(k) || self.future_cue(k) {
            return Some(Lean::Future);
        }
        let word = self.lower(k);
        if !self.table() && PRESENT_EN.contains(&word) {
            return Some(Lean::Future);
        }
        if !self.past_verb(k) {
            return None;
        }
        // A state in the past ended at its deadline ("remained closed until April 20",
        // "мост был закрыт до понедельника", a table's `past` words); an act in the past may
        // have set one still ahead ("suspended flights until Friday"): the nearer occurrence.
        let stative = if self.table() {
            self.role(k, Role::PastCue)
        } else {
            STATIVE_EN.contains(&word) || STATIVE_RU.iter().any(|s| word.starts_with(s))
        };
        Some(if stative { Lean::Past } else { Lean::Nearest })
    }

    /// A verb that moves a deadline or a date later: "extended", "продлили", "verlängerte".
    pub(super) fn extends(&self, k: usize) -> bool {
        let word = self.lower(k);
        if self.table() {
            self.lex
                .extend_stems
                .iter()
                .any(|s| word.starts_with(s.as_str()))
        } else {
            EXTEND_EN.contains(&word) || EXTEND_RU.iter().any(|s| word.starts_with(s))
        }
    }

    /// A verb in the past tense: "remained", "was"; "работала", "был"; a table's past words
    /// and endings ("blieben", "prorrogó", "były").
    pub(super) fn past_verb(&self, k: usize) -> bool {
        let Some(token) = self.tokens.get(k) else {
            return false;
        };
        if token.kind != Kind::Word {
            return false;
        }
        let word = self.lower(k);
        if self.table() {
            // "a annoncé", "ha annunciato": a participle after its auxiliary.
            let compound = self.role(k.wrapping_sub(1), Role::PastAux)
                && self
                    .lex
                    .participle_suffixes
                    .iter()
                    .any(|s| word.ends_with(s.as_str()));
            return self.role(k, Role::PastCue)
                || compound
                || (!token.capitalized
                    && word.chars().count() >= 5
                    && self
                        .lex
                        .past_suffixes
                        .iter()
                        .any(|s| word.ends_with(s.as_str())));
        }
        if word.is_ascii() {
            // "remained", "lasted", but not the participle of a present "is closed".
            let participle_of_present = self.is_any(
                k.wrapping_sub(1),
                &[
                    "is", "are", "be", "been", "being", "remain", "remains", "stay", "stays",
                ],
            );
            return PAST_EN.contains(&word)
                || (word.len() >= 5 && word.ends_with("ed") && !participle_of_present);
        }
        // Russian past: "был", "работала", "закрыли", "продолжалась"; the vowel before the
        // "л" keeps out nouns as "школа", "мысли".
        let stem = ["лась", "лось", "лись", "лся", "ла", "ло", "ли", "л"]
            .iter()
            .find_map(|e| word.strip_suffix(e));
        IRREGULAR_PAST_RU.contains(&word)
            || (!token.capitalized
                && word.chars().count() >= 3
                && stem.is_some_and(|s| {
                    s.ends_with(['а', 'я', 'и', 'ы', 'е']) && s.chars().count() >= 2
                }))
    }

    /// The word at `k` makes its clause speak of the future: English and Russian by their
    /// rules, a table language by the aspect marks its table gives (Ukrainian).
    pub(super) fn future_verb(&self, k: usize) -> bool {
        let word = self.lower(k);
        if self.table() {
            let aspect = &self.lex.aspect;
            return !aspect.prefixes.is_empty()
                && self.perfective(
                    k,
                    word,
                    &aspect.prefixes,
                    &aspect.endings,
                    &aspect.marks,
                    &aspect.stems,
                );
        }
        if word.is_ascii() {
            self.english_future(k, word)
        } else {
            self.russian_perfective(k, word)
        }
    }

    fn english_future(&self, k: usize, word: &str) -> bool {
        // "could rule", "would reopen", but not "could have ruled"; a capitalised "May"
        // inside a sentence is the month ("in May from April").
        let month = self.tokens.get(k).is_some_and(|t| t.capitalized) && !self.sentence_initial(k);
        if MODALS.contains(&word) && !(word == "may" && month) {
            let verb = k + 1 + usize::from(self.is(k + 1, "not"));
            return !self.is_any(verb, &["have", "been", "had"]) && !self.lower(verb).is_empty();
        }
        // "is expected to take effect", "is going to publish"
        // "expects growth to pick up", "wants the court to rule": an object may come first.
        // "to be" speaks of what is ahead after a present "is expected" ("Monday's vote is
        // expected to be close"), not after a past one, and "to have" looks back.
        let present = self.is_any(k.wrapping_sub(1), &["is", "are"]);
        if INTENT.contains(&word)
            && let Some(to) = (k + 1..k + 4).find(|&t| self.is(t, "to"))
            && (k + 1..to).all(|t| {
                self.tokens
                    .get(t)
                    .is_some_and(|w| w.kind == Kind::Word && !w.capitalized)
            })
        {
            return !self.is(to + 1, "have")
                && (!self.is(to + 1, "be") || present || self.is(to + 2, "held"));
        }
        if present && PASSIVE_INTENT.contains(&word) {
            return true;
        }
        // "Forecasters expect snow on Thursday": a forecast in the present.
        if matches!(word, "expect" | "expects" | "predict" | "predicts") {
            return true;
        }
        if FIXTURE.contains(&word) && self.name_word(k.wrapping_sub(1)) && self.name_word(k + 1) {
            return true;
        }
        if SCHEDULE.contains(&word) {
            return !self.is(k.wrapping_sub(1), "it");
        }
        // "The rules come into force on Monday"; not "comes after Monday's talks", a report.
        if matches!(word, "come" | "comes")
            && self.is(k + 1, "into")
            && !self.is_any(k.wrapping_sub(1), &["have", "has", "had"])
        {
            return true;
        }
        // "Voters head to the polls on Sunday", "heads for Brussels": the noun "heads of state"
        // takes "of".
        if matches!(word, "head" | "heads") && self.is_any(k + 1, &["to", "for", "into"]) {
            return true;
        }
        // "Voters in Ohio go to the polls on Nov. 3": an election in the present.
        if matches!(word, "go" | "goes") && self.is(k + 1, "to") && self.is(k + 3, "polls") {
            return true;
        }
        // "Polls close at 8 p.m.", "Talks resume on Monday", "Lawmakers return on Sept. 8":
        // the plural after a plural noun (not "the close", "to open", "will end").
        let before = self.lower(k.wrapping_sub(1));
        before.len() > 3
            && before.ends_with('s')
            && !before.ends_with("ss")
            && !matches!(before, "this" | "does")
            && word.len() > 1
            // "report for training camp", not the noun of "the claims report showed".
            && (word != "report" || self.is_any(k + 1, &["for", "to"]))
            && (PLURAL_SCHEDULE.contains(&word)
                || SCHEDULE.iter().any(|s| {
                    // "goes" → "go", "starts" → "start"
                    let plain = s
                        .strip_suffix("oes")
                        .map_or(s.strip_suffix('s'), |_| s.strip_suffix("es"));
                    plain == Some(word)
                }))
    }

    /// A perfective verb in the non-past: "рассмотрит", "пройдут", "продлится".
    fn russian_perfective(&self, k: usize, word: &str) -> bool {
        self.perfective(
            k,
            word,
            &PERFECTIVE_PREFIXES,
            &NON_PAST_ENDINGS,
            &IMPERFECTIVE_MARKS,
            &IMPERFECTIVE_STEMS,
        ) && !NOT_VERBS.contains(&word)
    }

    /// A prefixed verb in a non-past ending and with no imperfective mark: perfective, so
    /// future ("рассмотрит", "пройде"). `stems` are imperfective roots a prefix keeps
    /// imperfective ("проходит", "залежить").
    fn perfective<S: AsRef<str>>(
        &self,
        k: usize,
        word: &str,
        prefixes: &[S],
        endings: &[S],
        marks: &[S],
        stems: &[S],
    ) -> bool {
        // Polish "zajmą", "wejdą" are five letters; Russian's shortest take six.
        let shortest = if self.table() { 5 } else { 6 };
        if self.tokens.get(k).is_none_or(|t| t.capitalized) || word.chars().count() < shortest {
            return false;
        }
        let Some((prefix, rest)) = prefixes
            .iter()
            .find_map(|p| Some((p.as_ref(), word.strip_prefix(p.as_ref())?)))
        else {
            return false;
        };
        let Some((ending, stem)) = endings
            .iter()
            .find_map(|e| Some((e.as_ref(), rest.strip_suffix(e.as_ref())?)))
        else {
            return false;
        };
        let simplex = SIMPLEX_STEMS.iter().any(|s| rest.starts_with(s));
        // "самолёт", "отчёт": after a one-letter prefix, "-ет" ends nouns as often as verbs.
        if prefix.chars().count() == 1 && matches!(ending, "ет" | "ёт") && !simplex {
            return false;
        }
        // A table's endings carry the root's last consonant ("про-й-де"), Russian's do not.
        let least = if self.table() { 1 } else { 2 };
        stem.chars().count() >= least
            && (simplex || !marks.iter().any(|m| word.ends_with(m.as_ref())))
            && !stems.iter().any(|s| rest.starts_with(s.as_ref()))
            && !word.contains("ыва")
            && !word.contains("ива")
            && !word.contains("ува")
    }
}
