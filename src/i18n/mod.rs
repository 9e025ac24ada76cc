//! The interface language and the message catalogue: every word nianbao says to a person, in
//! Chinese and English, is worded here, one module per part of the program. Error types elsewhere
//! hold what went wrong; their `text(lang)` is written in these modules.

/// A module's messages, each a function of its arguments and the language, and the list of them
/// all (`ALL`: name, Chinese, English) for the test that every one is worded in both languages:
///
/// ```ignore
/// messages! {
///     /// A message without arguments is a `&'static str`.
///     undone => "已撤销", "undone";
///     /// One with arguments a `String`; the texts are `format!` strings of them.
///     saved(shown: &str) => "已保存 {shown}", "saved {shown}";
/// }
/// ```
macro_rules! messages {
    (@one $(#[$m:meta])* $name:ident => $zh:literal, $en:literal) => {
        $(#[$m])*
        pub fn $name(lang: $crate::i18n::Lang) -> &'static str {
            lang.pick($zh, $en)
        }
    };
    (@one $(#[$m:meta])* $name:ident ($($arg:ident: $ty:ty),*) => $zh:literal, $en:literal) => {
        $(#[$m])*
        pub fn $name($($arg: $ty,)* lang: $crate::i18n::Lang) -> String {
            match lang {
                $crate::i18n::Lang::Zh => format!($zh),
                $crate::i18n::Lang::En => format!($en),
            }
        }
    };
    ($($(#[$m:meta])* $name:ident $(($($arg:ident: $ty:ty),*))? => $zh:literal, $en:literal;)*) => {
        $( messages!(@one $(#[$m])* $name $(($($arg: $ty),*))? => $zh, $en); )*

        /// Every message of the module: its name, Chinese and English.
        #[cfg(test)]
        pub(crate) const ALL: &[(&str, &str, &str)] = &[$((stringify!($name), $zh, $en)),*];
    };
}

pub mod cli;
pub mod config;
pub mod editor;
pub mod files;
pub mod findings;
pub mod help;
mod help_layout;
pub mod import;
pub mod io;
pub mod keys;
pub mod load;
pub mod parse;
pub mod review;
pub mod session;
pub mod structure;
pub mod sum;
pub mod template;
mod value;

messages! {
    /// A place or a label, then what is said of it: a file and its problem, a cell and its
    /// finding, a line of input and its anomaly. Chinese text writes the colon full-width.
    at(place: &str, what: &str) => "{place}：{what}", "{place}: {what}";
    /// A heading over the lines that follow it.
    heading(title: &str) => "{title}：", "{title}:";
}

use std::ffi::OsString;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// The language this process speaks to its user, once the command line and the config have
/// decided it: for the few messages made where no language is at hand, such as a system error
/// turned into a command's failure by `?`.
static PROCESS_LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

impl Lang {
    /// Sets the language of [`Lang::of_process`]; the first setting stays.
    pub fn set_for_process(self) {
        let _ = PROCESS_LANG.set(self);
    }

    /// The language set for the process, else the locale's.
    pub fn of_process() -> Lang {
        *PROCESS_LANG.get_or_init(Lang::from_env)
    }

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

    /// `zh`, `zh_CN.UTF-8`, `zh_TW` are Chinese, and so is a locale that names no language
    /// (none set, `C`, `C.UTF-8`, `POSIX`, as a server's often is): nianbao's users are the
    /// clerks of Chinese bodies, and a server's default says nothing of the language of the one
    /// logged in. Another language's locale (`en_US.UTF-8`, `de_DE`) is English.
    pub fn from_locale(locale: &str) -> Lang {
        let language = locale.split(['.', '@']).next().unwrap_or("");
        if locale.starts_with("zh") || matches!(language, "" | "C" | "POSIX") {
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

/// A count and an English noun that agrees with it: `1 warning`, `0 warnings`, `2 warnings`.
pub fn en_count(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// The checks that a message is in the language it claims to be.
#[cfg(test)]
pub(crate) mod purity {
    /// Units and official words that English texts show in Chinese, as the reports write them.
    const CHINESE_IN_ENGLISH: &[&str] = &["万元", "元"];

    fn han(c: char) -> bool {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
    }

    /// The text without its `format!` placeholders (`{shown}`), which are filled in later.
    fn without_placeholders(text: &str) -> String {
        let mut out = String::new();
        let mut depth = 0;
        for c in text.chars() {
            match c {
                '{' => depth += 1,
                '}' if depth > 0 => depth -= 1,
                _ if depth == 0 => out.push(c),
                _ => {}
            }
        }
        out
    }

    /// Three English words in a row: a sentence, where a path, a key or a command is one word.
    pub fn english_sentence(text: &str) -> Option<String> {
        let text = without_placeholders(text);
        for line in text.lines() {
            let mut run = 0;
            for word in line.split([' ', '：', '，', '；', '（', '）']) {
                let is_word =
                    word.len() > 1 && word.chars().all(|c| c.is_ascii_alphabetic() || c == '\'');
                run = if is_word { run + 1 } else { 0 };
                if run == 3 {
                    return Some(line.to_string());
                }
            }
        }
        None
    }

    /// A Chinese word in an English text, other than a unit the reports write in Chinese.
    pub fn chinese_word(text: &str) -> Option<String> {
        let mut rest = without_placeholders(text);
        for allowed in CHINESE_IN_ENGLISH {
            rest = rest.replace(allowed, "");
        }
        rest.contains(han).then_some(rest)
    }

    /// Panics unless every message has both texts, the Chinese one without an English sentence
    /// and the English one without Chinese.
    pub fn check(all: &[(&str, &str, &str)]) {
        for (name, zh, en) in all {
            assert!(!zh.trim().is_empty(), "{name}: no Chinese text");
            assert!(!en.trim().is_empty(), "{name}: no English text");
            if let Some(line) = english_sentence(zh) {
                panic!("{name}: English in the Chinese text: {line:?}");
            }
            if let Some(rest) = chinese_word(en) {
                panic!("{name}: Chinese in the English text: {rest:?}");
            }
        }
    }

    /// Names Chinese in every language, and units the reports write in Chinese.
    const OFFICIAL: &[&str] = &[
        "政府信息公开工作年度报告",
        "某某市人民政府办公室",
        "某某县人民政府",
        "万元",
        "元",
    ];

    /// Every string of the catalogue's sources, outside their tests.
    fn catalogue_strings() -> Vec<(String, String)> {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/i18n");
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name == "mod.rs" {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            let source = source.split("\n#[cfg(test)]\nmod tests").next().unwrap();
            out.extend(literals(source).into_iter().map(|l| (name.clone(), l)));
        }
        out
    }

    /// The string literals of Rust source, escapes left as written; comments skipped.
    fn literals(source: &str) -> Vec<String> {
        let mut out = Vec::new();
        for line in source.lines() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            let mut chars = code.chars().peekable();
            let mut current: Option<String> = None;
            while let Some(c) = chars.next() {
                match (&mut current, c) {
                    (Some(s), '\\') => {
                        s.push(c);
                        s.extend(chars.next());
                    }
                    (Some(_), '"') => out.push(current.take().unwrap()),
                    (Some(s), _) => s.push(c),
                    (None, '\'') if chars.peek() == Some(&'"') => {
                        chars.next();
                    }
                    (None, '"') => current = Some(String::new()),
                    (None, _) => {}
                }
            }
        }
        out
    }

    /// A text of the catalogue is in one language: none holds Chinese and an English sentence
    /// both, so neither language's text has slipped into the other's. This covers the modules
    /// whose messages are `match` arms rather than a `messages!` list.
    #[test]
    fn no_catalogue_text_mixes_the_languages() {
        let strings = catalogue_strings();
        assert!(strings.len() > 500, "{} strings", strings.len());
        for (file, text) in strings {
            let mut chinese = text.clone();
            for name in OFFICIAL {
                chinese = chinese.replace(name, "");
            }
            if chinese.contains(han)
                && let Some(line) = english_sentence(&text)
            {
                panic!("{file}: Chinese and English in one text: {line:?}");
            }
        }
    }

    #[test]
    fn the_checks_catch_the_other_language() {
        assert!(english_sentence("无法读取 {shown}：no such file").is_some());
        assert!(english_sentence("退出请按 {quit} 或输入 :q（不保存退出 :q!）").is_none());
        assert!(chinese_word("saved {shown} 已保存").is_some());
        assert!(chinese_word("typed with its unit (25.1万元)").is_none());
        assert!(chinese_word("saved {文件}").is_none());
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
        assert_eq!(Lang::from_locale("de_DE.UTF-8"), Lang::En);
        // No language named: Chinese, as nianbao's users read.
        for none in ["C", "C.UTF-8", "C.utf8", "POSIX", ""] {
            assert_eq!(Lang::from_locale(none), Lang::Zh, "{none}");
        }
    }

    #[test]
    fn every_message_is_in_both_languages() {
        purity::check(ALL);
    }

    #[test]
    fn the_option_wins_over_the_config() {
        assert_eq!(Lang::choose(Some(Lang::En), Some(Lang::Zh)), Lang::En);
        assert_eq!(Lang::choose(None, Some(Lang::Zh)), Lang::Zh);
    }
}
