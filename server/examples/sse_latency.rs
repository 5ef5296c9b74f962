//! Benchmark: time from a recruiter's action to the candidate's open status
//! stream receiving it, with many streams open, for `scripts/bench`.
//!
//! Usage: sse_latency <candor url> <recruiter token> <streams> <actions>
//!                    [<url the actions go to> [<server pid>]]
//! Opens <streams> status streams (one per application), then performs
//! <actions> recruiter messages one after another on applications chosen
//! round-robin, timing each from sending the request to the event arriving.
//! The actions go to the second URL when one is given (`-`: the first):
//! another instance on the same PostgreSQL database, say. With the
//! server's pid, its resident memory is read before the streams open and
//! once all are open (both processes on one machine).
//! Prints `streams=<n> actions=<n> p50_ms=<x> p99_ms=<x> max_ms=<x>`, and
//! `rss_before_kib=<n> rss_open_kib=<n> kib_per_stream=<x>` with a pid.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tokio::sync::mpsc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let base = args.next().ok_or_else(|| anyhow::anyhow!("a Candor URL"))?;
    let token = args.next().ok_or_else(|| anyhow::anyhow!("a recruiter token"))?;
    let streams: usize = args.next().unwrap_or_else(|| "1000".into()).parse()?;
    let actions: usize = args.next().unwrap_or_else(|| "200".into()).parse()?;
    let acting = args.next().filter(|a| a != "-").unwrap_or_else(|| base.clone());
    let pid: Option<u32> = args.next().map(|p| p.parse()).transpose()?.filter(|p| *p != 0);
    let client = reqwest::Client::builder().pool_max_idle_per_host(streams + 16).build()?;
    let run = rand::random::<u32>();

    // Applications to watch.
    let apply_url = format!("{base}/api/v1/companies/northwind/postings/orthodontist/applications");
    let mut tokens = Vec::with_capacity(streams);
    for n in 0..streams {
        let body = json!({
            "profile": {"name": format!("Stream {n}"), "email": format!("sse-{run}-{n}@example.com")},
            "answers": [{"key": "specialist", "value": {"yes_no": true}}, {"key": "experience", "value": {"number": 5}}],
            "consent": {"data_processing": true}
        });
        let ack: Value = client
            .post(&apply_url)
            .header("Idempotency-Key", format!("sse-{run}-{n}-0123456789"))
            .json(&body)
            .send()
            .await?
            .json()
            .await?;
        tokens.push(ack["status_token"].as_str().ok_or_else(|| anyhow::anyhow!("no token: {ack}"))?.to_owned());
    }
    let list: Value = client
        .get(format!("{base}/api/v1/recruiter/postings/orthodontist/applications"))
        .bearer_auth(&token)
        .send()
        .await?
        .json()
        .await?;
    let ids: HashMap<String, i64> = list
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|a| Some((a["email"].as_str()?.to_owned(), a["id"].as_i64()?)))
        .collect();

    let rss_before = pid.map(rss_kib).transpose()?;
    // One stream per application; each reports (stream, event id) as events arrive.
    let (seen_tx, mut seen_rx) = mpsc::unbounded_channel::<(usize, u64, Instant)>();
    for (n, status_token) in tokens.iter().enumerate() {
        let mut response = client
            .get(format!("{base}/api/v1/application/events"))
            .header("Candor-Application", status_token.as_str())
            .send()
            .await?;
        let seen_tx = seen_tx.clone();
        tokio::spawn(async move {
            let mut buffer = String::new();
            while let Ok(Some(chunk)) = response.chunk().await {
                buffer.push_str(&String::from_utf8_lossy(&chunk));
                while let Some(end) = buffer.find("\n\n") {
                    let frame: String = buffer.drain(..end + 2).collect();
                    if let Some(id) =
                        frame.lines().find_map(|l| l.strip_prefix("id:")).and_then(|v| v.trim().parse().ok())
                    {
                        let _ = seen_tx.send((n, id, Instant::now()));
                    }
                }
            }
        });
    }
    // Every stream has sent its first snapshot before timing starts.
    let mut ready = 0;
    while ready < streams {
        let (_, id, _) = tokio::time::timeout(Duration::from_secs(60), seen_rx.recv())
            .await?
            .ok_or_else(|| anyhow::anyhow!("streams closed"))?;
        if id == 1 {
            ready += 1;
        }
    }

    let rss_open = pid.map(rss_kib).transpose()?;

    let mut latencies = Vec::with_capacity(actions);
    let mut next_id = vec![2u64; streams];
    for a in 0..actions {
        let n = (a * 7919) % streams;
        let id = ids[&format!("sse-{run}-{n}@example.com")];
        let sent = Instant::now();
        let response = client
            .post(format!("{acting}/api/v1/recruiter/applications/{id}/messages"))
            .bearer_auth(&token)
            .json(&json!({"message": format!("Update {a}")}))
            .send()
            .await?;
        anyhow::ensure!(response.status() == 200, "action refused: {}", response.status());
        loop {
            let (stream, event, at) = tokio::time::timeout(Duration::from_secs(10), seen_rx.recv())
                .await?
                .ok_or_else(|| anyhow::anyhow!("streams closed"))?;
            if stream == n && event == next_id[n] {
                latencies.push(at.duration_since(sent));
                next_id[n] += 1;
                break;
            }
        }
    }
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let pick = |q: f64| ms(latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)]);
    println!(
        "streams={streams} actions={actions} p50_ms={:.1} p99_ms={:.1} max_ms={:.1}",
        pick(0.50),
        pick(0.99),
        ms(*latencies.last().unwrap_or(&Duration::ZERO))
    );
    if let (Some(before), Some(open)) = (rss_before, rss_open) {
        println!(
            "rss_before_kib={before} rss_open_kib={open} kib_per_stream={:.1}",
            open.saturating_sub(before) as f64 / streams as f64
        );
    }
    Ok(())
}

/// A process's resident memory, from Linux's `/proc/<pid>/status`.
fn rss_kib(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).ok_or_else(|| anyhow::anyhow!("no VmRSS"))?;
    Ok(line.split_whitespace().nth(1).ok_or_else(|| anyhow::anyhow!("VmRSS: {line}"))?.parse()?)
}
