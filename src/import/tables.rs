//! Reading the tables of one section: rows are found by their labels, values are placed in the
//! row's columns, and whatever does not fit is said, with its line.

use std::collections::HashMap;

use super::anomaly::{Anomaly, Kind};
use super::cells::{self, Layout, Raw};
use super::labels::{LabelIndex, Place};
use super::lines::Line;
use super::normalize::CellText;
use crate::describe;
use crate::i18n::Lang;
use crate::report::Report;
use crate::template::Template;

/// Where a run of values goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    None,
    Row(usize, usize),
    Group(usize, usize),
    /// After a label that was not recognised: its values cannot be placed.
    Unknown,
}

struct Acc {
    target: Target,
    line: usize,
    cells: Vec<Raw>,
    grid: bool,
}

impl Acc {
    fn new(target: Target, line: usize) -> Acc {
        Acc {
            target,
            line,
            cells: Vec::new(),
            grid: false,
        }
    }
}

/// A row as found: its label's line and the cells after the label.
struct Found {
    row: usize,
    line: usize,
    cells: Vec<Raw>,
    grid: bool,
}

/// What a section's lines gave.
pub struct SectionTables {
    /// Index of the first line that belongs to a table; the lines before it are the section's
    /// own text.
    pub first_table_line: usize,
    /// How many rows were found, in all the tables.
    pub rows_found: usize,
}

struct Reader<'a> {
    template: &'a Template,
    index: &'a LabelIndex,
    tables: Vec<usize>,
    current_table: Option<usize>,
    current_group: Option<(usize, usize)>,
    acc: Option<Acc>,
    found: HashMap<usize, Vec<Found>>,
    seen: HashMap<usize, usize>,
    anomalies: Vec<Anomaly>,
    /// Unrecognised label cells of the last line, which may be the first half of a label split
    /// over two lines.
    pending: Vec<Raw>,
    /// The next line holds the lower halves of headers split over two lines.
    header_halves: bool,
}

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

fn joined_text(raws: &[Raw], separator: &str) -> String {
    raws.iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join(separator)
}

/// The first and last cells that are not blank.
fn nonblank_span(cells: &[Raw]) -> Option<(usize, usize)> {
    let first = cells.iter().position(|c| !c.is_blank())?;
    let last = cells.iter().rposition(|c| !c.is_blank())?;
    Some((first, last))
}

impl Reader<'_> {
    fn allowed(&self, place: Place) -> bool {
        place.table().is_some_and(|t| self.tables.contains(&t))
    }

    fn table_name(&self, t: usize) -> String {
        describe::place(self.template, t, None, None, Lang::Zh)
    }

    fn row_name(&self, t: usize, r: usize) -> String {
        let label = describe::row_label(&self.template.tables[t], r, Lang::Zh);
        if label.is_empty() {
            self.template.tables[t].caption.zh.clone()
        } else {
            label
        }
    }

    /// The best of several places a label may name, from where the reading is.
    fn choose(&self, places: &[Place], has_values: bool) -> Place {
        let score = |p: &Place| {
            let mut s = 0;
            if p.table() == self.current_table {
                s += 4;
            }
            if let (Place::Row(t, r), Some((gt, g))) = (p, self.current_group)
                && *t == gt
            {
                let row_group = self.template.tables[*t].rows[*r].group;
                let parent =
                    row_group.and_then(|rg| self.template.tables[*t].row_groups[rg].parent);
                if row_group == Some(g) || parent == Some(g) {
                    s += 2;
                }
            }
            if matches!(p, Place::Row(..)) == has_values {
                s += 1;
            }
            s
        };
        let mut best = places[0];
        for p in places {
            if score(p) > score(&best) {
                best = *p;
            }
        }
        best
    }

    fn recognise(&self, raws: &[Raw], has_values: bool) -> Option<Place> {
        let joined;
        let text = match raws {
            [one] => one.text.as_str(),
            _ => {
                joined = joined_text(raws, "");
                joined.as_str()
            }
        };
        let places = self.index.lookup(text, |p| self.allowed(p))?;
        Some(self.choose(&places, has_values))
    }

    /// Labels in a run of label cells: the longest run of cells that names something wins, so
    /// "1." + "属于国家秘密" and "商业" + "企业" are read as one label.
    fn labels(&mut self, run: &[Raw], has_values: bool) -> Vec<(Option<Place>, Raw)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < run.len() {
            let longest = (i + 1..=(i + 4).min(run.len()))
                .rev()
                .find_map(|j| Some((j, self.recognise(&run[i..j], has_values)?)));
            if let Some((j, place)) = longest {
                let mut raw = run[i].clone();
                raw.text = joined_text(&run[i..j], " ");
                out.push((Some(place), raw));
                i = j;
                continue;
            }
            let raw = &run[i];
            i += 1;
            match self.labels_within(raw, has_values) {
                Some(inner) => out.extend(inner),
                None => out.push((self.close_label(raw), raw.clone())),
            }
        }
        out
    }

    /// The labels in the pieces of one cell, if any: a cell holding a group and its row
    /// ("(三) 不予公开 1.属于国家秘密"), or words that are several header cells.
    fn labels_within(&mut self, raw: &Raw, has_values: bool) -> Option<Vec<(Option<Place>, Raw)>> {
        let several = raw.splittable
            || raw
                .text
                .contains(|c: char| c.is_whitespace() || c == '·' || c == '›');
        if !several {
            return None;
        }
        let pieces = cells::pieces(raw);
        if pieces.len() < 2 {
            return None;
        }
        let inner = self.labels(&pieces, has_values);
        inner.iter().any(|(p, _)| p.is_some()).then_some(inner)
    }

    /// The place a label written a little differently names, said in a note.
    fn close_label(&mut self, raw: &Raw) -> Option<Place> {
        if raw.class != CellText::Label {
            return None;
        }
        let place = self.index.lookup_close(&raw.text, |p| self.allowed(p))?;
        self.anomalies.push(Anomaly::new(
            Some(raw.line),
            Kind::CloseLabel {
                text: raw.text.clone(),
                label: self.label_of(place),
            },
        ));
        Some(place)
    }

    fn label_of(&self, place: Place) -> String {
        let t = &self.template;
        match place {
            Place::Section(s) => t.sections[s].title.zh.clone(),
            Place::Caption(x) => t.tables[x].caption.zh.clone(),
            Place::Corner(x) => t.tables[x].corner.zh.clone(),
            Place::ColumnGroup(x, g) => t.tables[x].column_groups[g].label.zh.clone(),
            Place::Column(x, c) => t.tables[x].columns[c].label.zh.clone(),
            Place::RowGroup(x, g) => t.tables[x].row_groups[g].label.zh.clone(),
            Place::Row(x, r) => t.tables[x].rows[r].label.zh.clone(),
        }
    }

    /// Ends the run of values being gathered: they go to their row, or are said to have none.
    fn flush(&mut self) {
        let Some(acc) = self.acc.take() else {
            return;
        };
        if let Target::Row(t, r) = acc.target {
            return self.record(t, r, acc);
        }
        let any_value = acc.cells.iter().any(|c| !c.is_blank());
        // Values with no label before them may be the section's one unlabelled row (四's).
        if acc.target == Target::None
            && (any_value || acc.grid)
            && let Some((t, r)) = self.unlabelled_row()
            && !self.is_found(t, r)
        {
            return self.record(t, r, acc);
        }
        if !any_value {
            return;
        }
        let values: Vec<String> = acc
            .cells
            .iter()
            .filter(|c| !c.is_blank())
            .map(|c| c.text.clone())
            .collect();
        let line = acc.cells.first().map_or(acc.line, |c| c.line);
        let kind = match acc.target {
            Target::Group(t, g) => Kind::ValuesOnGroup {
                group: self.template.tables[t].row_groups[g].label.zh.clone(),
                values,
            },
            _ => Kind::ValuesWithoutRow { values },
        };
        self.anomalies.push(Anomaly::new(Some(line), kind));
    }

    fn is_found(&self, t: usize, r: usize) -> bool {
        self.found
            .get(&t)
            .is_some_and(|f| f.iter().any(|x| x.row == r))
    }

    fn record(&mut self, t: usize, r: usize, acc: Acc) {
        let found = self.found.entry(t).or_default();
        if let Some(first) = found.iter().find(|f| f.row == r) {
            let first_line = first.line;
            let row = self.row_name(t, r);
            self.anomalies.push(Anomaly::new(
                Some(acc.line),
                Kind::DuplicateRow { row, first_line },
            ));
            return;
        }
        found.push(Found {
            row: r,
            line: acc.line,
            cells: acc.cells,
            grid: acc.grid,
        });
    }

    /// The row without a label (四's only row), in the current table or the section's only one.
    fn unlabelled_row(&self) -> Option<(usize, usize)> {
        let unlabelled = |t: usize| {
            self.template.tables[t]
                .rows
                .iter()
                .position(|r| super::normalize::label_key(&r.label.zh).key.is_empty())
                .map(|r| (t, r))
        };
        if let Some(t) = self.current_table {
            return unlabelled(t);
        }
        let all: Vec<(usize, usize)> = self.tables.iter().filter_map(|&t| unlabelled(t)).collect();
        (all.len() == 1).then(|| all[0])
    }

    /// Starts gathering the values that go to `target`, ending the run before.
    fn begin(&mut self, target: Target, line: usize) {
        self.flush();
        self.acc = Some(Acc::new(target, line));
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
                    .acc
                    .as_ref()
                    .is_some_and(|a| a.target != Target::None || !a.cells.is_empty())
                {
                    self.flush();
                }
                if self.current_table != Some(t) {
                    self.current_group = None;
                }
                self.enter(t, raw.line);
            }
            Place::RowGroup(t, g) => {
                self.begin(Target::Group(t, g), raw.line);
                self.enter(t, raw.line);
                self.current_group = Some((t, g));
            }
            Place::Row(t, r) => {
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
    fn unknown(&mut self, raws: Vec<Raw>) {
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
    fn line(
        &mut self,
        mut cells: Vec<Raw>,
        layout: Layout,
        next: Option<&(Vec<Raw>, Layout)>,
    ) -> bool {
        let last_label = cells.iter().rposition(Raw::is_label);
        let values = cells.split_off(last_label.map_or(0, |i| i + 1));
        let has_values = values.iter().any(|r| !r.is_blank());
        let mut runs = runs(cells);
        self.join_pending(&mut runs, has_values);
        let only_labels = last_label.is_some()
            && !has_values
            && runs.iter().all(|run| matches!(run, Run::Labels(_)));
        let mut useful = self.read_runs(runs, has_values, only_labels, layout, next);
        let grid = layout == Layout::Grid;
        let row_waiting = self
            .acc
            .as_ref()
            .is_some_and(|a| matches!(a.target, Target::Row(..)));
        // Blank cells after header labels are merged header cells, not a row of empty values.
        let blank_values = grid && (row_waiting || last_label.is_none());
        if !values.is_empty() && (has_values || blank_values) {
            useful |= has_values;
            self.push_values(values, grid);
        }
        if layout != Layout::Single
            && self
                .acc
                .as_ref()
                .is_some_and(|a| !a.cells.is_empty() || a.target == Target::None)
        {
            self.flush();
        }
        useful
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

    /// Whether the unrecognised header cells of a line are the upper halves of headers whose
    /// lower halves sit in the same columns of the next line ("商业" over "企业"). Those are
    /// header text, not anomalies.
    fn split_header(&self, unknown: &[Raw], next: Option<&(Vec<Raw>, Layout)>) -> bool {
        let Some((next_cells, Layout::Grid)) = next else {
            return false;
        };
        if next_cells.iter().any(|c| !c.is_label() && !c.is_blank()) {
            return false;
        }
        let lower: Vec<&Raw> = next_cells.iter().filter(|c| c.is_label()).collect();
        unknown.iter().all(|upper| {
            lower.iter().any(|l| {
                let joined = cells::joined(&upper.text, &l.text);
                self.index.lookup(&joined, |p| self.allowed(p)).is_some()
            })
        })
    }

    fn push_values(&mut self, cells: Vec<Raw>, grid: bool) {
        let Some(first) = cells.first() else {
            return;
        };
        let acc = self
            .acc
            .get_or_insert_with(|| Acc::new(Target::None, first.line));
        if acc.cells.is_empty() {
            acc.grid = grid;
        } else {
            acc.grid &= grid;
        }
        acc.cells.extend(cells);
    }
}

/// Reads the tables of `tables` from `lines` into `report`. `ends_input` says the lines run to
/// the end of the input, so a table missing its last rows was cut off.
pub fn read(
    report: &mut Report,
    index: &LabelIndex,
    tables: Vec<usize>,
    lines: &[Line],
    ends_input: bool,
    anomalies: &mut Vec<Anomaly>,
) -> SectionTables {
    let template = report.template.clone();
    let mut reader = Reader {
        template: &template,
        index,
        tables,
        current_table: None,
        current_group: None,
        acc: None,
        found: HashMap::new(),
        seen: HashMap::new(),
        anomalies: Vec::new(),
        pending: Vec::new(),
        header_halves: false,
    };
    let mut split: Vec<Option<(Vec<Raw>, Layout)>> = lines.iter().map(cells::split).collect();
    let mut first_table_line = lines.len();
    for i in 0..split.len() {
        let Some((raws, layout)) = split[i].take() else {
            continue;
        };
        let next = split[i + 1..].iter().flatten().next();
        let before = reader.anomalies.len();
        let useful = reader.line(raws, layout, next);
        if first_table_line == lines.len() {
            if useful {
                first_table_line = i;
                // Lines before the first table are the section's text, not anomalies.
                let kept: Vec<Anomaly> = reader.anomalies.drain(before..).collect();
                reader
                    .anomalies
                    .retain(|a| !matches!(a.kind, Kind::UnknownLabel { .. }));
                reader.anomalies.extend(kept);
            } else {
                reader.pending.clear();
            }
        }
    }
    let pending = std::mem::take(&mut reader.pending);
    reader.unknown(pending);
    reader.flush();
    let found = std::mem::take(&mut reader.found);
    let rows_found = found.values().map(Vec::len).sum();
    for t in reader.tables.clone() {
        let found = found.get(&t).map(Vec::as_slice).unwrap_or(&[]);
        reader.place_table(report, t, found, ends_input);
    }
    anomalies.extend(reader.anomalies);
    SectionTables {
        first_table_line,
        rows_found,
    }
}

/// The cells of a grid row that are the row's values, given how the table's other rows are laid
/// out (`lead`: how many blank cells usually come before the values), and whether where its
/// blank cells belong is uncertain.
fn window(cells: &[Raw], k: usize, lead: usize) -> (Vec<Option<usize>>, bool) {
    let r = cells.len();
    // The first `k` cells, as far as there are any.
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
    leads
        .into_iter()
        .max_by_key(|(lead, n)| (*n, usize::MAX - lead))
        .map_or(0, |(lead, _)| lead)
}

impl Reader<'_> {
    /// Puts the rows found of table `t` into `report`, and says which rows are missing.
    fn place_table(&mut self, report: &mut Report, t: usize, found: &[Found], ends_input: bool) {
        let lead = usual_lead(found, self.template.tables[t].columns.len());
        for f in found {
            self.place_row(report, t, f, lead);
        }
        self.missing_rows(t, found, ends_input);
    }

    fn place_row(&mut self, report: &mut Report, t: usize, f: &Found, lead: usize) {
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
        let used: Vec<usize> = slots.iter().flatten().copied().collect();
        let extra: Vec<String> = values
            .iter()
            .enumerate()
            .filter(|(i, c)| !used.contains(i) && !c.is_blank())
            .map(|(_, c)| c.text.clone())
            .collect();
        let misfit = if !extra.is_empty() {
            Some(Kind::TooManyValues {
                row: row.clone(),
                found: values.iter().filter(|c| !c.is_blank()).count(),
                expected: k,
                extra,
            })
        } else if used.len() < k {
            Some(Kind::TooFewValues {
                row: row.clone(),
                found: used.len(),
                expected: k,
            })
        } else if uncertain {
            Some(Kind::UncertainBlanks { row: row.clone() })
        } else {
            None
        };
        if let Some(kind) = misfit {
            let line = f.cells.first().map_or(f.line, |c| c.line);
            self.anomalies.push(Anomaly::new(Some(line), kind));
        }
        for (c, slot) in slots.into_iter().enumerate() {
            let Some(i) = slot else { continue };
            let raw = values[i];
            let parsed = match &raw.class {
                CellText::Blank | CellText::EmptyMark => Ok(None),
                CellText::Number(n) => table.columns[c]
                    .kind
                    .parse(n)
                    .map(Some)
                    .map_err(|e| e.to_string()),
                _ => Err("not a number".to_string()),
            };
            let value = parsed.unwrap_or_else(|why| {
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
