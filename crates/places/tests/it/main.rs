//! The places crate's integration tests, one module per area, linked into one test binary
//! (each binary links the whole pipeline; one per file made CI's build 5 GB).
mod context;
mod descriptive;
mod detection;
mod mordecai3_cases;
mod resolution;
mod romanization;
