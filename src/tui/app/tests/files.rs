//! The file and other versions: saving, quitting, read-only, recovery, last year, diff.

use std::path::PathBuf;

use super::*;
use crate::store::guard::Doubt;

#[test]
fn diff_marks_the_cells_that_differ_from_another_version() {
    let mut a = app("shiyan-2024.toml");
    assert_eq!(
        a.press(":diff other.toml<Enter>"),
        vec![Effect::Load {
            path: PathBuf::from("other.toml"),
            purpose: Purpose::Diff
        }]
    );
    let (other, _) = load("broken-2024.toml");
    a.update(Action::Loaded {
        path: PathBuf::from("other.toml"),
        purpose: Purpose::Diff,
        result: Ok(other),
    });
    let compared = a.compared.as_ref().unwrap();
    let t = a
        .report
        .template
        .tables
        .iter()
        .position(|t| t.id == "applications")
        .unwrap();
    let granted_natural = a.report.template.tables[t].cell_index(2, 0);
    assert!(compared.cells[t][granted_natural], "21 here, 22 there");
    assert!(!compared.cells[t][0]);
    let granted_total = a.report.template.tables[t].cell_index(2, 6);
    assert!(!compared.cells[t][granted_total], "26 in both");
    // The marks follow edits: typing the other version's value clears its mark, and the total
    // that follows from it now differs.
    a.press("]]jj22<Enter>");
    assert!(!a.compared.as_ref().unwrap().cells[t][granted_natural]);
    assert!(a.compared.as_ref().unwrap().cells[t][granted_total]);
    a.press(":nodiff<Enter>");
    assert!(a.compared.is_none());
}

#[test]
fn saving_writes_the_edited_file_and_clears_the_modified_mark() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]9<Enter>");
    let effects = a.press("<C-s>");
    let [
        Effect::Save {
            text,
            quit_after: false,
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    assert!(text.contains("new                                = [9, 9, 0, 1, 3, 2, 24]"));
    let text = text.clone();
    a.update(Action::Saved {
        result: Ok(text.clone()),
        quit_after: false,
    });
    assert!(!a.is_modified());
    assert_eq!(a.original.as_deref(), Some(text.as_str()));
    // `:w` does the same.
    a.press("1<Enter>");
    assert!(matches!(
        a.press(":w<Enter>").as_slice(),
        [Effect::Save { .. }]
    ));
}

#[test]
fn a_failed_save_keeps_the_edits_and_says_why() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]9<Enter>");
    a.press("<C-s>");
    a.update(Action::Saved {
        result: Err("Permission denied (os error 13)".into()),
        quit_after: true,
    });
    assert!(a.is_modified());
    assert!(!a.quit);
    assert!(
        a.message
            .as_ref()
            .unwrap()
            .text
            .contains("Permission denied")
    );
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(9));
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]9<Enter><C-s>");
    let doubts = vec![Doubt::ChangedOnDisk, Doubt::HardLinks(1)];
    let conflict = Action::SaveConflict {
        quit_after: false,
        doubts: doubts.clone(),
    };
    assert_eq!(a.update(conflict), vec![]);
    assert_eq!(
        a.mode,
        Mode::ConfirmOverwrite {
            quit_after: false,
            doubts: doubts.clone()
        }
    );
    let effects = a.press("y");
    assert!(
        matches!(effects.as_slice(), [Effect::Save { expected: None, .. }]),
        "forced: {effects:?}"
    );
    a.press("<C-s>");
    a.update(Action::SaveConflict {
        quit_after: false,
        doubts,
    });
    assert!(a.press("n").is_empty());
    assert!(a.is_modified());
    assert!(a.message.as_ref().unwrap().text.contains("未保存"));
}

#[test]
fn a_recovery_file_that_cannot_be_written_is_said_until_it_can() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]9<Enter>");
    a.update(Action::RecoveryWritten(Some("磁盘已满".into())));
    let problem = a.recovery_problem.clone().expect("shown");
    assert!(
        problem.error && problem.text.contains("磁盘已满"),
        "{problem:?}"
    );
    assert!(problem.text.contains("断线将丢失未保存的修改"));
    a.press("j");
    assert!(a.recovery_problem.is_some(), "a key does not hide it");
    a.update(Action::RecoveryWritten(None));
    assert!(a.recovery_problem.is_none());
}

#[test]
fn every_change_moves_the_revision_the_recovery_file_follows() {
    let mut a = app("shiyan-2024.toml");
    let r0 = a.revision;
    a.press("jjgg");
    assert_eq!(a.revision, r0, "moving changes nothing");
    a.press("i字");
    assert!(a.revision > r0, "typing text does");
    assert!(a.snapshot_text().contains("'''\n字2024年"));
    let r1 = a.revision;
    a.press("<Esc>]]5<Enter>");
    assert!(a.revision > r1);
    let r2 = a.revision;
    a.press("u");
    assert!(a.revision > r2);
}

#[test]
fn quitting_with_unsaved_changes_asks() {
    let mut a = app("shiyan-2024.toml");
    assert_eq!(
        a.press(":q<Enter>"),
        vec![Effect::Quit],
        "nothing changed: quits at once"
    );
    let mut a = app("shiyan-2024.toml");
    a.press("]]9<Enter>");
    assert!(a.press("<C-q>").is_empty());
    assert_eq!(a.mode, Mode::ConfirmQuit);
    a.press("<Esc>");
    assert_eq!(a.mode, Mode::Normal);
    a.press(":q<Enter>");
    assert_eq!(a.mode, Mode::ConfirmQuit);
    assert_eq!(a.press("n"), vec![Effect::Quit]);
    let mut a = app("shiyan-2024.toml");
    a.press("]]9<Enter>");
    assert_eq!(a.press(":q!<Enter>"), vec![Effect::Quit]);
    let mut a = app("shiyan-2024.toml");
    a.press("]]9<Enter><C-q>");
    let effects = a.press("y");
    let [
        Effect::Save {
            text,
            quit_after: true,
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("{effects:?}");
    };
    let saved = a.update(Action::Saved {
        result: Ok(text.clone()),
        quit_after: true,
    });
    assert_eq!(saved, vec![Effect::Quit]);
    let mut a = app("shiyan-2024.toml");
    assert!(matches!(
        a.press(":wq<Enter>").as_slice(),
        [Effect::Save {
            quit_after: true,
            ..
        }]
    ));
}

#[test]
fn read_only_changes_nothing() {
    let mut a = app("shiyan-2024.toml");
    a.read_only = true;
    a.press("]]9<Enter><Del>zZ");
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(62));
    assert!(a.press("<C-s>").is_empty());
    assert!(a.message.as_ref().unwrap().text.contains("只读"));
    a.press("[[i");
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.press(":q<Enter>"), vec![Effect::Quit]);
}

#[test]
fn saving_while_editing_text_includes_the_text() {
    let mut a = app("shiyan-2024.toml");
    a.press("i改<C-s>");
    let effects = a.press("<C-s>");
    let [Effect::Save { text, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert!(text.contains("'''\n改2024年"));
    assert_eq!(a.mode, Mode::TextEdit, "still editing after saving");
}

#[test]
fn last_years_report_turns_on_the_cross_year_rules() {
    let mut a = app("broken-2024.toml");
    assert_eq!(
        a.startup_effects(),
        vec![Effect::Load {
            path: PathBuf::from("/tmp/shiyan-2023.toml"),
            purpose: Purpose::Prev
        }]
    );
    let before = errors(&a);
    let (prev, _) = load("shiyan-2023.toml");
    a.update(Action::Loaded {
        path: PathBuf::from("shiyan-2023.toml"),
        purpose: Purpose::Prev,
        result: Ok(prev),
    });
    assert_eq!(errors(&a), before + 2, "carried-continuity in two columns");
    a.press(":noprev<Enter>");
    assert_eq!(errors(&a), before);
    assert_eq!(
        a.press(":prev last.toml<Enter>"),
        vec![Effect::Load {
            path: PathBuf::from("last.toml"),
            purpose: Purpose::Prev
        }]
    );
}
