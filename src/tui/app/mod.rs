//! The editor's state and its one entry point, [`App::update`]: an action in, effects out. No I/O
//! and no terminal here, so every behaviour can be tested by feeding keys.

mod cells;
mod command;
mod file;
mod grid;
pub mod history;
mod input;
mod text;
pub mod text_editor;
mod undo;
pub mod versions;

use std::path::PathBuf;

use super::keymap::Command;
use super::keys::{self, Key};
use crate::i18n::Lang;
use crate::report::Report;
use crate::rules::{self, Finding, PrevValues};
use crate::store::guard::Doubt;
use history::History;

/// Where the cursor is in a section of tables: a template table index and a cell in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GridCursor {
    pub table: usize,
    pub row: usize,
    pub column: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a value into the current cell.
    CellEdit {
        buffer: String,
    },
    /// Editing the current text section.
    TextEdit,
    /// Typing a `:` command.
    Prompt {
        buffer: String,
    },
    Help {
        scroll: usize,
    },
    /// Quitting with unsaved changes: save, discard or stay?
    ConfirmQuit,
    /// Saving has reasons to ask first (the file changed on disk, another editor took it
    /// over, …): write it anyway?
    ConfirmOverwrite {
        quit_after: bool,
        doubts: Vec<Doubt>,
    },
}

/// Something the outside world must do for the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Write `text` to `path` atomically, then report back with [`Action::Saved`]. With
    /// `expected`, first check that the file still holds that (`None`: that it does not exist),
    /// and report [`Action::SaveConflict`] if not.
    Save {
        path: PathBuf,
        text: String,
        quit_after: bool,
        expected: Option<Option<String>>,
    },
    /// Read another report file, then report back with [`Action::Loaded`].
    Load {
        path: PathBuf,
        purpose: Purpose,
    },
    Quit,
}

/// Everything that can happen to the app.
#[derive(Debug)]
pub enum Action {
    Key(Key),
    Paste(String),
    Click {
        x: u16,
        y: u16,
    },
    Wheel {
        down: bool,
    },
    Resize {
        width: u16,
        height: u16,
    },
    Saved {
        result: Result<String, String>,
        quit_after: bool,
    },
    /// The save was not written: it has reasons to ask first.
    SaveConflict {
        quit_after: bool,
        doubts: Vec<Doubt>,
    },
    /// The recovery file was brought up to date (`None`) or could not be written (why).
    RecoveryWritten(Option<String>),
    Loaded {
        path: PathBuf,
        purpose: Purpose,
        result: Result<Report, String>,
    },
}

/// What another report file is read for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// Last year's report: the cross-year rules.
    Prev,
    /// Another version of this report: its differing cells are marked.
    Diff,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

pub struct App {
    pub report: Report,
    pub path: PathBuf,
    /// The file's text when it was opened or last saved: saving edits it in place.
    pub original: Option<String>,
    pub lang: Lang,
    pub read_only: bool,
    pub findings: Vec<Finding>,
    pub section: usize,
    /// Per section: the grid cursor and the scroll position (top line, first column).
    pub cursors: Vec<GridCursor>,
    pub tops: Vec<usize>,
    pub lefts: Vec<usize>,
    pub mode: Mode,
    pub history: History,
    pub message: Option<Message>,
    pub pending: Vec<Key>,
    /// The text editor of the current section, when it is a text section.
    pub text: Option<text_editor::TextEditor>,
    /// Last year's report, as a path for the status line and values lined up with this year's.
    pub prev: Option<(String, PrevValues)>,
    /// Another version of this report whose differing cells are marked (`:diff FILE`).
    pub compared: Option<versions::Compared>,
    pub size: (u16, u16),
    pub quit: bool,
    /// Counts changes to the report or the text being edited: the recovery file follows it.
    pub revision: u64,
    /// The report came from a recovery file and is not saved yet.
    pub recovered: bool,
    /// The recovery file cannot be written: shown until it can, since a hangup would lose edits.
    pub recovery_problem: Option<Message>,
    /// What the texts state, read again only when a text changes.
    text_cache: rules::text::TextCache,
}

impl App {
    /// An editor on a report; `original` is the file's text, `None` for a file not written yet.
    pub fn new(report: Report, path: PathBuf, original: Option<String>, lang: Lang) -> App {
        let sections = report.template.sections.len();
        let cursors = report
            .template
            .sections
            .iter()
            .map(|s| GridCursor {
                table: s.tables.start,
                row: 0,
                column: 0,
            })
            .collect();
        let mut app = App {
            report,
            path,
            original,
            lang,
            read_only: false,
            findings: Vec::new(),
            section: 0,
            cursors,
            tops: vec![0; sections],
            lefts: vec![0; sections],
            mode: Mode::Normal,
            history: History::new(),
            message: None,
            pending: Vec::new(),
            text: None,
            prev: None,
            compared: None,
            size: (80, 24),
            quit: false,
            revision: 0,
            recovered: false,
            recovery_problem: None,
            text_cache: Default::default(),
        };
        app.enter_section(0);
        app.refresh();
        app
    }

    /// What to do right after start: load last year's report if the file names one.
    pub fn startup_effects(&self) -> Vec<Effect> {
        match &self.report.previous {
            Some(previous) => {
                let dir = self.path.parent().map(PathBuf::from).unwrap_or_default();
                vec![Effect::Load {
                    path: dir.join(previous),
                    purpose: Purpose::Prev,
                }]
            }
            None => Vec::new(),
        }
    }

    pub fn cursor(&self) -> GridCursor {
        self.cursors[self.section]
    }

    pub fn is_text_section(&self) -> bool {
        self.report.template.sections[self.section].is_text()
    }

    /// Re-runs every rule; cheap enough (a few hundred additions) to do after each edit.
    pub fn refresh(&mut self) {
        let prev = self.prev.as_ref().map(|(_, p)| p);
        self.findings = rules::check_report_cached(&self.report, prev, &mut self.text_cache);
        if let Some(compared) = &mut self.compared {
            compared.update(&self.report);
        }
    }

    pub fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
        });
    }

    pub fn complain(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: true,
        });
    }

    /// Feeds keys written as in the keymap (`3<Tab>5<Enter>`); for tests and scripts.
    pub fn press(&mut self, keys: &str) -> Vec<Effect> {
        let mut effects = Vec::new();
        for key in keys::parse(keys).expect("valid key notation") {
            effects.extend(self.update(Action::Key(key)));
        }
        effects
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Key(key) => {
                self.message = None;
                self.key(key)
            }
            Action::Paste(text) => self.paste(&text),
            Action::Click { x, y } => {
                self.click(x, y);
                Vec::new()
            }
            Action::Wheel { down } => {
                if self.mode == Mode::Normal {
                    let command = if down { Command::Down } else { Command::Up };
                    for _ in 0..3 {
                        self.normal_command(command);
                    }
                }
                Vec::new()
            }
            Action::Resize { width, height } => {
                self.size = (width, height);
                self.scroll_into_view();
                Vec::new()
            }
            Action::Saved { result, quit_after } => self.saved(result, quit_after),
            Action::SaveConflict { quit_after, doubts } => {
                self.mode = Mode::ConfirmOverwrite { quit_after, doubts };
                Vec::new()
            }
            Action::RecoveryWritten(failure) => {
                self.recovery_problem = failure.map(|why| Message {
                    text: self.lang.pick(
                        &format!("恢复文件无法写入：{why}；断线将丢失未保存的修改"),
                        &format!("the recovery file cannot be written: {why}; a dropped connection would lose unsaved edits"),
                    ).to_string(),
                    error: true,
                });
                Vec::new()
            }
            Action::Loaded {
                path,
                purpose,
                result,
            } => {
                self.loaded(&path, purpose, result);
                Vec::new()
            }
        }
    }
}

#[cfg(test)]
mod tests;
