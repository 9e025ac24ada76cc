//! The terminal benchmark's walk replayed in process, drawn by the lean backend into memory at
//! 80×24: the bytes of every press, their median, 90th percentile and maximum, without the pty
//! and in seconds, for trying a change to the view or the backend. With `--dump`, what each press
//! wrote (escaped); with `--status`, the two status lines after each;
//! with `--over N`, only presses over N bytes; with `--report FILE`, that report instead of the
//! sample (a new, empty one from `nianbao new` shows what typing from paper costs).
//!
//! `cargo run --release --example walk_bytes -- [--dump] [--status] [--over N] [--report FILE]`

#[path = "../benches/support/in_process.rs"]
#[allow(dead_code)]
mod in_process;
#[path = "../benches/support/walk.rs"]
#[allow(dead_code)]
mod walk;

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use nianbao::tui::Action;
use nianbao::tui::backend::LeanBackend;
use nianbao::tui::view::{self, Theme};
use ratatui::Terminal;
use ratatui::layout::Size;

/// A terminal that keeps everything it is sent.
#[derive(Clone, Default)]
struct Recorder(Rc<RefCell<Vec<u8>>>);

impl std::io::Write for Recorder {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dump = args.iter().any(|a| a == "--dump");
    let over: usize = args
        .iter()
        .position(|a| a == "--over")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(0);
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let report = match args.iter().position(|a| a == "--report") {
        Some(i) => std::path::PathBuf::from(&args[i + 1]),
        None => samples.join("shiyan-2024.toml"),
    };
    let started = std::time::Instant::now();
    let mut app = in_process::editor(&report, 80, 24);
    let loaded = started.elapsed();
    let sent = Recorder::default();
    let mut terminal =
        Terminal::new(LeanBackend::with_size(sent.clone(), Size::new(80, 24))).unwrap();
    let theme = Theme { color: true };
    let status = args.iter().any(|a| a == "--status");
    let mut draw = |app: &nianbao::tui::App| {
        let frame = terminal.draw(|f| view::render(f, app, &theme)).unwrap();
        if status {
            // The two status lines as drawn, to see which fields moved.
            for y in 22..24 {
                let line: String = (0..80)
                    .map(|x| frame.buffer[(x, y)].symbol().to_string())
                    .collect();
                println!("  |{line}|");
            }
        }
        std::mem::take(&mut *sent.0.borrow_mut())
    };
    let drawing = std::time::Instant::now();
    let first = draw(&app).len();
    println!(
        "first frame: {first} B; reports read, template compiled and checked in {:.2} ms, the \
         frame drawn and encoded in {:.2} ms",
        loaded.as_secs_f64() * 1000.0,
        drawing.elapsed().as_secs_f64() * 1000.0
    );
    let steps = walk::walk();
    let presses = steps
        .iter()
        .map(|(s, is_move)| {
            (
                format!("{} {} {}", s.section, s.key, s.at),
                walk::key_bytes(s.key),
                *is_move,
            )
        })
        .chain(
            walk::TYPING
                .iter()
                .map(|(name, keys)| (format!("typing {name}"), *keys, false)),
        );
    let mut moves = Vec::new();
    let mut typed = 0;
    let walking = std::time::Instant::now();
    for (i, (name, keys, is_move)) in presses.enumerate() {
        let mut written = Vec::new();
        for &byte in keys {
            let _ = app.update(Action::Key(in_process::key(byte)));
            written.extend(draw(&app));
        }
        if is_move && !written.is_empty() {
            moves.push(written.len());
        }
        if i >= steps.len() + 2 {
            typed += written.len();
        }
        if written.len() > over || !is_move {
            print!("{name}: {} B", written.len());
            if dump {
                print!("  {:?}", String::from_utf8_lossy(&written));
            }
            println!();
        }
    }
    let walked = walking.elapsed();
    moves.sort_unstable();
    let at = |p: f64| moves[((moves.len() - 1) as f64 * p).round() as usize];
    println!(
        "moves: {}, median {} B, 90th pct {} B, max {} B, over 120 B: {}; typing 12 Enter: {typed} B",
        moves.len(),
        at(0.5),
        at(0.9),
        at(1.0),
        moves.iter().filter(|&&b| b > 120).count()
    );
    println!(
        "every press updated, drawn and encoded in {:.3} ms on average",
        walked.as_secs_f64() * 1000.0 / (steps.len() + walk::TYPING.len()) as f64
    );
}
