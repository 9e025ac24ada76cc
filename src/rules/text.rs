//! Text against tables: the numbers a report's sentences state ("共收到政府信息公开申请8件",
//! "均获维持") compared with the cells that hold them. Which phrases state what is the template's
//! business (`[[text_facts]]`); this module only finds them and compares.

use super::{Finding, What};
use crate::numerals;
use crate::report::Report;
use crate::template::Template;
use crate::template::facts::TextFacts;
use crate::template::phrase::{Found, ends_clause, ends_sentence};

/// A number one sentence of a text states, and which fact it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Statement {
    /// Index into the template's text facts.
    pub fact: usize,
    pub section: usize,
    /// The phrase's place in the section's text, in characters.
    pub start: usize,
    pub end: usize,
    /// The number stated, in the units of the fact's cells (money in 0.0001).
    pub stated: i64,
    /// The phrase's own text was written without a number (`均获维持` states 0).
    pub implied: bool,
}

struct Candidate {
    fact: usize,
    found: Found,
    stated: i64,
    implied: bool,
}

fn contains(haystack: &[char], needle: &[char]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// How far back a guard word is looked for. A clause is a few dozen characters; without a bound, a
/// text without punctuation would be scanned back to its start for every phrase, which is
/// quadratic in its length.
const GUARD_REACH: usize = 120;

/// Whether a guard word says the phrase is about something else than this year's figure: it is
/// in the clause just before the phrase, or in the words the phrase skipped.
fn guarded(facts: &TextFacts, chars: &[char], found: &Found, year: Option<i32>) -> bool {
    let reach = found.start.saturating_sub(GUARD_REACH);
    let clause_start = chars[reach..found.start]
        .iter()
        .rposition(|&c| ends_clause(c))
        .map_or(reach, |p| reach + p + 1);
    let prefix = &chars[clause_start..found.start];
    let gaps = || found.gaps.iter().map(|&(from, to)| &chars[from..to]);
    facts
        .guards
        .iter()
        .any(|g| contains(prefix, g) || gaps().any(|gap| contains(gap, g)))
        || year.is_some_and(|y| {
            names_another_year(prefix, y) || gaps().any(|gap| names_another_year(gap, y))
        })
        || names_a_part(chars, reach, clause_start, prefix)
}

/// Whether words name a year ("2023年") other than the report's: the figure is that year's.
fn names_another_year(words: &[char], year: i32) -> bool {
    words.windows(5).enumerate().any(|(i, w)| {
        let digits: String = w[..4].iter().collect();
        w[4] == '年'
            && (i == 0 || !words[i - 1].is_ascii_digit())
            && digits
                .parse::<i32>()
                .is_ok_and(|y| y != year && (1949..=2200).contains(&y))
    })
}

/// Words of this year's whole that a clause may start with and still state the whole.
const WHOLE_WORDS: [&str; 6] = ["本年度", "本年", "全年", "今年", "共计", "共"];

/// Whether a phrase states a part of a figure: its sentence has gone on to "其中" (what follows
/// it breaks the whole down), and its clause names the part before the phrase ("其中网上申请
/// 收到申请50件", "信函收到申请27件"). A clause that is the phrase alone ("其中予以公开26件") is
/// a figure of its own.
fn names_a_part(chars: &[char], reach: usize, clause_start: usize, prefix: &[char]) -> bool {
    let sentence_start = chars[reach..clause_start]
        .iter()
        .rposition(|&c| ends_sentence(c))
        .map_or(reach, |p| reach + p + 1);
    let within: Vec<char> = "其中".chars().collect();
    if !contains(&chars[sentence_start..clause_start + prefix.len()], &within) {
        return false;
    }
    let mut own: String = prefix.iter().collect::<String>().replace("其中", "");
    for whole in WHOLE_WORDS {
        own = own.replace(whole, "");
    }
    own.chars().any(|c| c.is_alphanumeric())
}

fn candidates(
    template: &Template,
    section: usize,
    chars: &[char],
    year: Option<i32>,
) -> Vec<Candidate> {
    let facts = &template.text_facts;
    let mut out = Vec::new();
    let mut try_phrase = |fact: u32, phrase: u32, start: usize| {
        let f = &facts.facts[fact as usize];
        if !f.sections.contains(&section) {
            return;
        }
        let p = &f.phrases[phrase as usize];
        let Some(found) = p.match_at(chars, start) else {
            return;
        };
        if guarded(facts, chars, &found, year) {
            return;
        }
        let stated = match (&found.number, p.constant) {
            (Some((_, _, digits)), _) => f.kind.parse(digits).ok(),
            (None, Some(v)) => v.checked_mul(f.kind.scale()),
            (None, None) => None,
        };
        if let Some(stated) = stated {
            out.push(Candidate {
                fact: fact as usize,
                implied: found.number.is_none(),
                found,
                stated,
            });
        }
    };
    for (start, &c) in chars.iter().enumerate() {
        for (fact, phrase) in facts.starting_with(c) {
            try_phrase(fact, phrase, start);
        }
        if !facts.number_first.is_empty() && numerals::starts_at(chars, start) {
            for &(fact, phrase) in &facts.number_first {
                try_phrase(fact, phrase, start);
            }
        }
    }
    out
}

/// Ranges of characters already taken, none overlapping another: finding whether a new range
/// overlaps one takes a look at its neighbours only, so keeping n readings is n log n, not n².
#[derive(Default)]
struct Taken(std::collections::BTreeMap<usize, usize>);

impl Taken {
    fn overlaps(&self, (start, end): (usize, usize)) -> bool {
        // The last range starting before `end` is the only one that can reach into start..end.
        self.0
            .range(..end)
            .next_back()
            .is_some_and(|(&s, &e)| s < end && start < e)
    }

    fn take(&mut self, (start, end): (usize, usize)) {
        self.0.insert(start, end);
    }
}

/// What the readings kept so far occupy: two readings cannot both be right when they read the
/// same digits (as two facts), or read one fact twice from one place.
#[derive(Default)]
struct Kept {
    digits: Taken,
    spans: std::collections::HashMap<usize, Taken>,
}

impl Kept {
    fn digits(c: &Candidate) -> Option<(usize, usize)> {
        c.found.number.as_ref().map(|n| (n.0, n.1))
    }

    fn conflicts(&self, c: &Candidate) -> bool {
        let span = (c.found.start, c.found.end);
        Self::digits(c).is_some_and(|d| self.digits.overlaps(d))
            || self.spans.get(&c.fact).is_some_and(|t| t.overlaps(span))
    }

    fn keep(&mut self, c: &Candidate) {
        if let Some(d) = Self::digits(c) {
            self.digits.take(d);
        }
        self.spans
            .entry(c.fact)
            .or_default()
            .take((c.found.start, c.found.end));
    }
}

/// Every number a section's text states. Where two phrases read the same digits
/// ("予以公开及部分公开258件" is not "部分公开258件"), the more specific phrase wins: more of its own
/// words matched, then the shorter match, then the fact declared first. `year` is the report's:
/// a clause naming another year states that year's figure.
pub fn statements(
    template: &Template,
    section: usize,
    text: &str,
    year: Option<i32>,
) -> Vec<Statement> {
    if template.text_facts.facts.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut found = candidates(template, section, &chars, year);
    found.sort_by_key(|c| {
        (
            std::cmp::Reverse(c.found.literal),
            c.found.end - c.found.start,
            c.fact,
            c.found.start,
        )
    });
    let mut taken = Kept::default();
    let mut kept: Vec<Candidate> = Vec::new();
    for c in found {
        if !taken.conflicts(&c) {
            taken.keep(&c);
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| (c.found.start, c.fact));
    kept.into_iter()
        .map(|c| Statement {
            fact: c.fact,
            section,
            start: c.found.start,
            end: c.found.end,
            stated: c.stated,
            implied: c.implied,
        })
        .collect()
}

/// The sentence around characters `start..end` of a text, as a character range without the
/// spaces around it.
pub fn sentence_around(text: &str, start: usize, end: usize) -> (usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    sentence_in(&chars, start, end)
}

/// How far a sentence is looked for on either side of a phrase: a text without a full stop would
/// otherwise make every finding's sentence the whole text.
const SENTENCE_REACH: usize = 500;

fn sentence_in(chars: &[char], start: usize, end: usize) -> (usize, usize) {
    let end = end.min(chars.len());
    let start = start.min(end);
    let reach_back = start.saturating_sub(SENTENCE_REACH);
    let reach_on = (end + SENTENCE_REACH).min(chars.len());
    let mut from = chars[reach_back..start]
        .iter()
        .rposition(|&c| ends_sentence(c))
        .map_or(reach_back, |p| reach_back + p + 1);
    let mut to = chars[end..reach_on]
        .iter()
        .position(|&c| ends_sentence(c))
        .map_or(reach_on, |p| end + p + 1);
    while from < to && chars[from].is_whitespace() {
        from += 1;
    }
    while to > from && chars[to - 1].is_whitespace() {
        to -= 1;
    }
    (from, to)
}

fn slice(chars: &[char], start: usize, end: usize) -> String {
    chars[start..end].iter().collect()
}

/// The value a fact's cells hold: their sum, empty cells counting as 0; `None` while every one of
/// them is empty, as an unfilled table says nothing yet. A total left blank (a derived cell, such as
/// 总计, that the report did not fill in) counts as what it adds up: a report that leaves its 总计
/// column empty is still compared with the sums of its columns.
pub fn table_value(report: &Report, fact: usize) -> Option<i64> {
    let f = &report.template.text_facts.facts[fact];
    let table = &report.template.tables[f.table];
    let written = &report.tables[f.table];
    let blank_total = |c: &u32| written[*c as usize].is_none() && table.is_derived(*c as usize);
    let filled;
    let values = if f.cells.iter().any(blank_total) {
        let mut derived = written.clone();
        super::derive_table(table, &mut derived);
        // Only the blanks take the derived values; what the report wrote stays, wrong or not.
        for (d, w) in derived.iter_mut().zip(written) {
            if w.is_some() {
                *d = *w;
            }
        }
        filled = derived;
        &filled
    } else {
        written
    };
    let cells = f.cells.iter().map(|&c| values[c as usize]);
    if cells.clone().all(|v| v.is_none()) {
        return None;
    }
    i64::try_from(cells.map(|v| i128::from(v.unwrap_or(0))).sum::<i128>()).ok()
}

/// A text as last read, for the report's year then, and what it stated.
#[derive(Clone)]
struct Read {
    text: String,
    year: Option<i32>,
    statements: std::rc::Rc<Vec<Statement>>,
}

/// The statements of each section's text as last read, so that an editor which re-checks the
/// report after every cell it changes reads a text again only when the text changed: a cell edit
/// then costs the same whatever the length of the texts.
#[derive(Default)]
pub struct TextCache {
    sections: Vec<Option<Read>>,
    /// The same for the structure checks.
    pub(super) structure: super::structure::Cache,
}

impl TextCache {
    fn statements(
        &mut self,
        template: &Template,
        section: usize,
        text: &str,
        year: Option<i32>,
    ) -> std::rc::Rc<Vec<Statement>> {
        if self.sections.len() <= section {
            self.sections.resize(section + 1, None);
        }
        match &self.sections[section] {
            Some(read) if read.text == text && read.year == year => read.statements.clone(),
            _ => {
                let found = std::rc::Rc::new(statements(template, section, text, year));
                self.sections[section] = Some(Read {
                    text: text.to_string(),
                    year,
                    statements: found.clone(),
                });
                found
            }
        }
    }
}

/// A warning for every number a text states that its table contradicts.
pub fn check_texts(report: &Report, out: &mut Vec<Finding>) {
    check_texts_cached(report, &mut TextCache::default(), out);
}

/// [`check_texts`], reading again only the texts that changed since `cache` last saw them.
pub fn check_texts_cached(report: &Report, cache: &mut TextCache, out: &mut Vec<Finding>) {
    let template = &report.template;
    for (section, text) in report.texts.iter().enumerate() {
        let mut chars: Option<Vec<char>> = None;
        for s in cache
            .statements(template, section, text, report.year)
            .iter()
        {
            let Some(actual) = table_value(report, s.fact) else {
                continue;
            };
            if actual == s.stated {
                continue;
            }
            let fact = &template.text_facts.facts[s.fact];
            let chars = chars.get_or_insert_with(|| text.chars().collect());
            let (from, to) = sentence_in(chars, s.start, s.end);
            out.push(Finding {
                severity: fact.severity,
                what: What::TextVsTable {
                    fact: s.fact as u32,
                    start: s.start,
                    end: s.end,
                    quote: slice(chars, s.start, s.end),
                    sentence_start: from,
                    sentence: slice(chars, from, to),
                },
                section,
                table: Some(fact.table),
                row: fact.row,
                column: fact.column,
                actual: Some(s.stated),
                expected: Some(actual),
                kind: fact.kind,
            });
        }
    }
}
