//! Opening a file for editing, before the full-screen editor starts: load it whole or not at all,
//! take its lock (or say who holds it), and offer what a recovery file holds.

use std::io::{self, Write};
use std::path::PathBuf;

use super::app::App;
use super::terminal::{self, Ending};
use crate::i18n::Lang;
use crate::i18n::session as msg;
use crate::report::Report;
use crate::store::{self, lock, recovery};
use crate::template::Registry;
use crate::visible::visible;

/// Why the editor did not run or how it ended, for the exit status.
pub enum Outcome {
    Done,
    /// Something the user must read; exit status 2.
    Failed(String),
    /// The user chose not to go on; exit status 0.
    Declined,
    /// A signal ended the editor (its edits are in the recovery file); exit status 128 + it.
    Signal(i32),
}

/// Why the full-screen editor cannot run here, if it cannot: it needs a terminal on both
/// standard input and output, and one that can move the cursor.
pub fn terminal_problem(lang: Lang) -> Option<String> {
    // SAFETY: isatty only looks at the descriptors.
    let ttys = unsafe { libc::isatty(0) == 1 && libc::isatty(1) == 1 };
    if !ttys {
        return Some(msg::no_terminal(lang).to_string());
    }
    let term = std::env::var("TERM").unwrap_or_default();
    if term.is_empty() || term == "dumb" {
        let shown = if term.is_empty() {
            msg::term_not_set(lang)
        } else {
            "dumb"
        };
        return Some(msg::dumb_terminal(shown, lang));
    }
    None
}

/// A word for the user when the locale does not say UTF-8: the editor draws UTF-8 all the same
/// (the terminal on the user's side decides), but Chinese may then show as garbage.
fn locale_notice(lang: Lang) -> Option<String> {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "C".into());
    let lower = locale.to_ascii_lowercase();
    if lower.contains("utf-8") || lower.contains("utf8") {
        return None;
    }
    let shown = visible(&locale).into_owned();
    Some(msg::not_utf8(&shown, lang))
}

/// Asks a one-key question on the plain terminal: the answer is the key pressed, no Enter
/// needed (Enter answers `'\n'` where that is among `answers`); other keys are not answers and
/// are ignored. `None` for Esc, Ctrl-C, Ctrl-D, or a terminal that went away.
fn ask(question: &str, answers: &[char]) -> Option<char> {
    use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};
    print!("{question} ");
    let _ = io::stdout().flush();
    if ratatui::crossterm::terminal::enable_raw_mode().is_err() {
        return None;
    }
    let answer = loop {
        let key = match terminal::next_event() {
            terminal::Wait::Event(Event::Key(k)) if k.kind != KeyEventKind::Release => k,
            terminal::Wait::Event(_) | terminal::Wait::Idle => continue,
            terminal::Wait::HungUp(_) => break None,
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let answer = match key.code {
            KeyCode::Char('c' | 'd') if ctrl => break None,
            KeyCode::Esc => break None,
            KeyCode::Char(c) => c.to_ascii_lowercase(),
            KeyCode::Enter => '\n',
            _ => continue,
        };
        if answers.contains(&answer) {
            break Some(answer);
        }
    };
    let _ = ratatui::crossterm::terminal::disable_raw_mode();
    // The key pressed, as the answer a person reads back.
    match answer {
        Some(c) if c != '\n' => println!("{c}"),
        _ => println!(),
    }
    answer
}

/// Opens the editor on `file` and runs it to the end.
/// `new_report` is the report to start from when the file does not exist yet or is blank.
pub fn edit(
    file: PathBuf,
    mut registry: Registry,
    new_report: Option<Report>,
    read_only: bool,
    lang: Lang,
) -> Outcome {
    let shown = visible(&file.display().to_string()).into_owned();
    if let Some(problem) = terminal_problem(lang) {
        return Outcome::Failed(problem);
    }
    let (report, original) = match new_report {
        Some(report) if !file.exists() => (report, None),
        // A blank file is a report not written yet; its text is what the save expects to find
        // there still, so a file filled meanwhile is not overwritten unasked.
        Some(report) if let Some(blank) = store::blank_text(&file) => (report, Some(blank)),
        _ => match store::load_file(&file, &mut registry) {
            Ok((report, text)) => (report, Some(text)),
            Err(e) => return Outcome::Failed(e.text(lang)),
        },
    };
    let mut read_only = read_only;
    let mut lock = None;
    if !read_only {
        match lock::acquire(&file) {
            lock::Attempt::Taken(l) => lock = Some(l),
            lock::Attempt::Held(holder) => {
                let holder = visible(&holder.to_string()).into_owned();
                eprintln!("{}", msg::being_edited(&shown, &holder, lang));
                let question = msg::lock_question(lang);
                match ask(question, &['r', 't', 'q', '\n']) {
                    Some('r') | Some('\n') => read_only = true,
                    Some('t') => match lock::take_over(&file) {
                        lock::Attempt::Taken(l) => lock = Some(l),
                        _ => read_only = true,
                    },
                    _ => return Outcome::Declined,
                }
            }
            lock::Attempt::Unavailable(e) => {
                let e = crate::read::io_text(&e, lang);
                eprintln!("{}", msg::no_lock_file(&shown, &e, lang))
            }
        }
    }
    let mut app = App::new(report, file.clone(), original.clone(), lang);
    app.set_read_only(read_only);
    if !read_only {
        match recovery::find(&file, original.as_deref(), &mut registry) {
            None => {}
            Some(Err(corrupt)) => {
                let path = recovery::recovery_path(&file);
                let aside = recovery::set_aside(&path)
                    .map(|p| p.display().to_string())
                    .unwrap_or_default();
                let why = corrupt.text(lang);
                eprintln!(
                    "{}",
                    visible(&msg::recovery_corrupt(
                        &path.display().to_string(),
                        &why,
                        &aside,
                        lang
                    ))
                );
            }
            // Nothing unsaved after all: the recovered edits are what the file holds.
            Some(Ok(found)) if found.report == *app.report() => recovery::remove(&file),
            Some(Ok(found)) => loop {
                let by = visible(&found.by).into_owned();
                eprintln!("{}", msg::found_unsaved(&shown, &by, lang));
                if found.file_changed {
                    eprintln!("{}", msg::file_changed_since(lang));
                }
                let question = msg::recovery_question(lang);
                match ask(question, &['r', 'd', 'x', 'q']) {
                    Some('r') => {
                        app = App::new(found.report, file.clone(), original.clone(), lang);
                        app.set_recovered();
                        break;
                    }
                    Some('d') => {
                        let comparison = crate::diff::compare(app.report(), &found.report);
                        let _ = crate::cli::diff::write_text(
                            &mut io::stdout(),
                            msg::the_file(lang),
                            msg::the_unsaved_edits(lang),
                            app.report(),
                            &found.report,
                            &comparison,
                            lang,
                        );
                    }
                    Some('x') => {
                        recovery::remove(&file);
                        break;
                    }
                    _ => return Outcome::Declined,
                }
            },
        }
    }
    if let Some(notice) = locale_notice(lang) {
        app.say(notice);
    }
    match terminal::run(app, lock) {
        Ok(Ending::Quit) => Outcome::Done,
        Ok(Ending::Signal(signal)) => Outcome::Signal(signal),
        Ok(Ending::Hangup(why)) => Outcome::Failed(msg::hung_up(
            &why.text(lang),
            &recovery::recovery_path(&file).display().to_string(),
            lang,
        )),
        Err(e) => Outcome::Failed(crate::read::io_text(&e, lang)),
    }
}
