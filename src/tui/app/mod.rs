//! The editor's state and its one entry point, [`App::update`]: an action in, effects out. No I/O
//! and no terminal here, so every behaviour can be tested by feeding keys.

mod cells;
pub mod command;
mod entry;
mod file;
mod find;
mod grid;
pub mod history;
mod input;
mod meta;
mod offer;
mod paste;
pub mod problems;
mod text;
pub mod text_editor;
mod undo;
pub mod versions;

use std::path::PathBuf;

use super::keymap::Command;
use super::keys::{self, Key};
use crate::i18n::Lang;
use crate::i18n::editor as msg;
use crate::report::Report;
use crate::rules::{self, Evaluation, Finding, PrevValues};
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
    /// The list of every problem: the one selected, and the first line shown.
    Problems {
        selected: usize,
        top: usize,
    },
    /// Quitting with unsaved changes: save, discard or stay?
    ConfirmQuit,
    /// Opening another report with unsaved changes here: save them first, give them up, or stay?
    ConfirmOpen {
        path: PathBuf,
    },
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
    /// Stop editing this report and edit the one in `path` instead (`:e FILE`); what was unsaved
    /// here was saved or given up first.
    Open {
        path: PathBuf,
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
        result: Result<Report, crate::store::LoadError>,
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

/// How a section is shown: where the cursor is and how the grid is scrolled, or, for a text,
/// where the caret was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionView {
    Grid(GridView),
    /// A text section: the caret, in characters of its text.
    Text {
        caret: usize,
    },
}

/// A section of tables as shown: the cursor, the top line and the first number column shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GridView {
    pub cursor: GridCursor,
    pub top: usize,
    pub left: usize,
}

/// The file being edited.
struct FileState {
    path: PathBuf,
    /// The file's text when it was opened or last saved: saving edits it in place.
    original: Option<String>,
    history: History,
    /// Counts changes to the report or the text being edited: the recovery file follows it.
    revision: u64,
    read_only: bool,
    /// The report came from a recovery file and is not saved yet.
    recovered: bool,
    /// The recovery file cannot be written: shown until it can, since a hangup would lose edits.
    recovery_problem: Option<Message>,
    /// What the editor says of the file for as long as it is open (how to import a published
    /// report to change it): shown whenever no other message is, not cleared by the next key.
    standing_notice: Option<Message>,
    /// Where a save under another name (`:w FILE`) writes, until it is written: then editing goes
    /// on in that file.
    save_as: Option<PathBuf>,
    /// The report to open once this one is saved (`:e FILE`, answered "save first").
    open_after_save: Option<PathBuf>,
}

/// What follows from the report and the versions it is compared with, brought up to date in one
/// place ([`App::update`]) whenever one of them changed.
struct Derived {
    evaluation: Evaluation,
    /// Last year's report, its values lined up with this year's cells.
    prev: Option<PrevValues>,
    /// Another version of this report whose differing cells are marked (`:diff FILE`).
    compared: Option<versions::Compared>,
    /// What the texts state, read again only when a text changes.
    text_cache: rules::text::TextCache,
    /// What reading the files found, as `check` says it first among its findings: what import
    /// could not take over from a published report, and last year's report unreadable.
    read_findings: Vec<rules::Finding>,
    prev_unreadable: Option<rules::Finding>,
    /// The report, last year's or the compared version changed since the last evaluation.
    stale: bool,
}

pub struct App {
    report: Report,
    lang: Lang,
    mode: Mode,
    message: Option<Message>,
    /// The keys of a binding typed so far (`g` of `gg`).
    pending: Vec<Key>,
    /// The column where a run of Tabs began: Enter after it goes to the next row there.
    tab_run: Option<usize>,
    /// The key being handled goes on with the run of Tabs (a Tab, a digit typed in a cell).
    keeps_run: bool,
    /// The value being typed overrides a total rather than checks it.
    overriding: bool,
    /// A total just typed unlike its parts, which `o` as the next key overrides.
    override_offer: Option<offer::OverrideOffer>,
    size: (u16, u16),
    section: usize,
    views: Vec<SectionView>,
    /// The text editor of the current section, when it is a text section.
    text: Option<text_editor::TextEditor>,
    file: FileState,
    derived: Derived,
    /// The finding `n`, `N` or the problems list went to last: the next `n` goes on from it.
    last_problem: Option<usize>,
    /// A count typed before a motion (`3j`), as vim takes it. In a grid a digit starts typing a
    /// value, so there the digits typed so far are the count when a motion key follows them;
    /// this says the value being typed began with a digit pressed while browsing.
    count: Option<usize>,
    typed_from_browsing: bool,
    /// Quitting goes back to the review queue (a report opened from it): the question before
    /// says so.
    quit_goes_back: bool,
    /// Last year's report given by `:prev`, to be named in the report once it is read.
    prev_to_name: Option<PathBuf>,
    /// The command line takes words to find (`/`), not a command; and the last words found.
    searching: bool,
    last_search: Option<String>,
}

impl App {
    /// An editor on a report; `original` is the file's text, `None` for a file not written yet.
    pub fn new(report: Report, path: PathBuf, original: Option<String>, lang: Lang) -> App {
        let views = report
            .template
            .sections
            .iter()
            .map(|s| match s.is_text() {
                true => SectionView::Text { caret: 0 },
                false => SectionView::Grid(GridView {
                    cursor: GridCursor {
                        table: s.tables.start,
                        row: 0,
                        column: 0,
                    },
                    ..GridView::default()
                }),
            })
            .collect();
        let mut app = App {
            report,
            lang,
            mode: Mode::Normal,
            message: None,
            pending: Vec::new(),
            prev_to_name: None,
            searching: false,
            last_search: None,
            tab_run: None,
            keeps_run: false,
            overriding: false,
            override_offer: None,
            size: (80, 24),
            section: 0,
            views,
            text: None,
            file: FileState {
                path,
                original,
                history: History::new(),
                revision: 0,
                read_only: false,
                recovered: false,
                recovery_problem: None,
                standing_notice: None,
                save_as: None,
                open_after_save: None,
            },
            derived: Derived {
                evaluation: Evaluation::default(),
                prev: None,
                compared: None,
                text_cache: Default::default(),
                read_findings: Vec::new(),
                prev_unreadable: None,
                stale: true,
            },
            last_problem: None,
            count: None,
            typed_from_browsing: false,
            quit_goes_back: false,
        };
        app.enter_section(0);
        app.refresh();
        app
    }

    /// Opens the report read-only: nothing can be changed or saved.
    pub fn set_read_only(&mut self, read_only: bool) {
        self.file.read_only = read_only;
    }

    /// Quitting goes back to the review queue: the question about unsaved changes says so.
    pub fn set_quit_goes_back(&mut self) {
        self.quit_goes_back = true;
    }

    /// The context of the question asked before quitting with unsaved changes.
    pub fn confirm_quit_context(&self) -> super::keymap::Context {
        match self.quit_goes_back {
            true => super::keymap::Context::ConfirmBack,
            false => super::keymap::Context::ConfirmQuit,
        }
    }

    /// The report came from a recovery file over `on_disk`, the file as it is: it differs from
    /// the file until saved, and the recovered edits are one edit that `u` undoes, back to the
    /// file.
    pub fn set_recovered(&mut self, on_disk: &Report) {
        let Some(changes) = history::changes_between(on_disk, &self.report) else {
            // Another template's report: nothing to undo to, only a file to save.
            self.file.recovered = true;
            return;
        };
        // (No difference at all: the file's text still differs from what the recovery wrote, so
        // the first save still has to write it.)
        self.file.recovered = changes.is_empty();
        self.record_changes(changes);
    }

    /// What import could not take over from the published report shown: warnings among the
    /// findings, counted and listed as `check` and the review queue count them.
    pub fn set_import_anomalies(&mut self, anomalies: &[crate::import::Anomaly]) {
        self.derived.read_findings = anomalies.iter().map(crate::batch::import_finding).collect();
        self.changed();
        self.refresh();
    }

    /// What to do right after start: load last year's report if the file names one.
    pub fn startup_effects(&self) -> Vec<Effect> {
        crate::store::previous::path_of(&self.report, &self.file.path)
            .map(|path| Effect::Load {
                path,
                purpose: Purpose::Prev,
            })
            .into_iter()
            .collect()
    }

    pub fn report(&self) -> &Report {
        &self.report
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The latest message, or while there is none, a problem that lasts.
    pub fn message(&self) -> Option<&Message> {
        self.message
            .as_ref()
            .or(self.file.recovery_problem.as_ref())
            .or(self.file.standing_notice.as_ref())
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    pub fn path(&self) -> &std::path::Path {
        &self.file.path
    }

    /// The file's text when it was opened or last saved.
    pub fn original(&self) -> Option<&str> {
        self.file.original.as_deref()
    }

    pub fn is_read_only(&self) -> bool {
        self.file.read_only
    }

    /// Moves with every change to the report or the text being edited.
    pub fn revision(&self) -> u64 {
        self.file.revision
    }

    pub fn section(&self) -> usize {
        self.section
    }

    /// How the current section is shown.
    pub fn view(&self) -> SectionView {
        self.views[self.section]
    }

    /// The current section's grid as shown, if it is a section of tables.
    pub fn grid_view(&self) -> Option<GridView> {
        match self.views[self.section] {
            SectionView::Grid(g) => Some(g),
            SectionView::Text { .. } => None,
        }
    }

    /// The grid cursor, if the current section is one of tables.
    pub fn cursor(&self) -> Option<GridCursor> {
        self.grid_view().map(|g| g.cursor)
    }

    fn grid_view_mut(&mut self) -> Option<&mut GridView> {
        match &mut self.views[self.section] {
            SectionView::Grid(g) => Some(g),
            SectionView::Text { .. } => None,
        }
    }

    /// The text editor, if the current section is a text.
    pub fn text_editor(&self) -> Option<&text_editor::TextEditor> {
        self.text.as_ref()
    }

    /// The version given to `:diff`, and how this one differs from it.
    pub fn compared(&self) -> Option<&versions::Compared> {
        self.derived.compared.as_ref()
    }

    /// Every check of the report evaluated: what the status line shows.
    pub fn evaluation(&self) -> &Evaluation {
        &self.derived.evaluation
    }

    /// What is wrong, or probably wrong, in the report, as `check` says it.
    pub fn findings(&self) -> &[Finding] {
        &self.derived.evaluation.findings
    }

    pub fn is_text_section(&self) -> bool {
        self.report.template.sections[self.section].is_text()
    }

    /// Marks what follows from the report as out of date: [`App::update`] brings it up to date.
    fn changed(&mut self) {
        self.derived.stale = true;
    }

    /// Re-runs every rule and the comparison, if anything changed since they last ran; cheap
    /// enough (a few hundred additions) to do after each edit.
    fn refresh(&mut self) {
        if !self.derived.stale {
            return;
        }
        self.derived.stale = false;
        // The text being typed is checked as it stands, as the status line counts it: what its
        // sentences state followed the last commit, and an edit undone before Esc still showed
        // as contradicting the table.
        let live = self.edited_text();
        let committed = live.map(|t| std::mem::replace(&mut self.report.texts[self.section], t));
        let d = &mut self.derived;
        d.evaluation = rules::evaluate(&self.report, d.prev.as_ref(), &mut d.text_cache);
        if let Some(committed) = committed {
            self.report.texts[self.section] = committed;
        }
        let d = &mut self.derived;
        let read = d.read_findings.iter().chain(&d.prev_unreadable).cloned();
        d.evaluation.findings.splice(0..0, read);
        if let Some(compared) = &mut d.compared {
            compared.update(&self.report);
        }
    }

    /// Says `text` for as long as the file is open, whenever no other message is shown.
    pub fn say_while_open(&mut self, text: impl Into<String>) {
        self.file.standing_notice = Some(Message {
            text: text.into(),
            error: false,
        });
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
        let typed = self.typed_value();
        let effects = self.act(action);
        // The recovery file follows the value being typed in a cell too.
        if self.typed_value() != typed {
            self.file.revision += 1;
        }
        self.refresh();
        effects
    }

    fn act(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Key(key) => {
                self.offer_to_this_key();
                self.message = None;
                self.keeps_run = false;
                let effects = self.key(key);
                if !self.keeps_run {
                    self.tab_run = None;
                }
                self.offer_expires();
                effects
            }
            Action::Paste(text) => {
                self.override_offer = None;
                // A paste is an answer like a key: what was said before is old news.
                self.message = None;
                self.tab_run = None;
                self.paste(&text)
            }
            Action::Click { x, y } => {
                self.tab_run = None;
                self.override_offer = None;
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
                self.file.recovery_problem = failure.map(|why| Message {
                    text: msg::recovery_unwritable(&why, self.lang),
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
