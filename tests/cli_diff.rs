//! `nianbao diff OLD NEW`: what differs, by labels; exit 0 same, 1 different, 2 unreadable.

mod common;

use common::{edited, nianbao, nianbao_in, write};
use serde_json::Value;

#[test]
fn a_report_is_the_same_as_itself() {
    let run = nianbao(&["diff", "shiyan-2024.toml", "shiyan-2024.toml"]);
    assert_eq!(run.code, 0);
    assert_eq!(
        run.stdout,
        "shiyan-2024.toml and shiyan-2024.toml are the same\n"
    );
}

#[test]
fn a_changed_sentence_is_shown_as_the_line_removed_and_added() {
    let run = nianbao(&[
        "diff",
        "shiyan-2024.toml",
        "mismatch-2024.toml",
        "--lang",
        "zh",
    ]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stdout,
        "shiyan-2024.toml → mismatch-2024.toml：1 处不同\n  一、总体情况：\n    \
         - 全年共收到政府信息公开申请77件，上年结转5件。其中予以公开26件，部分公开6件，其余均依法作出答复。\n    \
         + 全年共收到政府信息公开申请76件，上年结转5件。其中予以公开26件，部分公开6件，其余均依法作出答复。\n"
    );
}

#[test]
fn changed_cells_and_metadata_are_named_by_their_labels() {
    let dir = tempfile::tempdir().unwrap();
    let new = edited(
        "shiyan-2024.toml",
        &[
            (
                "agency = \"示例市自然资源和规划局\"",
                "agency = \"示例市自然资源局\"",
            ),
            ("fees = [18.8710]", "fees = [18.8720]"),
            (
                "handled.withheld.state_secret      = [0, 0, 0, 0, 0, 0, 0]",
                "handled.withheld.state_secret      = [\"\", 0, 0, 0, 0, 0, 0]",
            ),
        ],
    );
    let new = write(dir.path(), "new.toml", &new);
    let old = common::samples().join("shiyan-2024.toml");
    let run = nianbao_in(
        dir.path(),
        &["diff", old.to_str().unwrap(), &new, "--lang", "zh"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().skip(1).collect();
    assert_eq!(
        lines,
        [
            "  机关名称：示例市自然资源和规划局 → 示例市自然资源局",
            "  二 › 第二十条第（八）项 › 行政事业性收费 × 本年收费金额（单位：万元，保留4位小数）：18.8710 → 18.8720",
            "  三 › (三) 不予公开 › 1.属于国家秘密 × 自然人：0 → （空）",
        ]
    );
    let run = nianbao_in(
        dir.path(),
        &["diff", old.to_str().unwrap(), &new, "--format", "json"],
    );
    assert_eq!(run.code, 1);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["equal"], false);
    let d = &json["differences"];
    assert_eq!(d[0]["kind"], "meta");
    assert_eq!(d[0]["key"], "agency");
    assert_eq!(d[1]["kind"], "cell");
    assert_eq!(
        (
            &d[1]["section"],
            &d[1]["table"],
            &d[1]["row"],
            &d[1]["column"]
        ),
        (
            &Value::from("active"),
            &Value::from("fees"),
            &Value::from("fees"),
            &Value::from("amount")
        )
    );
    assert_eq!(
        (&d[1]["old"], &d[1]["new"]),
        (&Value::from("18.8710"), &Value::from("18.8720"))
    );
    assert_eq!(
        (&d[2]["old"], &d[2]["new"]),
        (&Value::from(0), &Value::Null)
    );
    assert_eq!(d.as_array().unwrap().len(), 3);
}

#[test]
fn reports_in_the_two_formats_compare_by_id() {
    let run = nianbao(&[
        "diff",
        "shiyan-2020.toml",
        "shiyan-2023.toml",
        "--format",
        "json",
        "--lang",
        "zh",
    ]);
    assert_eq!(run.code, 1);
    let json: Value = serde_json::from_str(&run.stdout).unwrap();
    let d = json["differences"].as_array().unwrap();
    let find = |kind: &str, table: &str, row: &str, column: &str| {
        d.iter()
            .find(|x| {
                x["kind"] == kind && x["table"] == table && x["row"] == row && x["column"] == column
            })
            .unwrap_or_else(|| panic!("no {kind} {table} {row} {column}"))
    };
    assert_eq!(d[0]["key"], "template");
    assert_eq!(
        (&d[0]["old"], &d[0]["new"]),
        (&Value::from("gov-2019"), &Value::from("gov-2021"))
    );
    let new = find("cell", "applications", "new", "total");
    assert_eq!(
        (&new["old"], &new["new"]),
        (&Value::from(52), &Value::from(65))
    );
    let in_force = find("cell-added", "documents", "normative", "in_force");
    assert_eq!(
        (&in_force["old"], &in_force["new"]),
        (&Value::Null, &Value::from(25))
    );
    let amount = find("cell-removed", "procurement", "procurement", "amount");
    assert_eq!(amount["old"], "126.4500");
    assert_eq!(
        amount["place"],
        "二 › 第二十条第（九）项 › 政府集中采购 × 采购总金额"
    );
    let run = nianbao(&[
        "diff",
        "shiyan-2020.toml",
        "shiyan-2023.toml",
        "--lang",
        "zh",
    ]);
    assert!(run.stdout.contains(
        "  二 › 第二十条第（一）项 › 行政规范性文件 × 现行有效件数：（旧格式无此项） → 25\n"
    ));
    assert!(
        run.stdout
            .contains("  三 › （六）其他处理 × 总计：1 → （新格式无此项）\n")
    );
}

#[test]
fn an_unreadable_file_exits_2_with_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let bad = edited("shiyan-2024.toml", &[("fees = [18.8710]", "fees = [-1]")]);
    let bad = write(dir.path(), "bad.toml", &bad);
    let good = common::samples().join("shiyan-2024.toml");
    let run = nianbao_in(dir.path(), &["diff", good.to_str().unwrap(), &bad]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.contains("bad.toml:53:9: row `fees`, column 1"),
        "{}",
        run.stderr
    );
    let run = nianbao_in(dir.path(), &["diff", "missing.toml", &bad]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("missing.toml: cannot read"),
        "{}",
        run.stderr
    );
}

/// The top-level fields by their names in the user's language, as the cells and sections are.
#[test]
fn the_fields_are_named_in_the_user_s_language() {
    let dir = tempfile::tempdir().unwrap();
    let old = common::samples().join("shiyan-2023.toml");
    let new = common::samples().join("shiyan-2024.toml");
    let (old, new) = (old.to_str().unwrap(), new.to_str().unwrap());
    let fields = |lang: &str| -> Vec<String> {
        let run = nianbao_in(dir.path(), &["diff", new, old, "--lang", lang]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        run.stdout
            .lines()
            .skip(1)
            .take(3)
            .map(|l| l.split([':', '：']).next().unwrap().to_string())
            .collect()
    };
    assert_eq!(fields("zh"), ["  年度", "  标题", "  上年报告"]);
    assert_eq!(fields("en"), ["  year", "  title", "  previous"]);
    let run = nianbao_in(dir.path(), &["diff", new, old, "--lang", "zh"]);
    assert!(
        run.stdout
            .contains("\n  上年报告：shiyan-2023.toml → （无）\n"),
        "{}",
        run.stdout
    );
}
