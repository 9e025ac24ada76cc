//! `nianbao sum FILE... -o OUT.toml`: a county's total from its departments' reports.
//!
//! Inputs are checked as `check` checks them (with their last year's report) on every core, and
//! each is added and dropped as it comes, so memory stays flat however many files there are.
//! Every input that cannot be added is named in one run: one that cannot be read, one of another
//! template or year than most, the output itself, one that would make a total too large. A file
//! given twice is said so and counted once. Exit 0 when the total is written and every input keeps the rules; 1 when it is
//! written but some inputs break rules (listed on stderr with their error counts, and added as
//! they are) or were left out with `--skip-bad`; 2 when nothing is written.
//!
//! The output's texts are left empty for the county to write, and its first comments carry the
//! mark of a total ([`crate::sum::is_total`]). When OUT already exists and has the mark (a total
//! made before, perhaps with its texts written since), only its numbers are replaced, in place:
//! its texts, comments and layout stay. Any other existing file is refused before an input is
//! read, as `export -o` refuses one, unless `--force`: then a new total is written over it.

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use super::check::load_error_lines;
use super::{Failure, load};
use crate::batch::inputs::Entry;
use crate::batch::{self, Outcome, Prev, parallel, progress::Progress};
use crate::describe;
use crate::i18n::Lang;
use crate::i18n::sum as msg;
use crate::report::Report;
use crate::store::{self, atomic::write_atomic, previous::PrevCache};
use crate::sum::{ByKind, Kind, SumError};
use crate::template::Registry;
use crate::visible::visible;

/// Options of the output report.
pub struct Output<'a> {
    pub path: &'a Path,
    pub agency: Option<String>,
    pub title: Option<String>,
    /// Add up the good inputs and list the others, rather than write nothing.
    pub skip_bad: bool,
    /// Write a new total over OUT even when it exists and is not a total.
    pub force: bool,
}

/// Whether OUT is a total to update in place (`true`) or a file to write anew (`false`); an
/// existing file without the mark of a total is refused unless `force`, so a department's report
/// named by mistake keeps its numbers.
fn update_in_place(path: &Path, force: bool, lang: Lang) -> Result<bool, Failure> {
    // `-o /dev/null` (a trial run), or a pipe: written into, never a total to update.
    if crate::store::atomic::is_device_or_pipe(path) {
        return Ok(false);
    }
    let marked = match crate::read::read_bytes(path, crate::read::REPORT_LIMIT) {
        Ok(bytes) => crate::sum::is_total(&String::from_utf8_lossy(&bytes)),
        // A dangling symlink is there all the same: writing would create what it points to.
        Err(e) if e.is_not_found() && std::fs::symlink_metadata(path).is_err() => return Ok(false),
        Err(_) => false,
    };
    match (marked, force) {
        (true, _) => Ok(true),
        (false, true) => Ok(false),
        (false, false) => Err(Failure(msg::not_a_total(&shown(path), lang))),
    }
}

fn shown(path: &Path) -> String {
    visible(&path.display().to_string()).into_owned()
}

/// What a worker found about one input.
struct Checked {
    name: String,
    identity: Option<(u64, u64)>,
    outcome: Outcome,
}

/// Reads and checks one input, on a worker.
fn check(entry: &Entry, registry: &mut Registry, cache: &mut PrevCache) -> Checked {
    match entry {
        Ok(path) => Checked {
            name: shown(path),
            identity: batch::identity(path),
            outcome: batch::check_file(path, Prev::Named, registry, cache),
        },
        Err(e) => Checked {
            name: visible(&e.path).into_owned(),
            identity: None,
            outcome: Outcome::Unreadable(e.clone()),
        },
    }
}

/// The inputs that cannot be added, said as they are found.
struct Bad {
    count: usize,
}

impl Bad {
    /// Names `inputs` inputs that cannot be added, with the lines that say why.
    fn say(&mut self, progress: &mut Progress, inputs: usize, lines: &[String]) {
        self.count += inputs;
        progress.clear();
        for line in lines {
            eprintln!("{line}");
        }
    }
}

/// How many second reports of one agency are named one by one; the rest are counted.
const MAX_SAME_AGENCY_LINES: usize = 20;

pub fn run(
    registry: &mut Registry,
    files: impl Iterator<Item = Entry>,
    output: Output<'_>,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<u8, Failure> {
    let in_place = update_in_place(output.path, output.force, lang)?;
    let output_identity = batch::identity(output.path);
    let mut seen = HashSet::new();
    // The first input of each agency, to tell of a second report of the same body.
    let mut agencies: std::collections::HashMap<String, String> = Default::default();
    let mut doubled = 0usize;
    let mut by_kind = ByKind::default();
    let mut bad = Bad { count: 0 };
    let mut broken = 0usize;
    let mut progress = Progress::new(lang);
    let mut workers: Vec<(Registry, PrevCache)> = (0..parallel::workers(usize::MAX))
        .map(|_| (registry.clone(), PrevCache::default()))
        .collect();
    let work = |entry: &Entry, (registry, cache): &mut (Registry, PrevCache)| {
        check(entry, registry, cache)
    };
    let mut add = |checked: &Checked| {
        progress.tick();
        let name = &checked.name;
        let report = match &checked.outcome {
            Outcome::Unreadable(e) => {
                bad.say(&mut progress, 1, &load_error_lines(e, lang));
                return;
            }
            Outcome::Checked {
                report, findings, ..
            } => {
                let (errors, _) = batch::counts(findings);
                if errors > 0 {
                    broken += 1;
                    progress.clear();
                    eprintln!("{}", msg::input_has_errors(name, errors, lang));
                }
                report
            }
        };
        if let Some(id) = checked.identity {
            if output_identity == Some(id) {
                bad.say(&mut progress, 1, &[msg::input_is_output(name, lang)]);
                return;
            }
            // The same file named twice (a folder and one of its files, say) is one report:
            // it is counted once and the total is right, so this is a warning, not a refusal.
            if !seen.insert(id) {
                progress.clear();
                eprintln!("{}", msg::given_twice(name, lang));
                return;
            }
        }
        let agency = report.agency.trim();
        if !agency.is_empty() {
            match agencies.get(agency) {
                Some(first) => {
                    doubled += 1;
                    if doubled <= MAX_SAME_AGENCY_LINES {
                        progress.clear();
                        let agency = visible(agency);
                        eprintln!("{}", msg::same_agency(name, &agency, first, lang));
                    }
                }
                None => {
                    agencies.insert(agency.to_string(), name.clone());
                }
            }
        }
        if let Err(SumError::Overflow { table, row, column }) = by_kind.add(report, name) {
            let place = describe::place(&report.template, table, Some(row), Some(column), lang);
            bad.say(
                &mut progress,
                1,
                &[msg::total_too_large(name, &place, lang)],
            );
        }
    };
    parallel::in_order(files, &mut workers, work, |checked| {
        add(checked);
        true
    });
    progress.clear();
    let Some((main, others)) = by_kind.finish() else {
        return Err(Failure(msg::nothing_to_add(lang)));
    };
    let readable = main.count + others.iter().map(|o| o.count).sum::<usize>();
    for other in &others {
        bad.say(
            &mut progress,
            other.count,
            &mismatched(other, &main, readable, lang),
        );
    }
    if bad.count > 0 && !output.skip_bad {
        return Err(Failure(msg::bad_inputs_nothing_written(bad.count, lang)));
    }
    let totals = main.totals;
    let count = totals.count();
    let target = shown(output.path);
    let skipped = bad.count;
    write_output(registry, totals.into_report(), output, in_place, lang)?;
    writeln!(out, "{}", msg::summed(count, &target, lang))?;
    if doubled > MAX_SAME_AGENCY_LINES {
        let more = doubled - MAX_SAME_AGENCY_LINES;
        eprintln!("{}", msg::more_of_same_agency(more, lang));
    }
    if skipped > 0 {
        eprintln!("{}", msg::left_out(skipped, lang));
    }
    if broken > 0 {
        eprintln!("{}", msg::added_although_broken(broken, count, lang));
    }
    Ok(if skipped > 0 || broken > 0 { 1 } else { 0 })
}

/// The inputs of another template or year than most (of the `readable` inputs): each named, the
/// first hundred of them.
fn mismatched(other: &Kind, main: &Kind, readable: usize, lang: Lang) -> Vec<String> {
    let (theirs, ours, n, all) = (
        other.describe(lang),
        main.describe(lang),
        main.count,
        readable,
    );
    let mut lines: Vec<String> = other
        .names
        .iter()
        .map(|name| msg::of_another_kind(name, &theirs, &ours, (n, all), lang))
        .collect();
    let more = other.count - other.names.len();
    if more > 0 {
        lines.push(msg::more_of_another_kind(more, &theirs, lang));
    }
    lines
}

/// Writes the total: a new file (with the mark of a total), or the numbers of an existing total
/// replaced in place.
fn write_output(
    registry: &mut Registry,
    total: Report,
    output: Output<'_>,
    in_place: bool,
    lang: Lang,
) -> Result<(), Failure> {
    let path = output.path;
    let (mut report, original) = if in_place {
        let mut existing = load(registry, path, lang)?;
        if existing.template.id != total.template.id || existing.year != total.year {
            let theirs = crate::sum::kind_text(&existing.template.id, existing.year, lang);
            let ours = crate::sum::kind_text(&total.template.id, total.year, lang);
            return Err(Failure(crate::i18n::cli::total_of_other_kind(
                path, &theirs, &ours, lang,
            )));
        }
        let original = std::fs::read_to_string(path)
            .map_err(|e| Failure(crate::i18n::cli::cannot_read(path, &e, lang)))?;
        existing.tables = total.tables;
        (existing, Some(original))
    } else {
        (total, None)
    };
    if let Some(agency) = output.agency {
        report.agency = agency;
    }
    match output.title {
        Some(title) => report.title = title,
        None if report.title.is_empty() => report.title = report.default_title(),
        None => {}
    }
    let text = match original {
        Some(original) => store::to_toml(&report, Some(&original)),
        None => crate::sum::with_mark(&store::to_toml(&report, None)),
    };
    write_atomic(path, text.as_bytes())
        .map_err(|e| Failure(crate::i18n::cli::cannot_write(path, &e, lang)))
}
