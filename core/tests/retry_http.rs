//! The gateway client against a real HTTP server on 127.0.0.1, started by each test and scripted
//! per request (docs/spec.md §2.5): 5xx then success, 429 with Retry-After, final 4xx, Stripe's hint,
//! resets, slow responses, Retry-After past the deadline, a spent budget; and the hardening: no
//! credentials in a base URL, no framing headers from the caller, no proxy from the environment,
//! and answers over the limits (huge headers or bodies, malformed, cut short, trickled) or a
//! certificate that does not verify are never sent again, with memory bounded.
#![cfg(feature = "http")]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use revtain::retry::{GatewayClient, GatewayError, Jitter, RetryPolicy, MAX_BODY};

/// What the server does with one request.
#[derive(Clone)]
enum Step {
    /// Answers with this status and headers.
    Status(u16, Vec<(&'static str, &'static str)>),
    /// Closes the connection with the request unread (the kernel sends a reset).
    Reset,
    /// Answers 200 after this long.
    Slow(Duration),
    /// Writes these bytes as the answer, then closes.
    Raw(Vec<u8>),
    /// Answers 200 and streams `total` bytes of body (chunked, or with its Content-Length),
    /// stopping at the first write that fails (the client hung up).
    Stream { total: u64, chunked: bool },
    /// Answers 200 with a Content-Length of `declared`, sends `sent` bytes of the body, waits
    /// `wait`, and closes.
    Partial {
        declared: usize,
        sent: usize,
        wait: Duration,
    },
    /// Answers 200 with a Content-Length of 1000, then sends one byte every 50 ms.
    Trickle,
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
    /// Serves `script` (one step per connection, the last one repeated), each connection in a
    /// thread of its own, so that a request sent again while an answer is still streaming is
    /// seen too.
    fn start(script: Vec<Step>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        std::thread::spawn(move || {
            for (i, conn) in listener.incoming().enumerate() {
                let Ok(conn) = conn else { return };
                let step = script[i.min(script.len() - 1)].clone();
                let log = log.clone();
                std::thread::spawn(move || serve_one(conn, step, &log));
            }
        });
        Server { url, seen }
    }

    fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }

    /// The requests seen, after a pause long enough for a request sent again to arrive.
    fn settled(&self) -> usize {
        std::thread::sleep(Duration::from_millis(150));
        self.seen().len()
    }
}

fn serve_one(mut conn: TcpStream, step: Step, log: &Mutex<Vec<Seen>>) {
    if let Step::Reset = step {
        std::thread::sleep(Duration::from_millis(20)); // let the request arrive
        log.lock().unwrap().push(Seen {
            method: "?".into(),
            path: "?".into(),
            headers: vec![],
            body: vec![],
        });
        return;
    }
    let request = read_request(&mut conn);
    log.lock().unwrap().push(request);
    let (status, headers) = match step {
        Step::Status(s, h) => (s, h),
        Step::Slow(d) => {
            std::thread::sleep(d);
            (200, vec![])
        }
        Step::Raw(bytes) => {
            let _ = conn.write_all(&bytes);
            return;
        }
        Step::Stream { total, chunked } => {
            let head = if chunked {
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_owned()
            } else {
                format!("HTTP/1.1 200 OK\r\nContent-Length: {total}\r\n\r\n")
            };
            if conn.write_all(head.as_bytes()).is_err() {
                return;
            }
            let block = vec![b'x'; 64 * 1024];
            let mut framed = format!("{:x}\r\n", block.len()).into_bytes();
            framed.extend_from_slice(&block);
            framed.extend_from_slice(b"\r\n");
            let mut sent = 0u64;
            while sent < total {
                let out = if chunked { &framed } else { &block };
                if conn.write_all(out).is_err() {
                    return; // the client hung up
                }
                sent += block.len() as u64;
            }
            if chunked {
                let _ = conn.write_all(b"0\r\n\r\n");
            }
            return;
        }
        Step::Partial {
            declared,
            sent,
            wait,
        } => {
            let head = format!("HTTP/1.1 200 OK\r\nContent-Length: {declared}\r\n\r\n");
            let _ = conn.write_all(head.as_bytes());
            let _ = conn.write_all(&vec![b'x'; sent]);
            std::thread::sleep(wait);
            return;
        }
        Step::Trickle => {
            let _ = conn.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n");
            for _ in 0..1000 {
                std::thread::sleep(Duration::from_millis(50));
                if conn.write_all(b"x").is_err() {
                    return;
                }
            }
            return;
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

// ------------------------------------------------------------------ hardening

const SECRET: &str = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

fn shown(e: &GatewayError) -> String {
    format!("{e} {e:?}")
}

#[test]
fn a_base_url_with_credentials_is_refused_and_never_shown() {
    // Parsed with userinfo: ureq would send it as Basic auth, and Debug, repr and toString
    // would show it.
    for url in [
        format!("https://{SECRET}:@api.example"),
        format!("https://user:{SECRET}@api.example/v1"),
        format!("http://{SECRET}@127.0.0.1:9"),
        format!("https://{SECRET}@api.example:443/"),
        "https://@api.example".to_owned(),
    ] {
        let err = GatewayClient::builder(&url).build().unwrap_err();
        assert!(matches!(err, GatewayError::InvalidRequest(_)), "{url}");
        assert!(err.to_string().contains("credentials"), "{err}");
        assert!(!shown(&err).contains(SECRET), "{err:?}");
    }
    // URLs that do not parse, or are not https: the URL is never echoed, whatever it holds.
    for url in [
        format!("https://{SECRET}:pass word@api.example"),
        format!("https://user:{SECRET}@@api.example"),
        format!("https://{SECRET} x"),
        SECRET.to_owned(), // a swapped argument
        format!("Bearer {SECRET}"),
        format!("ftp://{SECRET}/"),
        format!("{SECRET}://api.example"),
        format!("http://{SECRET}.example"),
        format!("https://{SECRET}.example/?q=1"),
        format!("https://{SECRET}.example/#f"),
    ] {
        let err = GatewayClient::builder(&url).build().unwrap_err();
        assert!(matches!(err, GatewayError::InvalidRequest(_)), "{url}");
        assert!(!shown(&err).contains(SECRET), "{url}: {err}");
    }
    let err = GatewayClient::builder(format!("https://u:{SECRET}:x y@api.example"))
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("credentials"), "{err}");
    // A client that was built shows its URL, which has no credentials to show.
    let c = GatewayClient::builder("https://api.example/v1/")
        .build()
        .unwrap();
    assert_eq!(c.base_url(), "https://api.example/v1");
    assert_eq!(c.host(), "api.example");
}

#[test]
fn framing_headers_from_the_caller_are_refused_naming_the_header() {
    let server = Server::start(vec![Step::Status(200, vec![])]);
    let value = "sk_live_VALUE_NOT_SHOWN";
    for name in [
        "Content-Length",
        "content-length",
        "TRANSFER-ENCODING",
        "Host",
        "host",
        "Connection",
        "UPGRADE",
    ] {
        // Client-wide.
        let err = GatewayClient::builder(&server.url)
            .header(name, value)
            .build()
            .unwrap_err();
        assert!(matches!(err, GatewayError::InvalidRequest(_)), "{name}");
        assert!(
            err.to_string()
                .to_ascii_lowercase()
                .contains(&name.to_ascii_lowercase()),
            "{err}"
        );
        assert!(!shown(&err).contains(value), "{err}");
        // Per request.
        let err = client(&server)
            .request(
                "POST",
                "/v1/charges",
                Some(b"amount=1"),
                &[(name, value)],
                None,
            )
            .unwrap_err();
        assert!(matches!(err, GatewayError::InvalidRequest(_)), "{name}");
        assert!(
            err.to_string()
                .to_ascii_lowercase()
                .contains(&name.to_ascii_lowercase()),
            "{err}"
        );
        assert!(!shown(&err).contains(value), "{err}");
    }
    // The classic: `Content-Length: 0` would have dropped the body, a wrong one failed and was
    // retried. The client frames the body itself.
    let err = client(&server)
        .request(
            "POST",
            "/",
            Some(b"amount=1"),
            &[("Content-Length", "0")],
            None,
        )
        .unwrap_err();
    assert!(err.to_string().contains("Content-Length"), "{err}");
    assert_eq!(
        server.settled(),
        0,
        "nothing may be sent for a refused request"
    );
    // The body goes with its own length.
    client(&server)
        .request("POST", "/", Some(b"amount=1"), &[], None)
        .unwrap();
    let seen = server.seen();
    assert_eq!(seen[0].body, b"amount=1");
    assert_eq!(seen[0].header("content-length"), Some("8"));
    assert_eq!(seen[0].header("host"), Some(&server.url["http://".len()..]));
}

#[test]
fn methods_and_paths_are_checked_and_never_echoed() {
    let server = Server::start(vec![Step::Status(200, vec![])]);
    let c = client(&server);
    for method in [SECRET, "TRACE", "CONNECT", "FOO", ""] {
        let err = c.request(method, "/", None, &[], None).unwrap_err();
        assert!(matches!(err, GatewayError::InvalidRequest(_)), "{method}");
        assert!(!shown(&err).contains(SECRET), "{err}");
    }
    let err = c.request("GET", SECRET, None, &[], None).unwrap_err();
    assert!(!shown(&err).contains(SECRET), "{err}");
    let err = c
        .request(
            "GET",
            "/",
            None,
            &[(&format!("Bearer {SECRET}"), "Authorization")],
            None,
        )
        .unwrap_err();
    assert!(!shown(&err).contains(SECRET), "{err}");
    let err = c.request("HEAD", "/", Some(b"x"), &[], None).unwrap_err();
    assert!(err.to_string().contains("HEAD"), "{err}");
    assert_eq!(server.settled(), 0);
    // Every method a gateway API uses, in any case.
    for method in ["get", "HEAD", "post", "PUT", "patch", "DELETE", "OPTIONS"] {
        assert_eq!(c.request(method, "/", None, &[], None).unwrap().status, 200);
    }
}

/// A loopback "proxy" that counts its connections and, for a CONNECT, answers 200 and then the
/// tunnelled request itself, with a body of "via proxy" (it is both the proxy and the host).
struct Proxy {
    url: String,
    connections: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Proxy {
    fn start() -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let connections = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (count, log) = (connections.clone(), requests.clone());
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                let Ok(mut conn) = conn else { return };
                count.fetch_add(1, Ordering::SeqCst);
                let log = log.clone();
                std::thread::spawn(move || {
                    let head = read_head(&mut conn);
                    log.lock().unwrap().push(head.clone());
                    if !head.starts_with("CONNECT ") {
                        return;
                    }
                    let _ = conn.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
                    let inner = read_head(&mut conn);
                    log.lock().unwrap().push(inner);
                    let _ = conn.write_all(
                        b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\nConnection: close\r\n\r\nvia proxy",
                    );
                });
            }
        });
        Proxy {
            url,
            connections,
            requests,
        }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

/// Reads a request head (up to the blank line) as text.
fn read_head(conn: &mut TcpStream) -> String {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(3)));
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") && buf.len() < 65536 {
        match conn.read(&mut byte) {
            Ok(1) => buf.push(byte[0]),
            _ => break,
        }
    }
    String::from_utf8_lossy(&buf).into_owned()
}

const PROXY_VARIABLES: [&str; 6] = [
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "ALL_PROXY",
    "all_proxy",
];

/// Run by `environment_proxies_are_ignored` in a process of its own whose environment names a
/// proxy (setting it here would race with the other tests' threads).
#[test]
#[ignore = "run by environment_proxies_are_ignored, with a proxy in its environment"]
fn environment_proxy_child() {
    let Ok(target) = std::env::var("REVTAIN_TEST_TARGET") else {
        return;
    };
    assert!(std::env::var("HTTPS_PROXY").is_ok());
    for method in ["GET", "POST"] {
        let resp = GatewayClient::builder(&target)
            .policy(fast())
            .header("Authorization", "Bearer sk_test_child")
            .build()
            .unwrap()
            .request(method, "/v1/charges", None, &[], None)
            .unwrap();
        assert_eq!(
            resp.body, br#"{"status":200}"#,
            "the gateway answered, not the proxy"
        );
    }
}

#[test]
fn environment_proxies_are_ignored() {
    let proxy = Proxy::start();
    let server = Server::start(vec![Step::Status(200, vec![])]);
    let mut child = std::process::Command::new(std::env::current_exe().unwrap());
    child
        .args([
            "environment_proxy_child",
            "--exact",
            "--ignored",
            "--test-threads=1",
        ])
        .env("REVTAIN_TEST_TARGET", &server.url)
        .env_remove("NO_PROXY")
        .env_remove("no_proxy");
    for var in PROXY_VARIABLES {
        child.env(var, &proxy.url);
    }
    let out = child.output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("1 passed"), "{text}");
    assert_eq!(
        proxy.connections(),
        0,
        "no request may go to a proxy nobody chose"
    );
    assert_eq!(server.seen().len(), 2);
}

#[test]
fn an_explicit_proxy_is_used_and_its_credentials_never_shown() {
    let proxy = Proxy::start();
    let server = Server::start(vec![Step::Status(200, vec![])]);
    let with_credentials = proxy
        .url
        .replace("http://", &format!("http://user:{SECRET}@"));
    let c = GatewayClient::builder(&server.url)
        .policy(fast())
        .proxy(&with_credentials)
        .allow_insecure_http(true)
        .build()
        .unwrap();
    assert_eq!(c.proxy(), Some(proxy.url.as_str()));
    assert!(!format!("{c:?}").contains(SECRET), "{c:?}");
    assert!(format!("{c:?}").contains(&proxy.url), "{c:?}");
    let resp = c.request("GET", "/v1/x", None, &[], None).unwrap();
    assert_eq!(resp.body, b"via proxy");
    assert_eq!(proxy.connections(), 1);
    assert_eq!(server.seen().len(), 0, "the request went through the proxy");
    let log = proxy.requests.lock().unwrap().clone();
    let target = &server.url["http://".len()..];
    assert!(
        log[0].starts_with(&format!("CONNECT {target} HTTP/1.1")),
        "{log:?}"
    );
    assert!(log[0].contains("Proxy-Authorization: Basic "), "{log:?}");
    assert!(log[1].starts_with("GET /v1/x HTTP/1.1"), "{log:?}");
    // No client is made with a proxy nobody can trust to be the one meant.
    assert!(GatewayClient::builder("https://api.example")
        .proxy("https://proxy.internal:3128")
        .build()
        .is_ok());
    for bad in [
        "socks5://127.0.0.1:1080".to_owned(), // not an HTTP CONNECT proxy: ureq would go direct
        "127.0.0.1:3128".to_owned(),
        format!("http://user:{SECRET}@"),
        format!("http://user:{SECRET}@proxy:3128/path"),
        format!("not a url {SECRET}"),
        format!("http://proxy:3128/?k={SECRET}"),
    ] {
        let err = GatewayClient::builder("https://api.example")
            .proxy(&bad)
            .build()
            .unwrap_err();
        assert!(matches!(err, GatewayError::InvalidRequest(_)), "{bad}");
        assert!(!shown(&err).contains(SECRET), "{err}");
    }
    // Plain http through a proxy only when insecure http is explicitly allowed: the proxy
    // would read the request, and "loopback" would be the proxy's own.
    let err = GatewayClient::builder(&server.url)
        .proxy(&proxy.url)
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("proxy"), "{err}");
    assert_eq!(proxy.connections(), 1);
}

/// Expects a `ResponseRejected` after exactly one request, and returns it.
fn rejected_once(server: &Server, err: GatewayError) -> (String, Option<u16>, GatewayError) {
    let GatewayError::ResponseRejected {
        reason,
        attempts,
        last,
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(attempts.len(), 1, "{err}");
    assert_eq!(
        server.settled(),
        1,
        "an answered request must not be sent again: {err}"
    );
    let status = last.as_ref().map(|r| r.status);
    assert_eq!(attempts[0].status, status);
    assert_eq!(attempts[0].error.as_deref(), Some(reason.as_str()));
    if let Some(last) = last {
        assert!(last.body.is_empty());
        assert_eq!(last.attempts.len(), 1);
    }
    (reason.clone(), status, err)
}

fn client_with_timeout(server: &Server, timeout: Duration) -> GatewayClient {
    GatewayClient::builder(&server.url)
        .policy(fast())
        .timeout(timeout)
        .build()
        .unwrap()
}

/// The peak resident memory since the last call (Linux: /proc/self/clear_refs resets it).
fn reset_peak() -> Option<u64> {
    std::fs::write("/proc/self/clear_refs", "5").ok()?;
    peak()
}

fn peak() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

#[test]
fn a_body_over_the_limit_is_final_and_memory_stays_bounded() {
    // One test, so that no other big transfer runs beside it while the peak is measured.
    let before = reset_peak();
    // Declared: 1 GiB (it used to be read, cut at 16 MiB, and the request sent three times).
    let server = Server::start(vec![Step::Stream {
        total: 1 << 30,
        chunked: false,
    }]);
    let started = Instant::now();
    let err = client(&server)
        .request("POST", "/v1/charges", Some(b"amount=1"), &[], None)
        .unwrap_err();
    let (reason, status, err) = rejected_once(&server, err);
    assert_eq!(status, Some(200), "the status that arrived is kept");
    assert!(reason.contains("16 MiB"), "{reason}");
    assert!(err.to_string().contains("not sent again"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "declared too big: not read"
    );
    // Chunked, so only reading tells: 64 MiB offered, read to the limit and refused.
    let server = Server::start(vec![Step::Stream {
        total: 64 << 20,
        chunked: true,
    }]);
    let err = client_with_timeout(&server, Duration::from_secs(4))
        .request("POST", "/v1/charges", None, &[], None)
        .unwrap_err();
    let (reason, status, _) = rejected_once(&server, err);
    assert_eq!(status, Some(200));
    assert!(reason.contains("16 MiB"), "{reason}");
    if let (Some(before), Some(after)) = (before, peak()) {
        let grown = after.saturating_sub(before);
        eprintln!("peak memory grew by {} KiB", grown >> 10);
        assert!(
            grown < 3 * MAX_BODY,
            "peak memory grew by {} MiB reading a body capped at 16 MiB",
            grown >> 20
        );
    }
    // Exactly the limit is still a response.
    let server = Server::start(vec![Step::Stream {
        total: MAX_BODY,
        chunked: true,
    }]);
    let resp = client_with_timeout(&server, Duration::from_secs(4))
        .request("GET", "/", None, &[], None)
        .unwrap();
    assert_eq!(resp.body.len() as u64, MAX_BODY);
}

#[test]
fn huge_or_malformed_heads_are_final() {
    let head = |n: usize, size: usize| {
        let mut raw = b"HTTP/1.1 200 OK\r\n".to_vec();
        for i in 0..n {
            raw.extend_from_slice(format!("X-Filler-{i}: {}\r\n", "y".repeat(size)).as_bytes());
        }
        raw.extend_from_slice(b"Content-Length: 0\r\n\r\n");
        raw
    };
    for (raw, want) in [
        (head(20, 4096), "64 KiB"),
        (head(2000, 8), "too many headers"),
        (
            b"HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n".to_vec(),
            "malformed",
        ),
        (b"SMTP ready\r\n\r\n".to_vec(), "malformed"),
        (
            b"HTTP/1.1 200 OK\r\nBad Header\r\n\r\n".to_vec(),
            "malformed",
        ),
    ] {
        let server = Server::start(vec![Step::Raw(raw), Step::Status(200, vec![])]);
        let err = client(&server)
            .request("POST", "/v1/charges", None, &[], None)
            .unwrap_err();
        let (reason, status, _) = rejected_once(&server, err);
        assert_eq!(status, None);
        assert!(reason.contains(want), "{reason}");
    }
}

#[test]
fn a_body_cut_short_stalled_or_trickled_is_final_with_its_status() {
    // Cut short: the connection closes with half the body sent.
    let server = Server::start(vec![
        Step::Partial {
            declared: 100,
            sent: 50,
            wait: Duration::ZERO,
        },
        Step::Status(200, vec![]),
    ]);
    let err = client(&server)
        .request("POST", "/", None, &[], None)
        .unwrap_err();
    let (reason, status, _) = rejected_once(&server, err);
    assert_eq!(status, Some(200));
    assert!(reason.contains("closed"), "{reason}");
    // Stalled after the head: the attempt's timeout ends it, and it is not sent again.
    let server = Server::start(vec![
        Step::Partial {
            declared: 100,
            sent: 10,
            wait: Duration::from_secs(3),
        },
        Step::Status(200, vec![]),
    ]);
    let started = Instant::now();
    let err = client_with_timeout(&server, Duration::from_millis(300))
        .request("POST", "/", None, &[], None)
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    let (reason, status, _) = rejected_once(&server, err);
    assert_eq!(status, Some(200));
    assert!(reason.contains("timeout"), "{reason}");
    // Trickled: a byte every 50 ms never beats the timeout, and holds nothing big.
    let server = Server::start(vec![Step::Trickle, Step::Status(200, vec![])]);
    let started = Instant::now();
    let err = client_with_timeout(&server, Duration::from_millis(400))
        .request("POST", "/", None, &[], None)
        .unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    let (reason, status, _) = rejected_once(&server, err);
    assert_eq!(status, Some(200));
    assert!(reason.contains("timeout"), "{reason}");
}

#[test]
fn faults_before_an_answer_are_still_retried_within_bounds() {
    // A stall before any answer, and a reset: nothing was answered, so the policy retries
    // (the idempotency key makes that safe), in bounded time and attempts.
    let server = Server::start(vec![Step::Slow(Duration::from_secs(3))]);
    let started = Instant::now();
    let err = client_with_timeout(&server, Duration::from_millis(200))
        .request("POST", "/", None, &[], None)
        .unwrap_err();
    assert!(
        matches!(err, GatewayError::RetriesExhausted { .. }),
        "{err:?}"
    );
    assert_eq!(err.attempts().len(), 4);
    assert!(started.elapsed() < Duration::from_secs(3));
    let server = Server::start(vec![Step::Reset]);
    let err = client(&server)
        .request("POST", "/", None, &[], None)
        .unwrap_err();
    assert_eq!(err.attempts().len(), 4);
    assert_eq!(server.settled(), 4);
}

/// A TLS server on 127.0.0.1 with a self-signed certificate (no client trusts it); counts the
/// connections.
fn start_untrusted_tls() -> (String, Arc<AtomicUsize>) {
    use openssl::asn1::Asn1Time;
    use openssl::hash::MessageDigest;
    use openssl::pkey::PKey;
    use openssl::rsa::Rsa;
    use openssl::ssl::{SslAcceptor, SslMethod};
    use openssl::x509::extension::SubjectAlternativeName;
    use openssl::x509::{X509NameBuilder, X509};

    let key = PKey::from_rsa(Rsa::generate(2048).unwrap()).unwrap();
    let mut name = X509NameBuilder::new().unwrap();
    name.append_entry_by_text("CN", "localhost").unwrap();
    let name = name.build();
    let mut cert = X509::builder().unwrap();
    cert.set_version(2).unwrap();
    cert.set_subject_name(&name).unwrap();
    cert.set_issuer_name(&name).unwrap();
    cert.set_pubkey(&key).unwrap();
    cert.set_not_before(&Asn1Time::days_from_now(0).unwrap())
        .unwrap();
    cert.set_not_after(&Asn1Time::days_from_now(30).unwrap())
        .unwrap();
    let san = SubjectAlternativeName::new()
        .dns("localhost")
        .ip("127.0.0.1")
        .build(&cert.x509v3_context(None, None))
        .unwrap();
    cert.append_extension(san).unwrap();
    cert.sign(&key, MessageDigest::sha256()).unwrap();
    let cert = cert.build();
    let mut acceptor = SslAcceptor::mozilla_intermediate_v5(SslMethod::tls()).unwrap();
    acceptor.set_private_key(&key).unwrap();
    acceptor.set_certificate(&cert).unwrap();
    let acceptor = Arc::new(acceptor.build());
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let count = Arc::new(AtomicUsize::new(0));
    let counted = count.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(conn) = conn else { return };
            counted.fetch_add(1, Ordering::SeqCst);
            let acceptor = acceptor.clone();
            std::thread::spawn(move || {
                if let Ok(mut tls) = acceptor.accept(conn) {
                    let _ = tls.write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
                }
            });
        }
    });
    (format!("https://127.0.0.1:{port}"), count)
}

#[test]
fn a_certificate_that_does_not_verify_is_final() {
    let (url, connections) = start_untrusted_tls();
    for host in [url.clone(), url.replace("127.0.0.1", "localhost")] {
        let before = connections.load(Ordering::SeqCst);
        let c = GatewayClient::builder(&host)
            .policy(fast())
            .build()
            .unwrap();
        let err = c
            .request("POST", "/v1/charges", None, &[], None)
            .unwrap_err();
        let GatewayError::TlsFailed { reason, attempts } = &err else {
            panic!("{err:?}")
        };
        assert!(reason.contains("certificate"), "{reason}");
        assert_eq!(attempts.len(), 1);
        assert_eq!(attempts[0].status, None);
        assert!(err.to_string().contains("not retried"), "{err}");
        assert!(err.last_response().is_none());
        std::thread::sleep(Duration::from_millis(100));
        assert_eq!(
            connections.load(Ordering::SeqCst) - before,
            1,
            "no retry against it"
        );
    }
}
