//! Benchmark load: concurrent clients submitting applications as fast as the
//! server accepts them, for `scripts/bench`.
//!
//! Usage: apply_load <candor url> <clients> <seconds>
//! Prints one line: `accepted=<n> seconds=<s> per_second=<r> refused=<n>`.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let base = args.next().ok_or_else(|| anyhow::anyhow!("a Candor URL"))?;
    let clients: u64 = args.next().unwrap_or_else(|| "16".into()).parse()?;
    let seconds: u64 = args.next().unwrap_or_else(|| "10".into()).parse()?;
    let url = format!("{base}/api/v1/companies/northwind/postings/dental-hygienist/applications");
    let accepted = Arc::new(AtomicU64::new(0));
    let refused = Arc::new(AtomicU64::new(0));
    let client = reqwest::Client::new();
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let run = rand::random::<u32>();
    let tasks: Vec<_> = (0..clients)
        .map(|c| {
            let (client, url, accepted, refused) = (client.clone(), url.clone(), accepted.clone(), refused.clone());
            tokio::spawn(async move {
                let mut n = 0u64;
                while Instant::now() < deadline {
                    n += 1;
                    let body = json!({
                        "profile": {"name": format!("Load Test {c}-{n}"), "email": format!("load-{run}-{c}-{n}@example.com"),
                                    "headline": "Dental hygienist", "summary": "Six years in private practice."},
                        "answers": [{"key": "valvira", "value": {"yes_no": true}}, {"key": "languages", "value": {"text": "Finnish, English"}}],
                        "consent": {"data_processing": true}
                    });
                    let response = client
                        .post(&url)
                        .header("Idempotency-Key", format!("load-{run}-{c}-{n}-0123456789"))
                        .json(&body)
                        .send()
                        .await;
                    match response {
                        Ok(r) if r.status() == 201 => accepted.fetch_add(1, Ordering::Relaxed),
                        _ => refused.fetch_add(1, Ordering::Relaxed),
                    };
                }
            })
        })
        .collect();
    for task in tasks {
        task.await?;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let accepted = accepted.load(Ordering::Relaxed);
    println!(
        "accepted={accepted} seconds={elapsed:.1} per_second={:.0} refused={}",
        accepted as f64 / elapsed,
        refused.load(Ordering::Relaxed)
    );
    Ok(())
}
