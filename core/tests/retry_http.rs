//! The gateway client against a real HTTP server on 127.0.0.1, started by each test and scripted
//! per request (docs/spec.md §2.5): 5xx then success, 429 with Retry-After, final 4xx, Stripe's hint,
//! resets, slow responses, Retry-After past the deadline, a spent budget.
#![cfg(feature = "http")]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use revtain::retry::{GatewayClient, GatewayError, Jitter, RetryPolicy};

/// What the server does with one request.
#[derive(Clone)]
enum Step {
    /// Answers with this status and headers.
    Status(u16, Vec<(&'static str, &'static str)>),
    /// Closes the connection with the request unread (the kernel sends a reset).
    Reset,
    /// Answers 200 after this long.
    Slow(Duration),
}

#[derive(Clone, Debug)]
struct Seen {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

struct Server {
    url: String,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Serves `script` (one step per request, the last one repeated).
    fn start(script: Vec<Step>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for (i, conn) in listener.incoming().enumerate() {
                let Ok(mut conn) = conn else { return };
                let step = script[i.min(script.len() - 1)].clone();
                if let Step::Reset = step {
                    std::thread::sleep(Duration::from_millis(20)); // let the request arrive
                    log.lock().unwrap().push(Seen {
                        method: "?".into(),
                        path: "?".into(),
                        headers: vec![],
                        body: vec![],
                    });
                    drop(conn);
                    continue;
                }
                let request = read_request(&mut conn);
                log.lock().unwrap().push(request);
                let (status, headers) = match step {
                    Step::Status(s, h) => (s, h),
                    Step::Slow(d) => {
                        std::thread::sleep(d);
                        (200, vec![])
                    }
                    Step::Reset => unreachable!(),
                };
                let body = format!("{{\"status\":{status}}}");
                let mut out = format!(
                    "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
                    body.len()
                );
                for (n, v) in headers {
                    out.push_str(&format!("{n}: {v}\r\n"));
                }
                out.push_str("\r\n");
                out.push_str(&body);
                let _ = conn.write_all(out.as_bytes());
            }
        });
        Server { url, seen }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn read_request(conn: &mut TcpStream) -> Seen {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        let n = conn.read(&mut chunk).unwrap_or(0);
        if n == 0 {
            break buf.len();
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(p) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break p + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split(' ');
    let method = first.next().unwrap_or("").to_owned();
    let path = first.next().unwrap_or("").to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let len: usize = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < len {
        let n = conn.read(&mut chunk).unwrap_or(0);
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Seen {
        method,
        path,
        headers,
        body,
    }
}

/// A fast policy for tests: 10 ms base, 4 attempts, 5 s deadline, no jitter.
fn fast() -> RetryPolicy {
    RetryPolicy::new(
        Duration::from_millis(10),
        Duration::from_millis(100),
        4,
        Duration::from_secs(5),
        Jitter::None,
    )
    .unwrap()
}

fn client(server: &Server) -> GatewayClient {
    GatewayClient::builder(&server.url)
        .policy(fast())
        .timeout(Duration::from_secs(2))
        .header("Authorization", "Bearer sk_test_secret")
        .build()
        .unwrap()
}

fn is_uuid_v4(s: &str) -> bool {
    let b = s.as_bytes();
    s.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| b[i] == b'-')
        && b[14] == b'4'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
        && s.bytes()
            .filter(|&c| c != b'-')
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
}

#[test]
fn two_503_then_200_is_three_attempts_with_one_idempotency_key() {
    let server = Server::start(vec![
        Step::Status(503, vec![]),
        Step::Status(503, vec![]),
        Step::Status(200, vec![("X-Request-Id", "req_1")]),
    ]);
    let resp = client(&server)
        .request(
            "POST",
            "/v1/payment_intents/pi_1/confirm",
            Some(b"amount=1000"),
            &[],
            None,
        )
        .unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(resp.header("x-request-id"), Some("req_1"));
    assert_eq!(resp.body, br#"{"status":200}"#);
    let statuses: Vec<_> = resp.attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(503), Some(503), Some(200)]);
    assert_eq!(resp.attempts[0].delay, Duration::ZERO);
    assert_eq!(resp.attempts[1].delay, Duration::from_millis(10));
    assert_eq!(resp.attempts[2].delay, Duration::from_millis(20));
    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    let keys: Vec<_> = seen
        .iter()
        .map(|s| s.header("idempotency-key").unwrap().to_owned())
        .collect();
    assert!(is_uuid_v4(&keys[0]), "{keys:?}");
    assert!(
        keys.iter().all(|k| *k == keys[0]),
        "one key for every attempt: {keys:?}"
    );
    assert_eq!(resp.idempotency_key.as_deref(), Some(keys[0].as_str()));
    for s in &seen {
        assert_eq!(
            (s.method.as_str(), s.path.as_str()),
            ("POST", "/v1/payment_intents/pi_1/confirm")
        );
        assert_eq!(s.body, b"amount=1000");
        assert_eq!(s.header("authorization"), Some("Bearer sk_test_secret"));
    }
    // Another logical call gets another key.
    let server2 = Server::start(vec![Step::Status(200, vec![])]);
    client(&server2)
        .request("POST", "/x", None, &[], None)
        .unwrap();
    assert_ne!(
        server2.seen()[0].header("idempotency-key"),
        Some(keys[0].as_str())
    );
}

#[test]
fn caller_key_is_used_and_get_has_none_by_default() {
    let server = Server::start(vec![Step::Status(502, vec![]), Step::Status(200, vec![])]);
    let c = client(&server);
    c.request("POST", "/a", None, &[], Some("order-42-retry-3"))
        .unwrap();
    c.request("GET", "/b", None, &[("Accept", "application/json")], None)
        .unwrap();
    let seen = server.seen();
    assert_eq!(seen[0].header("idempotency-key"), Some("order-42-retry-3"));
    assert_eq!(seen[1].header("idempotency-key"), Some("order-42-retry-3"));
    assert_eq!(seen[2].header("idempotency-key"), None);
    assert_eq!(seen[2].header("accept"), Some("application/json"));
}

impl Seen {
    /// Every value of the headers of that name (case-insensitive).
    fn all(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }
}

#[test]
fn a_callers_idempotency_header_is_the_only_key_sent_and_the_one_reported() {
    // A caller's own key in the request headers, in any spelling, must never travel beside a
    // generated one: depending on the gateway's stack the effective key would change per
    // logical call, and a charge re-issued after a crash could go through twice.
    for spelling in ["Idempotency-Key", "idempotency-key", "IDEMPOTENCY-KEY"] {
        let server = Server::start(vec![Step::Status(503, vec![]), Step::Status(200, vec![])]);
        let resp = client(&server)
            .request(
                "POST",
                "/v1/charges",
                Some(b"amount=1"),
                &[(spelling, "order-42")],
                None,
            )
            .unwrap();
        assert_eq!(
            resp.idempotency_key.as_deref(),
            Some("order-42"),
            "{spelling}"
        );
        let seen = server.seen();
        assert_eq!(seen.len(), 2);
        for s in &seen {
            assert_eq!(s.all("idempotency-key"), ["order-42"], "{spelling}");
        }
    }
    // The argument and a header that agree: still one key on the wire.
    let server = Server::start(vec![Step::Status(200, vec![])]);
    let resp = client(&server)
        .request("POST", "/x", None, &[("Idempotency-Key", "k1")], Some("k1"))
        .unwrap();
    assert_eq!(resp.idempotency_key.as_deref(), Some("k1"));
    assert_eq!(server.seen()[0].all("idempotency-key"), ["k1"]);
    // Disagreeing, or a header given twice: refused before anything is sent.
    let server = Server::start(vec![Step::Status(200, vec![])]);
    let c = client(&server);
    for (headers, arg) in [
        (&[("Idempotency-Key", "k1")][..], Some("k2")),
        (
            &[("Idempotency-Key", "k1"), ("idempotency-key", "k1")][..],
            None,
        ),
    ] {
        let err = c.request("POST", "/x", None, headers, arg).unwrap_err();
        assert!(matches!(err, GatewayError::InvalidRequest(_)), "{err}");
    }
    // An empty or overlong key in a header is refused as it is as an argument.
    let long = "k".repeat(256);
    for bad in ["", long.as_str()] {
        let err = c
            .request("POST", "/x", None, &[("Idempotency-Key", bad)], None)
            .unwrap_err();
        assert!(matches!(err, GatewayError::InvalidRequest(_)), "{err}");
    }
    assert!(
        server.seen().is_empty(),
        "nothing may be sent for a refused request"
    );
}

#[test]
fn a_client_wide_idempotency_header_is_refused() {
    for spelling in ["Idempotency-Key", "idempotency-key"] {
        let err = GatewayClient::builder("http://127.0.0.1:9")
            .header(spelling, "same-for-every-call")
            .build()
            .unwrap_err();
        assert!(matches!(err, GatewayError::InvalidRequest(_)), "{err}");
        assert!(err.to_string().contains("client-wide"), "{err}");
        assert!(!err.to_string().contains("same-for-every-call"), "{err}");
    }
}

#[test]
fn retry_after_is_a_floor() {
    let server = Server::start(vec![
        Step::Status(429, vec![("Retry-After", "1")]),
        Step::Status(200, vec![]),
    ]);
    let started = Instant::now();
    let resp = client(&server)
        .request("GET", "/", None, &[], None)
        .unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(resp.attempts[1].delay, Duration::from_secs(1));
    assert!(started.elapsed() >= Duration::from_secs(1));
}

#[test]
fn final_answers_are_not_retried() {
    for (status, headers) in [
        (400, vec![]),
        (402, vec![]),
        (404, vec![]),
        (501, vec![]),
        (500, vec![("Stripe-Should-Retry", "false")]),
    ] {
        let server = Server::start(vec![
            Step::Status(status, headers),
            Step::Status(200, vec![]),
        ]);
        let resp = client(&server)
            .request("POST", "/charge", None, &[], None)
            .unwrap();
        assert_eq!(resp.status, status);
        assert_eq!(resp.attempts.len(), 1, "{status}");
        assert_eq!(server.seen().len(), 1, "{status}");
    }
    // A redirect is returned as it is, never followed (that would resend a charge elsewhere).
    let server = Server::start(vec![
        Step::Status(302, vec![("Location", "http://127.0.0.1:9/elsewhere")]),
        Step::Status(200, vec![]),
    ]);
    let resp = client(&server)
        .request("POST", "/charge", None, &[], None)
        .unwrap();
    assert_eq!(
        (resp.status, resp.attempts.len(), server.seen().len()),
        (302, 1, 1)
    );
    // Stripe-Should-Retry: true retries even a 409.
    let server = Server::start(vec![
        Step::Status(409, vec![("Stripe-Should-Retry", "true")]),
        Step::Status(200, vec![]),
    ]);
    let resp = client(&server)
        .request("POST", "/charge", None, &[], None)
        .unwrap();
    assert_eq!(resp.attempts.len(), 2);
}

#[test]
fn a_reset_connection_is_retried() {
    let server = Server::start(vec![Step::Reset, Step::Status(200, vec![])]);
    let resp = client(&server)
        .request("POST", "/", Some(&[b'x'; 100_000]), &[], None)
        .unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(resp.attempts.len(), 2);
    assert!(resp.attempts[0].status.is_none());
    assert!(resp.attempts[0].error.is_some());
}

#[test]
fn a_slow_response_times_out_and_is_retried() {
    let server = Server::start(vec![
        Step::Slow(Duration::from_millis(800)),
        Step::Status(200, vec![]),
    ]);
    let c = GatewayClient::builder(&server.url)
        .policy(fast())
        .timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let resp = c.request("POST", "/", None, &[], None).unwrap();
    assert_eq!(resp.status, 200);
    let first = &resp.attempts[0];
    assert!(
        first.error.as_deref().unwrap().contains("timed out"),
        "{first:?}"
    );
    assert!(first.duration < Duration::from_millis(700), "{first:?}");
    let keys: Vec<_> = server
        .seen()
        .iter()
        .map(|s| s.header("idempotency-key").map(str::to_owned))
        .collect();
    assert_eq!(keys[0], keys[1]);
}

#[test]
fn retry_after_past_the_deadline_stops_at_once() {
    let server = Server::start(vec![Step::Status(503, vec![("Retry-After", "60")])]);
    let started = Instant::now();
    let err = client(&server)
        .request("POST", "/", None, &[], None)
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1));
    match &err {
        GatewayError::RetryAfterBeyondDeadline {
            requested,
            attempts,
            last,
        } => {
            assert_eq!(*requested, Duration::from_secs(60));
            assert_eq!(attempts.len(), 1);
            assert_eq!(last.as_ref().unwrap().status, 503);
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("60 s"), "{err}");
}

#[test]
fn a_spent_budget_fails_fast_without_sending() {
    let server = Server::start(vec![Step::Status(503, vec![])]);
    let c = client(&server);
    c.budget().set(c.host(), 0);
    let started = Instant::now();
    let err = c.request("POST", "/", None, &[], None).unwrap_err();
    assert!(
        matches!(err, GatewayError::BudgetExhausted { .. }),
        "{err:?}"
    );
    assert_eq!(server.seen().len(), 1, "no retry was sent");
    assert!(started.elapsed() < Duration::from_millis(500));
}

#[test]
fn exhausted_attempts_carry_the_history() {
    let server = Server::start(vec![Step::Status(503, vec![])]);
    let err = client(&server)
        .request("POST", "/", None, &[], None)
        .unwrap_err();
    match &err {
        GatewayError::RetriesExhausted { attempts, last } => {
            assert_eq!(attempts.len(), 4);
            assert_eq!(last.as_ref().unwrap().status, 503);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.seen().len(), 4);
    assert!(err.to_string().contains("503, 503, 503, 503"), "{err}");
    // A host that refuses connections: retried, then the error says so.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let c = GatewayClient::builder(format!("http://127.0.0.1:{port}"))
        .policy(fast())
        .build()
        .unwrap();
    let err = c.request("GET", "/", None, &[], None).unwrap_err();
    assert_eq!(err.attempts().len(), 4);
    assert!(err.to_string().contains("connection refused"), "{err}");
}

#[test]
fn plain_http_only_to_loopback_and_requests_are_checked() {
    for url in [
        "http://api.stripe.com",
        "ftp://127.0.0.1",
        "https://",
        "not a url",
        "https://h/?q=1",
    ] {
        assert!(
            matches!(
                GatewayClient::builder(url).build(),
                Err(GatewayError::InvalidRequest(_))
            ),
            "{url}"
        );
    }
    for url in [
        "https://api.stripe.com",
        "http://127.0.0.1:8080",
        "http://localhost",
        "http://[::1]:9",
    ] {
        assert!(GatewayClient::builder(url).build().is_ok(), "{url}");
    }
    assert!(GatewayClient::builder("http://10.0.0.5")
        .allow_insecure_http(true)
        .build()
        .is_ok());
    let c = GatewayClient::builder("https://api.stripe.com")
        .header("Authorization", "Bearer sk_live_x")
        .build()
        .unwrap();
    assert!(!format!("{c:?}").contains("sk_live"));
    for path in ["v1/charges", "//evil.example/x", "/a b", "/a\r\nX: y"] {
        assert!(
            matches!(
                c.request("GET", path, None, &[], None),
                Err(GatewayError::InvalidRequest(_))
            ),
            "{path}"
        );
    }
    assert!(matches!(
        c.request("GET", "/", None, &[("Bad Header", "v")], None),
        Err(GatewayError::InvalidRequest(_))
    ));
    assert!(matches!(
        c.request("G ET", "/", None, &[], None),
        Err(GatewayError::InvalidRequest(_))
    ));
}
