//! Why a template file cannot be used, in both languages: the compiler says what is wrong and
//! inside which section, table, rule, check or phrase; the words are chosen here.

use super::Lang;
use super::load::toml_zh;

/// A template problem and the keys it is inside, outermost first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateMessage {
    pub within: Vec<Within>,
    pub problem: Problem,
}

/// A part of a template, named by its id (or, for a rule or phrase, by its source text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Within {
    Section(String),
    Table(String),
    Rule(String),
    RuleSource(String),
    StructureCheck(String),
    TextFact(String),
    Phrase(String),
}

/// The kinds of things a template declares with ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Thing {
    Section,
    Table,
    Column,
    Row,
    Rule,
    Group,
    StructureCheck,
    TextFact,
}

/// What is wrong with a rule's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExprProblem {
    ExpectedId,
    ExpectedClose,
    ExpectedOperator,
    TrailingText,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    CannotRead {
        zh: String,
        en: String,
    },
    NotUtf8,
    /// The TOML parser's or the reader's own description.
    Toml(String),
    NoSections,
    EmptyId(Thing),
    DuplicateId(Thing, String),
    BadParent {
        group: String,
        parent: String,
    },
    UnknownGroup(String),
    EmptyTable,
    Expr {
        at: usize,
        what: ExprProblem,
    },
    NoIdMatches {
        axis: Thing,
        pattern: String,
    },
    DeriveNotOneCell,
    DerivePrev,
    NeedsKey {
        kind: String,
        key: &'static str,
    },
    AboveNotPercent,
    EmptyPlaceholder,
    TableName(String),
    NoTable(String),
    NoSection(String),
    MixedKinds,
    NoPhrases,
    PhraseNotClosed,
    PhraseNotWhole(String),
    PhraseOutside(char),
    PhraseNumbers,
    PhraseStart,
}

impl From<Problem> for TemplateMessage {
    fn from(problem: Problem) -> Self {
        TemplateMessage {
            within: Vec::new(),
            problem,
        }
    }
}

impl TemplateMessage {
    /// The same problem, inside `place`.
    pub fn within(mut self, place: Within) -> Self {
        self.within.insert(0, place);
        self
    }

    pub fn text(&self, lang: Lang) -> String {
        let mut out: Vec<String> = self.within.iter().map(|w| w.text(lang)).collect();
        out.push(self.problem.text(lang));
        out.join(lang.pick("：", ": "))
    }
}

impl Thing {
    fn name(self, lang: Lang) -> &'static str {
        use Thing as T;
        match self {
            T::Section => lang.pick("部分", "section"),
            T::Table => lang.pick("表", "table"),
            T::Column => lang.pick("列", "column"),
            T::Row => lang.pick("行", "row"),
            T::Rule => lang.pick("规则", "rule"),
            T::Group => lang.pick("分组", "group"),
            T::StructureCheck => lang.pick("结构检查", "structure check"),
            T::TextFact => lang.pick("文字事实", "text fact"),
        }
    }
}

impl Within {
    fn text(&self, lang: Lang) -> String {
        use Within as W;
        let (zh, en, id) = match self {
            W::Section(id) => ("部分", "section", id),
            W::Table(id) => ("表", "table", id),
            W::Rule(id) => ("规则", "rule", id),
            // The rule's text, as the template writes it.
            W::RuleSource(source) => return format!("check = {source:?}"),
            W::StructureCheck(id) => ("结构检查", "structure check", id),
            W::TextFact(id) => ("文字事实", "text fact", id),
            W::Phrase(id) => ("短语", "phrase", id),
        };
        match lang {
            Lang::Zh => format!("{zh} {id:?}"),
            Lang::En => format!("{en} {id:?}"),
        }
    }
}

impl Problem {
    pub fn text(&self, lang: Lang) -> String {
        use Problem as P;
        let zh = lang == Lang::Zh;
        let pick = |z: String, e: String| if zh { z } else { e };
        match self {
            P::CannotRead { zh: z, en } => {
                pick(format!("无法读取：{z}"), format!("cannot read: {en}"))
            }
            P::NotUtf8 => lang
                .pick("文件不是 UTF-8 文本", "the file is not UTF-8 text")
                .into(),
            P::Toml(detail) => pick(toml_or_field_zh(detail), detail.clone()),
            P::NoSections => lang
                .pick(
                    "模板至少需要一个部分（[[sections]]）",
                    "a template needs at least one section",
                )
                .into(),
            P::EmptyId(t) => pick(
                format!("有一个{}的 id 为空", t.name(lang)),
                format!("a {} has an empty id", t.name(lang)),
            ),
            P::DuplicateId(t, id) => pick(
                format!("{} id {id:?} 用了两次", t.name(lang)),
                format!("{} id {id:?} is used twice", t.name(lang)),
            ),
            P::BadParent { group, parent } => pick(
                format!("分组 {group:?} 的上级 {parent:?} 不是在它之前声明的分组"),
                format!(
                    "group {group:?} names parent {parent:?}, which is not a group declared before it"
                ),
            ),
            P::UnknownGroup(id) => {
                pick(format!("未知分组 {id:?}"), format!("unknown group {id:?}"))
            }
            P::EmptyTable => lang
                .pick(
                    "表至少需要一行和一列",
                    "needs at least one row and one column",
                )
                .into(),
            P::Expr { at, what } => {
                let what = match what {
                    ExprProblem::ExpectedId => lang.pick("此处应为 id", "expected an id"),
                    ExprProblem::ExpectedClose => {
                        lang.pick("prev(id 之后缺少 ')'", "expected ')' after prev(id")
                    }
                    ExprProblem::ExpectedOperator => {
                        lang.pick("此处应为 '='、'+' 或 '-'", "expected '=', '+' or '-'")
                    }
                    ExprProblem::TrailingText => {
                        lang.pick("规则之后有多余的文字", "unexpected text after the rule")
                    }
                };
                pick(
                    format!("第 {at} 个字符：{what}"),
                    format!("at character {at}: {what}"),
                )
            }
            P::NoIdMatches { axis, pattern } => pick(
                format!("没有{}的 id 与 {pattern:?} 相符", axis.name(lang)),
                format!("no {} id matches {pattern:?}", axis.name(lang)),
            ),
            P::DeriveNotOneCell => lang
                .pick(
                    "只有左边是今年一个单元格的规则才能推算（derive）",
                    "only a rule whose left side is one cell of this year can be derived",
                )
                .into(),
            P::DerivePrev => lang
                .pick(
                    "推算（derive）的规则不能用 prev()，上一年的年报不一定有",
                    "a derived rule cannot use prev(), last year's report is not always there",
                )
                .into(),
            P::NeedsKey { kind, key } => pick(
                format!("`{kind}` 类检查需要 `{key}`"),
                format!("a `{kind}` check needs `{key}`"),
            ),
            P::AboveNotPercent => lang
                .pick(
                    "`above` 是百分数，0 到 100",
                    "`above` is a percentage, 0 to 100",
                )
                .into(),
            P::EmptyPlaceholder => lang
                .pick(
                    "有一个占位文字只有空格和标点",
                    "a placeholder is only spaces and punctuation",
                )
                .into(),
            P::TableName(name) => pick(
                format!("`table` 应写作 部分.表，实为 {name:?}"),
                format!("`table` is written section.table, found {name:?}"),
            ),
            P::NoTable(name) => pick(format!("没有表 {name:?}"), format!("no table {name:?}")),
            P::NoSection(id) => pick(format!("没有部分 {id:?}"), format!("no section {id:?}")),
            P::MixedKinds => lang
                .pick(
                    "所选各列的值种类不同",
                    "its columns hold values of different kinds",
                )
                .into(),
            P::NoPhrases => lang
                .pick("至少需要一个短语（phrases）", "needs at least one phrase")
                .into(),
            P::PhraseNotClosed => lang.pick("`{` 没有闭合", "a `{` is not closed").into(),
            P::PhraseNotWhole(value) => pick(
                format!("`{{={value}}}` 需要一个整数"),
                format!("`{{={value}}}` needs a whole number"),
            ),
            P::PhraseOutside(c) => pick(
                format!("`{c}` 在 {{…}} 之外"),
                format!("`{c}` outside {{…}}"),
            ),
            P::PhraseNumbers => lang
                .pick(
                    "需要恰好一个 {N}（文字所述的数）或 {=0}（文字暗含的数）",
                    "needs exactly one {N} (the number stated) or {=0} (a number implied)",
                )
                .into(),
            P::PhraseStart => lang
                .pick(
                    "必须以总会出现的文字或 {N} 开头",
                    "must start with text that is always there, or with {N}",
                )
                .into(),
        }
    }
}

/// The deserializer's descriptions of a key that is missing, unknown or of the wrong kind, with
/// the key's name kept; the TOML parser's own for the rest.
fn toml_or_field_zh(detail: &str) -> String {
    let first = detail.lines().next().unwrap_or("").trim();
    let quoted = |rest: &str| rest.split('`').nth(1).unwrap_or("").to_string();
    // "…, expected one of `a`, `b`": the names are kept, the words around them translated.
    let expected = first
        .split_once(", expected one of ")
        .or_else(|| first.split_once(", expected "))
        .map(|(_, names)| {
            format!(
                "，应为 {} 之一",
                names.split(", ").collect::<Vec<_>>().join("、")
            )
        })
        .unwrap_or_default();
    if first.starts_with("missing field `") {
        format!("缺少键 `{}`", quoted(first))
    } else if first.starts_with("unknown field `") {
        format!("未知的键 `{}`{expected}", quoted(first))
    } else if first.starts_with("unknown variant `") {
        format!("未知的取值 `{}`{expected}", quoted(first))
    } else if first.starts_with("invalid type") || first.starts_with("wanted ") {
        "值的类型不对".into()
    } else {
        toml_zh(first)
    }
}

/// A template's problem after the file (and line) it is in.
pub fn at(origin: &str, problem: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{origin}：{problem}"),
        Lang::En => format!("{origin}: {problem}"),
    }
}
