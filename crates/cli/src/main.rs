//! The `sitrep` binary: a thin shell over the library crates. Each subcommand lives in `cmd/`.

mod cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc instead of the system allocator: extraction makes many small short-lived allocations
/// per report (token forms, mentions, records), and glibc's malloc/free were ~11% of the
/// instructions of `extract --stream` (callgrind; see bench/RESULTS.md).
#[global_allocator]
static GLOBAL: Allocator = Allocator;

/// mimalloc entered through plain `mi_malloc` for the alignments every mimalloc block has (8
/// bytes: block sizes are whole words): `mimalloc::MiMalloc` calls `mi_malloc_aligned` for every
/// layout, which over-allocates (and marks the page as holding interior pointers) for each block
/// above 1 KiB whose size is not a power of two, ~0.5M times in an `extract --stream` of the bench
/// corpus. Larger alignments go through `MiMalloc` as before; every block is freed by `mi_free`.
struct Allocator;

const PLAIN_ALIGN: usize = 8;

unsafe extern "C" {
    fn mi_malloc(size: usize) -> *mut std::ffi::c_void;
    fn mi_zalloc(size: usize) -> *mut std::ffi::c_void;
    fn mi_realloc(p: *mut std::ffi::c_void, newsize: usize) -> *mut std::ffi::c_void;
}

// SAFETY: `mi_malloc`/`mi_zalloc`/`mi_realloc` return blocks aligned to at least 8 bytes (or null),
// of at least the size asked, and `MiMalloc` (which frees with `mi_free`, mimalloc's one free for
// blocks from any of its allocation functions) handles every other layout.
unsafe impl std::alloc::GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            unsafe { mi_malloc(layout.size()).cast() }
        } else {
            unsafe { mimalloc::MiMalloc.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: std::alloc::Layout) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            unsafe { mi_zalloc(layout.size()).cast() }
        } else {
            unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: std::alloc::Layout) {
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: std::alloc::Layout, new_size: usize) -> *mut u8 {
        if layout.align() <= PLAIN_ALIGN {
            unsafe { mi_realloc(ptr.cast(), new_size).cast() }
        } else {
            unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
        }
    }
}

/// Tells mimalloc to keep memory it has freed instead of handing it back to the OS a second later
/// (`mi_option_purge_delay` = -1). Loading the gazetteer frees ~100 MB of build tables; purging
/// them cost ~0.3 s of system time in the middle of every run longer than a second, and the
/// memory is reused by extraction anyway, so peak RSS does not grow.
fn keep_freed_memory() {
    unsafe extern "C" {
        fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    }
    /// The index of `mi_option_purge_delay` in mimalloc.h's `mi_option_e` (the mimalloc 3.x that
    /// libmimalloc-sys 0.1.49 builds; Cargo.lock pins it).
    const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;
    // SAFETY: mi_option_set only stores a value in mimalloc's option table; any option index
    // below `_mi_option_last` is valid.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

#[derive(Parser)]
#[command(
    name = "sitrep",
    version,
    about = "Turn dated conflict reports into a sourced situation picture: places, actors, times, events and territorial control.",
    after_help = "Examples:\n  sitrep extract examples/reports/ --pretty\n  cat reports.jsonl | sitrep extract - > records.jsonl\n\nPlace data: GeoNames (CC BY 4.0)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Extract(cmd::extract::Args),
    Geoparse(cmd::geoparse::Args),
    Ingest(cmd::ingest::Args),
    Reprocess(cmd::reprocess::Args),
    Events(cmd::events::Args),
    Control(cmd::control::Args),
    History(cmd::history::Args),
    Serve(cmd::serve::Args),
    Summary(cmd::summary::Args),
    Export(cmd::export::Args),
    Eval(cmd::eval::Args),
}

fn main() -> ExitCode {
    keep_freed_memory();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(a) => cmd::extract::run(a),
        Command::Geoparse(a) => cmd::geoparse::run(a),
        Command::Ingest(a) => cmd::ingest::run(a),
        Command::Reprocess(a) => cmd::reprocess::run(a),
        Command::Events(a) => cmd::events::run(a),
        Command::Control(a) => cmd::control::run(a),
        Command::History(a) => cmd::history::run(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::Summary(a) => cmd::summary::run(a),
        Command::Export(a) => cmd::export::run(a),
        Command::Eval(a) => cmd::eval::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("sitrep: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
