//! Slowing down one client address: applying, asking and using set-password
//! links each have a budget per address (tower_governor); signing in has one
//! that only failed attempts spend ([`FailureLimit`]); asking for one's links
//! by mail has one per address asked for too ([`KeyedLimit`]).

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::response::IntoResponse;
use tower_governor::GovernorError;
use tower_governor::GovernorLayer;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::PeerIpKeyExtractor;

use crate::http::error::AppError;

/// How many requests one client may send: `burst` at once, then one
/// every `period`.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    pub burst: u32,
    pub period: Duration,
}

/// `router` behind a rate limit per client address, with its own budget:
/// 429 with `Retry-After` past it. Behind a reverse proxy every client has
/// the proxy's address: the limit then applies to all of them together.
pub fn limited_per_client<S: Clone + Send + Sync + 'static>(router: Router<S>, limit: RateLimit) -> Router<S> {
    let config = GovernorConfigBuilder::default()
        .key_extractor(PeerIpKeyExtractor)
        .period(limit.period)
        .burst_size(limit.burst.max(1))
        .finish()
        .expect("a positive period and burst make a valid rate limit");
    let governor = GovernorLayer::new(Arc::new(config)).error_handler(|error| {
        let error = match error {
            GovernorError::TooManyRequests { wait_time, .. } => AppError::RateLimited { retry_after: wait_time.max(1) },
            other => AppError::Internal(anyhow::anyhow!("rate limiter: {other}")),
        };
        error.into_response().map(Body::new)
    });
    router.layer(governor)
}

/// A budget per client address that only failures spend: `burst` failed
/// attempts at once, then one more every `period`. Signing in is limited
/// so: a person who signs in often is never locked out, and someone
/// guessing passwords is slowed the same. Checked before the attempt, so a
/// right guess past the budget is refused like a wrong one.
#[derive(Clone)]
pub struct FailureLimit {
    limit: RateLimit,
    /// When each address's spent budget is whole again (GCRA's theoretical
    /// arrival time): more than `burst - 1` periods ahead of now, it is refused.
    spent_until: Arc<Mutex<HashMap<IpAddr, Instant>>>,
}

/// Addresses kept before the ones whose budget is whole again are dropped.
const FAILURE_LIMIT_KEPT: usize = 10_000;

impl FailureLimit {
    pub fn new(limit: RateLimit) -> FailureLimit {
        FailureLimit { limit, spent_until: Arc::default() }
    }

    /// How far ahead of now a budget may be spent and still take one more try.
    fn slack(&self) -> Duration {
        self.limit.period * (self.limit.burst.max(1) - 1)
    }

    /// `RateLimited` while `client` has no budget left.
    pub fn check(&self, client: IpAddr) -> Result<(), AppError> {
        let now = Instant::now();
        let spent = self.spent_until.lock().unwrap_or_else(|e| e.into_inner());
        match spent.get(&client) {
            Some(&until) if until > now + self.slack() => {
                let wait = until - (now + self.slack());
                Err(AppError::RateLimited { retry_after: (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1) })
            }
            _ => Ok(()),
        }
    }

    /// Spends one failure of `client`'s budget.
    pub fn failed(&self, client: IpAddr) {
        let now = Instant::now();
        let mut spent = self.spent_until.lock().unwrap_or_else(|e| e.into_inner());
        if spent.len() >= FAILURE_LIMIT_KEPT {
            spent.retain(|_, until| *until > now);
        }
        let until = spent.get(&client).copied().filter(|u| *u > now).unwrap_or(now);
        spent.insert(client, until + self.limit.period);
    }
}

/// At most `count` uses per `window` for one key (a keyed hash of what is
/// limited, such as an address asking for its links): a sliding window, so
/// "3 an hour" is never 4 within an hour. In memory, per instance.
#[derive(Clone)]
pub struct KeyedLimit {
    count: usize,
    window: Duration,
    used: Arc<Mutex<HashMap<[u8; 32], Vec<Instant>>>>,
}

impl KeyedLimit {
    pub fn new(count: usize, window: Duration) -> KeyedLimit {
        KeyedLimit { count, window, used: Arc::default() }
    }

    /// Uses one of `key`'s budget; `false` (and nothing used) when it has none left.
    pub fn take(&self, key: [u8; 32]) -> bool {
        let now = Instant::now();
        let fresh = |at: &Instant| now.duration_since(*at) < self.window;
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        if used.len() >= FAILURE_LIMIT_KEPT {
            used.retain(|_, times| times.iter().any(fresh));
        }
        let times = used.entry(key).or_default();
        times.retain(fresh);
        if times.len() >= self.count {
            return false;
        }
        times.push(now);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_keyed_budget_is_per_key_and_comes_back_after_its_window() {
        let limit = KeyedLimit::new(3, Duration::from_millis(300));
        let (key, other) = ([1; 32], [2; 32]);
        assert!((0..3).all(|_| limit.take(key)));
        assert!(!limit.take(key), "the fourth within the window");
        assert!(limit.take(other), "per key");
        std::thread::sleep(Duration::from_millis(350));
        assert!(limit.take(key), "a window later");
    }

    #[test]
    fn only_failures_spend_the_budget_and_it_refills() {
        let limit = FailureLimit::new(RateLimit { burst: 2, period: Duration::from_millis(200) });
        let (client, other): (IpAddr, IpAddr) = ("192.0.2.1".parse().unwrap(), "192.0.2.2".parse().unwrap());
        for _ in 0..5 {
            assert!(limit.check(client).is_ok(), "checking spends nothing");
        }
        limit.failed(client);
        assert!(limit.check(client).is_ok());
        limit.failed(client);
        assert!(matches!(limit.check(client), Err(AppError::RateLimited { retry_after: 1 })));
        assert!(limit.check(other).is_ok(), "per address");
        std::thread::sleep(Duration::from_millis(250));
        assert!(limit.check(client).is_ok(), "a period later, one more try");
    }
}
