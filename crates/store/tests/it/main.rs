//! The store crate's integration tests, one module per area, linked into one test binary
//! (each binary links the whole pipeline; one per file made CI's build 5 GB).
mod asof_scale;
#[macro_use]
mod common;
mod control_timeline;
mod dedup_pairs;
mod store_basics;
