//! The cli crate's integration tests, one module per area, linked into one test binary
//! (each binary links the whole pipeline; one per file made CI's build 5 GB).
mod extract_bad_inputs;
mod extract_readers;
mod fuzz_regressions;
mod server_cli;
mod store_cli;
mod store_kill;
mod stream_cli;
