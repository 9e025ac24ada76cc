//! `nianbao review`: the reviewer's queue in the terminal, or, with `--export`, the assessment
//! table of the same reports and marks.

use std::io::{BufWriter, ErrorKind, IsTerminal, Write};
use std::path::{Component, Path, PathBuf};

use super::args::ReviewFormat;
use super::{Failure, output};
use crate::batch::inputs::{each_once, inputs};
use crate::i18n::Lang;
use crate::i18n::cli as msg;
use crate::review::marks::{MARKS_FILE, Marks};
use crate::review::queue::Queue;
use crate::review::{self, export};
use crate::store::atomic::{write_atomic, write_atomic_with};
use crate::template::Registry;
use crate::tui::review::Desk;
use crate::tui::terminal::Ending;
use crate::visible::visible;

pub struct Options {
    pub files: Vec<PathBuf>,
    pub files_from: Option<PathBuf>,
    pub export: Option<ReviewFormat>,
    pub output: Option<PathBuf>,
    pub force: bool,
    pub marks: Option<PathBuf>,
}

/// The one folder reviewed, when the marks go with it (not given with `--marks`).
fn folder_reviewed(options: &Options) -> Option<&Path> {
    match options.files.as_slice() {
        [dir] if dir.is_dir() && options.files_from.is_none() && options.marks.is_none() => {
            Some(dir)
        }
        _ => None,
    }
}

/// The marks file: as given; for one folder, the marks of a folder enclosing it if one has them
/// (a subfolder reviewed on its own shares the marks of the whole, instead of starting a second
/// file they split between), else its own; else in the current folder.
fn marks_file(options: &Options) -> PathBuf {
    if let Some(file) = &options.marks {
        return file.clone();
    }
    match folder_reviewed(options) {
        Some(dir) => enclosing_marks(dir).unwrap_or_else(|| dir.join(MARKS_FILE)),
        None => PathBuf::from(MARKS_FILE),
    }
}

/// The marks file of the nearest folder above `dir` that has one. Named the way `dir` was
/// (`2025/县区` finds `2025/nianbao-review.toml`), so that the reports' paths are keyed without
/// resolving each; by its full path when `dir` does not name its parents (`.`, `县区`).
fn enclosing_marks(dir: &Path) -> Option<PathBuf> {
    let full = dir.canonicalize().ok()?;
    let plain = dir
        .components()
        .all(|c| matches!(c, Component::Normal(_) | Component::RootDir));
    let mut named = plain.then(|| dir.to_path_buf());
    for folder in full.ancestors().skip(1) {
        named = named
            .and_then(|n| n.parent().map(Path::to_path_buf))
            .filter(|n| !n.as_os_str().is_empty());
        let file = folder.join(MARKS_FILE);
        if file.is_file() {
            return Some(named.map_or(file, |n| n.join(MARKS_FILE)));
        }
    }
    None
}

/// Takes into `marks` the marks files of the folders between the reports and `marks`' own folder
/// (a subfolder reviewed on its own before the whole was): their marks show in the queue and the
/// assessment table, and go into `marks`' file when it is next written. One that cannot be read
/// is said and left out.
fn absorb_inner_marks(marks: &mut Marks, reports: &[review::Summary], lang: Lang) {
    let own = marks.file().to_path_buf();
    let mut parents: Vec<&Path> = reports.iter().filter_map(|s| s.path.parent()).collect();
    // A folder's reports come one after another: each folder once before its ancestors are.
    parents.dedup();
    let folders: std::collections::BTreeSet<&Path> = parents
        .into_iter()
        .flat_map(Path::ancestors)
        .filter(|f| !f.as_os_str().is_empty() && f.join(MARKS_FILE) != own)
        .collect();
    for folder in folders {
        let file = folder.join(MARKS_FILE);
        if !file.is_file() {
            continue;
        }
        let prefix = marks.key(folder);
        // Only folders inside the marks' own: a key that climbs out is no subfolder of it.
        if prefix.is_empty() || Path::new(&prefix).is_absolute() {
            continue;
        }
        match Marks::load(file, lang) {
            Ok(inner) => marks.absorb(inner, &prefix),
            Err(problem) => eprintln!("nianbao: {}", visible(&problem)),
        }
    }
}

pub fn run(
    registry: Registry,
    options: Options,
    lang: Lang,
    out: &mut dyn Write,
) -> Result<u8, Failure> {
    let shown = |p: &std::path::Path| visible(&p.display().to_string()).into_owned();
    // A mistyped folder would open a queue of one unreadable "report" named after it.
    if let Some(missing) = options.files.iter().find(|p| {
        p.symlink_metadata()
            .is_err_and(|e| e.kind() == ErrorKind::NotFound)
    }) {
        return Err(Failure(msg::nothing_there(&shown(missing), lang)));
    }
    if let Some(path) = &options.output {
        output::guard_output(None, path, options.force, lang)?;
    }
    if options.export == Some(ReviewFormat::Xlsx)
        && options.output.is_none()
        && std::io::stdout().is_terminal()
    {
        return Err(Failure(msg::binary_to_terminal("xlsx", lang)));
    }
    if options.export.is_none()
        && let Some(problem) = crate::tui::session::terminal_problem(lang)
    {
        return Err(Failure(problem));
    }
    let file = marks_file(&options);
    let (marks, marks_problem) = match Marks::load(file.clone(), lang) {
        Ok(marks) => (marks, None),
        Err(problem) => (Marks::empty(file), Some(problem)),
    };
    let mut again = Vec::new();
    let (summaries, names) = review::summarize(
        &registry,
        each_once(
            inputs(options.files.clone(), options.files_from.clone(), lang),
            &mut again,
        ),
        lang,
    );
    for path in &again {
        eprintln!("nianbao: {}", msg::listed_once(&shown(path), lang));
    }
    let mut marks = marks;
    if folder_reviewed(&options).is_some() {
        absorb_inner_marks(&mut marks, &summaries, lang);
    }
    let queue = Queue::new(summaries, names, marks);
    let Some(format) = options.export else {
        if let Some(problem) = &marks_problem {
            eprintln!("nianbao: {}", visible(problem));
        }
        let folders = options
            .files
            .iter()
            .filter(|p| p.is_dir())
            .cloned()
            .collect();
        let desk = Desk::new(queue, registry, marks_problem, lang).with_folders(folders);
        return match crate::tui::review::run(desk) {
            Ok(Ending::Quit) => Ok(0),
            Ok(Ending::Signal(signal)) => Ok((128 + signal).clamp(0, 255) as u8),
            Ok(Ending::Hangup(why)) => Err(Failure(crate::i18n::session::terminal_gone(
                &why.text(lang),
                lang,
            ))),
            Err(e) => Err(Failure(crate::read::io_text(&e, lang))),
        };
    };
    // The table says what the marks say; marks that cannot be read would make it lie.
    if let Some(problem) = marks_problem {
        return Err(Failure(problem));
    }
    // An assessment table of no report is a mistyped folder, not a result to hand in.
    if queue.is_empty() {
        let folder = options.files.first().map(|p| shown(p)).unwrap_or_default();
        let said = crate::i18n::review::folder_without_reports(lang);
        return Err(Failure(crate::i18n::at(&folder, said, lang)));
    }
    match format {
        // A row at a time, buffered: the table is never held whole.
        ReviewFormat::Csv => {
            let write = |w: &mut dyn Write| {
                let mut buffered = BufWriter::new(w);
                export::write_csv(&queue, lang, &mut buffered)?;
                buffered.flush()
            };
            match &options.output {
                Some(path) => write_atomic_with(path, write)
                    .map_err(|e| Failure(msg::cannot_write(path, &e, lang)))?,
                None => write(out)?,
            }
        }
        ReviewFormat::Xlsx => {
            let bytes = export::xlsx(&queue, lang)
                .map_err(|e| Failure(msg::cannot_make_xlsx(&e.to_string(), lang)))?;
            match &options.output {
                Some(path) => write_atomic(path, &bytes)
                    .map_err(|e| Failure(msg::cannot_write(path, &e, lang)))?,
                None => out.write_all(&bytes)?,
            }
        }
    }
    let counts = queue.counts();
    if let Some(path) = &options.output {
        eprintln!(
            "{}",
            msg::wrote_table(&shown(path), &counts.line(lang), lang)
        );
    }
    Ok(0)
}
