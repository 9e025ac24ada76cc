//! The reviewer's desk in the terminal (`nianbao review`): the queue of reports with what is wrong
//! across them, and the editor on the report opened from it. [`Desk::update`] takes the editor's
//! actions and gives effects, as the editor's app does; [`Desk::perform`] does them (reading a
//! report, saving the marks), for the terminal loop and for tests alike.

mod again;
mod marking;
mod view;

pub use view::render;

use std::path::Path;

use super::app::{self, Action, App, Mode};
use super::keymap::{self, Command, Context, Lookup};
use super::keys::{self, Key};
use super::session;
use super::terminal::{self, Editing, Screen};
use super::view::Theme;
use crate::batch::Status;
use crate::i18n::Lang;
use crate::i18n::review as msg;
use crate::review::queue::{Filter, Queue};
use crate::review::{self, RuleNames};
use crate::store::{self, lock, published, recovery};
use crate::template::Registry;
use crate::visible::visible;

/// Something the outside world must do for the desk.
#[derive(Debug)]
pub enum Effect {
    /// An effect of the editor open on a report.
    Editor(app::Effect),
    /// Read a report and open the editor on it.
    Open {
        item: usize,
        editable: bool,
    },
    /// Write the marks file.
    SaveMarks,
    Quit,
}

/// A line being typed at the foot of the queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Typing {
    /// The filter's text, applied as it is typed; `before` comes back on Esc.
    Filter { buffer: String, before: String },
    /// A note for an item.
    Note { item: usize, buffer: String },
}

/// The report open in the editor.
pub struct Opened {
    pub item: usize,
    pub editing: Editing,
}

pub struct Desk {
    queue: Queue,
    registry: Registry,
    lang: Lang,
    size: (u16, u16),
    /// The selected line, among those shown.
    cursor: usize,
    /// The first line shown.
    top: usize,
    typing: Option<Typing>,
    help: bool,
    pending: Vec<Key>,
    message: Option<app::Message>,
    /// Why the marks file could not be read: marks are then not saved, lest they be lost.
    marks_problem: Option<String>,
    open: Option<Opened>,
    /// The folders the queue was opened on, walked again when it reads them again (`r`).
    folders: Vec<std::path::PathBuf>,
}

impl Desk {
    pub fn new(
        queue: Queue,
        registry: Registry,
        marks_problem: Option<String>,
        lang: Lang,
    ) -> Desk {
        Desk {
            queue,
            registry,
            lang,
            size: (80, 24),
            cursor: 0,
            top: 0,
            typing: None,
            help: false,
            pending: Vec::new(),
            message: None,
            marks_problem,
            open: None,
            folders: Vec::new(),
        }
        .at_first_open()
    }

    /// The cursor on the first report still to review: a reviewer coming back the next day goes
    /// on where the work stopped, instead of from the top of a list reviewed halfway.
    fn at_first_open(mut self) -> Desk {
        let q = &self.queue;
        self.cursor = q
            .shown()
            .iter()
            .position(|&i| q.review(i).is_open())
            .unwrap_or(0);
        self.scroll();
        self
    }

    /// The folders the queue stands for: `r` walks them again, for the files added, changed and
    /// removed since it was opened.
    pub fn with_folders(mut self, folders: Vec<std::path::PathBuf>) -> Desk {
        self.folders = folders;
        self
    }

    pub fn queue(&self) -> &Queue {
        &self.queue
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn top(&self) -> usize {
        self.top
    }

    pub fn typing(&self) -> Option<&Typing> {
        self.typing.as_ref()
    }

    pub fn is_help(&self) -> bool {
        self.help
    }

    pub fn message(&self) -> Option<&app::Message> {
        self.message.as_ref()
    }

    pub fn marks_problem(&self) -> Option<&str> {
        self.marks_problem.as_deref()
    }

    /// The report open in the editor, if one is.
    pub fn opened(&self) -> Option<&Opened> {
        self.open.as_ref()
    }

    /// The item under the cursor.
    pub fn selected(&self) -> Option<usize> {
        self.queue.shown().get(self.cursor).copied()
    }

    fn say(&mut self, text: String) {
        self.message = Some(app::Message { text, error: false });
    }

    fn complain(&mut self, text: String) {
        self.message = Some(app::Message { text, error: true });
    }

    /// How many list lines the screen has room for (as the view lays it out).
    fn list_rows(&self) -> usize {
        view::list_rows(self)
    }

    /// Feeds keys written as in the keymap; for tests.
    pub fn press(&mut self, keys: &str) -> Vec<Effect> {
        let mut effects = Vec::new();
        for key in keys::parse(keys).expect("valid key notation") {
            effects.extend(self.update(Action::Key(key)));
        }
        effects
    }

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if let Action::Resize { width, height } = action {
            self.size = (width, height);
            if let Some(open) = &mut self.open {
                open.editing.app.update(Action::Resize {
                    width,
                    height: height.saturating_sub(1),
                });
            }
            self.scroll();
            return Vec::new();
        }
        if self.open.is_some() {
            return self.editor_action(action);
        }
        match action {
            Action::Key(key) => {
                self.message = None;
                self.key(key)
            }
            Action::Paste(text) => {
                let text: String = text
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                self.type_text(&text);
                Vec::new()
            }
            Action::Wheel { down } => {
                for _ in 0..3 {
                    self.step(if down { Command::Down } else { Command::Up });
                }
                Vec::new()
            }
            Action::Click { y, .. } => {
                if let Some(line) = view::line_at(self, y) {
                    self.cursor = line;
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// An action while a report is open: the desk's own keys, or the editor's.
    fn editor_action(&mut self, action: Action) -> Vec<Effect> {
        let open = self.open.as_mut().expect("a report is open");
        if let Action::Key(key) = &action
            && *open.editing.app.mode() == Mode::Normal
            && let Lookup::Command(command) = keymap::lookup(&[Context::Reviewing], &[*key])
        {
            return match command {
                // The editor's own quit: it asks about unsaved changes, then ends (Effect::Quit).
                Command::BackToQueue => open
                    .editing
                    .app
                    .press("<C-q>")
                    .into_iter()
                    .map(Effect::Editor)
                    .collect(),
                Command::NextReport | Command::PrevReport => {
                    if open.editing.app.is_modified() {
                        let save = keymap::key_for(Context::Normal, Command::Save);
                        let text = msg::save_before_moving(&save, self.lang);
                        open.editing.app.complain(text);
                        return Vec::new();
                    }
                    let editable = !open.editing.app.is_read_only();
                    let item = open.item;
                    // The next line that can be opened; files that cannot be read are passed by.
                    let shown = self.queue.shown();
                    let here = shown.iter().position(|&i| i == item).unwrap_or(self.cursor);
                    let readable =
                        |&p: &usize| self.queue.item(shown[p]).status != Status::Unreadable;
                    let next = if command == Command::NextReport {
                        (here + 1..shown.len()).find(readable)
                    } else {
                        (0..here).rev().find(readable)
                    };
                    let Some(next) = next else {
                        let text = match command {
                            Command::NextReport => msg::last_report(self.lang),
                            _ => msg::first_report(self.lang),
                        };
                        open.editing.app.say(text);
                        return Vec::new();
                    };
                    self.close();
                    self.cursor = next;
                    self.scroll();
                    self.open_selected(editable)
                }
                Command::ToggleReviewed => self.toggle_open(),
                _ => Vec::new(),
            };
        }
        open.editing
            .app
            .update(action)
            .into_iter()
            .map(Effect::Editor)
            .collect()
    }

    fn key(&mut self, key: Key) -> Vec<Effect> {
        if self.help {
            self.help = false;
            return Vec::new();
        }
        if self.typing.is_some() {
            return self.typing_key(key);
        }
        self.pending.push(key);
        let command = match keymap::lookup(&[Context::Queue], &self.pending) {
            Lookup::Prefix => return Vec::new(),
            Lookup::None => {
                self.pending.clear();
                return Vec::new();
            }
            Lookup::Command(command) => command,
        };
        self.pending.clear();
        match command {
            Command::OpenReport => self.open_selected(false),
            Command::OpenEditable => self.open_selected(true),
            Command::ToggleReviewed => self.toggle_reviewed(),
            Command::EditNote => {
                if let Some(item) = self.selected() {
                    let buffer = self.queue.note(item).to_string();
                    self.typing = Some(Typing::Note { item, buffer });
                }
                Vec::new()
            }
            Command::FilterText => {
                let before = self.queue.filter().text.clone();
                self.typing = Some(Typing::Filter {
                    buffer: before.clone(),
                    before,
                });
                Vec::new()
            }
            Command::OnlyOpen | Command::OnlyErrors | Command::ClearFilter => {
                let mut filter = self.queue.filter().clone();
                match command {
                    Command::OnlyOpen => filter.open_only = !filter.open_only,
                    Command::OnlyErrors => filter.errors_only = !filter.errors_only,
                    _ => filter = Filter::default(),
                }
                self.set_filter(filter);
                Vec::new()
            }
            Command::Help => {
                self.help = true;
                Vec::new()
            }
            Command::QuitReview => vec![Effect::Quit],
            Command::ReadAgain => {
                self.read_again();
                Vec::new()
            }
            other => {
                self.step(other);
                Vec::new()
            }
        }
    }

    /// A move of the cursor.
    fn step(&mut self, command: Command) {
        let last = self.queue.shown().len().saturating_sub(1);
        let page = self.list_rows().max(1);
        self.cursor = match command {
            Command::Down => (self.cursor + 1).min(last),
            Command::Up => self.cursor.saturating_sub(1),
            Command::PageDown => (self.cursor + page).min(last),
            Command::PageUp => self.cursor.saturating_sub(page),
            Command::Top => 0,
            Command::Bottom => last,
            _ => self.cursor,
        };
        self.scroll();
    }

    /// Keeps the cursor on a shown line, and that line on screen.
    fn scroll(&mut self) {
        let shown = self.queue.shown().len();
        self.cursor = self.cursor.min(shown.saturating_sub(1));
        let rows = self.list_rows().max(1);
        if self.cursor < self.top {
            self.top = self.cursor;
        } else if self.cursor >= self.top + rows {
            self.top = self.cursor + 1 - rows;
        }
        self.top = self.top.min(shown.saturating_sub(rows));
    }

    fn set_filter(&mut self, filter: Filter) {
        let selected = self.selected();
        self.queue.set_filter(filter);
        self.follow(selected);
    }

    /// Puts the cursor back on an item, if it is still shown.
    fn follow(&mut self, item: Option<usize>) {
        if let Some(pos) = item.and_then(|i| self.queue.shown().iter().position(|&s| s == i)) {
            self.cursor = pos;
        }
        self.scroll();
    }

    fn typing_key(&mut self, key: Key) -> Vec<Effect> {
        let Some(typing) = self.typing.clone() else {
            return Vec::new();
        };
        match keymap::lookup(&[Context::QueueLine], &[key]) {
            Lookup::Command(Command::Accept) => {
                self.typing = None;
                if let Typing::Note { item, buffer } = typing {
                    return self.set_note(item, buffer.trim().to_string());
                }
                Vec::new()
            }
            Lookup::Command(Command::Cancel) => {
                self.typing = None;
                if let Typing::Filter { before, .. } = typing {
                    let filter = Filter {
                        text: before,
                        ..self.queue.filter().clone()
                    };
                    self.set_filter(filter);
                }
                Vec::new()
            }
            Lookup::Command(Command::DeleteBack) => {
                self.edit_typed(|buffer| {
                    buffer.pop();
                });
                Vec::new()
            }
            _ => {
                if let Some(c) = key.typed_char() {
                    self.type_text(&c.to_string());
                }
                Vec::new()
            }
        }
    }

    fn type_text(&mut self, text: &str) {
        self.edit_typed(|buffer| buffer.push_str(text));
    }

    fn edit_typed(&mut self, edit: impl FnOnce(&mut String)) {
        let filter_text = match &mut self.typing {
            Some(Typing::Filter { buffer, .. }) => {
                edit(buffer);
                Some(buffer.clone())
            }
            Some(Typing::Note { buffer, .. }) => {
                edit(buffer);
                None
            }
            None => None,
        };
        if let Some(text) = filter_text {
            let filter = Filter {
                text,
                ..self.queue.filter().clone()
            };
            self.set_filter(filter);
        }
    }

    /// Whether marks can be changed: not when the marks file could not be read.
    fn marks_writable(&mut self) -> bool {
        if let Some(problem) = &self.marks_problem {
            let text = msg::marks_not_saved(problem, self.lang);
            self.complain(text);
            return false;
        }
        true
    }

    fn toggle_reviewed(&mut self) -> Vec<Effect> {
        let Some(item) = self.selected() else {
            return Vec::new();
        };
        if !self.marks_writable() {
            return Vec::new();
        }
        self.queue.toggle_reviewed(item);
        vec![Effect::SaveMarks]
    }

    fn set_note(&mut self, item: usize, note: String) -> Vec<Effect> {
        if !self.marks_writable() {
            return Vec::new();
        }
        self.queue.set_note(item, note);
        vec![Effect::SaveMarks]
    }

    fn open_selected(&mut self, editable: bool) -> Vec<Effect> {
        let Some(item) = self.selected() else {
            return Vec::new();
        };
        let summary = self.queue.item(item);
        if summary.status == Status::Unreadable {
            let shown = visible(self.queue.key(item)).into_owned();
            let why = visible(summary.problem.as_deref().unwrap_or_default()).into_owned();
            let text = msg::cannot_open(&shown, &why, self.lang);
            self.complain(text);
            return Vec::new();
        }
        vec![Effect::Open { item, editable }]
    }

    /// Closes the editor; a report that could be edited is checked again, as it may have changed.
    fn close(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let item = open.item;
        if !open.editing.app.is_read_only() {
            recovery::remove_own(open.editing.app.path());
        }
        drop(open);
        // Shown as it is on disk now, its line must say the same (a file changed since the
        // queue was opened showed its new verdict inside and its old one on its line).
        self.check_again(item);
        self.follow(Some(item));
    }

    /// Reads and checks an item's file again, as it is on disk now.
    fn check_again(&mut self, item: usize) {
        let mut names: RuleNames = self.queue.names().clone();
        let path = self.queue.item(item).path.clone();
        let summary = review::summarize_one(&path, &mut self.registry, &mut names, self.lang);
        self.queue.replace(item, summary, names);
    }

    /// Does one effect; the effects that follow, or `None` to end.
    pub fn perform(&mut self, effect: Effect) -> Option<Vec<Effect>> {
        match effect {
            Effect::Quit => None,
            Effect::SaveMarks if self.open.is_some() => {
                self.say_marked();
                Some(Vec::new())
            }
            Effect::SaveMarks => {
                match self.queue.marks().save() {
                    Ok(()) => {
                        let shown =
                            visible(&self.queue.marks().file().display().to_string()).into_owned();
                        let text = msg::saved_to(&shown, self.lang);
                        self.say(text);
                    }
                    Err(e) => {
                        let why = store::atomic::error_text(&e, self.lang);
                        let text = msg::marks_unwritable(&why, self.lang);
                        self.complain(text);
                    }
                }
                Some(Vec::new())
            }
            Effect::Open { item, editable } => Some(self.open_item(item, editable)),
            Effect::Editor(effect) => {
                let open = self.open.as_mut()?;
                let app = &mut open.editing.app;
                match terminal::perform(app, effect, &mut open.editing.lock) {
                    Some(action) => {
                        Some(app.update(action).into_iter().map(Effect::Editor).collect())
                    }
                    None => {
                        self.close();
                        Some(Vec::new())
                    }
                }
            }
        }
    }

    fn open_item(&mut self, item: usize, editable: bool) -> Vec<Effect> {
        let path = self.queue.item(item).path.to_path_buf();
        // A published report is shown as import reads it, and only shown: saving would write a
        // report file over the PDF or document.
        let (report, text, anomalies) = match published::load_any(&path, &mut self.registry) {
            Ok(loaded) => (loaded.report, loaded.text, loaded.imported.map(|(_, a)| a)),
            Err(e) => {
                // In the reviewer's language: the file may have been broken since the queue
                // was read.
                let lines = e.text(self.lang);
                let text = lines.replace('\n', crate::i18n::editor::separator(self.lang));
                let text = visible(&text).into_owned();
                self.complain(text);
                return Vec::new();
            }
        };
        let imported = anomalies.is_some();
        let editable = editable && !imported;
        let (lock, notice) = if editable {
            self.lock_for(&path, &text)
        } else {
            (None, None)
        };
        let read_only = !editable || (lock.is_none() && notice.is_some());
        let mut lock = lock;
        let mut app = App::new(report, path, Some(text), self.lang);
        app.set_read_only(read_only);
        app.set_quit_goes_back();
        if let Some(anomalies) = &anomalies {
            app.set_import_anomalies(anomalies);
        }
        app.update(Action::Resize {
            width: self.size.0,
            height: self.size.1.saturating_sub(1),
        });
        // Last year's report is read before the first problem is picked: its cross-year findings
        // are among those `n` visits and counts ("问题 1/3"), as the status line counts them.
        let mut effects = Vec::new();
        for effect in app.startup_effects() {
            if let Some(action) = terminal::perform(&mut app, effect, &mut lock) {
                effects.extend(app.update(action));
            }
        }
        // Opened at its first problem, if it has one.
        if !app.findings().is_empty() {
            let next = keymap::key_for(Context::Normal, Command::NextProblem);
            app.press(&next);
        }
        if let Some(notice) = notice {
            app.complain(notice);
        }
        if imported {
            let notice = session::imported_notice(app.path(), self.lang);
            app.say_while_open(notice);
        }
        self.open = Some(Opened {
            item,
            editing: Editing { app, lock },
        });
        effects.into_iter().map(Effect::Editor).collect()
    }

    /// The lock for editing a report, or why it is opened read-only after all (another editor
    /// holds it, or unsaved edits wait in its recovery file, to be dealt with by opening it alone).
    fn lock_for(&mut self, path: &Path, text: &str) -> (Option<lock::Lock>, Option<String>) {
        let shown = visible(&path.display().to_string()).into_owned();
        if recovery::find(path, Some(text), &mut self.registry).is_some() {
            let text = msg::has_recovery(&shown, self.lang);
            return (None, Some(text));
        }
        match lock::acquire(path) {
            lock::Attempt::Taken(l) => (Some(l), None),
            lock::Attempt::Held(holder) => {
                let holder = visible(&holder.to_string()).into_owned();
                let text = msg::held(&shown, &holder, self.lang);
                (None, Some(text))
            }
            lock::Attempt::Unavailable(_) => (None, None),
        }
    }
}

impl Screen for Desk {
    type Effect = Effect;

    fn update(&mut self, action: Action) -> Vec<Effect> {
        Desk::update(self, action)
    }

    fn startup(&mut self) -> Vec<Effect> {
        Vec::new()
    }

    fn render(&self, frame: &mut ratatui::Frame, theme: &Theme) {
        view::render(frame, self, theme)
    }

    fn editor(&self) -> Option<&App> {
        self.open.as_ref().map(|o| &o.editing.app)
    }

    fn recovery_written(&mut self, failing: Option<String>) {
        if let Some(open) = &mut self.open {
            open.editing.app.update(Action::RecoveryWritten(failing));
        }
    }

    fn perform(&mut self, effect: Effect) -> Option<Vec<Effect>> {
        Desk::perform(self, effect)
    }
}

/// Runs the desk in the terminal until the reviewer quits.
pub fn run(desk: Desk) -> std::io::Result<terminal::Ending> {
    terminal::run_screen(desk, None)
}

#[cfg(test)]
mod tests;
