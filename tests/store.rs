//! The report file: what a person writes by hand survives, what nianbao writes reads back.

use std::sync::Arc;

use nianbao::i18n::Lang;
use nianbao::report::Report;
use nianbao::store::{load_str, render_new, render_new_in, to_toml};
use nianbao::template::{Registry, Template};
use proptest::prelude::*;

fn gov2021() -> Arc<Template> {
    Registry::default().get("gov-2021").unwrap()
}

fn load(text: &str) -> Report {
    load_str(text, "test.toml", &mut Registry::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn samples() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            if text.contains("template = \"gov-2021\"") {
                out.push((path.display().to_string(), text));
            }
        }
    }
    assert!(out.len() >= 4);
    out
}

#[test]
fn an_unchanged_report_saves_byte_identical() {
    for (path, text) in samples() {
        let report = load(&text);
        assert_eq!(to_toml(&report, Some(&text)), text, "{path}");
        // The samples were written under an English interface.
        assert_eq!(
            render_new_in(&report, Lang::En),
            text,
            "{path} is in the layout nianbao writes"
        );
    }
}

/// Rows are stored by id; the label after a row is a comment. A file written when the template
/// printed a published report's wording ("4.无正当理由由大量反复申请") reads as the same report, and
/// a save leaves its comments as they are.
#[test]
fn a_file_with_an_older_wording_of_a_label_reads_the_same() {
    for (path, text) in samples() {
        let older = text
            .replace("2.其他法律行政法规禁止公开", "2.其他法律法规禁止公开")
            .replace("4.无正当理由大量反复申请", "4.无正当理由由大量反复申请");
        assert_ne!(older, text, "{path}");
        let report = load(&older);
        assert_eq!(report, load(&text), "{path}");
        assert_eq!(to_toml(&report, Some(&older)), older, "{path}");
    }
}

/// A new file says what it is in the user's language, on its second line; reading passes over
/// it either way, and an existing file keeps the header it has.
#[test]
fn a_new_file_says_what_it_is_in_the_users_language() {
    for (path, text) in samples() {
        let report = load(&text);
        for (lang, header) in [
            (Lang::Zh, "# nianbao 年报文件（格式见 docs/FORMAT.md）"),
            (Lang::En, "# A nianbao report (docs/FORMAT.md)"),
        ] {
            let fresh = render_new_in(&report, lang);
            let second = fresh.lines().nth(1).unwrap();
            assert!(second.starts_with(header), "{path}: {second}");
            assert_eq!(load(&fresh), report, "{path}");
            // Saved again, edited or not, it keeps the header it was written with.
            assert_eq!(to_toml(&report, Some(&fresh)), fresh);
            let mut edited = report.clone();
            edited.agency.push('局');
            let resaved = to_toml(&edited, Some(&fresh));
            assert_eq!(resaved.lines().nth(1), Some(second), "{path}");
        }
    }
}

const HAND_WRITTEN: &str = r#"# Written by hand, in an order of my own.
template = "gov-2021"   # the 2021 format
year = 2024
agency = "示例镇人民政府"

[requests.applications]
# only the rows I have numbers for so far
new = [3, 0, 0, 0, 0, 0, 3]      # 新收
handled.granted = [ 2, 0, 0, 0, 0, 0, 2 ]   # spaced my way
handled.total = [2, 0, 0, 0, 0, 0, 2]
carry_forward = [1, 0, 0, 0, 0, 0, 1]

[overview]
text = """
全年共收到申请3件。"""

[active.fees]
fees = [0.092]   # 920 元
"#;

#[test]
fn editing_one_value_changes_only_that_value() {
    let mut report = load(HAND_WRITTEN);
    let t = report
        .template
        .tables
        .iter()
        .position(|t| t.id == "applications")
        .unwrap();
    let table = &report.template.tables[t];
    let granted = table
        .rows
        .iter()
        .position(|r| r.id == "handled.granted")
        .unwrap();
    let cell = table.cell_index(granted, 0);
    report.tables[t][cell] = Some(12);
    let saved = to_toml(&report, Some(HAND_WRITTEN));
    let expected = HAND_WRITTEN.replace(
        "handled.granted = [ 2, 0, 0, 0, 0, 0, 2 ]",
        "handled.granted = [ 12, 0, 0, 0, 0, 0, 2 ]",
    );
    assert_eq!(saved, expected);
    assert_eq!(
        to_toml(&load(HAND_WRITTEN), Some(HAND_WRITTEN)),
        HAND_WRITTEN
    );
}

#[test]
fn editing_a_text_and_metadata_keeps_the_rest() {
    let mut report = load(HAND_WRITTEN);
    report.texts[0] = "全年共收到申请3件，其中予以公开2件。".into();
    report.agency = "示例镇人民政府办公室".into();
    let saved = to_toml(&report, Some(HAND_WRITTEN));
    assert!(
        saved.contains("agency = \"示例镇人民政府办公室\"\n"),
        "{saved}"
    );
    assert!(saved.contains("template = \"gov-2021\"   # the 2021 format\n"));
    assert!(
        saved.contains("'''\n全年共收到申请3件，其中予以公开2件。\n'''"),
        "{saved}"
    );
    assert!(saved.contains("fees = [0.092]   # 920 元"));
    assert_eq!(load(&saved), report);
}

#[test]
fn rows_missing_from_a_hand_written_file_are_added_when_filled() {
    let mut report = load(HAND_WRITTEN);
    let t = report
        .template
        .tables
        .iter()
        .position(|t| t.id == "applications")
        .unwrap();
    report.tables[t][7] = Some(5); // carried × natural
    let saved = to_toml(&report, Some(HAND_WRITTEN));
    assert!(
        saved.contains(
            "carried = [5, \"\", \"\", \"\", \"\", \"\", \"\"]  # 二、上年结转政府信息公开申请数量"
        ),
        "{saved}"
    );
    assert!(saved.starts_with("# Written by hand"));
    assert_eq!(load(&saved), report);
}

#[test]
fn money_keeps_every_decimal_exactly() {
    let report = load(HAND_WRITTEN);
    let t = report
        .template
        .tables
        .iter()
        .position(|t| t.id == "fees")
        .unwrap();
    assert_eq!(report.tables[t][0], Some(920));
    let fresh = render_new(&report);
    assert!(fresh.contains("fees = [0.0920]"), "{fresh}");
}

#[test]
fn crlf_and_a_byte_order_mark_are_read_and_kept() {
    let text = format!("\u{feff}{}", HAND_WRITTEN.replace('\n', "\r\n"));
    let report = load(&text);
    assert_eq!(report.texts[0], "全年共收到申请3件。");
    assert_eq!(to_toml(&report, Some(&text)), text);
}

fn arbitrary_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[一-龥，。（）“”a-z0-9 \n]{0,80}",
        // The awkward ones: quotes, backslashes, delimiters, control characters.
        "[a'\"\\\\\n\t\u{1b}\u{7}\r总]{0,30}",
    ]
    .prop_map(|s| s.replace('\r', "").trim_end_matches('\n').to_string())
}

fn arbitrary_report() -> impl Strategy<Value = Report> {
    let template = gov2021();
    let tables = template
        .tables
        .iter()
        .map(|t| {
            proptest::collection::vec(
                proptest::option::of(0..=nianbao::value::MAX_UNITS),
                t.cell_count(),
            )
        })
        .collect::<Vec<_>>();
    let texts = proptest::collection::vec(arbitrary_text(), template.sections.len());
    (
        tables,
        texts,
        "[一-龥a-z\"\\\\ ]{0,20}",
        proptest::option::of(1990..2100i32),
    )
        .prop_map(move |(tables, texts, agency, year)| {
            let mut r = Report::new(template.clone());
            r.tables = tables;
            r.texts = texts;
            r.agency = agency;
            r.year = year;
            r.title = r.default_title();
            r
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn save_load_save_is_identical(report in arbitrary_report()) {
        let first = render_new(&report);
        let loaded = load(&first);
        prop_assert_eq!(&loaded, &report);
        prop_assert_eq!(to_toml(&loaded, Some(&first)), first.clone());
        prop_assert_eq!(render_new(&loaded), first);
    }

    #[test]
    fn saving_edits_in_place_reads_back_the_edits(report in arbitrary_report(), other in arbitrary_report()) {
        let original = render_new(&report);
        let saved = to_toml(&other, Some(&original));
        prop_assert_eq!(load(&saved), other);
    }
}

/// A sub-table written before its parent (`[requests.applications.handled.withheld]` above
/// `[requests.applications]`): editing a row of the parent keeps every line where it was.
#[test]
fn editing_keeps_the_order_of_hand_written_tables() {
    let sample = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/shiyan-2024.toml"
    ))
    .unwrap();
    let (withheld, rest): (Vec<&str>, Vec<&str>) = sample
        .lines()
        .partition(|l| l.starts_with("handled.withheld."));
    let mut lines: Vec<String> = Vec::new();
    for line in rest {
        if line.starts_with("[requests.applications]") {
            lines.push("[requests.applications.handled.withheld]".into());
            lines.extend(withheld.iter().map(|l| l.replace("handled.withheld.", "")));
            lines.push(String::new());
        }
        lines.push(line.to_string());
    }
    let text = lines.join("\n") + "\n";
    let mut report = load(&text);
    let t = report
        .template
        .tables
        .iter()
        .position(|t| t.id == "applications")
        .unwrap();
    let cell = report.template.tables[t].cell_index(0, 0);
    report.tables[t][cell] = Some(63);
    let saved = to_toml(&report, Some(&text));
    let expected = text.replace("= [62, 9,", "= [63, 9,");
    assert_ne!(expected, text);
    assert_eq!(saved, expected);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Changing some cells of a hand-written file changes the lines of those rows and no other.
    #[test]
    fn editing_cells_changes_only_their_lines(edits in proptest::collection::vec((0usize..1000, proptest::option::of(0..100_000i64)), 1..8)) {
        let original = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/shiyan-2024.toml")).unwrap();
        let mut report = load(&original);
        let t = report.template.tables.iter().position(|t| t.id == "applications").unwrap();
        let template = report.template.clone();
        let table = &template.tables[t];
        let mut touched = std::collections::HashSet::new();
        for (cell, value) in edits {
            let cell = cell % table.cell_count();
            report.tables[t][cell] = value;
            touched.insert(table.rows[cell / table.columns.len()].id.clone());
        }
        let saved = to_toml(&report, Some(&original));
        prop_assert_eq!(load(&saved), report);
        let (old, new): (Vec<&str>, Vec<&str>) = (original.lines().collect(), saved.lines().collect());
        prop_assert_eq!(old.len(), new.len());
        for (a, b) in old.iter().zip(&new) {
            if a != b {
                let key = a.split_whitespace().next().unwrap_or("");
                prop_assert!(touched.contains(key), "line of {key} changed: {a} -> {b}");
            }
        }
    }
}
