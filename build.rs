//! The release editor is linked as a position-dependent executable on Linux.
//!
//! A position-independent one (the default) has its pointer tables (vtables, string tables,
//! `.data.rel.ro`, 170 KB) written by the loader at every start: 250 KB of relocations read and
//! about 45 pages dirtied before `main`, which made up 0.3 MB of the editor's peak memory and
//! part of its time to the first frame. Linked at a fixed address, the linker resolves them once.
//! The price is that the executable's own code is not moved by address-space randomisation (the
//! libraries, heap and stacks still are). Debug and test builds are left as they were.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let release = std::env::var("PROFILE").as_deref() == Ok("release");
    let linux_gnu = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux")
        && std::env::var("CARGO_CFG_TARGET_ENV").as_deref() == Ok("gnu");
    if release && linux_gnu {
        println!("cargo:rustc-link-arg-bin=nianbao=-no-pie");
    }
}
