//! Opening a file for editing, before the full-screen editor starts: load it whole or not at all,
//! take its lock (or say who holds it), and offer what a recovery file holds.

use std::io::{self, Write};
use std::path::PathBuf;

use super::app::App;
use super::terminal::{self, Ending};
use crate::i18n::Lang;
use crate::i18n::session as msg;
use crate::report::Report;
use crate::store::{self, lock, published, recovery};
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
    // A published report (a PDF, a Word document) is shown as import reads it, read-only:
    // saving would write a report file over it.
    let mut imported = false;
    let mut anomalies = Vec::new();
    let (report, original) = match new_report {
        Some(report) if !file.exists() => (report, None),
        // A blank file is a report not written yet; its text is what the save expects to find
        // there still, so a file filled meanwhile is not overwritten unasked.
        Some(report) if let Some(blank) = store::blank_text(&file) => (report, Some(blank)),
        _ => match published::load_any(&file, &mut registry) {
            Ok(loaded) => {
                imported = loaded.imported.is_some();
                anomalies = loaded.imported.map(|(_, a)| a).unwrap_or_default();
                (loaded.report, Some(loaded.text))
            }
            Err(e) => return Outcome::Failed(e.text(lang)),
        },
    };
    let mut read_only = read_only || imported;
    let mut lock = None;
    if !read_only {
        match lock::acquire(&file) {
            lock::Attempt::Taken(l) => lock = Some(l),
            lock::Attempt::Held(holder) => {
                let runs_here = holder.runs_here();
                let pid = holder.pid;
                let holder = visible(&holder.to_string()).into_owned();
                eprintln!("{}", msg::being_edited(&shown, &holder, lang));
                // An editor known to be running is not taken over: both would save over each
                // other's work. Only one that cannot be checked (another host) may be.
                let (question, keys): (_, &[char]) = if runs_here {
                    eprintln!("{}", msg::holder_still_runs(pid, lang));
                    (msg::lock_question_running(lang), &['r', 'q', '\n'])
                } else {
                    (msg::lock_question(lang), &['r', 't', 'q', '\n'])
                };
                match ask(question, keys) {
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
    if !read_only
        && let Some(recovered) = offer_recovery(&file, &original, app.report(), &mut registry, lang)
    {
        match recovered {
            Offer::Declined => return Outcome::Declined,
            Offer::Kept => {}
            Offer::Recovered(recovered) => app = *recovered,
            Offer::SetAside(notice) => app.say(notice),
        }
    }
    if let Some(notice) = locale_notice(lang) {
        app.say(notice);
    }
    if imported {
        app.set_import_anomalies(&anomalies);
        app.say_while_open(imported_notice(&file, lang));
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

/// What the editor says on opening a published report: how to change it.
pub fn imported_notice(file: &std::path::Path, lang: Lang) -> String {
    let command = visible(&published::import_command(file)).into_owned();
    crate::i18n::editor::imported_read_only(&command, lang)
}

/// What became of a recovery file found beside the report.
enum Offer {
    /// The user quit.
    Declined,
    /// Discarded, or nothing unsaved: the file is edited as it is.
    Kept,
    /// The editor on the recovered report.
    Recovered(Box<App>),
    /// It could not be trusted and was set aside; what the editor says about it.
    SetAside(String),
}

/// Offers what a recovery file of `file` holds: recover, compare or discard. `original` is the
/// file's text now. When the file changed on disk since the edits began and the version they
/// began from was kept, recovering merges: only the unsaved edits go onto the file's new text,
/// so a change saved meanwhile (by a colleague, a `git pull`) is not undone.
fn offer_recovery(
    file: &std::path::Path,
    original: &Option<String>,
    on_disk: &Report,
    registry: &mut Registry,
    lang: Lang,
) -> Option<Offer> {
    let shown = visible(&file.display().to_string()).into_owned();
    let found = match recovery::find(file, original.as_deref(), registry)? {
        Err(corrupt) => return Some(set_aside(file, &corrupt, lang)),
        Ok(found) => found,
    };
    // Nothing unsaved after all: the recovered edits are what the file holds.
    if found.report == *on_disk {
        recovery::remove(file);
        return Some(Offer::Kept);
    }
    let merged = match (&found.base, found.file_changed) {
        (Some(base), true) => crate::merge::merge(base, &found.report, on_disk),
        _ => None,
    };
    let by = visible(&found.by).into_owned();
    eprintln!("{}", msg::found_unsaved(&shown, &by, lang));
    if found.file_changed {
        eprintln!("{}", msg::file_changed_since(lang));
        match &merged {
            Some(m) => {
                eprintln!("{}", msg::recovery_merges(lang));
                if !m.conflicts.is_empty() {
                    eprintln!("{}", msg::recovery_conflicts(m.conflicts.len(), lang));
                }
            }
            None => eprintln!("{}", msg::recovery_overwrites(lang)),
        }
    }
    loop {
        match ask(msg::recovery_question(lang), &['r', 'd', 'x', 'q']) {
            Some('r') => {
                let mut app = match merged {
                    // Merged onto the file as it is now: saving it asks nothing more.
                    Some(m) => {
                        let mut app =
                            App::new(m.report, file.to_path_buf(), original.clone(), lang);
                        if !m.conflicts.is_empty() {
                            app.say(msg::recovered_with_conflicts(m.conflicts.len(), lang));
                        }
                        app
                    }
                    // The recovered report as the recovery file wrote it: a file changed since
                    // no longer holds that text, so the first save asks before replacing it.
                    None if found.file_changed => {
                        App::new(found.report, file.to_path_buf(), Some(found.text), lang)
                    }
                    None => App::new(found.report, file.to_path_buf(), original.clone(), lang),
                };
                app.set_recovered(on_disk);
                return Some(Offer::Recovered(Box::new(app)));
            }
            Some('d') => {
                let mut out = io::stdout();
                let _ = match (&found.base, &merged) {
                    (Some(base), Some(_)) => crate::cli::diff::write_text(
                        &mut out,
                        msg::the_file_as_opened(lang),
                        msg::the_unsaved_edits(lang),
                        base,
                        &found.report,
                        &crate::diff::compare(base, &found.report),
                        lang,
                    )
                    .and_then(|()| {
                        crate::cli::diff::write_text(
                            &mut out,
                            msg::the_file_as_opened(lang),
                            msg::the_file_now(lang),
                            base,
                            on_disk,
                            &crate::diff::compare(base, on_disk),
                            lang,
                        )
                    }),
                    _ => crate::cli::diff::write_text(
                        &mut out,
                        msg::the_file(lang),
                        msg::the_unsaved_edits(lang),
                        on_disk,
                        &found.report,
                        &crate::diff::compare(on_disk, &found.report),
                        lang,
                    ),
                };
            }
            Some('x') => {
                recovery::remove(file);
                return Some(Offer::Kept);
            }
            _ => return Some(Offer::Declined),
        }
    }
}

/// Sets an untrustworthy recovery file aside and says so before the screen starts, waiting for
/// a key: the editor's screen would cover the notice at once, and the unsaved work it held is
/// now only in the file set aside.
fn set_aside(file: &std::path::Path, corrupt: &recovery::Corrupt, lang: Lang) -> Offer {
    let path = recovery::recovery_path(file);
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
    match ask(msg::corrupt_question(lang), &['\n', 'q']) {
        Some('\n') => Offer::SetAside(visible(&msg::recovery_set_aside(&aside, lang)).into_owned()),
        _ => Offer::Declined,
    }
}
