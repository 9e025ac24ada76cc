//! The real terminal: set it up, run the event loop, do the app's effects, keep the recovery file
//! current, and always put the terminal back as it was — on quit, on a signal, on a vanished
//! terminal and on a panic.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

use super::app::{Action, App, Effect};
use super::backend::LeanBackend;
use super::keys::Key;
use super::view::{self, Theme};
use crate::store::guard::{self, Doubt};
use crate::store::lock::{self, Lock};
use crate::store::{self, recovery};
use crate::template::Registry;

type Tty = Terminal<LeanBackend<io::BufWriter<io::Stdout>>>;

/// How an editing session ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// The terminal went away (EOF or an error reading it): unsaved edits are in the recovery file.
    Hangup(String),
    /// A signal ended the editor (SIGHUP, SIGTERM, …): unsaved edits are in the recovery file.
    Signal(i32),
}

/// Puts the terminal back as the user had it: raw mode off, main screen back, mouse and
/// bracketed paste off, cursor shown. Safe to call more than once, and from a signal thread.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Signals that reached the editor, for the main loop to act on (a signal thread must not touch
/// the terminal or the report while the main thread draws).
#[derive(Default)]
struct Signals {
    /// SIGHUP, SIGTERM, SIGINT or SIGQUIT: save the recovery file and end.
    end: AtomicI32,
    /// SIGTSTP (job control): put the terminal back and stop.
    stop: AtomicBool,
    /// SIGCONT: continued after a stop, the screen must be drawn anew.
    cont: AtomicBool,
}

/// How long the main loop waits for a key before it looks at signals and deferred work again.
const TICK: Duration = Duration::from_millis(100);

/// How long an ending signal waits for the main loop to write the recovery file and leave in
/// order, before the signal thread leaves on its own (the main loop may be stuck on a terminal
/// that is gone).
const GRACE: Duration = Duration::from_secs(2);

/// Catches the signals the editor handles on a thread of their own, which only records them;
/// the main loop acts. A second ending signal, or the main loop not leaving within [`GRACE`], ends
/// the process from here, after putting the terminal back and letting go of the lock.
fn watch_signals(lock: Option<PathBuf>) -> io::Result<Arc<Signals>> {
    use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let flags = Arc::new(Signals::default());
    let mut signals =
        signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    let seen = flags.clone();
    std::thread::spawn(move || {
        for signal in signals.forever() {
            match signal {
                SIGTSTP => seen.stop.store(true, Ordering::SeqCst),
                SIGCONT => seen.cont.store(true, Ordering::SeqCst),
                _ => {
                    seen.end.store(signal, Ordering::SeqCst);
                    let deadline = std::time::Instant::now() + GRACE;
                    while std::time::Instant::now() < deadline {
                        std::thread::sleep(TICK);
                    }
                    restore();
                    if let Some(lock) = &lock {
                        lock::release(lock);
                    }
                    std::process::exit(128 + signal);
                }
            }
        }
    });
    Ok(flags)
}

/// Enters the editor's terminal state: raw mode, the alternate screen, mouse and paste reports.
fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    // Cleared here rather than by ratatui, which would ask the terminal where its cursor is.
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        Clear(ClearType::All),
        EnableMouseCapture,
        EnableBracketedPaste
    )
}

/// What the event loop drives: the editor on one file, or the reviewer's queue with the editor on
/// the report it opened. The loop reads keys, draws, keeps the recovery file of the editor open,
/// and does each effect through [`Screen::perform`].
pub trait Screen {
    type Effect;
    fn update(&mut self, action: Action) -> Vec<Self::Effect>;
    /// What to do right after start.
    fn startup(&mut self) -> Vec<Self::Effect>;
    fn render(&self, frame: &mut ratatui::Frame, theme: &Theme);
    /// The editor whose unsaved edits the recovery file keeps, if one is open.
    fn editor(&self) -> Option<&App>;
    /// Tells the editor its recovery file was written (`None`) or why it could not be.
    fn recovery_written(&mut self, failing: Option<String>);
    /// Does one effect: the effects that follow, or `None` to end.
    fn perform(&mut self, effect: Self::Effect) -> Option<Vec<Self::Effect>>;
}

/// The editor on one file, with the lock that keeps other editors off it.
pub struct Editing {
    pub app: App,
    pub lock: Option<Lock>,
}

impl Screen for Editing {
    type Effect = Effect;

    fn update(&mut self, action: Action) -> Vec<Effect> {
        self.app.update(action)
    }

    fn startup(&mut self) -> Vec<Effect> {
        self.app.startup_effects()
    }

    fn render(&self, frame: &mut ratatui::Frame, theme: &Theme) {
        view::render(frame, &self.app, theme)
    }

    fn editor(&self) -> Option<&App> {
        Some(&self.app)
    }

    fn recovery_written(&mut self, failing: Option<String>) {
        self.app.update(Action::RecoveryWritten(failing));
    }

    fn perform(&mut self, effect: Effect) -> Option<Vec<Effect>> {
        match perform(&mut self.app, effect, self.lock.as_ref()) {
            Some(action) => Some(self.app.update(action)),
            None => {
                if !self.app.is_read_only() {
                    recovery::remove_own(self.app.path());
                }
                None
            }
        }
    }
}

/// Runs the editor until the user quits, a signal ends it or the terminal goes away.
pub fn run(app: App, lock: Option<Lock>) -> io::Result<Ending> {
    let lock_path = lock.as_ref().map(|l| l.path().to_path_buf());
    run_screen(Editing { app, lock }, lock_path)
}

/// Runs a screen until it ends, a signal ends it or the terminal goes away; `lock_path` is let go
/// of if the process must end from the signal thread.
pub fn run_screen<S: Screen>(screen: S, lock_path: Option<PathBuf>) -> io::Result<Ending> {
    let previous = std::panic::take_hook();
    let panic_lock = lock_path.clone();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        if let Some(lock) = &panic_lock {
            lock::release(lock);
        }
        previous(info);
    }));
    let signals = watch_signals(lock_path)?;
    let result = enter().and_then(|()| {
        let backend = LeanBackend::new(io::BufWriter::with_capacity(1 << 16, io::stdout()));
        let mut terminal = Terminal::new(backend)?;
        event_loop(&mut terminal, screen, &signals)
    });
    restore();
    result
}

/// Keeps the recovery file in step with unsaved edits. Writing it costs time in proportion to
/// the report; when that is more than a few milliseconds (a huge report), it is written at most
/// every ten times as long as a write takes, and whenever the user pauses, so that typing stays
/// fast whatever the size.
struct Recovery {
    /// The file and the revision last written (another file may be open by now, from the queue).
    written: Option<(PathBuf, u64)>,
    /// When the last write ended and how long it took.
    last: Option<(Instant, Duration)>,
    /// Why the last write failed, while it fails.
    failing: Option<String>,
}

impl Recovery {
    /// Brings the recovery file up to date, unless that is deferred (`force` never defers).
    /// Returns the new failure state when it changed, for the app to show.
    fn sync(&mut self, app: Option<&App>, force: bool) -> Option<Option<String>> {
        let app = app?;
        if app.is_read_only() || (self.is_current(app) && self.failing.is_none()) {
            return None;
        }
        if !force
            && let Some((ended, took)) = self.last
            && took > Duration::from_millis(5)
            && ended.elapsed() < took * 10
        {
            return None;
        }
        let started = Instant::now();
        let result = if app.has_unsaved_work() {
            recovery::write(app.path(), &app.snapshot_text(), app.original())
                .map_err(|e| store::atomic::error_text(&e, app.lang()))
        } else {
            recovery::remove_own(app.path());
            Ok(())
        };
        self.last = Some((Instant::now(), started.elapsed()));
        self.written = Some((app.path().to_path_buf(), app.revision()));
        let failing = result.err();
        if failing == self.failing {
            return None;
        }
        self.failing = failing.clone();
        Some(failing)
    }

    fn is_current(&self, app: &App) -> bool {
        self.written
            .as_ref()
            .is_some_and(|(path, revision)| path == app.path() && *revision == app.revision())
    }

    /// Whether edits wait to be written.
    fn behind(&self, app: Option<&App>) -> bool {
        app.is_some_and(|app| {
            !app.is_read_only() && (!self.is_current(app) || self.failing.is_some())
        })
    }
}

fn event_loop<S: Screen>(terminal: &mut Tty, mut app: S, signals: &Signals) -> io::Result<Ending> {
    let mut recovery = Recovery {
        written: None,
        last: None,
        failing: None,
    };
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        run_events(terminal, &mut app, signals, &mut recovery)
    }));
    run.unwrap_or_else(|panic| {
        // A bug ended the editor. Recovery writes may be deferred while keys come fast and the
        // disk is slow: the edits since the last one go to the file now, before the crash goes
        // on (the panic hook has put the terminal back). A second panic here must not hide the
        // first.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            recovery.sync(app.editor(), true)
        }));
        std::panic::resume_unwind(panic)
    })
}

fn run_events<S: Screen>(
    terminal: &mut Tty,
    app: &mut S,
    signals: &Signals,
    recovery: &mut Recovery,
) -> io::Result<Ending> {
    let theme = Theme::from_env();
    let size = terminal.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    let mut pending = app.startup();
    let mut draw = true;
    loop {
        while !pending.is_empty() {
            let effects = std::mem::take(&mut pending);
            for effect in effects {
                match app.perform(effect) {
                    Some(more) => pending.extend(more),
                    None => return Ok(Ending::Quit),
                }
            }
        }
        let signal = signals.end.load(Ordering::SeqCst);
        if signal != 0 {
            recovery.sync(app.editor(), true);
            return Ok(Ending::Signal(signal));
        }
        if signals.stop.swap(false, Ordering::SeqCst) {
            recovery.sync(app.editor(), true);
            suspend()?;
            redraw_all(terminal)?;
            draw = true;
        }
        if signals.cont.swap(false, Ordering::SeqCst) {
            redraw_all(terminal)?;
            draw = true;
        }
        if let Some(failing) = recovery.sync(app.editor(), false) {
            app.recovery_written(failing);
            draw = true;
        }
        if draw {
            terminal.draw(|frame| app.render(frame, &theme))?;
            draw = false;
        }
        let event = match next_event() {
            Wait::Event(event) => event,
            // Deferred recovery writes happen when the user pauses: a tick without a key.
            Wait::Idle => {
                if recovery.behind(app.editor())
                    && let Some(failing) = recovery.sync(app.editor(), true)
                {
                    app.recovery_written(failing);
                    draw = true;
                }
                continue;
            }
            Wait::HungUp(why) => {
                recovery.sync(app.editor(), true);
                return Ok(Ending::Hangup(why));
            }
        };
        let action = match event {
            Event::Key(k) if k.kind != KeyEventKind::Release => Action::Key(Key::from_event(&k)),
            Event::Paste(text) => Action::Paste(text),
            Event::Mouse(m) => match m.kind {
                MouseEventKind::Down(MouseButton::Left) => Action::Click {
                    x: m.column,
                    y: m.row,
                },
                MouseEventKind::ScrollDown => Action::Wheel { down: true },
                MouseEventKind::ScrollUp => Action::Wheel { down: false },
                _ => continue,
            },
            Event::Resize(width, height) => Action::Resize { width, height },
            _ => continue,
        };
        pending = app.update(action);
        draw = true;
    }
}

pub(super) enum Wait {
    Event(Event),
    /// No input for a [`TICK`].
    Idle,
    /// The terminal is gone (the SSH connection dropped): why.
    HungUp(String),
}

/// Whether the terminal on standard input has input, within `timeout`; `Err` when it hung up.
fn terminal_readable(timeout: Duration) -> Result<bool, String> {
    let mut fd = libc::pollfd {
        fd: 0,
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
    // SAFETY: one valid pollfd.
    let n = unsafe { libc::poll(&mut fd, 1, ms) };
    if n < 0 {
        let e = io::Error::last_os_error();
        return if e.kind() == io::ErrorKind::Interrupted {
            Ok(false)
        } else {
            Err(e.to_string())
        };
    }
    if fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Err("hangup".into());
    }
    Ok(n > 0)
}

/// The next event, or a tick without one. The terminal is watched for a hangup before crossterm
/// reads it: on a terminal that is gone, crossterm's reader loops forever (read returns 0 and it
/// tries again), so it must never be asked then.
pub(super) fn next_event() -> Wait {
    let ready = |timeout| match terminal_readable(timeout) {
        Err(why) => Err(Wait::HungUp(why)),
        Ok(readable) => Ok(readable),
    };
    let mut waited = false;
    loop {
        if let Err(hangup) = ready(Duration::ZERO) {
            return hangup;
        }
        // Events crossterm has read already (several keys from one read, a paste) come first.
        match event::poll(Duration::ZERO) {
            Ok(true) => {
                return match event::read() {
                    Ok(event) => Wait::Event(event),
                    Err(e) => Wait::HungUp(e.to_string()),
                };
            }
            Ok(false) if waited => return Wait::Idle,
            Ok(false) => {}
            Err(e) => return Wait::HungUp(e.to_string()),
        }
        match ready(TICK) {
            Err(hangup) => return hangup,
            Ok(true) => {}
            Ok(false) => waited = true,
        }
    }
}

/// Makes the next draw paint the whole screen (after a stop, the shell drew over it). Not
/// `Terminal::clear`, which asks the terminal where its cursor is and waits for the answer.
fn redraw_all(terminal: &mut Tty) -> io::Result<()> {
    use ratatui::backend::{Backend, ClearType as Clearing};
    terminal.backend_mut().clear_region(Clearing::All)?;
    // Both buffers blank: the next frame is compared with an empty screen, so all of it is drawn.
    terminal.swap_buffers();
    Ok(())
}

/// Stops the process as job control asked (SIGTSTP), with the terminal as the shell expects it;
/// continued (`fg`), takes the terminal back.
fn suspend() -> io::Result<()> {
    restore();
    // SAFETY: raising a signal on ourselves; SIGSTOP cannot be caught, so this stops here until
    // SIGCONT.
    unsafe {
        libc::raise(libc::SIGSTOP);
    }
    enter()
}

/// Does one effect of the editor; returns what happened as an action for the app, or `None` to
/// quit.
pub fn perform(app: &mut App, effect: Effect, lock: Option<&Lock>) -> Option<Action> {
    match effect {
        Effect::Quit => None,
        Effect::Save {
            path,
            text,
            quit_after,
            expected,
        } => {
            if let Some(expected) = expected {
                let mut doubts = guard::doubts(&path, &expected);
                if let Some(holder) = lock.and_then(Lock::lost) {
                    let holder = holder.map(|h| h.to_string());
                    doubts.insert(0, Doubt::LockTaken(holder));
                }
                if !doubts.is_empty() {
                    return Some(Action::SaveConflict { quit_after, doubts });
                }
            }
            let result = store::atomic::write_atomic(&path, text.as_bytes())
                .map(|()| text)
                .map_err(|e| store::atomic::error_text(&e, app.lang()));
            if result.is_ok()
                && let Some(lock) = lock
            {
                lock.refresh();
            }
            Some(Action::Saved { result, quit_after })
        }
        Effect::Load { path, purpose } => {
            let mut registry = Registry::default();
            registry.insert(app.report().template.clone());
            let result = store::load_file(Path::new(&path), &mut registry)
                .map(|(report, _)| report)
                .map_err(|e| e.text(app.lang()));
            Some(Action::Loaded {
                path,
                purpose,
                result,
            })
        }
    }
}
