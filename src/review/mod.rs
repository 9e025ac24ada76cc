//! The reviewer's desk: many reports, each reduced to what a reviewer lists (agency, year, what
//! is wrong, a hash of its content), the reviewer's marks and notes beside them
//! (`nianbao-review.toml`), and the assessment table made of both. Only summaries are kept, never
//! the reports, so a folder of 100,000 reports takes no more memory than one of 100.

pub mod export;
pub mod intern;
pub mod marks;
pub mod queue;
pub mod sample;

use crate::i18n::review as msg;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use crate::batch::inputs::Entry;
use crate::batch::progress::Progress;
use crate::batch::{self, Outcome, Prev, Status, parallel};
use crate::i18n::Lang;
use crate::store::previous::PrevCache;
use crate::template::schema::StructureKind;
use crate::template::{Registry, Template};

/// What the queue and the assessment table keep of one report: one stays for every report of the
/// folder, so it is kept small — texts boxed without spare room, the template's id and the list of
/// rules broken shared by every report that names them ([`intern`]), the content hash a number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// The file, as given or found in a folder.
    pub path: Box<Path>,
    pub agency: Box<str>,
    pub year: Option<i32>,
    /// The template's id; empty for a file that cannot be read.
    pub template: &'static str,
    pub status: Status,
    pub errors: u32,
    pub warnings: u32,
    /// The rules broken (their ids), each once, in the order first broken.
    pub rules: &'static [&'static str],
    /// The content hash of the file as read ([`content_hash`]), of its bytes when they are not a
    /// report (so a reviewed mark on it holds until they change); `None` when no byte can be read.
    pub hash: Option<u64>,
    /// Why the file cannot be read: its first problem.
    pub problem: Option<Box<str>>,
    /// A recovery file stands beside it: an editor ended with edits it did not save, so the file
    /// may not be what its writer meant to hand in.
    pub unsaved: bool,
}

/// A hash of a file's content, to tell whether a report changed since the reviewer marked it —
/// by what it holds, not by its time, which a copy or a checkout changes. The fingerprint the
/// editor tells a changed file by (FNV-1a, 64 bits); the marks file writes it as
/// [`hash_text`] says.
pub fn content_hash(text: &str) -> u64 {
    crate::store::recovery::fnv1a64(text.as_bytes())
}

/// How the marks file writes a content hash, naming what it is: `fnv1a64:` and 16 hex digits.
pub fn hash_text(hash: u64) -> String {
    format!("fnv1a64:{hash:016x}")
}

/// A content hash as the marks file writes it; `None` for any other text (a hash of another
/// kind), which then matches no content.
pub fn parse_hash(text: &str) -> Option<u64> {
    let hex = text.strip_prefix("fnv1a64:")?;
    if hex.len() != 16 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u64::from_str_radix(hex, 16).ok()
}

/// Whether an editor left a recovery file beside `path`.
fn has_unsaved_edits(path: &Path) -> bool {
    crate::store::recovery::recovery_path(path).exists()
}

impl Summary {
    /// A summary of one checked (or unreadable) file.
    pub fn of(path: &Path, outcome: &Outcome, lang: Lang) -> Summary {
        match outcome {
            Outcome::Unreadable(e) => {
                // Read again only for a file that failed: a reviewer may mark it (a report to
                // send back), and the mark must stay until the file's bytes change.
                let bytes = crate::read::read_bytes(path, crate::read::REPORT_LIMIT).ok();
                let (agency, year) = bytes
                    .as_deref()
                    .filter(|_| !crate::store::published::is_published(path))
                    .map(named_in_unreadable)
                    .unwrap_or_default();
                Summary {
                    path: path.into(),
                    agency: agency.into_boxed_str(),
                    year,
                    template: "",
                    status: Status::Unreadable,
                    errors: 0,
                    warnings: 0,
                    rules: &[],
                    hash: bytes.map(|bytes| crate::store::recovery::fnv1a64(&bytes)),
                    unsaved: has_unsaved_edits(path),
                    problem: Some(
                        e.diagnostics
                            .first()
                            .map(|d| d.text(lang))
                            .unwrap_or_default()
                            .into_boxed_str(),
                    ),
                }
            }
            Outcome::Checked {
                report,
                findings,
                text,
                ..
            } => {
                let (errors, warnings) = batch::counts(findings);
                let mut rules: Vec<&'static str> = Vec::new();
                for f in findings {
                    let id = intern::intern(f.rule_id(&report.template));
                    if !rules.contains(&id) {
                        rules.push(id);
                    }
                }
                Summary {
                    path: path.into(),
                    agency: report.agency.as_str().into(),
                    year: report.year,
                    template: intern::intern(&report.template.id),
                    status: outcome.status(),
                    errors: errors as u32,
                    warnings: warnings as u32,
                    rules: intern::intern_list(&rules),
                    hash: Some(content_hash(text)),
                    problem: None,
                    unsaved: has_unsaved_edits(path),
                }
            }
        }
    }
}

/// The body and year a report file that cannot be read still names on its own lines before its
/// first table (`agency = "…"`, `year = 2024`): one bad value further down (a negative count)
/// left its row of the assessment table without them, sorted away from its body.
fn named_in_unreadable(bytes: &[u8]) -> (String, Option<i32>) {
    let text = String::from_utf8_lossy(bytes);
    let (mut agency, mut year) = (String::new(), None);
    for line in text
        .lines()
        .take_while(|l| !l.trim_start().starts_with('['))
    {
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let Ok(value) = value.trim().parse::<toml_edit::Value>() else {
            continue;
        };
        match (key.trim(), value) {
            ("agency", toml_edit::Value::String(s)) => agency = s.value().trim().to_string(),
            ("year", toml_edit::Value::Integer(y)) => {
                year = i32::try_from(*y.value())
                    .ok()
                    .filter(|y| (1990..=2100).contains(y))
            }
            _ => {}
        }
    }
    (agency, year)
}

/// Every input checked as `check` checks it (its `previous` included), on every core, reduced to
/// summaries in the order given; `rule_names` gathers what each broken rule is called. A count
/// shows on standard error while it runs, when that is a terminal.
pub fn summarize(
    registry: &Registry,
    files: impl Iterator<Item = Entry>,
    lang: Lang,
) -> (Vec<Summary>, RuleNames) {
    summarize_with(registry, files, Progress::new(lang), lang)
}

/// As [`summarize`], showing no count: under the queue's screen, where standard error is.
pub fn summarize_quietly(
    registry: &Registry,
    files: impl Iterator<Item = Entry>,
    lang: Lang,
) -> (Vec<Summary>, RuleNames) {
    summarize_with(registry, files, Progress::with(false, lang), lang)
}

fn summarize_with(
    registry: &Registry,
    files: impl Iterator<Item = Entry>,
    mut progress: Progress,
    lang: Lang,
) -> (Vec<Summary>, RuleNames) {
    let mut workers: Vec<(Registry, PrevCache)> = (0..parallel::workers(usize::MAX))
        .map(|_| (registry.clone(), PrevCache::default()))
        .collect();
    let mut summaries = Vec::new();
    let mut names = RuleNames::default();
    // The queue keeps copies made on this thread: a summary kept where a worker made it, among
    // the pieces of the reports read and freed there, held that heap open (100,000 reports of
    // distinct agencies peaked at 56-71 MB, 32 MB so).
    parallel::in_order(
        files,
        &mut workers,
        |entry, (registry, cache)| summarize_entry(entry, registry, cache, lang),
        |(summary, template)| {
            if let Some(t) = template {
                names.learn(t, summary.rules);
            }
            summaries.push(summary.clone());
            progress.tick();
            true
        },
    );
    progress.clear();
    (summaries, names)
}

/// Reads and checks one input, on a worker, and sums it up with its template's id.
fn summarize_entry(
    entry: &Entry,
    registry: &mut Registry,
    cache: &mut PrevCache,
    lang: Lang,
) -> (Summary, Option<Arc<Template>>) {
    match entry {
        Ok(path) => {
            let outcome = batch::check_file(path, Prev::Named, registry, cache);
            let template = match &outcome {
                Outcome::Checked { report, .. } => Some(report.template.clone()),
                Outcome::Unreadable(_) => None,
            };
            (Summary::of(path, &outcome, lang), template)
        }
        Err(e) => (
            Summary::of(Path::new(&e.path), &Outcome::Unreadable(e.clone()), lang),
            None,
        ),
    }
}

/// Checks one file again (after it was edited from the queue).
pub fn summarize_one(
    path: &Path,
    registry: &mut Registry,
    names: &mut RuleNames,
    lang: Lang,
) -> Summary {
    let outcome = batch::check_file(path, Prev::Named, registry, &mut PrevCache::default());
    if let Outcome::Checked { report, .. } = &outcome {
        let summary = Summary::of(path, &outcome, lang);
        names.learn(&report.template, summary.rules);
        return summary;
    }
    Summary::of(path, &outcome, lang)
}

/// A structure check's short name, by its kind: the template's message for it is a sentence, too
/// long for the chart.
fn structure_name(kind: StructureKind) -> fn(Lang) -> &'static str {
    match kind {
        StructureKind::Metadata => msg::structure_metadata,
        StructureKind::TitleYear => msg::structure_title_year,
        StructureKind::TextYear => msg::structure_text_year,
        StructureKind::PreviousYear => msg::structure_previous_year,
        StructureKind::EmptySections => msg::structure_empty_sections,
        StructureKind::PlaceholderText => msg::structure_placeholder,
        StructureKind::Mention => msg::structure_mention,
        StructureKind::RepeatsPrevious => msg::structure_repeats,
    }
}

/// What each broken rule is called, in both languages, as its template names it: the chart's
/// labels. A rule of a table has a short name (上年结转), a structure check the name of its kind;
/// other checks go by their id.
#[derive(Clone, Debug, Default)]
pub struct RuleNames {
    names: HashMap<&'static str, (String, String)>,
}

impl RuleNames {
    fn learn(&mut self, template: &Template, rules: &[&'static str]) {
        for &id in rules {
            if self.names.contains_key(id) {
                continue;
            }
            let named = template
                .tables
                .iter()
                .flat_map(|t| t.rules.iter())
                .find(|r| r.id == id)
                .map(|r| (r.name.zh.clone(), r.name.en.clone()))
                .or_else(|| {
                    let check = template.structure.iter().find(|s| s.id == id)?;
                    let name = structure_name(check.kind);
                    Some((name(Lang::Zh).to_string(), name(Lang::En).to_string()))
                });
            if let Some(names) = named {
                self.names.insert(id, names);
            }
        }
    }

    /// The rule's name in the language, or its id.
    pub fn get<'a>(&'a self, id: &'a str, lang: Lang) -> &'a str {
        match (self.names.get(id), id) {
            (Some((zh, en)), _) => lang.pick(zh, en),
            // The checks every template has, named as the editor names them.
            (None, "text-vs-table") => msg::rule_text_vs_table(lang),
            (None, "empty-cells") => msg::rule_empty_cells(lang),
            (None, "previous-unreadable") => msg::rule_previous_unreadable(lang),
            (None, "previous-agency") => msg::rule_previous_agency(lang),
            (None, "import") => msg::rule_import(lang),
            (None, "superseded-format") => msg::rule_superseded_format(lang),
            (None, _) => id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_hash_is_fnv1a_and_tells_edits_apart() {
        // The published FNV-1a test vectors: the empty string and "a".
        assert_eq!(hash_text(content_hash("")), "fnv1a64:cbf29ce484222325");
        assert_eq!(hash_text(content_hash("a")), "fnv1a64:af63dc4c8601ec8c");
        assert_eq!(hash_text(0x1f), "fnv1a64:000000000000001f");
        assert_ne!(content_hash("x = 1\n"), content_hash("x = 2\n"));
    }

    #[test]
    fn a_hash_reads_back_as_the_marks_file_writes_it() {
        for hash in [0, 0x1f, 0xaf63_dc4c_8601_ec8c, u64::MAX] {
            assert_eq!(parse_hash(&hash_text(hash)), Some(hash));
        }
        for other in [
            "",
            "fnv1a64:",
            "fnv1a64:xyz",
            "sha256:00",
            "af63dc4c8601ec8c",
        ] {
            assert_eq!(parse_hash(other), None, "{other}");
        }
    }
}
