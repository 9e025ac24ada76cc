use std::sync::Arc;

use proptest::prelude::*;

use super::*;
use crate::i18n::Lang;
use crate::template::Severity;
use crate::template::{Registry, Template};
use crate::value::MAX_UNITS;

fn gov2021() -> Arc<Template> {
    Registry::default().get("gov-2021").unwrap()
}

pub(super) use crate::test_support::{sample, table};

pub(super) fn set(
    report: &mut Report,
    table_id: &str,
    row: &str,
    column: &str,
    value: Option<i64>,
) {
    let t = table(report, table_id);
    let tt = &report.template.tables[t];
    let r = tt.rows.iter().position(|x| x.id == row).unwrap();
    let c = tt.columns.iter().position(|x| x.id == column).unwrap();
    let cell = tt.cell_index(r, c);
    report.tables[t][cell] = value;
}

pub(super) fn get(report: &Report, table_id: &str, row: &str, column: &str) -> Option<i64> {
    let t = table(report, table_id);
    let tt = &report.template.tables[t];
    let r = tt.rows.iter().position(|x| x.id == row).unwrap();
    let c = tt.columns.iter().position(|x| x.id == column).unwrap();
    report.cell(t, r, c)
}

/// A broken rule as (rule id, row id, column id).
pub(super) type Broken = (String, Option<String>, Option<String>);

pub(super) fn broken_rules(report: &Report, prev: Option<&Report>) -> Vec<Broken> {
    let aligned = prev.map(|p| PrevValues::align(&report.template, p));
    check_report(report, aligned.as_ref())
        .into_iter()
        .filter(|f| matches!(f.what, What::Rule { .. }))
        .map(|f| {
            let t = &report.template.tables[f.table.unwrap()];
            (
                f.rule_id(&report.template).to_string(),
                f.row.map(|r| t.rows[r].id.clone()),
                f.column.map(|c| t.columns[c].id.clone()),
            )
        })
        .collect()
}

pub(super) fn rule(id: &str, row: Option<&str>, column: Option<&str>) -> Broken {
    (id.into(), row.map(Into::into), column.map(Into::into))
}

#[test]
fn a_consistent_report_breaks_no_rule() {
    let this = sample("shiyan-2024.toml");
    let last = sample("shiyan-2023.toml");
    assert_eq!(broken_rules(&this, Some(&last)), []);
    assert_eq!(broken_rules(&last, None), []);
}

#[test]
fn last_year_of_another_body_is_one_warning_naming_both() {
    let this = sample("shiyan-2024.toml");
    let agency_findings = |last: &Report| -> Vec<Finding> {
        let aligned = PrevValues::align(&this.template, last);
        check_report(&this, Some(&aligned))
            .into_iter()
            .filter(|f| f.rule_id(&this.template) == "previous-agency")
            .collect()
    };
    let mut last = sample("shiyan-2023.toml");
    assert_eq!(agency_findings(&last), []);
    // Spaces written into a name do not make it another body.
    last.agency = " 示例市 自然资源和规划局 ".into();
    assert_eq!(agency_findings(&last), []);
    // Without a name there is nothing to compare: missing-metadata says so.
    last.agency = String::new();
    assert_eq!(agency_findings(&last), []);
    last.agency = "示例市水利局".into();
    let found = agency_findings(&last);
    assert_eq!(found.len(), 1);
    let f = &found[0];
    assert_eq!(f.severity, Severity::Warning);
    assert!(f.is_about_the_whole_report());
    assert_eq!(
        f.message(&this.template, Lang::Zh),
        "上年报告是示例市水利局的报告，本报告是示例市自然资源和规划局的：跨年规则比较的是另一机关的数字"
    );
    assert_eq!(
        f.message(&this.template, Lang::En),
        "last year's report is by 示例市水利局, this report by 示例市自然资源和规划局: the cross-year rules compare another body's numbers"
    );
    assert_eq!(
        check_report(&this, None).len(),
        0,
        "no last year, no comparison"
    );
}

#[test]
fn row_total_names_the_cell_and_both_sides() {
    let mut r = sample("shiyan-2024.toml");
    set(&mut r, "applications", "new", "total", Some(78));
    let findings = check_report(&r, None);
    let f = findings
        .iter()
        .find(|f| f.rule_id(&r.template) == "row-total")
        .unwrap();
    assert_eq!(
        (f.actual, f.expected, f.difference()),
        (Some(78), Some(77), Some(1))
    );
    assert_eq!(f.severity, Severity::Error);
    let text = f.message(&r.template, Lang::Zh);
    assert!(text.contains("左边 78，右边 77，相差 +1"), "{text}");
    let text = f.message(&r.template, Lang::En);
    assert!(text.contains("left 78, right 77, off by +1"), "{text}");
}

#[test]
fn each_error_rule_of_the_2021_format_is_enforced() {
    let base = sample("shiyan-2024.toml");
    let cases: Vec<(&str, &str, &str, i64, Vec<Broken>)> = vec![
        (
            "applications",
            "handled.withheld.security",
            "natural",
            1,
            vec![
                rule(
                    "row-total",
                    Some("handled.withheld.security"),
                    Some("total"),
                ),
                rule("handled-total", Some("handled.total"), Some("natural")),
            ],
        ),
        (
            "applications",
            "carry_forward",
            "legal",
            2,
            vec![
                rule("row-total", Some("carry_forward"), Some("total")),
                rule("balance", None, Some("legal")),
            ],
        ),
        (
            "cases",
            "cases",
            "review.pending",
            2,
            vec![rule("review-total", Some("cases"), Some("review.total"))],
        ),
        (
            "cases",
            "cases",
            "direct.upheld",
            0,
            vec![rule("direct-total", Some("cases"), Some("direct.total"))],
        ),
        (
            "cases",
            "cases",
            "after_review.other",
            4,
            vec![rule(
                "after-review-total",
                Some("cases"),
                Some("after_review.total"),
            )],
        ),
    ];
    for (table_id, row, column, value, expected) in cases {
        let mut r = base.clone();
        set(&mut r, table_id, row, column, Some(value));
        assert_eq!(
            broken_rules(&r, None),
            expected,
            "{table_id} {row} {column} = {value}"
        );
    }
}

#[test]
fn the_balance_rule_compares_sums_of_two_rows_on_each_side() {
    let mut r = sample("shiyan-2024.toml");
    // One more new request, handled and counted everywhere except in the carry-forward balance.
    set(&mut r, "applications", "new", "natural", Some(63));
    set(&mut r, "applications", "new", "total", Some(78));
    let findings = check_report(&r, None);
    let balance: Vec<_> = findings
        .iter()
        .filter(|f| f.rule_id(&r.template) == "balance")
        .collect();
    assert_eq!(balance.len(), 2, "natural and total columns");
    assert_eq!(
        (balance[0].actual, balance[0].expected),
        (Some(67), Some(66))
    );
    assert_eq!(balance[0].row, None, "a two-row rule is not about one cell");
}

#[test]
fn cross_year_rules_need_last_year() {
    let mut this = sample("shiyan-2024.toml");
    let last = sample("shiyan-2023.toml");
    set(&mut this, "applications", "carried", "natural", Some(5));
    set(&mut this, "applications", "carried", "total", Some(6));
    set(
        &mut this,
        "applications",
        "carry_forward",
        "natural",
        Some(5),
    );
    set(&mut this, "applications", "carry_forward", "total", Some(8));
    assert_eq!(
        broken_rules(&this, None),
        [],
        "without last year nothing is broken"
    );
    assert_eq!(
        broken_rules(&this, Some(&last)),
        [
            rule("carried-continuity", Some("carried"), Some("natural")),
            rule("carried-continuity", Some("carried"), Some("total")),
        ]
    );
    // 现行有效件数 drifting from last year's is only a warning: amendments happen.
    let mut this = sample("shiyan-2024.toml");
    set(&mut this, "documents", "normative", "in_force", Some(30));
    let aligned = PrevValues::align(&this.template, &last);
    let findings = check_report(&this, Some(&aligned));
    let f = findings
        .iter()
        .find(|f| f.rule_id(&this.template) == "in-force-continuity")
        .unwrap();
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!((f.actual, f.expected), (Some(30), Some(27)));
}

#[test]
fn empty_cells_are_warned_about_and_count_as_zero() {
    let mut r = Report::new(gov2021());
    let findings = check_report(&r, None);
    assert!(findings.iter().all(|f| f.severity == Severity::Warning));
    let empty: usize = findings
        .iter()
        .map(|f| match f.what {
            What::EmptyCells { count, .. } => count,
            _ => 0,
        })
        .sum();
    assert_eq!(empty, r.empty_cells());
    set(&mut r, "applications", "new", "natural", Some(3));
    set(&mut r, "applications", "new", "total", Some(3));
    assert_eq!(
        broken_rules(&r, None),
        [
            rule("balance", None, Some("natural")),
            rule("balance", None, Some("total"))
        ]
    );
}

#[test]
fn derived_totals_follow_their_parts_as_they_are_typed() {
    let mut r = Report::new(gov2021());
    let t = table(&r, "applications");
    let template = r.template.clone();
    let tt = &template.tables[t];
    let granted = tt
        .rows
        .iter()
        .position(|x| x.id == "handled.granted")
        .unwrap();
    let cell = tt.cell_index(granted, 1);
    r.tables[t][cell] = Some(4);
    let changed = derive_from(tt, &mut r.tables[t], cell);
    assert_eq!(get(&r, "applications", "handled.granted", "total"), Some(4));
    assert_eq!(
        get(&r, "applications", "handled.total", "commercial"),
        Some(4)
    );
    assert_eq!(get(&r, "applications", "handled.total", "total"), Some(4));
    assert_eq!(changed.len(), 3);
    assert_eq!(
        get(&r, "applications", "handled.total", "natural"),
        None,
        "untouched columns stay empty"
    );
    // Emptying the only part empties its totals again.
    r.tables[t][cell] = None;
    derive_from(tt, &mut r.tables[t], cell);
    assert_eq!(get(&r, "applications", "handled.total", "total"), None);
}

#[test]
fn a_typed_total_is_not_overwritten_by_derivation_from_itself() {
    let mut r = sample("shiyan-2024.toml");
    let t = table(&r, "applications");
    set(&mut r, "applications", "new", "total", Some(100));
    let template = r.template.clone();
    let tt = &template.tables[t];
    let cell = tt.cell_index(0, 6);
    derive_from(tt, &mut r.tables[t], cell);
    assert_eq!(get(&r, "applications", "new", "total"), Some(100));
}

/// A report with random parts and every derived cell left for `derive_all` to fill in.
fn random_parts() -> impl Strategy<Value = Report> {
    let template = gov2021();
    let sizes: Vec<usize> = template.tables.iter().map(|t| t.cell_count()).collect();
    let cells = sizes
        .into_iter()
        .map(|n| proptest::collection::vec(proptest::option::weighted(0.8, 0..5000i64), n))
        .collect::<Vec<_>>();
    cells.prop_map(move |tables| {
        let mut r = Report::new(template.clone());
        r.tables = tables;
        r
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn filling_derived_cells_leaves_no_sum_broken(mut report in random_parts()) {
        derive_all(&mut report);
        let broken: Vec<_> = broken_rules(&report, None)
            .into_iter()
            .filter(|(id, _, _)| id != "balance")
            .collect();
        prop_assert_eq!(broken, vec![]);
        // Filling is idempotent.
        prop_assert_eq!(derive_all(&mut report), 0);
    }

    /// Parts typed one after another in any order: an overridden total keeps its value, and every
    /// other total follows its parts. Until the parts happen to add up to the override: then the
    /// total agrees with them, nothing tells it from a derived one, and it follows them on.
    #[test]
    fn an_override_survives_any_parts_typed(
        mut report in random_parts(),
        typed in proptest::collection::vec((0..175usize, proptest::option::of(0..5000i64)), 1..40),
        lift in 1..1000i64,
    ) {
        derive_all(&mut report);
        let t = table(&report, "applications");
        let template = report.template.clone();
        let tt = &template.tables[t];
        let values = &mut report.tables[t];
        // Override 一、本年新收 × 总计 with a value above its sum.
        let total = tt.cell_index(0, tt.columns.len() - 1);
        let wanted = values[total].unwrap_or(0) + lift;
        set_cell(tt, values, total, Some(wanted));
        prop_assert!(is_overridden(tt, values, total));
        let parts_of_total = |values: &[Option<i64>]| -> i64 {
            (0..tt.columns.len() - 1)
                .map(|c| values[tt.cell_index(0, c)].unwrap_or(0))
                .sum()
        };
        for (cell, value) in typed {
            if tt.is_derived(cell) {
                continue;
            }
            set_cell(tt, values, cell, value);
            if parts_of_total(values) == wanted {
                break;
            }
            prop_assert_eq!(values[total], Some(wanted), "the override stays");
        }
        // No other total adds up 一、本年新收: each follows its parts.
        for cell in (0..values.len()).filter(|&c| tt.is_derived(c) && c != total) {
            prop_assert!(!is_overridden(tt, values, cell), "cell {}", cell);
        }
    }

    #[test]
    fn check_never_panics_on_extreme_values(values in proptest::collection::vec(proptest::option::of(0..=MAX_UNITS), 175)) {
        let mut report = Report::new(gov2021());
        let t = table(&report, "applications");
        report.tables[t] = values;
        let findings = check_report(&report, None);
        for f in findings {
            let _ = f.message(&report.template, Lang::Zh);
        }
        derive_all(&mut report);
    }
}

/// One evaluation, three outcomes: a check that holds gives its value, a broken one both sides,
/// and a cross-year check is skipped without last year's report, or when last year's format has
/// no such cell (a 2019-format report has no 现行有效件数).
#[test]
fn every_check_is_held_broken_or_skipped_with_its_sides() {
    let this = sample("shiyan-2024.toml");
    let t = table(&this, "documents");
    let continuity: Vec<usize> = this.template.tables[t]
        .checks
        .iter()
        .enumerate()
        .filter(|(_, c)| c.uses_prev)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(continuity.len(), 2);
    let outcomes = |prev: Option<&str>| {
        let aligned = prev.map(|p| PrevValues::align(&this.template, &sample(p)));
        let e = evaluate(&this, aligned.as_ref(), &mut text::TextCache::default());
        continuity
            .iter()
            .map(|&i| e.outcome(t, i))
            .collect::<Vec<_>>()
    };
    assert_eq!(outcomes(None), [Outcome::Skipped, Outcome::Skipped]);
    assert_eq!(
        outcomes(Some("shiyan-2020.toml")),
        [Outcome::Skipped, Outcome::Skipped]
    );
    assert!(
        outcomes(Some("shiyan-2023.toml"))
            .iter()
            .all(|o| matches!(o, Outcome::Held { .. })),
        "{:?}",
        outcomes(Some("shiyan-2023.toml"))
    );
    let broken = sample("broken-2024.toml");
    let e = evaluate(&broken, None, &mut text::TextCache::default());
    let rules = e
        .findings
        .iter()
        .filter(|f| matches!(f.what, What::Rule { .. }));
    for f in rules {
        let (Some(t), What::Rule { check, .. }) = (f.table, &f.what) else {
            unreachable!()
        };
        let Outcome::Broken { lhs, rhs } = e.outcome(t, *check as usize) else {
            panic!("{f:?} is not broken in the evaluation");
        };
        assert_eq!((f.actual, f.expected), (Some(lhs as i64), Some(rhs as i64)));
    }
}

/// A total left empty breaks its rule as 0, as a sum counts it, and the message says it is
/// empty: "left 0" read as a 0 written in the report (a published table cut off before its
/// (七) 总计, a clerk's total not typed yet).
#[test]
fn a_rule_whose_left_side_is_empty_says_so() {
    let mut report = sample("shiyan-2024.toml");
    for column in ["natural", "total"] {
        set(&mut report, "applications", "handled.total", column, None);
    }
    let findings = check_report(&report, None);
    let said = |column: &str, lang: Lang| {
        let t = table(&report, "applications");
        let c = report.template.tables[t]
            .columns
            .iter()
            .position(|x| x.id == column)
            .unwrap();
        findings
            .iter()
            .find(|f| f.rule_id(&report.template) == "handled-total" && f.column == Some(c))
            .map(|f| f.message(&report.template, lang))
            .unwrap()
    };
    assert!(
        said("natural", Lang::Zh).ends_with("左边为空（按 0 计），右边 62，相差 -62"),
        "{}",
        said("natural", Lang::Zh)
    );
    assert!(said("natural", Lang::En).ends_with("left empty (counted as 0), right 62, off by -62"));
    // A 0 written is a 0: the message names it as before.
    set(
        &mut report,
        "applications",
        "handled.total",
        "natural",
        Some(0),
    );
    let findings = check_report(&report, None);
    let zero = findings
        .iter()
        .find(|f| f.rule_id(&report.template) == "handled-total" && f.actual == Some(0))
        .unwrap();
    assert!(
        zero.message(&report.template, Lang::Zh)
            .ends_with("左边 0，右边 62，相差 -62")
    );
}
