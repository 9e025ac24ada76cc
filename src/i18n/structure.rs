//! What a structure finding found, in words, in Chinese and English.

use crate::i18n::Lang;
use crate::rules::Finding;
use crate::rules::structure::Detail;

pub fn detail(detail: &Detail, f: &Finding, section: &str, words: &[String], lang: Lang) -> String {
    let year = f.expected.unwrap_or_default();
    match (detail, lang) {
        (
            Detail::Missing {
                agency,
                title,
                year,
            },
            _,
        ) => {
            let fields: Vec<&str> = [
                (*agency, lang.pick("机关名称", "agency")),
                (*title, lang.pick("标题", "title")),
                (*year, lang.pick("年度", "year")),
            ]
            .iter()
            .filter(|(missing, _)| *missing)
            .map(|(_, name)| *name)
            .collect();
            match lang {
                Lang::Zh => format!("缺少{}", fields.join("、")),
                Lang::En => format!("no {}", fields.join(", ")),
            }
        }
        (Detail::TitleYear { title }, Lang::Zh) => {
            format!("标题中的年份为 {title} 年，报告年度为 {year} 年")
        }
        (Detail::TitleYear { title }, Lang::En) => {
            format!("the title says {title}, the report is for {year}")
        }
        (Detail::TextYear { said, times }, Lang::Zh) => {
            format!("{section}写得最多的年份是 {said} 年（{times} 次），报告年度为 {year} 年")
        }
        (Detail::TextYear { said, times }, Lang::En) => {
            let times = match times {
                1 => "once".to_string(),
                n => format!("{n} times"),
            };
            format!(
                "the year named most in {section} is {said} ({times}), the report is for {year}"
            )
        }
        (Detail::PreviousYear { previous: Some(p) }, Lang::Zh) => {
            format!("上年报告是 {p} 年的，应为 {year} 年")
        }
        (Detail::PreviousYear { previous: Some(p) }, Lang::En) => {
            format!("last year's report is for {p}, not {year}")
        }
        (Detail::PreviousYear { previous: None }, Lang::Zh) => {
            format!("上年报告没有年度，应为 {year} 年")
        }
        (Detail::PreviousYear { previous: None }, Lang::En) => {
            format!("last year's report has no year; it should be {year}")
        }
        (Detail::EmptySection, Lang::Zh) => format!("{section}没有内容"),
        (Detail::EmptySection, Lang::En) => format!("{section} is empty"),
        (Detail::Placeholder { text }, Lang::Zh) => format!("{section}只写了「{text}」"),
        (Detail::Placeholder { text }, Lang::En) => format!("{section} says only «{text}»"),
        (Detail::Unmentioned { value }, _) => {
            let value = f.kind.format(*value);
            match lang {
                Lang::Zh => format!(
                    "表中为 {value}，{section}却未提及「{}」",
                    words.join("」或「")
                ),
                Lang::En => format!(
                    "the table has {value}, but {section} mentions none of «{}»",
                    words.join("», «")
                ),
            }
        }
        (Detail::Repeated { percent, above }, Lang::Zh) => {
            format!("与上年报告相同的文字占 {percent}%（超过 {above}%）")
        }
        (Detail::Repeated { percent, above }, Lang::En) => {
            format!("{percent}% of the text is the same as last year's report (above {above}%)")
        }
    }
}
