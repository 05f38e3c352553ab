//! The committed `include/microvium.h` is the one the build generates from
//! the API (`VIUM_BLESS=1` rewrites it).

#[test]
fn the_committed_header_is_current() {
    let generated = include_str!(concat!(env!("OUT_DIR"), "/microvium.h"));
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/include/microvium.h");
    if std::env::var_os("VIUM_BLESS").is_some() {
        std::fs::write(path, generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "include/microvium.h is stale: run `VIUM_BLESS=1 cargo test -p vium-ffi --test header`"
    );
}
