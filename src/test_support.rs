//! What the unit tests of several modules share: the sample reports, and tables named by id.

use crate::report::Report;
use crate::template::Registry;

/// A report of `samples/`, loaded the way nianbao loads any file.
pub fn sample(name: &str) -> Report {
    let path = format!("{}/samples/{name}", env!("CARGO_MANIFEST_DIR"));
    crate::store::load_file(path.as_ref(), &mut Registry::default())
        .unwrap()
        .0
}

/// The index of the table `id` of a report's template.
pub fn table(report: &Report, id: &str) -> usize {
    report
        .template
        .tables
        .iter()
        .position(|t| t.id == id)
        .unwrap()
}
