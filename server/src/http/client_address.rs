//! Which address a request comes from, behind a reverse proxy.
//!
//! The rate limits count per client address (`auth/rate_limit.rs`), read
//! from the connection. Behind a proxy every connection is the proxy's, so
//! every client would share one budget. With `--trust-proxy` the address
//! is the one the proxy names in `X-Real-IP`, which the configuration in
//! `deploy/nginx/` sets from the connection it accepted, overwriting any a
//! client sent; without the flag the header is ignored, since any client
//! can send one. Ten lines here rather than a crate: what is trusted (one
//! header, set by our own proxy configuration) is the whole of the rule.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request};
use axum::middleware::Next;
use axum::response::Response;

/// Puts the proxy's `X-Real-IP` in the request's connection address, where
/// every rate limit reads it.
pub async fn from_trusted_proxy(mut request: Request, next: Next) -> Response {
    let named =
        request.headers().get("x-real-ip").and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<IpAddr>().ok());
    if let (Some(client), Some(ConnectInfo(address))) =
        (named, request.extensions_mut().get_mut::<ConnectInfo<SocketAddr>>())
    {
        address.set_ip(client);
    }
    next.run(request).await
}
