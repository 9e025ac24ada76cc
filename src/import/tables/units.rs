//! Money cells in a unit other than the column's 万元: written in the cell (`251000元`,
//! `¥25,000.00`) or stated once in the column's header (`本年收费金额（单位：元）`), the way
//! published tables print it. Converted exactly and said; an amount that cannot be kept exactly
//! is left empty and said, never rounded.

use super::Reader;
use crate::describe;
use crate::i18n::Lang;
use crate::import::anomaly::{Anomaly, Kind};
use crate::import::cells::Raw;
use crate::import::labels::Place;
use crate::import::normalize::{CellText, fold};
use crate::money::{self, MoneyUnit};
use crate::value::{CellKind, ValueError};

impl Reader<'_> {
    /// Keeps the unit a money column's header states (`（单位：元）`), for the values under it; a
    /// header stating 万元 puts the column back in its own unit. (A caption's note is not taken:
    /// captions differ only by their numbering, so one with a note may be taken for another's.)
    pub(super) fn note_column_unit(&mut self, place: Place, raw: &Raw) {
        let Place::Column(t, c) = place else { return };
        if self.template.tables[t].columns[c].kind != CellKind::Money {
            return;
        }
        if let Some(unit) = MoneyUnit::in_header(&raw.text) {
            self.set_column_unit(t, c, unit);
        }
        // A note still open at the end of the cell goes on in a later header cell: a PDF breaks
        // 本年收费金额（单 / 位：元）over two lines.
        let folded = fold(&raw.text);
        self.open_unit_note = folded
            .find('(')
            .filter(|_| folded.matches('(').count() > folded.matches(')').count())
            .map(|at| (t, c, folded[at..].to_string()));
    }

    /// The rest of a money column's note broken over lines (`位：元）`, `4位小数）`): its unit
    /// is the column's. Returns whether the cell was such a rest, made of nothing but the words
    /// of a unit's note.
    pub(super) fn continue_unit_note(&mut self, raw: &Raw) -> bool {
        let Some((t, c, note)) = self.open_unit_note.take() else {
            return false;
        };
        let folded = fold(&raw.text);
        let words_of_a_note = folded
            .chars()
            .all(|ch| ch.is_ascii_digit() || "()[]:：,，;；单位元千万亿保留小数 ".contains(ch));
        if raw.class != CellText::Label || !words_of_a_note {
            self.open_unit_note = Some((t, c, note));
            return false;
        }
        let note = note + &folded;
        if let Some(unit) = MoneyUnit::in_header(&note) {
            self.set_column_unit(t, c, unit);
        }
        if !folded.contains(')') {
            self.open_unit_note = Some((t, c, note));
        }
        true
    }

    fn set_column_unit(&mut self, t: usize, c: usize, unit: MoneyUnit) {
        if self.template.tables[t].columns[c].kind != CellKind::Money {
            return;
        }
        if unit == MoneyUnit::Wanyuan {
            self.column_units.remove(&(t, c));
        } else {
            self.column_units.insert((t, c), unit);
        }
    }

    /// A cell that only states a unit (`单位：元`, `（单位：万元）`), as a table prints it under its
    /// caption for all its amounts: the unit of the money columns of the table being read, when
    /// none of its rows is read yet (a note after them may be the next table's, and is said as
    /// text not recognised). Returns whether the cell was such a note.
    pub(super) fn note_table_unit(&mut self, raw: &Raw) -> bool {
        let Some(t) = self.current_table else {
            return false;
        };
        if self.found.get(&t).is_some_and(|rows| !rows.is_empty()) {
            return false;
        }
        let Some(unit) = MoneyUnit::in_header(&raw.text) else {
            return false;
        };
        let rest: String = fold(&raw.text)
            .chars()
            .filter(|c| !"()[]:：,，单位 ".contains(*c))
            .collect();
        if rest != unit.written() {
            return false;
        }
        for c in 0..self.template.tables[t].columns.len() {
            self.set_column_unit(t, c, unit);
        }
        true
    }

    /// Whether a column of table `t` is in another unit than its own, by its header.
    pub(super) fn has_header_unit(&self, t: usize) -> bool {
        self.column_units.keys().any(|&(x, _)| x == t)
    }

    /// The value of a money cell of row `row` (its name) in column `c` of table `t`, `None`
    /// when it is not money in a unit: then it reads as any cell does. `Some(None)` is a cell
    /// left empty, and said.
    pub(super) fn money_cell(
        &mut self,
        t: usize,
        c: usize,
        row: &str,
        raw: &Raw,
    ) -> Option<Option<i64>> {
        let table = &self.template.tables[t];
        let kind = table.columns[c].kind;
        if kind != CellKind::Money {
            return None;
        }
        let folded = fold(&raw.text);
        let header = self.column_units.get(&(t, c)).copied();
        let column = describe::column_label(table, c, Lang::Zh);
        let line = Some(raw.line);
        // The cell's own unit first: "2.5万元" under a header of 元 is 2.5 万元.
        let (read, header_unit) = match (money::split_unit(&folded), &raw.class, header) {
            (Some(_), CellText::Number(_) | CellText::Junk, _) => {
                (money::parse_with_unit(&folded), None)
            }
            (None, CellText::Number(n), Some(unit)) => (
                money::to_units(n, unit).map(|v| (v, Some(unit))),
                Some(unit),
            ),
            _ => return None,
        };
        let text = raw.text.clone();
        let row = row.to_string();
        match read {
            Ok((units, None)) => Some(Some(units)),
            Ok((units, Some(unit))) => {
                let value = kind.format(units);
                let kind = match header_unit {
                    Some(_) => Kind::HeaderUnitConverted {
                        row,
                        column,
                        text,
                        unit: unit.written().to_string(),
                        value,
                    },
                    None => Kind::YuanConverted {
                        row,
                        column,
                        text,
                        unit: unit.written().to_string(),
                        value,
                    },
                };
                self.anomalies.push(Anomaly::new(line, kind));
                Some(Some(units))
            }
            Err(ValueError::BelowOneYuan(_)) => {
                self.anomalies.push(Anomaly::new(
                    line,
                    Kind::NotWholeYuan {
                        row,
                        column,
                        text,
                        header_unit: header_unit.map(|u| u.written().to_string()),
                    },
                ));
                Some(None)
            }
            Err(why) => {
                self.anomalies.push(Anomaly::new(
                    line,
                    Kind::NotANumber {
                        row,
                        column,
                        text,
                        why: Some(why),
                    },
                ));
                Some(None)
            }
        }
    }
}
