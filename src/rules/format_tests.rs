//! The 2019 format: its own rules, and last year's report in the other format.

use super::tests::{broken_rules, rule, sample, set};
use super::*;
use crate::i18n::Lang;
use crate::template::Severity;

/// The 2023 sample moved to 2021, the first year of the 2021 format, taking over what the 2020
/// report (2019 format) carried forward.
fn first_report_in_the_2021_format() -> Report {
    let mut r = sample("shiyan-2023.toml");
    r.year = Some(2021);
    let carried = [3, 1, 0, 0, 0, 0, 4];
    let new = [54, 5, 1, 0, 2, 1, 63];
    for (c, column) in [
        "natural",
        "commercial",
        "research",
        "charity",
        "legal",
        "other",
        "total",
    ]
    .iter()
    .enumerate()
    {
        set(&mut r, "applications", "carried", column, Some(carried[c]));
        set(&mut r, "applications", "new", column, Some(new[c]));
    }
    r
}

#[test]
fn the_2020_sample_is_consistent() {
    let r = sample("shiyan-2020.toml");
    assert_eq!(r.template.id, "gov-2019");
    assert_eq!(check_report(&r, None), []);
}

#[test]
fn a_2021_report_follows_on_from_a_2020_report_in_the_old_format() {
    let last = sample("shiyan-2020.toml");
    let mut this = first_report_in_the_2021_format();
    assert_eq!(broken_rules(&this, None), []);
    // Carried over is checked across formats: table 三 has the same ids in both.
    assert_eq!(broken_rules(&this, Some(&last)), []);
    // 现行有效件数 has no counterpart in 2019's table, so its continuity is not guessed at.
    let aligned = PrevValues::align(&this.template, &last);
    let findings = check_report(&this, Some(&aligned));
    assert!(
        !findings
            .iter()
            .any(|f| f.rule_id(&this.template) == "in-force-continuity"),
        "{findings:?}"
    );
    set(&mut this, "applications", "carried", "natural", Some(2));
    set(&mut this, "applications", "new", "natural", Some(55));
    set(&mut this, "applications", "carried", "total", Some(3));
    set(&mut this, "applications", "new", "total", Some(64));
    assert_eq!(broken_rules(&this, None), []);
    assert_eq!(
        broken_rules(&this, Some(&last)),
        [
            rule("carried-continuity", Some("carried"), Some("natural")),
            rule("carried-continuity", Some("carried"), Some("total"))
        ]
    );
}

#[test]
fn item_counts_continue_from_last_year_in_the_2019_format() {
    let this = sample("shiyan-2020.toml");
    let mut last = this.clone();
    last.year = Some(2019);
    let aligned = PrevValues::align(&this.template, &last);
    // (Its texts, last year's word for word, are a structure warning of the whole report.)
    let warned: Vec<(String, String)> = check_report(&this, Some(&aligned))
        .into_iter()
        .filter(|f| f.table.is_some())
        .map(|f| {
            let table = &this.template.tables[f.table.unwrap()];
            (
                f.rule_id(&this.template).to_string(),
                format!("{}.{}", table.id, table.rows[f.row.unwrap()].id),
            )
        })
        .collect();
    // 56 items last year cannot follow from 56 and a change of -3 the year before, and so on for
    // every row whose change was not 0; the same report as its own last year breaks nothing else
    // but the carried-over and published-total continuity.
    for expected in [
        "licensing.licensing",
        "enforcement.penalty",
        "fees.fees",
        "documents.normative",
    ] {
        assert!(
            warned.iter().any(|(_, place)| place == expected),
            "{expected} in {warned:?}"
        );
    }
    assert!(!warned.iter().any(|(_, p)| p == "licensing.other_services"));
    let continuity = check_report(&this, Some(&aligned))
        .into_iter()
        .find(|f| f.rule_id(&this.template) == "items-continuity")
        .unwrap();
    assert_eq!(continuity.severity, Severity::Warning);
    assert_eq!(
        (continuity.actual, continuity.expected),
        (Some(56), Some(53))
    );
}

#[test]
fn the_2019_format_is_flagged_from_2021_on() {
    let mut r = sample("shiyan-2020.toml");
    assert!(
        !check_report(&r, None)
            .iter()
            .any(|f| matches!(f.what, What::SupersededFormat { .. }))
    );
    r.year = Some(2021);
    let findings = check_report(&r, None);
    let f = findings
        .iter()
        .find(|f| matches!(f.what, What::SupersededFormat { from: 2021 }))
        .unwrap();
    assert_eq!(f.severity, Severity::Warning);
    assert!(
        f.message(&r.template, Lang::Zh)
            .contains("国办公开办函〔2019〕60号")
    );
}

/// Last year's report in the 2019 format, lined up with the 2021 format by ids: a cell both
/// formats have is known (an empty one too, which counts as 0), one only this year's format has
/// is not, and so is nothing past the table.
#[test]
fn last_years_cells_are_known_only_where_its_format_has_them() {
    let this = first_report_in_the_2021_format();
    let mut last = sample("shiyan-2020.toml");
    let aligned = PrevValues::align(&this.template, &last);
    let template = &this.template;
    let at = |table: &str, row: &str, column: &str| {
        let t = template.tables.iter().position(|x| x.id == table).unwrap();
        let tt = &template.tables[t];
        let r = tt.rows.iter().position(|x| x.id == row).unwrap();
        let c = tt.columns.iter().position(|x| x.id == column).unwrap();
        (t, tt.cell_index(r, c))
    };
    let (t, issued) = at("documents", "normative", "issued");
    let (_, in_force) = at("documents", "normative", "in_force");
    assert!(aligned.knows(t, issued));
    assert!(!aligned.knows(t, in_force), "2019's table has no 现行有效");
    assert!(!aligned.knows(t, template.tables[t].cell_count()));
    assert!(!aligned.knows(template.tables.len(), 0));
    let (a, carried) = at("applications", "carried", "natural");
    assert!(aligned.knows(a, carried));
    let lt = &last.template;
    let la = lt
        .tables
        .iter()
        .position(|x| x.id == "applications")
        .unwrap();
    let lr = lt.tables[la]
        .rows
        .iter()
        .position(|x| x.id == "carried")
        .unwrap();
    assert_eq!(
        aligned.table(a).unwrap()[carried],
        last.cell(la, lr, 0),
        "三 has the same ids in both formats"
    );
    assert!(aligned.table(a).unwrap()[carried].is_some());
    // An empty cell last year is known, and empty.
    set(&mut last, "applications", "carried", "natural", None);
    let aligned = PrevValues::align(&this.template, &last);
    assert!(aligned.knows(a, carried));
    assert_eq!(aligned.table(a).unwrap()[carried], None);
}
