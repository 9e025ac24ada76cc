//! `cargo bench --bench batch`: the release binary's `check` over 10,000 generated reports,
//! `sum` and `review` over 10,000 and 100,000, with files per second and the peak memory of the
//! process (`VmHWM`), to show how memory grows with the files; and the review queue of 10,000
//! built and drawn in process.
//!
//! The reports are the sample's, varied the way real departments differ: every count of table 三
//! drawn anew (what was carried over from last year kept, so the cross-year rule still holds
//! against last year's report), the counts of 二, and the numbers the text states rewritten to
//! match. Each department has its own last year's report (`shiyan-2023.toml` under its name, in
//! `last/`), which its report names as its `previous`, as each body's report names its own: one
//! shared by all would be another body's for all but one. Every generated report passes `check`.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use nianbao::report::Report;
use nianbao::rules::derive_all;
use nianbao::store;
use nianbao::template::Registry;

const CHECKED: usize = 10_000;
const SUMMED: [usize; 2] = [10_000, 100_000];
const RUNS: usize = 3;

/// A pseudo-random generator, so the generated reports are the same on every run.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> i64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n) as i64
    }
}

/// Department `i`'s agency.
fn agency(i: usize) -> String {
    format!("示例市第{i}局")
}

/// Department `i`'s file name, this year's and last year's (in `last/`): `00000.toml`, 10 bytes,
/// so that 100,000 of them fit on one command line.
fn name(i: usize) -> String {
    format!("{i:05x}.toml")
}

/// Department `i`'s report: the sample with new numbers that keep every rule.
fn department(sample: &Report, i: usize) -> Report {
    let mut rng = Lcg(i as u64 ^ 0x2024);
    let mut r = sample.clone();
    r.agency = agency(i);
    r.title = format!("{}2024年政府信息公开工作年度报告", r.agency);
    r.previous = Some(format!("last/{}", name(i)));
    let template = r.template.clone();
    let t = |id: &str| template.tables.iter().position(|x| x.id == id).unwrap();
    r.tables[t("licensing")][0] = Some(rng.below(5_000));
    r.tables[t("enforcement")] = vec![Some(rng.below(700)), Some(rng.below(60))];
    r.tables[t("fees")][0] = Some(rng.below(1_000_000));
    let apps = t("applications");
    let table = &template.tables[apps];
    let row = |id: &str| table.rows.iter().position(|x| x.id == id).unwrap();
    let at = |r: &str, c: usize| table.cell_index(row(r), c);
    let (mut new_total, mut granted, mut partial) = (0, 0, 0);
    for c in 0..6 {
        // Natural persons ask most; most outcomes of a column are 0.
        let scale = if c == 0 { 12 } else { 3 };
        let mut handled = 0;
        for (ri, rw) in table.rows.iter().enumerate() {
            if rw.id.starts_with("handled.") && rw.id != "handled.total" {
                let v = if rng.below(3) == 0 {
                    rng.below(scale)
                } else {
                    0
                };
                handled += v;
                r.tables[apps][table.cell_index(ri, c)] = Some(v);
            }
        }
        let carried = r.tables[apps][at("carried", c)].unwrap_or(0);
        let forward = rng.below(4);
        let new = (handled + forward - carried).max(0);
        r.tables[apps][at("carry_forward", c)] = Some(new + carried - handled);
        r.tables[apps][at("new", c)] = Some(new);
        new_total += new;
        granted += r.tables[apps][at("handled.granted", c)].unwrap_or(0);
        partial += r.tables[apps][at("handled.partial", c)].unwrap_or(0);
    }
    derive_all(&mut r);
    // The overview states these numbers; a report that contradicts itself would be warned about.
    let text = &mut r.texts[0];
    *text = text
        .replace("申请77件", &format!("申请{new_total}件"))
        .replace("予以公开26件", &format!("予以公开{granted}件"))
        .replace("部分公开6件", &format!("部分公开{partial}件"));
    r
}

/// Writes `count` reports into `dir` and each one's last year's report into `dir/last` (two
/// threads: the machine has two cores).
fn generate(dir: &Path, count: usize) -> Vec<String> {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let last_year = std::fs::read_to_string(samples.join("shiyan-2023.toml")).unwrap();
    let (sample, _) =
        store::load_file(&samples.join("shiyan-2024.toml"), &mut Registry::default()).unwrap();
    std::fs::create_dir_all(dir.join("last")).unwrap();
    let names: Vec<String> = (0..count).map(name).collect();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for part in 0..threads {
            let (sample, names, last_year) = (&sample, &names, &last_year);
            scope.spawn(move || {
                for i in (part..count).step_by(threads) {
                    let text = store::render_new(&department(sample, i));
                    std::fs::write(dir.join(&names[i]), text).unwrap();
                    let last = last_year.replace(&sample.agency, &agency(i));
                    std::fs::write(dir.join("last").join(&names[i]), last).unwrap();
                }
            });
        }
    });
    names
}

/// What one run of the binary cost.
struct Run {
    time: Duration,
    /// Processor time (user and system, every thread), in seconds.
    cpu: f64,
    /// Peak resident memory in KiB, as the kernel counted it.
    peak_kb: u64,
    code: i32,
    stdout: Vec<u8>,
}

#[expect(
    clippy::zombie_processes,
    reason = "reaped by wait4, which also tells its processor time"
)]
fn run(dir: &Path, args: &[&str]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_nianbao"));
    command
        .args(args)
        .current_dir(dir)
        .env("LANG", "zh_CN.UTF-8")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    // 100,000 names are about 1.9 MB of arguments, at Linux's limit of a quarter of the stack
    // limit (8 MB → 2 MB); a bigger stack limit for the child lifts it, as `ulimit -s` would.
    // SAFETY: only setrlimit, which is async-signal-safe, between fork and exec.
    unsafe {
        use std::os::unix::process::CommandExt;
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: 64 << 20,
                rlim_max: libc::RLIM_INFINITY,
            };
            libc::setrlimit(libc::RLIMIT_STACK, &limit);
            Ok(())
        });
    }
    let start = Instant::now();
    let mut child = command.spawn().unwrap();
    let mut pipe = child.stdout.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut stdout = Vec::new();
        std::io::Read::read_to_end(&mut pipe, &mut stdout).unwrap();
        stdout
    });
    // The kernel's peak for a child (wait4's ru_maxrss) counts the memory of the benchmark it was
    // forked from, before exec; VmHWM is the program's own, read until it exits.
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0;
    let pid = child.id() as i32;
    let (mut status, mut usage) = (0, unsafe { std::mem::zeroed::<libc::rusage>() });
    loop {
        // SAFETY: polls our own child; status and usage are valid for writing.
        if unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) } == pid {
            break;
        }
        if let Some(kb) = std::fs::read_to_string(&status_file).ok().and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        }) {
            peak_kb = peak_kb.max(kb);
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let time = start.elapsed();
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Run {
        time,
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        peak_kb,
        code: libc::WEXITSTATUS(status),
        stdout: reader.join().unwrap(),
    }
}

/// The run of median time among `RUNS`.
fn median_run(dir: &Path, args: &[&str]) -> Run {
    let mut runs: Vec<Run> = (0..RUNS).map(|_| run(dir, args)).collect();
    runs.sort_by_key(|r| r.time);
    runs.swap_remove(RUNS / 2)
}

/// One line of the table: files per second of wall time, processor time per file, peak memory.
fn line(what: &str, files: usize, run: &Run, target: &str) {
    println!(
        "{what:<16} {:>12.0} {:>9.1} {:>10.1} {:>9.1}   {target}",
        files as f64 / run.time.as_secs_f64(),
        run.time.as_secs_f64(),
        run.cpu / files as f64 * 1e6,
        run.peak_kb as f64 / 1024.0
    );
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let count = SUMMED.into_iter().max().unwrap();
    let began = Instant::now();
    let names = generate(dir.path(), count);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "nianbao batch benchmark: {}\ngenerated {count} reports in {:.1} s; {} cores, load \
         average {}; each figure is the median of {RUNS} runs\n",
        env!("CARGO_BIN_EXE_nianbao"),
        began.elapsed().as_secs_f64(),
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
    );
    println!(
        "{:<16} {:>12} {:>9} {:>10} {:>9}   target",
        "run", "files/s", "wall s", "CPU µs/f", "peak MB"
    );

    let mut args = vec!["check"];
    args.extend(names[..CHECKED].iter().map(String::as_str));
    let check = median_run(dir.path(), &args);
    let out = String::from_utf8_lossy(&check.stdout);
    // One line per file, in the order given, every one passing.
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        check.code,
        0,
        "generated reports pass: {}",
        &out[..out.len().min(2000)]
    );
    // One line per report, then the summary line `check` ends with when it checks several.
    assert_eq!(
        lines.len(),
        CHECKED + 1,
        "one line per report and a summary"
    );
    assert_eq!(
        lines[CHECKED],
        format!("{CHECKED} 个文件：{CHECKED} 个通过，0 个有错误，0 个仅有警告，0 个无法读取")
    );
    for (line, name) in lines[..CHECKED].iter().zip(&names) {
        assert_eq!(*line, format!("{name}：通过"), "output in input order");
    }
    line(
        &format!("check {CHECKED}"),
        CHECKED,
        &check,
        "≥ 10,000 files/s",
    );

    let mut peaks = Vec::new();
    for n in SUMMED {
        // The names come from a list, read one at a time: on the command line they would cost
        // memory (and argument space) in proportion to their number.
        let list = format!("list-{n}.txt");
        std::fs::write(dir.path().join(&list), names[..n].join("\n")).unwrap();
        let args = ["sum", "--files-from", list.as_str(), "-o", "total.toml"];
        let sum = median_run(dir.path(), &args);
        assert_eq!(sum.code, 0, "sum of generated reports");
        peaks.push(sum.peak_kb);
        line(&format!("sum {n}"), n, &sum, "memory flat in files");
    }
    println!(
        "\nsum's peak memory at 100,000 files is {:.2}× that at 10,000.",
        peaks[1] as f64 / peaks[0] as f64
    );

    // The reviewer's queue: every report checked and reduced to a summary (what the queue lists
    // and the assessment table holds), here written as the table.
    let mut review_peaks = Vec::new();
    for n in SUMMED {
        let list = format!("list-{n}.txt");
        let args = [
            "review",
            "--files-from",
            list.as_str(),
            "--export",
            "csv",
            "-o",
            "review.csv",
            "--force",
        ];
        let review = median_run(dir.path(), &args);
        assert_eq!(review.code, 0, "review of generated reports");
        let table = std::fs::read_to_string(dir.path().join("review.csv")).unwrap();
        assert_eq!(table.lines().count(), n + 1, "a row per report");
        review_peaks.push(review.peak_kb);
        line(&format!("review {n}"), n, &review, "10,000 listed in ≤ 1 s");
    }
    println!(
        "review's peak memory at 100,000 files is {:.2}× that at 10,000.",
        review_peaks[1] as f64 / review_peaks[0] as f64
    );
    queue_in_process(dir.path(), &names[..CHECKED]);
}

/// The queue of 10,000 reports in process, as `nianbao review` builds it before its first
/// frame: the summaries, the queue sorted problems first, and the frame drawn at 80×24.
fn queue_in_process(dir: &Path, names: &[String]) {
    use nianbao::i18n::Lang;
    use nianbao::review::marks::Marks;
    use nianbao::review::queue::Queue;
    use nianbao::tui::Action;
    use nianbao::tui::review::{Desk, render};
    use nianbao::tui::view::Theme;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    let registry = Registry::default();
    let paths = names.iter().map(|n| Ok(dir.join(n)));
    let start = Instant::now();
    let (summaries, rule_names) = nianbao::review::summarize(&registry, paths, Lang::Zh);
    let summarized = start.elapsed();
    let sorted = Instant::now();
    let queue = Queue::new(
        summaries,
        rule_names,
        Marks::empty(dir.join("nianbao-review.toml")),
    );
    let sorted = sorted.elapsed();
    let mut desk = Desk::new(queue, registry, None, Lang::Zh);
    desk.update(Action::Resize {
        width: 80,
        height: 24,
    });
    let drawn = Instant::now();
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal
        .draw(|frame| render(frame, &desk, &Theme { color: true }))
        .unwrap();
    let drawn = drawn.elapsed();
    let filtered = Instant::now();
    desk.press("x");
    let filtered = filtered.elapsed();
    println!(
        "\nthe queue of {} reports in process: checked and summarized {:.0} ms, sorted {:.1} ms, \
         first frame {:.1} ms, a filter applied {:.1} ms; total {:.0} ms (target ≤ 1 s)",
        names.len(),
        summarized.as_secs_f64() * 1e3,
        sorted.as_secs_f64() * 1e3,
        drawn.as_secs_f64() * 1e3,
        filtered.as_secs_f64() * 1e3,
        start.elapsed().as_secs_f64() * 1e3,
    );
}
