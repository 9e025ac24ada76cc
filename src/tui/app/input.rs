//! Keys: which command a key means in the current mode, and doing it.

use super::{App, Effect, Mode};
use crate::i18n::editor as msg;
use crate::tui::keymap::{self, Command, Context, Lookup};
use crate::tui::keys::Key;
use ratatui::crossterm::event::KeyCode;

/// The largest count a motion takes: more would only wait at the edge of the table.
const MAX_COUNT: usize = 9999;

/// Motions a count repeats (`3j`, `5l`, `2n`).
fn is_counted(command: Command) -> bool {
    matches!(
        command,
        Command::Left
            | Command::Right
            | Command::Up
            | Command::Down
            | Command::PageUp
            | Command::PageDown
            | Command::NextProblem
            | Command::PrevProblem
            | Command::NextSection
            | Command::PrevSection
    )
}

impl App {
    /// Digits typed from browsing, then a letter motion a value cannot hold (`3j`): the digits
    /// were a count, as in vim, and the status line says so. Arrows, Home, End and the page keys
    /// commit the digits as a value instead, as a spreadsheet does (`CommitSideways`, …).
    pub(super) fn counted_motion(&mut self, buffer: &str, key: Key) -> Option<Vec<Effect>> {
        if !self.typed_from_browsing
            || key.typed_char().is_none()
            || buffer.is_empty()
            || !buffer.bytes().all(|b| b.is_ascii_digit())
            || keymap::lookup(&[Context::CellEdit], &[key]) != Lookup::None
        {
            return None;
        }
        let Lookup::Command(command) =
            keymap::lookup(&[self.normal_context(), Context::Normal], &[key])
        else {
            return None;
        };
        if !is_counted(command) {
            return None;
        }
        let count = buffer.parse::<usize>().ok()?.clamp(1, MAX_COUNT);
        self.mode = Mode::Normal;
        self.typed_from_browsing = false;
        let mut effects = Vec::new();
        for _ in 0..count {
            effects.extend(self.normal_command(command));
        }
        // Unless the motion had its own word to say (`n`: the problem), the digits were not lost
        // without a word.
        if self.message.is_none() {
            self.say(msg::typed_as_count(buffer, self.lang));
        }
        Some(effects)
    }

    pub(super) fn key(&mut self, key: Key) -> Vec<Effect> {
        // On the grid an input method left in full-width mode types `１２．５`: the digits and
        // marks of a value, typed as the ASCII ones they stand for. Texts keep what is typed.
        let on_grid = match self.mode {
            Mode::CellEdit { .. } => true,
            Mode::Normal => !self.is_text_section(),
            _ => false,
        };
        let key = match key.code {
            KeyCode::Char(c) if on_grid => {
                Key::new(KeyCode::Char(crate::numerals::half_width(c)), key.mods)
            }
            _ => key,
        };
        match self.mode.clone() {
            Mode::Help { .. } => {
                self.help_key(key);
                Vec::new()
            }
            Mode::Problems { .. } => {
                self.problems_key(key);
                Vec::new()
            }
            Mode::Prompt { buffer } => self.prompt_key(key, buffer),
            Mode::ConfirmQuit => self.confirm_key(key),
            Mode::ConfirmOpen { path } => self.confirm_open_key(key, path),
            Mode::ConfirmOverwrite { quit_after, .. } => {
                self.mode = Mode::Normal;
                let lookup = keymap::lookup(&[Context::ConfirmOverwrite], &[key]);
                if lookup == Lookup::Command(Command::SaveAnyway) {
                    return self.write_effect(quit_after, None);
                }
                self.save_declined();
                self.say(msg::not_saved(self.lang));
                Vec::new()
            }
            Mode::CellEdit { buffer } => self.cell_edit_key(key, buffer),
            Mode::TextEdit => self.text_edit_key(key),
            Mode::Normal => self.normal_key(key),
        }
    }

    pub(super) fn normal_context(&self) -> Context {
        if self.is_text_section() {
            Context::Text
        } else {
            Context::Grid
        }
    }

    pub(super) fn normal_key(&mut self, key: Key) -> Vec<Effect> {
        // In a text, digits type nothing while browsing: they count the motion after them (3j).
        // So they do in a read-only grid, where no value can be typed.
        if (self.is_text_section() || self.is_read_only())
            && self.pending.is_empty()
            && let Some(d) = key.typed_char().and_then(|c| c.to_digit(10))
            && (d > 0 || self.count.is_some())
        {
            self.count = Some((self.count.unwrap_or(0) * 10 + d as usize).min(MAX_COUNT));
            return Vec::new();
        }
        let count = self.count.take().unwrap_or(1);
        self.pending.push(key);
        let contexts = [self.normal_context(), Context::Normal];
        match keymap::lookup(&contexts, &self.pending) {
            Lookup::Prefix => Vec::new(),
            Lookup::None => {
                self.pending.clear();
                // A character no key does anything with was typed, as if to write it: say
                // what to do, rather than nothing (a letter in a grid, Chinese with the input
                // method still on after a text).
                if let Some(c) = key
                    .typed_char()
                    .filter(|c| !c.is_control() && !c.is_whitespace())
                {
                    let typed = crate::visible::visible(&c.to_string()).into_owned();
                    let said = if self.is_text_section() {
                        msg::no_such_key_in_text(&typed, self.lang)
                    } else {
                        msg::no_such_key_in_grid(&typed, self.lang)
                    };
                    self.say(said);
                }
                Vec::new()
            }
            Lookup::Command(command) => {
                let pressed = std::mem::take(&mut self.pending);
                if command == Command::TypeValue {
                    // Typing a value goes on with a run of Tabs: `v1 Tab v2 … Enter`.
                    self.keeps_run = true;
                    let typed = pressed[0]
                        .typed_char()
                        .map(String::from)
                        .unwrap_or_default();
                    self.start_cell_edit(typed);
                    self.typed_from_browsing = true;
                    return Vec::new();
                }
                if is_counted(command) {
                    let mut effects = Vec::new();
                    for _ in 0..count {
                        effects.extend(self.normal_command(command));
                    }
                    return effects;
                }
                self.normal_command(command)
            }
        }
    }

    pub(super) fn normal_command(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::Help => self.mode = Mode::Help { scroll: 0 },
            Command::CommandLine => {
                self.searching = false;
                self.mode = Mode::Prompt {
                    buffer: String::new(),
                }
            }
            Command::Search => self.start_search(),
            Command::Save => return self.save(false),
            Command::Quit => return self.quit(false),
            Command::HowToQuit => self.say_how_to_quit(),
            Command::NextSection => {
                self.enter_section((self.section + 1) % self.report.template.sections.len())
            }
            Command::PrevSection => {
                let n = self.report.template.sections.len();
                self.enter_section((self.section + n - 1) % n);
            }
            Command::NextProblem => self.jump_to_problem(true),
            Command::PrevProblem => self.jump_to_problem(false),
            Command::Problems => self.open_problems(),
            Command::Undo => return self.undo(),
            Command::Redo => return self.redo(),
            Command::EditText => self.start_text_edit(),
            Command::EditCell => self.edit_current_cell(),
            Command::EditOrNextRow => self.edit_or_next_row(),
            Command::NextCell => self.tab(true),
            Command::PrevCell => self.tab(false),
            Command::OverrideTotal => self.start_override(),
            Command::ClearCell => self.clear_current_cell(),
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

    /// Ctrl-C quits most programs; here it says which keys do, so nothing is lost by habit.
    pub(super) fn say_how_to_quit(&mut self) {
        let quit = keymap::key_for(Context::Normal, Command::Quit);
        self.say(msg::how_to_quit(&quit, self.lang));
    }

    pub(super) fn help_key(&mut self, key: Key) {
        let Mode::Help { scroll } = self.mode else {
            return;
        };
        self.pending.push(key);
        let page = self.layout().help_page();
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
        let last = self.layout().help_scroll_limit(self.lang);
        self.mode = Mode::Help {
            scroll: scroll.min(last),
        };
    }

    pub(super) fn confirm_key(&mut self, key: Key) -> Vec<Effect> {
        match keymap::lookup(&[self.confirm_quit_context()], &[key]) {
            Lookup::Command(Command::SaveAndQuit | Command::SaveAndGoBack) => {
                self.mode = Mode::Normal;
                self.save(true)
            }
            Lookup::Command(Command::QuitWithoutSaving | Command::GoBackWithoutSaving) => {
                vec![Effect::Quit]
            }
            _ => {
                self.mode = Mode::Normal;
                self.say(msg::quit_cancelled(self.lang));
                Vec::new()
            }
        }
    }
}
