//! The real terminal: set it up, run the event loop, do the app's effects, keep the recovery file
//! current, and always put the terminal back as it was — on quit, on a signal, on a vanished
//! terminal and on a panic.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
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
use crate::i18n::session as msg;
use crate::store::guard::{self, Doubt};
use crate::store::lock::{self, Lock};
use crate::store::{self, published, recovery};
use crate::template::Registry;

/// Where frames go: standard output, buffered so that a frame leaves in one write.
type Out = io::BufWriter<io::Stdout>;

/// Set (to anything) in the environment, draws with ratatui's stock crossterm backend instead
/// of the lean one: for the terminal benchmark, which measures what the lean one saves. Not a
/// user's option, so not in `--help`.
pub const STOCK_BACKEND_VAR: &str = "NIANBAO_STOCK_BACKEND";

/// How an editing session ended.
#[derive(Debug)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// The terminal went away (EOF or an error reading it): unsaved edits are in the recovery file.
    Hangup(Gone),
    /// A signal ended the editor (SIGHUP, SIGTERM, …): unsaved edits are in the recovery file.
    Signal(i32),
}

/// Puts the terminal back as the user had it: raw mode off, main screen back, mouse and
/// bracketed paste off, cursor shown. Safe to call more than once, and from a signal thread.
pub fn restore() {
    let mut out = io::stdout();
    // The lean backend leaves a scrolling region set between frames; the shell needs the whole
    // screen back.
    let _ = out.write_all(super::backend::RESET_REGION.as_bytes());
    // …and its tab stops, which the lean backend sets where the grid's columns are.
    let _ = out.write_all(super::backend::reset_tabs().as_bytes());
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
/// that is gone). Generous: the recovery write ends with fsync, which on a busy server's disk can
/// take seconds, and leaving before it ends loses the edits since the last write.
const GRACE: Duration = Duration::from_secs(5);

/// Catches the signals the editor handles on a thread of their own, which only records them;
/// the main loop acts. A second ending signal, or the main loop not leaving within [`GRACE`], ends
/// the process from here, after putting the terminal back and letting go of the lock.
fn watch_signals() -> io::Result<Arc<Signals>> {
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
                    release_held();
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
        match perform(&mut self.app, effect, &mut self.lock) {
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
    hold(lock_path);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        release_held();
        previous(info);
    }));
    let signals = watch_signals()?;
    let result = enter().and_then(|()| {
        let out = || io::BufWriter::with_capacity(1 << 16, io::stdout());
        if std::env::var_os(STOCK_BACKEND_VAR).is_some() {
            let mut terminal = Terminal::new(CrosstermBackend::new(out()))?;
            event_loop(&mut terminal, screen, &signals)
        } else {
            let mut terminal = Terminal::new(LeanBackend::<Out>::new(out()))?;
            event_loop(&mut terminal, screen, &signals)
        }
    });
    restore();
    result
}

/// The lock file this session holds, for the panic hook and the signal thread to let go of: it
/// changes when the user saves under another name (`:w FILE`) or opens another report (`:e FILE`).
static HELD: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

fn hold(path: Option<PathBuf>) {
    // A panic while it was held leaves the mutex poisoned; the path in it is still right.
    *HELD.lock().unwrap_or_else(|p| p.into_inner()) = path;
}

fn release_held() {
    let path = HELD.lock().unwrap_or_else(|p| p.into_inner()).clone();
    if let Some(path) = path {
        lock::release(&path);
    }
}

/// Replaces the lock the editor holds (the old one is let go of as it is dropped).
fn set_lock(slot: &mut Option<Lock>, lock: Option<Lock>) {
    hold(lock.as_ref().map(|l| l.path().to_path_buf()));
    *slot = lock;
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

fn event_loop<S: Screen, B: Backend<Error = io::Error>>(
    terminal: &mut Terminal<B>,
    mut app: S,
    signals: &Signals,
) -> io::Result<Ending> {
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

fn run_events<S: Screen, B: Backend<Error = io::Error>>(
    terminal: &mut Terminal<B>,
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
    HungUp(Gone),
}

/// Why the terminal is gone: it hung up, or reading it failed.
#[derive(Debug)]
pub enum Gone {
    HungUp,
    Failed(io::Error),
}

impl Gone {
    /// Why, in the user's language.
    pub fn text(&self, lang: crate::i18n::Lang) -> String {
        match self {
            Gone::HungUp => msg::hangup(lang).to_string(),
            Gone::Failed(e) => crate::read::io_text(e, lang),
        }
    }
}

/// Whether the terminal on standard input has input, within `timeout`; `Err` when it hung up.
fn terminal_readable(timeout: Duration) -> Result<bool, Gone> {
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
            Err(Gone::Failed(e))
        };
    }
    if fd.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
        return Err(Gone::HungUp);
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
    let mut woken = false;
    loop {
        let unread = match ready(Duration::ZERO) {
            Err(hangup) => return hangup,
            Ok(unread) => unread,
        };
        // Events crossterm has read already (several keys from one read, a paste) come first.
        match event::poll(Duration::ZERO) {
            Ok(true) => {
                return match event::read() {
                    Ok(event) => Wait::Event(event),
                    Err(e) => Wait::HungUp(Gone::Failed(e)),
                };
            }
            Ok(false) if unread => {
                // The terminal holds input crossterm does not see (see `wake_reader`). Where
                // waking it does not work, the input waits for the next key, as it did, but
                // without spinning a processor meanwhile.
                if woken {
                    std::thread::sleep(UNSEEN_INPUT_WAIT);
                }
                wake_reader();
                woken = true;
            }
            Ok(false) if waited => return Wait::Idle,
            Ok(false) => {}
            Err(e) => return Wait::HungUp(Gone::Failed(e)),
        }
        match ready(TICK) {
            Err(hangup) => return hangup,
            Ok(true) => {}
            Ok(false) => waited = true,
        }
    }
}

/// How long [`next_event`] waits before it wakes crossterm's reader again, when waking it did
/// not make it read.
const UNSEEN_INPUT_WAIT: Duration = Duration::from_millis(10);

/// Makes crossterm read input it left in the terminal. Its reader (mio's, edge-triggered on
/// Linux) reads the terminal only when the kernel reports new input, and stops reading at the
/// first event of a read: of a burst longer than its 1,024-byte buffer (an input method's
/// commit, a paste from a terminal without bracketed paste, keys typed while the editor was
/// busy) the rest stayed in the terminal, unseen until another key came, and the editor looked
/// hung. Setting the terminal's attributes to what they are wakes whatever waits to read it
/// (the kernel's line discipline does on every change of attributes), which the reader takes for
/// new input; nothing typed is lost or reordered.
fn wake_reader() {
    // SAFETY: a termios read from standard input and written back unchanged, TCSANOW (not
    // TCSAFLUSH, which would discard the unread input).
    unsafe {
        let mut attributes: libc::termios = std::mem::zeroed();
        if libc::tcgetattr(libc::STDIN_FILENO, &mut attributes) == 0 {
            libc::tcsetattr(libc::STDIN_FILENO, libc::TCSANOW, &attributes);
        }
    }
}

/// Makes the next draw paint the whole screen (after a stop, the shell drew over it). Not
/// `Terminal::clear`, which asks the terminal where its cursor is and waits for the answer.
fn redraw_all<B: Backend<Error = io::Error>>(terminal: &mut Terminal<B>) -> io::Result<()> {
    use ratatui::backend::ClearType as Clearing;
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

/// Opens the report in `path` for `:e FILE`: read whole, its lock taken. `None`, with the
/// reason told in the current editor, when it cannot be opened; then editing goes on here.
fn open_other(app: &mut App, path: &Path, slot: &mut Option<Lock>) -> Option<App> {
    let lang = app.lang();
    let shown = crate::visible::visible(&path.display().to_string()).into_owned();
    // `:e!` on the report being edited reads it again, its edits given up: the recovery file
    // beside it is this editor's own, not an earlier session's to recover.
    let same = lock::resolve(path) == lock::resolve(app.path());
    if recovery::recovery_path(path).exists() && !(same && recovery::is_own(path)) {
        app.complain(msg::other_has_recovery(&shown, lang));
        return None;
    }
    let mut registry = Registry::default();
    registry.insert(app.report().template.clone());
    // A file not there yet (or empty) is a new report, as `nianbao FILE` opens one: in the
    // format of the report being edited, the next body's report begun from inside the editor.
    let new = !published::is_published(path)
        && (!path.exists() || crate::store::blank_text(path).is_some());
    let (report, text, anomalies) = if new {
        let report = crate::report::Report::new(app.report().template.clone());
        (report, crate::store::blank_text(path), None)
    } else {
        match published::load_any(path, &mut registry) {
            Ok(loaded) => (
                loaded.report,
                Some(loaded.text),
                loaded.imported.map(|(_, a)| a),
            ),
            Err(e) => {
                let why = crate::visible::visible(&e.reasons(lang)).into_owned();
                app.complain(msg::cannot_open(&shown, &why, lang));
                return None;
            }
        }
    };
    let imported = anomalies.is_some();
    // A published report is shown as import reads it, not to be saved over.
    let mut read_only = app.is_read_only() || imported;
    let mut held_by = None;
    let lock = if read_only {
        None
    } else if same && slot.is_some() {
        // Its lock is ours already: taken again and the old one dropped, the file would go.
        slot.take()
    } else {
        match lock::acquire(path) {
            lock::Attempt::Taken(l) => Some(l),
            lock::Attempt::Held(holder) => {
                // Someone else edits it: read it, change nothing.
                read_only = true;
                held_by = Some(crate::visible::visible(&holder.to_string()).into_owned());
                None
            }
            lock::Attempt::Unavailable(_) => None,
        }
    };
    if !app.is_read_only() {
        // What was unsaved here was saved or given up: its recovery file goes, as on quitting.
        recovery::remove_own(app.path());
    }
    set_lock(slot, lock);
    let mut other = App::new(report, path.to_path_buf(), text, lang);
    other.set_read_only(read_only);
    if let Some(anomalies) = &anomalies {
        other.set_import_anomalies(anomalies);
    }
    match held_by {
        Some(holder) => other.complain(msg::opened_read_only(&shown, &holder, lang)),
        None if imported => other.say_while_open(super::session::imported_notice(path, lang)),
        None if new => other.say(msg::opened_new(&shown, lang)),
        None => other.say(msg::opened(&shown, lang)),
    }
    Some(other)
}

/// Does one effect of the editor; returns what happened as an action for the app, or `None` to
/// quit. `lock` is the editor's file's, replaced when it saves under another name or opens
/// another report.
pub fn perform(app: &mut App, effect: Effect, lock: &mut Option<Lock>) -> Option<Action> {
    match effect {
        Effect::Quit => None,
        Effect::Open { path } => {
            let (width, height) = app.size();
            if let Some(mut other) = open_other(app, &path, lock) {
                other.update(Action::Resize { width, height });
                let startup = other.startup_effects();
                *app = other;
                // Last year's report of the one opened, as when the editor starts.
                for effect in startup {
                    if let Some(action) = perform(app, effect, lock) {
                        app.update(action);
                    }
                }
            }
            // Nothing more happened: the same size again, which changes nothing.
            Some(Action::Resize { width, height })
        }
        Effect::Save {
            path,
            text,
            quit_after,
            expected,
        } => {
            let renamed = lock::resolve(&path) != lock::resolve(app.path());
            if let Some(expected) = expected {
                let mut doubts = guard::doubts(&path, &expected);
                if !renamed && let Some(holder) = lock.as_ref().and_then(Lock::lost) {
                    let holder = holder.map(|h| h.to_string());
                    doubts.insert(0, Doubt::LockTaken(holder));
                }
                if !doubts.is_empty() {
                    return Some(Action::SaveConflict { quit_after, doubts });
                }
            }
            // Saving under another name (`:w FILE`): editing goes on there, so its lock is
            // taken first; another editor's file is not written.
            let mut new_lock = None;
            if renamed && !app.is_read_only() {
                match lock::acquire(&path) {
                    lock::Attempt::Taken(l) => new_lock = Some(l),
                    lock::Attempt::Held(holder) => {
                        let holder = holder.to_string();
                        return Some(Action::Saved {
                            result: Err(msg::held_by(
                                &path.display().to_string(),
                                &holder,
                                app.lang(),
                            )),
                            quit_after,
                        });
                    }
                    lock::Attempt::Unavailable(_) => {}
                }
            }
            let result = store::atomic::write_atomic(&path, text.as_bytes())
                .map(|()| text)
                .map_err(|e| store::atomic::error_text(&e, app.lang()));
            if result.is_ok() {
                if renamed {
                    // The old name's recovery file holds nothing the new file does not.
                    recovery::remove_own(app.path());
                    set_lock(lock, new_lock);
                } else if let Some(lock) = lock.as_ref() {
                    lock.refresh();
                }
            }
            Some(Action::Saved { result, quit_after })
        }
        Effect::Load { path, purpose } => {
            let mut registry = Registry::default();
            registry.insert(app.report().template.clone());
            let result =
                published::load_any(Path::new(&path), &mut registry).map(|loaded| loaded.report);
            Some(Action::Loaded {
                path,
                purpose,
                result,
            })
        }
    }
}
