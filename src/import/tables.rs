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
    last_line: usize,
}

fn text_of(raws: &[Raw]) -> String {
    raws.iter()
        .map(|r| r.text.as_str())
        .collect::<Vec<_>>()
        .join("")
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
                joined = text_of(raws);
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
            let mut hit = None;
            for j in (i + 1..=(i + 4).min(run.len())).rev() {
                if let Some(place) = self.recognise(&run[i..j], has_values) {
                    hit = Some((j, place));
                    break;
                }
            }
            if let Some((j, place)) = hit {
                let mut raw = run[i].clone();
                raw.text = run[i..j]
                    .iter()
                    .map(|r| r.text.as_str())
                    .collect::<Vec<_>>()
                    .join(" ");
                out.push((Some(place), raw));
                i = j;
                continue;
            }
            let raw = &run[i];
            // A cell holding a group and its row ("(三) 不予公开 1.属于国家秘密") or words that
            // are several header cells.
            if raw.splittable
                || raw
                    .text
                    .contains(|c: char| c.is_whitespace() || c == '·' || c == '›')
            {
                let pieces = cells::pieces(raw);
                if pieces.len() > 1 {
                    let inner = self.labels(&pieces, has_values);
                    if inner.iter().any(|(p, _)| p.is_some()) {
                        out.extend(inner);
                        i += 1;
                        continue;
                    }
                }
            }
            if raw.class == CellText::Label
                && let Some(place) = self.index.lookup_close(&raw.text, |p| self.allowed(p))
            {
                self.anomalies.push(Anomaly::new(
                    Some(raw.line),
                    Kind::CloseLabel {
                        text: raw.text.clone(),
                        label: self.label_of(place),
                    },
                ));
                out.push((Some(place), raw.clone()));
            } else {
                out.push((None, raw.clone()));
            }
            i += 1;
        }
        out
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

    fn flush(&mut self) {
        let Some(acc) = self.acc.take() else {
            return;
        };
        let values: Vec<String> = acc
            .cells
            .iter()
            .filter(|c| !c.is_blank())
            .map(|c| c.text.clone())
            .collect();
        let line = acc.cells.first().map_or(acc.line, |c| c.line);
        match acc.target {
            Target::None => {
                if values.is_empty() && !acc.grid {
                    return;
                }
                match self.unlabelled_row() {
                    Some((t, r))
                        if !self
                            .found
                            .get(&t)
                            .is_some_and(|f| f.iter().any(|x| x.row == r)) =>
                    {
                        self.record(t, r, acc);
                    }
                    _ if values.is_empty() => {}
                    _ => self
                        .anomalies
                        .push(Anomaly::new(Some(line), Kind::ValuesWithoutRow { values })),
                }
            }
            Target::Group(t, g) => {
                if !values.is_empty() {
                    let group = self.template.tables[t].row_groups[g].label.zh.clone();
                    self.anomalies.push(Anomaly::new(
                        Some(line),
                        Kind::ValuesOnGroup { group, values },
                    ));
                }
            }
            Target::Row(t, r) => self.record(t, r, acc),
            Target::Unknown => {
                if !values.is_empty() {
                    self.anomalies
                        .push(Anomaly::new(Some(line), Kind::ValuesWithoutRow { values }));
                }
            }
        }
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
                self.current_table = Some(t);
                self.seen.entry(t).or_insert(raw.line);
            }
            Place::RowGroup(t, g) => {
                self.flush();
                self.current_table = Some(t);
                self.current_group = Some((t, g));
                self.seen.entry(t).or_insert(raw.line);
                self.acc = Some(Acc {
                    target: Target::Group(t, g),
                    line: raw.line,
                    cells: Vec::new(),
                    grid: false,
                });
            }
            Place::Row(t, r) => {
                self.flush();
                self.current_table = Some(t);
                if let Some(g) = self.template.tables[t].rows[r].group {
                    self.current_group = Some((t, g));
                }
                self.seen.entry(t).or_insert(raw.line);
                self.acc = Some(Acc {
                    target: Target::Row(t, r),
                    line: raw.line,
                    cells: Vec::new(),
                    grid: false,
                });
            }
        }
    }

    /// Reports labels not recognised. Values that follow one (on its line, or on the next lines
    /// of a one-cell-per-line table) cannot be placed: they are held back and reported too.
    fn unknown(&mut self, raws: Vec<Raw>) {
        self.unknown_labels(raws, true);
    }

    fn unknown_labels(&mut self, raws: Vec<Raw>, holds_values: bool) {
        if raws.is_empty() {
            return;
        }
        if holds_values {
            self.flush();
            self.acc = Some(Acc {
                target: Target::Unknown,
                line: raws[0].line,
                cells: Vec::new(),
                grid: false,
            });
        }
        for raw in raws {
            self.anomalies.push(Anomaly::new(
                Some(raw.line),
                Kind::UnknownLabel { text: raw.text },
            ));
        }
    }

    /// Reads one line's cells; returns whether anything in it belonged to a table.
    fn line(&mut self, raws: Vec<Raw>, layout: Layout, next: Option<&(Vec<Raw>, Layout)>) -> bool {
        let last_label = raws.iter().rposition(Raw::is_label);
        let has_values = raws[last_label.map_or(0, |i| i + 1)..]
            .iter()
            .any(|r| !r.is_blank());
        let mut useful = false;
        let mut labels_in_line = Vec::new();
        let mut run: Vec<Raw> = Vec::new();
        let mut early_values: Vec<Raw> = Vec::new();
        for (i, raw) in raws.iter().enumerate() {
            if Some(i) > last_label {
                break;
            }
            if raw.is_label() {
                run.push(raw.clone());
            } else if !raw.is_blank() {
                // A value before the line's last label: it goes with what came before it.
                if !run.is_empty() {
                    labels_in_line.push(std::mem::take(&mut run));
                }
                early_values.push(raw.clone());
                labels_in_line.push(Vec::new());
            }
        }
        if !run.is_empty() {
            labels_in_line.push(run);
        }
        // A label split over two lines: the cells left unrecognised on the line before.
        let pending = std::mem::take(&mut self.pending);
        if !pending.is_empty() {
            match labels_in_line.first_mut() {
                Some(first) if !first.is_empty() => {
                    let mut joined = pending.clone();
                    joined.extend(first.iter().cloned());
                    let whole = self.recognise(&joined, has_values);
                    if whole.is_some() {
                        *first = joined;
                    } else {
                        self.unknown(pending);
                    }
                }
                _ => self.unknown(pending),
            }
        }
        let halves = std::mem::take(&mut self.header_halves);
        let mut early = early_values.into_iter();
        let only_labels = last_label.is_some() && !has_values && early.len() == 0;
        let run_count = labels_in_line.len();
        let mut unknown: Vec<Raw> = Vec::new();
        for (k, run) in labels_in_line.into_iter().enumerate() {
            if run.is_empty() {
                if let Some(v) = early.next() {
                    self.push_values(vec![v], false);
                    useful = true;
                }
                continue;
            }
            let recognised = self.labels(&run, has_values);
            for (place, raw) in recognised {
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
            let last_run = k + 1 == run_count;
            if !unknown.is_empty() && (last_run || !only_labels) {
                let unknown = std::mem::take(&mut unknown);
                if halves && only_labels {
                    // The lower halves of headers split over two lines.
                } else if only_labels && self.split_header(&unknown, next) {
                    self.header_halves = true;
                } else if only_labels && unknown.len() <= 2 {
                    self.pending = unknown;
                } else {
                    // Unknown cells of a header line say nothing about the values below it.
                    let holds = !(only_labels && layout == Layout::Grid);
                    self.unknown_labels(unknown, holds);
                }
            }
        }
        let region: Vec<Raw> = match last_label {
            Some(i) => raws[i + 1..].to_vec(),
            None => raws,
        };
        let grid = layout == Layout::Grid;
        let row_waiting = self
            .acc
            .as_ref()
            .is_some_and(|a| matches!(a.target, Target::Row(..)));
        // Blank cells after header labels are merged header cells, not a row of empty values.
        let blank_values = grid && (row_waiting || last_label.is_none());
        if !region.is_empty() && (blank_values || region.iter().any(|r| !r.is_blank())) {
            if region.iter().any(|r| !r.is_blank()) {
                useful = true;
            }
            self.push_values(region, grid);
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
        let line = cells.first().map_or(self.last_line, |c| c.line);
        let acc = self.acc.get_or_insert(Acc {
            target: Target::None,
            line,
            cells: Vec::new(),
            grid,
        });
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
        last_line: lines.first().map_or(0, |l| l.no),
    };
    let split: Vec<Option<(Vec<Raw>, Layout)>> = lines.iter().map(cells::split).collect();
    let mut first_table_line = lines.len();
    for (i, cells) in split.iter().enumerate() {
        let Some((raws, layout)) = cells.clone() else {
            continue;
        };
        reader.last_line = lines[i].no;
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
    for &t in &reader.tables.clone() {
        place_table(
            &mut reader,
            report,
            t,
            found.get(&t).map(Vec::as_slice).unwrap_or(&[]),
            ends_input,
        );
    }
    anomalies.extend(reader.anomalies);
    SectionTables {
        first_table_line,
        rows_found,
    }
}

/// The cells of a grid row that are the row's values, given how the table's other rows are laid
/// out (`lead`: how many blank cells usually come before the values).
fn window(cells: &[Raw], k: usize, lead: usize) -> (Vec<Option<usize>>, Option<Kind>) {
    let r = cells.len();
    if r == k {
        return ((0..k).map(Some).collect(), None);
    }
    let first = cells.iter().position(|c| !c.is_blank());
    let last = cells.iter().rposition(|c| !c.is_blank());
    let (first, last) = match (first, last) {
        (Some(f), Some(l)) => (f, l),
        _ => {
            let start = lead.min(r.saturating_sub(k));
            return (
                (start..start + k).map(|i| (i < r).then_some(i)).collect(),
                None,
            );
        }
    };
    let core = last - first + 1;
    if core >= k {
        let slots = (first..first + k).map(Some).collect();
        return (slots, None);
    }
    if r < k {
        let slots = (0..k).map(|i| (i < r).then_some(i)).collect();
        return (slots, None);
    }
    // Windows of k cells that hold every value: from `lo` to `hi`.
    let lo = (last + 1).saturating_sub(k);
    let hi = first.min(r - k);
    let start = lead.clamp(lo, hi);
    let uncertain = lo != hi && !(lo..=hi).contains(&lead);
    let slots = (start..start + k).map(Some).collect();
    (
        slots,
        uncertain.then_some(Kind::UncertainBlanks { row: String::new() }),
    )
}

fn place_table(
    reader: &mut Reader<'_>,
    report: &mut Report,
    t: usize,
    found: &[Found],
    ends_input: bool,
) {
    let template = reader.template;
    let table = &template.tables[t];
    let k = table.columns.len();
    // How far the values of a grid row usually sit from its label, from the rows where that is
    // plain: the seed's rows under 三、本年度办理结果 have one blank cell before their values.
    let mut leads: HashMap<usize, usize> = HashMap::new();
    for f in found.iter().filter(|f| f.grid && f.cells.len() > k) {
        let first = f.cells.iter().position(|c| !c.is_blank());
        let last = f.cells.iter().rposition(|c| !c.is_blank());
        if let (Some(a), Some(b)) = (first, last)
            && b - a + 1 == k
        {
            *leads.entry(a).or_default() += 1;
        }
    }
    let lead = leads
        .into_iter()
        .max_by_key(|(lead, n)| (*n, usize::MAX - lead))
        .map_or(0, |(lead, _)| lead);
    for f in found {
        let row = reader.row_name(t, f.row);
        let line = f.cells.first().map_or(f.line, |c| c.line);
        let values: Vec<&Raw> = if f.grid {
            f.cells.iter().collect()
        } else {
            f.cells.iter().filter(|c| !c.is_blank()).collect()
        };
        if values.is_empty() {
            reader
                .anomalies
                .push(Anomaly::new(Some(f.line), Kind::RowWithoutValues { row }));
            continue;
        }
        let nonblank = values.iter().filter(|c| !c.is_blank()).count();
        let (slots, note) = if f.grid {
            let owned: Vec<Raw> = values.iter().map(|r| (*r).clone()).collect();
            window(&owned, k, lead)
        } else {
            (
                (0..k).map(|i| (i < values.len()).then_some(i)).collect(),
                None,
            )
        };
        let used: Vec<usize> = slots.iter().flatten().copied().collect();
        let extra: Vec<String> = values
            .iter()
            .enumerate()
            .filter(|(i, c)| !used.contains(i) && !c.is_blank())
            .map(|(_, c)| c.text.clone())
            .collect();
        if !extra.is_empty() {
            reader.anomalies.push(Anomaly::new(
                Some(line),
                Kind::TooManyValues {
                    row: row.clone(),
                    found: nonblank,
                    expected: k,
                    extra,
                },
            ));
        } else if slots.iter().any(Option::is_none) {
            reader.anomalies.push(Anomaly::new(
                Some(line),
                Kind::TooFewValues {
                    row: row.clone(),
                    found: slots.iter().flatten().count(),
                    expected: k,
                },
            ));
        } else if note.is_some() {
            reader.anomalies.push(Anomaly::new(
                Some(line),
                Kind::UncertainBlanks { row: row.clone() },
            ));
        }
        for (c, slot) in slots.into_iter().enumerate() {
            let Some(i) = slot else { continue };
            let raw = values[i];
            let column = &table.columns[c];
            let value = match &raw.class {
                CellText::Blank | CellText::EmptyMark => None,
                CellText::Number(n) => match column.kind.parse(n) {
                    Ok(v) => Some(v),
                    Err(e) => {
                        reader.anomalies.push(Anomaly::new(
                            Some(raw.line),
                            Kind::NotANumber {
                                row: row.clone(),
                                column: describe::column_label(table, c, Lang::Zh),
                                text: raw.text.clone(),
                                why: e.to_string(),
                            },
                        ));
                        None
                    }
                },
                _ => {
                    reader.anomalies.push(Anomaly::new(
                        Some(raw.line),
                        Kind::NotANumber {
                            row: row.clone(),
                            column: describe::column_label(table, c, Lang::Zh),
                            text: raw.text.clone(),
                            why: "not a number".into(),
                        },
                    ));
                    None
                }
            };
            report.tables[t][table.cell_index(f.row, c)] = value;
        }
    }
    let present: Vec<usize> = found.iter().map(|f| f.row).collect();
    let name = reader.table_name(t);
    if present.is_empty() && !reader.seen.contains_key(&t) {
        reader
            .anomalies
            .push(Anomaly::new(None, Kind::MissingTable { table: name }));
        return;
    }
    let missing: Vec<usize> = (0..table.rows.len())
        .filter(|r| !present.contains(r))
        .collect();
    if missing.is_empty() {
        return;
    }
    let labels: Vec<String> = missing.iter().map(|&r| reader.row_name(t, r)).collect();
    let last_found = present.iter().max().copied();
    let tail = last_found.is_none_or(|last| missing.iter().all(|&r| r > last));
    let last_line = found
        .iter()
        .map(|f| f.cells.last().map_or(f.line, |c| c.line))
        .max()
        .or_else(|| reader.seen.get(&t).copied());
    if ends_input && tail {
        reader.anomalies.push(Anomaly::new(
            last_line,
            Kind::CutOff {
                table: name,
                rows: labels,
            },
        ));
    } else {
        reader.anomalies.push(Anomaly::new(
            last_line,
            Kind::MissingRows {
                table: name,
                rows: labels,
            },
        ));
    }
}
