//! Structure checks (the template's `[[structure]]`): the report as a whole — its year against its
//! title, its texts and last year's report; sections left empty or holding only 无; a fee the text
//! does not explain; a text mostly copied from last year. Each finding is a warning.
//!
//! What depends on a text's length (the years it names, the words it holds, how much of it last
//! year's report already had) is kept per section in a [`Cache`], so an editor that re-checks
//! after every cell it changes reads a text again only when the text changed.

use std::collections::HashSet;

use super::{Finding, PrevValues, What};
use crate::report::Report;
use crate::template::Template;
use crate::template::schema::StructureKind;
use crate::template::structure::{StructureCheck, bare};

/// What a structure finding found, for its message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Detail {
    /// Which of agency, title and year are missing.
    Missing {
        agency: bool,
        title: bool,
        year: bool,
    },
    /// The year the title names.
    TitleYear {
        title: i32,
    },
    /// The year the section speaks of most, and how often.
    TextYear {
        said: i32,
        times: usize,
    },
    /// Last year's report's year (`None`: it has none).
    PreviousYear {
        previous: Option<i32>,
    },
    EmptySection,
    /// The placeholder the section holds, as written.
    Placeholder {
        text: String,
    },
    /// A cell above 0 that the section does not explain.
    Unmentioned {
        value: i64,
    },
    /// The share of the text last year's report already had, in percent, and the limit.
    Repeated {
        percent: u32,
        above: u32,
    },
}

impl Detail {
    /// Whether the finding is about the report as a whole rather than one section.
    pub fn is_about_the_whole_report(&self) -> bool {
        matches!(
            self,
            Detail::Missing { .. }
                | Detail::TitleYear { .. }
                | Detail::PreviousYear { .. }
                | Detail::Repeated { .. }
        )
    }
}

/// The years a text names (`2024年`, `２０２４年度`), each with how many times, in order of first
/// mention.
pub fn years_in(text: &str) -> Vec<(i32, usize)> {
    let digit = |c: char| {
        c.to_digit(10)
            .or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<(i32, usize)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..]
            .iter()
            .take_while(|&&c| digit(c).is_some())
            .count();
        if run == 0 {
            i += 1;
            continue;
        }
        if run == 4 && chars.get(i + 4) == Some(&'年') {
            let year = chars[i..i + 4]
                .iter()
                .fold(0, |y, &c| y * 10 + digit(c).unwrap_or(0) as i32);
            if (1900..2200).contains(&year) {
                match out.iter_mut().find(|(y, _)| *y == year) {
                    Some((_, n)) => *n += 1,
                    None => out.push((year, 1)),
                }
            }
        }
        i += run;
    }
    out
}

/// How many characters long a run must be to count as copied: long enough that a common phrase
/// (政府信息公开) alone is not, short enough that a sentence with one number changed still is,
/// mostly.
const SHINGLE: usize = 8;

/// The characters of a text that matter for comparing it: spaces and line breaks are left out.
fn comparable(text: &str) -> Vec<u32> {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c as u32)
        .collect()
}

/// Rolling hashes of every run of [`SHINGLE`] characters, in linear time.
fn shingles(chars: &[u32]) -> impl Iterator<Item = u64> + '_ {
    const BASE: u64 = 0x100_0000_01b3;
    let high = (0..SHINGLE - 1).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut hash = 0u64;
    chars.iter().enumerate().filter_map(move |(i, &c)| {
        if i >= SHINGLE {
            hash = hash.wrapping_sub(u64::from(chars[i - SHINGLE]).wrapping_mul(high));
        }
        hash = hash.wrapping_mul(BASE).wrapping_add(u64::from(c));
        (i + 1 >= SHINGLE).then_some(hash)
    })
}

/// The shingles are hashes already: a set of them needs only their bits mixed (so the low bits,
/// which a rolling hash leaves poorly spread, pick buckets well), not SipHash's defence against
/// chosen keys, which cost about a fifth of checking a report in a batch (callgrind).
type Mixed = std::hash::BuildHasherDefault<Mix>;

#[derive(Default)]
struct Mix(u64);

impl std::hash::Hasher for Mix {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(self.0 ^ u64::from(b));
        }
    }

    fn write_u64(&mut self, x: u64) {
        // The finaliser of splitmix64.
        let mut z = x ^ self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        self.0 = z ^ (z >> 31);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Last year's text of a section as the likeness check reads it: the hash of every run of
/// [`SHINGLE`] characters (none when it is shorter). Made once per last year's report: the
/// reports of a folder that name the same one are all compared with it.
pub struct Shingles(HashSet<u64, Mixed>);

impl Shingles {
    pub fn of(previous: &str) -> Shingles {
        let before = comparable(previous);
        let mut known = HashSet::with_capacity_and_hasher(before.len(), Mixed::default());
        known.extend(shingles(&before));
        Shingles(known)
    }
}

/// How many characters of `text` (spaces left out) lie in a run of [`SHINGLE`] characters that
/// `previous` has too, and how many there are.
pub fn coverage(text: &str, previous: &str) -> (usize, usize) {
    coverage_in(text, &Shingles::of(previous))
}

/// [`coverage`], last year's text read already.
fn coverage_in(text: &str, known: &Shingles) -> (usize, usize) {
    let now = comparable(text);
    if now.len() < SHINGLE || known.0.is_empty() {
        return (0, now.len());
    }
    let known = &known.0;
    let (mut covered, mut until) = (0, 0);
    for (i, hash) in shingles(&now).enumerate() {
        if known.contains(&hash) {
            let end = i + SHINGLE;
            covered += end - until.max(i);
            until = end;
        }
    }
    (covered, now.len())
}

/// A text below this many characters is too short for its likeness to last year's to mean much.
const LEAST_COMPARED: usize = 100;

/// What the checks found in one section's text, kept until the text (or last year's) changes.
struct Seen {
    text: String,
    years: Vec<(i32, usize)>,
    /// Words looked for, and whether the text holds them.
    words: Vec<(String, bool)>,
    /// Last year's text compared with, and the coverage found.
    against: Option<(String, (usize, usize))>,
}

#[derive(Default)]
pub struct Cache {
    sections: Vec<Option<Seen>>,
}

impl Cache {
    fn seen(&mut self, section: usize, text: &str) -> &mut Seen {
        if self.sections.len() <= section {
            self.sections.resize_with(section + 1, || None);
        }
        let slot = &mut self.sections[section];
        if slot.as_ref().is_none_or(|s| s.text != text) {
            *slot = Some(Seen {
                text: text.to_string(),
                years: years_in(text),
                words: Vec::new(),
                against: None,
            });
        }
        slot.as_mut().expect("just filled")
    }

    fn holds(&mut self, section: usize, text: &str, word: &str) -> bool {
        let seen = self.seen(section, text);
        if let Some((_, held)) = seen.words.iter().find(|(w, _)| w == word) {
            return *held;
        }
        let held = text.contains(word);
        seen.words.push((word.to_string(), held));
        held
    }

    fn coverage(
        &mut self,
        section: usize,
        text: &str,
        previous: &str,
        known: &Shingles,
    ) -> (usize, usize) {
        let seen = self.seen(section, text);
        match &seen.against {
            Some((p, found)) if p == previous => *found,
            _ => {
                let found = coverage_in(text, known);
                seen.against = Some((previous.to_string(), found));
                found
            }
        }
    }
}

fn finding(check: usize, detail: Detail, section: usize) -> Finding {
    let what = What::Structure {
        check: check as u32,
        detail,
    };
    Finding {
        section,
        ..Finding::report_warning(what)
    }
}

/// Every structure finding of a report.
pub fn check(
    report: &Report,
    prev: Option<&PrevValues>,
    cache: &mut Cache,
    out: &mut Vec<Finding>,
) {
    let template = &report.template;
    for (i, c) in template.structure.iter().enumerate() {
        match c.kind {
            StructureKind::Metadata => {
                let detail = Detail::Missing {
                    agency: report.agency.trim().is_empty(),
                    title: report.title.trim().is_empty(),
                    year: report.year.is_none(),
                };
                if detail
                    != (Detail::Missing {
                        agency: false,
                        title: false,
                        year: false,
                    })
                {
                    out.push(finding(i, detail, 0));
                }
            }
            StructureKind::TitleYear => {
                let years = years_in(&report.title);
                if let (Some(year), Some(&(title, _))) = (report.year, years.first())
                    && !years.iter().any(|(y, _)| *y == year)
                {
                    let mut f = finding(i, Detail::TitleYear { title }, 0);
                    (f.actual, f.expected) = (Some(title.into()), Some(year.into()));
                    out.push(f);
                }
            }
            StructureKind::TextYear => text_year(report, i, c, cache, out),
            StructureKind::PreviousYear => {
                if let (Some(year), Some(prev)) = (report.year, prev)
                    && prev.year != Some(year - 1)
                {
                    let mut f = finding(
                        i,
                        Detail::PreviousYear {
                            previous: prev.year,
                        },
                        0,
                    );
                    (f.actual, f.expected) = (prev.year.map(i64::from), Some(i64::from(year - 1)));
                    out.push(f);
                }
            }
            StructureKind::EmptySections => {
                for &s in &c.sections {
                    if is_empty(report, s) {
                        out.push(finding(i, Detail::EmptySection, s));
                    }
                }
            }
            StructureKind::PlaceholderText => {
                for &s in &c.sections {
                    let text = &report.texts[s];
                    // A placeholder is a word or two: a long text is not one, and is not read.
                    if text.len() <= 64 && c.placeholders.contains(&bare(text)) {
                        let detail = Detail::Placeholder {
                            text: text.trim().to_string(),
                        };
                        out.push(finding(i, detail, s));
                    }
                }
            }
            StructureKind::Mention => mention(report, i, c, cache, out),
            StructureKind::RepeatsPrevious => {
                if let Some(prev) = prev {
                    repeats(report, prev, i, c, cache, out);
                }
            }
        }
    }
}

fn is_empty(report: &Report, section: usize) -> bool {
    let s = &report.template.sections[section];
    if s.is_text() {
        return report.texts[section].trim().is_empty();
    }
    report.tables[s.tables.clone()]
        .iter()
        .all(|cells| cells.iter().all(Option::is_none))
}

fn text_year(
    report: &Report,
    i: usize,
    c: &StructureCheck,
    cache: &mut Cache,
    out: &mut Vec<Finding>,
) {
    let Some(year) = report.year else { return };
    for &s in &c.sections {
        let seen = cache.seen(s, &report.texts[s]);
        let own = seen
            .years
            .iter()
            .find(|(y, _)| *y == year)
            .map_or(0, |(_, n)| *n);
        // The year named most, the first named between equals.
        let Some(&(said, times)) = seen.years.iter().rev().max_by_key(|(_, n)| *n) else {
            continue;
        };
        if said != year && times > own {
            let mut f = finding(i, Detail::TextYear { said, times }, s);
            (f.actual, f.expected) = (Some(said.into()), Some(year.into()));
            out.push(f);
        }
    }
}

fn mention(
    report: &Report,
    i: usize,
    c: &StructureCheck,
    cache: &mut Cache,
    out: &mut Vec<Finding>,
) {
    let template: &Template = &report.template;
    let above_zero = c.when.iter().find_map(|(t, cells)| {
        let value: i64 = cells
            .iter()
            .filter_map(|&cell| report.tables[*t][cell])
            .sum();
        (value > 0).then_some((*t, cells, value))
    });
    let Some((table, cells, value)) = above_zero else {
        return;
    };
    for &s in &c.sections {
        if c.words.iter().any(|w| cache.holds(s, &report.texts[s], w)) {
            continue;
        }
        let t = &template.tables[table];
        let mut f = finding(i, Detail::Unmentioned { value }, s);
        f.table = Some(table);
        if let [cell] = cells[..] {
            let (row, column) = t.row_column(cell);
            (f.row, f.column) = (Some(row), Some(column));
            f.kind = t.columns[column].kind;
        }
        f.actual = Some(value);
        out.push(f);
    }
}

fn repeats(
    report: &Report,
    prev: &PrevValues,
    i: usize,
    c: &StructureCheck,
    cache: &mut Cache,
    out: &mut Vec<Finding>,
) {
    let (mut covered, mut total) = (0, 0);
    for &s in &c.sections {
        let text = &report.texts[s];
        if text.is_empty() {
            continue;
        }
        let (k, n) = match prev.text(s) {
            Some((previous, known)) => cache.coverage(s, text, previous, known),
            None => (0, comparable(text).len()),
        };
        covered += k;
        total += n;
    }
    if total < LEAST_COMPARED {
        return;
    }
    let percent = (covered * 100 / total) as u32;
    if percent > c.above {
        let mut f = finding(
            i,
            Detail::Repeated {
                percent,
                above: c.above,
            },
            0,
        );
        (f.actual, f.expected) = (Some(percent.into()), Some(c.above.into()));
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_four_digits_before_nian() {
        assert_eq!(
            years_in(
                "2024年，我局……与2023年相比；２０２４年度；12024年；202年；2024-2025年；1850年"
            ),
            [(2024, 2), (2023, 1), (2025, 1)]
        );
        assert!(years_in("共收到申请2024件").is_empty());
    }

    #[test]
    fn coverage_counts_the_characters_in_runs_last_year_had() {
        let last = "全年通过门户网站、政务新媒体等渠道主动公开各类政府信息。";
        assert_eq!(coverage(last, last), (28, 28));
        let (k, n) = coverage(
            "全年通过门户网站主动公开信息。另有全新的一句话说明情况。",
            last,
        );
        assert_eq!(n, 28);
        assert_eq!(k, 8, "only 全年通过门户网站 is last year's");
        assert_eq!(coverage("短", last), (0, 1));
        // Spaces and line breaks do not hide a copy.
        let spaced = "全年通过 门户网站、\n政务新媒体等渠道主动公开各类政府信息。";
        assert_eq!(coverage(spaced, last), (28, 28));
    }
}
