//! Reading the tables of one section: rows are found by their labels (`recognise`), each line's
//! values are gathered for the row they follow (`line`), and the values are placed in the row's
//! columns (`place`); whatever does not fit is said, with its line.

mod columns;
mod fit;
mod glued;
mod header;
mod line;
mod merged;
mod orphans;
mod parts;
mod place;
mod recognise;
mod units;

use std::collections::HashMap;

use super::anomaly::{Anomaly, Kind};
use super::cells::{self, Layout, Raw};
use super::labels::{LabelIndex, Place};
use super::lines::Line;
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

/// The values gathered since the last label, for where they go.
struct Gathered {
    target: Target,
    line: usize,
    cells: Vec<Raw>,
    grid: bool,
    /// Whether values on the lines after the label may be the row's: not when the label
    /// follows values without a label, or another label without values (labels printed after
    /// their values, a block of values then a block of labels).
    later_lines: bool,
}

impl Gathered {
    fn new(target: Target, line: usize) -> Gathered {
        Gathered {
            target,
            line,
            cells: Vec::new(),
            grid: false,
            later_lines: true,
        }
    }
}

/// What the reading last ended: it says whether a label may take the values after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Last {
    Header,
    RowWithValues,
    LabelOnly,
    Orphan,
}

/// A row as found: its label's line and the cells after the label.
#[derive(Clone)]
struct Found {
    row: usize,
    line: usize,
    cells: Vec<Raw>,
    grid: bool,
    /// When it was read, among the rows and the values without a row.
    seq: usize,
}

impl Found {
    /// How many of its cells hold something.
    fn values(&self) -> usize {
        self.cells.iter().filter(|c| !c.is_blank()).count()
    }
}

/// Values read inside a table with no row label before them.
struct Orphan {
    table: usize,
    seq: usize,
    cells: Vec<Raw>,
    grid: bool,
}

/// What a section's lines gave.
pub struct SectionTables {
    /// Index of the first line that belongs to a table; the lines before it are the section's
    /// own text.
    pub first_table_line: usize,
    /// Index of the last line that belonged to a table.
    pub last_table_line: usize,
    /// How many rows were found, in all the tables.
    pub rows_found: usize,
}

struct Reader<'a> {
    template: &'a Template,
    index: &'a LabelIndex,
    /// The tables of the section: no label of another table is looked for.
    tables: Vec<usize>,
    current_table: Option<usize>,
    /// The row group the reading is in, as (table, group).
    current_group: Option<(usize, usize)>,
    gathered: Option<Gathered>,
    /// The rows found, by table.
    found: HashMap<usize, Vec<Found>>,
    /// The line each table was first named on, by table.
    seen: HashMap<usize, usize>,
    anomalies: Vec<Anomaly>,
    /// Unrecognised label cells of the last line, which may be the first half of a label split
    /// over two lines.
    pending: Vec<Raw>,
    /// The next line holds the lower halves of headers split over two lines.
    header_halves: bool,
    orphans: Vec<Orphan>,
    /// A row's values were seen touching its label: the text is crawler output.
    touching_seen: bool,
    /// The columns a header line named, in its order; and per table, the order of its values
    /// when a header gave one that is not the template's.
    line_columns: Vec<(usize, usize)>,
    orders: HashMap<usize, Vec<usize>>,
    /// The header cells of this line, as (table, every place the cell's text may name), and
    /// whether it named a row; and the header lines read since the last line of values, of
    /// one table.
    line_header: Vec<(usize, header::Token)>,
    line_rows: bool,
    header_run: Vec<Vec<header::Token>>,
    header_table: Option<usize>,
    /// Counts rows and orphans as they are read, to know what stands between what.
    seq: usize,
    last: Last,
    /// The unit a money column's header states, when it is not the column's 万元, by (table,
    /// column).
    column_units: HashMap<(usize, usize), crate::money::MoneyUnit>,
    /// A money column's header whose note in brackets is not closed yet, as (table, column,
    /// the note so far): it goes on in a later header cell.
    open_unit_note: Option<(usize, usize, String)>,
    /// Where the grid header lines read since the last row named the columns; and, once they
    /// named every one, the column under each place, for the rows below.
    header_places: Option<merged::HeaderPlaces>,
    grid_columns: Option<merged::GridColumns>,
    /// The columns the last header heads when it heads only a part of a table, as (table,
    /// columns in their printed order).
    header_part: Option<(usize, Vec<usize>)>,
    /// The columns parts of a table gave its row, by (table, row).
    part_columns: HashMap<(usize, usize), Vec<usize>>,
}

impl Reader<'_> {
    fn allowed(&self, place: Place) -> bool {
        place.table().is_some_and(|t| self.tables.contains(&t))
    }

    /// Says, before the rest, that a table looks transposed: three or more of its row labels
    /// found on one line with no values, and two or more lines of values without a label after
    /// that line. Each of those was said on its own (ten rows without values, a line of values
    /// without a label for every column), and nothing said why.
    fn say_transposed(&mut self) {
        let mut by_line: HashMap<usize, usize> = HashMap::new();
        for a in &self.anomalies {
            if let (Some(line), Kind::RowWithoutValues { .. }) = (a.line, &a.kind) {
                *by_line.entry(line).or_default() += 1;
            }
        }
        let Some((&line, &rows)) = by_line
            .iter()
            .filter(|(_, n)| **n >= 3)
            .min_by_key(|(l, _)| **l)
        else {
            return;
        };
        let unlabelled = self
            .anomalies
            .iter()
            .filter(|a| a.line.is_some_and(|l| l > line))
            .filter(|a| matches!(a.kind, Kind::ValuesWithoutRow { .. }))
            .count();
        // The section's table with the most rows: the one printed on its side.
        let widest = self
            .tables
            .iter()
            .copied()
            .max_by_key(|&t| self.template.tables[t].rows.len());
        if let (true, Some(t)) = (unlabelled >= 2, widest) {
            let table = self.table_name(t);
            let said = Anomaly::new(Some(line), Kind::Transposed { table, rows });
            self.anomalies.insert(0, said);
        }
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
}

/// Reads the tables of `tables` from `lines` into `report`. `ends_input` says the lines run to
/// the end of the input, so a table missing its last rows was cut off; `touching` says (and is
/// told) whether a row's values were seen touching their label, in this section or one before.
pub fn read(
    report: &mut Report,
    index: &LabelIndex,
    tables: Vec<usize>,
    lines: &[&Line],
    ends_input: bool,
    anomalies: &mut Vec<Anomaly>,
    touching: &mut bool,
) -> SectionTables {
    let template = report.template.clone();
    let mut reader = Reader {
        template: &template,
        index,
        tables,
        current_table: None,
        current_group: None,
        gathered: None,
        found: HashMap::new(),
        seen: HashMap::new(),
        anomalies: Vec::new(),
        pending: Vec::new(),
        header_halves: false,
        orphans: Vec::new(),
        touching_seen: *touching,
        last: Last::Header,
        line_columns: Vec::new(),
        orders: HashMap::new(),
        line_header: Vec::new(),
        line_rows: false,
        header_run: Vec::new(),
        header_table: None,
        seq: 0,
        column_units: HashMap::new(),
        open_unit_note: None,
        header_places: None,
        grid_columns: None,
        header_part: None,
        part_columns: HashMap::new(),
    };
    // A line marked as a text's own is not read for cells.
    let mut split: Vec<Option<(Vec<Raw>, Layout)>> = lines
        .iter()
        .map(|l| if l.literal { None } else { cells::split(l) })
        .collect();
    let mut first_table_line = lines.len();
    let mut last_table_line = 0;
    for i in 0..split.len() {
        let Some((raws, layout)) = split[i].take() else {
            continue;
        };
        let next = split[i + 1..].iter().flatten().next();
        let before = reader.anomalies.len();
        let useful = reader.line(raws, layout, next);
        if useful {
            last_table_line = i;
        }
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
    // The input's last line with anything on it, when the lines run to its end: a row whose
    // last cell stands there is one the input ends inside.
    let input_end = ends_input.then(|| {
        lines
            .iter()
            .rev()
            .find(|l| !l.is_blank())
            .map_or(0, |l| l.no)
    });
    *touching = reader.touching_seen;
    let pending = std::mem::take(&mut reader.pending);
    reader.unknown(pending);
    reader.flush();
    reader.say_missing_parts();
    let found = std::mem::take(&mut reader.found);
    let rows_found = found.values().map(Vec::len).sum();
    let mut found = found;
    let mut orphans = std::mem::take(&mut reader.orphans);
    for t in reader.tables.clone() {
        let mut rows = found.remove(&t).unwrap_or_default();
        let (mine, others): (Vec<Orphan>, Vec<Orphan>) =
            orphans.into_iter().partition(|o| o.table == t);
        orphans = others;
        reader.align_orphans(t, &mut rows, mine);
        reader.place_table(report, t, &rows, input_end);
    }
    reader.say_transposed();
    anomalies.extend(reader.anomalies);
    SectionTables {
        first_table_line,
        last_table_line,
        rows_found,
    }
}
