//! The reviewer's marks: `nianbao-review.toml` in the folder reviewed, a table per report keyed by
//! its path from there, holding whether it was reviewed, the reviewer's note and the hash of the
//! report's content when it was marked. Plain TOML in path order, so it reads and diffs like the
//! reports; written atomically like them, so a crash mid-save leaves the old marks whole.

use crate::i18n::review as msg;
use std::collections::BTreeMap;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use toml_edit::{DocumentMut, Item, Table, value};

use super::{hash_text, parse_hash};
use crate::i18n::Lang;
use crate::read;
use crate::store::atomic::write_atomic;
use crate::visible::visible;

pub use crate::batch::inputs::MARKS_FILE;

/// What the reviewer recorded of one report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    pub reviewed: bool,
    pub note: String,
    /// The report's content hash when the mark or the note was last set.
    pub hash: Option<u64>,
}

/// Where a report stands with the reviewer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Review {
    Unreviewed,
    /// Marked as reviewed, but its content changed since.
    Changed,
    Reviewed,
}

impl Review {
    /// The mark in the queue: one column wide.
    pub fn symbol(self) -> &'static str {
        match self {
            Review::Unreviewed => " ",
            Review::Changed => "~",
            Review::Reviewed => "✓",
        }
    }

    /// The word of the assessment table.
    pub fn word(self, lang: Lang) -> &'static str {
        match self {
            Review::Unreviewed => msg::reviewed_no(lang),
            Review::Changed => msg::reviewed_changed(lang),
            Review::Reviewed => msg::reviewed_yes(lang),
        }
    }

    /// Whether it waits for the reviewer: never reviewed, or changed since.
    pub fn is_open(self) -> bool {
        self != Review::Reviewed
    }
}

impl Mark {
    pub fn review(&self, hash: Option<u64>) -> Review {
        match (self.reviewed, self.hash) {
            (false, _) => Review::Unreviewed,
            (true, Some(marked)) if Some(marked) == hash => Review::Reviewed,
            (true, _) => Review::Changed,
        }
    }
}

/// The marks of a folder.
#[derive(Clone, Debug)]
pub struct Marks {
    file: PathBuf,
    /// The folder paths are keyed from.
    base: PathBuf,
    /// `base` with its links resolved, found once when first needed (for a path given another way).
    canonical_base: OnceLock<Option<PathBuf>>,
    entries: BTreeMap<String, Mark>,
}

impl Marks {
    /// No marks yet, to be kept in `file`.
    pub fn empty(file: PathBuf) -> Marks {
        let base = file
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Marks {
            file,
            base,
            canonical_base: OnceLock::new(),
            entries: BTreeMap::new(),
        }
    }

    /// The marks kept in `file`; none when it does not exist yet. A file that cannot be read or is
    /// not marks is an error that names it, never taken for no marks (saving would lose them).
    pub fn load(file: PathBuf, lang: Lang) -> Result<Marks, String> {
        let mut marks = Marks::empty(file);
        let shown = visible(&marks.file.display().to_string()).into_owned();
        let bytes = match read::read_bytes(&marks.file, read::REPORT_LIMIT * 16) {
            Ok(bytes) => bytes,
            Err(read::ReadError::Io(e)) if e.kind() == io::ErrorKind::NotFound => return Ok(marks),
            Err(e) => {
                let why = e.text(lang);
                return Err(msg::marks_unreadable(&shown, &why, lang));
            }
        };
        let bad = |why: String| msg::marks_invalid(&shown, &why, lang);
        let text = String::from_utf8(bytes).map_err(|_| bad(msg::marks_not_utf8(lang).into()))?;
        let doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
            // The parser words its errors in English: in Chinese, its known ones translated.
            let detail = e.message().to_string();
            let why = match lang {
                Lang::Zh => crate::i18n::load::toml_zh(&detail),
                Lang::En => detail.lines().next().unwrap_or_default().to_string(),
            };
            // Where, as an editor's file:line:column, for the reviewer who opens it to mend it.
            let at = match e.span() {
                Some(span) => {
                    let (line, column) = crate::position::line_column(&text, span.start);
                    format!("{shown}:{line}:{column}")
                }
                None => shown.clone(),
            };
            msg::marks_invalid(&at, &why, lang)
        })?;
        for (key, item) in doc.iter() {
            let Some(table) = item.as_table() else {
                return Err(bad(msg::marks_not_a_table(key, lang)));
            };
            let text_of = |name: &str| table.get(name).and_then(Item::as_str).map(str::to_string);
            marks.entries.insert(
                key.to_string(),
                Mark {
                    reviewed: table
                        .get("reviewed")
                        .and_then(Item::as_bool)
                        .unwrap_or(false),
                    note: text_of("note").unwrap_or_default(),
                    // A hash of another kind matches no content: the report shows as changed.
                    hash: text_of("hash").as_deref().and_then(parse_hash),
                },
            );
        }
        Ok(marks)
    }

    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The key of a report: its path from the marks' folder, `/` between names; a report outside
    /// it goes by its full path.
    pub fn key(&self, path: &Path) -> String {
        // Marks in the current folder and a path from it (`--files-from` a list of names there):
        // the path is the key as it is. Resolving both for each of 100,000 reports took longer
        // than listing them.
        let here = |p: &Path| p.components().all(|c| matches!(c, Component::CurDir));
        let plain =
            path.is_relative() && !path.components().any(|c| matches!(c, Component::ParentDir));
        let relative = path
            .strip_prefix(&self.base)
            .ok()
            .map(Path::to_path_buf)
            .or_else(|| (here(&self.base) && plain).then(|| path.to_path_buf()))
            .or_else(|| {
                let base = self
                    .canonical_base
                    .get_or_init(|| self.base.canonicalize().ok())
                    .as_ref()?;
                let full = path.canonicalize().ok()?;
                full.strip_prefix(base).ok().map(Path::to_path_buf)
            });
        let shown = match relative {
            Some(r) => r,
            None => path.canonicalize().unwrap_or_else(|_| path.to_path_buf()),
        };
        shown
            .components()
            .filter(|c| !matches!(c, Component::CurDir))
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    pub fn get(&self, key: &str) -> Option<&Mark> {
        self.entries.get(key)
    }

    /// Sets a report's mark; a mark with nothing in it is dropped.
    pub fn set(&mut self, key: String, mark: Mark) {
        if !mark.reviewed && mark.note.is_empty() {
            self.entries.remove(&key);
        } else {
            self.entries.insert(key, mark);
        }
    }

    /// Takes in the marks of a folder inside this one (`prefix`, its path from here, `/` between
    /// names), for the reports this file has no mark of: marks made while reviewing a subfolder
    /// on its own are not lost when the whole folder is reviewed.
    pub fn absorb(&mut self, inner: Marks, prefix: &str) {
        // A key that climbs out of the inner folder (`../a.toml`, `/srv/a.toml`) is not under it.
        let inside = |key: &str| !key.starts_with('/') && !key.split('/').any(|part| part == "..");
        for (key, mark) in inner.entries.into_iter().filter(|(k, _)| inside(k)) {
            self.entries
                .entry(format!("{prefix}/{key}"))
                .or_insert(mark);
        }
    }

    /// Gives a report file the mark of the published file it was imported from, when it has none
    /// of its own: `a.toml` made by `nianbao import a.docx` beside it takes the place of
    /// `a.docx` in the queue, and the reviewer's note on `a.docx` must follow it. The mark moves
    /// (a reviewed one shows as changed: the content hash is another file's).
    pub fn adopt_imported(&mut self, keys: &[Box<str>]) {
        for key in keys {
            let Some(stem) = key.strip_suffix(".toml") else {
                continue;
            };
            if self.entries.contains_key(&**key) {
                continue;
            }
            let dotted = format!("{stem}.");
            let twin = self
                .entries
                .range::<str, _>((
                    std::ops::Bound::Included(dotted.as_str()),
                    std::ops::Bound::Unbounded,
                ))
                .take_while(|(k, _)| k.starts_with(&dotted))
                .map(|(k, _)| k)
                .find(|k| {
                    !k[dotted.len()..].contains('/')
                        && crate::store::published::is_published(Path::new(k.as_str()))
                })
                .cloned();
            if let Some(twin) = twin
                && let Some(mark) = self.entries.remove(&twin)
            {
                self.entries.insert(key.to_string(), mark);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The file's text: a comment saying what it is, then a table per report in path order.
    pub fn render(&self) -> String {
        let mut doc = DocumentMut::new();
        doc.decor_mut().set_prefix(
            "# nianbao review: the reviewer's marks, one table per report, by its path from this folder.\n\
             # 审核记录：每份报告一节。reviewed 已审核；note 备注；hash 标记时报告内容的散列值（内容改动后显示为已变更）。\n\n",
        );
        for (key, mark) in &self.entries {
            let mut table = Table::new();
            table.insert("reviewed", value(mark.reviewed));
            if !mark.note.is_empty() {
                table.insert("note", value(mark.note.as_str()));
            }
            if let Some(hash) = mark.hash {
                table.insert("hash", value(hash_text(hash)));
            }
            doc.insert(key, Item::Table(table));
        }
        doc.to_string()
    }

    /// Writes the marks atomically.
    pub fn save(&self) -> io::Result<()> {
        write_atomic(&self.file, self.render().as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_round_trip_through_their_file_in_path_order() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(MARKS_FILE);
        let mut marks = Marks::empty(file.clone());
        let key = marks.key(&dir.path().join("sub/b.toml"));
        assert_eq!(key, "sub/b.toml");
        let here = Marks::empty(PathBuf::from(MARKS_FILE));
        assert_eq!(here.key(Path::new("sub/b.toml")), "sub/b.toml");
        assert_eq!(here.key(Path::new("./a.toml")), "a.toml");
        marks.set(
            key,
            Mark {
                reviewed: true,
                note: "退回：\"上年结转\"不符\n第二行".into(),
                hash: Some(0x0011_2233_4455_6677),
            },
        );
        marks.set(
            "a.toml".into(),
            Mark {
                reviewed: false,
                note: "待复核".into(),
                hash: None,
            },
        );
        marks.set("empty.toml".into(), Mark::default());
        marks.save().unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            text.find("[\"a.toml\"]").unwrap() < text.find("[\"sub/b.toml\"]").unwrap(),
            "{text}"
        );
        assert!(!text.contains("empty.toml"), "{text}");
        assert!(
            text.contains("hash = \"fnv1a64:0011223344556677\""),
            "{text}"
        );
        let again = Marks::load(file, Lang::En).unwrap();
        assert_eq!(again.entries, marks.entries);
    }

    #[test]
    fn marks_written_before_hashes_were_numbers_read_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(MARKS_FILE);
        // As the marks were written when the hash was kept as text.
        std::fs::write(
            &file,
            "[\"a.toml\"]\nreviewed = true\nhash = \"fnv1a64:af63dc4c8601ec8c\"\n\n\
             [\"b.toml\"]\nreviewed = true\nhash = \"sha1:00\"\n",
        )
        .unwrap();
        let marks = Marks::load(file, Lang::En).unwrap();
        let a = marks.get("a.toml").unwrap();
        assert_eq!(a.hash, Some(super::super::content_hash("a")));
        assert_eq!(
            a.review(Some(super::super::content_hash("a"))),
            Review::Reviewed
        );
        let b = marks.get("b.toml").unwrap();
        assert_eq!(
            b.review(Some(0)),
            Review::Changed,
            "another kind of hash matches nothing"
        );
        assert!(
            marks
                .render()
                .contains("hash = \"fnv1a64:af63dc4c8601ec8c\"")
        );
    }

    #[test]
    fn a_mark_is_changed_when_the_content_is() {
        let mark = Mark {
            reviewed: true,
            note: String::new(),
            hash: Some(1),
        };
        assert_eq!(mark.review(Some(1)), Review::Reviewed);
        assert_eq!(mark.review(Some(2)), Review::Changed);
        assert_eq!(mark.review(None), Review::Changed);
        assert_eq!(Mark::default().review(Some(1)), Review::Unreviewed);
    }

    #[test]
    fn a_marks_file_that_is_not_marks_is_named_not_taken_for_none() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(MARKS_FILE);
        std::fs::write(&file, "x = 1\n").unwrap();
        let e = Marks::load(file.clone(), Lang::Zh).unwrap_err();
        assert!(e.contains("审核记录") && e.contains(MARKS_FILE), "{e}");
        std::fs::write(&file, "[\"a.toml\"\nreviewed = tru").unwrap();
        let e = Marks::load(file, Lang::En).unwrap_err();
        assert!(e.contains("not valid"), "{e}");
        let none = Marks::load(dir.path().join("missing.toml"), Lang::En).unwrap();
        assert!(none.is_empty());
    }
}
