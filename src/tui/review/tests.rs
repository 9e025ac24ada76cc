//! The desk driven by keys, on a real folder of reports: what the reviewer sees and what is kept.

use super::*;
use crate::review::marks::{MARKS_FILE, Marks, Review};
use crate::review::sample::{self, department_file};
use std::path::PathBuf;

struct Folder {
    /// Holds this year's folder and last year's; removed with it.
    _root: tempfile::TempDir,
    /// The folder reviewed.
    dir: PathBuf,
    desk: Desk,
}

fn desk_on(count: usize, lang: Lang) -> Folder {
    let root = tempfile::tempdir().unwrap();
    let dir = sample::write_folder(root.path(), count).unwrap();
    let desk = reopen(&dir, lang);
    Folder {
        _root: root,
        dir,
        desk,
    }
}

fn reopen(dir: &Path, lang: Lang) -> Desk {
    let registry = Registry::default();
    let marks = Marks::load(dir.join(MARKS_FILE), lang).unwrap();
    let entries = crate::batch::inputs::inputs(vec![dir.to_path_buf()], None, lang);
    let (summaries, names) = review::summarize(&registry, entries, lang);
    let mut desk = Desk::new(Queue::new(summaries, names, marks), registry, None, lang)
        .with_folders(vec![dir.to_path_buf()]);
    desk.update(Action::Resize {
        width: 80,
        height: 24,
    });
    desk
}

/// Presses keys, doing every effect of each before the next, as the terminal loop does; false
/// if the desk asked to end.
fn press(desk: &mut Desk, keys: &str) -> bool {
    for key in keys::parse(keys).unwrap() {
        let mut pending = desk.update(Action::Key(key));
        while !pending.is_empty() {
            for effect in std::mem::take(&mut pending) {
                match desk.perform(effect) {
                    Some(more) => pending.extend(more),
                    None => return false,
                }
            }
        }
    }
    true
}

fn selected_key(desk: &Desk) -> String {
    desk.queue().key(desk.selected().unwrap()).to_string()
}

#[test]
fn problems_come_first_and_the_chart_counts_each_rule() {
    let f = desk_on(16, Lang::Zh);
    let q = f.desk.queue();
    let order: Vec<&str> = q.shown().iter().map(|&i| q.key(i)).collect();
    // The two files that cannot be read, then the reports with errors, then the rest.
    assert_eq!(&order[..2], ["config.toml", "dept-bad.toml"]);
    assert!(order[2..5].contains(&"dept-03.toml") && order[2..5].contains(&"dept-11.toml"));
    assert!(order[2..5].contains(&"dept-05.toml"), "{order:?}");
    let chart = q.chart();
    let carried = chart.iter().find(|(id, _)| *id == "carried-continuity");
    assert_eq!(carried, Some(&("carried-continuity", 2)), "{chart:?}");
    assert_eq!(q.rule_name("carried-continuity", Lang::Zh), "上年结转");
    let c = q.counts();
    assert_eq!((c.reports, c.errors, c.unreadable), (18, 3, 2));
}

/// A report that names another department's last year's report: its warning is counted in the
/// chart under its name, in both languages, and `/` finds it by that name.
#[test]
fn a_last_year_of_another_body_is_charted_and_found() {
    let f = desk_on(8, Lang::Zh);
    let path = f.dir.join(department_file(2));
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("../2023/dept-02.toml", "../2023/dept-04.toml");
    std::fs::write(&path, text).unwrap();
    let mut desk = reopen(&f.dir, Lang::Zh);
    let q = desk.queue();
    assert_eq!(q.rule_name("previous-agency", Lang::Zh), "上年报告机关不符");
    assert_eq!(
        q.rule_name("previous-agency", Lang::En),
        "last year's agency"
    );
    assert!(
        q.chart().contains(&("previous-agency", 1)),
        "{:?}",
        q.chart()
    );
    assert!(press(&mut desk, "/机关不符<Enter>"));
    let shown: Vec<&str> = desk
        .queue()
        .shown()
        .iter()
        .map(|&i| desk.queue().key(i))
        .collect();
    assert_eq!(shown, ["dept-02.toml"]);
    let item = desk.queue().shown()[0];
    let s = desk.queue().item(item);
    assert_eq!((s.errors, s.warnings), (0, 1));
}

/// Last year's report sent among this year's: listed before the reports that pass, with its
/// year marked, and found by `/` with the chart's name for it.
#[test]
fn a_report_of_another_year_is_marked_and_found() {
    let f = desk_on(8, Lang::Zh);
    std::fs::copy(
        f._root.path().join("2023").join(department_file(4)),
        f.dir.join("dept-04-2023.toml"),
    )
    .unwrap();
    let mut desk = reopen(&f.dir, Lang::Zh);
    let q = desk.queue();
    let first_ok = q
        .shown()
        .iter()
        .position(|&i| q.item(i).status == Status::Ok)
        .unwrap();
    let stray = q.shown()[first_ok];
    assert_eq!(q.key(stray), "dept-04-2023.toml");
    assert!(q.is_other_year(stray));
    assert!(press(&mut desk, "/非2024<Enter>"));
    let shown: Vec<&str> = desk
        .queue()
        .shown()
        .iter()
        .map(|&i| desk.queue().key(i))
        .collect();
    assert_eq!(shown, ["dept-04-2023.toml"]);
}

#[test]
fn mark_and_note_are_saved_and_seen_when_reopened() {
    let mut f = desk_on(8, Lang::Zh);
    assert!(press(&mut f.desk, "jj"));
    assert_eq!(selected_key(&f.desk), "dept-03.toml");
    assert!(press(&mut f.desk, "<Space>c退回<Enter>"));
    let text = std::fs::read_to_string(f.dir.join(MARKS_FILE)).unwrap();
    assert!(
        text.contains("[\"dept-03.toml\"]\nreviewed = true\nnote = \"退回\"\nhash = \"fnv1a64:"),
        "{text}"
    );
    let again = reopen(&f.dir, Lang::Zh);
    let item = again.queue().shown()[2];
    assert_eq!(again.queue().review(item), Review::Reviewed);
    assert_eq!(again.queue().note(item), "退回");
    // Changed on disk since: open again.
    let path = f.dir.join("dept-03.toml");
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("示例市第03局", "示例市第三局");
    std::fs::write(&path, edited).unwrap();
    let changed = reopen(&f.dir, Lang::Zh);
    let item = changed.queue().shown()[2];
    assert_eq!(changed.queue().review(item), Review::Changed);
    assert_eq!(changed.queue().counts().changed, 1);
}

/// Reopened, the queue stands on the first report still to review, not at the top of a list
/// reviewed halfway.
#[test]
fn reopened_the_queue_goes_on_where_the_review_stopped() {
    let mut f = desk_on(8, Lang::Zh);
    assert!(press(&mut f.desk, "<Space>j<Space>j<Space>"));
    let next = f.desk.queue().shown()[3];
    let again = reopen(&f.dir, Lang::Zh);
    assert_eq!(again.selected(), Some(next));
    assert!(again.queue().review(next).is_open());
}

/// A file that cannot be read is reviewed too (to send it back): its mark holds until its bytes
/// change, in the queue and in the assessment table.
#[test]
fn a_file_that_cannot_be_read_stays_reviewed_until_its_bytes_change() {
    let mut f = desk_on(4, Lang::Zh);
    assert_eq!(selected_key(&f.desk), "config.toml");
    assert!(press(&mut f.desk, "<Space>c不是报告，退回<Enter>"));
    let item = f.desk.queue().shown()[0];
    assert_eq!(f.desk.queue().review(item), Review::Reviewed);
    let text = std::fs::read_to_string(f.dir.join(MARKS_FILE)).unwrap();
    assert!(
        text.contains(
            "[\"config.toml\"]\nreviewed = true\nnote = \"不是报告，退回\"\nhash = \"fnv1a64:"
        ),
        "{text}"
    );
    let again = reopen(&f.dir, Lang::Zh);
    let q = again.queue();
    let item = q.shown()[0];
    assert_eq!(q.review(item), Review::Reviewed);
    assert_eq!((q.counts().reviewed, q.counts().changed), (1, 0));
    let mut csv = Vec::new();
    crate::review::export::write_csv(q, Lang::Zh, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    let row = csv.lines().find(|l| l.contains("config.toml")).unwrap();
    assert!(row.ends_with(",是,不是报告，退回"), "{row}");
    std::fs::write(f.dir.join("config.toml"), "still not a report\n").unwrap();
    let changed = reopen(&f.dir, Lang::Zh);
    let item = changed.queue().shown()[0];
    assert_eq!(changed.queue().review(item), Review::Changed);
}

#[test]
fn a_note_typed_and_cancelled_is_not_kept() {
    let mut f = desk_on(4, Lang::En);
    press(&mut f.desk, "cabc<BS><Esc>");
    assert!(f.desk.typing().is_none());
    assert!(!f.dir.join(MARKS_FILE).exists());
    press(&mut f.desk, "cab<BS>c<Enter>");
    assert_eq!(f.desk.queue().note(f.desk.selected().unwrap()), "ac");
}

#[test]
fn the_filter_narrows_by_text_unreviewed_and_errors() {
    let mut f = desk_on(16, Lang::Zh);
    press(&mut f.desk, "x");
    assert_eq!(
        f.desk.queue().shown().len(),
        5,
        "2 unreadable + 3 with errors"
    );
    press(&mut f.desk, "jj<Space>u");
    assert_eq!(
        f.desk.queue().shown().len(),
        4,
        "the one reviewed is left out"
    );
    press(&mut f.desk, "<Esc>/第1");
    let keys: Vec<&str> = f
        .desk
        .queue()
        .shown()
        .iter()
        .map(|&i| f.desk.queue().key(i))
        .collect();
    assert_eq!(keys.len(), 7, "第10局 to 第16局: {keys:?}");
    press(&mut f.desk, "<Esc>");
    assert_eq!(
        f.desk.queue().filter().text,
        "",
        "Esc while typing restores the filter"
    );
    press(&mut f.desk, "/carried<Enter>");
    assert_eq!(
        f.desk.queue().shown().len(),
        2,
        "a rule id finds its reports"
    );
}

#[test]
fn enter_opens_read_only_at_the_first_problem_and_keys_go_on_to_the_next() {
    let mut f = desk_on(8, Lang::Zh);
    press(&mut f.desk, "jj<Enter>");
    let open = f.desk.opened().expect("opened");
    assert_eq!(f.desk.queue().key(open.item), "dept-03.toml");
    let app = &open.editing.app;
    assert!(app.is_read_only());
    assert!(!app.findings().is_empty());
    let section = &app.report().template.sections[app.section()];
    assert!(
        section.title.zh.starts_with("三、"),
        "at its first problem: {}",
        section.title.zh
    );
    // Last year's report was read before the first problem was picked: the count in the message
    // is every finding, the cross-year ones included, as in the status line.
    let count = app.findings().len();
    assert!(
        app.findings()
            .iter()
            .any(|f| f.rule_id(&app.report().template) == "carried-continuity"),
        "last year's report is read"
    );
    let message = &app.message().expect("the first problem is said").text;
    assert!(
        message.starts_with(&format!("问题 1/{count}：")),
        "{message}"
    );
    // Read-only: a typed value changes nothing.
    press(&mut f.desk, "7<Enter>");
    assert!(!f.desk.opened().unwrap().editing.app.is_modified());
    press(&mut f.desk, "<C-n>");
    let open = f
        .desk
        .opened()
        .expect("the next report, without going back");
    assert_eq!(
        f.desk.queue().key(open.item),
        "dept-05.toml",
        "the next line of the queue"
    );
    press(&mut f.desk, "<C-p><C-p>");
    let open = f
        .desk
        .opened()
        .expect("still open: the files before cannot be read");
    assert_eq!(f.desk.queue().key(open.item), "dept-03.toml");
    assert!(open.editing.app.message().unwrap().text.contains("第一份"));
    press(&mut f.desk, "<Esc>");
    assert!(f.desk.opened().is_none(), "back in the queue");
    assert_eq!(selected_key(&f.desk), "dept-03.toml");
}

#[test]
fn a_file_that_cannot_be_read_is_named_not_opened() {
    let mut f = desk_on(2, Lang::En);
    press(&mut f.desk, "<Enter>");
    assert!(f.desk.opened().is_none());
    let m = f.desk.message().unwrap();
    assert!(
        m.error && m.text.contains("config.toml") && m.text.contains("cannot be read"),
        "{}",
        m.text
    );
}

#[test]
fn an_edit_from_the_queue_is_saved_and_checked_again() {
    let mut f = desk_on(4, Lang::Zh);
    press(&mut f.desk, "jj");
    assert_eq!(selected_key(&f.desk), "dept-03.toml");
    press(&mut f.desk, "<Space>e");
    let app = &f.desk.opened().unwrap().editing.app;
    assert!(!app.is_read_only(), "e opens it to edit");
    // At the first problem, 一、本年新收 of 自然人; below it 上年结转: back to 4, as last
    // year's report carried forward.
    press(&mut f.desk, "j4<Enter>:w<Enter>");
    assert!(!f.desk.opened().unwrap().editing.app.is_modified(), "saved");
    press(&mut f.desk, "<Esc>");
    assert!(f.desk.opened().is_none());
    let item = f
        .desk
        .queue()
        .items()
        .iter()
        .position(|s| s.path.ends_with("dept-03.toml"))
        .unwrap();
    assert_eq!(
        f.desk.queue().item(item).errors,
        0,
        "checked again: {:?}",
        f.desk.queue().item(item)
    );
    assert_eq!(
        f.desk.queue().review(item),
        Review::Changed,
        "changed since it was marked"
    );
    assert!(
        !crate::store::lock::lock_path(&f.desk.queue().item(item).path).exists(),
        "lock let go"
    );
}

#[test]
fn going_on_with_unsaved_edits_is_refused() {
    let mut f = desk_on(4, Lang::En);
    press(&mut f.desk, "jje4<Enter><C-n>");
    let app = &f.desk.opened().unwrap().editing.app;
    assert_eq!(
        f.desk.queue().key(f.desk.opened().unwrap().item),
        "dept-03.toml"
    );
    assert!(
        app.message().unwrap().text.contains("save"),
        "{:?}",
        app.message()
    );
    // Esc asks, as quitting the editor does; n leaves without saving.
    press(&mut f.desk, "<Esc>");
    assert_eq!(
        *f.desk.opened().unwrap().editing.app.mode(),
        Mode::ConfirmQuit
    );
    press(&mut f.desk, "n");
    assert!(f.desk.opened().is_none());
}

#[test]
fn marks_that_cannot_be_read_are_never_written_over() {
    let root = tempfile::tempdir().unwrap();
    let dir = sample::write_folder(root.path(), 2).unwrap();
    let file = dir.join(MARKS_FILE);
    std::fs::write(&file, "not = [marks").unwrap();
    let problem = Marks::load(file.clone(), Lang::Zh).unwrap_err();
    let registry = Registry::default();
    let entries = crate::batch::inputs::inputs(vec![dir.clone()], None, Lang::Zh);
    let (summaries, names) = review::summarize(&registry, entries, Lang::Zh);
    let queue = Queue::new(summaries, names, Marks::empty(file.clone()));
    let mut desk = Desk::new(queue, registry, Some(problem), Lang::Zh);
    press(&mut desk, "<Space>");
    assert!(desk.message().unwrap().error);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "not = [marks");
    let _ = department_file(1);
}

/// `r` reads the folder again while the queue is open: a report fixed on disk shows its new
/// verdict and that it changed since reviewed, one removed is gone, one added is there; marks and
/// the cursor's report stay. Before, the queue showed the folder as it was when opened.
#[test]
fn r_reads_the_folder_again_with_what_was_added_changed_and_removed() {
    let mut f = desk_on(8, Lang::Zh);
    let bad = item_of(&f.desk, "dept-03.toml");
    assert!(f.desk.queue().item(bad).errors > 0);
    // Reviewed, then sent again fixed.
    assert!(press(&mut f.desk, "jj"));
    assert_eq!(selected_key(&f.desk), "dept-03.toml");
    assert!(press(&mut f.desk, "<Space>"));
    std::fs::copy(f.dir.join("dept-01.toml"), f.dir.join("dept-03.toml")).unwrap();
    std::fs::remove_file(f.dir.join("dept-02.toml")).unwrap();
    std::fs::copy(f.dir.join("dept-01.toml"), f.dir.join("dept-99.toml")).unwrap();
    let before = f.desk.queue().len();
    assert!(press(&mut f.desk, "r"));
    let q = f.desk.queue();
    assert_eq!(q.len(), before);
    assert!((0..q.len()).all(|i| q.key(i) != "dept-02.toml"), "removed");
    let added = item_of(&f.desk, "dept-99.toml");
    assert_eq!(q.review(added), Review::Unreviewed);
    let fixed = item_of(&f.desk, "dept-03.toml");
    assert_eq!(q.item(fixed).errors, 0);
    assert_eq!(q.review(fixed), Review::Changed);
    assert_eq!(
        selected_key(&f.desk),
        "dept-03.toml",
        "the cursor stays on its report"
    );
    assert_eq!(
        f.desk.message().unwrap().text,
        format!("已重新读取：{before} 份报告（新增 1，移除 1）")
    );
}

/// A report opened read-only and closed again has its line as the report showed it: changed on
/// disk since the queue was read, it showed its new verdict inside and its old one on its line.
#[test]
fn a_report_looked_at_has_its_line_read_again() {
    let mut f = desk_on(8, Lang::Zh);
    assert!(press(&mut f.desk, "jj"));
    assert_eq!(selected_key(&f.desk), "dept-03.toml");
    std::fs::copy(f.dir.join("dept-01.toml"), f.dir.join("dept-03.toml")).unwrap();
    assert!(press(&mut f.desk, "<Enter>"));
    assert!(f.desk.opened().is_some());
    assert!(press(&mut f.desk, "<Esc>"));
    assert!(f.desk.opened().is_none());
    let fixed = item_of(&f.desk, "dept-03.toml");
    assert_eq!(f.desk.queue().item(fixed).errors, 0);
}

fn item_of(desk: &Desk, file: &str) -> usize {
    let q = desk.queue();
    (0..q.len()).find(|&i| q.key(i) == file).unwrap()
}

fn editor_says(desk: &Desk) -> String {
    let app = &desk.opened().expect("a report is open").editing.app;
    app.message().map(|m| m.text.clone()).unwrap_or_default()
}

/// Space and m mark the open report as they mark its line in the queue, and the status line says so.
#[test]
fn space_or_m_marks_the_open_report_and_says_so() {
    let mut f = desk_on(4, Lang::Zh);
    press(&mut f.desk, "jj<Enter>");
    let item = item_of(&f.desk, "dept-03.toml");
    press(&mut f.desk, "<Space>");
    assert!(f.desk.opened().is_some(), "the report stays open");
    assert_eq!(f.desk.queue().review(item), Review::Reviewed);
    assert_eq!(editor_says(&f.desk), "dept-03.toml 已标记为已审核");
    let text = std::fs::read_to_string(f.dir.join(MARKS_FILE)).unwrap();
    assert!(
        text.contains("[\"dept-03.toml\"]\nreviewed = true\nhash = \"fnv1a64:"),
        "{text}"
    );
    press(&mut f.desk, "m");
    assert_eq!(f.desk.queue().review(item), Review::Unreviewed);
    assert_eq!(editor_says(&f.desk), "dept-03.toml 已取消审核标记");

    let mut f = desk_on(4, Lang::En);
    press(&mut f.desk, "jj<Enter>m");
    assert_eq!(editor_says(&f.desk), "dept-03.toml marked reviewed");
    press(&mut f.desk, "<Space>");
    assert_eq!(
        editor_says(&f.desk),
        "dept-03.toml no longer marked reviewed"
    );
}

/// A mark vouches for the file on disk: edits not saved are refused; once saved, the mark is for
/// what the file holds now, not for what the queue read before.
#[test]
fn an_edited_report_is_marked_once_saved_for_what_it_holds() {
    let mut f = desk_on(4, Lang::En);
    press(&mut f.desk, "jje");
    let item = item_of(&f.desk, "dept-03.toml");
    press(&mut f.desk, "j4<Enter>m");
    assert_eq!(f.desk.queue().review(item), Review::Unreviewed);
    let app = &f.desk.opened().unwrap().editing.app;
    assert!(app.message().unwrap().error);
    assert_eq!(
        editor_says(&f.desk),
        "save (Ctrl-S) or undo the edits before marking the report"
    );
    press(&mut f.desk, ":w<Enter>m");
    assert_eq!(f.desk.queue().review(item), Review::Reviewed);
    assert_eq!(editor_says(&f.desk), "dept-03.toml marked reviewed");
    press(&mut f.desk, "<Esc>");
    assert!(f.desk.opened().is_none());
    assert_eq!(
        f.desk.queue().review(item),
        Review::Reviewed,
        "not changed since reviewed: it was marked as saved"
    );
}

/// Typing a value or a text, Space and m are typed, not taken as marks; in the help Space pages.
#[test]
fn space_and_m_are_typed_while_typing() {
    let mut f = desk_on(4, Lang::Zh);
    press(&mut f.desk, "jje");
    let item = item_of(&f.desk, "dept-03.toml");
    press(&mut f.desk, "4<Space>m");
    let app = &f.desk.opened().unwrap().editing.app;
    assert_eq!(
        *app.mode(),
        Mode::CellEdit {
            buffer: "4 m".to_string()
        }
    );
    press(&mut f.desk, "<Esc>[[i<Space>m");
    let app = &f.desk.opened().unwrap().editing.app;
    assert_eq!(*app.mode(), Mode::TextEdit);
    assert!(app.is_modified(), "typed into the text");
    press(&mut f.desk, "<Esc>?<Space>");
    let app = &f.desk.opened().unwrap().editing.app;
    assert!(
        matches!(app.mode(), Mode::Help { scroll } if *scroll > 0),
        "{:?}",
        app.mode()
    );
    assert_eq!(f.desk.queue().review(item), Review::Unreviewed);
}

/// A report broken after the queue was read is refused on opening in the reviewer's language.
#[test]
fn a_report_broken_since_the_queue_was_read_is_refused_in_chinese() {
    let mut f = desk_on(8, Lang::Zh);
    assert!(press(&mut f.desk, "jj"));
    assert_eq!(selected_key(&f.desk), "dept-03.toml");
    std::fs::write(f.dir.join("dept-03.toml"), "year = [1 2]\n").unwrap();
    assert!(press(&mut f.desk, "<Enter>"));
    let text = &f.desk.message().expect("a reason").text;
    assert!(text.contains("dept-03.toml:1:"), "{text}");
    let reason = text
        .split_once("dept-03.toml")
        .unwrap()
        .1
        .replace("TOML", "");
    assert!(
        !reason.contains(|c: char| c.is_ascii_alphabetic()),
        "{text}"
    );
}

/// The filter finds a rule by the name the chart shows, in Chinese or English, as by its id.
#[test]
fn the_filter_finds_a_rule_by_its_name_in_either_language() {
    let mut f = desk_on(16, Lang::Zh);
    assert!(press(&mut f.desk, "/carried-continuity<Enter>"));
    let by_id = f.desk.queue().shown().to_vec();
    assert_eq!(by_id.len(), 2, "{by_id:?}");
    let name = f
        .desk
        .queue()
        .rule_name("carried-continuity", Lang::Zh)
        .to_string();
    assert_eq!(name, "上年结转");
    for typed in [name.as_str(), "carried over", "Carried"] {
        assert!(press(&mut f.desk, &format!("<Esc>/{typed}<Enter>")));
        assert_eq!(f.desk.queue().shown(), by_id, "{typed}");
    }
    assert!(press(&mut f.desk, "<Esc>/无法读取<Enter>"));
    assert_eq!(f.desk.queue().shown().len(), 2);
}
