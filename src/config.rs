//! The user's settings: `$XDG_CONFIG_HOME/nianbao/config.toml`, else
//! `~/.config/nianbao/config.toml`. Every key is optional; an unknown key or a value of the wrong
//! kind is an error naming its line, never skipped: a misspelt `templat` silently ignored would
//! make every new report of the wrong format.
//!
//! ```toml
//! lang = "zh"                          # the interface language when --lang is not given
//! template = "gov-2021"                # the template of new reports: an id or a template file
//! template_dirs = ["~/年报模板"]        # folders whose *.toml templates are known by their id
//! ```

use std::path::{Path, PathBuf};

use toml_edit::Document;

use crate::i18n::Lang;
pub use crate::i18n::config::ConfigProblem;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    pub lang: Option<Lang>,
    /// A template id or a template file, for reports made without `--template`.
    pub template: Option<String>,
    /// Folders of one's own templates, `~` expanded and relative ones taken from the config's
    /// folder.
    pub template_dirs: Vec<PathBuf>,
}

/// A config file that cannot be used: where and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    pub problem: ConfigProblem,
}

impl ConfigError {
    pub fn text(&self, lang: Lang) -> String {
        let path = crate::visible::visible(&self.path.display().to_string()).into_owned();
        let place = match self.line {
            Some(line) => format!("{path}:{line}"),
            None => path,
        };
        crate::i18n::at(&place, &self.problem.text(lang), lang)
    }
}

/// Where the config file is: XDG_CONFIG_HOME when it is set to an absolute path (as the XDG
/// specification says a relative one is to be ignored), else HOME's `.config`.
pub fn path() -> Option<PathBuf> {
    let xdg = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute());
    let base = xdg.or_else(|| home().map(|h| h.join(".config")))?;
    Some(base.join("nianbao").join("config.toml"))
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
}

/// The user's config; a missing file is the empty config.
pub fn load() -> Result<Config, ConfigError> {
    match path() {
        Some(path) if path.exists() => load_file(&path),
        _ => Ok(Config::default()),
    }
}

pub fn load_file(path: &Path) -> Result<Config, ConfigError> {
    let error = |line, problem| ConfigError {
        path: path.to_path_buf(),
        line,
        problem,
    };
    let bytes = crate::read::read_bytes(path, 1 << 20).map_err(|e| {
        error(
            None,
            ConfigProblem::Unreadable {
                zh: e.text(Lang::Zh),
                en: e.text(Lang::En),
            },
        )
    })?;
    let text = String::from_utf8(bytes).map_err(|_| error(None, ConfigProblem::NotUtf8))?;
    let folder = path.parent().unwrap_or(Path::new("."));
    parse(&text, folder).map_err(|(line, problem)| error(line, problem))
}

/// Reads a config's text; relative template folders are taken from `folder`.
pub fn parse(text: &str, folder: &Path) -> Result<Config, (Option<usize>, ConfigProblem)> {
    let line_of = |item_span: Option<std::ops::Range<usize>>| {
        item_span.map(|s| crate::position::line_column(text, s.start).0)
    };
    let doc = Document::parse(text).map_err(|e| {
        (
            line_of(e.span()),
            ConfigProblem::NotToml(e.message().trim().to_string()),
        )
    })?;
    let mut config = Config::default();
    let root = doc.as_table();
    for (key, item) in root.iter() {
        let key_line = line_of(root.key(key).and_then(|k| k.span()));
        let line = line_of(item.span()).or(key_line);
        let wrong = |expected| {
            (
                line,
                ConfigProblem::WrongKind {
                    key: key.to_string(),
                    expected,
                },
            )
        };
        match key {
            "lang" => match item.as_str() {
                Some("zh") => config.lang = Some(Lang::Zh),
                Some("en") => config.lang = Some(Lang::En),
                Some(other) => {
                    return Err((
                        line,
                        ConfigProblem::BadLang {
                            found: other.to_string(),
                        },
                    ));
                }
                None => return Err(wrong(crate::i18n::config::Expected::Lang)),
            },
            "template" => match item.as_str() {
                Some(t) if !t.trim().is_empty() => config.template = Some(expand(t, folder)),
                _ => return Err(wrong(crate::i18n::config::Expected::Template)),
            },
            "template_dirs" => {
                let Some(array) = item.as_array() else {
                    return Err(wrong(crate::i18n::config::Expected::Folders));
                };
                for value in array.iter() {
                    let at = line_of(value.span()).or(line);
                    let Some(dir) = value.as_str() else {
                        return Err((at, wrong(crate::i18n::config::Expected::Folders).1));
                    };
                    let dir = expand_path(dir, folder);
                    if !dir.is_dir() {
                        return Err((at, ConfigProblem::NoSuchFolder { folder: dir }));
                    }
                    config.template_dirs.push(dir);
                }
            }
            _ => {
                return Err((
                    key_line,
                    ConfigProblem::UnknownKey {
                        key: key.to_string(),
                    },
                ));
            }
        }
    }
    Ok(config)
}

/// A template: an id (no slash, no `.toml`) as it is, a file as [`expand_path`] finds it.
fn expand(value: &str, folder: &Path) -> String {
    if value.contains('/') || value.ends_with(".toml") {
        expand_path(value, folder).display().to_string()
    } else {
        value.to_string()
    }
}

/// `~/x` under HOME; a relative path beside the config file.
fn expand_path(value: &str, folder: &Path) -> PathBuf {
    if let Some(rest) = value.strip_prefix("~/")
        && let Some(home) = home()
    {
        return home.join(rest);
    }
    folder.join(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(text: &str) -> (Option<usize>, ConfigProblem) {
        parse(text, Path::new("/nowhere")).unwrap_err()
    }

    #[test]
    fn every_key_is_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("mine")).unwrap();
        let config = parse(
            "lang = \"en\"\ntemplate = \"gov-2019\"\ntemplate_dirs = [\"mine\"]\n",
            dir.path(),
        )
        .unwrap();
        assert_eq!(config.lang, Some(Lang::En));
        assert_eq!(config.template.as_deref(), Some("gov-2019"));
        assert_eq!(config.template_dirs, vec![dir.path().join("mine")]);
    }

    #[test]
    fn a_misspelt_key_is_an_error_naming_its_line_and_key() {
        let (line, p) = problem("lang = \"zh\"\n\ntemplat = \"gov-2019\"\n");
        assert_eq!(line, Some(3));
        assert_eq!(
            p,
            ConfigProblem::UnknownKey {
                key: "templat".into()
            }
        );
        assert!(p.text(Lang::Zh).contains("templat"));
        assert!(p.text(Lang::En).contains("templat"));
    }

    #[test]
    fn wrong_values_are_errors_on_their_line() {
        assert_eq!(problem("\nlang = \"fr\"").0, Some(2));
        assert!(matches!(
            problem("lang = 1").1,
            ConfigProblem::WrongKind { .. }
        ));
        assert!(matches!(
            problem("template_dirs = \"x\"").1,
            ConfigProblem::WrongKind { .. }
        ));
        let (line, p) = problem("template_dirs = [\n  \"/no/such/folder\",\n]");
        assert_eq!(line, Some(2));
        assert!(matches!(p, ConfigProblem::NoSuchFolder { .. }));
        assert_eq!(problem("lang = \n").0, Some(1));
    }
}
