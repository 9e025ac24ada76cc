//! Link settings for the release binary that Cargo.toml cannot say.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    // Relative relocations packed (DT_RELR): the position-independent binary's ~10,000 pointers
    // to itself are adjusted by the loader from a few kilobytes of bitmaps instead of 235 KB of
    // relocation entries that every start read, page by page. The binary stays movable by address
    // randomisation. The binary then asks for glibc 2.36 or later where it runs (it already
    // asked for 2.34, as anything linked against a newer glibc does); machines with an older one
    // take the static musl build (README), which this does not touch.
    if var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu" {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
