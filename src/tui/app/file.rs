//! The file: saving (after checking nobody changed it), quitting, and what the recovery file holds.

use super::{App, Effect, Mode};
use crate::i18n::editor as msg;
use crate::rules;
use crate::store;
use crate::tui::keymap::{self, Command, Context, Lookup};
use crate::tui::keys::Key;

impl App {
    pub fn is_modified(&self) -> bool {
        self.file.recovered || self.file.history.is_modified() || self.text_differs()
    }

    /// Whether anything would be lost if the editor ended now: unsaved changes, or a value
    /// still being typed in a cell. The recovery file is kept while there is.
    pub fn has_unsaved_work(&self) -> bool {
        self.is_modified() || self.typed_value().is_some()
    }

    /// The report as it stands, the text being edited and the value being typed in a cell
    /// included: what the recovery file holds. It is rendered fresh rather than edited into the
    /// file's own text: this runs after every edit (every keystroke in a text), and recovering
    /// saves in place anyway.
    pub fn snapshot_text(&self) -> String {
        let mut report = self.report.clone();
        if let Some(text) = self.edited_text() {
            report.texts[self.section] = text;
        }
        if let Some((t, cell, value)) = self.typed_value() {
            let template = report.template.clone();
            rules::set_cell(
                &template.tables[t],
                &mut report.tables[t],
                cell,
                Some(value),
            );
        }
        store::render_new(&report)
    }

    /// Saves; `quit_after` quits once the file is safely written.
    pub fn save(&mut self, quit_after: bool) -> Vec<Effect> {
        if self.file.read_only {
            self.complain(msg::read_only_no_save(self.lang));
            return Vec::new();
        }
        self.commit_text();
        let expected = Some(self.file.original.clone());
        self.write_effect(quit_after, expected)
    }

    pub(super) fn write_effect(
        &mut self,
        quit_after: bool,
        expected: Option<Option<String>>,
    ) -> Vec<Effect> {
        let text = store::to_toml(&self.report, self.file.original.as_deref());
        let path = self
            .file
            .save_as
            .clone()
            .unwrap_or_else(|| self.file.path.clone());
        vec![Effect::Save {
            path,
            text,
            quit_after,
            expected,
        }]
    }

    pub(super) fn saved(
        &mut self,
        result: Result<String, String>,
        quit_after: bool,
    ) -> Vec<Effect> {
        match result {
            Ok(text) => {
                if let Some(path) = self.file.save_as.take() {
                    // Saved under another name: editing goes on there.
                    self.file.path = path;
                }
                self.file.original = Some(text);
                self.file.history.mark_saved();
                self.file.recovered = false;
                self.file.revision += 1;
                let shown = self.file.path.display().to_string();
                self.say(msg::saved(&shown, self.lang));
                if quit_after {
                    return vec![Effect::Quit];
                }
                if let Some(path) = self.file.open_after_save.take() {
                    return vec![Effect::Open { path }];
                }
            }
            Err(e) => {
                self.file.save_as = None;
                self.file.open_after_save = None;
                self.complain(msg::save_failed(&e, self.lang));
            }
        }
        Vec::new()
    }

    /// Saves under another name (`:w FILE`), then goes on editing that file; a file already
    /// there is replaced only when the user says so.
    pub fn save_as(&mut self, path: std::path::PathBuf) -> Vec<Effect> {
        if self.file.read_only {
            self.complain(msg::read_only_no_save(self.lang));
            return Vec::new();
        }
        self.commit_text();
        self.file.save_as = Some(path);
        self.write_effect(false, Some(None))
    }

    /// A save that asked first was not written: the name it was to have is forgotten too.
    pub(super) fn save_declined(&mut self) {
        self.file.save_as = None;
        self.file.open_after_save = None;
    }

    /// The answer to "open another report with unsaved changes here?".
    pub(super) fn confirm_open_key(&mut self, key: Key, path: std::path::PathBuf) -> Vec<Effect> {
        self.mode = Mode::Normal;
        match keymap::lookup(&[Context::ConfirmOpen], &[key]) {
            Lookup::Command(Command::SaveAndOpen) => {
                self.file.open_after_save = Some(path);
                self.save(false)
            }
            Lookup::Command(Command::OpenWithoutSaving) => vec![Effect::Open { path }],
            _ => {
                self.say(msg::not_opened(self.lang));
                Vec::new()
            }
        }
    }

    /// Opens another report (`:e FILE`), asking first when there are unsaved changes here
    /// (unless `force`, `:e!`).
    pub fn open(&mut self, path: std::path::PathBuf, force: bool) -> Vec<Effect> {
        self.commit_text();
        if self.is_modified() && !force && !self.file.read_only {
            self.mode = Mode::ConfirmOpen { path };
            return Vec::new();
        }
        vec![Effect::Open { path }]
    }

    /// Quits, or asks first when there are unsaved changes (unless `force`).
    pub fn quit(&mut self, force: bool) -> Vec<Effect> {
        self.commit_text();
        if self.is_modified() && !force && !self.file.read_only {
            self.mode = Mode::ConfirmQuit;
            return Vec::new();
        }
        vec![Effect::Quit]
    }
}
