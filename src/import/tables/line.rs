//! One line of a table: its labels applied, its values gathered for the row they follow.

use super::{Found, Gathered, Last, Orphan, Reader, Target};
use crate::import::anomaly::{Anomaly, Kind};
use crate::import::cells::{Layout, Raw};
use crate::import::labels::Place;
use crate::import::normalize::label_key;

/// A line's cells up to its last label: runs of label cells, and the values between them.
enum Run {
    Labels(Vec<Raw>),
    /// A value before the line's last label: it goes with what came before it.
    Value(Raw),
}

fn runs(cells: Vec<Raw>) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut labels = Vec::new();
    for raw in cells {
        if raw.is_label() {
            labels.push(raw);
        } else if !raw.is_blank() {
            if !labels.is_empty() {
                runs.push(Run::Labels(std::mem::take(&mut labels)));
            }
            runs.push(Run::Value(raw));
        }
    }
    if !labels.is_empty() {
        runs.push(Run::Labels(labels));
    }
    runs
}

/// Digits that start with a zero and go on: no count is written so, so they are values that
/// touch.
fn starts_with_zero(cell: &Raw) -> bool {
    cell.text.len() > 1
        && cell.text.starts_with('0')
        && cell.text.bytes().all(|b| b.is_ascii_digit())
}

impl Reader<'_> {
    /// Ends the run of values being gathered: they go to their row, or are said to have none.
    pub(super) fn flush(&mut self) {
        let Some(gathered) = self.gathered.take() else {
            return;
        };
        if let Target::Row(t, r) = gathered.target {
            return self.record(t, r, gathered);
        }
        let any_value = gathered.cells.iter().any(|c| !c.is_blank());
        // Values with no label before them may be the table's one unlabelled row (四's), which a
        // PDF may print in several runs between the pieces of its header.
        let mut gathered = gathered;
        if gathered.target == Target::None
            && let Some((t, r)) = self.unlabelled_row()
            && (any_value
                || (gathered.grid && gathered.cells.len() >= self.template.tables[t].columns.len()))
        {
            // (A row of blank cells as wide as the table is the row printed empty; fewer blank
            // cells are the blanks between the pieces of a header.)
            gathered = match self.place_part(t, r, gathered) {
                Ok(()) => return,
                Err(gathered) => gathered,
            };
            let k = self.template.tables[t].columns.len();
            self.mark_touching(&mut gathered.cells, k);
            let found = self.found.entry(t).or_default();
            match found.iter_mut().find(|f| f.row == r) {
                None => return self.record(t, r, gathered),
                Some(f) if !f.grid && !gathered.grid && f.values() < k => {
                    f.cells.extend(gathered.cells);
                    return;
                }
                Some(_) => {}
            }
        }
        if !any_value {
            // A row of blank cells with no label before it is values printed before their
            // label all the same: the label after it may not take the next line's values.
            if gathered.grid && gathered.cells.len() > 1 && gathered.target == Target::None {
                self.last = Last::Orphan;
            }
            return;
        }
        // Values with no label in a table: their row may be told by where they stand.
        if gathered.target == Target::None
            && let Some(table) = self.current_table
        {
            let seq = self.next_seq();
            self.orphans.push(Orphan {
                table,
                seq,
                cells: gathered.cells,
                grid: gathered.grid,
            });
            self.last = Last::Orphan;
            return;
        }
        let values: Vec<String> = gathered
            .cells
            .iter()
            .filter(|c| !c.is_blank())
            .map(|c| c.text.clone())
            .collect();
        let line = gathered.cells.first().map_or(gathered.line, |c| c.line);
        let kind = match gathered.target {
            Target::Group(t, g) => Kind::ValuesOnGroup {
                group: self.template.tables[t].row_groups[g].label.zh.clone(),
                values,
            },
            _ => Kind::ValuesWithoutRow { values },
        };
        self.anomalies.push(Anomaly::new(Some(line), kind));
    }

    /// A header line naming every column of a table once gives the order its rows print their
    /// values in, which need not be the template's; any other header says nothing of it.
    /// Returns whether the line gave the order.
    fn read_column_order(&mut self) -> bool {
        let Some(&(t, _)) = self.line_columns.first() else {
            return false;
        };
        let k = self.template.tables[t].columns.len();
        let order: Vec<usize> = self.line_columns.iter().map(|&(_, c)| c).collect();
        let mut seen = vec![false; k];
        let whole = order.len() == k
            && self.line_columns.iter().all(|&(x, _)| x == t)
            && order
                .iter()
                .all(|&c| !std::mem::replace(&mut seen[c], true));
        if whole && k > 1 {
            if order.iter().enumerate().all(|(i, &c)| i == c) {
                self.orders.remove(&t);
            } else {
                self.orders.insert(t, order);
            }
        }
        whole && k > 1
    }

    /// Keeps what a header cell may name, for the order a header of several levels gives.
    fn note_header_cell(&mut self, place: Place, raw: &Raw) {
        let t = match place {
            Place::Column(t, _) | Place::ColumnGroup(t, _) => t,
            Place::Row(..) | Place::RowGroup(..) => {
                self.line_rows = true;
                return;
            }
            _ => return,
        };
        let header = |p: Place| {
            p.table() == Some(t) && matches!(p, Place::Column(..) | Place::ColumnGroup(..))
        };
        let token = self
            .index
            .lookup(&raw.text, header)
            .filter(|places| places.contains(&place))
            .unwrap_or_else(|| vec![place]);
        self.line_header.push((t, token));
    }

    /// A line of header cells of one table joins the header read since the last values; when
    /// the lines read so give the place of every column, their order is the values' order.
    fn read_header_levels(&mut self, has_values: bool, whole_line: bool) {
        let cells = std::mem::take(&mut self.line_header);
        let Some(&(t, _)) = cells.first() else {
            self.header_run.clear();
            return;
        };
        if has_values || self.line_rows || cells.iter().any(|(x, _)| *x != t) {
            self.header_run.clear();
            return;
        }
        if self.header_table != Some(t) {
            self.header_run.clear();
            self.header_table = Some(t);
        }
        self.header_run
            .push(cells.into_iter().map(|(_, token)| token).collect());
        if whole_line {
            return;
        }
        let table = &self.template.tables[t];
        if let Some(order) = super::header::column_order(table, &self.header_run) {
            self.header_part = None;
            if order.iter().enumerate().all(|(i, &c)| i == c) {
                self.orders.remove(&t);
            } else {
                self.orders.insert(t, order);
            }
        } else {
            self.note_header_part(t);
        }
    }

    /// In a text whose cells touch elsewhere, a row of fewer runs of digits than columns (四's
    /// unlabelled row, "310151010210012") touches too; so does one with a run that starts with
    /// a zero ("0000000"), which no count is.
    fn mark_touching(&self, cells: &mut [Raw], k: usize) {
        let values: Vec<&Raw> = cells.iter().filter(|c| !c.is_blank()).collect();
        let digits: usize = values.iter().map(|c| c.text.len()).sum();
        let leading_zero = values.iter().any(|c| starts_with_zero(c));
        if (self.touching_seen || leading_zero)
            && !values.is_empty()
            && values.len() < k
            && digits >= k
            && values
                .iter()
                .all(|c| c.text.bytes().all(|b| b.is_ascii_digit()))
        {
            for c in cells.iter_mut().filter(|c| !c.is_blank() && !c.touching) {
                c.touching = true;
                // A run starting with a zero is certainly values that touch, not a row missing
                // cells; otherwise it may be either.
                c.inferred = !leading_zero;
            }
        }
    }

    pub(super) fn next_seq(&mut self) -> usize {
        self.seq += 1;
        self.seq
    }

    fn record(&mut self, t: usize, r: usize, mut gathered: Gathered) {
        let k = self.template.tables[t].columns.len();
        // A grid's cells stand where they are, except a run starting with a zero: values that
        // touch ("0000000") in a tab-separated copy.
        if !gathered.grid || gathered.cells.iter().any(starts_with_zero) {
            self.mark_touching(&mut gathered.cells, k);
        }
        // Values read one by one past the row's columns belong to rows whose labels stand
        // elsewhere (a PDF read column by column): they wait for their place.
        let mut rest = Vec::new();
        if !gathered.grid
            && let Some(cut) = gathered
                .cells
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.is_blank())
                .nth(k)
                .map(|(i, _)| i)
        {
            rest = gathered.cells.split_off(cut);
        }
        let seq = self.next_seq();
        self.last = if gathered.cells.iter().any(|c| !c.is_blank()) {
            Last::RowWithValues
        } else {
            Last::LabelOnly
        };
        let found = self.found.entry(t).or_default();
        match found.iter_mut().find(|f| f.row == r) {
            // A label printed twice (once apart from its values): the values count.
            Some(first) if first.values() == 0 && gathered.cells.iter().any(|c| !c.is_blank()) => {
                first.cells = gathered.cells;
                first.grid = gathered.grid;
                first.seq = seq;
            }
            Some(first) => {
                let first_line = first.line;
                if gathered.cells.iter().any(|c| !c.is_blank()) {
                    let row = self.row_name(t, r);
                    self.anomalies.push(Anomaly::new(
                        Some(gathered.line),
                        Kind::DuplicateRow { row, first_line },
                    ));
                }
            }
            None => found.push(Found {
                row: r,
                line: gathered.line,
                cells: gathered.cells,
                grid: gathered.grid,
                seq,
            }),
        }
        if !rest.is_empty() {
            let seq = self.next_seq();
            self.orphans.push(Orphan {
                table: t,
                seq,
                cells: rest,
                grid: false,
            });
        }
    }

    /// The row without a label (四's only row) of the current table.
    fn unlabelled_row(&self) -> Option<(usize, usize)> {
        let unlabelled = |t: usize| {
            self.template.tables[t]
                .rows
                .iter()
                .position(|r| label_key(&r.label.zh).key.is_empty())
                .map(|r| (t, r))
        };
        // Only inside a table a label of it has named: numbers anywhere else (a page of noise)
        // are no row of anything.
        unlabelled(self.current_table?)
    }

    /// Starts gathering the values that go to `target`, ending the run before.
    fn begin(&mut self, target: Target, line: usize) {
        self.flush();
        let mut gathered = Gathered::new(target, line);
        gathered.later_lines = matches!(self.last, Last::Header | Last::RowWithValues);
        self.gathered = Some(gathered);
    }

    /// Moves the reading into table `t`.
    fn enter(&mut self, t: usize, line: usize) {
        self.current_table = Some(t);
        self.seen.entry(t).or_insert(line);
    }

    fn apply(&mut self, place: Place, raw: &Raw) {
        match place {
            Place::Section(_) => {}
            Place::Caption(t)
            | Place::Corner(t)
            | Place::ColumnGroup(t, _)
            | Place::Column(t, _) => {
                if self
                    .gathered
                    .as_ref()
                    .is_some_and(|g| g.target != Target::None || !g.cells.is_empty())
                {
                    self.flush();
                }
                if self.current_table != Some(t) {
                    self.current_group = None;
                }
                self.enter(t, raw.line);
                self.last = Last::Header;
            }
            Place::RowGroup(t, g) => {
                // The header is over: a note left open there says nothing more.
                self.open_unit_note = None;
                self.header_part = None;
                self.begin(Target::Group(t, g), raw.line);
                self.enter(t, raw.line);
                self.current_group = Some((t, g));
            }
            Place::Row(t, r) => {
                self.open_unit_note = None;
                self.header_part = None;
                self.begin(Target::Row(t, r), raw.line);
                self.enter(t, raw.line);
                if let Some(g) = self.template.tables[t].rows[r].group {
                    self.current_group = Some((t, g));
                }
            }
        }
    }

    /// Reports labels not recognised. Values that follow one (on its line, or on the next lines
    /// of a one-cell-per-line table) cannot be placed: they are held back and reported too.
    pub(super) fn unknown(&mut self, raws: Vec<Raw>) {
        self.unknown_labels(raws, true);
    }

    fn unknown_labels(&mut self, raws: Vec<Raw>, holds_values: bool) {
        let Some(first) = raws.first() else {
            return;
        };
        if holds_values {
            self.begin(Target::Unknown, first.line);
        }
        for raw in raws {
            self.anomalies.push(Anomaly::new(
                Some(raw.line),
                Kind::UnknownLabel { text: raw.text },
            ));
        }
    }

    /// Reads one line's cells; returns whether anything in it belonged to a table.
    pub(super) fn line(
        &mut self,
        mut cells: Vec<Raw>,
        mut layout: Layout,
        next: Option<&(Vec<Raw>, Layout)>,
    ) -> bool {
        // In a grid the digits after a label are a value of their own only when the cells after
        // it are blank ("行政许可0⇥": crawler text ends its lines with a tab).
        let blank_after_label = cells
            .iter()
            .rposition(Raw::is_label)
            .is_some_and(|at| cells[at + 1..].iter().all(Raw::is_blank));
        if (layout != Layout::Grid || blank_after_label) && self.untouch(&mut cells) {
            // The values are all on this line, touching or not.
            layout = Layout::Words;
        }
        self.line_columns.clear();
        self.line_header.clear();
        self.line_rows = false;
        let whole_grid = (layout == Layout::Grid).then(|| cells.clone());
        let last_label = cells.iter().rposition(Raw::is_label);
        let values = cells.split_off(last_label.map_or(0, |i| i + 1));
        let has_values = values.iter().any(|r| !r.is_blank());
        let mut runs = runs(cells);
        self.join_pending(&mut runs, has_values);
        let only_labels = last_label.is_some()
            && !has_values
            && runs.iter().all(|run| matches!(run, Run::Labels(_)));
        let mut useful = self.read_runs(runs, has_values, only_labels, layout, next);
        // Cells closed by bars keep their blank ones: their places count, as on a grid.
        let grid = matches!(layout, Layout::Grid | Layout::Cells);
        let row_waiting = self
            .gathered
            .as_ref()
            .is_some_and(|g| matches!(g.target, Target::Row(..)));
        // Blank cells after header labels are merged header cells, not a row of empty values.
        // Lone bars count only inside a row: elsewhere they fill out a caption's or a header's
        // line of the grid.
        // A line of several bars alone is not that many blank cells: sites print it at the end of
        // a row whose empty cells they left out wherever they stood, so their places are unknown.
        let blank_values = match layout {
            Layout::Cells => row_waiting && (has_values || values.len() == 1),
            _ => grid && (row_waiting || last_label.is_none()),
        };
        if !values.is_empty() && (has_values || blank_values) {
            useful |= has_values;
            let values = match whole_grid {
                Some(_) => self.take_by_header_places(last_label.map_or(0, |i| i + 1), values),
                None => values,
            };
            self.push_values(values, grid);
        }
        let whole_line = self.read_column_order();
        let header_table = self.line_header.first().map(|&(t, _)| t);
        self.read_header_levels(has_values, whole_line);
        match &whole_grid {
            Some(whole) => self.note_grid_header(whole, has_values, header_table),
            // A header printed otherwise says nothing of a grid's places.
            None if header_table.is_some() => self.grid_columns = None,
            None => {}
        }
        if !matches!(layout, Layout::Single | Layout::Cells)
            && self
                .gathered
                .as_ref()
                .is_some_and(|g| !g.cells.is_empty() || g.target == Target::None)
        {
            self.flush();
        }
        useful
    }

    /// Crawler text with a row's values touching its label ("行政规范性文件693665",
    /// "三、本年度办理结果(一)予以公开1000001"): the digits are taken off the label when what is
    /// left names a row, and they and the numbers after them are marked as touching.
    fn untouch(&mut self, cells: &mut Vec<Raw>) -> bool {
        let Some(at) = cells.iter().rposition(Raw::is_label) else {
            return false;
        };
        let text = cells[at].text.clone();
        // The number at the end: digits, or one decimal ("行政事业性收费18.8710"), which is a
        // value of its own.
        let tail = text.len()
            - text
                .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
                .len();
        let number = text[text.len() - tail..].trim_start_matches('.');
        let digits = number.len();
        let label = text[..text.len() - digits].trim_end();
        let decimal = number.contains('.');
        if digits == 0
            || label.is_empty()
            || label.ends_with(|c: char| c.is_ascii_digit() || c == '.')
            || number.matches('.').count() > 1
            || number.ends_with('.')
        {
            return false;
        }
        let spaced = space_numbering(label);
        let last_piece = spaced.rsplit(' ').next().unwrap_or(&spaced);
        let is_row = |text: &str| {
            self.index
                .lookup(text, |p| self.allowed(p))
                .is_some_and(|places| places.iter().any(|p| matches!(p, Place::Row(..))))
        };
        let names_row = is_row(label) || is_row(last_piece);
        if !names_row {
            return false;
        }
        let line = cells[at].line;
        let mut label_raw = Raw::new(&spaced, line);
        label_raw.splittable = true;
        let mut run = Raw::new(number, line);
        run.touching = !decimal;
        let mut after: Vec<Raw> = cells.split_off(at + 1);
        for raw in &mut after {
            if raw.text.chars().all(|c| c.is_ascii_digit()) && !raw.text.is_empty() {
                raw.touching = true;
            }
        }
        cells[at] = label_raw;
        cells.push(run);
        cells.extend(after);
        self.touching_seen = true;
        true
    }

    /// A label split over two lines: the cells left unrecognised on the line before, joined to
    /// the first label cells of this one when together they name something.
    fn join_pending(&mut self, runs: &mut [Run], has_values: bool) {
        let pending = std::mem::take(&mut self.pending);
        if pending.is_empty() {
            return;
        }
        if let Some(Run::Labels(first)) = runs.first_mut() {
            let joined: Vec<Raw> = pending.iter().chain(first.iter()).cloned().collect();
            if self.recognise(&joined, has_values).is_some() {
                *first = joined;
                return;
            }
        }
        self.unknown(pending);
    }

    /// Applies the labels of a line and holds the values between them; returns whether any of
    /// them belonged to a table.
    fn read_runs(
        &mut self,
        runs: Vec<Run>,
        has_values: bool,
        only_labels: bool,
        layout: Layout,
        next: Option<&(Vec<Raw>, Layout)>,
    ) -> bool {
        let halves = std::mem::take(&mut self.header_halves);
        let count = runs.len();
        let mut useful = false;
        let mut unknown: Vec<Raw> = Vec::new();
        for (k, run) in runs.into_iter().enumerate() {
            let labels = match run {
                Run::Value(value) => {
                    self.push_values(vec![value], false);
                    useful = true;
                    continue;
                }
                Run::Labels(labels) => labels,
            };
            for (place, raw) in self.labels(&labels, has_values) {
                match place {
                    Some(place) => {
                        // A header line's unrecognised cells are judged with the whole line.
                        if !unknown.is_empty() && !only_labels {
                            self.unknown(std::mem::take(&mut unknown));
                        }
                        if let Place::Column(t, c) = place {
                            self.line_columns.push((t, c));
                        }
                        self.note_header_cell(place, &raw);
                        self.note_column_unit(place, &raw);
                        self.apply(place, &raw);
                        useful = true;
                    }
                    None => unknown.push(raw),
                }
            }
            let last = k + 1 == count;
            if !unknown.is_empty() && (last || !only_labels) {
                let unknown = std::mem::take(&mut unknown);
                if !only_labels {
                    self.unknown(unknown);
                } else if halves {
                    // The lower halves of headers split over two lines.
                } else if self.split_header(&unknown, next) {
                    self.header_halves = true;
                } else if unknown.len() <= 2 {
                    self.pending = unknown;
                } else {
                    // Unknown cells of a header line say nothing about the values below it.
                    self.unknown_labels(unknown, layout != Layout::Grid);
                }
            }
        }
        useful
    }

    fn push_values(&mut self, cells: Vec<Raw>, grid: bool) {
        let Some(first) = cells.first() else {
            return;
        };
        // A label that may not take the values of the lines after it: they stand alone, and
        // their place is told by the rows around them.
        if let Some(g) = &self.gathered
            && matches!(g.target, Target::Row(..))
            && g.cells.is_empty()
            && !g.later_lines
            && first.line > g.line
            && cells.iter().any(|c| !c.is_blank())
        {
            self.flush();
        }
        let gathered = self
            .gathered
            .get_or_insert_with(|| Gathered::new(Target::None, first.line));
        if gathered.cells.is_empty() {
            gathered.grid = grid;
        } else {
            gathered.grid &= grid;
        }
        gathered.cells.extend(cells);
    }
}

/// A space before each numbering inside a label, so that labels printed together
/// ("三、本年度办理结果(一)予以公开") are read as the pieces they are.
fn space_numbering(label: &str) -> String {
    let chars: Vec<char> = label.chars().collect();
    let mut out = String::with_capacity(label.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let starts = i > 0
            && chars[i - 1] != ' '
            && match c {
                '(' | '（' => chars
                    .get(i + 1)
                    .is_some_and(|n| "一二三四五六七八九十".contains(*n)),
                '1'..='9' => {
                    !chars[i - 1].is_ascii_digit()
                        && chars
                            .get(i + 1)
                            .is_some_and(|n| matches!(n, '.' | '．' | '、'))
                }
                _ => false,
            };
        if starts {
            out.push(' ');
        }
        out.push(c);
    }
    out
}
