//! Gateway calls with retries: a local server answers 503, 503, then 200; the client retries
//! with backoff, one idempotency key on every attempt, and reports each attempt. Run with
//! `cargo run -p revtain --features http --example gateway`.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use revtain::retry::{GatewayClient, Jitter, RetryPolicy};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A stand-in for a gateway having a bad moment.
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://{}", listener.local_addr()?);
    std::thread::spawn(move || {
        for (i, conn) in listener.incoming().enumerate() {
            let Ok(mut conn) = conn else { return };
            let mut buf = [0u8; 4096];
            let _ = conn.read(&mut buf);
            let status = if i < 2 {
                "503 Service Unavailable"
            } else {
                "200 OK"
            };
            let body = r#"{"id":"pi_1","status":"succeeded"}"#;
            let _ = write!(
                conn,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });

    let policy = RetryPolicy::new(
        Duration::from_millis(50),
        Duration::from_secs(2),
        4,
        Duration::from_secs(10),
        Jitter::Full,
    )?;
    let client = GatewayClient::builder(url)
        .policy(policy)
        .header("Authorization", "Bearer sk_test_example")
        .build()?;
    let resp = client.request(
        "POST",
        "/v1/payment_intents/pi_1/confirm",
        Some(b""),
        &[],
        None,
    )?;
    println!(
        "[rust]   result                : {} {}",
        resp.status,
        String::from_utf8_lossy(&resp.body)
    );
    println!(
        "[rust]   idempotency key       : {} (same on every attempt)",
        resp.idempotency_key.as_deref().unwrap_or("-")
    );
    for (i, a) in resp.attempts.iter().enumerate() {
        println!(
            "[rust]   attempt {}             : status {:?} after waiting {:.3} s",
            i + 1,
            a.status.unwrap_or(0),
            a.delay.as_secs_f64()
        );
    }
    Ok(())
}
