//! The built-in templates and what a bad template is told.

use super::built_in::BuiltIn;
use super::*;

#[test]
fn built_in_templates_compile() {
    for BuiltIn { id, source, .. } in BUILT_IN {
        let t = Template::parse(source, id).unwrap();
        assert_eq!(&t.id, id);
    }
}

#[test]
fn the_2021_format_has_the_official_shape() {
    let t = Registry::default().get("gov-2021").unwrap();
    let titles: Vec<&str> = t.sections.iter().map(|s| s.title.zh.as_str()).collect();
    assert_eq!(
        titles,
        [
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项"
        ]
    );
    let requests = &t.tables[t.table_by_id(2, "applications").unwrap()];
    assert_eq!((requests.rows.len(), requests.columns.len()), (25, 7));
    let appeals = &t.tables[t.table_by_id(3, "cases").unwrap()];
    assert_eq!((appeals.rows.len(), appeals.columns.len()), (1, 15));
    assert_eq!(t.sections[2].short, "三");
    // Every row's total and every column's (七) 总计 is derived.
    let total_col = requests.columns.len() - 1;
    assert!(requests.is_derived(requests.cell_index(0, total_col)));
    assert!(requests.is_derived(requests.cell_index(23, 0)));
    assert!(!requests.is_derived(requests.cell_index(0, 0)));
}

/// The labels are the form's, not the wording of the one published report they were once copied
/// from ("2.其他法律法规禁止公开", "4.无正当理由由大量反复申请"): exports print them as the table of record.
#[test]
fn the_2021_format_prints_the_forms_wording() {
    let t = Registry::default().get("gov-2021").unwrap();
    let requests = &t.tables[t.table_by_id(2, "applications").unwrap()];
    let label = |id: &str| {
        let row = requests.rows.iter().find(|r| r.id == id).unwrap();
        row.label.zh.as_str()
    };
    assert_eq!(
        label("handled.withheld.prohibited"),
        "2.其他法律行政法规禁止公开"
    );
    assert_eq!(label("handled.declined.mass"), "4.无正当理由大量反复申请");
}

#[test]
fn the_2019_format_keeps_the_2021_ids_where_the_meaning_is_the_same() {
    let mut registry = Registry::default();
    let old = registry.get("gov-2019").unwrap();
    let new = registry.get("gov-2021").unwrap();
    assert_eq!(old.superseded_from, Some(2021));
    let sections = |t: &Template| t.sections.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    assert_eq!(sections(&old), sections(&new));
    let captions: Vec<&str> = old.sections[1]
        .tables
        .clone()
        .map(|t| old.tables[t].caption.zh.as_str())
        .collect();
    assert_eq!(
        captions,
        [
            "第二十条第（一）项",
            "第二十条第（五）项",
            "第二十条第（六）项",
            "第二十条第（八）项",
            "第二十条第（九）项"
        ]
    );
    let licensing = &old.tables[old.table_by_id(1, "licensing").unwrap()];
    let labels: Vec<&str> = licensing
        .columns
        .iter()
        .map(|c| c.label.zh.as_str())
        .collect();
    assert_eq!(labels, ["上一年项目数量", "本年增/减", "处理决定数量"]);
    assert_eq!(licensing.columns[1].kind, CellKind::Change);
    let procurement = &old.tables[old.table_by_id(1, "procurement").unwrap()];
    assert_eq!(procurement.columns[1].kind, CellKind::Money);
    // Table 三 differs only in its single (六) row; table 四 is the same table.
    let requests = |t: &Template| {
        let table = &t.tables[t.table_by_id(2, "applications").unwrap()];
        table.rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>()
    };
    let mut expected = requests(&new);
    expected.retain(|id| !id.starts_with("handled.other."));
    expected.insert(expected.len() - 2, "handled.other".into());
    assert_eq!(requests(&old), expected);
    let old_cases = &old.tables[old.table_by_id(3, "cases").unwrap()];
    let new_cases = &new.tables[new.table_by_id(3, "cases").unwrap()];
    let ids = |t: &Table| t.columns.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(old_cases), ids(new_cases));
}

#[test]
fn bad_templates_say_what_is_wrong() {
    let base = |rules: &str| {
        format!(
            "id='x'\nname='x'\n[[sections]]\nid='s'\ntitle='一、s'\n[[sections.tables]]\nid='t'\ncaption='t'\n\
             columns=[{{id='a',label='a'}},{{id='b',label='b'}}]\nrows=[{{id='r',label='r'}}]\n{rules}"
        )
    };
    assert!(Template::parse(&base(""), "x").is_ok());
    let unknown =
        base("[[sections.tables.rules]]\nid='r1'\neach='row'\ncheck='a = c'\nmessage='m'\n");
    let err = Template::parse(&unknown, "x").unwrap_err().to_string();
    assert!(err.contains("no column id matches \"c\""), "{err}");
    let not_derivable = base(
        "[[sections.tables.rules]]\nid='r1'\neach='row'\ncheck='a + b = a'\nderive=true\nmessage='m'\n",
    );
    let err = Template::parse(&not_derivable, "x")
        .unwrap_err()
        .to_string();
    assert!(err.contains("derived"), "{err}");
    let typo =
        base("[[sections.tables.rules]]\nid='r1'\neach='rows'\ncheck='a = b'\nmessage='m'\n");
    let err = Template::parse(&typo, "t.toml").unwrap_err().to_string();
    assert!(err.starts_with("t.toml:13:"), "{err}");
}

/// The status line names a cell's rules by their short names: every built-in rule has one in
/// Chinese, not its id (`row-total`).
#[test]
fn every_built_in_rule_has_a_short_name_in_both_languages() {
    for BuiltIn { id, source, .. } in BUILT_IN {
        let t = Template::parse(source, id).unwrap();
        for table in &t.tables {
            for rule in &table.rules {
                assert!(
                    !rule.name.zh.is_ascii(),
                    "{id} {}: no Chinese name",
                    rule.id
                );
            }
        }
    }
}

/// A start reads the built-in templates from their JSON, which must say what the TOML says.
/// `NIANBAO_WRITE_TEMPLATES=1 cargo test --lib template::tests::the_json` rewrites it.
#[test]
fn the_json_of_every_built_in_template_is_current() {
    let write = std::env::var_os("NIANBAO_WRITE_TEMPLATES").is_some();
    for built_in in BUILT_IN {
        let json = built_in.json_from_source();
        if json == built_in.json {
            continue;
        }
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/template")
            .join(built_in.json_file);
        if write {
            std::fs::write(&path, &json).unwrap();
        } else {
            panic!(
                "{} is not what {}.toml says: run NIANBAO_WRITE_TEMPLATES=1 cargo test --lib template::tests::the_json",
                path.display(),
                built_in.id
            );
        }
    }
}

/// What a start compiles (the JSON) is the template the TOML makes.
#[test]
fn the_json_and_the_toml_make_the_same_template() {
    for built_in in BUILT_IN {
        let from_toml = Template::parse(built_in.source, built_in.id).unwrap();
        let from_json = built_in.compile();
        assert_eq!(
            format!("{from_toml:?}"),
            format!("{from_json:?}"),
            "{}",
            built_in.id
        );
    }
}
