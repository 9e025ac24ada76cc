//! The rows found, placed in their table's columns: which cells are the values, what they
//! read as, and which rows are missing.

use std::collections::HashMap;

use super::fit::{self, Cut, Uncertain, Way};
use super::glued;
use super::{Found, Reader};
use crate::describe;
use crate::i18n::Lang;
use crate::import::anomaly::{Anomaly, Kind, SHOWN};
use crate::import::cells::Raw;
use crate::import::normalize::CellText;
use crate::report::Report;
use crate::value::{CellKind, MAX_UNITS, ValueError};

/// A row waiting for the rules to say where its values go.
struct Pending {
    row: usize,
    /// The line its values start on, and the values as read.
    line: usize,
    text: String,
    /// Whether it is missing cells (rather than cells that touch).
    gaps: bool,
    ways: Option<Vec<Way>>,
}

/// The first and last cells that are not blank.
fn nonblank_span(cells: &[Raw]) -> Option<(usize, usize)> {
    let first = cells.iter().position(|c| !c.is_blank())?;
    let last = cells.iter().rposition(|c| !c.is_blank())?;
    Some((first, last))
}

/// The cells of a grid row that are the row's values, given how the table's other rows are laid
/// out (`lead`: how many blank cells usually come before the values), and whether where its
/// blank cells belong is uncertain.
fn window(cells: &[Raw], k: usize, lead: usize) -> (Vec<Option<usize>>, bool) {
    let r = cells.len();
    // `k` slots from `start`, empty past the row's last cell.
    let from = |start: usize| (start..start + k).map(|i| (i < r).then_some(i)).collect();
    if r == k {
        return (from(0), false);
    }
    let Some((first, last)) = nonblank_span(cells) else {
        return (from(lead.min(r.saturating_sub(k))), false);
    };
    if last - first + 1 >= k {
        return (from(first), false);
    }
    if r < k {
        return (from(0), false);
    }
    // Windows of k cells that hold every value: from `lo` to `hi`.
    let lo = (last + 1).saturating_sub(k);
    let hi = first.min(r - k);
    let uncertain = lo != hi && !(lo..=hi).contains(&lead);
    (from(lead.clamp(lo, hi)), uncertain)
}

/// How far the values of a grid row usually sit from its label, from the rows where that is
/// plain: the seed's rows under 三、本年度办理结果 have one blank cell before their values.
fn usual_lead(found: &[Found], k: usize) -> usize {
    let mut leads: HashMap<usize, usize> = HashMap::new();
    for f in found.iter().filter(|f| f.grid && f.cells.len() > k) {
        if let Some((first, last)) = nonblank_span(&f.cells)
            && last - first + 1 == k
        {
            *leads.entry(first).or_default() += 1;
        }
    }
    // The most usual; of two as usual, the smaller.
    leads
        .into_iter()
        .max_by_key(|(lead, n)| (*n, usize::MAX - lead))
        .map_or(0, |(lead, _)| lead)
}

/// Which of a table's rows, if any, the input ends inside: the last one printed, when its last
/// cell is on the input's last line (`input_end`, when the table runs to the end of the input)
/// and rows after it are missing (a page or an excerpt cut off). A row with anything after it
/// (the next row's label, the rest of its own) is whole, its blank cells where they stand.
fn cut_row(found: &[Found], rows: usize, input_end: Option<usize>) -> Option<usize> {
    let input_end = input_end?;
    let last_line = |f: &Found| f.cells.last().map_or(f.line, |c| c.line);
    let (i, last) = found.iter().enumerate().max_by_key(|(_, f)| last_line(f))?;
    let after_it_missing = (last.row + 1..rows).all(|r| found.iter().all(|f| f.row != r));
    let ends_in_it = last_line(last) >= input_end;
    (ends_in_it && last.row + 1 < rows && after_it_missing).then_some(i)
}

/// How a row's values do not fit its `slots`, if they do not: too many, too few (`cut`: because
/// the input ends inside the row), or blank cells whose columns are a guess.
fn misfit(
    row: &str,
    values: &[&Raw],
    slots: &[Option<usize>],
    uncertain: bool,
    cut: bool,
) -> Option<Kind> {
    let (k, used) = (slots.len(), slots.iter().flatten().count());
    let extra: Vec<String> = values
        .iter()
        .enumerate()
        .filter(|(i, c)| !slots.contains(&Some(*i)) && !c.is_blank())
        .map(|(_, c)| c.text.clone())
        .collect();
    let row = row.to_string();
    if !extra.is_empty() {
        let found = values.iter().filter(|c| !c.is_blank()).count();
        Some(Kind::TooManyValues {
            row,
            found,
            expected: k,
            extra,
        })
    } else if used < k && cut {
        Some(Kind::CutInRow {
            row,
            found: used,
            expected: k,
        })
    } else if used < k {
        Some(Kind::TooFewValues {
            row,
            found: used,
            expected: k,
        })
    } else if uncertain {
        Some(Kind::UncertainBlanks { row })
    } else {
        None
    }
}

/// What a cell holds in a column of `kind`: a value, nothing, or why it is not a value (`None`:
/// it is not a number at all).
fn read_value(raw: &Raw, kind: CellKind) -> Result<Option<i64>, Option<ValueError>> {
    match &raw.class {
        CellText::Blank | CellText::EmptyMark => Ok(None),
        CellText::Number(n) => kind.parse(n).map(Some).map_err(Some),
        _ => Err(None),
    }
}

impl Reader<'_> {
    /// Puts the rows found of table `t` into `report`, and says which rows are missing.
    pub(super) fn place_table(
        &mut self,
        report: &mut Report,
        t: usize,
        found: &[Found],
        input_end: Option<usize>,
    ) {
        let ends_input = input_end.is_some();
        let by_place = self.by_column_place(t, found);
        let found = by_place.as_deref().unwrap_or(found);
        let lead = usual_lead(found, self.template.tables[t].columns.len());
        let mut uncertain = Vec::new();
        // The fillings the table's uncertain rows may have together.
        let mut left = (fit::MAX_TABLE_WAYS, glued::MAX_TABLE_CUTS);
        let cut = cut_row(found, self.template.tables[t].rows.len(), input_end);
        for (i, f) in found.iter().enumerate() {
            if cut == Some(i) && !f.cells.iter().any(|c| c.touching) {
                // Its missing cells are the ones after the cut, not gaps among its values.
                self.place_row(report, t, f, lead, true);
            } else if let Some(u) = self.uncertain(t, f, &mut left) {
                uncertain.push(u);
            } else {
                self.place_row(report, t, f, lead, false);
            }
        }
        self.place_uncertain(report, t, uncertain);
        self.missing_rows(t, found, ends_input);
        self.note_empty_marks(t, found);
    }

    /// Says, once for the table, which rows printed a mark for "no value" ("/", "-", "无") in
    /// a cell: it is imported empty, which is not 0, and a reader should know it was there.
    fn note_empty_marks(&mut self, t: usize, found: &[Found]) {
        let mut cells = 0;
        let mut marks: Vec<String> = Vec::new();
        let mut rows: Vec<String> = Vec::new();
        let mut first_line = None;
        for f in found {
            let in_row: Vec<&Raw> = f
                .cells
                .iter()
                .filter(|c| c.class == CellText::EmptyMark)
                .collect();
            let Some(first) = in_row.first() else {
                continue;
            };
            first_line.get_or_insert(first.line);
            cells += in_row.len();
            for raw in &in_row {
                if !marks.contains(&raw.text) {
                    marks.push(raw.text.clone());
                }
            }
            rows.push(self.row_name(t, f.row));
        }
        if cells > 0 {
            let table = self.table_name(t);
            self.anomalies.push(Anomaly::new(
                first_line,
                Kind::EmptyMarks {
                    table,
                    cells,
                    marks,
                    rows,
                },
            ));
        }
    }

    /// A row whose values are read for sure but not where they go: values that touch, or fewer
    /// cells than columns (a converter or a site leaving out a cell). `None` for a row placed
    /// as it reads.
    /// `left`: the fillings the table's rows may still have, and the cuts still to be tried.
    fn uncertain(&mut self, t: usize, f: &Found, left: &mut (usize, usize)) -> Option<Pending> {
        // Values whose header states another unit are read one by one, each converted.
        if self.has_header_unit(t) {
            return None;
        }
        let limit = fit::MAX_WAYS.min(left.0);
        let pending = self.uncertain_within(t, f, limit, &mut left.1)?;
        // A row with too many uses up what it was allowed.
        left.0 -= pending.ways.as_ref().map_or(limit, Vec::len);
        Some(pending)
    }

    /// [`Self::uncertain`], with at most `limit` fillings for the row and `tries` cuts to try.
    fn uncertain_within(
        &mut self,
        t: usize,
        f: &Found,
        limit: usize,
        tries: &mut usize,
    ) -> Option<Pending> {
        let table = &self.template.tables[t];
        let k = table.columns.len();
        let values: Vec<&Raw> = f.cells.iter().filter(|c| !c.is_blank()).collect();
        let line = values.first().map_or(f.line, |c| c.line);
        let text = values
            .iter()
            .map(|c| c.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if f.cells.iter().any(|c| c.touching) {
            // Only runs of digits can be cut: a mark or a decimal among them cannot be placed.
            if !values
                .iter()
                .all(|c| c.text.bytes().all(|b| b.is_ascii_digit()))
            {
                let row = self.row_name(t, f.row);
                self.anomalies
                    .push(Anomaly::new(Some(line), Kind::TouchingNoWay { row, text }));
                return None;
            }
            let runs: Vec<String> = text.split(' ').map(str::to_string).collect();
            // Digits are whole units of the column's kind (316441 in a column of 万元 is 316441
            // 万元): a row of columns of different kinds cannot be cut.
            let kind = table.columns[0].kind;
            let unit = kind.parse("1").ok();
            let (true, Some(unit)) = (table.columns.iter().all(|c| c.kind == kind), unit) else {
                let row = self.row_name(t, f.row);
                self.anomalies
                    .push(Anomaly::new(Some(line), Kind::TouchingNoWay { row, text }));
                return None;
            };
            let keep = fit::keeps_own_rules(table, f.row);
            let mut ways: Option<Vec<Way>> =
                glued::candidates(&runs, k, limit, tries, &keep).map(|ways| {
                    ways.into_iter()
                        .filter_map(|w| {
                            w.into_iter()
                                .map(|v| v.map(|v| v.checked_mul(unit).filter(|u| *u <= MAX_UNITS)))
                                .map(|v| v.map_or(Some(None), |u| u.map(Some)))
                                .collect::<Option<Way>>()
                        })
                        .collect()
                });
            // Runs marked touching only because cells touch elsewhere may as well be a row
            // missing a cell ("0 10": 0 1 0, or 0 and 10 with a cell left out): every place of
            // that reading is weighed too, so the row is taken only when all readings agree.
            // (A run with a leading zero is no one value: that reading is out.) In a row some rule
            // reads, one cell missing is weighed: one run for a row of fifteen is cells that
            // touch, and the rules pick its cut. In a row no rule reads nothing can tell the
            // readings apart, so any number of missing cells is weighed and the row is left
            // empty and said rather than cut by a guess ("行政规范性文件 123" is 1 2 3, or 123
            // with two cells blank).
            let whole = |c: &&Raw| c.text.len() == 1 || !c.text.starts_with('0');
            let missing_weighed = if fit::row_is_ruled(table, f.row) {
                values.len() + 1 == k
            } else {
                values.len() < k
            };
            if f.cells.iter().all(|c| c.is_blank() || c.inferred)
                && missing_weighed
                && values.iter().all(whole)
            {
                let read: Option<Vec<Option<i64>>> =
                    values.iter().map(|c| read_value(c, kind).ok()).collect();
                let spaced = read.map(|r| fit::gaps(&r, k, limit));
                ways = match (ways, spaced) {
                    (Some(mut cut), Some(Some(spaced))) => {
                        cut.extend(spaced.into_iter().filter(|w| w.contains(&None)));
                        Some(cut)
                    }
                    (cut, None) => cut,
                    _ => None,
                };
            }
            return Some(Pending {
                row: f.row,
                line,
                text,
                gaps: false,
                ways,
            });
        }
        // The cells that are there: a grid's blank cells hold their places among them.
        let cells: Vec<&Raw> = if f.grid {
            f.cells.iter().collect()
        } else {
            values.clone()
        };
        let kind = table.columns[0].kind;
        if values.is_empty() || cells.len() >= k || table.columns.iter().any(|c| c.kind != kind) {
            return None;
        }
        let mut read = Vec::with_capacity(cells.len());
        for raw in &cells {
            // A cell that is no number is said where the row is placed as it reads.
            read.push(read_value(raw, kind).ok()?);
        }
        // The ways in the order the header printed the columns, put in the template's.
        let order = self.orders.get(&t);
        let ways = fit::gaps(&read, k, limit).map(|ways| {
            ways.into_iter()
                .map(|w| match order {
                    Some(o) => {
                        let mut out = vec![None; k];
                        for (at, v) in w.into_iter().enumerate() {
                            out[o[at]] = v;
                        }
                        out
                    }
                    None => w,
                })
                .collect()
        });
        Some(Pending {
            row: f.row,
            line,
            text,
            gaps: true,
            ways,
        })
    }

    /// Uncertain rows, placed where the table's rules allow one way only.
    fn place_uncertain(&mut self, report: &mut Report, t: usize, mut rows: Vec<Pending>) {
        if rows.is_empty() {
            return;
        }
        let table = &self.template.tables[t];
        let k = table.columns.len();
        let weighed = rows
            .iter_mut()
            .map(|p| Uncertain {
                row: p.row,
                ways: p.ways.take(),
            })
            .collect();
        let cuts = fit::cut(table, &report.tables[t], weighed);
        let show = |way: &Way| {
            way.iter()
                .map(|v| v.map_or("_".to_string(), |v| table.columns[0].kind.format(v)))
                .collect::<Vec<_>>()
                .join(" ")
        };
        for (p, cut) in rows.into_iter().zip(cuts) {
            let row = self.row_name(t, p.row);
            let text = p.text;
            let kind = match cut {
                Cut::Values(way) => {
                    for (c, v) in way.iter().enumerate().take(k) {
                        report.tables[t][table.cell_index(p.row, c)] = *v;
                    }
                    // A row read as cells that may touch can turn out to be one missing a cell.
                    if p.gaps || way.contains(&None) {
                        let empty = (0..k)
                            .filter(|&c| way[c].is_none())
                            .map(|c| describe::column_label(table, c, Lang::Zh))
                            .collect();
                        Kind::GapPlaced {
                            row,
                            text,
                            values: show(&way),
                            empty,
                        }
                    } else {
                        Kind::TouchingCut {
                            row,
                            text,
                            values: show(&way),
                        }
                    }
                }
                Cut::Ambiguous(ways) => {
                    // A cell every way that remains gives the same value is that value, wherever
                    // the gaps are (a row cut off at its end: the values before the cut).
                    let agreed: Vec<usize> = (0..k)
                        .filter(|&c| {
                            ways.first().and_then(|w| w[c]).is_some()
                                && ways.iter().all(|w| w[c] == ways[0][c])
                        })
                        .collect();
                    // Only the ways a message lists are written out: a row may have thousands.
                    let shown = ways.iter().take(SHOWN).map(show).collect();
                    let more = ways.len().saturating_sub(SHOWN);
                    if p.gaps || ways.iter().any(|w| w.contains(&None)) {
                        for &c in &agreed {
                            report.tables[t][table.cell_index(p.row, c)] = ways[0][c];
                        }
                        let placed = agreed
                            .iter()
                            .map(|&c| describe::column_label(table, c, Lang::Zh))
                            .collect();
                        Kind::GapAmbiguous {
                            row,
                            text,
                            ways: shown,
                            more,
                            placed,
                        }
                    } else {
                        Kind::TouchingAmbiguous {
                            row,
                            text,
                            ways: shown,
                            more,
                        }
                    }
                }
                Cut::None if p.gaps => Kind::GapNoWay { row, text },
                // (No way of either reading: said as cells that touch, as the row was first read.)
                Cut::None => Kind::TouchingNoWay { row, text },
            };
            self.anomalies.push(Anomaly::new(Some(p.line), kind));
        }
    }

    /// `cut`: the input ends inside this row, so cells it lacks are missing at its end.
    fn place_row(&mut self, report: &mut Report, t: usize, f: &Found, lead: usize, cut: bool) {
        let template = self.template;
        let table = &template.tables[t];
        let k = table.columns.len();
        let row = self.row_name(t, f.row);
        let values: Vec<&Raw> = if f.grid {
            f.cells.iter().collect()
        } else {
            f.cells.iter().filter(|c| !c.is_blank()).collect()
        };
        if values.is_empty() {
            self.anomalies
                .push(Anomaly::new(Some(f.line), Kind::RowWithoutValues { row }));
            return;
        }
        let (slots, uncertain) = if f.grid {
            window(&f.cells, k, lead)
        } else {
            let slots = (0..k).map(|i| (i < values.len()).then_some(i)).collect();
            (slots, false)
        };
        if let Some(kind) = misfit(&row, &values, &slots, uncertain, cut) {
            let line = f.cells.first().map_or(f.line, |c| c.line);
            self.anomalies.push(Anomaly::new(Some(line), kind));
        }
        let order = self.orders.get(&t).cloned();
        for (at, slot) in slots.into_iter().enumerate() {
            let Some(i) = slot else { continue };
            // The column the header printed in this place.
            let c = order.as_ref().map_or(at, |o| o[at]);
            let raw = values[i];
            let kind = table.columns[c].kind;
            if let Some(value) = self.money_cell(t, c, &row, raw) {
                report.tables[t][table.cell_index(f.row, c)] = value;
                continue;
            }
            let value = read_value(raw, kind).unwrap_or_else(|why| {
                self.anomalies.push(Anomaly::new(
                    Some(raw.line),
                    Kind::NotANumber {
                        row: row.clone(),
                        column: describe::column_label(table, c, Lang::Zh),
                        text: raw.text.clone(),
                        why,
                    },
                ));
                None
            });
            report.tables[t][table.cell_index(f.row, c)] = value;
        }
    }

    /// Says which rows of table `t` were not found: the whole table, rows in between, or the
    /// rows after the last one found when the input ends there (a page cut off).
    fn missing_rows(&mut self, t: usize, found: &[Found], ends_input: bool) {
        if found.is_empty() && !self.seen.contains_key(&t) {
            let table = self.table_name(t);
            self.anomalies
                .push(Anomaly::new(None, Kind::MissingTable { table }));
            return;
        }
        let present: Vec<usize> = found.iter().map(|f| f.row).collect();
        let missing: Vec<usize> = (0..self.template.tables[t].rows.len())
            .filter(|r| !present.contains(r))
            .collect();
        if missing.is_empty() {
            return;
        }
        let rows: Vec<String> = missing.iter().map(|&r| self.row_name(t, r)).collect();
        let table = self.table_name(t);
        let last_found = present.iter().max().copied();
        let tail = last_found.is_none_or(|last| missing.iter().all(|&r| r > last));
        let last_line = found
            .iter()
            .map(|f| f.cells.last().map_or(f.line, |c| c.line))
            .max()
            .or_else(|| self.seen.get(&t).copied());
        let kind = if ends_input && tail {
            Kind::CutOff { table, rows }
        } else {
            Kind::MissingRows { table, rows }
        };
        self.anomalies.push(Anomaly::new(last_line, kind));
    }
}
