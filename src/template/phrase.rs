//! Phrase patterns: how a template says which sentences state a number, without regular
//! expressions a report writer could not read. `收到…申请{共|}{N}{件|份}` reads "收到, a few words,
//! 申请, maybe 共, a number, then 件 or 份".
//!
//! - plain text must appear as written; spaces in the report between the parts are ignored;
//! - `{a|b}` is one of the alternatives, `{a|}` makes `a` optional;
//! - `…` is a few words within the clause: at most 24 characters, no digits, no ，。；！？;
//! - `……` is words within the sentence: at most 60 characters, commas and numbers allowed;
//! - `{N}` is the number stated: `77`, `1,286`, `７７`, `七十七`, `两`, `18.8710`;
//! - `{=0}` says the phrase states that number without writing it ("均获维持" states 0).
//!
//! Matching works on `char`s, so offsets are character offsets, never byte offsets.

use crate::i18n::template::{Problem, TemplateMessage, Within};
use crate::numerals;

const SHORT_GAP: usize = 24;
const LONG_GAP: usize = 60;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Item {
    /// One of these texts (an empty one makes the item optional).
    Text(Vec<Vec<char>>),
    Gap {
        max: usize,
        crosses_clauses: bool,
    },
    Number,
}

/// A compiled phrase pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    items: Vec<Item>,
    /// The value the phrase states without writing it (`{=0}`), if it does.
    pub constant: Option<i64>,
}

/// Where a phrase was found in a text, in characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    /// The number's place and its value as plain ASCII digits (`"12"` for `十二`).
    pub number: Option<(usize, usize, String)>,
    /// How many characters of the phrase's own text matched: more means more specific.
    pub literal: usize,
    /// The characters the gaps skipped over, which must not hold a guard word.
    pub gaps: Vec<(usize, usize)>,
}

/// Ends a sentence: a long gap stops here.
pub fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?' | '\n')
}

/// Ends a clause: a short gap stops here.
pub fn ends_clause(c: char) -> bool {
    ends_sentence(c) || matches!(c, '，' | ',')
}

fn is_space(c: char) -> bool {
    c != '\n' && (c.is_whitespace() || c == '\u{3000}')
}

impl Phrase {
    pub fn parse(source: &str) -> Result<Phrase, TemplateMessage> {
        let fail = |p: Problem| TemplateMessage::from(p).within(Within::Phrase(source.to_string()));
        let chars: Vec<char> = source.chars().collect();
        let mut items = Vec::new();
        let mut constant = None;
        let mut numbers = 0;
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                '{' => {
                    let close = chars[i..]
                        .iter()
                        .position(|&c| c == '}')
                        .ok_or_else(|| fail(Problem::PhraseNotClosed))?;
                    let inner: String = chars[i + 1..i + close].iter().collect();
                    i += close + 1;
                    if inner == "N" {
                        items.push(Item::Number);
                        numbers += 1;
                    } else if let Some(value) = inner.strip_prefix('=') {
                        let v = value
                            .trim()
                            .parse::<i64>()
                            .map_err(|_| fail(Problem::PhraseNotWhole(value.to_string())))?;
                        constant = Some(v);
                        numbers += 1;
                    } else {
                        items.push(Item::Text(
                            inner.split('|').map(|a| a.chars().collect()).collect(),
                        ));
                    }
                }
                '…' => {
                    let long = chars.get(i + 1) == Some(&'…');
                    i += if long { 2 } else { 1 };
                    items.push(Item::Gap {
                        max: if long { LONG_GAP } else { SHORT_GAP },
                        crosses_clauses: long,
                    });
                }
                '}' | '|' => {
                    return Err(fail(Problem::PhraseOutside(chars[i])));
                }
                c => {
                    match items.last_mut() {
                        Some(Item::Text(alts)) if alts.len() == 1 => alts[0].push(c),
                        _ => items.push(Item::Text(vec![vec![c]])),
                    }
                    i += 1;
                }
            }
        }
        if numbers != 1 {
            return Err(fail(Problem::PhraseNumbers));
        }
        match items.first() {
            Some(Item::Text(alts)) if alts.iter().all(|a| !a.is_empty()) => {}
            Some(Item::Number) => {}
            _ => {
                return Err(fail(Problem::PhraseStart));
            }
        }
        Ok(Phrase { items, constant })
    }

    /// The characters a match can begin with, or `None` when it begins with a number.
    pub fn first_chars(&self) -> Option<Vec<char>> {
        match self.items.first() {
            Some(Item::Text(alts)) => {
                let mut firsts: Vec<char> =
                    alts.iter().filter_map(|a| a.first().copied()).collect();
                firsts.sort_unstable();
                firsts.dedup();
                Some(firsts)
            }
            _ => None,
        }
    }

    /// The shortest match starting at `start`, if any.
    pub fn match_at(&self, text: &[char], start: usize) -> Option<Found> {
        let mut found = Found {
            start,
            end: start,
            number: None,
            literal: 0,
            gaps: Vec::new(),
        };
        self.step(text, 0, start, &mut found).then_some(found)
    }

    fn step(&self, text: &[char], item: usize, mut pos: usize, found: &mut Found) -> bool {
        let Some(current) = self.items.get(item) else {
            found.end = pos;
            return true;
        };
        if item > 0 {
            while pos < text.len() && is_space(text[pos]) {
                pos += 1;
            }
        }
        match current {
            Item::Text(alts) => {
                for alt in alts {
                    if text[pos..].starts_with(alt) {
                        found.literal += alt.len();
                        if self.step(text, item + 1, pos + alt.len(), found) {
                            return true;
                        }
                        found.literal -= alt.len();
                    }
                }
                false
            }
            Item::Gap {
                max,
                crosses_clauses,
            } => {
                for len in 0..=*max {
                    if len > 0 {
                        let Some(&c) = text.get(pos + len - 1) else {
                            return false;
                        };
                        let stops = if *crosses_clauses {
                            ends_sentence(c)
                        } else {
                            ends_clause(c) || numerals::is_digit(c)
                        };
                        if stops {
                            return false;
                        }
                    }
                    found.gaps.push((pos, pos + len));
                    if self.step(text, item + 1, pos + len, found) {
                        return true;
                    }
                    found.gaps.pop();
                }
                false
            }
            Item::Number => {
                let Some((end, value)) = numerals::read(text, pos) else {
                    return false;
                };
                found.number = Some((pos, end, value));
                if self.step(text, item + 1, end, found) {
                    return true;
                }
                found.number = None;
                false
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(pattern: &str, text: &str) -> Option<(String, Option<String>)> {
        let phrase = Phrase::parse(pattern).unwrap();
        let chars: Vec<char> = text.chars().collect();
        (0..chars.len()).find_map(|start| {
            let f = phrase.match_at(&chars, start)?;
            let quote = chars[f.start..f.end].iter().collect();
            Some((quote, f.number.map(|n| n.2)))
        })
    }

    #[test]
    fn a_phrase_finds_the_first_number_after_its_words() {
        let p = "收到…申请{共|共计|}{N}{件|份}";
        assert_eq!(
            find(p, "全年共收到政府信息公开申请77件，上年结转5件。"),
            Some(("收到政府信息公开申请77件".into(), Some("77".into())))
        );
        assert_eq!(
            find(p, "收到依申请公开申请共计 1,286 份"),
            Some((
                "收到依申请公开申请共计 1,286 份".into(),
                Some("1286".into())
            ))
        );
        assert_eq!(
            find(p, "共收到申请十二件"),
            Some(("收到申请十二件".into(), Some("12".into())))
        );
        // The number must follow in the same clause, with its unit.
        assert_eq!(find(p, "收到政府信息公开申请，其中自然人申请60件"), None);
        assert_eq!(find(p, "收到申请数量同比下降12%"), None);
    }

    #[test]
    fn gaps_stop_at_digits_and_clauses_but_long_gaps_cross_commas() {
        assert_eq!(
            find("予以公开…{N}件", "予以公开2件，部分公开3件")
                .unwrap()
                .1,
            Some("2".into())
        );
        let upheld = "行政复议……均{获|予|被|}维持{=0}";
        assert_eq!(
            find(upheld, "信息公开类行政复议7件，诉讼9件，均获维持。"),
            Some(("行政复议7件，诉讼9件，均获维持".into(), None))
        );
        assert_eq!(find(upheld, "行政复议7件。诉讼9件，均获维持。"), None);
    }

    #[test]
    fn bad_patterns_are_refused() {
        assert!(Phrase::parse("收到申请").is_err());
        assert!(Phrase::parse("{N}件{N}份").is_err());
        assert!(Phrase::parse("…申请{N}").is_err());
        assert!(Phrase::parse("{收到|}申请{N}").is_err());
        assert!(Phrase::parse("申请{N").is_err());
        assert!(Phrase::parse("申请|{N}").is_err());
        assert!(Phrase::parse("均获维持{=x}").is_err());
        assert_eq!(Phrase::parse("均获维持{=0}").unwrap().constant, Some(0));
    }
}
