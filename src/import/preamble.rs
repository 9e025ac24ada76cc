//! The lines before the first heading found: the title, agency and year, and, when the
//! headings of the first table sections are missing (a page fragment that starts inside a
//! table), those sections' tables.

use super::anomaly::{Anomaly, Kind};
use super::labels::LabelIndex;
use super::lines::Line;
use super::{sections, tables};
use crate::report::Report;

/// The title, agency and year from the lines before the first heading; any other line there is
/// left out.
/// Returns the lines of the preamble that are not the title.
pub(super) fn read_preamble<'a>(
    report: &mut Report,
    preamble: &'a [Line],
    copied_text: bool,
    page_title: Option<&str>,
    anomalies: &mut Vec<Anomaly>,
) -> Vec<&'a Line> {
    let meta = sections::meta(preamble, copied_text, page_title, &report.template);
    report.title = meta.title;
    report.agency = meta.agency;
    report.year = meta.year;
    if report.title.is_empty() {
        anomalies.push(Anomaly::new(None, Kind::NoTitle));
    } else if report.year.is_none() {
        anomalies.push(Anomaly::new(meta.title_line, Kind::NoYear));
    }
    // No year in a title: a sentence before the first heading may name the report with its year
    // ("现公布…2023年政府信息公开工作年度报告").
    if report.year.is_none()
        && let Some((line, year)) = preamble
            .iter()
            .filter(|l| l.cells.is_none())
            .find_map(|l| sections::year_named_in(&l.text).map(|y| (l.no, y)))
    {
        report.year = Some(year);
        anomalies.retain(|a| !matches!(a.kind, Kind::NoYear));
        anomalies.push(Anomaly::new(Some(line), Kind::YearFromText { year }));
    }
    preamble
        .iter()
        .filter(|l| !meta.title_lines.contains(&l.no))
        .collect()
}

/// When neither the title nor a sentence before the first heading gives the year, the first
/// line of the whole text that states it otherwise ([`year_stated_in`]): an excerpt without its
/// title, a page of a flipbook, a report that names only its period.
pub(super) fn year_from_the_text(
    report: &mut Report,
    lines: &[Line],
    anomalies: &mut Vec<Anomaly>,
) {
    if report.year.is_some() {
        return;
    }
    let Some((line, year)) = lines
        .iter()
        .filter(|l| l.cells.is_none() && !l.literal)
        .find_map(|l| year_stated_in(&l.text).map(|y| (l.no, y)))
    else {
        return;
    };
    report.year = Some(year);
    anomalies.retain(|a| !matches!(a.kind, Kind::NoYear));
    anomalies.push(Anomaly::new(Some(line), Kind::YearFromText { year }));
}

/// The year a line states as the report's: the report named with it, its period
/// (`统计期限自2022年1月1日`, `截至2023年12月31日`), or the year right before what it says of
/// disclosure (`2019年我局政府信息公开工作运行良好`, `现将我局2020年度政府信息公开情况报告如下`,
/// `特向社会公布2024年连生乡人民政府政府信息公开工作年度报告`), a few characters between at
/// most and no stop among them.
pub fn year_stated_in(text: &str) -> Option<i32> {
    if let Some(year) = sections::year_named_in(text) {
        return Some(year);
    }
    let folded: Vec<char> = super::normalize::fold(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let from = |at: usize, words: &str| {
        let words: Vec<char> = words.chars().collect();
        folded[at.min(folded.len())..].starts_with(&words)
    };
    let before = |at: usize, words: &[&str], within: usize| {
        let start = at.saturating_sub(within);
        let window: String = folded[start..at].iter().collect();
        words.iter().any(|w| window.contains(w))
    };
    const STOPS: &str = "，。；,;：:！？、";
    for i in 0..folded.len().saturating_sub(4) {
        let digits: String = folded[i..i + 4].iter().collect();
        let Ok(year) = digits.parse::<i32>() else {
            continue;
        };
        if !(1990..=2100).contains(&year)
            || (i > 0 && folded[i - 1].is_ascii_digit())
            || folded.get(i + 4) != Some(&'年')
        {
            continue;
        }
        let after = i + 5;
        let period = before(i, &["统计期限", "统计时限", "统计时间"], 12) && from(after, "1月1日");
        let until = before(i, &["截止", "截至"], 3) && from(after, "12月31日");
        let start = if from(after, "度") { after + 1 } else { after };
        let close_to_disclosure = (start..(start + 13).min(folded.len()))
            .take_while(|&k| !STOPS.contains(folded[k]))
            .any(|k| from(k, "政府信息公开"));
        if period || until || close_to_disclosure {
            return Some(year);
        }
    }
    None
}

/// The tables of the sections before the first heading found, when those sections' headings
/// are missing and `preamble` holds rows of their tables.
pub(super) struct PreambleTables {
    /// The sections whose tables were found there.
    pub sections: Vec<usize>,
    /// The lines the tables take, from the first to the last.
    pub lines: std::ops::RangeInclusive<usize>,
    pub rows_found: usize,
}

/// Reads the tables of each table section before the first heading found from `preamble`; a
/// section none of whose rows is there is not read (its tables are said missing as its heading
/// is).
pub(super) fn preamble_tables(
    report: &mut Report,
    index: &LabelIndex,
    found: &[Option<usize>],
    preamble: &[&Line],
    anomalies: &mut Vec<Anomaly>,
    touching: &mut bool,
) -> Option<PreambleTables> {
    let template = report.template.clone();
    let first_found = found.iter().position(Option::is_some)?;
    if preamble.iter().all(|l| l.is_blank()) {
        return None;
    }
    let mut sections = Vec::new();
    let (mut first, mut last, mut rows_found) = (usize::MAX, 0, 0);
    for s in (0..first_found).filter(|&s| !template.sections[s].is_text()) {
        let tables: Vec<usize> = template.sections[s].tables.clone().collect();
        let mut said = Vec::new();
        let read = tables::read(report, index, tables, preamble, false, &mut said, touching);
        if read.rows_found == 0 {
            continue;
        }
        anomalies.extend(said);
        sections.push(s);
        first = first.min(read.first_table_line);
        last = last.max(read.last_table_line);
        rows_found += read.rows_found;
    }
    (!sections.is_empty()).then_some(PreambleTables {
        sections,
        lines: first..=last,
        rows_found,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines of real reports whose titles were cut off or name no year.
    #[test]
    fn the_year_a_line_states_as_the_reports() {
        for (text, year) in [
            (
                "本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。",
                Some(2022),
            ),
            ("统计期限为2024年1月1日至2024年12月31日。", Some(2024)),
            (
                "截止2023年12月31日我局通过官方网站发布政务类信息34条",
                Some(2023),
            ),
            (
                "2019年我局政府信息公开工作运行良好,咨询、申请以及答复工作均顺利开展。",
                Some(2019),
            ),
            ("现将我局2020年度政府信息公开情况报告如下。", Some(2020)),
            (
                "特向社会公布2024年连生乡人民政府政府信息公开工作年度报告。",
                Some(2024),
            ),
            // A year beside something else is not the report's.
            ("2020年,我单位对形成的政府信息实现了依法、有序公开", None),
            ("2023年以来，我局持续推进法治政府建设。", None),
            ("截止2023年6月30日", None),
            ("共有12023年件", None),
        ] {
            assert_eq!(year_stated_in(text), year, "{text}");
        }
    }
}
