//! `cargo bench --bench terminal`: the release editor in a real pseudo-terminal at 80×24 on the
//! sample report, measured as SPEC §7 asks: time to the first full frame, bytes and time per cursor
//! move, bytes and time to type a value and commit it, and peak memory.
//!
//! The time of a key is from writing it to the pty to the last byte of the redraw it causes (the
//! redraw has ended when the editor has been quiet for `QUIET`). Bytes are everything the editor
//! wrote in answer: what an SSH link would carry.

#[path = "../tests/support/openpty.rs"]
mod openpty;
#[path = "support/pty.rs"]
mod pty;

use std::path::Path;
use std::time::{Duration, Instant};

use pty::{Answer, Term};

const COLS: u16 = 80;
const ROWS: u16 = 24;
const QUIET: Duration = Duration::from_millis(30);
/// Starts of the editor timed for the first frame, walks among them included.
const STARTS: usize = 15;
/// Walks over the sample, each on a fresh editor.
const RUNS: usize = 3;

/// One key of the walk, with where it was pressed, for naming the costly ones.
struct Step {
    section: &'static str,
    key: &'static str,
    at: String,
    /// The grid scrolled (the terminal's scrolling region was used): a new row came in.
    scrolled: bool,
}

fn key_bytes(key: &str) -> &'static [u8] {
    match key {
        "j" => b"j",
        "k" => b"k",
        "h" => b"h",
        "l" => b"l",
        "]" => b"]",
        _ => unreachable!("no such key in the walk: {key}"),
    }
}

/// Every cell of a `rows`×`columns` grid once, down one column and up the next, then back along
/// the last row: both directions on both axes.
fn serpentine(section: &'static str, rows: usize, columns: usize) -> Vec<Step> {
    let mut steps = Vec::new();
    let step = |key, r: usize, c: usize| Step {
        section,
        key,
        at: format!("r{r}c{c}"),
        scrolled: false,
    };
    let mut row = 0;
    for column in 0..columns {
        let down = column % 2 == 0;
        for _ in 1..rows {
            steps.push(step(if down { "j" } else { "k" }, row, column));
            row = if down { row + 1 } else { row - 1 };
        }
        if column + 1 < columns {
            steps.push(step("l", row, column));
        }
    }
    for column in (1..columns).rev() {
        steps.push(step("h", row, column));
    }
    steps
}

/// The walk over the sample: section 二 (four small tables: six rows, three columns in the
/// first), 三 (25 rows × 7 columns), 四 (one row × 15 columns).
fn walk() -> Vec<(Step, bool)> {
    let mut steps: Vec<(Step, bool)> = Vec::new();
    let section = |name| Step {
        section: name,
        key: "]",
        at: String::new(),
        scrolled: false,
    };
    steps.push((section("二"), false));
    // Down through the four tables of 二 and back up, then along the first table's row.
    for (i, key) in ["j"; 5].iter().chain(["k"; 5].iter()).enumerate() {
        let at = format!("line{}", if i < 5 { i } else { 10 - i });
        steps.push((
            Step {
                section: "二",
                key,
                at,
                scrolled: false,
            },
            true,
        ));
    }
    for (i, key) in ["l", "l", "h", "h"].into_iter().enumerate() {
        let c = [0, 1, 2, 1][i];
        steps.push((
            Step {
                section: "二",
                key,
                at: format!("r0c{c}"),
                scrolled: false,
            },
            true,
        ));
    }
    steps.push((section("三"), false));
    steps.extend(serpentine("三", 25, 7).into_iter().map(|s| (s, true)));
    steps.push((section("四"), false));
    steps.extend(serpentine("四", 1, 15).into_iter().map(|s| (s, true)));
    steps
}

/// Whether a redraw scrolled the grid: it set a scrolling region, or it drew on more rows than a
/// move touches (the cell left, the cell entered, the status line, a section's count).
fn scrolls(answer: &[u8]) -> bool {
    let text = String::from_utf8_lossy(answer);
    let mut rows = std::collections::BTreeSet::new();
    let mut region = false;
    for sequence in text.split('\x1b').skip(1) {
        let Some(body) = sequence.strip_prefix('[') else {
            continue;
        };
        let end = body
            .find(|c: char| c.is_ascii_alphabetic())
            .unwrap_or(body.len());
        match body[end..].chars().next() {
            Some('r') if end > 0 => region = true,
            Some('H') => {
                rows.insert(body[..end].split(';').next().unwrap_or("1").to_string());
            }
            _ => {}
        }
    }
    region || rows.len() > 4
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

/// Starts the editor and waits for its first frame; the time is that of the frame's last byte.
fn start(exe: &Path, report: &Path) -> (Term, Duration) {
    let mut term = Term::spawn(exe, &[report], COLS, ROWS);
    let (_, last) = term.drain(Duration::from_millis(150), Duration::from_secs(10));
    let first = last.expect("the editor drew something") - term.started;
    // The file status line is the last line drawn: its mode word means the frame is whole.
    assert!(term.text().contains("浏览"), "no full first frame");
    (term, first)
}

fn quit(mut term: Term, keys: &[u8]) {
    term.press(keys, QUIET);
    assert!(term.wait(Duration::from_secs(5)), "the editor did not quit");
}

fn main() {
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
    println!("{COLS}×{ROWS}, samples/shiyan-2024.toml (with shiyan-2023.toml as last year's)\n");

    let mut firsts: Vec<f64> = (0..STARTS - RUNS)
        .map(|_| {
            let (term, first) = start(exe, &report);
            quit(term, b"\x11");
            ms(first)
        })
        .collect();

    // The walk, RUNS times on a fresh editor: the bytes are the same every time (checked), the
    // time of each move is its median over the runs, so one stall of a shared machine does not
    // count as the editor's.
    let mut runs: Vec<Vec<(Step, Answer)>> = Vec::new();
    let mut sections: Vec<(Step, Answer)> = Vec::new();
    let mut typing: Vec<(&str, Vec<Answer>)> = Vec::new();
    let mut rss = None;
    let mut walked = Duration::ZERO;
    for run in 0..RUNS {
        let (mut term, first) = start(exe, &report);
        firsts.push(ms(first));
        let began = Instant::now();
        let mut moves = Vec::new();
        for (mut step, is_move) in walk() {
            let answer = term.press(key_bytes(step.key), QUIET);
            step.scrolled = scrolls(&term.output[answer.from..answer.from + answer.bytes]);
            if is_move {
                moves.push((step, answer));
            } else if run == 0 {
                sections.push((step, answer));
            }
        }
        walked = began.elapsed();
        // Type a value into 三 › 一 × 自然人 (the cursor is in 四 now: go back) and commit it.
        term.press(b"[", QUIET);
        term.press(b"gg", QUIET);
        for (i, (name, key)) in [("1", &b"1"[..]), ("2", b"2"), ("Enter", b"\r")]
            .into_iter()
            .enumerate()
        {
            let answer = term.press(key, QUIET);
            match typing.get_mut(i) {
                None => typing.push((name, vec![answer])),
                Some((_, answers)) => answers.push(answer),
            }
        }
        rss = rss.max(term.peak_rss_kb());
        if std::env::var_os("NIANBAO_BENCH_SHOW").is_some() && run == 0 {
            for (step, a) in moves.iter().filter(|(_, a)| a.bytes > 120) {
                let raw = &term.output[a.from..a.from + a.bytes];
                let shown = String::from_utf8_lossy(raw);
                println!("{} {} {}: {:?}", step.section, step.key, step.at, shown);
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
    let typing: Vec<(&str, Answer)> = typing
        .into_iter()
        .map(|(name, answers)| {
            let mut times: Vec<f64> = answers.iter().map(|a| ms(a.time)).collect();
            let time = Duration::from_secs_f64(median(&mut times) / 1000.0);
            (name, Answer { time, ..answers[0] })
        })
        .collect();
    report_all(&mut firsts, &moves, &sections, &typing, rss, walked);
}

fn report_all(
    firsts: &mut [f64],
    moves: &[(Step, Answer)],
    sections: &[(Step, Answer)],
    typing: &[(&str, Answer)],
    rss: Option<u64>,
    walked: Duration,
) {
    let moved: Vec<&(Step, Answer)> = moves.iter().filter(|(_, a)| a.bytes > 0).collect();
    let mut bytes: Vec<f64> = moved.iter().map(|(_, a)| a.bytes as f64).collect();
    let mut times: Vec<f64> = moved.iter().map(|(_, a)| ms(a.time)).collect();
    let over: Vec<&&(Step, Answer)> = moved.iter().filter(|(_, a)| a.bytes > 120).collect();
    let scrolled = over.iter().filter(|(s, _)| s.scrolled).count();
    let type_bytes: usize = typing.iter().map(|(_, a)| a.bytes).sum();
    let type_time = typing.iter().map(|(_, a)| ms(a.time)).fold(0.0, f64::max);
    let first_max = firsts.iter().copied().fold(0.0, f64::max);
    let row = |what: &str, figure: String, target: &str| {
        println!("{what:<40} {figure:>22}   {target}");
    };
    row("measure", "measured".into(), "target (SPEC §7)");
    row("-------", "--------".into(), "----------------");
    row(
        &format!("first full frame (median of {})", firsts.len()),
        format!("{:.1} ms (max {first_max:.1})", median(firsts)),
        "≤ 15 ms",
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
        "≤ 120 B each",
    );
    row(
        "cursor moves over 120 B",
        format!("{} of {}", over.len(), moved.len()),
        "0",
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
    for (name, a) in typing {
        row(
            &format!("type a value: key {name}"),
            format!("{} B, {:.2} ms", a.bytes, ms(a.time)),
            "",
        );
    }
    row(
        "type a value: \"12\" Enter, in all",
        format!("{type_bytes} B, ≤ {type_time:.2} ms/key"),
        "(no target)",
    );
    for (step, a) in sections {
        row(
            &format!("next section, to {}", step.section),
            format!("{} B, {:.2} ms", a.bytes, ms(a.time)),
            "",
        );
    }
    row(
        "peak memory (VmHWM)",
        rss.map_or("?".into(), |kb| format!("{:.1} MB", kb as f64 / 1024.0)),
        "≤ 10 MB",
    );
    let idle = moves.iter().filter(|(_, a)| a.bytes == 0).count();
    println!(
        "\n{} moves per walk, {RUNS} walks, one in {:.1} s; time per move: its median over the \
         walks ({idle} moves at an edge wrote nothing and are left out).",
        moves.len(),
        walked.as_secs_f64()
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
