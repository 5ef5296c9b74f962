//! The benchmark's yardstick: a plain axum handler answering the postings
//! list from memory, with none of Candor's work (no database, no CORS, no
//! ETag, no validation). `scripts/bench` runs it beside Candor in the same
//! run, so the ratio of the two throughputs is the figure that counts.
//!
//! Usage: plain_json <port> <file with the JSON body>

use axum::Router;
use axum::http::header;
use axum::routing::get;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let port: u16 = args.next().unwrap_or_else(|| "0".into()).parse()?;
    let body: &'static [u8] =
        Box::leak(std::fs::read(args.next().ok_or_else(|| anyhow::anyhow!("a JSON file"))?)?.into_boxed_slice());
    let app = Router::new().route(
        "/api/v1/companies/northwind/postings",
        get(move || async move { ([(header::CONTENT_TYPE, "application/json")], body) }),
    );
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    println!("plain_json listening on http://{}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
