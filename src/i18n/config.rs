//! What is wrong with the user's config file.

use std::path::PathBuf;

use super::Lang;

/// What a key of the config file should have held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    Lang,
    Template,
    Folders,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConfigProblem {
    Unreadable { zh: String, en: String },
    NotUtf8,
    NotToml(String),
    UnknownKey { key: String },
    WrongKind { key: String, expected: Expected },
    BadLang { found: String },
    NoSuchFolder { folder: PathBuf },
}

impl ConfigProblem {
    pub fn text(&self, lang: Lang) -> String {
        use ConfigProblem as P;
        match (self, lang) {
            (P::Unreadable { zh, .. }, Lang::Zh) => format!("无法读取配置文件：{zh}"),
            (P::Unreadable { en, .. }, Lang::En) => format!("cannot read the config file: {en}"),
            (P::NotUtf8, _) => lang
                .pick(
                    "配置文件不是 UTF-8 文本",
                    "the config file is not UTF-8 text",
                )
                .into(),
            (P::NotToml(detail), Lang::Zh) => {
                format!("配置文件不是有效的 TOML：{}", super::load::toml_zh(detail))
            }
            (P::NotToml(detail), Lang::En) => {
                format!("the config file is not valid TOML: {detail}")
            }
            (P::UnknownKey { key }, Lang::Zh) => {
                format!("配置文件中未知的键 `{key}`：可用的键为 lang、template、template_dirs")
            }
            (P::UnknownKey { key }, Lang::En) => format!(
                "unknown key `{key}` in the config file: the keys are lang, template, template_dirs"
            ),
            (P::WrongKind { key, expected }, Lang::Zh) => {
                let what = match expected {
                    Expected::Lang => "\"zh\" 或 \"en\"",
                    Expected::Template => "加引号的模板标识或模板文件路径，如 \"gov-2021\"",
                    Expected::Folders => "文件夹路径的列表，如 [\"~/年报模板\"]",
                };
                format!("`{key}` 应为{what}")
            }
            (P::WrongKind { key, expected }, Lang::En) => {
                let what = match expected {
                    Expected::Lang => "\"zh\" or \"en\"",
                    Expected::Template => "a template id or file in quotes, such as \"gov-2021\"",
                    Expected::Folders => "a list of folders, such as [\"~/templates\"]",
                };
                format!("`{key}` must be {what}")
            }
            (P::BadLang { found }, Lang::Zh) => {
                format!("`lang` 应为 \"zh\" 或 \"en\"，而不是 {found:?}")
            }
            (P::BadLang { found }, Lang::En) => {
                format!("`lang` must be \"zh\" or \"en\", not {found:?}")
            }
            (P::NoSuchFolder { folder }, Lang::Zh) => {
                format!("`template_dirs` 中的文件夹 {} 不存在", folder.display())
            }
            (P::NoSuchFolder { folder }, Lang::En) => {
                format!(
                    "the folder {} of `template_dirs` does not exist",
                    folder.display()
                )
            }
        }
    }
}
