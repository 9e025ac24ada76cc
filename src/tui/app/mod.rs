//! The editor's state and its one entry point, [`App::update`]: an action in, effects out. No I/O
//! and no terminal here, so every behaviour can be tested by feeding keys.

mod command;
mod grid;
pub mod history;
mod text;
pub mod versions;

use std::path::PathBuf;

use ratatui_textarea::TextArea;

use super::keymap::{self, Command, Context, Lookup};
use super::keys::{self, Key};
use crate::i18n::Lang;
use crate::report::Report;
use crate::rules::{self, Finding, PrevValues};
use crate::store;
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
    /// The file changed on disk since it was opened: overwrite it?
    ConfirmOverwrite {
        quit_after: bool,
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
    /// The file changed on disk since it was opened or saved.
    SaveConflict {
        quit_after: bool,
    },
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
    pub text: Option<TextArea<'static>>,
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

    pub fn is_modified(&self) -> bool {
        self.recovered || self.history.is_modified() || self.text_differs()
    }

    /// Records an edit for undo, and for the recovery file.
    fn record(&mut self, transaction: history::Transaction) {
        self.history.record(transaction);
        self.revision += 1;
    }

    /// The report as saving it now would write it, text being edited included: what the recovery
    /// file holds.
    pub fn snapshot_text(&self) -> String {
        let mut report = self.report.clone();
        if let Some(text) = self.edited_text() {
            report.texts[self.section] = text;
        }
        store::to_toml(&report, self.original.as_deref())
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
        self.findings = rules::check_report(&self.report, prev);
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
            Action::SaveConflict { quit_after } => {
                self.mode = Mode::ConfirmOverwrite { quit_after };
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

    fn key(&mut self, key: Key) -> Vec<Effect> {
        match self.mode.clone() {
            Mode::Help { .. } => {
                self.help_key(key);
                Vec::new()
            }
            Mode::Prompt { buffer } => self.prompt_key(key, buffer),
            Mode::ConfirmQuit => self.confirm_key(key),
            Mode::ConfirmOverwrite { quit_after } => {
                self.mode = Mode::Normal;
                if key.typed_char().map(|c| c.to_ascii_lowercase()) == Some('y') {
                    return self.write_effect(quit_after, None);
                }
                self.say(self.lang.pick(
                    "未保存：文件已被其他程序修改（修改仍在）",
                    "not saved: the file was changed by another program (your edits are kept)",
                ));
                Vec::new()
            }
            Mode::CellEdit { buffer } => self.cell_edit_key(key, buffer),
            Mode::TextEdit => self.text_edit_key(key),
            Mode::Normal => self.normal_key(key),
        }
    }

    fn normal_context(&self) -> Context {
        if self.is_text_section() {
            Context::Text
        } else {
            Context::Grid
        }
    }

    fn normal_key(&mut self, key: Key) -> Vec<Effect> {
        self.pending.push(key);
        let contexts = [self.normal_context(), Context::Normal];
        match keymap::lookup(&contexts, &self.pending) {
            Lookup::Prefix => Vec::new(),
            Lookup::None => {
                self.pending.clear();
                Vec::new()
            }
            Lookup::Command(command) => {
                let pressed = std::mem::take(&mut self.pending);
                if command == Command::TypeValue {
                    let typed = pressed[0]
                        .typed_char()
                        .map(String::from)
                        .unwrap_or_default();
                    self.start_cell_edit(typed);
                    return Vec::new();
                }
                self.normal_command(command)
            }
        }
    }

    fn normal_command(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::Help => self.mode = Mode::Help { scroll: 0 },
            Command::CommandLine => {
                self.mode = Mode::Prompt {
                    buffer: String::new(),
                }
            }
            Command::Save => return self.save(false),
            Command::Quit => return self.quit(false),
            Command::NextSection => {
                self.enter_section((self.section + 1) % self.report.template.sections.len())
            }
            Command::PrevSection => {
                let n = self.report.template.sections.len();
                self.enter_section((self.section + n - 1) % n);
            }
            Command::NextProblem => self.jump_to_problem(true),
            Command::PrevProblem => self.jump_to_problem(false),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::EditText => self.start_text_edit(),
            Command::EditCell => {
                let c = self.cursor();
                let table = &self.report.template.tables[c.table];
                let current = self.report.cell(c.table, c.row, c.column);
                let text = current
                    .map(|v| table.columns[c.column].kind.format(v))
                    .unwrap_or_default();
                self.start_cell_edit(text);
            }
            Command::ClearCell => self.set_current_cell(None),
            Command::FillZeroTable => self.fill_zero(false),
            Command::FillZeroReport => self.fill_zero(true),
            motion => {
                if self.is_text_section() {
                    self.text_motion(motion);
                } else {
                    self.grid_motion(motion);
                }
            }
        }
        Vec::new()
    }

    fn help_key(&mut self, key: Key) {
        let Mode::Help { scroll } = self.mode else {
            return;
        };
        self.pending.push(key);
        let page = self.size.1.saturating_sub(4) as usize;
        let scroll = match keymap::lookup(&[Context::Help], &self.pending) {
            Lookup::Prefix => return,
            Lookup::None => scroll,
            Lookup::Command(c) => match c {
                Command::Down => scroll + 1,
                Command::Up => scroll.saturating_sub(1),
                Command::PageDown => scroll + page,
                Command::PageUp => scroll.saturating_sub(page),
                Command::Top => 0,
                Command::Bottom => usize::MAX,
                _ => {
                    self.pending.clear();
                    self.mode = Mode::Normal;
                    return;
                }
            },
        };
        self.pending.clear();
        let last = super::view::help::line_count(self).saturating_sub(page);
        self.mode = Mode::Help {
            scroll: scroll.min(last),
        };
    }

    fn confirm_key(&mut self, key: Key) -> Vec<Effect> {
        match key.typed_char().map(|c| c.to_ascii_lowercase()) {
            Some('y') => {
                self.mode = Mode::Normal;
                self.save(true)
            }
            Some('n') => {
                self.quit = true;
                vec![Effect::Quit]
            }
            _ => {
                self.mode = Mode::Normal;
                self.say(self.lang.pick("已取消退出", "quit cancelled"));
                Vec::new()
            }
        }
    }

    /// Saves; `quit_after` quits once the file is safely written.
    pub fn save(&mut self, quit_after: bool) -> Vec<Effect> {
        if self.read_only {
            self.complain(
                self.lang
                    .pick("只读模式：不能保存", "read-only: nothing can be saved"),
            );
            return Vec::new();
        }
        self.commit_text();
        let expected = Some(self.original.clone());
        self.write_effect(quit_after, expected)
    }

    fn write_effect(&mut self, quit_after: bool, expected: Option<Option<String>>) -> Vec<Effect> {
        let text = store::to_toml(&self.report, self.original.as_deref());
        vec![Effect::Save {
            path: self.path.clone(),
            text,
            quit_after,
            expected,
        }]
    }

    fn saved(&mut self, result: Result<String, String>, quit_after: bool) -> Vec<Effect> {
        match result {
            Ok(text) => {
                self.original = Some(text);
                self.history.mark_saved();
                self.recovered = false;
                self.revision += 1;
                let shown = self.path.display().to_string();
                self.say(
                    self.lang
                        .pick(&format!("已保存 {shown}"), &format!("saved {shown}")),
                );
                if quit_after {
                    self.quit = true;
                    return vec![Effect::Quit];
                }
            }
            Err(e) => {
                self.complain(self.lang.pick(
                    &format!("保存失败：{e}（修改仍在，文件未改动）"),
                    &format!("save failed: {e} (your edits are kept; the file is unchanged)"),
                ));
            }
        }
        Vec::new()
    }

    /// Quits, or asks first when there are unsaved changes (unless `force`).
    pub fn quit(&mut self, force: bool) -> Vec<Effect> {
        self.commit_text();
        if self.is_modified() && !force && !self.read_only {
            self.mode = Mode::ConfirmQuit;
            return Vec::new();
        }
        self.quit = true;
        vec![Effect::Quit]
    }

    fn paste(&mut self, text: &str) -> Vec<Effect> {
        let in_grid = !self.is_text_section();
        match &mut self.mode {
            Mode::CellEdit { buffer } | Mode::Prompt { buffer } => {
                buffer.push_str(text.trim());
            }
            Mode::TextEdit => {
                if let Some(area) = &mut self.text {
                    area.insert_str(text.replace("\r\n", "\n"));
                    self.revision += 1;
                }
            }
            Mode::Normal if in_grid => self.paste_values(text),
            _ => {}
        }
        Vec::new()
    }

    fn undo(&mut self) {
        self.commit_text();
        match self.history.undo() {
            Some(t) => {
                self.apply(&t, true);
                self.say(self.lang.pick("已撤销", "undone"));
            }
            None => self.say(self.lang.pick("没有可撤销的修改", "nothing to undo")),
        }
    }

    fn redo(&mut self) {
        match self.history.redo() {
            Some(t) => {
                self.apply(&t, false);
                self.say(self.lang.pick("已重做", "redone"));
            }
            None => self.say(self.lang.pick("没有可重做的修改", "nothing to redo")),
        }
    }

    /// Applies a transaction forwards or backwards and goes to where it happened.
    fn apply(&mut self, t: &history::Transaction, backwards: bool) {
        for change in &t.changes {
            match change {
                history::Change::Cell {
                    table,
                    cell,
                    before,
                    after,
                } => {
                    self.report.tables[*table][*cell] = if backwards { *before } else { *after };
                }
                history::Change::Text {
                    section,
                    before,
                    after,
                } => {
                    self.report.texts[*section] = if backwards { before } else { after }.clone();
                }
            }
        }
        // The text editor shows the text before this change: rebuild it rather than fold it in.
        self.text = None;
        self.enter_section(t.section);
        self.cursors[t.section] = t.cursor;
        self.scroll_into_view();
        self.refresh();
        self.revision += 1;
    }
}

#[cfg(test)]
mod tests;
