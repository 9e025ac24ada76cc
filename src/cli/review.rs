//! `nianbao review`: the reviewer's queue in the terminal, or, with `--export`, the assessment
//! table of the same reports and marks.

use std::io::{BufWriter, ErrorKind, IsTerminal, Write};
use std::path::PathBuf;

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

/// The marks file: as given, or in the one folder reviewed, or in the current folder.
fn marks_file(options: &Options) -> PathBuf {
    if let Some(file) = &options.marks {
        return file.clone();
    }
    match options.files.as_slice() {
        [dir] if dir.is_dir() && options.files_from.is_none() => dir.join(MARKS_FILE),
        _ => PathBuf::from(MARKS_FILE),
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
    let queue = Queue::new(summaries, names, marks);
    let Some(format) = options.export else {
        if let Some(problem) = &marks_problem {
            eprintln!("nianbao: {}", visible(problem));
        }
        let desk = Desk::new(queue, registry, marks_problem, lang);
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
