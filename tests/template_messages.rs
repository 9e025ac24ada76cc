//! A template of one's own with a mistake: `nianbao --template FILE check` says what is wrong and
//! where (the file, its line or the keys the mistake is inside) in the user's language — under
//! LANG=zh_CN.UTF-8 no English sentence, under en_US no Chinese prose but the template's own words.

use std::path::Path;

#[path = "support/language.rs"]
mod language;
use language::{chinese_prose, english_sentence, run_in_locale};

const TEMPLATE: &str = include_str!("../samples/anquan-template.toml");
const REPORT: &str = include_str!("../samples/anquan-2024.toml");

/// (file name, its text, a word the message must name: the key or id the mistake is in).
fn broken_templates() -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let replace = |from: &str, to: &str| {
        assert!(TEMPLATE.contains(from), "{from}");
        TEMPLATE.replacen(from, to, 1).into_bytes()
    };
    let append = |more: &str| format!("{TEMPLATE}\n{more}").into_bytes();
    let structure = |check: &str| {
        append(&format!(
            "[[structure]]\nid = \"s1\"\nmessage = \"m\"\n{check}"
        ))
    };
    vec![
        (
            "unknown-cell.toml",
            replace("road + construction", "road + constructio"),
            "constructio",
        ),
        (
            "bad-expression.toml",
            replace("road + construction", "road construction"),
            "sector-total",
        ),
        (
            "unclosed-prev.toml",
            replace("prev(open)", "prev(open"),
            "hazard-continuity",
        ),
        (
            "no-operator.toml",
            replace("carried = prev(open)", "carried"),
            "hazard-continuity",
        ),
        (
            "duplicate-section.toml",
            replace("id = \"hazards\"", "id = \"accidents\""),
            "accidents",
        ),
        (
            "duplicate-column.toml",
            replace("{ id = \"deaths\"", "{ id = \"accidents\""),
            "by_sector",
        ),
        (
            "duplicate-rule.toml",
            replace("id = \"hazard-balance\"", "id = \"hazard-total\""),
            "hazard-total",
        ),
        (
            "empty-id.toml",
            replace("id = \"hazard-balance\"", "id = \"\""),
            "hazards",
        ),
        (
            "unknown-group.toml",
            replace("en = \"Deaths\"", "en = \"Deaths\", group = \"g\""),
            "by_sector",
        ),
        (
            "bad-parent.toml",
            replace(
                "corner = \"行业\"",
                "corner = \"行业\"\ncolumn_groups = [{ id = \"a\", label = \"甲\", parent = \"b\" }]",
            ),
            "by_sector",
        ),
        (
            "empty-table.toml",
            replace(
                "{ id = \"general\", label = \"一般隐患\", en = \"General\" },\n  { id = \"major\", label = \"重大隐患\", en = \"Major\" },\n  { id = \"total\", label = \"合计\", en = \"Total\" },",
                "",
            ),
            "hazards",
        ),
        (
            "derive-prev.toml",
            replace(
                "check = \"carried = prev(open)\"",
                "check = \"carried = prev(open)\"\nderive = true",
            ),
            "hazard-continuity",
        ),
        (
            "derive-two-cells.toml",
            replace(
                "check = \"total = general + major\"",
                "check = \"total + general = major\"",
            ),
            "hazard-total",
        ),
        (
            "unknown-kind.toml",
            structure("kind = \"colour\"\n"),
            "colour",
        ),
        (
            "needs-words.toml",
            structure(
                "kind = \"mention\"\nwhen = [{ table = \"hazards.hazards\", rows = [\"major\"], columns = [\"found\"] }]\n",
            ),
            "`mention`",
        ),
        (
            "above.toml",
            structure("kind = \"repeats-previous\"\nabove = 150\n"),
            "s1",
        ),
        (
            "placeholder.toml",
            structure("kind = \"placeholder-text\"\nplaceholders = [\"。\"]\n"),
            "s1",
        ),
        (
            "no-section.toml",
            structure("kind = \"metadata\"\nsections = [\"nowhere\"]\n"),
            "nowhere",
        ),
        (
            "table-name.toml",
            replace("table = \"hazards.hazards\"", "table = \"hazards\""),
            "major-found",
        ),
        (
            "no-table.toml",
            replace("table = \"hazards.hazards\"", "table = \"hazards.nothing\""),
            "hazards.nothing",
        ),
        (
            "no-row.toml",
            replace("rows = [\"major\"]", "rows = [\"minor\"]"),
            "minor",
        ),
        (
            "mixed-kinds.toml",
            replace("columns = [\"loss\"]", "columns = [\"loss\", \"deaths\"]"),
            "loss",
        ),
        (
            "no-phrases.toml",
            replace("phrases = [\"受伤{N}人\"]", "phrases = []"),
            "injuries",
        ),
        (
            "phrase-unclosed.toml",
            replace("{N}起", "{N起"),
            "accidents",
        ),
        (
            "phrase-two-numbers.toml",
            replace("受伤{N}人", "受伤{N}人{N}"),
            "injuries",
        ),
        (
            "phrase-start.toml",
            replace("受伤{N}人", "…受伤{N}人"),
            "injuries",
        ),
        (
            "phrase-outside.toml",
            replace("受伤{N}人", "受伤|{N}人"),
            "injuries",
        ),
        (
            "phrase-constant.toml",
            replace("受伤{N}人", "受伤{=x}人"),
            "injuries",
        ),
        (
            "missing-key.toml",
            replace("id = \"anquan-nianbao\"\n", ""),
            "`id`",
        ),
        (
            "wrong-type.toml",
            replace("each = \"row\"", "each = 1"),
            ":95:",
        ),
        (
            "no-sections.toml",
            b"id = \"x\"\nname = \"x\"\n".to_vec(),
            "no-sections.toml",
        ),
        (
            "syntax.toml",
            replace("id = \"anquan-nianbao\"", "id = \"anquan-nianbao"),
            ":9:",
        ),
        (
            "not-utf8.toml",
            b"id = \"\xff\xfe\"\n".to_vec(),
            "not-utf8.toml",
        ),
    ]
}

fn run(dir: &Path, locale: &str, template: &str) -> String {
    let out = run_in_locale(
        dir,
        locale,
        &["--template", template, "check", "report.toml"],
    );
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "{template} should be refused: {text}"
    );
    assert!(!text.contains("panicked"), "{text}");
    text
}

fn every_mistake(locale: &str) -> Vec<(&'static str, String, &'static str)> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("report.toml"), REPORT).unwrap();
    broken_templates()
        .into_iter()
        .map(|(name, text, names)| {
            std::fs::write(dir.path().join(name), text).unwrap();
            let output = run(dir.path(), locale, name);
            assert!(output.contains(name), "the file is named: {output}");
            assert!(
                output.contains(names),
                "{name}: `{names}` is named: {output}"
            );
            (name, output, names)
        })
        .collect()
}

#[test]
fn under_a_chinese_locale_a_template_mistake_is_told_in_chinese() {
    let mut wrong = Vec::new();
    for (name, output, _) in every_mistake("zh_CN.UTF-8") {
        if let Some(sentence) = english_sentence(&output) {
            wrong.push(format!("{name}: English {sentence}"));
        } else if !output
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        {
            wrong.push(format!("{name}: no Chinese at all: {output}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn under_an_english_locale_a_template_mistake_has_no_chinese_prose() {
    let mut wrong = Vec::new();
    for (name, output, _) in every_mistake("en_US.UTF-8") {
        if let Some(prose) = chinese_prose(&output, TEMPLATE) {
            wrong.push(format!("{name}: Chinese {prose}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
