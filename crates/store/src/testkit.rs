//! A throw-away PostgreSQL server for tests: the Debian package's binaries
//! (`/usr/lib/postgresql/*/bin`, or `$SITREP_PG_BIN`), a temporary data directory and a free
//! loopback port. As root the server runs as `nobody` (PostgreSQL refuses to run as root). A small
//! watcher shell stops the server and removes its directory when the test process exits.
//!
//! ```no_run
//! if let Some(url) = sitrep_store::testkit::fresh_database_or_skip("my_test") {
//!     let store = sitrep_store::Store::open(&url).unwrap();
//! }
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A running server (lives until the test process exits).
#[derive(Debug)]
pub struct PgServer {
    pub port: u16,
    pub dir: PathBuf,
}

static SERVER: OnceLock<Result<PgServer, String>> = OnceLock::new();
static COUNTER: AtomicUsize = AtomicUsize::new(0);

/// The directory holding `initdb` and `postgres`, newest version first.
pub fn find_bin_dir() -> Option<PathBuf> {
    if let Ok(p) = std::env::var("SITREP_PG_BIN") {
        let p = PathBuf::from(p);
        return p.join("initdb").exists().then_some(p);
    }
    let mut dirs: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| {
            let v = e.file_name().to_string_lossy().parse::<u32>().ok()?;
            let bin = e.path().join("bin");
            (bin.join("initdb").exists() && bin.join("postgres").exists()).then_some((v, bin))
        })
        .collect();
    dirs.sort();
    dirs.pop().map(|(_, p)| p)
}

fn is_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("Uid:")).map(|l| l.split_whitespace().nth(1) == Some("0")))
        .unwrap_or(false)
}

/// A command run as the unprivileged user when we are root.
fn cmd_as(user: Option<&str>, program: &Path) -> Command {
    match user {
        Some(u) => {
            let mut c = Command::new("runuser");
            c.arg("-u").arg(u).arg("--").arg(program);
            c
        }
        None => Command::new(program),
    }
}

fn free_port() -> Result<u16, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    Ok(l.local_addr().map_err(|e| e.to_string())?.port())
}

fn start() -> Result<PgServer, String> {
    let bin = find_bin_dir()
        .ok_or("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin (apt-get install postgresql)")?;
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("sitrep-pg-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let user = if is_root() { Some("nobody") } else { None };
    if let Some(u) = user {
        let ok = Command::new("chown").arg(format!("{u}:")).arg(&dir).status().map(|s| s.success()).unwrap_or(false);
        if !ok {
            return Err(format!("cannot chown {} to {u}", dir.display()));
        }
    }
    let data = dir.join("data");
    let out = cmd_as(user, &bin.join("initdb"))
        .current_dir(&dir)
        .args(["-A", "trust", "-U", "sitrep", "-E", "UTF8", "--locale=C", "--no-sync", "-D"])
        .arg(&data)
        .output()
        .map_err(|e| format!("cannot run initdb: {e}"))?;
    if !out.status.success() {
        return Err(format!("initdb failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    let port = free_port()?;
    // The watcher: runs the server while the test process lives, then stops it and cleans up.
    let script = r#"
"$1/postgres" -D "$2/data" -p "$3" -k "$2" -c listen_addresses=127.0.0.1 -c fsync=off \
  -c synchronous_commit=off -c full_page_writes=off -c max_connections=50 >"$2/log" 2>&1 &
pg=$!
while [ -d "/proc/$4" ] && kill -0 "$pg" 2>/dev/null; do sleep 0.3; done
kill -INT "$pg" 2>/dev/null; wait "$pg" 2>/dev/null; rm -rf "$2"
"#;
    cmd_as(user, Path::new("/bin/sh"))
        .current_dir(&dir)
        .arg("-c")
        .arg(script)
        .arg("sitrep-pg-watch")
        .arg(&bin)
        .arg(&dir)
        .arg(port.to_string())
        .arg(std::process::id().to_string())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start postgres: {e}"))?;
    let deadline = Instant::now() + Duration::from_secs(60);
    let conninfo = format!("host=127.0.0.1 port={port} user=sitrep dbname=postgres connect_timeout=2");
    loop {
        match postgres::Client::connect(&conninfo, postgres::NoTls) {
            Ok(_) => return Ok(PgServer { port, dir }),
            Err(e) if Instant::now() > deadline => {
                let log = std::fs::read_to_string(dir.join("log")).unwrap_or_default();
                return Err(format!("postgres did not start on port {port}: {e}\n{log}"));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

/// The server shared by the tests of this process (started on first use).
pub fn server() -> Result<&'static PgServer, String> {
    SERVER.get_or_init(start).as_ref().map_err(Clone::clone)
}

impl PgServer {
    /// Creates an empty database and returns its URL.
    pub fn fresh_database(&self) -> Result<String, String> {
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let name = format!("t{}_{n}", std::process::id());
        let conninfo = format!("host=127.0.0.1 port={} user=sitrep dbname=postgres", self.port);
        let mut c = postgres::Client::connect(&conninfo, postgres::NoTls).map_err(|e| e.to_string())?;
        c.batch_execute(&format!("CREATE DATABASE {name}")).map_err(|e| e.to_string())?;
        Ok(format!("postgres://sitrep@127.0.0.1:{}/{name}", self.port))
    }
}

/// A fresh database on the shared test server. When PostgreSQL is unavailable: panics on CI
/// (`CI=true`), otherwise prints why `test` is skipped and returns `None`.
pub fn fresh_database_or_skip(test: &str) -> Option<String> {
    match server().and_then(PgServer::fresh_database) {
        Ok(url) => Some(url),
        Err(e) => {
            let ci = std::env::var("CI").map(|v| v == "true" || v == "1").unwrap_or(false);
            if ci {
                panic!("PostgreSQL test {test} cannot run on CI: {e}");
            }
            eprintln!("skipping PostgreSQL test {test}: {e}");
            None
        }
    }
}
