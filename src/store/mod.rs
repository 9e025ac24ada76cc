//! Report files: loading with precise errors, saving in place, writing atomically.

pub mod atomic;
pub mod guard;
pub mod load;
pub mod lock;
mod patch;
pub mod position;
pub mod recovery;
pub mod save;

pub use load::{Diagnostic, LoadError, load_file, load_str};
pub use save::{render_new, to_toml};
