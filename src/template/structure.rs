//! Structure checks: defects of a report as a whole that assessors count and a program can see
//! in the report itself — its year, empty sections, a fee the text does not explain, a text
//! copied from last year. Declared in the template (`[[structure]]`), so a template says which
//! apply, to which sections and cells, with which words; compiled here and checked by
//! `rules::structure`.

use super::facts::{cells_named, sections_named};
use super::schema::{StructureFile, StructureKind};
use super::{Label, Section, Table};
use crate::i18n::template::{Problem, TemplateMessage, Thing, Within};

#[derive(Debug)]
pub struct StructureCheck {
    pub id: String,
    pub kind: StructureKind,
    pub sections: Vec<usize>,
    /// Placeholder texts, as compared: without spaces and punctuation.
    pub placeholders: Vec<String>,
    pub words: Vec<String>,
    /// (table, cell indexes) whose values above 0 call for a mention.
    pub when: Vec<(usize, Vec<usize>)>,
    pub above: u32,
    pub message: Label,
}

/// What a placeholder and a text are compared as: without spaces and punctuation, so that
/// "无。" and " 无 " are "无".
pub fn bare(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation() && !is_cjk_punctuation(*c))
        .collect()
}

fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303f}' | '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}' | '…' | '—' | '“' | '”' | '‘' | '’')
}

/// A kind as the template writes it: `PlaceholderText` is `placeholder-text`.
fn kebab(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_uppercase() && !out.is_empty() {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

pub(super) fn compile(
    files: Vec<StructureFile>,
    sections: &[Section],
    tables: &[Table],
) -> Result<Vec<StructureCheck>, TemplateMessage> {
    super::unique(Thing::StructureCheck, files.iter().map(|f| f.id.as_str()))?;
    let mut out = Vec::new();
    for file in files {
        let name = Within::StructureCheck(file.id.clone());
        let fail = |p: Problem| TemplateMessage::from(p).within(name.clone());
        let needs = |key: &'static str, missing: bool| {
            if missing {
                Err(fail(Problem::NeedsKey {
                    kind: kebab(&format!("{:?}", file.kind)),
                    key,
                }))
            } else {
                Ok(())
            }
        };
        match file.kind {
            StructureKind::PlaceholderText => needs("placeholders", file.placeholders.is_empty())?,
            StructureKind::Mention => {
                needs("words", file.words.is_empty())?;
                needs("when", file.when.is_empty())?;
            }
            StructureKind::RepeatsPrevious => needs("above", file.above.is_none())?,
            _ => {}
        }
        let above = file.above.unwrap_or(0);
        if above > 100 {
            return Err(fail(Problem::AboveNotPercent));
        }
        let when = file
            .when
            .iter()
            .map(|c| {
                let (table, rows, columns) =
                    cells_named(&name, &c.table, &c.rows, &c.columns, sections, tables)?;
                let t = &tables[table];
                let cells = rows
                    .iter()
                    .flat_map(|&r| columns.iter().map(move |&col| t.cell_index(r, col)))
                    .collect();
                Ok((table, cells))
            })
            .collect::<Result<Vec<_>, TemplateMessage>>()?;
        let placeholders: Vec<String> = file.placeholders.iter().map(|p| bare(p)).collect();
        if placeholders.iter().any(String::is_empty) {
            return Err(fail(Problem::EmptyPlaceholder));
        }
        if file.off {
            continue;
        }
        out.push(StructureCheck {
            sections: sections_named(&name, &file.sections, sections)?,
            id: file.id,
            kind: file.kind,
            placeholders,
            words: file.words,
            when,
            above,
            message: Label::new(file.message, file.message_en),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::template::Template;

    fn template(check: &str) -> Result<Template, String> {
        let text = format!(
            "id='x'\nname='x'\n[[sections]]\nid='s'\ntitle='一、s'\n[[sections.tables]]\nid='t'\ncaption='t'\n\
             columns=[{{id='a',label='a'}}]\nrows=[{{id='r',label='r'}}]\n\
             [[sections]]\nid='u'\ntitle='二、u'\n\
             [[structure]]\nid='c'\nmessage='m'\n{check}"
        );
        Template::parse(&text, "x.toml").map_err(|e| e.to_string())
    }

    #[test]
    fn a_check_has_what_its_kind_needs() {
        let ok = template(
            "kind='mention'\nsections=['u']\nwords=['收费']\nwhen=[{table='s.t',rows=['r'],columns=['a']}]\n",
        )
        .unwrap();
        let check = &ok.structure[0];
        assert_eq!(
            (check.sections.clone(), check.when.clone()),
            (vec![1], vec![(0, vec![0])])
        );
        let off = template("kind='metadata'\noff=true\n").unwrap();
        assert!(off.structure.is_empty(), "turned off");
        let all = template("kind='empty-sections'\n").unwrap();
        assert_eq!(
            all.structure[0].sections,
            [0, 1],
            "every section when none is named"
        );
        for (check, error) in [
            ("kind='mention'\nwords=['x']\n", "needs `when`"),
            (
                "kind='mention'\nwhen=[{table='s.t',rows=['r'],columns=['a']}]\n",
                "needs `words`",
            ),
            ("kind='placeholder-text'\n", "needs `placeholders`"),
            (
                "kind='placeholder-text'\nplaceholders=['。']\n",
                "only spaces",
            ),
            ("kind='repeats-previous'\n", "needs `above`"),
            ("kind='repeats-previous'\nabove=150\n", "a percentage"),
            ("kind='metadata'\nsections=['z']\n", "no section"),
            (
                "kind='mention'\nwords=['x']\nwhen=[{table='s.t',rows=['q'],columns=['a']}]\n",
                "no row id",
            ),
            ("kind='colour'\n", "unknown variant"),
        ] {
            let err = template(check).unwrap_err();
            assert!(err.contains(error), "{check}: {err}");
        }
    }

    #[test]
    fn placeholders_compare_without_spaces_and_punctuation() {
        assert_eq!(super::bare(" 无。\n"), "无");
        assert_eq!(super::bare("暂无！"), "暂无");
        assert_eq!(super::bare("（一）无"), "一无");
    }
}
