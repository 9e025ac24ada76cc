//! The structure checks of the built-in templates on the samples, each broken in turn.

use super::structure::Detail;
use super::{Finding, PrevValues, What, check_report};
use crate::i18n::Lang;
use crate::report::Report;
use crate::test_support::{sample, table};

fn structure(report: &Report, prev: Option<&Report>) -> Vec<(String, Detail)> {
    let aligned = prev.map(|p| PrevValues::align(&report.template, p));
    check_report(report, aligned.as_ref())
        .into_iter()
        .filter_map(|f: Finding| match f.what {
            What::Structure { check, detail } => {
                Some((report.template.structure[check as usize].id.clone(), detail))
            }
            _ => None,
        })
        .collect()
}

fn messages(report: &Report, prev: Option<&Report>, lang: Lang) -> Vec<String> {
    let aligned = prev.map(|p| PrevValues::align(&report.template, p));
    check_report(report, aligned.as_ref())
        .iter()
        .filter(|f| matches!(f.what, What::Structure { .. }))
        .map(|f| f.message(&report.template, lang))
        .collect()
}

#[test]
fn the_samples_keep_every_structure_check() {
    let last = sample("shiyan-2023.toml");
    assert_eq!(structure(&sample("shiyan-2024.toml"), Some(&last)), []);
    assert_eq!(structure(&last, None), []);
    assert_eq!(structure(&sample("shiyan-2020.toml"), None), []);
    assert_eq!(structure(&sample("weihui-2021.toml"), None), []);
}

#[test]
fn metadata_and_the_years() {
    let mut r = sample("shiyan-2024.toml");
    r.agency = " ".into();
    r.title = "示例市自然资源和规划局2023年政府信息公开工作年度报告".into();
    r.texts[0] = r.texts[0].replace("2024年", "2023年");
    let mut last = sample("shiyan-2023.toml");
    last.year = Some(2022);
    assert_eq!(
        structure(&r, Some(&last)),
        [
            (
                "missing-metadata".into(),
                Detail::Missing {
                    agency: true,
                    title: false,
                    year: false
                }
            ),
            ("title-year".into(), Detail::TitleYear { title: 2023 }),
            (
                "text-year".into(),
                Detail::TextYear {
                    said: 2023,
                    times: 1
                }
            ),
            (
                "previous-year".into(),
                Detail::PreviousYear {
                    previous: Some(2022)
                }
            ),
        ]
    );
    assert_eq!(
        messages(&r, Some(&last), Lang::Zh),
        [
            "报告缺少基本信息：缺少机关名称",
            "标题中的年份与报告年度不一致：标题中的年份为 2023 年，报告年度为 2024 年",
            "总体情况所述年份与报告年度不一致（可能沿用了往年的文字）：一、总体情况写得最多的年份是 2023 年（1 次），报告年度为 2024 年",
            "所附上年报告不是上一年度的：上年报告是 2022 年的，应为 2023 年",
        ]
    );
    assert_eq!(
        messages(&r, Some(&last), Lang::En)[2],
        "The overview speaks of another year than the report's (perhaps an earlier year's text): the year named most in 1. Overview is 2023 (once), the report is for 2024"
    );
    // The report's own year named as often as another is not warned about.
    r.texts[0].push_str("2024年");
    r.title.clear();
    r.year = None;
    let found = structure(&r, None);
    assert_eq!(
        found,
        [(
            "missing-metadata".into(),
            Detail::Missing {
                agency: true,
                title: true,
                year: true
            }
        )],
        "without a year there is nothing to compare"
    );
}

#[test]
fn empty_sections_and_a_problems_section_that_says_only_wu() {
    let mut r = sample("shiyan-2024.toml");
    r.texts[5] = "\n".into();
    r.texts[4] = "无。".into();
    let cases = table(&r, "cases");
    r.tables[cases].iter_mut().for_each(|v| *v = None);
    assert_eq!(
        structure(&r, None),
        [
            ("empty-section".into(), Detail::EmptySection),
            (
                "problems-placeholder".into(),
                Detail::Placeholder {
                    text: "无。".into()
                }
            ),
            ("empty-section".into(), Detail::EmptySection),
            // An empty 六 explains no fee either.
            (
                "fees-unexplained".into(),
                Detail::Unmentioned { value: 188_710 }
            ),
        ]
    );
    let zh = messages(&r, None, Lang::Zh);
    assert!(
        zh.contains(&"章节没有内容：四、政府信息公开行政复议、行政诉讼情况没有内容".to_string()),
        "{zh:?}"
    );
    assert!(
        zh.contains(
            &"未写明存在的主要问题及改进情况：五、存在的主要问题及改进情况只写了「无。」"
                .to_string()
        ),
        "{zh:?}"
    );
    r.texts[4] = "本年度无问题。下一步将继续加强培训。".into();
    assert!(
        !structure(&r, None)
            .iter()
            .any(|(id, _)| id == "problems-placeholder")
    );
}

#[test]
fn a_fee_the_other_section_does_not_explain() {
    let mut r = sample("shiyan-2024.toml");
    r.texts[5] = "本年度无其他需要报告的事项。".into();
    let found = structure(&r, None);
    // 18.8710 万元 of fees in table 二.
    assert_eq!(
        found,
        [(
            "fees-unexplained".into(),
            Detail::Unmentioned { value: 188_710 }
        )]
    );
    assert_eq!(
        messages(&r, None, Lang::Zh)[0],
        "收费情况未在其他需要报告的事项中说明：表中为 18.8710，六、其他需要报告的事项却未提及「收费」或「信息处理费」"
    );
    let fees = table(&r, "fees");
    r.tables[fees][0] = Some(0);
    assert_eq!(structure(&r, None), [], "no fee, nothing to explain");
    // 逾期未按收费通知要求缴纳费用 in table 三 calls for it too.
    let apps = table(&r, "applications");
    let t = &r.template.tables[apps];
    let unpaid = t
        .rows
        .iter()
        .position(|x| x.id == "handled.other.unpaid")
        .unwrap();
    r.tables[apps][t.cell_index(unpaid, 6)] = Some(1);
    assert_eq!(structure(&r, None).len(), 1);
    r.texts[5] = "本机关未收取信息处理费。".into();
    assert_eq!(structure(&r, None), []);
}

#[test]
fn a_text_mostly_last_years_is_warned_about_with_its_share() {
    let this = sample("shiyan-2024.toml");
    let mut copied = sample("shiyan-2023.toml");
    copied.texts = this.texts.clone();
    copied.year = Some(2023);
    let found = structure(&this, Some(&copied));
    assert_eq!(found.len(), 1);
    let Detail::Repeated { percent, above } = found[0].1 else {
        panic!("{found:?}")
    };
    assert_eq!((percent, above), (100, 50));
    // The sample of 2024 was written anew: little of it is last year's.
    let (covered, total) =
        super::structure::coverage(&this.texts[0], &sample("shiyan-2023.toml").texts[0]);
    assert!(covered * 100 / total < 50, "{covered} of {total}");
    assert_eq!(
        messages(&this, Some(&copied), Lang::En),
        [
            "Most of the text is last year's report's: 100% of the text is the same as last year's report (above 50%)"
        ]
    );
}
