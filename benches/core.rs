//! `cargo bench --bench core`: the pieces under the performance targets, in process, without a terminal:
//! loading and checking a report, drawing a frame, importing a published report, filling totals.

use std::path::{Path, PathBuf};

use divan::Bencher;
use nianbao::i18n::Lang;
use nianbao::report::Report;
use nianbao::rules::{self, PrevValues};
use nianbao::store;
use nianbao::template::Registry;
use nianbao::tui::app::Purpose;
use nianbao::tui::backend::LeanBackend;
use nianbao::tui::keys::Key;
use nianbao::tui::view::{self, Theme};
use nianbao::tui::{Action, App};
use ratatui::layout::{Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};

fn main() {
    divan::main();
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    std::fs::read(path.join(name)).unwrap()
}

fn load(name: &str, registry: &mut Registry) -> (Report, String) {
    store::load_file(&sample(name), registry).unwrap()
}

/// Parse the TOML and check every rule, last year's included: what `check` does per file once
/// the file is read and last year's report is at hand.
#[divan::bench]
fn load_and_check(bencher: Bencher) {
    let mut registry = Registry::default();
    let (_, text) = load("shiyan-2024.toml", &mut registry);
    let (prev, _) = load("shiyan-2023.toml", &mut registry);
    bencher.bench_local(|| {
        let report =
            store::load_str(divan::black_box(&text), "shiyan-2024.toml", &mut registry).unwrap();
        let aligned = PrevValues::align(&report.template, &prev);
        rules::check_report(&report, Some(&aligned))
    });
}

/// Fill every derived cell (totals) of the report.
/// What the editor does in process before its first frame, file reading aside: the built-in
/// template parsed and compiled (the first report that names it does that), both reports read,
/// the app made and sized, last year's report given to it, the first frame drawn and encoded.
#[divan::bench]
fn editor_start(bencher: Bencher) {
    let texts = ["shiyan-2024.toml", "shiyan-2023.toml"]
        .map(|n| std::fs::read_to_string(sample(n)).unwrap());
    let theme = Theme { color: true };
    bencher.bench_local(|| {
        let mut registry = Registry::default();
        let report = store::load_str(&texts[0], "shiyan-2024.toml", &mut registry).unwrap();
        let mut app = App::new(
            report,
            sample("shiyan-2024.toml"),
            Some(texts[0].clone()),
            Lang::Zh,
        );
        app.update(Action::Resize {
            width: 80,
            height: 24,
        });
        let prev = store::load_str(&texts[1], "shiyan-2023.toml", &mut registry).unwrap();
        app.update(Action::Loaded {
            path: sample("shiyan-2023.toml"),
            purpose: Purpose::Prev,
            result: Ok(prev),
        });
        let mut terminal = terminal(80, 24);
        terminal
            .draw(|frame| view::render(frame, &app, &theme))
            .unwrap();
    });
}

/// The built-in template parsed from its TOML and compiled.
#[divan::bench]
fn template(bencher: Bencher) {
    bencher.bench_local(|| Registry::default().get("gov-2021").unwrap());
}

#[divan::bench]
fn derive_all(bencher: Bencher) {
    let (report, _) = load("shiyan-2024.toml", &mut Registry::default());
    bencher
        .with_inputs(|| report.clone())
        .bench_local_refs(rules::derive_all);
}

/// Import a published report: the seed (tab-separated text copied from a page), a saved GBK
/// HTML page, pdftotext's text of a printed report in both modes, crawler text whose cells touch
/// (cut by the rules), converter Markdown, a Word document and a workbook; and the two inputs that
/// cost the most (every row missing three cells; every row a run of nineteen touching digits).
#[divan::bench(args = [
    "seed-weihui-2021.txt",
    "page-gbk-xilin-2023.html",
    "files/shiyan-2024-writer.layout.txt",
    "files/shiyan-2024-chromium.default.txt",
    "touching-shiyan-2024.txt",
    "ocr-shiyan-2024.md",
    "files/shiyan-2024-writer.docx",
    "files/shiyan-2024-calc.xlsx",
    "worst-gaps-shiyan-2024.txt",
    "worst-touching-shiyan-2024.txt",
])]
fn import(bencher: Bencher, name: &str) {
    let bytes = fixture(name);
    let mut registry = Registry::default();
    bencher.bench_local(|| {
        nianbao::import::import(divan::black_box(&bytes), &mut registry, None).unwrap()
    });
}

/// Import a four-page PDF: pdftotext run twice (both reading orders), both texts read, the
/// better kept. Needs poppler's pdftotext; without it the bench says so and measures nothing.
#[divan::bench]
fn import_pdf(bencher: Bencher) {
    let bytes = fixture("files/shiyan-2024-writer.pdf");
    let mut registry = Registry::default();
    if std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_err()
    {
        eprintln!("import_pdf: pdftotext is not installed (apt-get install poppler-utils)");
        return;
    }
    bencher.bench_local(|| {
        nianbao::import::import(divan::black_box(&bytes), &mut registry, None).unwrap()
    });
}

/// The editor on the sample with last year's report loaded, in `section` (0-based).
fn editor(width: u16, height: u16, section: usize) -> App {
    let mut registry = Registry::default();
    let (report, text) = load("shiyan-2024.toml", &mut registry);
    let (prev, _) = load("shiyan-2023.toml", &mut registry);
    let mut app = App::new(report, sample("shiyan-2024.toml"), Some(text), Lang::Zh);
    app.update(Action::Resize { width, height });
    app.update(Action::Loaded {
        path: sample("shiyan-2023.toml"),
        purpose: Purpose::Prev,
        result: Ok(prev),
    });
    for _ in 0..section {
        app.update(Action::Key(Key::char(']')));
    }
    app
}

fn terminal(width: u16, height: u16) -> Terminal<LeanBackend<Vec<u8>>> {
    let area = Rect::new(0, 0, width, height);
    let backend = LeanBackend::with_size(Vec::with_capacity(1 << 16), Size::new(width, height));
    Terminal::with_options(
        backend,
        TerminalOptions {
            viewport: Viewport::Fixed(area),
        },
    )
    .unwrap()
}

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 60)];

/// A whole first frame of section 三 (the largest table), drawn and encoded by the lean backend
/// into bytes for the terminal.
#[divan::bench(args = SIZES)]
fn first_frame(bencher: Bencher, (width, height): (u16, u16)) {
    let app = editor(width, height, 2);
    let theme = Theme { color: true };
    bencher
        .with_inputs(|| terminal(width, height))
        .bench_local_refs(|terminal| {
            terminal
                .draw(|frame| view::render(frame, &app, &theme))
                .unwrap();
        });
}

/// One cursor move in section 三 and the redraw it causes: the editor's whole work per key.
#[divan::bench(args = SIZES)]
fn cursor_move(bencher: Bencher, (width, height): (u16, u16)) {
    let mut app = editor(width, height, 2);
    let theme = Theme { color: true };
    let mut terminal = terminal(width, height);
    let mut down = true;
    bencher.bench_local(|| {
        // Right and back left keeps the grid where it is: a move, not a scroll.
        let key = if down { 'l' } else { 'h' };
        down = !down;
        app.update(Action::Key(Key::char(key)));
        terminal
            .draw(|frame| view::render(frame, &app, &theme))
            .unwrap();
        terminal.backend_mut().writer_mut().clear();
    });
}

/// What the editor does after each change, before it redraws: the report as TOML (the file's own
/// text, edited in place) written to the recovery file beside it.
#[divan::bench]
fn recovery_file(bencher: Bencher) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shiyan-2024.toml");
    std::fs::copy(sample("shiyan-2024.toml"), &path).unwrap();
    let mut app = editor(80, 24, 2);
    app.update(Action::Key(Key::char('7')));
    app.update(Action::Key(Key::new(
        ratatui::crossterm::event::KeyCode::Enter,
        ratatui::crossterm::event::KeyModifiers::NONE,
    )));
    bencher.bench_local(|| {
        nianbao::store::recovery::write(&path, &app.snapshot_text(), app.original()).unwrap()
    });
}

/// A report whose overview repeats one sentence the text-vs-table check reads, 2,000 and 20,000
/// times, loaded and checked: the check is linear in the text, so ten times the sentences costs
/// about ten times the time (it once took 12 s for 20,000).
#[divan::bench(args = [2_000, 20_000])]
fn check_long_text(bencher: Bencher, sentences: usize) {
    let text = std::fs::read_to_string(sample("shiyan-2024.toml")).unwrap();
    let long = text.replacen(
        "[overview]\ntext = '''\n",
        &format!(
            "[overview]\ntext = '''\n{}\n",
            "本年度共收到政府信息公开申请8件，办结8件。".repeat(sentences)
        ),
        1,
    );
    assert!(
        long.len() > text.len(),
        "the sentences went into the overview"
    );
    let mut registry = Registry::default();
    bencher.bench_local(|| {
        let report = store::load_str(divan::black_box(&long), "long.toml", &mut registry).unwrap();
        rules::check_report(&report, None)
    });
}

/// One character typed in a section of a report about 2 MB long and the redraw it causes: the
/// editor's cost per key does not grow with the report (it once took seconds per key).
#[divan::bench]
fn key_in_a_large_report(bencher: Bencher) {
    let text = std::fs::read_to_string(sample("shiyan-2024.toml")).unwrap();
    let long = text.replacen(
        "[problems]\ntext = '''\n",
        &format!(
            "[problems]\ntext = '''\n{}\n",
            "一是部分科室对依申请公开答复的规范性把握不够。".repeat(45_000)
        ),
        1,
    );
    let mut registry = Registry::default();
    let report = store::load_str(&long, "long.toml", &mut registry).unwrap();
    let mut app = App::new(report, sample("shiyan-2024.toml"), Some(long), Lang::Zh);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    // Section 二 (a table): a cell typed and committed, then undone, in turn.
    let theme = Theme { color: true };
    let mut terminal = terminal(80, 24);
    app.update(Action::Key(Key::char(']')));
    let mut typed = false;
    bencher.bench_local(|| {
        let key = if typed {
            Key::char('u')
        } else {
            Key::char('7')
        };
        app.update(Action::Key(key));
        if !typed {
            app.update(Action::Key(Key::new(
                ratatui::crossterm::event::KeyCode::Enter,
                ratatui::crossterm::event::KeyModifiers::NONE,
            )));
        }
        typed = !typed;
        terminal
            .draw(|frame| view::render(frame, &app, &theme))
            .unwrap();
        terminal.backend_mut().writer_mut().clear();
    });
}
