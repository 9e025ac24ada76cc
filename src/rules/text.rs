//! Text against tables: the numbers a report's sentences state ("共收到政府信息公开申请8件",
//! "均获维持") compared with the cells that hold them. Which phrases state what is the template's
//! business (`[[text_facts]]`); this module only finds them and compares.

use super::numerals;
use super::phrase::{Found, ends_clause, ends_sentence};
use super::{Finding, What};
use crate::report::Report;
use crate::template::Template;
use crate::template::facts::TextFacts;

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

/// Whether a guard word says the phrase is about something else than this year's figure: it is
/// in the clause just before the phrase, or in the words the phrase skipped.
fn guarded(facts: &TextFacts, chars: &[char], found: &Found) -> bool {
    let clause_start = chars[..found.start]
        .iter()
        .rposition(|&c| ends_clause(c))
        .map_or(0, |p| p + 1);
    let prefix = &chars[clause_start..found.start];
    facts.guards.iter().any(|g| {
        contains(prefix, g)
            || found
                .gaps
                .iter()
                .any(|&(from, to)| contains(&chars[from..to], g))
    })
}

fn candidates(template: &Template, section: usize, chars: &[char]) -> Vec<Candidate> {
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
        if guarded(facts, chars, &found) {
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
        if !facts.number_first.is_empty() && numerals::read(chars, start).is_some() {
            for &(fact, phrase) in &facts.number_first {
                try_phrase(fact, phrase, start);
            }
        }
    }
    out
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Two readings that cannot both be right: the same digits read as two facts, or one fact read
/// twice from one place.
fn conflict(a: &Candidate, b: &Candidate) -> bool {
    let number = |c: &Candidate| c.found.number.as_ref().map(|n| (n.0, n.1));
    let same_digits = matches!((number(a), number(b)), (Some(x), Some(y)) if overlaps(x, y));
    let span = |c: &Candidate| (c.found.start, c.found.end);
    same_digits || (a.fact == b.fact && overlaps(span(a), span(b)))
}

/// Every number a section's text states. Where two phrases read the same digits
/// ("予以公开及部分公开258件" is not "部分公开258件"), the more specific phrase wins: more of its own
/// words matched, then the shorter match, then the fact declared first.
pub fn statements(template: &Template, section: usize, text: &str) -> Vec<Statement> {
    if template.text_facts.facts.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut found = candidates(template, section, &chars);
    found.sort_by_key(|c| {
        (
            std::cmp::Reverse(c.found.literal),
            c.found.end - c.found.start,
            c.fact,
            c.found.start,
        )
    });
    let mut kept: Vec<Candidate> = Vec::new();
    for c in found {
        if !kept.iter().any(|k| conflict(k, &c)) {
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
    let end = end.min(chars.len());
    let mut from = chars[..start.min(end)]
        .iter()
        .rposition(|&c| ends_sentence(c))
        .map_or(0, |p| p + 1);
    let mut to = chars[end..]
        .iter()
        .position(|&c| ends_sentence(c))
        .map_or(chars.len(), |p| end + p + 1);
    while from < to && chars[from].is_whitespace() {
        from += 1;
    }
    while to > from && chars[to - 1].is_whitespace() {
        to -= 1;
    }
    (from, to)
}

fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// The value a fact's cells hold: their sum, empty cells counting as 0; `None` while every one of
/// them is empty, as an unfilled table says nothing yet.
pub fn table_value(report: &Report, fact: usize) -> Option<i64> {
    let f = &report.template.text_facts.facts[fact];
    let values = &report.tables[f.table];
    let cells = f.cells.iter().map(|&c| values[c as usize]);
    if cells.clone().all(|v| v.is_none()) {
        return None;
    }
    i64::try_from(cells.map(|v| i128::from(v.unwrap_or(0))).sum::<i128>()).ok()
}

/// A warning for every number a text states that its table contradicts.
pub fn check_texts(report: &Report, out: &mut Vec<Finding>) {
    let template = &report.template;
    for (section, text) in report.texts.iter().enumerate() {
        for s in statements(template, section, text) {
            let Some(actual) = table_value(report, s.fact) else {
                continue;
            };
            if actual == s.stated {
                continue;
            }
            let fact = &template.text_facts.facts[s.fact];
            let (from, to) = sentence_around(text, s.start, s.end);
            out.push(Finding {
                severity: fact.severity,
                what: What::TextVsTable {
                    fact: s.fact as u32,
                    start: s.start,
                    end: s.end,
                    quote: slice(text, s.start, s.end),
                    sentence_start: from,
                    sentence: slice(text, from, to),
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
