//! Reports out of nianbao: for scripts (JSON) and for publication.

pub mod json;
