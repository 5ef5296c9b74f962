//! How every live stream is answered: Server-Sent Events kept alive, and
//! ended when the instance stops, with a `retry:` hint so that the browser
//! comes back soon (resuming from `Last-Event-ID`) rather than after its
//! own default pause or, behind a proxy that waits for the body's end, never.

use std::convert::Infallible;
use std::time::Duration;

use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::{Stream, StreamExt};

use super::prometheus::StreamOpen;
use crate::live::Live;

/// The shortest pause a stream ended by a stop asks its browser for.
const RECONNECT_AFTER: Duration = Duration::from_millis(500);
/// Spread over this much more, so that every browser of an instance
/// doesn't knock on the next one in the same instant.
const RECONNECT_SPREAD_MS: u64 = 1500;

/// `events` as an SSE answer that ends, after a reconnect hint, once the
/// instance is stopping. The hint is a `retry:` field and a comment only,
/// no `data:`, so a browser dispatches no event for it.
pub fn live<S>(live: &Live, events: S) -> Sse<impl Stream<Item = Result<Event, Infallible>> + use<S>>
where
    S: Stream<Item = Result<Event, Infallible>> + Send + 'static,
{
    let closing = live.closing();
    let stream = async_stream::stream! {
        let _open = StreamOpen::open();
        let mut events = std::pin::pin!(events);
        let mut closing = std::pin::pin!(closing);
        loop {
            let next = tokio::select! {
                // A stream that is stopping ends now, even one with news waiting.
                biased;
                () = &mut closing => None,
                next = events.next() => Some(next),
            };
            match next {
                None => {
                    yield Ok(reconnect_hint());
                    return;
                }
                Some(Some(event)) => yield event,
                Some(None) => return,
            }
        }
    };
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn reconnect_hint() -> Event {
    let spread = Duration::from_millis(rand::random_range(0..=RECONNECT_SPREAD_MS));
    Event::default().retry(RECONNECT_AFTER + spread).comment("this server is stopping: reconnect")
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::response::IntoResponse;

    #[tokio::test]
    async fn a_stop_ends_an_endless_stream_with_a_retry_hint() {
        let live = Live::default();
        let events = futures_util::stream::iter([Ok(Event::default().event("status").data("1"))])
            .chain(futures_util::stream::pending());
        let mut body = super::live(&live, events).into_response().into_body().into_data_stream();
        let first = body.next().await.unwrap().unwrap();
        assert_eq!(&first[..], b"event: status\ndata: 1\n\n");
        live.close();
        let rest: Vec<_> = body.collect().await;
        let rest: String =
            rest.into_iter().map(|chunk| String::from_utf8_lossy(&chunk.unwrap()).into_owned()).collect();
        assert!(rest.contains("retry: ") && rest.contains(": this server is stopping: reconnect\n"), "{rest:?}");
        assert!(!rest.contains("data:"), "no event a browser would dispatch: {rest:?}");
    }

    #[tokio::test]
    async fn a_stream_opened_while_stopping_ends_at_once() {
        let live = Live::default();
        live.close();
        let response = super::live(&live, futures_util::stream::pending()).into_response();
        let body = axum::body::to_bytes(response.into_body(), 1 << 16).await.unwrap();
        let body = String::from_utf8_lossy(&body);
        assert!(body.contains("retry: ") && body.contains("reconnect"), "{body}");
    }
}
