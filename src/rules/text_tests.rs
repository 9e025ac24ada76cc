//! Text facts on sentences as real reports write them: the numbers found, and the contradictions.

use super::tests::{sample, set, table};
use super::text::{sentence_around, statements};
use super::*;
use crate::i18n::Lang;
use crate::template::Registry;
use crate::template::Severity;

/// (fact id, number stated) for every number a text states, in the order they appear.
fn stated(template_id: &str, text: &str) -> Vec<(String, i64)> {
    let template = Registry::default().get(template_id).unwrap();
    statements(&template, 0, text, None)
        .into_iter()
        .map(|s| (template.text_facts.facts[s.fact].id.clone(), s.stated))
        .collect()
}

fn facts(list: &[(&str, i64)]) -> Vec<(String, i64)> {
    list.iter().map(|(id, v)| (id.to_string(), *v)).collect()
}

fn text_findings(report: &Report) -> Vec<Finding> {
    check_report(report, None)
        .into_iter()
        .filter(|f| matches!(f.what, What::TextVsTable { .. }))
        .collect()
}

#[test]
fn an_overview_paragraph_states_each_outcome() {
    let text = "2024年，本机关共受理政府信息公开申请八件，上年结转申请1件。办结申请9件，其中予以公开2件，\
                部分公开1件，不予公开1件，无法提供3件，不予处理1件，其他处理1件，无结转下年度继续办理的申请。";
    assert_eq!(
        stated("gov-2021", text),
        facts(&[
            ("new-requests", 8),
            ("carried-requests", 1),
            ("handled-requests", 9),
            ("granted", 2),
            ("partial", 1),
            ("withheld", 1),
            ("unavailable", 3),
            ("declined", 1),
            ("other-handling", 1),
        ])
    );
}

#[test]
fn a_provincial_style_summary_is_read_phrase_by_phrase() {
    let text = "全年共受理政府信息公开申请859件，答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请\
                按规定顺延至下年度答复）。予以公开及部分公开258件，不予公开35件，因本机关不掌握等原因无法提供\
                265件，不予处理158件，其他处理0件。信息公开类行政复议7件，诉讼9件，均获维持。";
    assert_eq!(
        stated("gov-2019", text),
        facts(&[
            ("new-requests", 859),
            ("handled-requests", 805),
            ("carried-requests", 18),
            ("carried-forward", 72),
            // One number for two rows, not "部分公开258件".
            ("granted-and-partial", 258),
            ("withheld", 35),
            ("unavailable", 265),
            ("declined", 158),
            ("other-handling", 0),
            ("reviews", 7),
            ("reviews-all-upheld", 0),
            ("suits", 9),
            ("suits-all-upheld", 0),
        ])
    );
}

#[test]
fn numbers_are_read_in_every_way_they_are_written() {
    for (text, fact, value) in [
        ("共收到政府信息公开申请十二件。", "new-requests", 12),
        (
            "本年新收政府信息公开申请数量为 1,286 件。",
            "new-requests",
            1286,
        ),
        ("收到依申请公开申请一百零五份。", "new-requests", 105),
        ("新收政府信息公开申请７７件。", "new-requests", 77),
        ("被申请行政复议两起。", "reviews", 2),
        ("全年被提起行政诉讼1起。", "suits", 1),
        ("本年度未收到政府信息公开申请。", "new-requests", 0),
        ("收取行政事业性收费18.8710万元。", "fees", 188_710),
        ("印发行政规范性文件3件。", "normative-issued", 3),
        ("作出行政处罚决定143件。", "penalties", 143),
        ("行政复议和行政诉讼共3件。", "reviews-and-suits", 3),
    ] {
        assert_eq!(stated("gov-2021", text), facts(&[(fact, value)]), "{text}");
    }
    assert_eq!(
        stated(
            "gov-2021",
            "未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"
        ),
        facts(&[("reviews", 0), ("suits", 0)])
    );
}

#[test]
fn other_years_changes_and_unrelated_counts_are_not_read() {
    for text in [
        "上年共收到政府信息公开申请65件。",
        "与上年相比，收到申请增加12件。",
        "较上年，收到政府信息公开申请减少12件。",
        "全年主动公开政府信息1200条，主动予以公开政策文件56件。",
        "收到政府信息公开申请，其中自然人申请60件。",
        "申请数量同比下降12%。",
        "收取信息处理费0元。",
        "逾期未收到申请人补正材料的申请1件。",
        // Requests, but not for information: licensing and reviews have their own tables.
        "全年受理行政许可申请1286件。",
        "受理行政复议申请3件。",
        "予以公开比例提高12个百分点。",
    ] {
        assert_eq!(stated("gov-2021", text), [], "{text}");
    }
    assert_eq!(
        stated(
            "gov-2021",
            "全年共收到政府信息公开申请77件，较上年增加12件。"
        ),
        facts(&[("new-requests", 77)])
    );
}

#[test]
fn a_consistent_report_has_no_contradiction_and_one_changed_number_has_one() {
    let mut r = sample("shiyan-2024.toml");
    assert_eq!(text_findings(&r), []);
    r.texts[0] = r.texts[0].replace("申请77件", "申请78件");
    let found = text_findings(&r);
    assert_eq!(found.len(), 1, "{found:?}");
    let f = &found[0];
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!((f.actual, f.expected), (Some(78), Some(77)));
    assert_eq!(f.section, 0);
    let table = &r.template.tables[f.table.unwrap()];
    assert_eq!(table.id, "applications");
    assert_eq!(table.rows[f.row.unwrap()].id, "new");
    assert_eq!(table.columns[f.column.unwrap()].id, "total");
    assert_eq!(f.rule_id(&r.template), "text-vs-table");
    let What::TextVsTable {
        start,
        end,
        quote,
        sentence,
        sentence_start,
        ..
    } = &f.what
    else {
        unreachable!()
    };
    assert_eq!(quote, "收到政府信息公开申请78件");
    let at: String = r.texts[0].chars().skip(*start).take(end - start).collect();
    assert_eq!(&at, quote);
    assert_eq!(sentence, "全年共收到政府信息公开申请78件，上年结转5件。");
    assert_eq!(
        sentence_around(&r.texts[0], *start, *end).0,
        *sentence_start
    );
    assert!(
        f.message(&r.template, Lang::Zh)
            .contains("正文「收到政府信息公开申请78件」为 78，表中为 77")
    );
}

/// A figure of another year ("2023年共收到…60件") and the parts of this year's ("其中网上申请…50件，
/// 信函…27件") are no contradiction of this year's table; this year's figure beside them still is.
#[test]
fn another_years_figure_and_the_parts_of_a_total_are_not_compared_with_it() {
    let mut r = sample("shiyan-2024.toml");
    r.texts[0] = r.texts[0].replace(
        "上年结转5件。",
        "上年结转5件。其中网上申请收到政府信息公开申请50件，信函收到申请27件。2023年共收到政府信息公开申请60件。",
    );
    assert_eq!(text_findings(&r), []);
    // A part said apart from 其中 is said as a whole, and the report's own year is this year.
    for contradiction in [
        "网上申请收到政府信息公开申请50件。",
        "2024年共收到政府信息公开申请60件。",
    ] {
        r.texts[0] = format!("{contradiction}其中予以公开26件。");
        assert_eq!(text_findings(&r).len(), 1, "{contradiction}");
    }
    // What 其中 introduces is still compared with its own row.
    r.texts[0] = "全年共收到政府信息公开申请77件。其中予以公开20件，部分公开6件。".into();
    let found = text_findings(&r);
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn all_upheld_contradicts_a_pending_case() {
    let mut r = sample("shiyan-2024.toml");
    r.texts[0] = "全年因政府信息公开被申请行政复议5件，被提起行政诉讼4件，均获维持。".into();
    // Table 四 of the sample has a review and a lawsuit pending and one review corrected.
    let found = text_findings(&r);
    let upheld: Vec<(&str, Option<i64>)> = found
        .iter()
        .map(|f| {
            let What::TextVsTable { fact, .. } = f.what else {
                unreachable!()
            };
            (
                r.template.text_facts.facts[fact as usize].id.as_str(),
                f.expected,
            )
        })
        .collect();
    assert_eq!(
        upheld,
        [
            ("reviews-all-upheld", Some(2)),
            ("suits-all-upheld", Some(2))
        ]
    );
    let cases = r
        .template
        .tables
        .iter()
        .position(|t| t.id == "cases")
        .unwrap();
    r.tables[cases] = vec![
        Some(5),
        Some(0),
        Some(0),
        Some(0),
        Some(5),
        Some(2),
        Some(0),
        Some(0),
        Some(0),
        Some(2),
        Some(2),
        Some(0),
        Some(0),
        Some(0),
        Some(2),
    ];
    assert_eq!(text_findings(&r), []);
}

#[test]
fn an_unfilled_table_is_not_contradicted() {
    let mut r = sample("shiyan-2024.toml");
    for column in [
        "natural",
        "commercial",
        "research",
        "charity",
        "legal",
        "other",
        "total",
    ] {
        set(&mut r, "applications", "new", column, None);
    }
    r.texts[0] = "全年共收到政府信息公开申请8件。".into();
    assert_eq!(text_findings(&r), []);
}

proptest::proptest! {
    /// Whatever a text holds, reading it never panics and every place is inside it.
    #[test]
    fn any_text_is_read_without_panicking(
        text in "[收到受理申请予以部分不公开行政复议诉讼均获维持件份起万元上年结转下年度，。；、…0-9０-９一二两十百千万零.,\\n a-z]{0,120}"
    ) {
        let template = Registry::default().get("gov-2021").unwrap();
        let len = text.chars().count();
        for s in statements(&template, 0, &text, None) {
            proptest::prop_assert!(s.start < s.end && s.end <= len);
            let (from, to) = sentence_around(&text, s.start, s.end);
            proptest::prop_assert!(from <= s.start && s.end <= to && to <= len);
        }
    }
}

#[test]
fn table_two_counts_and_lawsuits_none_lost_are_read() {
    let text = "本年制定规章1件，废止规范性文件2件，现行有效规范性文件27件。全年作出行政许可决定1,286件，\
                实施行政强制措施12起。全年行政诉讼零败诉。";
    assert_eq!(
        stated("gov-2021", text),
        facts(&[
            ("regulations-issued", 1),
            ("normative-repealed", 2),
            ("normative-in-force", 27),
            ("licensing", 1286),
            ("coercion", 12),
            ("suits-none-lost", 0),
        ])
    );
    // The sample's 2024 table: 0 regulations issued, 1 repealed, 27 in force, 1286, 12; and here
    // a lawsuit sued directly whose result was corrected.
    let mut r = sample("shiyan-2024.toml");
    r.texts[0].push_str(&format!("\n{text}"));
    set(&mut r, "cases", "cases", "direct.corrected", Some(1));
    let found: Vec<(String, i64, i64)> = text_findings(&r)
        .iter()
        .map(|f| {
            let What::TextVsTable { fact, .. } = f.what else {
                unreachable!()
            };
            (
                r.template.text_facts.facts[fact as usize].id.clone(),
                f.actual.unwrap(),
                f.expected.unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("regulations-issued".to_string(), 1, 0),
            ("normative-repealed".to_string(), 2, 1),
            ("suits-none-lost".to_string(), 0, 1),
        ]
    );
}

#[test]
fn a_blank_total_is_compared_as_what_its_row_adds_up_to() {
    let mut r = sample("shiyan-2024.toml");
    r.texts[0] = r.texts[0].replace("申请77件", "申请70件");
    let apps = table(&r, "applications");
    let t = &r.template.tables[apps];
    // The 总计 column left blank, as some published tables do.
    for row in 0..t.rows.len() {
        r.tables[apps][t.cell_index(row, 6)] = None;
    }
    let found = text_findings(&r);
    let new = found
        .iter()
        .find(|f| f.row == Some(0))
        .expect("compared although 总计 is blank");
    assert_eq!((new.actual, new.expected), (Some(70), Some(77)));
    // The other sentences agree with the column sums: nothing else is found.
    assert_eq!(found.len(), 1, "{found:?}");
}
