//! The terminal editor: state and update ([`app`]), keys ([`keys`], [`keymap`]), layout, view, and
//! the loop that connects them to a real terminal ([`terminal`]).

pub mod app;
pub mod backend;
pub mod help;
pub mod keymap;
pub mod keys;
pub mod layout;
pub mod review;
pub mod session;
pub mod terminal;
pub mod units;
pub mod view;
pub mod wrap;

pub use app::{Action, App, Effect};
