//! The report files a batch command works on: files and folders named on the command line (a
//! folder stands for every `*.toml` under it, `.TOML` too, and every published report beside
//! them, a PDF or a Word document say, and one with none is said to be empty), then the files
//! listed one per line in a list
//! (`--files-from LIST`, `-` for standard input). Everything is produced as it is needed, so a
//! list of 100,000 names is never held whole.

use std::collections::HashSet;
use std::fs;
use std::io::{self, BufRead};
use std::path::{Path, PathBuf};

use crate::i18n::Lang;
use crate::read;
use crate::review::export;
use crate::store::LoadError;
use crate::store::published;

/// The file the review queue keeps its marks in; it is not a report.
pub const MARKS_FILE: &str = "nianbao-review.toml";

/// One input: a report file to read, or a place that could not be listed (a folder that cannot be
/// read, a list that breaks off), reported like a file that cannot be read.
pub type Entry = Result<PathBuf, LoadError>;

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// A folder being walked: the entries of one directory, sorted, taken one by one.
struct Level {
    entries: std::vec::IntoIter<(PathBuf, bool)>,
}

/// Every `*.toml` under a folder, and every published report (`a.docx`, `b.pdf`) but one that a
/// report file of its name stands beside (`a.toml`, made of it by import, is the one to read)
/// unless the document is the newer (sent again since: both are read, and that is said),
/// depth first, in name order. Hidden files (a recovery file, a save's temporary) and the review
/// marks are not reports, nor is an assessment table `review --export xlsx` wrote; symlinked folders are not followed, so
/// a link back up cannot make the walk endless. A folder without any report can be a problem of
/// its own: a mistyped or wrong folder must not pass a check by having nothing in it.
struct Walk {
    stack: Vec<Level>,
    lang: Lang,
    root: PathBuf,
    /// A report found, or a problem said (or nothing to say of an empty folder): either way
    /// the folder was not passed over in silence.
    said: bool,
    /// Walked again under a screen (the review queue reading its folder anew): nothing is
    /// written to standard error, which is that screen.
    quiet: bool,
}

/// Whether a published report was changed after the report file of its name (`a.docx` after
/// `a.toml`): sent again since the report file was made of it. Within two seconds is the same
/// time: a folder copied whole writes the two one after the other.
fn newer_than_its_report_file(document: &Path) -> bool {
    let changed = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    match (changed(document), changed(&document.with_extension("toml"))) {
        (Some(document), Some(report_file)) => document
            .duration_since(report_file)
            .is_ok_and(|later| later > std::time::Duration::from_secs(2)),
        _ => false,
    }
}

/// Whether a file's name says it is a report: `*.toml`, in any case (`BROKEN.TOML`, as tools on
/// Windows save it).
fn is_report_name(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
}

/// Whether a file's name says it is an Excel workbook of today's kind, as the assessment table is.
fn is_workbook(name: &str) -> bool {
    Path::new(name)
        .extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("xlsx"))
}

impl Walk {
    fn new(root: PathBuf, say_empty: bool, quiet: bool, lang: Lang) -> (Walk, Option<Entry>) {
        let mut walk = Walk {
            stack: Vec::new(),
            lang,
            root: root.clone(),
            said: !say_empty,
            quiet,
        };
        let problem = walk.enter(root);
        walk.said |= problem.is_some();
        (walk, problem)
    }

    /// Starts on a folder; `Some(Err)` when it cannot be listed.
    fn enter(&mut self, dir: PathBuf) -> Option<Entry> {
        let read = match fs::read_dir(&dir) {
            Ok(read) => read,
            Err(e) => return Some(Err(self.unlisted(&dir, &e))),
        };
        let mut entries = Vec::new();
        let mut texts = Vec::new();
        for entry in read {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => return Some(Err(self.unlisted(&dir, &e))),
            };
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') || name == MARKS_FILE {
                continue;
            }
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            let path = entry.path();
            // The assessment table, exported into the folder it assesses, is not a report.
            if !is_dir && is_workbook(&name) && export::is_assessment_table_file(&path) {
                continue;
            }
            if is_dir || is_report_name(&name) || published::is_published_in_folder(&path) {
                entries.push((path, is_dir));
            } else if !is_dir && published::is_text(&path) {
                texts.push(path);
            }
        }
        entries.sort();
        self.say_texts_left_out(&dir, texts, &entries);
        // Sets, not lists: a folder of thousands of documents beside their report files is
        // looked up once a file, not once a pair.
        let report_files: HashSet<&Path> = entries
            .iter()
            .filter(|(path, is_dir)| !is_dir && is_report_name(&path.to_string_lossy()))
            .map(|(path, _)| path.as_path())
            .collect();
        let (left_to_report_file, sent_again): (Vec<PathBuf>, Vec<PathBuf>) = entries
            .iter()
            .filter(|(path, is_dir)| !is_dir && published::is_published_in_folder(path))
            .map(|(path, _)| path.clone())
            .filter(|doc| report_files.contains(doc.with_extension("toml").as_path()))
            .partition(|doc| !newer_than_its_report_file(doc));
        let left_to_report_file: HashSet<PathBuf> = left_to_report_file.into_iter().collect();
        entries.retain(|(path, _)| !left_to_report_file.contains(path));
        self.say_sent_again(&sent_again);
        self.stack.push(Level {
            entries: entries.into_iter(),
        });
        None
    }

    /// Says which copied-text files of a folder are not read: a report sent as text would be
    /// missed without a word. One made into a report file beside it (`a.toml` of `a.txt`) is
    /// read as that.
    fn say_texts_left_out(&self, dir: &Path, mut texts: Vec<PathBuf>, entries: &[(PathBuf, bool)]) {
        texts.retain(|t| !entries.iter().any(|(p, _)| *p == t.with_extension("toml")));
        if texts.is_empty() || self.quiet {
            return;
        }
        texts.sort();
        const NAMED: usize = 3;
        let names = texts
            .iter()
            .take(NAMED)
            .filter_map(|t| t.file_name())
            .map(|n| crate::visible::visible(&n.to_string_lossy()).into_owned());
        let more = texts.len().saturating_sub(NAMED);
        let list = crate::i18n::cli::named_list(names, more, self.lang);
        let folder = crate::visible::visible(&shown(dir)).into_owned();
        let said = crate::i18n::review::text_files_left_out(&folder, texts.len(), &list, self.lang);
        super::progress::Progress::say_over(&format!("nianbao: {said}"));
    }

    /// Says which published reports are read beside the report file of their name because they
    /// are newer than it: sent again after the report file was made of them, they may say
    /// something else, and left to the report file their errors went unseen.
    fn say_sent_again(&self, documents: &[PathBuf]) {
        if self.quiet {
            return;
        }
        for document in documents {
            let name = |p: &Path| {
                let name = p.file_name().unwrap_or_default().to_string_lossy();
                crate::visible::visible(&name).into_owned()
            };
            let said = crate::i18n::review::document_newer_than_report_file(
                &crate::visible::visible(&shown(document)),
                &name(&document.with_extension("toml")),
                self.lang,
            );
            super::progress::Progress::say_over(&format!("nianbao: {said}"));
        }
    }

    fn unlisted(&self, dir: &Path, e: &io::Error) -> LoadError {
        LoadError::new(
            &shown(dir),
            crate::i18n::review::folder_unlisted(&read::io_text(e, self.lang), self.lang),
        )
    }
}

impl Iterator for Walk {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        loop {
            let Some(level) = self.stack.last_mut() else {
                if self.said {
                    return None;
                }
                self.said = true;
                let why = crate::i18n::review::folder_without_reports(self.lang);
                return Some(Err(LoadError::new(&shown(&self.root), why)));
            };
            match level.entries.next() {
                None => {
                    self.stack.pop();
                }
                Some((path, false)) => {
                    self.said = true;
                    return Some(Ok(path));
                }
                Some((path, true)) => {
                    if let Some(problem) = self.enter(path) {
                        self.said = true;
                        return Some(problem);
                    }
                }
            }
        }
    }
}

/// The inputs of a batch command, in the order given; a folder without reports gives none (the
/// review queue says so on its own screen).
pub fn inputs(
    args: Vec<PathBuf>,
    files_from: Option<PathBuf>,
    lang: Lang,
) -> impl Iterator<Item = Entry> {
    entries(args, files_from, false, lang)
}

/// The inputs of a batch command, a folder without any report being one that cannot be read: what
/// `check` and `sum` print would otherwise pass it over without a word.
pub fn inputs_naming_empty_folders(
    args: Vec<PathBuf>,
    files_from: Option<PathBuf>,
    lang: Lang,
) -> impl Iterator<Item = Entry> {
    entries(args, files_from, true, lang)
}

/// The reports of `folder` as a walk finds them now, saying nothing on standard error: for the
/// review queue reading its folder again under its screen.
pub fn walk_quietly(folder: PathBuf, lang: Lang) -> impl Iterator<Item = Entry> {
    let (walk, problem) = Walk::new(folder, false, true, lang);
    problem.into_iter().chain(walk)
}

/// The entries, each file once: a file named again (by a folder and a list, or as `./NAME`) is
/// left out and its name pushed onto `again`, so a table of the reports has one row per report.
pub fn each_once<'a>(
    entries: impl Iterator<Item = Entry> + 'a,
    again: &'a mut Vec<PathBuf>,
) -> impl Iterator<Item = Entry> + 'a {
    let mut seen = std::collections::HashSet::new();
    entries.filter(move |entry| match entry {
        Ok(path) => match super::identity(path) {
            Some(id) if !seen.insert(id) => {
                again.push(path.clone());
                false
            }
            _ => true,
        },
        Err(_) => true,
    })
}

fn entries(
    args: Vec<PathBuf>,
    files_from: Option<PathBuf>,
    say_empty: bool,
    lang: Lang,
) -> impl Iterator<Item = Entry> {
    let named = args.into_iter().flat_map(move |path| {
        let walked: Box<dyn Iterator<Item = Entry>> = if path.is_dir() {
            let (walk, problem) = Walk::new(path, say_empty, false, lang);
            Box::new(problem.into_iter().chain(walk))
        } else {
            Box::new(std::iter::once(Ok(path)))
        };
        walked
    });
    named.chain(
        files_from
            .into_iter()
            .flat_map(move |list| listed(list, lang)),
    )
}

/// The files named in a list, one per line; blank lines are skipped, and the spaces around a name
/// and the byte-order mark Windows Notepad writes first are not part of it. A list that cannot be
/// read, or breaks off, is one more input that cannot be read.
fn listed(list: PathBuf, lang: Lang) -> Box<dyn Iterator<Item = Entry>> {
    let reader: Box<dyn BufRead> = if list == Path::new("-") {
        Box::new(io::BufReader::new(io::stdin()))
    } else {
        // Only a regular file: a FIFO or a device named as the list must not hang the command.
        match read::open_regular(&list) {
            Ok(f) => Box::new(io::BufReader::new(f)),
            Err(e) => {
                let e = unreadable_list(&list, &e.text(lang), lang);
                return Box::new(std::iter::once(Err(e)));
            }
        }
    };
    Box::new(read::lines(reader).filter_map(move |line| match line {
        Ok(l) => {
            let name = l.trim_start_matches('\u{feff}').trim();
            (!name.is_empty()).then(|| Ok(PathBuf::from(name)))
        }
        Err(e) => Some(Err(unreadable_list(&list, &read::io_text(&e, lang), lang))),
    }))
}

fn unreadable_list(list: &Path, e: &str, lang: Lang) -> LoadError {
    let name = if list == Path::new("-") {
        crate::i18n::cli::standard_input(lang).to_string()
    } else {
        shown(list)
    };
    LoadError::new(&name, crate::i18n::review::list_unreadable(e, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(entries: impl Iterator<Item = Entry>, root: &Path) -> Vec<String> {
        entries
            .map(|e| match e {
                Ok(p) => p.strip_prefix(root).unwrap_or(&p).display().to_string(),
                Err(e) => format!("! {e}"),
            })
            .collect()
    }

    #[test]
    fn a_folder_stands_for_its_reports_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for name in [
            "b.toml",
            "a.toml",
            "notes.txt",
            ".a.toml.nianbao-recover",
            MARKS_FILE,
        ] {
            fs::write(d.join(name), "").unwrap();
        }
        fs::create_dir_all(d.join("sub/deeper")).unwrap();
        fs::write(d.join("sub/c.toml"), "").unwrap();
        fs::write(d.join("sub/deeper/d.toml"), "").unwrap();
        std::os::unix::fs::symlink(d, d.join("sub/loop")).unwrap();
        let list = d.join("list.txt");
        fs::write(&list, "x.toml\n\n  \ny.toml\r\n").unwrap();
        let got = names(
            inputs(
                vec![d.join("b.toml"), d.to_path_buf()],
                Some(list),
                Lang::En,
            ),
            d,
        );
        assert_eq!(
            got,
            [
                "b.toml",
                "a.toml",
                "b.toml",
                "sub/c.toml",
                "sub/deeper/d.toml",
                "x.toml",
                "y.toml"
            ]
        );
    }

    #[test]
    fn a_folder_without_reports_is_named_only_where_asked() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("notes.txt"), "").unwrap();
        let root = vec![dir.path().to_path_buf()];
        assert_eq!(inputs(root.clone(), None, Lang::Zh).count(), 0);
        let named = names(
            inputs_naming_empty_folders(root, None, Lang::Zh),
            dir.path(),
        );
        assert_eq!(named.len(), 1);
        assert!(named[0].contains("文件夹中没有找到报告"), "{named:?}");
    }

    #[test]
    fn what_cannot_be_listed_is_an_input_that_cannot_be_read() {
        let dir = tempfile::tempdir().unwrap();
        let got = names(
            inputs(
                vec![PathBuf::from("r.toml")],
                Some(dir.path().join("missing.txt")),
                Lang::Zh,
            ),
            dir.path(),
        );
        assert_eq!(got.len(), 2);
        assert!(
            got[1].starts_with("! ") && got[1].contains("无法读取文件列表"),
            "{got:?}"
        );
    }
}
