//! What import could not take over as it was, each with the input line it came from.

/// How much an anomaly matters: a note explains what was done, an anomaly means the report may
/// differ from what was published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Note,
    Anomaly,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The input was not UTF-8 and was decoded as another encoding.
    Encoding {
        name: String,
    },
    /// Bytes that could not be decoded were replaced by U+FFFD.
    BadBytes,
    /// A superscript or subscript written after a cell's text (a note mark, "2731¹"): left out
    /// of the cell, so that it is not read as a digit of the number.
    NoteMark {
        row: String,
        cell: String,
        mark: String,
        lowered: bool,
    },
    /// A workbook cell holding a formula whose value the file does not keep (a workbook written
    /// by a script, never opened in Excel): left empty.
    FormulaWithoutValue {
        sheet: String,
        cell: String,
        row: String,
        formula: String,
    },
    /// No title line was found before the first heading.
    NoTitle,
    /// The title names no year.
    NoYear,
    /// The year was taken from a sentence that names the report with it.
    YearFromText {
        year: i32,
    },
    /// A section heading was not found.
    MissingSection {
        section: String,
    },
    /// A table of the section was not found.
    MissingTable {
        table: String,
    },
    /// Rows of a table were not found.
    MissingRows {
        table: String,
        rows: Vec<String>,
    },
    /// The input ends inside a table: the rows after this line are missing.
    CutOff {
        table: String,
        rows: Vec<String>,
    },
    /// Text inside a table region that names nothing of the template.
    UnknownLabel {
        text: String,
    },
    /// A label recognised although its wording differs.
    CloseLabel {
        text: String,
        label: String,
    },
    /// What is left of a row's label broken over lines (its end, "反复申请"), taken as the one
    /// row whose label holds it.
    PartOfLabel {
        text: String,
        label: String,
    },
    /// Values with no row label before them.
    ValuesWithoutRow {
        values: Vec<String>,
    },
    /// A row label with no values after it.
    RowWithoutValues {
        row: String,
    },
    /// Several of a table's row labels on one line, and lines of values without a label under
    /// it: the table printed with its rows as columns (transposed), which import does not turn.
    Transposed {
        table: String,
        rows: usize,
    },
    /// Values after a group heading, which holds no values of its own.
    ValuesOnGroup {
        group: String,
        values: Vec<String>,
    },
    TooManyValues {
        row: String,
        found: usize,
        expected: usize,
        extra: Vec<String>,
    },
    TooFewValues {
        row: String,
        found: usize,
        expected: usize,
    },
    /// The input ends inside a row (a page or an excerpt cut off): the values read are its first
    /// cells, placed from the left, and the rest are left empty.
    CutInRow {
        row: String,
        found: usize,
        expected: usize,
    },
    /// Cells printed with a mark for "no value" ("/", "-"), imported empty.
    EmptyMarks {
        table: String,
        cells: usize,
        marks: Vec<String>,
        rows: Vec<String>,
    },
    /// Rows with blank cells whose values were placed by where they stand under the columns.
    PlacedByColumn {
        table: String,
        rows: Vec<String>,
    },
    /// A table printed in parts lacks the parts of these columns.
    PartsMissing {
        table: String,
        columns: Vec<String>,
    },
    /// Blank cells in a row whose places among the columns could not be told for sure.
    UncertainBlanks {
        row: String,
    },
    NotANumber {
        row: String,
        column: String,
        text: String,
        /// What is wrong with the number; `None` when it is not a number at all.
        why: Option<crate::value::ValueError>,
    },
    DuplicateRow {
        row: String,
        first_line: usize,
    },
    /// The report was a PDF, read by pdftotext in this mode; lines are that text's.
    FromPdf {
        mode: String,
    },
    /// A section's heading is missing; its text was found where the section stands.
    TextWithoutHeading {
        section: String,
    },
    /// A section's heading is missing; its tables were found by their labels before the first
    /// heading (a page fragment that starts inside a table).
    TablesWithoutHeading {
        section: String,
    },
    /// Page numbers and other page furniture taken out of the text.
    PageFurniture {
        lines: usize,
        first: String,
    },
    /// Values whose label was not beside them, placed in the rows the table leaves for them
    /// between the rows around them (a PDF read column by column prints the labels apart).
    PlacedByPosition {
        rows: Vec<String>,
    },
    /// Rows whose values were printed before their labels, each label having taken the next
    /// row's values: moved back to the rows they add up in.
    ValuesBeforeLabels {
        rows: Vec<String>,
    },
    /// An amount printed in 元 in a column kept in 万元, converted (exactly: the column keeps
    /// four decimals).
    YuanConverted {
        row: String,
        column: String,
        text: String,
        /// The unit the cell was written in: 元, 千元, 亿元.
        unit: String,
        value: String,
    },
    /// A value under a header that states another unit than the column's 万元
    /// (`本年收费金额（单位：元）`), converted exactly.
    HeaderUnitConverted {
        row: String,
        column: String,
        text: String,
        unit: String,
        value: String,
    },
    /// An amount in another unit that is not a whole number of yuan: the column keeps 万元 to
    /// four decimals, so it is left empty rather than rounded. `header_unit`: the unit was the
    /// header's, not written in the cell.
    NotWholeYuan {
        row: String,
        column: String,
        text: String,
        header_unit: Option<String>,
    },
    /// A row's values touched ("693665") and the table's rules allowed one way to cut them.
    TouchingCut {
        row: String,
        text: String,
        values: String,
    },
    /// Touching values the rules allow to cut in several ways: left empty, the ways listed
    /// (the first few, and how many more).
    TouchingAmbiguous {
        row: String,
        text: String,
        ways: Vec<String>,
        more: usize,
    },
    /// Touching values no way of cutting agrees with the rules: left empty.
    TouchingNoWay {
        row: String,
        text: String,
    },
    /// A row with fewer cells than columns whose values the table's rules allow in one place
    /// only: placed there (`values`, "_" for a cell left empty), the `empty` cells named.
    GapPlaced {
        row: String,
        text: String,
        values: String,
        empty: Vec<String>,
    },
    /// A row with fewer cells than columns whose values the rules allow in several places: the
    /// places listed, and only the cells they all agree on (`placed`) taken.
    GapAmbiguous {
        row: String,
        text: String,
        ways: Vec<String>,
        more: usize,
        placed: Vec<String>,
    },
    /// A row with fewer cells than columns whose values fit no place the rules allow: left
    /// empty.
    GapNoWay {
        row: String,
        text: String,
    },
    /// Lines before the report or outside the page's article that were left out.
    Skipped {
        lines: usize,
        first: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anomaly {
    /// 1-based input line, when the anomaly comes from one.
    pub line: Option<usize>,
    pub kind: Kind,
}

/// How many items of a list a message shows.
pub const SHOWN: usize = 6;

impl Anomaly {
    pub fn new(line: Option<usize>, kind: Kind) -> Anomaly {
        Anomaly { line, kind }
    }

    pub fn level(&self) -> Level {
        match self.kind {
            Kind::Encoding { .. }
            | Kind::NoteMark { .. }
            | Kind::CloseLabel { .. }
            | Kind::PartOfLabel { .. }
            | Kind::Skipped { .. }
            | Kind::PageFurniture { .. }
            | Kind::FromPdf { .. }
            | Kind::TouchingCut { .. }
            | Kind::TextWithoutHeading { .. }
            | Kind::TablesWithoutHeading { .. }
            | Kind::EmptyMarks { .. }
            | Kind::YearFromText { .. }
            | Kind::PlacedByColumn { .. }
            | Kind::PlacedByPosition { .. }
            | Kind::ValuesBeforeLabels { .. }
            | Kind::YuanConverted { .. }
            | Kind::HeaderUnitConverted { .. } => Level::Note,
            _ => Level::Anomaly,
        }
    }
}
