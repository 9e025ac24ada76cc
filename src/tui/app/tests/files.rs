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
    let compared = a.compared().unwrap();
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
    assert!(!a.compared().unwrap().cells[t][granted_natural]);
    assert!(a.compared().unwrap().cells[t][granted_total]);
    a.press(":nodiff<Enter>");
    assert!(a.compared().is_none());
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
    assert_eq!(a.original(), Some(text.as_str()));
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
    let problem = a.file.recovery_problem.clone().expect("shown");
    assert!(
        problem.error && problem.text.contains("磁盘已满"),
        "{problem:?}"
    );
    assert!(problem.text.contains("断线将丢失未保存的修改"));
    a.press("j");
    assert!(a.file.recovery_problem.is_some(), "a key does not hide it");
    a.update(Action::RecoveryWritten(None));
    assert!(a.file.recovery_problem.is_none());
}

#[test]
fn every_change_moves_the_revision_the_recovery_file_follows() {
    let mut a = app("shiyan-2024.toml");
    let r0 = a.revision();
    a.press("jjgg");
    assert_eq!(a.revision(), r0, "moving changes nothing");
    a.press("i字");
    assert!(a.revision() > r0, "typing text does");
    assert!(a.snapshot_text().contains("'''\n字2024年"));
    let r1 = a.revision();
    a.press("<Esc>]]5<Enter>");
    assert!(a.revision() > r1);
    let r2 = a.revision();
    a.press("u");
    assert!(a.revision() > r2);
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
    a.set_read_only(true);
    a.press("]]9<Enter><Del>zZ");
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(62));
    assert!(a.press("<C-s>").is_empty());
    assert!(a.message.as_ref().unwrap().text.contains("只读"));
    a.press("[[i");
    assert_eq!(a.mode, Mode::Normal);
    assert_eq!(a.press(":q<Enter>"), vec![Effect::Quit]);
}

#[test]
fn read_only_counts_motions_as_browsing_does() {
    let mut a = app("shiyan-2024.toml");
    a.set_read_only(true);
    a.press("]]3j");
    let c = a.cursor().unwrap();
    assert_eq!((c.row, c.column), (3, 0), "3j: three rows down");
    a.press("12l");
    assert_eq!(
        a.cursor().unwrap().column,
        6,
        "a count past the last column stops there"
    );
    assert_eq!(cell(&a, "applications", "new", "natural"), Some(62));
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

/// `:prev FILE` names the file in the report once it is read, relative to the report's folder,
/// as one undoable edit: saved, `check` and the next session check against it too.
#[test]
fn last_years_report_given_by_prev_is_named_in_the_report() {
    let mut a = app("shiyan-2024.toml");
    assert_eq!(a.report().previous.as_deref(), Some("shiyan-2023.toml"));
    let (prev, _) = load("shiyan-2023.toml");
    let path = PathBuf::from("/tmp/2023/shiyan.toml");
    a.press(":prev /tmp/2023/shiyan.toml<Enter>");
    a.update(Action::Loaded {
        path: path.clone(),
        purpose: Purpose::Prev,
        result: Ok(prev.clone()),
    });
    assert_eq!(a.report().previous.as_deref(), Some("2023/shiyan.toml"));
    assert!(a.is_modified());
    let message = &a.message.as_ref().unwrap().text;
    assert!(
        message.contains("2023/shiyan.toml 已载入并记入本报告"),
        "{message}"
    );
    a.press("u");
    assert_eq!(a.report().previous.as_deref(), Some("shiyan-2023.toml"));
    assert!(!a.is_modified());
    // Loaded at start (the file's own), or unreadable: nothing is named.
    a.update(Action::Loaded {
        path: path.clone(),
        purpose: Purpose::Prev,
        result: Ok(prev.clone()),
    });
    assert_eq!(a.report().previous.as_deref(), Some("shiyan-2023.toml"));
    a.press(":prev /tmp/none.toml<Enter>");
    a.update(Action::Loaded {
        path: PathBuf::from("/tmp/none.toml"),
        purpose: Purpose::Prev,
        result: Err(crate::store::LoadError::new("/tmp/none.toml", "无法读取")),
    });
    assert_eq!(a.report().previous.as_deref(), Some("shiyan-2023.toml"));
    // Read-only: checked against, not named.
    let mut r = app("shiyan-2024.toml");
    r.set_read_only(true);
    r.press(":prev /tmp/2023/shiyan.toml<Enter>");
    r.update(Action::Loaded {
        path,
        purpose: Purpose::Prev,
        result: Ok(prev),
    });
    assert_eq!(r.report().previous.as_deref(), Some("shiyan-2023.toml"));
}

/// Last year's report of another body, loaded by `:prev`, is a warning that names both agencies,
/// reached by `n` as any problem; the body's own report of last year is none.
#[test]
fn last_years_report_of_another_body_is_warned_about() {
    let mut a = app("shiyan-2024.toml");
    let (own, _) = load("shiyan-2023.toml");
    let mut theirs = own.clone();
    theirs.agency = "示例市水利局".into();
    let loaded = |a: &mut App, prev: Report| {
        a.update(Action::Loaded {
            path: PathBuf::from("last.toml"),
            purpose: Purpose::Prev,
            result: Ok(prev),
        })
    };
    loaded(&mut a, own);
    assert_eq!(a.findings().len(), 0, "{:?}", a.findings());
    loaded(&mut a, theirs);
    a.press("n");
    let message = &a.message.as_ref().unwrap().text;
    assert!(
        message.contains("上年报告是示例市水利局的报告，本报告是示例市自然资源和规划局的"),
        "{message}"
    );
    a.press(":lang en<Enter>n");
    let message = &a.message.as_ref().unwrap().text;
    assert!(
        message.contains(
            "last year's report is by 示例市水利局, this report by 示例市自然资源和规划局"
        ),
        "{message}"
    );
}

/// Every `:` command runs under each of its names; a wrong argument says how it is used.
#[test]
fn commands_answer_to_every_name_in_the_table() {
    for (line, quits) in [
        (":quit", true),
        (":q", true),
        (":quit!", true),
        (":x", false),
    ] {
        let mut a = app("shiyan-2024.toml");
        let effects = a.press(&format!("{line}<Enter>"));
        assert_eq!(effects == vec![Effect::Quit], quits, "{line}: {effects:?}");
    }
    let mut a = app("shiyan-2024.toml");
    assert!(matches!(
        a.press(":write<Enter>").as_slice(),
        [Effect::Save {
            quit_after: false,
            ..
        }]
    ));
    a.press(":h<Enter>");
    assert_eq!(a.mode, Mode::Help { scroll: 0 });
    a.press("<Esc>:zero some<Enter>");
    assert_eq!(a.message.as_ref().unwrap().text, "用法：:zero [all]");
    a.press(":lang<Enter>");
    assert_eq!(a.message.as_ref().unwrap().text, "用法：:lang zh|en");
    a.press(":prev<Enter>");
    assert_eq!(a.message.as_ref().unwrap().text, "用法：:prev 文件");
}

/// The dialogs' keys are the keymap's, and the dialogs list them.
#[test]
fn dialogs_answer_to_their_keys() {
    let mut a = app("shiyan-2024.toml");
    a.press("]]9<Enter><C-q>");
    assert_eq!(a.mode, Mode::ConfirmQuit);
    assert_eq!(
        crate::tui::keymap::choices(crate::tui::keymap::Context::ConfirmQuit, Lang::Zh),
        [
            "y    保存并退出",
            "n    不保存，直接退出",
            "Esc  取消，继续编辑"
        ]
    );
    assert!(matches!(
        a.press("Y").as_slice(),
        [Effect::Save {
            quit_after: true,
            ..
        }]
    ));
    a.press("<C-s>");
    a.update(Action::SaveConflict {
        quit_after: false,
        doubts: Vec::new(),
    });
    assert!(a.press("<Esc>").is_empty(), "Esc does not save");
    assert_eq!(a.mode, Mode::Normal);
    a.update(Action::SaveConflict {
        quit_after: false,
        doubts: Vec::new(),
    });
    assert!(matches!(
        a.press("y").as_slice(),
        [Effect::Save { expected: None, .. }]
    ));
}

#[test]
fn recovered_edits_are_one_edit_that_u_undoes_back_to_the_file() {
    let (on_disk, text) = load("shiyan-2024.toml");
    let mut recovered = on_disk.clone();
    recovered.tables[0][0] = Some(7);
    recovered.texts[0].push_str("恢复的一句。");
    recovered.agency = "另一个局".into();
    let mut a = App::new(
        recovered.clone(),
        PathBuf::from("/tmp/shiyan-2024.toml"),
        Some(text),
        Lang::Zh,
    );
    a.update(Action::Resize {
        width: 80,
        height: 24,
    });
    a.set_recovered(&on_disk);
    assert!(a.is_modified());
    a.press("u");
    assert_eq!(a.report().tables, on_disk.tables);
    assert_eq!(a.report().texts, on_disk.texts);
    assert_eq!(a.report().agency, on_disk.agency);
    assert!(!a.is_modified(), "back to the file as it is");
    a.press("<C-r>");
    assert_eq!(a.report().tables, recovered.tables);
    assert_eq!(a.report().agency, "另一个局");
    assert!(a.is_modified());
}

#[test]
fn noprev_takes_the_name_out_of_the_report_and_u_brings_it_back() {
    let mut a = app("shiyan-2024.toml");
    let (prev, _) = load("shiyan-2023.toml");
    a.update(Action::Loaded {
        path: PathBuf::from("/tmp/shiyan-2023.toml"),
        purpose: Purpose::Prev,
        result: Ok(prev),
    });
    assert!(a.derived.prev.is_some());
    a.press(":noprev<Enter>");
    assert!(a.derived.prev.is_none());
    assert_eq!(a.report().previous, None, "saved, it names no last year");
    assert!(a.is_modified());
    // Undone: named again, and read again to check against.
    let effects = a.press("u");
    assert_eq!(a.report().previous.as_deref(), Some("shiyan-2023.toml"));
    assert!(!a.is_modified());
    assert!(
        effects.iter().any(|e| matches!(e,
            Effect::Load { path, purpose: Purpose::Prev } if path.ends_with("shiyan-2023.toml"))),
        "{effects:?}"
    );
    // Redone: no longer checked against.
    a.press("<C-r>");
    assert_eq!(a.report().previous, None);
    assert!(a.derived.prev.is_none());
    // Read-only: for this session only.
    let mut r = app("shiyan-2024.toml");
    r.set_read_only(true);
    r.press(":noprev<Enter>");
    assert_eq!(r.report().previous.as_deref(), Some("shiyan-2023.toml"));
}

/// Last year's report that cannot be read is a warning among the findings, counted and listed
/// as `check` and the review queue count it (it was only a message the next key cleared); read
/// again, it is gone. A `:prev FILE` that cannot be read leaves last year's report as it was.
#[test]
fn last_years_report_unreadable_is_a_warning_among_the_findings() {
    let mut a = app("shiyan-2024.toml");
    let before = a.findings().len();
    let missing = PathBuf::from("shiyan-2023.toml");
    a.update(Action::Loaded {
        path: missing.clone(),
        purpose: Purpose::Prev,
        result: Err(crate::store::LoadError::new(
            "shiyan-2023.toml",
            "无法读取：没有这个文件",
        )),
    });
    assert_eq!(a.findings().len(), before + 1);
    assert_eq!(
        a.findings()[0].rule_id(&a.report.template),
        "previous-unreadable"
    );
    let (prev, _) = load("shiyan-2023.toml");
    a.update(Action::Loaded {
        path: missing.clone(),
        purpose: Purpose::Prev,
        result: Ok(prev),
    });
    assert!(
        a.findings()
            .iter()
            .all(|f| f.rule_id(&a.report.template) != "previous-unreadable")
    );
    let with_prev = a.findings().len();
    a.press(":prev /tmp/none.toml<Enter>");
    a.update(Action::Loaded {
        path: PathBuf::from("/tmp/none.toml"),
        purpose: Purpose::Prev,
        result: Err(crate::store::LoadError::new("/tmp/none.toml", "无法读取")),
    });
    assert_eq!(a.findings().len(), with_prev, "{:?}", a.findings());
}
