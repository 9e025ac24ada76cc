//! Report shapes as data. The engine knows nothing about a particular report: sections, tables,
//! labels, cell kinds and rules all come from a template file, either built in or the user's own.

mod built_in;
pub mod compile;
pub mod expr;
pub mod facts;
pub mod phrase;
pub mod schema;
pub mod structure;

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use crate::i18n::Lang;
use crate::i18n::template::{Problem, TemplateMessage, Thing, Within};
use crate::value::CellKind;
use built_in::BUILT_IN;
use compile::{Axes, Check, compile_rule};
pub use schema::{Each, Severity};

/// Official Chinese text with its English rendering for `--lang en`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Label {
    pub zh: String,
    pub en: String,
}

impl Label {
    fn new(zh: String, en: Option<String>) -> Self {
        Label {
            en: en.unwrap_or_else(|| zh.clone()),
            zh,
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug)]
pub struct Template {
    pub id: String,
    pub name: Label,
    pub basis: Option<String>,
    pub superseded_from: Option<i32>,
    pub sections: Vec<Section>,
    /// Every table of every section, in order; sections refer to them by index.
    pub tables: Vec<Table>,
    /// Numbers the texts state that the tables must agree with.
    pub text_facts: facts::TextFacts,
    /// Checks of the report as a whole (its year, its sections, what it must mention).
    pub structure: Vec<structure::StructureCheck>,
}

#[derive(Debug)]
pub struct Section {
    pub id: String,
    pub title: Label,
    /// The heading's number (`三` of `三、收到和…`), used in short paths.
    pub short: String,
    /// Indexes into [`Template::tables`]; empty for a text section.
    pub tables: std::ops::Range<usize>,
}

impl Section {
    pub fn is_text(&self) -> bool {
        self.tables.is_empty()
    }
}

#[derive(Debug)]
pub struct Group {
    pub id: String,
    pub label: Label,
    pub parent: Option<usize>,
}

#[derive(Debug)]
pub struct Column {
    pub id: String,
    pub label: Label,
    pub kind: CellKind,
    pub group: Option<usize>,
}

#[derive(Debug)]
pub struct Row {
    pub id: String,
    pub label: Label,
    pub group: Option<usize>,
}

#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub name: Label,
    pub each: Each,
    pub source: String,
    pub severity: Severity,
    pub derive: bool,
    pub message: Label,
}

#[derive(Debug)]
pub struct Table {
    pub id: String,
    pub section: usize,
    pub caption: Label,
    pub corner: Label,
    pub column_groups: Vec<Group>,
    pub columns: Vec<Column>,
    pub row_groups: Vec<Group>,
    pub rows: Vec<Row>,
    pub rules: Vec<Rule>,
    pub checks: Vec<Check>,
    /// For every cell, the checks it takes part in (this year's cells only).
    pub cell_checks: Vec<Vec<u32>>,
    /// For every cell, the check that fills it in, if it is derived.
    pub derived_by: Vec<Option<u32>>,
}

impl Table {
    pub fn cell_count(&self) -> usize {
        self.rows.len() * self.columns.len()
    }

    pub fn cell_index(&self, row: usize, column: usize) -> usize {
        row * self.columns.len() + column
    }

    pub fn row_column(&self, cell: usize) -> (usize, usize) {
        (cell / self.columns.len(), cell % self.columns.len())
    }

    pub fn is_derived(&self, cell: usize) -> bool {
        self.derived_by[cell].is_some()
    }

    /// The chain of groups above a row or column, outermost first.
    pub fn group_path(groups: &[Group], mut group: Option<usize>) -> Vec<&Group> {
        let mut path = Vec::new();
        while let Some(g) = group {
            path.push(&groups[g]);
            group = groups[g].parent;
        }
        path.reverse();
        path
    }

    /// The same path as indexes into `groups`, outermost first.
    pub fn group_path_indexes(groups: &[Group], mut group: Option<usize>) -> Vec<usize> {
        let mut path = Vec::new();
        while let Some(g) = group {
            path.push(g);
            group = groups[g].parent;
        }
        path.reverse();
        path
    }
}

/// A template that cannot be used, with where and why.
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {}", message.text(Lang::En))]
pub struct TemplateError {
    pub origin: String,
    pub message: TemplateMessage,
}

impl TemplateError {
    /// The file (and line) and the problem, in the user's language.
    pub fn text(&self, lang: Lang) -> String {
        crate::i18n::template::at(&self.origin, &self.message.text(lang), lang)
    }
}

impl Template {
    /// Parses and checks a template file's text. `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Template, TemplateError> {
        let file: schema::TemplateFile = toml_edit::de::from_str(text).map_err(|e| {
            let message = e.message().to_string();
            let place = e
                .span()
                .map(|s| crate::position::line_column(text, s.start))
                .or_else(|| crate::position::deepest_line(text).map(|line| (line, 1)))
                .map(|(l, c)| format!(":{l}:{c}"))
                .unwrap_or_default();
            TemplateError {
                origin: format!("{origin}{place}"),
                message: Problem::Toml(message).into(),
            }
        })?;
        Self::compile(file, origin)
    }

    /// Checks and compiles a template file already read into its serde types.
    fn compile(file: schema::TemplateFile, origin: &str) -> Result<Template, TemplateError> {
        compile(file).map_err(|message| TemplateError {
            origin: origin.to_string(),
            message,
        })
    }

    pub fn table_by_id(&self, section: usize, id: &str) -> Option<usize> {
        self.sections[section]
            .tables
            .clone()
            .find(|&t| self.tables[t].id == id)
    }

    pub fn section_by_id(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.id == id)
    }
}

fn unique<'a>(what: Thing, ids: impl Iterator<Item = &'a str>) -> Result<(), TemplateMessage> {
    let mut seen = HashSet::new();
    for id in ids {
        if id.is_empty() {
            return Err(Problem::EmptyId(what).into());
        }
        if !seen.insert(id) {
            return Err(Problem::DuplicateId(what, id.to_string()).into());
        }
    }
    Ok(())
}

fn compile_groups(groups: Vec<schema::GroupFile>) -> Result<Vec<Group>, TemplateMessage> {
    unique(Thing::Group, groups.iter().map(|g| g.id.as_str()))?;
    let ids: Vec<String> = groups.iter().map(|g| g.id.clone()).collect();
    groups
        .into_iter()
        .enumerate()
        .map(|(i, g)| {
            let parent = match &g.parent {
                None => None,
                Some(p) => match ids[..i].iter().position(|id| id == p) {
                    Some(index) => Some(index),
                    None => {
                        return Err(Problem::BadParent {
                            group: g.id.clone(),
                            parent: p.clone(),
                        }
                        .into());
                    }
                },
            };
            Ok(Group {
                id: g.id,
                label: Label::new(g.label, g.en),
                parent,
            })
        })
        .collect()
}

fn find_group(groups: &[Group], id: &Option<String>) -> Result<Option<usize>, TemplateMessage> {
    match id {
        None => Ok(None),
        Some(id) => groups
            .iter()
            .position(|g| &g.id == id)
            .map(Some)
            .ok_or_else(|| Problem::UnknownGroup(id.clone()).into()),
    }
}

fn compile_table(section: usize, t: schema::TableFile) -> Result<Table, TemplateMessage> {
    let name = t.id.clone();
    compile_table_inner(section, t).map_err(|e| e.within(Within::Table(name)))
}

fn compile_table_inner(section: usize, t: schema::TableFile) -> Result<Table, TemplateMessage> {
    if t.columns.is_empty() || t.rows.is_empty() {
        return Err(Problem::EmptyTable.into());
    }
    unique(Thing::Column, t.columns.iter().map(|c| c.id.as_str()))?;
    unique(Thing::Row, t.rows.iter().map(|r| r.id.as_str()))?;
    unique(Thing::Rule, t.rules.iter().map(|r| r.id.as_str()))?;
    let column_groups = compile_groups(t.column_groups)?;
    let row_groups = compile_groups(t.row_groups)?;
    let columns = t
        .columns
        .into_iter()
        .map(|c| {
            Ok(Column {
                group: find_group(&column_groups, &c.group)?,
                label: Label::new(c.label, c.en),
                kind: c.kind,
                id: c.id,
            })
        })
        .collect::<Result<Vec<_>, TemplateMessage>>()?;
    let rows = t
        .rows
        .into_iter()
        .map(|r| {
            Ok(Row {
                group: find_group(&row_groups, &r.group)?,
                label: Label::new(r.label, r.en),
                id: r.id,
            })
        })
        .collect::<Result<Vec<_>, TemplateMessage>>()?;
    let row_ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let column_ids: Vec<&str> = columns.iter().map(|c| c.id.as_str()).collect();
    let axes = Axes {
        rows: &row_ids,
        columns: &column_ids,
    };
    let mut checks = Vec::new();
    let mut rules = Vec::new();
    for (index, r) in t.rules.into_iter().enumerate() {
        let compiled = compile_rule(index, &r.check, r.each, r.derive, &axes)
            .map_err(|e| e.within(Within::Rule(r.id.clone())))?;
        checks.extend(compiled);
        rules.push(Rule {
            name: Label::new(r.name.unwrap_or_else(|| r.id.clone()), r.name_en),
            id: r.id,
            each: r.each,
            source: r.check,
            severity: r.severity,
            derive: r.derive,
            message: Label::new(r.message, r.message_en),
        });
    }
    let cells = rows.len() * columns.len();
    let mut cell_checks = vec![Vec::new(); cells];
    let mut derived_by = vec![None; cells];
    for (i, check) in checks.iter().enumerate() {
        let mut seen = HashSet::new();
        for cell in check.cells() {
            if seen.insert(cell) {
                cell_checks[cell as usize].push(i as u32);
            }
        }
        if let Some(target) = check.target {
            derived_by[target as usize].get_or_insert(i as u32);
        }
    }
    Ok(Table {
        id: t.id,
        section,
        caption: Label::new(t.caption, t.caption_en),
        corner: Label::new(t.corner.unwrap_or_default(), t.corner_en),
        column_groups,
        columns,
        row_groups,
        rows,
        rules,
        checks,
        cell_checks,
        derived_by,
    })
}

fn compile(file: schema::TemplateFile) -> Result<Template, TemplateMessage> {
    if file.sections.is_empty() {
        return Err(Problem::NoSections.into());
    }
    unique(Thing::Section, file.sections.iter().map(|s| s.id.as_str()))?;
    let mut sections = Vec::new();
    let mut tables = Vec::new();
    for (index, s) in file.sections.into_iter().enumerate() {
        let start = tables.len();
        unique(Thing::Table, s.tables.iter().map(|t| t.id.as_str()))
            .map_err(|e| e.within(Within::Section(s.id.clone())))?;
        for t in s.tables {
            tables.push(
                compile_table(index, t).map_err(|e| e.within(Within::Section(s.id.clone())))?,
            );
        }
        let short = s
            .title
            .split_once('、')
            .map(|(n, _)| n.to_string())
            .unwrap_or_else(|| (index + 1).to_string());
        sections.push(Section {
            id: s.id,
            title: Label::new(s.title, s.title_en),
            short,
            tables: start..tables.len(),
        });
    }
    let text_facts = facts::compile(file.text_facts, file.text_guards, &sections, &tables)?;
    let structure = structure::compile(file.structure, &sections, &tables)?;
    Ok(Template {
        id: file.id,
        name: Label::new(file.name, file.name_en),
        basis: file.basis,
        superseded_from: file.superseded_from,
        sections,
        tables,
        text_facts,
        structure,
    })
}

/// Other wordings of official labels and the markers that tell report formats apart, as data for
/// `nianbao import` (see the file's own comments).
pub const LABEL_VARIANTS: &str = include_str!("variants.toml");

/// The templates a command can use: the built-in ones plus any the user loaded.
#[derive(Clone, Default)]
pub struct Registry {
    loaded: Vec<Arc<Template>>,
}

impl Registry {
    /// Ids of every template available, built-in first.
    pub fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = BUILT_IN.iter().map(|b| b.id.to_string()).collect();
        for t in &self.loaded {
            if !ids.contains(&t.id) {
                ids.push(t.id.clone());
            }
        }
        ids
    }

    /// The template's source text, for `templates show`.
    pub fn source(id: &str) -> Option<&'static str> {
        BUILT_IN.iter().find(|b| b.id == id).map(|b| b.source)
    }

    /// Loads a user's template file; it takes precedence over a built-in one of the same id.
    pub fn load_file(&mut self, path: &Path) -> Result<Arc<Template>, TemplateError> {
        let text = crate::read::read_bytes(path, crate::read::REPORT_LIMIT)
            .map_err(|e| Problem::CannotRead {
                zh: e.text(Lang::Zh),
                en: e.text(Lang::En),
            })
            .and_then(|bytes| String::from_utf8(bytes).map_err(|_| Problem::NotUtf8))
            .map_err(|problem| TemplateError {
                origin: path.display().to_string(),
                message: problem.into(),
            })?;
        let template = Arc::new(Template::parse(&text, &path.display().to_string())?);
        self.loaded.retain(|t| t.id != template.id);
        self.loaded.push(template.clone());
        Ok(template)
    }

    /// Makes an already compiled template available under its id.
    pub fn insert(&mut self, template: Arc<Template>) {
        self.loaded.retain(|t| t.id != template.id);
        self.loaded.push(template);
    }

    /// Finds a template by id, compiling a built-in one on first use.
    pub fn get(&mut self, id: &str) -> Option<Arc<Template>> {
        if let Some(t) = self.loaded.iter().find(|t| t.id == id) {
            return Some(t.clone());
        }
        let template = Arc::new(BUILT_IN.iter().find(|b| b.id == id)?.compile());
        self.loaded.push(template.clone());
        Some(template)
    }
}

#[cfg(test)]
mod tests;
