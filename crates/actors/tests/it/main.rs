//! The actors crate's integration tests, one module per area, linked into one test binary
//! (each binary links the whole pipeline; one per file made CI's build 5 GB).
mod home;
mod lexicon;
mod tagger;
