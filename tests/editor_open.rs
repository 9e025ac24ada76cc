//! `:e FILE` on a file that cannot be opened: the editor says why in the user's language, with the
//! same words `:prev` and `:diff` use for the same file, and editing goes on; on a file not there
//! yet, a new report.

use std::path::PathBuf;

use nianbao::i18n::Lang;
use nianbao::store;
use nianbao::template::Registry;
use nianbao::tui::{Action, App, Effect, terminal};

fn editor(lang: Lang) -> App {
    let path = format!("{}/samples/shiyan-2024.toml", env!("CARGO_MANIFEST_DIR"));
    let (report, text) = store::load_file(path.as_ref(), &mut Registry::default()).unwrap();
    let mut app = App::new(report, PathBuf::from(path), Some(text), lang);
    app.update(Action::Resize {
        width: 200,
        height: 24,
    });
    app
}

/// The sample report copied into `dir` as `name`.
fn sample_in(dir: &std::path::Path, name: &str) -> PathBuf {
    let file = dir.join(name);
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/samples/shiyan-2024.toml"),
        &file,
    )
    .unwrap();
    file
}

/// What the editor says after `:e` of `file`, done as the terminal does it.
fn open(lang: Lang, file: &str) -> String {
    let mut app = editor(lang);
    let effects = app.press(&format!(":e {file}<Enter>"));
    let [effect @ Effect::Open { .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    let mut lock = None;
    if let Some(action) = terminal::perform(&mut app, effect.clone(), &mut lock) {
        app.update(action);
    }
    assert!(app.path().ends_with("shiyan-2024.toml"), "still editing");
    app.message().expect("a reason").text.clone()
}

#[test]
fn a_file_that_cannot_be_opened_is_said_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "template = \"gov-2021\"\nyear = [1 2]\n").unwrap();
    let broken = broken.display().to_string();
    for (lang, file, said) in [
        (
            Lang::Zh,
            "/dev/zero",
            "无法打开 /dev/zero：无法读取：".to_string(),
        ),
        (Lang::Zh, broken.as_str(), format!("无法打开 {broken}：2:")),
        (
            Lang::En,
            broken.as_str(),
            format!("cannot open {broken}: 2:"),
        ),
    ] {
        let text = open(lang, file);
        assert!(text.starts_with(&said), "{text}");
        // After the file's name, the reason: in Chinese no English word (TOML is a name).
        let reason = text.split_once(file).unwrap().1.replace("TOML", "");
        if lang == Lang::Zh {
            assert!(
                !reason.contains(|c: char| c.is_ascii_alphabetic()),
                "{text}"
            );
        }
    }
}

/// `:e` of a file not there yet begins a new report in it, as `nianbao FILE` does: the next
/// body's report, begun from inside the editor, in the format of the one being edited.
#[test]
fn a_file_not_there_yet_opens_as_a_new_report() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("next.toml");
    for (lang, said) in [(Lang::Zh, "新报告 "), (Lang::En, "new report ")] {
        let mut app = editor(lang);
        let effects = app.press(&format!(":e {}<Enter>", missing.display()));
        let [effect @ Effect::Open { .. }] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        let mut lock = None;
        if let Some(action) = terminal::perform(&mut app, effect.clone(), &mut lock) {
            app.update(action);
        }
        assert_eq!(app.path(), missing);
        assert!(
            app.message().unwrap().text.starts_with(said),
            "{:?}",
            app.message()
        );
        assert_eq!(app.report().template.id, "gov-2021");
        assert!(app.report().tables.iter().flatten().all(|c| c.is_none()));
        assert!(!app.is_read_only());
        assert!(!missing.exists(), "made when saved");
        drop(lock);
    }
}

/// `:e` of a published report (a Word document) opens it as import reads it, read-only, and
/// says how to make a report file of it; nothing is written beside the document.
#[test]
fn a_published_report_opened_with_e_is_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("a.docx");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/import/files/shiyan-2024-writer.docx"
        ),
        &docx,
    )
    .unwrap();
    let mut app = editor(Lang::Zh);
    let effects = app.press(&format!(":e {}<Enter>", docx.display()));
    let mut lock = None;
    let [effect @ Effect::Open { .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    if let Some(action) = terminal::perform(&mut app, effect.clone(), &mut lock) {
        app.update(action);
    }
    assert!(app.path().ends_with("a.docx"), "{:?}", app.path());
    assert!(app.is_read_only());
    let said = app.message().expect("a notice").text.clone();
    assert!(
        said.starts_with("导入查看；修改请先：nianbao import "),
        "{said}"
    );
    // It stays while the document is open: the next key cleared it, the command with it.
    app.press("]j");
    assert_eq!(app.message().map(|m| m.text.as_str()), Some(said.as_str()));
    app.press(":w<Enter>");
    assert!(lock.is_none(), "no lock taken on the document");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["a.docx"]);
}

/// `:e!` on the report being edited gives up its edits and reads it again, as the help says:
/// the recovery file beside it is this editor's own, and it was refused as an earlier session's
/// unsaved changes. Its lock stays held (taken again and the old one dropped, it was gone).
#[test]
fn e_bang_on_the_report_being_edited_reads_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_in(dir.path(), "r.toml");
    let (report, text) = store::load_file(&file, &mut Registry::default()).unwrap();
    let mut app = App::new(report, file.clone(), Some(text), Lang::Zh);
    app.update(Action::Resize {
        width: 80,
        height: 24,
    });
    let mut lock = match store::lock::acquire(&file) {
        store::lock::Attempt::Taken(l) => Some(l),
        other => panic!("{other:?}"),
    };
    app.press("]]9<Enter>");
    assert!(app.is_modified());
    // What the terminal loop writes as the edit is made.
    store::recovery::write(&file, &app.snapshot_text(), app.original()).unwrap();
    let effects = app.press(&format!(":e! {}<Enter>", file.display()));
    let [effect @ Effect::Open { .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    if let Some(action) = terminal::perform(&mut app, effect.clone(), &mut lock) {
        app.update(action);
    }
    assert!(!app.is_modified(), "{:?}", app.message());
    assert!(
        app.snapshot_text()
            .contains("new                                = [62, 9, 0, 1, 3, 2, 77]"),
        "as it is on disk, the 9 typed given up"
    );
    assert!(!store::recovery::recovery_path(&file).exists());
    assert!(
        lock.is_some() && store::lock::lock_path(&file).exists(),
        "still locked"
    );
}

/// Another report with an earlier session's unsaved changes is not opened, and why is said in a
/// line that names the file once: named twice, the reason was cut at 80 columns.
#[test]
fn a_report_with_an_earlier_sessions_changes_is_not_opened_and_why_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let other = sample_in(dir.path(), "other.toml");
    std::fs::write(store::recovery::recovery_path(&other), "# not ours\n").unwrap();
    let said = open(Lang::Zh, &other.display().to_string());
    assert_eq!(
        said,
        format!(
            "{} 有上次未保存的修改：退出后用 nianbao 打开它，可恢复或丢弃",
            other.display()
        )
    );
}
