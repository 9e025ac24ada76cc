//! Text facts: numbers the text sections state (共收到政府信息公开申请8件) and the cells of a table
//! that must hold them. Declared as data in the template (`[[text_facts]]`), compiled here, and
//! checked by `rules::text`.

use std::collections::HashSet;

use super::expr::glob_matches;
use super::phrase::Phrase;
use super::schema::{Severity, TextFactFile};
use super::{Label, Section, Table};
use crate::i18n::template::{Problem, TemplateMessage, Thing, Within};
use crate::value::CellKind;

#[derive(Debug)]
pub struct TextFact {
    pub id: String,
    /// Index into the template's tables.
    pub table: usize,
    /// Row-major indexes of the cells whose sum the text states.
    pub cells: Vec<u32>,
    /// The one row, or the one column, every cell is in, for pointing at the place.
    pub row: Option<usize>,
    pub column: Option<usize>,
    pub kind: CellKind,
    pub phrases: Vec<Phrase>,
    /// Sections whose text is searched.
    pub sections: Vec<usize>,
    pub severity: Severity,
    pub message: Label,
}

/// Every text fact of a template, indexed for a single pass over a text.
#[derive(Debug, Default)]
pub struct TextFacts {
    pub facts: Vec<TextFact>,
    pub guards: Vec<Vec<char>>,
    /// (first character, fact, phrase), sorted by character: the phrases worth trying at a place.
    pub by_first_char: Vec<(char, u32, u32)>,
    /// (fact, phrase) of phrases that begin with the number itself.
    pub number_first: Vec<(u32, u32)>,
}

impl TextFacts {
    /// The (fact, phrase) pairs whose match can begin with `c`.
    pub fn starting_with(&self, c: char) -> impl Iterator<Item = (u32, u32)> + '_ {
        let from = self.by_first_char.partition_point(|e| e.0 < c);
        self.by_first_char[from..]
            .iter()
            .take_while(move |e| e.0 == c)
            .map(|e| (e.1, e.2))
    }
}

pub(super) fn compile(
    files: Vec<TextFactFile>,
    guards: Vec<String>,
    sections: &[Section],
    tables: &[Table],
) -> Result<TextFacts, TemplateMessage> {
    super::unique(Thing::TextFact, files.iter().map(|f| f.id.as_str()))?;
    let mut out = TextFacts {
        guards: guards
            .into_iter()
            .filter(|g| !g.is_empty())
            .map(|g| g.chars().collect())
            .collect(),
        ..TextFacts::default()
    };
    for (index, file) in files.into_iter().enumerate() {
        let fact = compile_fact(file, sections, tables)?;
        for (p, phrase) in fact.phrases.iter().enumerate() {
            match phrase.first_chars() {
                Some(firsts) => out
                    .by_first_char
                    .extend(firsts.into_iter().map(|c| (c, index as u32, p as u32))),
                None => out.number_first.push((index as u32, p as u32)),
            }
        }
        out.facts.push(fact);
    }
    out.by_first_char.sort_unstable();
    Ok(out)
}

/// The cells a declaration names: `section.table`, and row and column ids or globs. Returns the
/// table's index and the rows and columns picked, in the order named.
pub(super) fn cells_named(
    name: &Within,
    table_name: &str,
    row_patterns: &[String],
    column_patterns: &[String],
    sections: &[Section],
    tables: &[Table],
) -> Result<(usize, Vec<usize>, Vec<usize>), TemplateMessage> {
    let fail = |p: Problem| TemplateMessage::from(p).within(name.clone());
    let (section_id, table_id) = table_name
        .split_once('.')
        .ok_or_else(|| fail(Problem::TableName(table_name.to_string())))?;
    let table = sections
        .iter()
        .find(|s| s.id == section_id)
        .and_then(|s| s.tables.clone().find(|&t| tables[t].id == table_id))
        .ok_or_else(|| fail(Problem::NoTable(table_name.to_string())))?;
    let t = &tables[table];
    let pick =
        |axis: Thing, patterns: &[String], ids: Vec<&str>| -> Result<Vec<usize>, TemplateMessage> {
            let mut picked = Vec::new();
            for pattern in patterns {
                let before = picked.len();
                picked.extend(
                    ids.iter()
                        .enumerate()
                        .filter(|(i, id)| glob_matches(pattern, id) && !picked.contains(i))
                        .map(|(i, _)| i)
                        .collect::<Vec<_>>(),
                );
                if picked.len() == before {
                    return Err(fail(Problem::NoIdMatches {
                        axis,
                        pattern: pattern.clone(),
                    }));
                }
            }
            Ok(picked)
        };
    let rows = pick(
        Thing::Row,
        row_patterns,
        t.rows.iter().map(|r| r.id.as_str()).collect(),
    )?;
    let columns = pick(
        Thing::Column,
        column_patterns,
        t.columns.iter().map(|c| c.id.as_str()).collect(),
    )?;
    Ok((table, rows, columns))
}

/// Section indexes by id; every section when none is named.
pub(super) fn sections_named(
    name: &Within,
    ids: &[String],
    sections: &[Section],
) -> Result<Vec<usize>, TemplateMessage> {
    if ids.is_empty() {
        return Ok((0..sections.len()).collect());
    }
    ids.iter()
        .map(|id| {
            sections.iter().position(|s| &s.id == id).ok_or_else(|| {
                TemplateMessage::from(Problem::NoSection(id.clone())).within(name.clone())
            })
        })
        .collect()
}

fn compile_fact(
    file: TextFactFile,
    sections: &[Section],
    tables: &[Table],
) -> Result<TextFact, TemplateMessage> {
    let name = Within::TextFact(file.id.clone());
    let fail = |p: Problem| TemplateMessage::from(p).within(name.clone());
    let (table, rows, columns) = cells_named(
        &name,
        &file.table,
        &file.rows,
        &file.columns,
        sections,
        tables,
    )?;
    let t = &tables[table];
    let kinds: HashSet<CellKind> = columns.iter().map(|&c| t.columns[c].kind).collect();
    if kinds.len() > 1 {
        return Err(fail(Problem::MixedKinds));
    }
    let cells = rows
        .iter()
        .flat_map(|&r| columns.iter().map(move |&c| t.cell_index(r, c) as u32))
        .collect();
    if file.phrases.is_empty() {
        return Err(fail(Problem::NoPhrases));
    }
    let phrases = file
        .phrases
        .iter()
        .map(|p| Phrase::parse(p).map_err(|e| e.within(name.clone())))
        .collect::<Result<Vec<_>, _>>()?;
    let searched = sections_named(&name, &file.sections, sections)?;
    Ok(TextFact {
        id: file.id,
        table,
        cells,
        row: (rows.len() == 1).then(|| rows[0]),
        column: (columns.len() == 1).then(|| columns[0]),
        kind: t.columns[columns[0]].kind,
        phrases,
        sections: searched,
        severity: file.severity,
        message: Label::new(file.message, file.message_en),
    })
}

#[cfg(test)]
mod tests {
    use crate::template::Template;

    fn template(fact: &str) -> Result<Template, String> {
        let text = format!(
            "id='x'\nname='x'\n[[sections]]\nid='s'\ntitle='一、s'\n[[sections.tables]]\nid='t'\ncaption='t'\n\
             columns=[{{id='a',label='a'}},{{id='m',label='m',kind='money'}}]\nrows=[{{id='r',label='r'}}]\n\
             [[text_facts]]\nid='f'\nmessage='m'\n{fact}"
        );
        Template::parse(&text, "x.toml").map_err(|e| e.to_string())
    }

    #[test]
    fn a_fact_names_existing_cells_of_one_kind_and_readable_phrases() {
        let ok = template("table='s.t'\nrows=['r']\ncolumns=['a']\nphrases=['共{N}件']\n").unwrap();
        let fact = &ok.text_facts.facts[0];
        assert_eq!(
            (fact.cells.clone(), fact.row, fact.column),
            (vec![0], Some(0), Some(0))
        );
        for (fact, error) in [
            (
                "table='t'\nrows=['r']\ncolumns=['a']\nphrases=['共{N}件']\n",
                "section.table",
            ),
            (
                "table='s.u'\nrows=['r']\ncolumns=['a']\nphrases=['共{N}件']\n",
                "no table",
            ),
            (
                "table='s.t'\nrows=['q']\ncolumns=['a']\nphrases=['共{N}件']\n",
                "no row id",
            ),
            (
                "table='s.t'\nrows=['r']\ncolumns=['a','m']\nphrases=['共{N}件']\n",
                "different kinds",
            ),
            (
                "table='s.t'\nrows=['r']\ncolumns=['a']\nphrases=[]\n",
                "at least one phrase",
            ),
            (
                "table='s.t'\nrows=['r']\ncolumns=['a']\nphrases=['共件']\n",
                "exactly one {N}",
            ),
            (
                "table='s.t'\nrows=['r']\ncolumns=['a']\nphrases=['共{N}件']\nsections=['z']\n",
                "no section",
            ),
        ] {
            let err = template(fact).unwrap_err();
            assert!(err.contains(error), "{err}");
        }
    }
}
