//! Report files: loading with precise errors, saving in place, writing atomically.

pub mod atomic;
mod fast;
pub mod guard;
pub mod load;
pub mod lock;
mod patch;
pub mod previous;
pub mod published;
pub mod recovery;
pub mod save;

pub use load::{Diagnostic, LoadError, load_file, load_str};
pub use save::{render_new, render_new_in, to_toml};

/// Whether a file's text holds nothing but blanks (a byte-order mark included), as a file made
/// with `touch` or handed out empty does: there is no report in it yet, and one is written whole.
pub fn is_blank(text: &str) -> bool {
    text.trim_start_matches('\u{feff}').trim().is_empty()
}

/// The text of a file that holds nothing but blanks, which the editor opens as a new report;
/// `None` for a file with anything in it, or one that cannot be read (its loading says why).
pub fn blank_text(path: &std::path::Path) -> Option<String> {
    // A blank file worth opening as new is small: a report (any larger file) is only looked at,
    // not read, before the loader reads it.
    const BLANK_AT_MOST: u64 = 4096;
    if std::fs::metadata(path).ok()?.len() > BLANK_AT_MOST {
        return None;
    }
    let bytes = crate::read::read_bytes(path, BLANK_AT_MOST).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    is_blank(&text).then_some(text)
}
