//! `nianbao sum FILE... -o OUT.toml`: a county's total from its departments' reports.
//!
//! Each input is loaded, checked, added and dropped before the next is read, so memory stays flat
//! however many files there are. Exit 0 when the total is written and every input keeps the rules;
//! 1 when it is written but some inputs break rules (they are listed on stderr with their error
//! counts, and added as they are); 2 when nothing is written: an input cannot be read, inputs of
//! another template or year, a total too large, an input given twice, or OUT cannot be written.
//!
//! The output's texts are left empty for the county to write. When OUT already exists (a total
//! made before, perhaps with its texts written since), only its numbers are replaced, in place:
//! its texts, comments and layout stay.

use std::collections::HashSet;
use std::io::{self, BufRead, Write};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::{Failure, load};
use crate::describe;
use crate::i18n::Lang;
use crate::report::Report;
use crate::rules::check_report;
use crate::store::{self, atomic::write_atomic};
use crate::sum::{SumError, Totals};
use crate::template::{Registry, Severity};
use crate::visible::visible;

/// Options of the output report.
pub struct Output<'a> {
    pub path: &'a Path,
    pub agency: Option<String>,
    pub title: Option<String>,
}

fn shown(path: &Path) -> String {
    visible(&path.display().to_string()).into_owned()
}

/// Refuses a file given twice, or the output among the inputs: either would count a report twice.
/// Files are known by device and inode (16 bytes each), so even 100,000 inputs cost little.
struct Distinct {
    output: Option<(u64, u64)>,
    seen: HashSet<(u64, u64)>,
}

fn identity(path: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

impl Distinct {
    fn new(output: &Path) -> Distinct {
        Distinct {
            output: identity(output),
            seen: HashSet::new(),
        }
    }

    fn check(&mut self, file: &Path) -> Result<(), Failure> {
        // Not there: loading it says so, with the usual message.
        let Some(id) = identity(file) else {
            return Ok(());
        };
        if self.output == Some(id) {
            return Err(Failure(format!(
                "{} is the output file: summing it into itself would count it twice",
                shown(file)
            )));
        }
        if !self.seen.insert(id) {
            return Err(Failure(format!(
                "{} is given twice: it would be counted twice",
                shown(file)
            )));
        }
        Ok(())
    }
}

/// The files to add up: those on the command line, then those listed one per line in a file (or
/// on standard input for `-`), read as they are needed rather than all at once.
pub fn inputs<'a>(
    files: &'a [PathBuf],
    files_from: Option<&Path>,
) -> Result<impl Iterator<Item = Result<PathBuf, Failure>> + 'a, Failure> {
    let list: Option<Box<dyn BufRead>> = match files_from {
        None => None,
        Some(p) if p == Path::new("-") => Some(Box::new(io::BufReader::new(io::stdin()))),
        Some(p) => {
            let f = crate::read::open_regular(p)
                .map_err(|e| Failure(format!("cannot read {}: {e}", shown(p))))?;
            Some(Box::new(io::BufReader::new(f)))
        }
    };
    let listed = list
        .into_iter()
        .flat_map(crate::read::lines)
        .filter_map(|line| match line {
            Ok(l) if l.trim().is_empty() => None,
            Ok(l) => Some(Ok(PathBuf::from(l))),
            Err(e) => Some(Err(Failure(format!("cannot read the list of files: {e}")))),
        });
    Ok(files.iter().cloned().map(Ok).chain(listed))
}

pub fn run(
    registry: &mut Registry,
    files: impl Iterator<Item = Result<PathBuf, Failure>>,
    output: Output<'_>,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<u8, Failure> {
    let mut distinct = Distinct::new(output.path);
    let mut totals: Option<Totals> = None;
    let mut broken = 0usize;
    for path in files {
        let path = path?;
        let path = path.as_path();
        distinct.check(path)?;
        let report = load(registry, path)?;
        let errors = check_report(&report, None)
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        if errors > 0 {
            broken += 1;
            eprintln!(
                "{}",
                match lang {
                    Lang::Zh => format!("{}：{errors} 个错误", shown(path)),
                    Lang::En => format!("{}: {errors} errors", shown(path)),
                }
            );
        }
        let totals =
            totals.get_or_insert_with(|| Totals::new(report.template.clone(), report.year));
        totals.add(&report).map_err(|e| match e {
            SumError::Overflow { table, row, column } => Failure(format!(
                "{}: adding it, the total of {} would be too large: {e}",
                shown(path),
                describe::place(&report.template, table, Some(row), Some(column), lang)
            )),
            SumError::Mismatch { .. } => Failure(format!("{} {e}", shown(path))),
        })?;
    }
    let totals = totals.ok_or_else(|| Failure("no report to add up".into()))?;
    let count = totals.count();
    let target = shown(output.path);
    write_output(registry, totals.into_report(), output, lang)?;
    let written = match lang {
        Lang::Zh => format!("已汇总 {count} 份报告 → {target}"),
        Lang::En => format!("summed {count} reports into {target}"),
    };
    writeln!(out, "{written}")?;
    if broken > 0 {
        eprintln!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "nianbao: {broken} 份报告不符合规则，已按原样计入总数；请用 nianbao check 逐份核对"
                ),
                Lang::En => format!(
                    "nianbao: {broken} of {count} reports break rules and were added as they are; see nianbao check"
                ),
            }
        );
        return Ok(1);
    }
    Ok(0)
}

/// Writes the total: a new file, or the numbers of an existing total replaced in place.
fn write_output(
    registry: &mut Registry,
    total: Report,
    output: Output<'_>,
    lang: Lang,
) -> Result<(), Failure> {
    let path = output.path;
    let (mut report, original) = if path.exists() {
        let mut existing = load(registry, path)?;
        if existing.template.id != total.template.id || existing.year != total.year {
            return Err(Failure(format!(
                "{} is a report of template {} for {}, the inputs are {} for {}: not overwriting it",
                shown(path),
                existing.template.id,
                year_text(existing.year, lang),
                total.template.id,
                year_text(total.year, lang)
            )));
        }
        let original = std::fs::read_to_string(path)
            .map_err(|e| Failure(format!("cannot read {}: {e}", shown(path))))?;
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
    let text = store::to_toml(&report, original.as_deref());
    write_atomic(path, text.as_bytes())
        .map_err(|e| Failure(format!("cannot write {}: {e}", shown(path))))
}

fn year_text(year: Option<i32>, lang: Lang) -> String {
    match year {
        Some(y) => y.to_string(),
        None => lang.pick("（无年份）", "(no year)").to_string(),
    }
}
