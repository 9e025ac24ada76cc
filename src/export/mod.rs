//! Reports out of nianbao: for scripts (JSON, CSV) and for publication (HTML, text, Markdown).

pub mod csv;
pub mod grid;
pub mod html;
pub mod json;
pub mod md;
pub mod txt;
