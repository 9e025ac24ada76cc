//! A text export imports back to the same report, whatever lines the texts hold: lines equal to
//! a heading, to a table's label or row, lines with tabs, bars, numbers or a leading backslash.

use std::sync::Arc;

use nianbao::export;
use nianbao::import;
use nianbao::report::Report;
use nianbao::template::{Registry, Template};
use proptest::prelude::*;

fn gov2021() -> Arc<Template> {
    Registry::default().get("gov-2021").unwrap()
}

/// The report `import` reads from the text export of `report`.
fn round_trip(report: &Report) -> (Report, String) {
    let text = export::txt::render(report);
    let imported = import::import(text.as_bytes(), &mut Registry::default(), None)
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    (imported.report, text)
}

/// Lines a text may hold that read as something else when nothing marks them.
fn tricky_lines(template: &Template) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for section in &template.sections {
        let title = &section.title.zh;
        lines.push(title.clone());
        lines.push(format!("## {title}"));
        // Without its number: "主动公开政府信息情况".
        lines.push(
            title
                .split_once('、')
                .map_or(title.clone(), |(_, t)| t.to_string()),
        );
    }
    for table in &template.tables {
        lines.push(table.caption.zh.clone());
        lines.extend(table.rows.iter().map(|r| r.label.zh.clone()));
        lines.extend(table.columns.iter().map(|c| c.label.zh.clone()));
        lines.extend(table.row_groups.iter().map(|g| g.label.zh.clone()));
        lines.extend(table.column_groups.iter().map(|g| g.label.zh.clone()));
        if let Some(row) = table.rows.first() {
            lines.push(format!("{}\t1\t2", row.label.zh));
            lines.push(format!("{} 3 4", row.label.zh));
            lines.push(format!("| {} | 5 |", row.label.zh));
        }
    }
    lines.extend(
        [
            "\\二、主动公开政府信息情况",
            "\\\\双反斜杠",
            "\\",
            "\\普通的一行",
            "共 77",
            "77",
            "/",
            "1.",
            "（三）",
            "（二）依申请公开",
            "一是加强培训，二是规范答复。",
            "　　全年共收到政府信息公开申请77件。",
            "示例市2024年政府信息公开工作年度报告",
            "a\tb",
        ]
        .map(String::from),
    );
    lines.retain(|l| !l.is_empty());
    lines
}

fn text_of_lines(pool: Vec<String>) -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            3 => proptest::sample::select(pool),
            1 => "[一-龥]{2,12}[，。]?",
            1 => Just(String::new()),
        ],
        1..8,
    )
    .prop_map(|lines| {
        // A text starts and ends with a line of its own, and holds no run of blank lines.
        let mut text = lines.join("\n");
        while text.contains("\n\n\n") {
            text = text.replace("\n\n\n", "\n\n");
        }
        text.trim_matches('\n').to_string()
    })
}

fn report_with_texts() -> impl Strategy<Value = Report> {
    let template = gov2021();
    let pool = tricky_lines(&template);
    let texts = proptest::collection::vec(
        prop_oneof![1 => Just(String::new()), 4 => text_of_lines(pool)],
        template.sections.len(),
    );
    texts.prop_map(move |texts| {
        let mut report = Report::new(template.clone());
        for (t, table) in template.tables.iter().enumerate() {
            report.tables[t] = (0..table.cell_count())
                .map(|i| Some(i as i64 % 7))
                .collect();
        }
        report.agency = "示例市自然资源和规划局".into();
        report.year = Some(2024);
        report.title = report.default_title();
        report.texts = texts;
        report
    })
}

#[test]
fn a_text_line_equal_to_a_heading_stays_in_its_text() {
    let template = gov2021();
    let mut report = Report::new(template.clone());
    report.agency = "示例局".into();
    report.year = Some(2024);
    report.title = report.default_title();
    report.texts[0] = "（一）主动公开\n二、主动公开政府信息情况\n主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n全年主动公开信息。".into();
    report.texts[4] = "六、其他需要报告的事项\n\\路径".into();
    let (back, text) = round_trip(&report);
    assert_eq!(back, report, "{text}");
    assert!(text.contains("\n\\二、主动公开政府信息情况\n"), "{text}");
    // Only the lines that need it are marked.
    assert!(text.contains("\n（一）主动公开\n") && text.contains("\n全年主动公开信息。\n"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_texts_survive_the_text_export_and_import(report in report_with_texts()) {
        let (back, text) = round_trip(&report);
        prop_assert_eq!(&back, &report, "{}", text);
    }
}
