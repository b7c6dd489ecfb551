//! sitrep-server: the situation picture. The HTTP API and the embedded offline web map
//! ([`api::router`], [`serve`]), situation summaries ([`summary`]) and exports ([`export`]),
//! all over the small [`Backend`] trait that the store implements.

pub mod api;
pub mod assets;
pub mod backend;
pub mod countries;
pub mod export;
pub mod fixtures;
pub mod geojson;
pub mod memory;
pub mod store_backend;
pub mod summary;
pub mod timeline;

pub use api::{router, Auth};
pub use backend::{
    event_matches, Backend, BackendError, ControlState, EventQuery, EventView, IngestOutcome, MentionSpan, Meta,
    ReportView, Source,
};
pub use memory::MemBackend;

use std::net::SocketAddr;
use std::sync::Arc;

/// Serves the API and the web app on `addr` until Ctrl-C. `on_ready` gets the bound address
/// (useful with port 0).
pub fn serve(
    backend: Arc<dyn Backend>,
    addr: SocketAddr,
    token: Option<String>,
    on_ready: impl FnOnce(SocketAddr),
) -> anyhow::Result<()> {
    // The last reference is dropped outside the runtime: blocking database clients (PostgreSQL)
    // must not be closed on an async worker.
    let keep = backend.clone();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let result = rt.block_on(async move {
        let listener =
            tokio::net::TcpListener::bind(addr).await.map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
        let local = listener.local_addr()?;
        let auth = Auth { token, loopback: local.ip().is_loopback() };
        on_ready(local);
        // Compute the page's first request (`/api/meta`, cached by the store backend) while the
        // user opens the URL.
        let warm = backend.clone();
        tokio::task::spawn_blocking(move || {
            let _ = warm.meta();
        });
        axum::serve(listener, router(backend, auth))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    });
    drop(rt);
    drop(keep);
    result
}

/// Opens the backend a `--db` URL names: `memory:` (empty, in memory), `memory:demo` (the built-in
/// example situation), or a database of the store (SQLite file or `postgres://…`).
pub fn open(url: &str) -> anyhow::Result<Arc<dyn Backend>> {
    match url {
        "memory:" | "memory" => Ok(Arc::new(MemBackend::new())),
        "memory:demo" => Ok(Arc::new(MemBackend::with(fixtures::demo()))),
        other => open_store(other),
    }
}

fn open_store(url: &str) -> anyhow::Result<Arc<dyn Backend>> {
    Ok(Arc::new(store_backend::StoreBackend::open(url, 4)?))
}
