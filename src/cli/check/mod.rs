//! `nianbao check`: does each report add up? For people (text), scripts (JSON) and spreadsheets
//! (CSV). A file's own results are always shown: a last year's report that cannot be read is a
//! warning among them, never a reason to say nothing.

mod csv;
mod json;

use std::collections::HashSet;
use std::io::Write;
use std::path::Path;

use super::EXIT_TROUBLE;
use super::args::CheckFormat;
use crate::batch::{self, Outcome, Prev, Status, inputs::Entry, parallel, progress::Progress};
use crate::describe;
use crate::i18n::Lang;
use crate::store::{self, previous::PrevCache};
use crate::template::Registry;
use crate::visible::visible;
use json::JsonOutcome;

/// Where last year's report comes from, as the command line says.
pub enum PrevOption<'a> {
    /// Each file's own `previous`.
    Named,
    /// `--prev FILE` for every file.
    File(&'a Path),
    /// `--no-prev`.
    Skip,
}

/// One file's outcome, ready to print: done by the worker that checked it.
enum Rendered {
    Bytes(Vec<u8>),
    Json(Box<JsonOutcome>),
}

pub fn run(
    registry: &mut Registry,
    files: impl Iterator<Item = Entry>,
    prev: PrevOption<'_>,
    format: CheckFormat,
    lang: Lang,
    out: &mut dyn Write,
) -> u8 {
    let given = match prev {
        PrevOption::File(p) => match store::published::load_any(p, registry) {
            Ok(loaded) => Some(loaded.report),
            Err(e) => {
                for line in load_error_lines(&e, lang) {
                    eprintln!("nianbao: {line}");
                }
                return EXIT_TROUBLE;
            }
        },
        _ => None,
    };
    let prev = match (&prev, &given) {
        (_, Some(report)) => Prev::Given(report),
        (PrevOption::Skip, _) => Prev::Skip,
        _ => Prev::Named,
    };
    // Files are checked on every core, each worker with its own registry (the compiled
    // templates are shared) and its own cache of last year's reports; output keeps the order
    // the files were given in.
    let mut workers: Vec<(Registry, PrevCache)> = (0..parallel::workers(usize::MAX))
        .map(|_| (registry.clone(), PrevCache::default()))
        .collect();
    let check = |entry: &Entry, (registry, cache): &mut (Registry, PrevCache)| {
        // The same file named twice (a list that names it twice, a folder and one of its
        // files) is checked once: its results printed twice would count it twice in the tally.
        let identity = entry.as_ref().ok().and_then(|path| batch::identity(path));
        let (path, outcome) = match entry {
            Ok(path) => (
                path.as_path(),
                batch::check_file(path, prev, registry, cache),
            ),
            Err(e) => (Path::new(&e.path), Outcome::Unreadable(e.clone())),
        };
        let status = outcome.status();
        let (year, agency) = match &outcome {
            Outcome::Checked { report, .. } => {
                (report.year, Some(Box::<str>::from(report.agency.trim())))
            }
            Outcome::Unreadable(_) => (None, None),
        };
        let rendered = match format {
            CheckFormat::Text => {
                let mut text = Vec::new();
                write_text(&mut text, path, &outcome, lang).expect("writing to memory");
                Rendered::Bytes(text)
            }
            CheckFormat::Csv => Rendered::Bytes(csv::rows(path, &outcome, lang).into_bytes()),
            CheckFormat::Json => Rendered::Json(Box::new(json::json_outcome(path, &outcome, lang))),
        };
        (
            identity,
            path.display().to_string(),
            status,
            year,
            agency,
            rendered,
        )
    };
    let mut tally = Tally::default();
    let mut json = Vec::new();
    let mut written = match format {
        CheckFormat::Csv => write!(out, "\u{feff}{}\r\n", csv::HEADER.join(",")).is_ok(),
        _ => true,
    };
    let mut progress = Progress::new(lang);
    let mut seen = HashSet::new();
    parallel::in_order(
        files,
        &mut workers,
        check,
        |(identity, name, status, year, agency, rendered)| {
            if identity.is_some_and(|id| !seen.insert(id)) {
                progress.clear();
                let name = visible(name);
                eprintln!("{}", crate::i18n::cli::checked_once(&name, lang));
                return true;
            }
            tally.add(*status);
            if let Some(year) = year {
                tally.years.add(*year, name);
            }
            if let Some(agency) = agency {
                tally.agencies.add(agency, *year);
            }
            progress.tick();
            match rendered {
                Rendered::Bytes(bytes) => {
                    if !bytes.is_empty() {
                        progress.clear();
                        written = out.write_all(bytes).is_ok();
                    }
                }
                Rendered::Json(outcome) => json.push(outcome.clone()),
            }
            written
        },
    );
    progress.clear();
    if written {
        written = match format {
            CheckFormat::Json => {
                if let Some(usual) = tally.years.usual() {
                    json.iter_mut().for_each(|o| o.mark_other_year(usual));
                }
                let text = crate::export::json::to_string_pretty(&json);
                writeln!(out, "{text}").is_ok()
            }
            CheckFormat::Text if tally.files > 1 => {
                let mut text = tally.line(lang);
                if let Some(other) = tally.years.other_years_line(lang) {
                    text = format!("{text}\n{other}");
                }
                if let Some(same) = tally.agencies.line(lang) {
                    text = format!("{text}\n{same}");
                }
                writeln!(out, "{text}").is_ok()
            }
            _ => true,
        };
    }
    if !written {
        return EXIT_TROUBLE;
    }
    tally.exit_code()
}

/// How many files came out how.
#[derive(Default)]
struct Tally {
    files: usize,
    ok: usize,
    errors: usize,
    warnings: usize,
    unreadable: usize,
    years: Years,
    agencies: Agencies,
}

/// The bodies of the reports checked, to name those of which there is more than one of a year (a copy
/// saved twice, two versions of one report) after the summary. Each body is kept as a hash of
/// its name, its name only once a second report of it comes, so memory stays small however
/// many files there are.
#[derive(Default)]
struct Agencies {
    seen: std::collections::HashMap<u64, u32>,
    doubled: std::collections::BTreeMap<Box<str>, u32>,
}

impl Agencies {
    /// Bodies named after the summary; the rest are counted.
    const NAMED: usize = 10;

    /// One more report of `agency` for `year`: last year's report beside this year's is no
    /// second report of the body (the line of other years names it).
    fn add(&mut self, agency: &str, year: Option<i32>) {
        let bare = crate::report::Report::agency_key(agency);
        if bare.is_empty() {
            return;
        }
        use std::hash::{BuildHasher, BuildHasherDefault};
        let key = BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default()
            .hash_one((bare, year));
        let count = self.seen.entry(key).or_default();
        *count += 1;
        if *count > 1 {
            self.doubled.insert(visible(agency).into(), *count);
        }
    }

    fn line(&self, lang: Lang) -> Option<String> {
        if self.doubled.is_empty() {
            return None;
        }
        let named = self
            .doubled
            .iter()
            .take(Self::NAMED)
            .map(|(agency, n)| crate::i18n::cli::agency_reports(agency, *n as usize, lang));
        let more = self.doubled.len().saturating_sub(Self::NAMED);
        let list = crate::i18n::cli::named_list(named, more, lang);
        Some(crate::i18n::cli::same_agencies(
            self.doubled.len(),
            &list,
            lang,
        ))
    }
}

/// The years of the reports checked, to name those of another year than most (last year's report
/// sent among this year's) after the summary: per year its count and the first few files, so
/// memory stays flat however many files there are.
#[derive(Default)]
struct Years(std::collections::HashMap<i32, (usize, Vec<String>)>);

impl Years {
    /// Files named per year of another year than most; the rest are counted.
    const NAMED: usize = 10;

    fn add(&mut self, year: i32, name: &str) {
        let (count, names) = self.0.entry(year).or_default();
        *count += 1;
        if names.len() < Self::NAMED {
            names.push(visible(name).into_owned());
        }
    }

    /// The year most reports are of, if one is.
    fn usual(&self) -> Option<i32> {
        let counts = self.0.iter().map(|(&y, (n, _))| (y, *n)).collect();
        crate::review::queue::most_common(&counts)
    }

    /// The line naming the reports of another year than most, if there are any.
    fn other_years_line(&self, lang: Lang) -> Option<String> {
        let usual = self.usual()?;
        let mut years: Vec<(&i32, &(usize, Vec<String>))> =
            self.0.iter().filter(|&(&y, _)| y != usual).collect();
        if years.is_empty() {
            return None;
        }
        years.sort_by_key(|&(&y, _)| y);
        let mut named = Vec::new();
        let (mut count, mut more) = (0, 0);
        for (&year, (n, names)) in years {
            count += n;
            more += n - names.len();
            named.extend(
                names
                    .iter()
                    .map(|name| crate::i18n::cli::file_of_year(name, year, lang)),
            );
        }
        let list = crate::i18n::cli::named_list(named, more, lang);
        Some(crate::i18n::cli::other_years(count, usual, &list, lang))
    }
}

impl Tally {
    fn add(&mut self, status: Status) {
        self.files += 1;
        match status {
            Status::Ok => self.ok += 1,
            Status::Warnings => self.warnings += 1,
            Status::Errors => self.errors += 1,
            Status::Unreadable => self.unreadable += 1,
        }
    }

    /// 2 when a file cannot be read, else 1 when a rule is broken, else 0.
    fn exit_code(&self) -> u8 {
        if self.unreadable > 0 {
            EXIT_TROUBLE
        } else if self.errors > 0 {
            1
        } else {
            0
        }
    }

    /// The summary line after the files.
    fn line(&self, lang: Lang) -> String {
        let Tally {
            files,
            ok,
            errors,
            warnings,
            unreadable,
            ..
        } = self;
        crate::i18n::cli::check_tally([*files, *ok, *errors, *warnings, *unreadable], lang)
    }
}

/// The problems of a file that cannot be read, one per line, safe to print.
pub fn load_error_lines(e: &store::LoadError, lang: Lang) -> Vec<String> {
    e.lines(lang)
        .iter()
        .flat_map(|line| line.lines())
        .map(|line| visible(line).into_owned())
        .collect()
}

fn write_text(
    out: &mut dyn Write,
    path: &Path,
    outcome: &Outcome,
    lang: Lang,
) -> std::io::Result<()> {
    let shown = path.display().to_string();
    let shown = visible(&shown);
    match outcome {
        Outcome::Unreadable(e) => {
            for line in load_error_lines(e, lang) {
                writeln!(out, "{line}")?;
            }
            Ok(())
        }
        Outcome::Checked {
            report,
            findings,
            imported,
            ..
        } => {
            let (errors, warnings) = batch::counts(findings);
            let mut summary = crate::i18n::cli::check_counts(errors, warnings, lang);
            if let Some(kind) = imported {
                let format = crate::i18n::files::format_name(*kind, lang);
                summary.push_str(&crate::i18n::cli::imported_from(format, lang));
            }
            writeln!(out, "{}", crate::i18n::at(&shown, &summary, lang))?;
            for f in findings {
                writeln!(
                    out,
                    "  {}",
                    visible(&describe::finding_line(report, f, lang))
                )?;
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reports_of_another_year_are_named_after_the_summary() {
        let mut years = Years::default();
        assert_eq!(years.other_years_line(Lang::En), None, "no report");
        for i in 0..20 {
            years.add(2024, &format!("a{i}.toml"));
        }
        assert_eq!(years.other_years_line(Lang::En), None, "one year");
        years.add(2022, "old.toml");
        assert_eq!(
            years.other_years_line(Lang::En).unwrap(),
            "1 file is not of 2024, the year of most: old.toml (2022)"
        );
        for i in 0..12 {
            years.add(2023, &format!("b{i:02}.toml"));
        }
        let en = years.other_years_line(Lang::En).unwrap();
        assert!(
            en.starts_with(
                "13 files are not of 2024, the year of most: old.toml (2022), b00.toml (2023), "
            ),
            "{en}"
        );
        assert!(en.ends_with("b09.toml (2023), and 2 more"), "{en}");
        let zh = years.other_years_line(Lang::Zh).unwrap();
        assert!(
            zh.starts_with(
                "其中 13 个文件的年度不是多数文件的 2024 年：old.toml（2022）、b00.toml（2023）、"
            ),
            "{zh}"
        );
        assert!(zh.ends_with("b09.toml（2023）等（另有 2 个）"), "{zh}");
        // A name is shown safe for a terminal.
        let mut years = Years::default();
        years.add(2024, "a.toml");
        years.add(2024, "b.toml");
        years.add(2023, "\u{1b}[2J.toml");
        assert!(
            years
                .other_years_line(Lang::En)
                .unwrap()
                .contains("^[[2J.toml")
        );
    }
}
