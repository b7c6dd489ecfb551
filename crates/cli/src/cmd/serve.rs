//! `sitrep serve`: the HTTP API and the web map.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;

/// Serve the HTTP API and the offline situation map (open the printed URL in a browser).
///
/// Routes: GET /api/events, /api/control?as_of=D, /api/places/{geonameid}/history,
/// /api/reports/{id}, /api/summary?from=D1&to=D2; POST /api/reports; the web app at /.
/// POST needs `Authorization: Bearer TOKEN` when a token is set (--token or SITREP_TOKEN),
/// and is refused beyond loopback without one.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Database URL: a SQLite file (sitrep.db), postgres://…, or memory:demo (built-in example data).
    #[arg(long, default_value = "sitrep.db")]
    pub db: String,
    /// Address to listen on. Anything but loopback requires a token for ingest.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Token required by POST /api/reports (default: the SITREP_TOKEN environment variable).
    #[arg(long)]
    pub token: Option<String>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let backend = sitrep_server::open(&args.db)?;
    let token = args.token.or_else(|| std::env::var("SITREP_TOKEN").ok()).filter(|t| !t.trim().is_empty());
    if !args.addr.ip().is_loopback() && token.is_none() {
        eprintln!("sitrep: warning: listening beyond loopback without a token: POST /api/reports is disabled");
    }
    sitrep_server::serve(backend, args.addr, token, |addr| {
        let host = if addr.ip().is_unspecified() { "127.0.0.1".to_string() } else { addr.ip().to_string() };
        let host = if addr.is_ipv6() && !addr.ip().is_unspecified() { format!("[{host}]") } else { host };
        println!("sitrep: serving the situation map of {} at http://{host}:{}/ (Ctrl-C to stop)", args.db, addr.port());
        let _ = std::io::stdout().flush();
    })?;
    Ok(ExitCode::SUCCESS)
}
