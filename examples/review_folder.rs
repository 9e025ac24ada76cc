//! Writes a folder of department reports to try `nianbao review` on:
//! `cargo run --example review_folder -- DIR [COUNT]` (40 reports by default), then
//! `nianbao review DIR/2024` (last year's reports are in `DIR/2023`).

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: review_folder DIR [COUNT]");
        std::process::exit(2);
    };
    let count = args.next().and_then(|n| n.parse().ok()).unwrap_or(40);
    std::fs::create_dir_all(&dir).expect("the folder can be made");
    let folder = nianbao::review::sample::write_folder(dir.as_ref(), count)
        .expect("the reports can be written");
    println!(
        "{count} reports, a bad file and a stray TOML in {}, last year's reports beside it",
        folder.display()
    );
}
