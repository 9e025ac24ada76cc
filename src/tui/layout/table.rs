//! The geometry of one table on the screen: how wide its frozen labels and its number columns
//! are, how many lines its headers take, which columns are shown when it scrolls sideways, and
//! how a table too wide for the screen stands in bands of its column groups one above another.

use crate::i18n::Lang;
use crate::report::Report;
use crate::template::{Label, Table, Template};
use crate::tui::wrap::{words, wrap};
use crate::visible::{visible, width as shown_width};

/// How far a row's label is indented for each row group it is in: the group's label stands on a
/// line of its own above its first row, as the published tables read (三、本年度办理结果, then
/// （三）不予公开, then 1.属于国家秘密), instead of running down a narrow column beside them.
pub const ROW_INDENT: u16 = 2;
const MIN_COLUMN: u16 = 5;
const MAX_HEADER_LABEL_LINES: usize = 3;

/// The geometry of one table at a given width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableGeom {
    /// How many row-group columns the frozen area has (0 when rows have no groups).
    pub group_levels: usize,
    /// Width of the frozen label area, group columns included.
    pub label_width: u16,
    pub column_widths: Vec<u16>,
    /// Levels of column groups above the column labels.
    pub column_group_levels: usize,
    /// Lines of column labels under the groups.
    pub label_lines: usize,
    /// First column shown, after horizontal scrolling.
    pub first_column: usize,
    /// Columns shown, from `first_column`.
    pub shown_columns: usize,
    /// The columns shown side by side, band by band, each band drawn under the one before with
    /// its own header: one band of the shown columns, or, for a table too wide for the screen
    /// whose column groups each fit, one band a group (stacked), and then nothing scrolls.
    pub bands: Vec<std::ops::Range<usize>>,
    /// Levels of column groups over each band's columns (all levels when not stacked).
    pub band_group_levels: Vec<usize>,
}

impl TableGeom {
    pub fn header_height(&self) -> usize {
        self.column_group_levels + self.label_lines
    }

    /// The x offset (from the grid's left) of a shown column, in its band.
    pub fn column_x(&self, column: usize) -> Option<u16> {
        let band = self.bands.iter().find(|b| b.contains(&column))?;
        let before: u16 = self.column_widths[band.start..column].iter().sum();
        Some(self.label_width + before)
    }

    /// Lines of the header of band `band`: its own groups' levels and the column labels.
    pub fn band_header_height(&self, band: usize) -> usize {
        self.band_group_levels[band] + self.label_lines
    }

    /// The band a column is drawn in (the first when it is not shown).
    pub fn band_of(&self, column: usize) -> usize {
        self.bands
            .iter()
            .position(|b| b.contains(&column))
            .unwrap_or(0)
    }

    /// Whether the table stands in bands one above another instead of scrolling sideways.
    pub fn is_stacked(&self) -> bool {
        self.bands.len() > 1
    }
}

fn depth(groups: &[crate::template::Group], group: Option<usize>) -> usize {
    Table::group_path(groups, group).len()
}

/// A column's label as it is drawn: in the interface's language, with its unit when a money
/// column's own label does not say it.
pub fn column_label(table: &Table, column: usize, lang: Lang) -> String {
    crate::tui::units::column_label(&table.columns[column], lang)
}

/// The widest word of a label, as drawn: what a column must give it not to break a word.
fn longest_word(label: &str) -> u16 {
    words(label).map(shown_width).max().unwrap_or(0) as u16
}

/// Runs of columns under the same innermost group (a column under none is a run of its own):
/// the pieces a table too wide for the screen can be stacked in.
fn column_units(table: &Table) -> Vec<std::ops::Range<usize>> {
    let innermost = |c: usize| {
        Table::group_path(&table.column_groups, table.columns[c].group)
            .last()
            .map(|g| g.id.clone())
    };
    let mut units: Vec<std::ops::Range<usize>> = Vec::new();
    for c in 0..table.columns.len() {
        match units.last_mut() {
            Some(unit) if innermost(c).is_some() && innermost(c) == innermost(unit.start) => {
                unit.end = c + 1
            }
            _ => units.push(c..c + 1),
        }
    }
    units
}

/// The width of a label as drawn in `lang`.
fn drawn_width(label: &Label, lang: Lang) -> u16 {
    shown_width(&visible(label.get(lang))) as u16
}

/// Lays out table `t` of the report in a grid of `width`×`height`, scrolled so that `left` is
/// the first number column (when not everything fits and the table cannot be stacked).
pub(super) fn table_geom(
    report: &Report,
    lang: Lang,
    t: usize,
    (width, height): (u16, u16),
    left: usize,
) -> TableGeom {
    let template: &Template = &report.template;
    let table = &template.tables[t];
    let values = &report.tables[t];
    let group_levels = table
        .rows
        .iter()
        .map(|r| depth(&table.row_groups, r.group))
        .max()
        .unwrap_or(0);
    let label_need = table
        .rows
        .iter()
        .map(|r| {
            let d = depth(&table.row_groups, r.group) as u16;
            d * ROW_INDENT + drawn_width(&r.label, lang)
        })
        .max()
        .unwrap_or(0)
        + 1;
    let label_cap = (width * 3 / 8).max(16).min(width);
    let any_label = table.rows.iter().any(|r| !r.label.get(lang).is_empty());
    let label_width = if any_label {
        label_need
            .min(label_cap)
            .max(group_levels as u16 * ROW_INDENT + 6)
    } else {
        0
    };
    let ncols = table.columns.len();
    let mut widths: Vec<u16> = (0..ncols)
        .map(|c| {
            let kind = table.columns[c].kind;
            let widest = (0..table.rows.len())
                .filter_map(|r| values[table.cell_index(r, c)])
                .map(|v| kind.format(v).len() as u16)
                .max()
                .unwrap_or(1);
            // Never narrower than a word of its label ("Upheld", not "Uphe / ld").
            let word = longest_word(&column_label(table, c, lang)) + 1;
            (widest + 2).max(MIN_COLUMN).max(word)
        })
        .collect();
    let available = width.saturating_sub(label_width);
    // Widen columns toward their label's width while there is room, so labels need fewer lines.
    let mut spare = available.saturating_sub(widths.iter().sum());
    loop {
        let mut grew = false;
        for (c, w) in widths.iter_mut().enumerate() {
            let want = shown_width(&column_label(table, c, lang)) as u16 + 1;
            if spare > 0 && *w < want {
                *w += 1;
                spare -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    // Room left over on a wide screen goes to the labels, which are what people read.
    let label_width = if label_width > 0 {
        let extra = spare.min(label_need.saturating_sub(label_width));
        label_width + extra
    } else {
        0
    };
    let available = width.saturating_sub(label_width);
    let column_group_levels = table
        .columns
        .iter()
        .map(|c| depth(&table.column_groups, c.group))
        .max()
        .unwrap_or(0);
    let label_lines_of = |widths: &[u16]| {
        widths
            .iter()
            .enumerate()
            .map(|(c, w)| wrap(&column_label(table, c, lang), (*w - 1) as usize).len())
            .max()
            .unwrap_or(1)
            .clamp(1, MAX_HEADER_LABEL_LINES)
    };
    let label_lines = label_lines_of(&widths);
    // Horizontal scrolling: as many columns as fit from `left`, moving `left` back if the end fits.
    let fits_from = |first: usize| {
        let mut used = 0u16;
        let mut n = 0;
        for w in &widths[first..] {
            if used + w > available {
                break;
            }
            used += w;
            n += 1;
        }
        n.max(1).min(ncols - first)
    };
    let mut first_column = left.min(ncols - 1);
    // No empty space on the right while earlier columns are hidden.
    while first_column > 0 && fits_from(first_column - 1) >= ncols - (first_column - 1) {
        first_column -= 1;
    }
    let shown_columns = fits_from(first_column);
    // Too wide for the screen, but each of its groups fits: the groups stand one above another
    // (each under its own header), when all of them fit on the screen that way.
    let units = column_units(table);
    let levels_over = |u: &std::ops::Range<usize>| {
        u.clone()
            .map(|c| depth(&table.column_groups, table.columns[c].group))
            .max()
            .unwrap_or(0)
    };
    let stacked_height: usize = units
        .iter()
        .map(|u| levels_over(u) + label_lines + table.rows.len() + 1)
        .sum::<usize>()
        - 1;
    let band_width = |u: &std::ops::Range<usize>| widths[u.clone()].iter().sum::<u16>();
    let stack = shown_columns < ncols
        && units.len() > 1
        && units.len() < ncols
        && units.iter().all(|u| band_width(u) <= available)
        && stacked_height <= height as usize;
    let mut label_lines = label_lines;
    if stack {
        // Each band has the screen's width to itself: its columns widen toward their labels, so
        // "Other result" stands on one line instead of two that read across into the next column.
        for u in &units {
            let mut spare = available.saturating_sub(widths[u.clone()].iter().sum::<u16>());
            loop {
                let mut grew = false;
                for c in u.clone() {
                    let want = shown_width(&column_label(table, c, lang)) as u16 + 1;
                    if spare > 0 && widths[c] < want {
                        widths[c] += 1;
                        spare -= 1;
                        grew = true;
                    }
                }
                if !grew {
                    break;
                }
            }
        }
        label_lines = label_lines_of(&widths);
    }
    let (first_column, shown_columns, bands, band_group_levels) = if stack {
        let levels = units.iter().map(levels_over).collect();
        (0, ncols, units, levels)
    } else {
        let band = first_column..first_column + shown_columns;
        (
            first_column,
            shown_columns,
            vec![band],
            vec![column_group_levels],
        )
    };
    TableGeom {
        group_levels,
        label_width,
        column_widths: widths,
        column_group_levels,
        label_lines,
        first_column,
        shown_columns,
        bands,
        band_group_levels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::layout::Layout;
    use crate::tui::layout::tests::report;

    /// Where the table `id` stands in the report's template.
    fn table_named(r: &Report, id: &str) -> usize {
        r.template.tables.iter().position(|t| t.id == id).unwrap()
    }

    /// Headers are laid out in the language they are drawn in: at 80 columns the English labels of
    /// table 四 keep their words whole.
    #[test]
    fn english_headers_do_not_break_words() {
        let r = report();
        let t = table_named(&r, "cases");
        let layout = Layout::new(&r, Lang::En, (80, 24));
        let g = layout.table(t, 0);
        for c in g.first_column..g.first_column + g.shown_columns {
            let label = r.template.tables[t].columns[c].label.get(Lang::En);
            let lines = wrap(label, (g.column_widths[c] - 1) as usize);
            assert!(
                lines.len() <= g.label_lines,
                "{label:?} in {lines:?}, {g:?}"
            );
            for word in label.split(' ') {
                assert!(
                    lines.iter().any(|l| l.split(' ').any(|w| w == word)),
                    "{word:?} of {label:?} broken: {lines:?}"
                );
            }
        }
    }

    #[test]
    fn the_requests_table_fits_80_columns_with_its_labels_frozen() {
        let r = report();
        let t = table_named(&r, "applications");
        let g = table_geom(&r, Lang::Zh, t, (65, 21), 0);
        assert_eq!(g.group_levels, 2);
        assert_eq!(g.column_group_levels, 2);
        assert_eq!(g.shown_columns, 7, "{g:?}");
        assert!(g.label_width + g.column_widths.iter().sum::<u16>() <= 65);
        let wide = table_geom(&r, Lang::Zh, t, (160, 21), 0);
        assert!(wide.label_width > g.label_width);
        assert_eq!(wide.label_lines, 1);
    }

    #[test]
    fn wide_tables_scroll_their_number_columns() {
        let r = report();
        let t = table_named(&r, "cases");
        // Too low for its groups to stand one above another: it scrolls.
        let g = table_geom(&r, Lang::Zh, t, (65, 12), 0);
        assert!(g.shown_columns < 15);
        assert!(!g.is_stacked());
        let scrolled = table_geom(&r, Lang::Zh, t, (65, 12), 14);
        assert_eq!(
            scrolled.first_column + scrolled.shown_columns,
            15,
            "{scrolled:?}"
        );
        assert!(scrolled.column_x(14).is_some());
        assert_eq!(scrolled.column_x(0), None);
    }

    /// Table 四 at 80×24: its three groups (行政复议, 未经复议直接起诉, 复议后起诉) one above
    /// another, every column on the screen, the whole table shown without scrolling; side by side
    /// where the screen is wide enough.
    #[test]
    fn a_wide_table_stands_in_its_groups_where_it_does_not_fit() {
        let r = report();
        let t = table_named(&r, "cases");
        let section = r.template.tables[t].section;
        for lang in [Lang::Zh, Lang::En] {
            let layout = Layout::new(&r, lang, (80, 24));
            let body = layout.screen().body;
            let g = layout.table(t, 0);
            assert_eq!(g.bands, vec![0..5, 5..10, 10..15], "{lang:?}");
            for c in 0..15 {
                let x = g.column_x(c).unwrap();
                assert!(
                    x + g.column_widths[c] <= body.width,
                    "{lang:?} column {c}: {g:?}"
                );
            }
            assert_eq!(
                layout.scroll_columns(t, 0, 14),
                0,
                "nothing scrolls sideways"
            );
            let grid = layout.section(section, t, 0);
            assert!(grid.lines.len() <= body.height as usize, "{:?}", grid.lines);
            assert_eq!(grid.shown(0), grid.lines, "the whole table is shown");
            assert_eq!(grid.scroll_to(0, 0, 14), 0);
        }
        let wide = Layout::new(&r, Lang::Zh, (200, 60)).table(t, 0);
        assert_eq!(wide.bands, vec![0..15], "side by side where it fits");
        assert_eq!(
            Layout::new(&r, Lang::Zh, (100, 30)).table(t, 0).bands,
            vec![0..15]
        );
    }
}
