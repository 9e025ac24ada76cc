//! The `:` command line, for everything that has no key of its own.

use std::path::PathBuf;

use super::{App, Effect, Mode, Purpose};
use crate::i18n::Lang;
use crate::tui::keys::Key;
use ratatui::crossterm::event::KeyCode;

impl App {
    pub(super) fn prompt_key(&mut self, key: Key, mut buffer: String) -> Vec<Effect> {
        match key.code {
            KeyCode::Esc => self.mode = Mode::Normal,
            KeyCode::Enter => {
                self.mode = Mode::Normal;
                return self.run_command(buffer.trim());
            }
            KeyCode::Backspace if buffer.is_empty() => self.mode = Mode::Normal,
            KeyCode::Backspace => {
                buffer.pop();
                self.mode = Mode::Prompt { buffer };
            }
            _ => {
                if let Some(c) = key.typed_char() {
                    buffer.push(c);
                }
                self.mode = Mode::Prompt { buffer };
            }
        }
        Vec::new()
    }

    /// Runs one `:` command.
    pub fn run_command(&mut self, line: &str) -> Vec<Effect> {
        let (name, arg) = match line.split_once(char::is_whitespace) {
            Some((n, a)) => (n, a.trim()),
            None => (line, ""),
        };
        match (name, arg) {
            ("w", "") | ("write", "") => return self.save(false),
            ("wq", "") | ("x", "") => return self.save(true),
            ("q", "") | ("quit", "") => return self.quit(false),
            ("q!", "") | ("quit!", "") => return self.quit(true),
            ("fill", "") => self.fill_derived(),
            ("zero", "") => self.fill_zero(false),
            ("zero", "all") => self.fill_zero(true),
            ("prev", path) if !path.is_empty() => {
                return vec![Effect::Load {
                    path: PathBuf::from(path),
                    purpose: Purpose::Prev,
                }];
            }
            ("diff", path) if !path.is_empty() => {
                return vec![Effect::Load {
                    path: PathBuf::from(path),
                    purpose: Purpose::Diff,
                }];
            }
            ("nodiff", "") => {
                self.compared = None;
                self.say(
                    self.lang
                        .pick("不再标出不同之处", "no longer marking differences"),
                );
            }
            ("noprev", "") => {
                self.prev = None;
                self.refresh();
                self.say(
                    self.lang
                        .pick("不再与上年报告核对", "no longer checking against last year"),
                );
            }
            ("lang", "zh") => self.lang = Lang::Zh,
            ("lang", "en") => self.lang = Lang::En,
            ("help", "") | ("h", "") => self.mode = Mode::Help { scroll: 0 },
            ("", "") => {}
            // Lets the tests see what a crash does to the terminal and the unsaved edits.
            #[cfg(debug_assertions)]
            ("debug-panic", "") => panic!("panic requested with :debug-panic"),
            _ => self.complain(self.lang.pick(
                &format!("未知命令 :{line}（? 查看帮助）"),
                &format!("unknown command :{line} (? for help)"),
            )),
        }
        Vec::new()
    }
}
