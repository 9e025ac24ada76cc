//! Pastes: into the text being edited, the value being typed, the `:` line, or as a block of
//! numbers into the grid, laid out as a spreadsheet copies it.

use super::{App, Effect, GridCursor, Mode};
use crate::i18n::editor as msg;
use crate::numerals::half_width;
use crate::rules;
use crate::tui::view::truncate;

/// How much of a field that is no value the message shows, in columns.
const FIELD_SHOWN: usize = 8;

/// A paste's lines: terminals send line breaks as CR (or CR LF), files and some terminals as LF.
fn lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text
        .split("\r\n")
        .flat_map(|l| l.split(['\r', '\n']))
        .collect();
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines
}

/// A line's fields. A spreadsheet's copy parts them with tabs, and an empty field is an empty
/// cell that keeps its column (`258\t12\t\t\t1\t1`); a line without tabs is parted at spaces and
/// commas, as numbers typed in a text are, except the commas of a number written with thousands
/// separators (`1,286`), as published tables print them and the importer reads them.
fn fields(line: &str) -> Vec<&str> {
    if line.contains('\t') {
        line.split('\t').map(str::trim).collect()
    } else {
        line.split_whitespace()
            .flat_map(|word| {
                if crate::value::thousands_grouped(word) {
                    vec![word]
                } else {
                    word.split(',').filter(|w| !w.is_empty()).collect()
                }
            })
            .collect()
    }
}

impl App {
    pub(super) fn paste(&mut self, text: &str) -> Vec<Effect> {
        let block = text.trim_end_matches(['\r', '\n']);
        let is_block = block.contains(['\t', '\r', '\n']);
        let in_grid = !self.is_text_section();
        match &mut self.mode {
            // A block pasted while typing a value is a block: it starts at this cell.
            Mode::CellEdit { .. } if is_block => {
                self.mode = Mode::Normal;
                self.overriding = false;
                self.paste_values(text);
            }
            Mode::CellEdit { buffer } => buffer.extend(text.trim().chars().map(half_width)),
            Mode::Prompt { buffer } => {
                let line = text.trim().replace(['\r', '\n', '\t'], " ");
                buffer.push_str(&line);
            }
            Mode::TextEdit => self.paste_text(text),
            Mode::Normal if in_grid => self.paste_values(text),
            // Pasted on a text being read: it goes in at the caret, as it would while editing,
            // once the reader has moved it; at the start still, where nobody means to add to a
            // report's text (a sentence pasted to be added went in before its first word), at
            // the end, and that is said.
            Mode::Normal => {
                self.start_text_edit();
                if self.mode == Mode::TextEdit {
                    let at_end = self.text.as_mut().is_some_and(|editor| {
                        let unmoved = editor.caret_offset() == 0;
                        if unmoved {
                            editor.move_caret_to(editor.text().chars().count());
                        }
                        unmoved
                    });
                    self.paste_text(text);
                    if at_end {
                        self.say(msg::pasted_at_end(self.lang));
                    }
                }
            }
            _ => {}
        }
        Vec::new()
    }

    fn paste_text(&mut self, text: &str) {
        if let Some(editor) = &mut self.text {
            // One line break whatever the terminal sent: a CR is never stored.
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            if editor.insert(&text) {
                self.file.revision += 1;
                self.changed();
            }
        }
    }

    /// Pasted numbers go into the grid from the cursor: fields to the right, lines down. A value
    /// pasted on a total checks it, as a value typed there does. Nothing is pasted when a field is
    /// not a value, nor when it has more lines than the table rows below the cursor, and the
    /// message says why.
    pub(super) fn paste_values(&mut self, text: &str) {
        let Some(c) = self.cursor() else { return };
        if self.refuse_if_read_only() {
            return;
        }
        let template = self.report.template.clone();
        let table = &template.tables[c.table];
        let values_now = &self.report.tables[c.table];
        let mut parts = Vec::new();
        let mut totals = Vec::new();
        let mut overrides = Vec::new();
        let mut outside = 0;
        let text: String = text.chars().map(half_width).collect();
        let lines = lines(&text);
        // More lines than rows (a spreadsheet's heading rows copied as blank lines): pasted, each
        // line after a heading would go in the row above its own.
        let rows_left = table.rows.len() - c.row;
        if lines.len() > rows_left {
            self.complain(msg::paste_too_many_lines(lines.len(), rows_left, self.lang));
            return;
        }
        for (dr, line) in lines.into_iter().enumerate() {
            for (dc, field) in fields(line).into_iter().enumerate() {
                let (row, column) = (c.row + dr, c.column + dc);
                if row >= table.rows.len() || column >= table.columns.len() {
                    outside += usize::from(!field.is_empty());
                    continue;
                }
                let value = match field {
                    "" => None,
                    _ => match table.columns[column].kind.parse(field) {
                        Ok(v) => Some(v),
                        Err(e) => {
                            // Short enough for the message line at 80 columns.
                            let shown = truncate(&crate::visible::visible(field), FIELD_SHOWN);
                            let why = e.short_text(self.lang);
                            self.complain(msg::paste_refused(dr + 1, &shown, why, self.lang));
                            return;
                        }
                    },
                };
                let cell = table.cell_index(row, column);
                if !table.is_derived(cell) {
                    parts.push((cell, value));
                } else if rules::is_overridden(table, values_now, cell) {
                    overrides.push((row, column, value));
                } else {
                    totals.push((row, column, value));
                }
            }
        }
        let kept = settle_overrides(table, values_now, &mut parts, &overrides);
        // Values past the table's edge say the paste may be out of line: its totals are checked
        // only, as a value typed on a total is.
        let unlike = if outside == 0 {
            keep_pasted_totals(table, values_now, &mut parts, &totals)
        } else {
            Vec::new()
        };
        self.set_cells(c.table, &parts);
        self.check_pasted_totals(c, &totals, &kept, &unlike, outside);
    }

    /// Says how the totals of a paste compare with the sums of their parts: those kept as pasted
    /// though their parts add up to something else (`unlike`, with their sums), those checked
    /// only, which overridden totals were kept, and what did not fit.
    fn check_pasted_totals(
        &mut self,
        c: GridCursor,
        totals: &[(usize, usize, Option<i64>)],
        kept: &[(usize, usize, Option<i64>)],
        unlike: &[(usize, usize, i64)],
        outside: usize,
    ) {
        let lang = self.lang;
        let table = &self.report.template.tables[c.table];
        let values = &self.report.tables[c.table];
        let held = |row, column| values[table.cell_index(row, column)];
        let show = |column: usize, v: Option<i64>| {
            let kind = table.columns[column].kind;
            v.map(|v| kind.format(v)).unwrap_or_default()
        };
        let place = |row: usize, column: usize| {
            let place = format!(
                "{} × {}",
                table.rows[row].label.get(lang),
                table.columns[column].label.get(lang)
            );
            crate::visible::visible(&place).into_owned()
        };
        let unlike: Vec<String> = unlike
            .iter()
            .map(|&(row, column, sum)| {
                let pasted = show(column, held(row, column));
                let sum = show(column, Some(sum));
                msg::pasted_total_kept(&pasted, &sum, &place(row, column), lang)
            })
            .collect();
        let differ: Vec<String> = totals
            .iter()
            .filter(|&&(row, column, pasted)| pasted.is_some() && pasted != held(row, column))
            .map(|&(row, column, pasted)| {
                let sum = match held(row, column) {
                    None => msg::paste_no_parts(lang).to_string(),
                    v => show(column, v),
                };
                let pasted = show(column, pasted);
                msg::pasted_total_differs(&pasted, &sum, &place(row, column), lang)
            })
            .collect();
        let kept: Vec<String> = kept
            .iter()
            .map(|&(row, column, pasted)| {
                let (pasted, held) = (show(column, pasted), show(column, held(row, column)));
                msg::pasted_override_kept(&pasted, &held, &place(row, column), lang)
            })
            .collect();
        // The totals kept as pasted first, the errors they stand for; then what did not fit (a
        // paste out of line keeps none), then the totals with their numbers before their place:
        // a message line at 80 columns cuts the end, and a place is long.
        let mut said = Vec::new();
        if let Some(first) = unlike.first() {
            said.push(match unlike.len() {
                1 => first.clone(),
                n => msg::pasted_totals_kept(n, first, lang),
            });
        }
        if outside > 0 {
            said.push(msg::pasted_outside(outside, self.lang));
        }
        if let Some(first) = differ.first() {
            said.push(match differ.len() {
                1 => first.clone(),
                n => msg::totals_differ(n, first, lang),
            });
        }
        if let Some(first) = kept.first() {
            said.push(match kept.len() {
                1 => first.clone(),
                n => msg::overrides_kept(n, first, lang),
            });
        }
        if !said.is_empty() {
            self.complain(said.join(msg::separator(lang)));
        }
    }
}

/// Totals pasted with their parts that the parts do not add up to (a row copied from a published
/// table whose total is wrong, or one of its parts typed wrong) are kept as pasted, overriding
/// their sums, so the difference stays in sight as the error it is: dropped for the sum, it was
/// said once and gone. They join `parts`, after them, so the paste stays one edit; returned with
/// their sums to be said. Only a total pasted with parts of its own row is kept: one pasted alone
/// (a paste begun on the total, a column too far right) is checked as a typed one is.
fn keep_pasted_totals(
    table: &crate::template::Table,
    values_now: &[Option<i64>],
    parts: &mut Vec<(usize, Option<i64>)>,
    totals: &[(usize, usize, Option<i64>)],
) -> Vec<(usize, usize, i64)> {
    let after = values_after(table, values_now, parts);
    let k = table.columns.len();
    let rows_pasted: Vec<usize> = parts.iter().map(|&(cell, _)| cell / k).collect();
    let mut unlike = Vec::new();
    for &(row, column, pasted) in totals {
        let cell = table.cell_index(row, column);
        if let (Some(pasted), Some(Some(sum))) = (pasted, rules::computed(table, &after, cell))
            && pasted != sum
            && rows_pasted.contains(&row)
        {
            parts.push((cell, Some(pasted)));
            unlike.push((row, column, sum));
        }
    }
    unlike
}

/// Values pasted on overridden totals are checked as values typed there are: one that is the sum
/// of its parts, once the paste's parts are in, gives the total its sum back (it joins `parts`,
/// so the paste stays one edit); one that is neither that nor the value held leaves the override
/// as it is, and is returned to be said. An empty field leaves it too, as on any total.
fn settle_overrides(
    table: &crate::template::Table,
    values_now: &[Option<i64>],
    parts: &mut Vec<(usize, Option<i64>)>,
    overrides: &[(usize, usize, Option<i64>)],
) -> Vec<(usize, usize, Option<i64>)> {
    let after = values_after(table, values_now, parts);
    let mut kept = Vec::new();
    for &(row, column, pasted) in overrides {
        let cell = table.cell_index(row, column);
        if pasted.is_none() || pasted == after[cell] {
            continue;
        }
        if rules::computed(table, &after, cell) == Some(pasted) {
            parts.push((cell, pasted));
        } else {
            kept.push((row, column, pasted));
        }
    }
    kept
}

/// The table's values once the paste's `parts` are in, their totals following.
fn values_after(
    table: &crate::template::Table,
    values_now: &[Option<i64>],
    parts: &[(usize, Option<i64>)],
) -> Vec<Option<i64>> {
    let mut after = values_now.to_vec();
    for &(cell, value) in parts {
        rules::set_cell(table, &mut after, cell, value);
    }
    after
}
