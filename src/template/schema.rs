//! The template file as written by a person: plain serde types, checked and compiled by
//! [`super::compile`].

use serde::Deserialize;

use crate::value::CellKind;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateFile {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub name_en: Option<String>,
    #[serde(default)]
    pub basis: Option<String>,
    /// Reports for this year or later should use a newer format: `check` warns.
    #[serde(default)]
    pub superseded_from: Option<i32>,
    /// Words that, just before a stated number or inside the words a phrase skips, mean the
    /// sentence is not about this year's figure (上年, 同比, 增加…).
    #[serde(default)]
    pub text_guards: Vec<String>,
    pub sections: Vec<SectionFile>,
    /// Numbers the text sections state that the tables must agree with.
    #[serde(default)]
    pub text_facts: Vec<TextFactFile>,
}

/// A number a report's text states, and the cells that hold it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextFactFile {
    pub id: String,
    /// `section.table`, such as `requests.applications`.
    pub table: String,
    /// Row ids or globs; the fact is the sum of every row × column named.
    pub rows: Vec<String>,
    pub columns: Vec<String>,
    /// Phrase patterns, see `template::phrase`.
    pub phrases: Vec<String>,
    /// Section ids whose text is searched; every section when left out.
    #[serde(default)]
    pub sections: Vec<String>,
    #[serde(default = "warning")]
    pub severity: Severity,
    pub message: String,
    #[serde(default)]
    pub message_en: Option<String>,
}

fn warning() -> Severity {
    Severity::Warning
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFile {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub title_en: Option<String>,
    #[serde(default)]
    pub tables: Vec<TableFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableFile {
    pub id: String,
    pub caption: String,
    #[serde(default)]
    pub caption_en: Option<String>,
    #[serde(default)]
    pub corner: Option<String>,
    #[serde(default)]
    pub corner_en: Option<String>,
    #[serde(default)]
    pub column_groups: Vec<GroupFile>,
    pub columns: Vec<ColumnFile>,
    #[serde(default)]
    pub row_groups: Vec<GroupFile>,
    pub rows: Vec<RowFile>,
    #[serde(default)]
    pub rules: Vec<RuleFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupFile {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub en: Option<String>,
    #[serde(default)]
    pub parent: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnFile {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub en: Option<String>,
    #[serde(default)]
    pub group: Option<String>,
    #[serde(default)]
    pub kind: CellKind,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowFile {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub en: Option<String>,
    #[serde(default)]
    pub group: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    pub id: String,
    /// A short name for status lines (行合计); the id when absent.
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub name_en: Option<String>,
    pub each: Each,
    pub check: String,
    #[serde(default)]
    pub severity: Severity,
    #[serde(default)]
    pub derive: bool,
    pub message: String,
    #[serde(default)]
    pub message_en: Option<String>,
}

/// Which line of a table a rule is applied to, one check per line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Each {
    /// Once per row; the ids in the rule name columns.
    Row,
    /// Once per column; the ids in the rule name rows.
    Column,
}

/// How bad a broken rule is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Probably wrong; the user decides.
    Warning,
    /// The report is wrong.
    #[default]
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}
