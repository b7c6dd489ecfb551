//! The web app (web/dist), embedded at build time by build.rs.

include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// The bytes and MIME type of an embedded file.
pub fn get(path: &str) -> Option<(&'static [u8], &'static str)> {
    ASSETS.iter().find(|(p, _, _)| *p == path).map(|(_, b, m)| (*b, *m))
}

/// True when the binary was built without the web app.
pub fn is_empty() -> bool {
    ASSETS.is_empty()
}
