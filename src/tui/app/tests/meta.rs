//! The report's agency, title and year from the `:` command line.

use super::*;

/// Structure findings of the report, by their check's id.
fn structure_ids(app: &App) -> Vec<String> {
    let template = &app.report.template;
    app.findings()
        .iter()
        .filter_map(|f| match f.what {
            crate::rules::What::Structure { check, .. } => {
                Some(template.structure[check as usize].id.clone())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn a_new_report_gets_its_agency_title_and_year_from_the_command_line() {
    let mut a = empty_app();
    assert!(structure_ids(&a).contains(&"missing-metadata".to_string()));
    a.press(":agency 示例市测试局<Enter>");
    assert_eq!(a.message().unwrap().text, "机关名称已设为 示例市测试局");
    a.press(":title 示例市测试局2024年政府信息公开工作年度报告<Enter>");
    a.press(":year 2024<Enter>");
    assert_eq!(a.report.agency, "示例市测试局");
    assert_eq!(a.report.year, Some(2024));
    assert!(a.is_modified());
    assert!(
        !structure_ids(&a).contains(&"missing-metadata".to_string()),
        "{:?}",
        structure_ids(&a)
    );
    // Without a value each says what the report has.
    a.press(":agency<Enter>");
    assert_eq!(a.message().unwrap().text, "机关名称：示例市测试局");
    // Saved with the report.
    let effects = a.press("<C-s>");
    let [Effect::Save { text, .. }] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert!(text.contains("agency = \"示例市测试局\""), "{text}");
    assert!(text.contains("\nyear = 2024\n"), "{text}");
}

#[test]
fn setting_the_year_is_undone_and_redone_like_any_edit() {
    let mut a = empty_app();
    a.press(":year 2024<Enter>");
    a.press(":year ２０２３<Enter>");
    assert_eq!(
        a.report.year,
        Some(2023),
        "full-width digits, as an input method types"
    );
    a.press("u");
    assert_eq!(a.report.year, Some(2024));
    a.press("u");
    assert_eq!(a.report.year, None);
    assert!(!a.is_modified());
    a.press("<C-r>");
    assert_eq!(a.report.year, Some(2024));
}

#[test]
fn a_year_no_report_can_be_for_is_refused_and_said() {
    let mut a = empty_app();
    for typed in ["20244", "1999", "二〇二四x"] {
        a.press(&format!(":year {typed}<Enter>"));
        let message = a.message().unwrap();
        assert!(message.error, "{typed}");
        assert!(message.text.contains("不是报告年度"), "{}", message.text);
    }
    assert_eq!(a.report.year, None);
    assert!(!a.is_modified());
    a.press(":year<Enter>");
    assert_eq!(a.message().unwrap().text, "年度：（未填）");
}

/// The help says what `:agency`, `:title` and `:year` take, in the user's language.
#[test]
fn the_help_names_what_agency_title_and_year_take() {
    use crate::tui::help::{HelpLine, lines};
    let cases = [
        (
            Lang::Zh,
            [":agency [名称]", ":title [标题]", ":year [年份]"],
        ),
        (
            Lang::En,
            [":agency [NAME]", ":title [TITLE]", ":year [YEAR]"],
        ),
    ];
    for (lang, expected) in cases {
        let commands: Vec<String> = lines(lang)
            .into_iter()
            .filter_map(|l| match l {
                HelpLine::Entry(command, _) => Some(command),
                _ => None,
            })
            .collect();
        for synopsis in expected {
            assert!(
                commands.iter().any(|c| c == synopsis),
                "{synopsis} in {commands:?}"
            );
        }
    }
}

/// Undo and redo say what they took back or did again: the title, which no screen shows, was
/// taken away by a second `u` with only 已撤销 said.
#[test]
fn undo_says_what_it_undid() {
    let mut a = empty_app();
    a.press(":title 示例市测试局2024年政府信息公开工作年度报告<Enter>");
    a.press("]]7<Enter>");
    a.press("u");
    assert_eq!(
        a.message().unwrap().text,
        "已撤销：三 › 一、本年新收政府信息公开申请数量 × 自然人"
    );
    a.press("u");
    assert_eq!(a.message().unwrap().text, "已撤销：标题");
    assert_eq!(a.report.title, "");
    a.press("<C-r>");
    assert_eq!(a.message().unwrap().text, "已重做：标题");
    // An override is a total typed: named as any cell.
    a.press("]]$:override 9<Enter>u");
    assert_eq!(
        a.message().unwrap().text,
        "已撤销：三 › 一、本年新收政府信息公开申请数量 × 总计"
    );
    a.press("z");
    a.press("u");
    assert!(
        a.message().unwrap().text.starts_with("已撤销：")
            && a.message().unwrap().text.ends_with(" 个单元格"),
        "{:?}",
        a.message()
    );
}

/// A title not filled in follows the body and year, as `nianbao new` names a report, and is
/// said; a title typed stays as typed. One undo takes the year and the title it gave back.
#[test]
fn a_title_not_filled_in_follows_the_agency_and_year() {
    let mut a = empty_app();
    a.press(":agency 示例市测试局<Enter>");
    assert_eq!(a.report.title, "");
    a.press(":year 2024<Enter>");
    assert_eq!(a.report.title, "示例市测试局2024年政府信息公开工作年度报告");
    assert_eq!(
        a.message().unwrap().text,
        "年度已设为 2024；标题：示例市测试局2024年政府信息公开工作年度报告"
    );
    a.press(":agency 示例市统计局<Enter>");
    assert_eq!(a.report.title, "示例市统计局2024年政府信息公开工作年度报告");
    a.press("u");
    assert_eq!(a.report.title, "示例市测试局2024年政府信息公开工作年度报告");
    a.press(":title 自拟标题<Enter>:year 2025<Enter>");
    assert_eq!(a.report.title, "自拟标题", "typed, it stays");
    assert_eq!(a.message().unwrap().text, "年度已设为 2025");
}
