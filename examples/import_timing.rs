//! How long one import takes (SPEC §7 asks for ≤ 1 ms), on the seed and on a saved page:
//! `cargo run --release --example import_timing`.

use std::time::Instant;

use nianbao::import;
use nianbao::template::Registry;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");
    for name in [
        "seed-weihui-2021.txt",
        "page-gbk-xilin-2023.html",
        "one-cell-per-line-baihe-2023.txt",
        "pdf-spaces-nanhu-2021.txt",
    ] {
        let bytes = std::fs::read(format!("{dir}/{name}")).expect("fixture");
        // A fresh registry each time: the template is compiled as part of a real run.
        let runs = 2000;
        let started = Instant::now();
        for _ in 0..runs {
            let imported = import::import(&bytes, &mut Registry::default(), None).expect("imports");
            std::hint::black_box(imported);
        }
        let each = started.elapsed() / runs;
        // The template compiled once, as a long-running process (or a batch) would have it.
        let mut registry = Registry::default();
        let started = Instant::now();
        for _ in 0..runs {
            let imported = import::import(&bytes, &mut registry, None).expect("imports");
            std::hint::black_box(imported);
        }
        let warm = started.elapsed() / runs;
        println!(
            "{name:36} {:>5} bytes  {each:>10.1?} per import ({warm:.1?} with the template compiled)",
            bytes.len()
        );
    }
}
