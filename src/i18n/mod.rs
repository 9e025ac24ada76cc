//! The interface language and the message catalogue: every word nianbao says to a person, in
//! Chinese and English, is worded here, one module per part of the program. Error types elsewhere
//! hold what went wrong; their `text(lang)` is written in these modules.

pub mod cli;
pub mod config;
pub mod files;
pub mod help;
mod help_layout;
pub mod io;
pub mod load;
pub mod parse;
pub mod sum;
pub mod template;
mod value;

use std::ffi::OsString;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// Picks the language from the locale variables, as `LANG=zh_CN.UTF-8` means Chinese: the
    /// first of LC_ALL, LC_MESSAGES, LANG that is set and not empty decides, as in C programs.
    pub fn from_env() -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .unwrap_or_default();
        Lang::from_locale(&locale)
    }

    /// `zh`, `zh_CN.UTF-8`, `zh_TW` are Chinese; anything else, `C` and `POSIX` included, English.
    pub fn from_locale(locale: &str) -> Lang {
        if locale.starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The value of `--lang` on a command line, read before clap parses it: the help and the
    /// errors of the parse itself must already be in that language. A value that is not a language
    /// is left for clap to refuse.
    pub fn from_args(args: &[OsString]) -> Option<Lang> {
        let mut args = args.iter().skip(1).map(|a| a.to_str().unwrap_or(""));
        while let Some(arg) = args.next() {
            let value = match arg {
                "--" => return None,
                "--lang" => args.next().unwrap_or(""),
                _ => match arg.strip_prefix("--lang=") {
                    Some(v) => v,
                    None => continue,
                },
            };
            return match value {
                "zh" => Some(Lang::Zh),
                "en" => Some(Lang::En),
                _ => None,
            };
        }
        None
    }

    /// The one rule for the language: `--lang`, else the config file's `lang`, else the locale.
    pub fn choose(option: Option<Lang>, config: Option<Lang>) -> Lang {
        option.or(config).unwrap_or_else(Lang::from_env)
    }

    /// Picks the Chinese or the English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn lang_is_read_from_the_command_line_before_parsing() {
        assert_eq!(
            Lang::from_args(&args(&["nianbao", "--lang", "en", "check"])),
            Some(Lang::En)
        );
        assert_eq!(
            Lang::from_args(&args(&["nianbao", "check", "--lang=zh"])),
            Some(Lang::Zh)
        );
        assert_eq!(
            Lang::from_args(&args(&["nianbao", "check", "r.toml"])),
            None
        );
        // After `--` it is a file name.
        assert_eq!(
            Lang::from_args(&args(&["nianbao", "--", "--lang=en"])),
            None
        );
        assert_eq!(Lang::from_args(&args(&["nianbao", "--lang", "fr"])), None);
    }

    #[test]
    fn locales_starting_with_zh_are_chinese() {
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::Zh);
        assert_eq!(Lang::from_locale("zh_TW"), Lang::Zh);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::from_locale(""), Lang::En);
    }

    #[test]
    fn the_option_wins_over_the_config() {
        assert_eq!(Lang::choose(Some(Lang::En), Some(Lang::Zh)), Lang::En);
        assert_eq!(Lang::choose(None, Some(Lang::Zh)), Lang::Zh);
    }
}
