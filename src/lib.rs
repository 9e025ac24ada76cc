//! nianbao: an editor and checker for statistical annual reports, first of all the
//! 政府信息公开工作年度报告 of Chinese government bodies.
//!
//! Data flows one way: file ([`store`]) → model ([`report`]) → rules ([`rules`]) → commands and
//! the editor. The shape of a report is data ([`template`]).

pub mod batch;
pub mod cli;
pub mod config;
pub mod describe;
pub mod diff;
pub mod export;
pub mod i18n;
pub mod import;
pub mod merge;
pub mod money;
pub mod numerals;
pub mod position;
pub mod read;
pub mod report;
pub mod review;
pub mod rules;
pub mod store;
pub mod sum;
pub mod template;
#[cfg(test)]
mod test_support;
pub mod tui;
pub mod value;
pub mod visible;
