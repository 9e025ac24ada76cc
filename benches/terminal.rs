//! `cargo bench --bench terminal`: the release editor in a real pseudo-terminal at 80×24 on the
//! sample report, measured against its targets: time to the first full frame (beside a bare ratatui
//! table's, started the same way), bytes and time per cursor move, bytes and time to type a value
//! and commit it, and peak memory; then the same keys in process, drawn by the lean backend and
//! by ratatui's stock crossterm backend, to show what the lean one saves.
//!
//! The time of a key is from writing it to the pty to the last byte of the redraw it causes (the
//! redraw has ended when the editor has been quiet for `QUIET`). Bytes are everything the editor
//! wrote in answer: what an SSH link would carry.

#[path = "support/bare_table.rs"]
mod bare_table;
#[path = "support/in_process.rs"]
mod in_process;
#[path = "../tests/support/openpty.rs"]
mod openpty;
#[path = "support/pty.rs"]
mod pty;
#[path = "support/walk.rs"]
mod walk;

use std::path::Path;
use std::time::{Duration, Instant};

use pty::{Answer, Term};
use walk::{Step, TYPING, key_bytes, walk};

const COLS: u16 = 80;
const ROWS: u16 = 24;
const QUIET: Duration = Duration::from_millis(30);
/// Starts of the editor timed for the first frame, walks among them included.
const STARTS: usize = 15;
/// Walks over the sample, each on a fresh editor.
const RUNS: usize = 3;

/// Whether a redraw scrolled the grid: it fed a line on a margin (a line feed not after a
/// carriage return, a reverse line feed), inserted or deleted lines or set a scrolling region, or
/// it drew on more rows than a move touches (the cell left, the cell entered, the status line, a
/// section's count).
fn scrolls(answer: &[u8]) -> bool {
    let text = String::from_utf8_lossy(answer);
    let mut rows = std::collections::BTreeSet::new();
    let fed = answer
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'\n' && (i == 0 || answer[i - 1] != b'\r'));
    let mut moved = fed || text.contains("\x1bM");
    for sequence in text.split('\x1b').skip(1) {
        let Some(body) = sequence.strip_prefix('[') else {
            continue;
        };
        let end = body
            .find(|c: char| c.is_ascii_alphabetic())
            .unwrap_or(body.len());
        match body[end..].chars().next() {
            Some('r') if end > 0 => moved = true,
            Some('L' | 'M') => moved = true,
            Some('H') => {
                rows.insert(body[..end].split(';').next().unwrap_or("1").to_string());
            }
            _ => {}
        }
    }
    moved || rows.len() > 4
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[((v.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Starts `exe ARGS` and waits for its first frame, which is whole when `ready` is on the screen;
/// the time is that of the frame's last byte.
fn start(exe: &Path, args: &[&Path], env: &[(&str, &str)], ready: &str) -> (Term, Duration) {
    let mut term = Term::spawn(exe, args, env, COLS, ROWS);
    let (_, last) = term.drain(Duration::from_millis(150), Duration::from_secs(10));
    let first = last.expect("the program drew something") - term.started;
    assert!(term.text().contains(ready), "no full first frame");
    (term, first)
}

/// The file status line is the editor's last line drawn: its mode word means the frame is whole.
const EDITOR_READY: &str = "浏览";
const BARE_READY: &str = "三、收到和处理";

fn quit(mut term: Term, keys: &[u8]) {
    term.press(keys, QUIET);
    assert!(
        term.wait(Duration::from_secs(5)),
        "the program did not quit"
    );
}

/// The editor's environment for each backend: the stock one is picked by a hidden variable.
const LEAN: &[(&str, &str)] = &[];
const STOCK: &[(&str, &str)] = &[("NIANBAO_STOCK_BACKEND", "1")];

/// README's one file for a server, measured beside the release build when it has been built: a
/// clerk on a server over SSH runs that one, and it maps no shared libc.
const STATIC_BUILD: &str = "target/x86_64-unknown-linux-musl/release/nianbao";

/// The static build, if it is there; said if it is not, or older than the build measured.
fn static_build(exe: &Path) -> Option<std::path::PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(STATIC_BUILD);
    let built = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let Some(made) = built(&path) else {
        println!(
            "The static build is not measured: make it with \
             `cargo build --release --target x86_64-unknown-linux-musl`."
        );
        return None;
    };
    if built(exe).is_some_and(|release| release > made) {
        println!("WARNING: the static build is older than the release build; rebuild it.");
    }
    println!("static build: {}", path.display());
    Some(path)
}

fn main() {
    if std::env::args().any(|a| a == bare_table::ARG) {
        return bare_table::run();
    }
    let exe = Path::new(env!("CARGO_BIN_EXE_nianbao"));
    let release = exe.components().any(|c| c.as_os_str() == "release");
    let dir = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    for name in ["shiyan-2024.toml", "shiyan-2023.toml"] {
        std::fs::copy(samples.join(name), dir.path().join(name)).unwrap();
    }
    let report = dir.path().join("shiyan-2024.toml");
    println!("nianbao terminal benchmark: {}", exe.display());
    if !release {
        println!("WARNING: not a release build; run `cargo bench --bench terminal`");
    }
    println!("{COLS}×{ROWS}, samples/shiyan-2024.toml (with shiyan-2023.toml as last year's)");
    let static_exe = static_build(exe);
    println!("load average before: {}\n", load_average());

    // First frames, the editor's with either backend and the bare table's taken in turn, so that
    // all meet the same load of a shared machine.
    let bench = std::env::current_exe().unwrap();
    let bare_arg = Path::new(bare_table::ARG);
    let (mut lean_firsts, mut stock_firsts) = (Vec::new(), Vec::new());
    let mut static_firsts = Vec::new();
    let mut bare = Starts::default();
    for i in 0..STARTS {
        if i < STARTS - RUNS {
            for (env, firsts) in [(LEAN, &mut lean_firsts), (STOCK, &mut stock_firsts)] {
                let (term, first) = start(exe, &[&report], env, EDITOR_READY);
                quit(term, b"\x11");
                firsts.push(ms(first));
            }
            if let Some(static_exe) = &static_exe {
                let (term, first) = start(static_exe, &[&report], LEAN, EDITOR_READY);
                quit(term, b"\x11");
                static_firsts.push(ms(first));
            }
        }
        let (term, first) = start(&bench, &[bare_arg], &[], BARE_READY);
        bare.rss = bare.rss.max(term.peak_rss_kb());
        quit(term, b"q");
        bare.firsts.push(ms(first));
    }
    let show = std::env::var_os("NIANBAO_BENCH_SHOW").is_some();
    let lean = walks(exe, &report, LEAN, lean_firsts, show);
    let stock = walks(exe, &report, STOCK, stock_firsts, false);
    let static_build = static_exe
        .as_ref()
        .map(|exe| walks(exe, &report, LEAN, static_firsts, false));
    let pty_bytes = lean.pty_bytes.clone();
    report_all(&lean, &bare);
    let mut columns = vec![("lean backend", &lean), ("stock CrosstermBackend", &stock)];
    if let Some(figures) = &static_build {
        columns.push(("static build, lean", figures));
    }
    side_by_side(&columns, &bare);
    println!("\nload average after: {}", load_average());
    compare_backends(&report, &pty_bytes);
}

/// The system's load averages over 1, 5 and 15 minutes.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// The walk, RUNS times on a fresh editor started with `env`: the bytes are the same every time
/// (checked), the time of each move is its median over the runs, so one stall of a shared
/// machine does not count as the editor's. `firsts` are first frames timed before.
fn walks(
    exe: &Path,
    report: &Path,
    env: &[(&str, &str)],
    mut firsts: Vec<f64>,
    show: bool,
) -> Figures {
    let mut runs: Vec<Vec<(Step, Answer)>> = Vec::new();
    let mut sections: Vec<(Step, Answer)> = Vec::new();
    let mut typing: Vec<(&str, Vec<Answer>)> = Vec::new();
    let mut rss = None;
    let mut walked = Duration::ZERO;
    let mut pty_bytes: Vec<usize> = Vec::new();
    for run in 0..RUNS {
        let (mut term, first) = start(exe, &[report], env, EDITOR_READY);
        firsts.push(ms(first));
        if run == 0 {
            pty_bytes.push(term.output.len());
        }
        let began = Instant::now();
        let mut moves = Vec::new();
        for (mut step, is_move) in walk() {
            let answer = term.press(key_bytes(step.key), QUIET);
            step.scrolled = scrolls(&term.output[answer.from..answer.from + answer.bytes]);
            if run == 0 {
                pty_bytes.push(answer.bytes);
            }
            if is_move {
                moves.push((step, answer));
            } else if run == 0 {
                sections.push((step, answer));
            }
        }
        walked = began.elapsed();
        let mut typed = Vec::new();
        for (i, (name, key)) in TYPING.into_iter().enumerate() {
            let answer = term.press(key, QUIET);
            if run == 0 {
                pty_bytes.push(answer.bytes);
            }
            typed.push((name, answer));
            match typing.get_mut(i) {
                None => typing.push((name, vec![answer])),
                Some((_, answers)) => answers.push(answer),
            }
        }
        rss = rss.max(term.peak_rss_kb());
        if show && run == 0 {
            let shown = |a: &Answer| {
                String::from_utf8_lossy(&term.output[a.from..a.from + a.bytes]).into_owned()
            };
            for (step, a) in moves.iter().filter(|(_, a)| a.bytes > 120) {
                println!("{} {} {}: {:?}", step.section, step.key, step.at, shown(a));
            }
            for (name, a) in &typed {
                println!("typing {name}: {:?}", shown(a));
            }
        }
        quit(term, b":q!\r");
        runs.push(moves);
    }
    let moves: Vec<(Step, Answer)> = runs
        .pop()
        .unwrap()
        .into_iter()
        .enumerate()
        .map(|(i, (step, mut answer))| {
            let mut times: Vec<f64> = runs.iter().map(|r| ms(r[i].1.time)).collect();
            times.push(ms(answer.time));
            if runs.iter().any(|r| r[i].1.bytes != answer.bytes) {
                println!(
                    "note: {} {} {} wrote different bytes in different runs",
                    step.section, step.key, step.at
                );
            }
            answer.time = Duration::from_secs_f64(median(&mut times) / 1000.0);
            (step, answer)
        })
        .collect();
    // Of the typing, only the value and Enter count: going back to 三 is not typing.
    let typing: Vec<(&str, Answer)> = typing
        .into_iter()
        .skip(2)
        .map(|(name, answers)| {
            let mut times: Vec<f64> = answers.iter().map(|a| ms(a.time)).collect();
            let time = Duration::from_secs_f64(median(&mut times) / 1000.0);
            (name, Answer { time, ..answers[0] })
        })
        .collect();
    Figures {
        firsts,
        moves,
        sections,
        typing,
        rss,
        walked,
        pty_bytes,
    }
}

/// The bare table's starts.
#[derive(Default)]
struct Starts {
    firsts: Vec<f64>,
    rss: Option<u64>,
}

/// What the walks with one backend measured.
struct Figures {
    firsts: Vec<f64>,
    moves: Vec<(Step, Answer)>,
    sections: Vec<(Step, Answer)>,
    typing: Vec<(&'static str, Answer)>,
    rss: Option<u64>,
    walked: Duration,
    /// What the editor wrote for the first frame and each press of the first walk.
    pty_bytes: Vec<usize>,
}

fn mb(kb: Option<u64>) -> String {
    kb.map_or("?".into(), |kb| format!("{:.1} MB", kb as f64 / 1024.0))
}

fn row(what: &str, figure: String, target: &str) {
    println!("{what:<40} {figure:>24}   {target}");
}

/// The lean backend's figures beside their targets, and the bare table's.
fn report_all(f: &Figures, bare_starts: &Starts) {
    let moved: Vec<&(Step, Answer)> = f.moves.iter().filter(|(_, a)| a.bytes > 0).collect();
    let mut bytes: Vec<f64> = moved.iter().map(|(_, a)| a.bytes as f64).collect();
    let mut times: Vec<f64> = moved.iter().map(|(_, a)| ms(a.time)).collect();
    let over: Vec<&&(Step, Answer)> = moved.iter().filter(|(_, a)| a.bytes > 120).collect();
    let scrolled = over.iter().filter(|(s, _)| s.scrolled).count();
    let type_bytes: usize = f.typing.iter().map(|(_, a)| a.bytes).sum();
    let type_time = f.typing.iter().map(|(_, a)| ms(a.time)).fold(0.0, f64::max);
    let first_max = f.firsts.iter().copied().fold(0.0, f64::max);
    let first = median(&mut f.firsts.clone());
    let bare = median(&mut bare_starts.firsts.clone());
    row("measure", "measured".into(), "target");
    row("-------", "--------".into(), "------");
    row(
        &format!("first full frame (median of {})", f.firsts.len()),
        format!("{first:.1} ms (max {first_max:.1})"),
        "≤ 15 ms",
    );
    row(
        &format!(
            "bare ratatui table (median of {})",
            bare_starts.firsts.len()
        ),
        format!("{bare:.1} ms"),
        "",
    );
    row(
        "  first frame / bare table",
        format!("{:.2}×", first / bare),
        "≤ 1.3×",
    );
    row(
        &format!("cursor move, bytes (median of {})", moved.len()),
        format!("{:.0} B", median(&mut bytes)),
        "≤ 120 B",
    );
    row(
        "cursor move, bytes (90th pct / max)",
        format!(
            "{:.0} / {:.0} B",
            percentile(&mut bytes, 0.9),
            percentile(&mut bytes, 1.0)
        ),
        "≤ 120 / ≤ 200 B",
    );
    row(
        "cursor moves over 120 B",
        format!("{} of {}", over.len(), moved.len()),
        "≤ 10 %",
    );
    row(
        "  of which scroll the grid",
        format!("{scrolled} of {}", over.len()),
        "",
    );
    row(
        "cursor move, time (median)",
        format!("{:.2} ms", median(&mut times)),
        "≤ 2 ms",
    );
    row(
        "cursor move, time (90th pct / max)",
        format!(
            "{:.2} / {:.2} ms",
            percentile(&mut times, 0.9),
            percentile(&mut times, 1.0)
        ),
        "≤ 2 ms each",
    );
    for (name, a) in &f.typing {
        row(
            &format!("type a value: key {name}"),
            format!("{} B, {:.2} ms", a.bytes, ms(a.time)),
            "",
        );
    }
    row(
        "type a value: \"12\" Enter, in all",
        format!("{type_bytes} B, ≤ {type_time:.2} ms/key"),
        "≤ 250 B",
    );
    for (step, a) in &f.sections {
        row(
            &format!("next section, to {}", step.section),
            format!("{} B, {:.2} ms", a.bytes, ms(a.time)),
            "",
        );
    }
    row("peak memory (VmHWM)", mb(f.rss), "≤ 6.5 MB");
    row("  the bare ratatui table's", mb(bare_starts.rss), "");
    let idle = f.moves.iter().filter(|(_, a)| a.bytes == 0).count();
    println!(
        "\n{} moves per walk, {RUNS} walks, one in {:.1} s; time per move: its median over the \
         walks ({idle} moves at an edge wrote nothing and are left out).",
        f.moves.len(),
        f.walked.as_secs_f64()
    );
    let slow: Vec<&&(Step, Answer)> = moved.iter().filter(|(_, a)| ms(a.time) > 2.0).collect();
    for (step, a) in slow {
        println!(
            "Over 2 ms: {} {} {}: {:.2} ms, {} B",
            step.section,
            step.key,
            step.at,
            ms(a.time),
            a.bytes
        );
    }
    if !over.is_empty() {
        println!("Moves over 120 bytes (section key at-cursor: bytes, ms):");
        for (step, a) in over {
            println!(
                "  {} {} {}: {} B, {:.2} ms",
                step.section,
                step.key,
                step.at,
                a.bytes,
                ms(a.time)
            );
        }
    }
}

/// The walk's figures in the pty with each backend, and the static build's, one beside the other.
fn side_by_side(columns: &[(&str, &Figures)], bare: &Starts) {
    let bare_first = median(&mut bare.firsts.clone());
    let column = |f: &Figures| {
        let moved: Vec<&(Step, Answer)> = f.moves.iter().filter(|(_, a)| a.bytes > 0).collect();
        let mut bytes: Vec<f64> = moved.iter().map(|(_, a)| a.bytes as f64).collect();
        let mut times: Vec<f64> = moved.iter().map(|(_, a)| ms(a.time)).collect();
        let over = bytes.iter().filter(|&&b| b > 120.0).count();
        let typed: usize = f.typing.iter().map(|(_, a)| a.bytes).sum();
        let sections: Vec<String> = f
            .sections
            .iter()
            .map(|(_, a)| a.bytes.to_string())
            .collect();
        let first = median(&mut f.firsts.clone());
        [
            format!("{first:.1} ms"),
            format!("{:.2}×", first / bare_first),
            format!("{} B", f.pty_bytes[0]),
            format!("{:.0} B", median(&mut bytes)),
            format!(
                "{:.0} / {:.0} B",
                percentile(&mut bytes, 0.9),
                percentile(&mut bytes, 1.0)
            ),
            format!("{over} of {}", bytes.len()),
            format!("{typed} B"),
            format!("{} B", sections.join(" / ")),
            format!("{:.2} ms", median(&mut times)),
            format!("{:.2} ms", percentile(&mut times, 0.9)),
            mb(f.rss),
        ]
    };
    let names = [
        "first full frame (median)",
        "  first frame / bare table",
        "first frame, bytes (terminal setup included)",
        "cursor move, bytes (median)",
        "cursor move, bytes (90th pct / max)",
        "cursor moves over 120 B",
        "type a value: \"12\" Enter",
        "next section, to 二 / 三 / 四",
        "cursor move, time (median)",
        "cursor move, time (90th pct)",
        "peak memory (VmHWM)",
    ];
    println!(
        "\nThe editor in the pty with each backend (the stock one picked by NIANBAO_STOCK_BACKEND):"
    );
    let figures: Vec<_> = columns.iter().map(|(_, f)| column(f)).collect();
    print!("{:<44}", "");
    for (heading, _) in columns {
        print!(" {heading:>24}");
    }
    println!();
    for (i, name) in names.iter().enumerate() {
        print!("{name:<44}");
        for column in &figures {
            print!(" {:>24}", column[i]);
        }
        println!();
    }
}

/// The same keys in process, drawn by the lean backend and by ratatui's stock crossterm backend.
/// `pty` is what the editor wrote in the pty for the first frame and each press.
fn compare_backends(report: &Path, pty: &[usize]) {
    use nianbao::tui::backend::LeanBackend;
    use ratatui::backend::CrosstermBackend;
    use ratatui::layout::{Rect, Size};
    use ratatui::{Terminal, TerminalOptions, Viewport};

    let steps = walk();
    let presses: Vec<&[u8]> = steps
        .iter()
        .map(|(s, _)| key_bytes(s.key))
        .chain(TYPING.iter().map(|(_, k)| *k))
        .collect();
    let sent = in_process::Counter::default();
    let backend = LeanBackend::with_size(sent.clone(), Size::new(COLS, ROWS));
    let mut terminal = Terminal::new(backend).unwrap();
    let lean = in_process::replay(report, &mut terminal, &sent, (COLS, ROWS), &presses);
    // A fixed viewport: the stock backend would ask the terminal for its size otherwise.
    let options = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, COLS, ROWS)),
    };
    let sent = in_process::Counter::default();
    let mut terminal =
        Terminal::with_options(CrosstermBackend::new(sent.clone()), options).unwrap();
    let stock = in_process::replay(report, &mut terminal, &sent, (COLS, ROWS), &presses);

    // The pty's first frame also holds the terminal's setup (alternate screen, mouse): only the
    // presses are compared.
    let differ: Vec<usize> = (0..lean.presses.len())
        .filter(|&i| lean.presses[i].0 != pty[i + 1])
        .collect();
    println!(
        "\nThe same keys in process, drawn into memory by each backend ({}):",
        if differ.is_empty() {
            "the lean backend wrote what the editor wrote in the pty, for every key".to_string()
        } else {
            format!("note: the lean backend's bytes differ from the pty's for presses {differ:?}")
        }
    );
    let moves: Vec<usize> = steps
        .iter()
        .enumerate()
        .filter(|(_, (_, is_move))| *is_move)
        .map(|(i, _)| i)
        .collect();
    let figures = |w: &in_process::Written| {
        let mut bytes: Vec<f64> = moves
            .iter()
            .map(|&i| w.presses[i].0 as f64)
            .filter(|&b| b > 0.0)
            .collect();
        let mut times: Vec<f64> = moves.iter().map(|&i| ms(w.presses[i].1)).collect();
        let over = bytes.iter().filter(|&&b| b > 120.0).count();
        let typed: usize = w.presses[w.presses.len() - 3..].iter().map(|p| p.0).sum();
        let sections: Vec<String> = steps
            .iter()
            .zip(&w.presses)
            .filter(|((_, is_move), _)| !is_move)
            .map(|(_, p)| p.0.to_string())
            .collect();
        [
            format!("{} B", w.first),
            format!("{:.0} B", median(&mut bytes)),
            format!(
                "{:.0} / {:.0} B",
                percentile(&mut bytes, 0.9),
                percentile(&mut bytes, 1.0)
            ),
            format!("{over} of {}", bytes.len()),
            format!("{typed} B"),
            format!("{} B", sections.join(" / ")),
            format!("{:.3} ms", median(&mut times)),
        ]
    };
    let (lean, stock) = (figures(&lean), figures(&stock));
    let names = [
        "first frame",
        "cursor move, bytes (median)",
        "cursor move, bytes (90th pct / max)",
        "cursor moves over 120 B",
        "type a value: \"12\" Enter",
        "next section, to 二 / 三 / 四",
        "a move drawn and encoded (median)",
    ];
    println!(
        "{:<40} {:>24} {:>24}",
        "", "lean backend", "stock CrosstermBackend"
    );
    for (name, (l, s)) in names.iter().zip(lean.iter().zip(&stock)) {
        println!("{name:<40} {l:>24} {s:>24}");
    }
}
