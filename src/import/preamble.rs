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
