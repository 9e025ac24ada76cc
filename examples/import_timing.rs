//! How long one import takes (the target is ≤ 1 ms), on the seed and on a saved page:
//! `cargo run --release --example import_timing`; or on fixtures of your choice, a number of
//! times each (for a profiler: `valgrind --tool=callgrind target/release/examples/import_timing
//! touching-shiyan-2024.txt`): `… --example import_timing -- NAME…`.

use std::time::Instant;

use nianbao::import;
use nianbao::template::Registry;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");
    let chosen: Vec<String> = std::env::args().skip(1).collect();
    let names: Vec<String> = if chosen.is_empty() {
        [
            "seed-weihui-2021.txt",
            "page-gbk-xilin-2023.html",
            "one-cell-per-line-baihe-2023.txt",
            "pdf-spaces-nanhu-2021.txt",
        ]
        .map(String::from)
        .to_vec()
    } else {
        chosen
    };
    // Fewer runs under a profiler, which runs the code fifty times slower.
    let runs: u32 = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(2000);
    for name in &names {
        let bytes = std::fs::read(format!("{dir}/{name}")).expect("fixture");
        // A fresh registry each time: the template is compiled as part of a real run
        // (`FRESH=0` leaves these runs out, to profile the import alone).
        let fresh = if std::env::var("FRESH").is_ok_and(|f| f == "0") {
            1
        } else {
            runs
        };
        let started = Instant::now();
        for _ in 0..fresh {
            let imported = import::import(&bytes, &mut Registry::default(), None).expect("imports");
            std::hint::black_box(imported);
        }
        let each = started.elapsed() / fresh;
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
