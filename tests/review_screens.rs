//! What the reviewer's queue draws, at 80×24 and at 200×60, compared with reviewed snapshots: the
//! counts, the chart of broken rules, the list with marks and notes, the filter being typed, the
//! help, and a report opened from the queue.

mod support;
#[path = "support/vt.rs"]
mod vt;

use nianbao::i18n::Lang;
use nianbao::review::marks::{MARKS_FILE, Marks};
use nianbao::review::queue::Queue;
use nianbao::review::{sample, summarize};
use nianbao::template::Registry;
use nianbao::tui::Action;
use nianbao::tui::backend::LeanBackend;
use nianbao::tui::review::{Desk, Effect};
use nianbao::tui::view::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

/// A desk on 40 departments, dept-03 reviewed with a note and dept-01 reviewed before a change.
fn desk(root: &std::path::Path, width: u16, height: u16, lang: Lang) -> Desk {
    let dir = &sample::write_folder(root, 40).unwrap();
    let text = std::fs::read_to_string(dir.join("dept-03.toml")).unwrap();
    let marks = format!(
        "[\"dept-03.toml\"]\nreviewed = true\nnote = \"退回：上年结转与2023年报告不符\"\nhash = \"{}\"\n\n\
         [\"dept-01.toml\"]\nreviewed = true\nnote = \"已改，待复核\"\nhash = \"fnv1a64:0\"\n",
        nianbao::review::hash_text(nianbao::review::content_hash(&text))
    );
    std::fs::write(dir.join(MARKS_FILE), marks).unwrap();
    open_desk(dir, width, height, lang)
}

/// The queue of the reports in `dir`, as `nianbao review DIR` opens it at this size.
fn open_desk(dir: &std::path::Path, width: u16, height: u16, lang: Lang) -> Desk {
    let mut desk = desk_in(dir, lang);
    desk.update(Action::Resize { width, height });
    desk
}

fn screen(desk: &Desk) -> String {
    let (width, height) = desk.size();
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|frame| nianbao::tui::review::render(frame, desk, &Theme { color: true }))
        .unwrap();
    support::screen::text(terminal.backend().buffer())
}

#[test]
fn the_queue_at_80_by_24_and_200_by_60() {
    for (width, height) in [(80, 24), (200, 60)] {
        let dir = tempfile::tempdir().unwrap();
        let mut d = desk(dir.path(), width, height, Lang::Zh);
        d.press("jj");
        insta::assert_snapshot!(format!("queue_{width}x{height}"), screen(&d));
    }
}

#[test]
fn the_queue_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let d = desk(dir.path(), 80, 24, Lang::En);
    insta::assert_snapshot!("queue_en_80x24", screen(&d));
}

#[test]
fn typing_a_filter_narrows_the_list_as_it_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = desk(dir.path(), 80, 24, Lang::Zh);
    d.press("x/第1");
    insta::assert_snapshot!("queue_filter_80x24", screen(&d));
}

#[test]
fn the_help_of_the_queue() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = desk(dir.path(), 80, 24, Lang::Zh);
    d.press("?");
    insta::assert_snapshot!("queue_help_80x24", screen(&d));
}

/// The screen a terminal shows after the desk's frames, first as it starts and then after each
/// of `keys`, drawn by the lean backend and replayed by the emulator (which inserts characters
/// as tmux does).
fn terminal_screen(desk: &mut Desk, keys: &str) -> String {
    let (width, height) = desk.size();
    let size = Size::new(width, height);
    let mut terminal = Terminal::new(LeanBackend::with_size(Vec::new(), size)).unwrap();
    let theme = Theme { color: true };
    let render = |terminal: &mut Terminal<LeanBackend<Vec<u8>>>, desk: &Desk| {
        terminal
            .draw(|frame| nianbao::tui::review::render(frame, desk, &theme))
            .unwrap();
    };
    render(&mut terminal, desk);
    for key in nianbao::tui::keys::parse(keys).unwrap() {
        desk.update(Action::Key(key));
        render(&mut terminal, desk);
    }
    let mut shown = vt::Vt::new(width, height);
    shown.feed(terminal.backend().writer());
    shown.lines().join("\n")
}

/// The help drawn over the queue's header row in English: its blanks cover what is under them in
/// a terminal too (tmux once showed the header's `!warn file … agency year note` through them).
#[test]
fn the_help_of_the_queue_in_english_covers_the_list_in_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = desk(dir.path(), 80, 24, Lang::En);
    let shown = terminal_screen(&mut d, "?");
    let drawn = screen(&d);
    let drawn: Vec<&str> = drawn.lines().map(str::trim_end).collect();
    assert_eq!(shown, drawn.join("\n"));
    insta::assert_snapshot!("queue_help_en_80x24", shown);
}

#[test]
fn a_report_opened_from_the_queue() {
    for (width, height) in [(80, 24), (200, 60)] {
        let dir = tempfile::tempdir().unwrap();
        let mut d = desk(dir.path(), width, height, Lang::Zh);
        // Only the opening is done: last year's report, loaded after, would name the temporary
        // folder in the status line.
        for effect in d.press("jj<Enter>") {
            assert!(matches!(effect, Effect::Open { .. }));
            d.perform(effect);
        }
        insta::assert_snapshot!(format!("reviewing_{width}x{height}"), screen(&d));
    }
}

#[test]
fn a_reason_longer_than_the_line_ends_in_an_ellipsis() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = desk(dir.path(), 80, 24, Lang::Zh);
    // The first line of the queue is a file that cannot be read; Enter says why instead of opening.
    d.press("gg<Enter>");
    let shown = screen(&d);
    let foot = shown.lines().nth(22).unwrap().trim_end();
    assert!(foot.contains("无法读取"), "{shown}");
    assert!(
        foot.ends_with('…'),
        "a cut reason must say it was cut: {foot:?}"
    );
}

/// A department that sent last year's report among this year's: its year is marked in the list
/// (the column made wide enough for the mark, in the terminal's widths), and the chart counts it.
#[test]
fn a_report_of_another_year_is_marked() {
    for (width, height, lang) in [(80, 24, Lang::Zh), (200, 60, Lang::Zh), (80, 24, Lang::En)] {
        let root = tempfile::tempdir().unwrap();
        let dir = sample::write_folder(root.path(), 40).unwrap();
        std::fs::copy(
            sample::last_year(root.path()).join("dept-02.toml"),
            dir.join("dept-02（2023）.toml"),
        )
        .unwrap();
        let mut d = desk_in(&dir, lang);
        d.update(Action::Resize { width, height });
        let shown = screen(&d);
        let name = match lang {
            Lang::Zh => format!("other_year_{width}x{height}"),
            Lang::En => format!("other_year_en_{width}x{height}"),
        };
        insta::assert_snapshot!(name, shown);
    }
}

/// A desk on the files of `dir` as they are, in `lang`.
fn desk_in(dir: &std::path::Path, lang: Lang) -> Desk {
    let registry = Registry::default();
    let marks = Marks::load(dir.join(MARKS_FILE), lang).unwrap();
    let inputs = nianbao::batch::inputs::inputs(vec![dir.to_path_buf()], None, lang);
    let (summaries, names) = summarize(&registry, inputs, lang);
    Desk::new(Queue::new(summaries, names, marks), registry, None, lang)
}

/// A desk on the files of `dir` as they are, nothing written.
fn desk_as_is(dir: &std::path::Path) -> Desk {
    let registry = Registry::default();
    let marks = Marks::load(dir.join(MARKS_FILE), Lang::Zh).unwrap();
    let inputs = nianbao::batch::inputs::inputs(vec![dir.to_path_buf()], None, Lang::Zh);
    let (summaries, names) = summarize(&registry, inputs, Lang::Zh);
    let mut desk = Desk::new(
        Queue::new(summaries, names, marks),
        registry,
        None,
        Lang::Zh,
    );
    desk.update(Action::Resize {
        width: 80,
        height: 24,
    });
    desk
}

#[test]
fn a_folder_as_it_arrives_long_paths_keep_their_end_and_reasons_are_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("下级单位").join("乡镇");
    std::fs::create_dir_all(&sub).unwrap();
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    std::fs::copy(
        sample.join("shiyan-2024.toml"),
        sub.join("示例镇人民政府 2024.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink("loop.toml", dir.path().join("loop.toml")).unwrap();
    let text = screen(&desk_as_is(dir.path()));
    assert!(text.contains("…人民政府 2024.toml"), "{text}");
    assert!(text.contains("无法读取：符号链接循"), "{text}");
    assert!(!text.contains("无法读取：无法读取"), "{text}");
}

#[test]
fn a_folder_with_no_reports_says_so_not_that_a_filter_hides_them() {
    let dir = tempfile::tempdir().unwrap();
    let text = screen(&desk_as_is(dir.path()));
    assert!(
        text.contains("没有报告：所给的文件夹中没有 .toml 文件"),
        "{text}"
    );
    assert!(!text.contains("没有符合筛选条件"), "{text}");
}

/// Leaving a report opened from the queue with unsaved changes asks about going back to the
/// queue, which is what happens, not about quitting: in both languages.
#[test]
fn leaving_an_edited_report_asks_about_going_back_to_the_queue() {
    for (lang, title, save, discard) in [
        (
            Lang::Zh,
            "回到审核队列",
            "保存并回到审核队列",
            "不保存，回到审核队列",
        ),
        (
            Lang::En,
            "Back to the queue",
            "save, back to the queue",
            "back to the queue without saving",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let mut d = desk(dir.path(), 80, 24, lang);
        // Opened to edit (its effects done), a value typed, then Esc.
        let mut effects = d.press("jje");
        while let Some(effect) = effects.pop() {
            effects.extend(d.perform(effect).unwrap_or_default());
        }
        d.press("gg<Home>4<Enter><Esc>");
        let shown = screen(&d);
        for said in [title, save, discard] {
            assert!(shown.contains(said), "{said}:\n{shown}");
        }
        assert!(
            !shown.contains("退出") && !shown.contains("Quit"),
            "{shown}"
        );
        let mut effects = d.press("n");
        while let Some(effect) = effects.pop() {
            effects.extend(d.perform(effect).unwrap_or_default());
        }
        assert!(d.opened().is_none(), "n went back to the queue");
    }
}

/// The line under a report opened from the queue gives each key's hint whole or not at all: with
/// a long file name, "Ctrl-P 上一份" was cut to "Ctrl-P 上一".
#[test]
fn the_hints_under_an_opened_report_are_whole() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/shiyan-2024.toml"
    ))
    .unwrap();
    std::fs::write(
        dir.path().join("示例市自然资源和规划局-2024-定稿.toml"),
        text,
    )
    .unwrap();
    let mut d = desk_as_is(dir.path());
    for effect in d.press("<Enter>") {
        d.perform(effect);
    }
    let shown = screen(&d);
    let last = shown.lines().last().unwrap().trim_end();
    assert!(
        last.contains("示例市自然资源和规划局-2024-定稿.toml"),
        "{last}"
    );
    assert!(
        last.ends_with("回队列") || last.ends_with("下一份") || last.ends_with("上一份"),
        "{last}"
    );
}

/// A note longer than the line scrolls as a text field does: its end and the caret stay in
/// sight, its start gives way to `…`.
#[test]
fn a_long_note_keeps_its_end_in_sight_as_it_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = desk(dir.path(), 80, 24, Lang::Zh);
    let note = "上年结转数与2023年报告不符，第三项加第四项之和与第一项加第二项之和不等，请核对后重报，末尾";
    d.press(&format!("jjc{note}"));
    let shown = screen(&d);
    let foot = shown.lines().nth(22).unwrap().trim_end();
    assert!(foot.ends_with("请核对后重报，末尾▏"), "{shown}");
    assert!(foot.contains("：…"), "the start gives way: {foot}");
    assert!(nianbao::visible::width(foot) < 80, "{foot}");
    // A short one stands whole (dept-03's note, and what is typed after it).
    d.press("<Esc>c退回");
    let shown = screen(&d);
    let foot = shown.lines().nth(22).unwrap().trim_end();
    assert!(
        foot.ends_with("dept-03.toml：退回：上年结转与2023年报告不符退回▏"),
        "{foot}"
    );
}

/// A report an editor left unsaved edits beside (a recovery file) says so in the queue: the file
/// may not be what its writer meant to hand in.
#[test]
fn a_report_with_unsaved_edits_beside_it_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let folder = sample::write_folder(dir.path(), 3).unwrap();
    let report = folder.join("dept-02.toml");
    std::fs::write(
        nianbao::store::recovery::recovery_path(&report),
        "# unsaved edits\n",
    )
    .unwrap();
    for (lang, mark) in [(Lang::Zh, "有未保存的修改"), (Lang::En, "unsaved edits")] {
        let shown = screen(&open_desk(&folder, 80, 24, lang));
        let rows: Vec<&str> = shown.lines().filter(|l| l.contains("dept-0")).collect();
        assert_eq!(rows.len(), 3, "{shown}");
        for row in rows {
            assert_eq!(row.contains(mark), row.contains("dept-02.toml"), "{shown}");
        }
    }
}

/// A published report in the queue (a Word document a body sent) opens as import reads it and
/// only to be read, even with `e`: saving would write a report file over the document. The line
/// says how to make a report file of it.
#[test]
fn a_published_report_opens_read_only_and_says_how_to_import_it() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("收到.docx");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/import/files/shiyan-2024-writer.docx"
        ),
        &docx,
    )
    .unwrap();
    let before = std::fs::read(&docx).unwrap();
    let mut d = desk_as_is(dir.path());
    let mut effects = d.press("e");
    while let Some(effect) = effects.pop() {
        effects.extend(d.perform(effect).unwrap_or_default());
    }
    let shown = screen(&d);
    assert!(
        shown.contains("导入查看；修改请先：nianbao import"),
        "{shown}"
    );
    assert!(shown.contains("只读"), "{shown}");
    // The overview's first words, as the document has them.
    assert!(shown.contains("2024年，示例市自然资源和规划局"), "{shown}");
    let mut effects = d.press("]4<Enter>:w<Enter>");
    while let Some(effect) = effects.pop() {
        effects.extend(d.perform(effect).unwrap_or_default());
    }
    assert_eq!(
        std::fs::read(&docx).unwrap(),
        before,
        "the document is as it was"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["收到.docx"], "nothing written beside it");
}

/// A note on a file that cannot be read stands before its reason in the 备注 column: it took
/// the reason's place, and the queue no longer said why the file was unreadable.
#[test]
fn a_note_on_an_unreadable_file_keeps_its_reason_in_view() {
    let root = tempfile::tempdir().unwrap();
    let dir = &sample::write_folder(root.path(), 4).unwrap();
    std::fs::write(
        dir.join(MARKS_FILE),
        "[\"config.toml\"]\nreviewed = false\nnote = \"退回\"\n",
    )
    .unwrap();
    let d = open_desk(dir, 200, 30, Lang::Zh);
    let text = screen(&d);
    let line = text
        .lines()
        .find(|l| l.contains("config.toml"))
        .expect("its line");
    assert!(line.contains("退回 · 无法读取"), "{line}");
}
