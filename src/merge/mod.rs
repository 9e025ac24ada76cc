//! Three versions of one report merged field by field (a section's text piece by piece): the version both sides started from
//! (`base`), the one with the unsaved edits (`mine`) and the one on disk now (`theirs`). A field
//! only one side changed takes that side's value; a field both changed to different values is a
//! conflict, resolved for `mine` (the edits the user is recovering) and listed, so the user is
//! told which of the other changes were not kept.
//!
//! This is what lets a recovery after a crash keep a change a colleague saved meanwhile: without
//! it, recovering the whole unsaved report would put back every value the colleague changed.

use crate::report::Report;

mod text;

/// One field both sides changed, differently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Conflict {
    /// A top-level field: `agency`, `year`, `title` or `previous`.
    Meta(&'static str),
    /// A section's text (index into the template): some paragraph or sentence of it.
    Text(usize),
    /// A cell (indexes into the template).
    Cell {
        table: usize,
        row: usize,
        column: usize,
    },
}

/// The merged report, and the fields where `mine` was taken over a different change of `theirs`.
#[derive(Debug)]
pub struct Merged {
    pub report: Report,
    pub conflicts: Vec<Conflict>,
}

/// Merges `mine` and `theirs`, both changed from `base`; `None` when the three are not of one
/// template (a merge field by field has nothing to line up then).
pub fn merge(base: &Report, mine: &Report, theirs: &Report) -> Option<Merged> {
    let id = &base.template.id;
    if mine.template.id != *id || theirs.template.id != *id {
        return None;
    }
    let mut conflicts = Vec::new();
    let mut report = theirs.clone();
    // Each top-level field the same way; they differ only in their type.
    macro_rules! merge_field {
        ($field:ident) => {
            report.$field = pick(&base.$field, &mine.$field, &theirs.$field, || {
                conflicts.push(Conflict::Meta(stringify!($field)))
            })
            .clone();
        };
    }
    merge_field!(agency);
    merge_field!(year);
    merge_field!(title);
    merge_field!(previous);
    for (s, text) in report.texts.iter_mut().enumerate() {
        let merged = text::merge_text(&base.texts[s], &mine.texts[s], &theirs.texts[s]);
        if merged.conflict {
            conflicts.push(Conflict::Text(s));
        }
        *text = merged.text;
    }
    for (t, cells) in report.tables.iter_mut().enumerate() {
        let table = &base.template.tables[t];
        for (i, cell) in cells.iter_mut().enumerate() {
            let (b, m, th) = (base.tables[t][i], mine.tables[t][i], theirs.tables[t][i]);
            *cell = *pick(&b, &m, &th, || {
                let (row, column) = (i / table.columns.len(), i % table.columns.len());
                conflicts.push(Conflict::Cell {
                    table: t,
                    row,
                    column,
                });
            });
        }
    }
    Some(Merged { report, conflicts })
}

/// The value a field takes: the side that changed it, or `mine` (and `conflict` is called) when
/// both changed it to different values.
fn pick<'a, T: PartialEq>(base: &T, mine: &'a T, theirs: &'a T, conflict: impl FnOnce()) -> &'a T {
    if mine == base || mine == theirs {
        theirs
    } else if theirs == base {
        mine
    } else {
        conflict();
        mine
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Report {
        crate::store::load_file(
            concat!(env!("CARGO_MANIFEST_DIR"), "/samples/shiyan-2024.toml").as_ref(),
            &mut crate::template::Registry::default(),
        )
        .unwrap()
        .0
    }

    #[test]
    fn each_side_keeps_what_only_it_changed() {
        let base = sample();
        let mut mine = base.clone();
        mine.tables[0][0] = Some(8);
        mine.texts[0].push_str("补记一句。");
        let mut theirs = base.clone();
        theirs.tables[0][3] = Some(111);
        theirs.agency = "另一个名称".into();
        let merged = merge(&base, &mine, &theirs).unwrap();
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.report.tables[0][0], Some(8));
        assert_eq!(merged.report.tables[0][3], Some(111));
        assert_eq!(merged.report.agency, "另一个名称");
        assert!(merged.report.texts[0].ends_with("补记一句。"));
    }

    /// The clerk's unsaved edit to one paragraph of a section and a colleague's saved change to
    /// another paragraph of it are both kept: a text is merged piece by piece, not whole.
    #[test]
    fn changes_to_different_paragraphs_of_a_section_are_both_kept() {
        let base = sample();
        let paragraphs: Vec<&str> = base.texts[0].lines().filter(|l| !l.is_empty()).collect();
        assert!(paragraphs.len() >= 2, "{:?}", base.texts[0]);
        let (first, last) = (paragraphs[0], paragraphs[paragraphs.len() - 1]);
        let mut mine = base.clone();
        mine.texts[0] = base.texts[0].replacen(first, &format!("{first}（未保存的补充）"), 1);
        let mut theirs = base.clone();
        theirs.texts[0] = base.texts[0].replacen(last, "同事改写的最后一段。", 1);
        let merged = merge(&base, &mine, &theirs).unwrap();
        assert!(merged.conflicts.is_empty());
        let text = &merged.report.texts[0];
        assert!(text.contains("（未保存的补充）"), "{text}");
        assert!(text.contains("同事改写的最后一段。"), "{text}");
        assert!(!text.contains(last), "{text}");
    }

    #[test]
    fn a_field_both_changed_keeps_mine_and_is_named() {
        let base = sample();
        let mut mine = base.clone();
        let mut theirs = base.clone();
        let t = base
            .template
            .tables
            .iter()
            .position(|t| t.id == "applications")
            .unwrap();
        let columns = base.template.tables[t].columns.len();
        mine.tables[t][columns + 2] = Some(5);
        theirs.tables[t][columns + 2] = Some(6);
        mine.year = Some(2030);
        theirs.year = Some(2031);
        // The same change on both sides is no conflict.
        mine.texts[5] = "同样".into();
        theirs.texts[5] = "同样".into();
        let merged = merge(&base, &mine, &theirs).unwrap();
        assert_eq!(merged.report.tables[t][columns + 2], Some(5));
        assert_eq!(merged.report.year, Some(2030));
        assert_eq!(merged.report.texts[5], "同样");
        assert_eq!(
            merged.conflicts,
            vec![
                Conflict::Meta("year"),
                Conflict::Cell {
                    table: t,
                    row: 1,
                    column: 2
                }
            ]
        );
    }
}
