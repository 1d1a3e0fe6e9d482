//! The Redis store against a real `redis-server` started by this test on 127.0.0.1.
//!
//! Needs `redis-server` on the PATH (`make test` installs it with apt). Without it the tests
//! fail, unless `REVTAIN_SKIP_REDIS=1` says to skip them on purpose.
#![cfg(feature = "redis")]

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use proptest::prop_assert_eq;
use revtain::ratelimit::{RateLimiter, RedisOptions};

/// A `redis-server` on a free loopback port, killed on drop.
struct RedisServer {
    child: Child,
    port: u16,
    dir: TempDir,
}

struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl RedisServer {
    fn start() -> Option<RedisServer> {
        if std::env::var_os("REVTAIN_SKIP_REDIS").is_some_and(|v| v == "1") {
            eprintln!("REVTAIN_SKIP_REDIS=1: Redis tests skipped on purpose");
            return None;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = std::env::temp_dir().join(format!("revtain-redis-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let child = Self::spawn(port, &dir);
        let server = RedisServer {
            child,
            port,
            dir: TempDir(dir),
        };
        server.wait_until_up();
        Some(server)
    }

    fn spawn(port: u16, dir: &std::path::Path) -> Child {
        Command::new("redis-server")
            .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
            .args(["--save", "", "--appendonly", "no", "--dir"])
            .arg(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect(
                "redis-server is needed for the Redis store tests (make test installs it with apt; \
                 REVTAIN_SKIP_REDIS=1 skips them on purpose)",
            )
    }

    fn wait_until_up(&self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// SIGKILL: no shutdown, every connection cut, nothing kept (no persistence).
    fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// A new `redis-server` on the same port, empty; returns once it accepts connections.
    fn restart(&mut self) -> Instant {
        self.child = Self::spawn(self.port, &self.dir.0);
        self.wait_until_up();
        Instant::now()
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/", self.port)
    }

    fn limiter(&self, limit: u32, window: Duration, prefix: &str) -> RateLimiter {
        RateLimiter::builder()
            .limit(limit)
            .window(window)
            .redis(RedisOptions::new(self.url()).prefix(prefix))
            .build()
            .unwrap()
    }

    fn command(&self, args: &[&str]) -> String {
        let out = Command::new("redis-cli")
            .args(["-p", &self.port.to_string()])
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const T0: u64 = 1_700_000_000_000_000;

fn at(us: u64) -> Duration {
    Duration::from_micros(T0 + us)
}

#[test]
fn two_instances_enforce_one_limit() {
    let Some(redis) = RedisServer::start() else {
        return;
    };
    let a = redis.limiter(60, Duration::from_secs(60), "t1:");
    let b = redis.limiter(60, Duration::from_secs(60), "t1:");
    let mut admitted = 0;
    for i in 0..100 {
        let limiter = if i % 2 == 0 { &a } else { &b };
        let d = limiter.check("rev_shared_key").unwrap();
        assert!(d.store_error.is_none(), "{:?}", d.store_error);
        admitted += usize::from(d.allowed);
    }
    assert_eq!(admitted, 60);
    // Concurrently, from threads on both instances, with a fresh key: still exactly the limit.
    let (a, b) = (Arc::new(a), Arc::new(b));
    let threads: Vec<_> = (0..8)
        .map(|i| {
            let l = if i % 2 == 0 { a.clone() } else { b.clone() };
            std::thread::spawn(move || {
                (0..25)
                    .filter(|_| l.check("rev_other").unwrap().allowed)
                    .count()
            })
        })
        .collect();
    let total: usize = threads.into_iter().map(|t| t.join().unwrap()).sum();
    assert_eq!(total, 60);
}

#[test]
fn decisions_match_the_memory_store_and_use_redis_time() {
    let Some(redis) = RedisServer::start() else {
        return;
    };
    let r = redis.limiter(3, Duration::from_secs(10), "t2:");
    let m = RateLimiter::new(3, Duration::from_secs(10)).unwrap();
    for t in [
        0, 1, 2, 3, 9_999_999, 10_000_000, 10_000_001, 12_000_000, 40_000_000,
    ] {
        assert_eq!(
            r.check_at("k", at(t)).unwrap(),
            m.check_at("k", at(t)).unwrap(),
            "at {t}"
        );
    }
    // Without a time: Redis TIME, which is the wall clock here.
    let d = r.check("fresh").unwrap();
    let wall = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    assert!(d.allowed);
    assert!(
        d.at.abs_diff(wall) < Duration::from_secs(5),
        "{:?} vs {:?}",
        d.at,
        wall
    );
}

#[test]
fn redis_never_sees_the_key_and_keys_expire() {
    let Some(redis) = RedisServer::start() else {
        return;
    };
    let l = redis.limiter(5, Duration::from_secs(2), "rl:");
    l.check("rev_AAECAwQFBgcICQoLDA0ODxAREhMUFRYX").unwrap();
    let keys = redis.command(&["--scan"]);
    let keys: Vec<&str> = keys.lines().collect();
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert!(
        keys[0].starts_with("rl:") && keys[0].len() == 3 + 32,
        "{keys:?}"
    );
    assert!(!keys[0].contains("rev_"));
    let ttl: i64 = redis.command(&["pttl", keys[0]]).trim().parse().unwrap();
    assert!(ttl > 2000 && ttl <= 3000, "pttl {ttl}");
}

#[test]
fn one_round_trip_per_decision() {
    let Some(redis) = RedisServer::start() else {
        return;
    };
    let l = redis.limiter(10, Duration::from_secs(60), "t3:");
    l.check("warm-up").unwrap(); // connects and loads the script
    redis.command(&["config", "resetstat"]);
    for i in 0..50 {
        l.check(format!("k{}", i % 7)).unwrap();
    }
    let stats = redis.command(&["info", "commandstats"]);
    let calls: Vec<&str> = stats
        .lines()
        .filter(|l| l.starts_with("cmdstat_"))
        .collect();
    // Only EVALSHA, 50 times (INFO itself is counted after its own reply).
    assert!(
        calls
            .iter()
            .any(|l| l.starts_with("cmdstat_evalsha:calls=50,")),
        "{calls:?}"
    );
    let others: Vec<_> = calls
        .iter()
        .filter(|l| {
            !l.starts_with("cmdstat_evalsha:")
                && !l.starts_with("cmdstat_info:")
                && !l.starts_with("cmdstat_config")
        })
        .collect();
    // The script's own commands are counted too (GETRANGE, SETRANGE, …) but they run inside
    // Redis; none of them is a separate round trip, which is what EVALSHA's count shows.
    assert!(
        others.iter().all(|l| [
            "getrange", "setrange", "set", "pexpire", "time", "type", "lrange", "del"
        ]
        .iter()
        .any(|c| l.starts_with(&format!("cmdstat_{c}:")))),
        "{others:?}"
    );
}

/// `calls=` of one command in `INFO commandstats`.
fn calls(stats: &str, command: &str) -> u64 {
    stats
        .lines()
        .find_map(|l| l.strip_prefix(&format!("cmdstat_{command}:calls=")))
        .map_or(0, |rest| rest.split(',').next().unwrap().parse().unwrap())
}

/// The fix for the hardening issue's "O(admissions in the window) per decision": the script
/// touches a few 8-byte slots of the key's ring whatever its count, counted by Redis itself
/// (`INFO commandstats`: the commands the script ran, and the bytes it read stay small), at 5000
/// admissions in the window as at 50. The cost in time is in `benches/ratelimit_redis.rs`.
#[test]
fn a_decision_reads_a_few_slots_whatever_the_count() {
    let Some(redis) = RedisServer::start() else {
        return;
    };
    for n in [50u64, 5_000] {
        // n admissions in the window, then a steady state: each decision expires the oldest
        // and admits one (1 ms apart, the window n ms), or is refused at the limit.
        let window = Duration::from_millis(n);
        let admit = redis.limiter(1_000_000, window, &format!("o1:{n}:"));
        let full = redis.limiter(n as u32, window, &format!("o1f:{n}:"));
        for i in 0..n {
            assert!(admit.check_at("k", at(i * 1_000)).unwrap().allowed);
            assert!(full.check_at("k", at(i * 1_000)).unwrap().allowed);
        }
        redis.command(&["config", "resetstat"]);
        for i in n..n + 100 {
            let d = admit.check_at("k", at(i * 1_000)).unwrap();
            assert!(d.allowed && d.store_error.is_none(), "{d:?}");
            assert_eq!(d.remaining, 1_000_000 - n as u32);
            let d = full.check_at("k", at(n * 1_000 - 1)).unwrap();
            assert!(!d.allowed && d.store_error.is_none(), "{d:?}");
        }
        let stats = redis.command(&["info", "commandstats"]);
        let per_decision = |c: &str| calls(&stats, c) as f64 / 200.0; // 100 admissions and 100 refusals
        let reads = per_decision("getrange");
        let writes = per_decision("setrange") + per_decision("set");
        assert!(
            reads <= 3.0,
            "{reads} GETRANGE per decision at {n}: {stats}"
        );
        assert!(
            writes <= 1.5,
            "{writes} writes per decision at {n}: {stats}"
        );
        assert_eq!(calls(&stats, "lrange"), 0, "{stats}");
    }
    // n admissions leaving the window at once: a galloping search, O(log n) reads.
    let l = redis.limiter(1_000_000, Duration::from_secs(10), "o1b:");
    for i in 0..5_000 {
        l.check_at("k", at(i)).unwrap();
    }
    redis.command(&["config", "resetstat"]);
    let d = l.check_at("k", at(10_000_000 + 4_000)).unwrap();
    assert_eq!(d.remaining, 1_000_000 - 1_000);
    let stats = redis.command(&["info", "commandstats"]);
    assert!(calls(&stats, "getrange") <= 30, "{stats}");
}

/// Memory per key in Redis (`MEMORY USAGE`, which counts the value, the key and Redis's own
/// structures): 8 bytes per admission in the window, about twice that while the ring's
/// capacity doubles, plus a fixed part; the figures are in `docs/ratelimit.md`.
#[test]
fn memory_per_key_in_redis() {
    let Some(redis) = RedisServer::start() else {
        return;
    };
    for n in [1u64, 60, 5_000] {
        let l = redis.limiter(n as u32, Duration::from_secs(60), "mem:");
        let key = format!("k{n}");
        for i in 0..n {
            l.check_at(&key, at(i)).unwrap();
        }
        let keys = redis.command(&["--scan", "--pattern", "mem:*"]);
        let names: Vec<&str> = keys.lines().collect();
        let usage: u64 = names
            .iter()
            .map(|k| {
                redis
                    .command(&["memory", "usage", k, "samples", "0"])
                    .trim()
                    .parse::<u64>()
                    .unwrap()
            })
            .max()
            .unwrap();
        eprintln!("MEMORY USAGE with {n} admissions in the window: {usage} bytes");
        assert!(usage <= 16 * n + 128, "{n} admissions: {usage} bytes");
        redis.command(&["flushall"]);
    }
}

/// Keys left by the previous version (a list of times, newest first) are converted once, with
/// what they count: an upgrade does not reset anyone's window.
#[test]
fn a_list_from_the_previous_version_is_converted() {
    let Some(redis) = RedisServer::start() else {
        return;
    };
    let l = redis.limiter(5, Duration::from_secs(10), "v1:");
    l.check_at("k", at(0)).unwrap();
    let key = redis.command(&["--scan", "--pattern", "v1:*"]);
    let key = key.trim();
    redis.command(&["del", key]);
    // Three admissions in the window, one that left it, newest first.
    for t in [0u64, 9_000_000, 9_500_000, 9_900_000] {
        redis.command(&["lpush", key, &(T0 + t).to_string()]);
    }
    let m = RateLimiter::new(5, Duration::from_secs(10)).unwrap();
    for t in [9_000_000u64, 9_500_000, 9_900_000] {
        m.check_at("k", at(t)).unwrap();
    }
    for t in [
        10_000_000u64,
        10_000_001,
        10_000_002,
        19_000_000,
        19_600_000,
    ] {
        assert_eq!(
            l.check_at("k", at(t)).unwrap(),
            m.check_at("k", at(t)).unwrap()
        );
    }
    assert_eq!(redis.command(&["type", key]).trim(), "string");
    // Another type is an error of the store: decided in-process, saying so.
    redis.command(&["del", key]);
    redis.command(&["hset", key, "a", "b"]);
    let d = l.check_at("k", at(20_000_000)).unwrap();
    assert!(d.allowed, "{d:?}");
    assert!(d.store_error.unwrap().contains("holds a hash"));
}

/// Large limits: the ring grows, wraps and shrinks (a capacity above 64 halves when a quarter
/// full), with the same decisions as the in-memory store all along.
#[test]
fn growing_wrapping_and_shrinking_rings_decide_as_in_memory() {
    let Some(redis) = RedisServer::start() else {
        return;
    };
    let window = Duration::from_secs(1);
    let r = redis.limiter(300, window, "ring:");
    let m = RateLimiter::new(300, window).unwrap();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut rand = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut t = 0u64;
    let mut refused = 0;
    for _ in 0..60 {
        // A burst of up to 400, then a pause of up to 1.2 windows.
        for _ in 0..rand(400) {
            t += rand(3) * 1_000;
            let (dr, dm) = (
                r.check_at("k", at(t)).unwrap(),
                m.check_at("k", at(t)).unwrap(),
            );
            assert_eq!(dr, dm, "at {t}");
            refused += usize::from(!dr.allowed);
        }
        t += rand(1_200_000);
    }
    assert!(refused > 100, "{refused}");
}

/// A Redis timeout is reported as one, not as the `os error 11` the socket gives.
#[test]
fn a_timeout_says_so() {
    let Some(redis) = RedisServer::start() else {
        return;
    };
    let l = RateLimiter::builder()
        .limit(2)
        .redis(RedisOptions::new(redis.url()).timeout(Duration::from_millis(100)))
        .build()
        .unwrap();
    assert!(l.check("k").unwrap().store_error.is_none());
    redis.command(&["client", "pause", "600"]);
    let d = l.check("k").unwrap();
    let why = d.store_error.clone().unwrap();
    assert!(
        why.contains("the Redis store did not answer within 100 ms"),
        "{why}"
    );
    assert!(!why.contains("os error"), "{why}");
    // Decided in-process meanwhile, by the same policy.
    assert!(d.allowed && why.contains("in-process"), "{d:?}");
    let err = l.ping().unwrap_err().to_string();
    assert!(err.contains("did not answer within 100 ms"), "{err}");
    std::thread::sleep(Duration::from_millis(700));
    assert!(l.check("k").unwrap().store_error.is_none());
}

#[test]
fn unreachable_redis_fails_open_or_closed_as_configured() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("redis://127.0.0.1:{port}/");
    let open = RateLimiter::builder()
        .redis(RedisOptions::new(&url))
        .build()
        .unwrap();
    let d = open.check("k").unwrap();
    assert!(d.allowed);
    let why = d.store_error.unwrap();
    assert!(why.contains("failing open") && why.contains(&url), "{why}");
    assert!(why.contains("decided in-process"), "{why}");
    assert!(open.ping().is_err());
    let closed = RateLimiter::builder()
        .redis(RedisOptions::new(&url).fail_open(false))
        .build()
        .unwrap();
    let d = closed.check("k").unwrap();
    assert!(!d.allowed);
    assert!(d.store_error.as_deref().unwrap().contains("failing closed"));
    assert!(d
        .headers()
        .iter()
        .any(|(n, v)| *n == "Retry-After" && v == "1"));
    // A malformed URL is a configuration error, and a password never shows.
    let err = RateLimiter::builder()
        .redis(RedisOptions::new("http://user:hunter2@nowhere"))
        .build()
        .unwrap_err();
    assert!(!err.to_string().contains("hunter2"), "{err}");
}

/// A Redis outage is never unlimited: failing open, decisions are made in-process by the same
/// policy (the in-memory store's decisions exactly, `store_error` saying so), and the limiter
/// keeps those counts for the next outage; failing closed is unchanged.
#[test]
fn an_outage_falls_back_to_the_same_policy_in_process() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("redis://127.0.0.1:{port}/");
    let window = Duration::from_secs(10);
    let r = RateLimiter::builder()
        .limit(3)
        .window(window)
        .redis(RedisOptions::new(&url))
        .build()
        .unwrap();
    let m = RateLimiter::new(3, window).unwrap();
    let mut admitted = 0;
    for t in [
        0, 1, 2, 3, 4, 5_000_000, 9_999_999, 10_000_000, 10_000_001, 10_000_002,
    ] {
        let mut dr = r.check_at("rev_k", at(t)).unwrap();
        let why = dr.store_error.take().unwrap();
        assert!(
            why.starts_with(&format!("cannot connect to Redis at {url}: "))
                && why.ends_with(
                    "(failing open: decided in-process, the limit holding per process until \
                     Redis answers again)"
                ),
            "{why}"
        );
        let dm = m.check_at("rev_k", at(t)).unwrap();
        assert_eq!(dr, dm, "at {t}");
        assert_eq!(dr.headers(), dm.headers());
        admitted += usize::from(dr.allowed);
    }
    assert_eq!(admitted, 6);
    // The in-process keys are swept like the in-memory store's.
    assert_eq!(r.evict_idle_at(at(10_000_002 + 9_999_999)), 0);
    assert_eq!(r.evict_idle_at(at(10_000_002 + 10_000_000)), 1);
    // Failing closed: refused, as before.
    let closed = RateLimiter::builder()
        .limit(3)
        .redis(RedisOptions::new(&url).fail_open(false))
        .build()
        .unwrap();
    for _ in 0..3 {
        let d = closed.check_at("rev_k", at(0)).unwrap();
        assert!(!d.allowed && d.remaining == 0, "{d:?}");
        assert_eq!(d.retry_after, Duration::from_secs(1));
        assert!(d.store_error.unwrap().ends_with("(failing closed)"));
    }
}

/// No password in `Debug`, in a configuration error or in a decision's `store_error`, for the
/// URL shapes the first redaction missed: no `://`, and a password holding `?`.
#[test]
fn passwords_never_show_in_any_url_shape() {
    let secret = "hunter2";
    // These do not parse (a `?` ends the authority; no `://` leaves no host): configuration
    // errors, which show the URL.
    for url in [
        format!("redis://alice:pa?ss-{secret}@127.0.0.1:6379/0"),
        format!("alice:{secret}@127.0.0.1:6379"),
        format!("redis:{secret}@127.0.0.1:6379"),
        format!("{secret}@127.0.0.1:6379"),
    ] {
        let err = RateLimiter::builder()
            .redis(RedisOptions::new(&url))
            .build()
            .unwrap_err();
        let shown = err.to_string();
        assert!(
            shown.contains("invalid Redis URL ") && shown.contains("****"),
            "{shown}"
        );
        assert!(!shown.contains(secret) && !shown.contains("ss-"), "{shown}");
        assert!(!format!("{:?}", RedisOptions::new(&url)).contains(secret));
    }
    // This one parses (the host is what precedes the `?`): Debug, the store's URL and every
    // store_error are redacted.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("redis://127.0.0.1:{port}?{secret}@elsewhere/");
    let l = RateLimiter::builder()
        .redis(RedisOptions::new(&url))
        .build()
        .unwrap();
    // What precedes the first `:` could be a user name, and is kept.
    assert_eq!(
        l.redis_store().unwrap().0,
        "redis://127.0.0.1:****@elsewhere/"
    );
    let shown = format!("{l:?}");
    assert!(!shown.contains(secret), "{shown}");
    let why = l.check("k").unwrap().store_error.unwrap();
    assert!(!why.contains(secret) && why.contains("****"), "{why}");
    let err = l.ping().unwrap_err().to_string();
    assert!(!err.contains(secret) && err.contains("****"), "{err}");
}

/// The fault test of the hardening issue: three limiters (each what a server process has: its
/// own connection pool and in-process store) share one key on one Redis, under load; Redis is
/// killed (SIGKILL, no persistence: it comes back empty) and restarted on the same port after
/// 2.5 s. Bounded loops, about 8 s.
///
/// The bound, for limit L per window W and N limiters, in every window of length W:
/// - the admissions Redis decided, all limiters together, are at most L (the outage is longer
///   than W, so no window holds admissions from both Redis lifetimes);
/// - the admissions each limiter decided in-process are at most L: the policy per process;
/// - so all admissions together are at most (N + 1) L, and N L in a window within the outage.
///
/// Recovery: every limiter's decisions are Redis's again within RECONNECT_INTERVAL (1 s) plus
/// a connect of Redis coming back; the time measured is printed.
#[test]
fn redis_killed_and_restarted_mid_load() {
    use std::sync::atomic::{AtomicBool, Ordering};
    const N: usize = 3;
    const L: usize = 20;
    const W: Duration = Duration::from_secs(1);
    let Some(mut redis) = RedisServer::start() else {
        return;
    };
    #[derive(Clone, Copy)]
    struct Seen {
        when: Instant,
        at_us: u64,
        allowed: bool,
        in_process: bool,
    }
    let stop = Arc::new(AtomicBool::new(false));
    let started = Instant::now();
    let workers: Vec<_> = (0..N)
        .map(|_| {
            let limiter = redis.limiter(L as u32, W, "fault:");
            let stop = stop.clone();
            std::thread::spawn(move || {
                let mut seen = Vec::new();
                // Bounded: at most 20 000 decisions (about 1 per 2 ms for 8 s is 4 000).
                for _ in 0..20_000 {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let d = limiter.check("rev_shared_fault_key").unwrap();
                    let in_process = match &d.store_error {
                        None => false,
                        Some(why) => {
                            assert!(why.contains("decided in-process"), "{why}");
                            true
                        }
                    };
                    seen.push(Seen {
                        when: Instant::now(),
                        at_us: d.at.as_micros() as u64,
                        allowed: d.allowed,
                        in_process,
                    });
                    std::thread::sleep(Duration::from_millis(2));
                }
                seen
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(2_500));
    redis.kill();
    let killed = Instant::now();
    std::thread::sleep(Duration::from_millis(2_500));
    let back = redis.restart();
    std::thread::sleep(Duration::from_millis(2_500));
    stop.store(true, Ordering::Relaxed);
    let seen: Vec<Vec<Seen>> = workers.into_iter().map(|w| w.join().unwrap()).collect();
    assert!(started.elapsed() < Duration::from_secs(15));

    /// The most admissions in any window (t − W, t].
    fn most_in_a_window(mut times: Vec<u64>, window_us: u64) -> usize {
        times.sort_unstable();
        let mut most = 0;
        let mut first = 0;
        for (i, &t) in times.iter().enumerate() {
            while times[first] + window_us <= t {
                first += 1;
            }
            most = most.max(i + 1 - first);
        }
        most
    }
    let w = W.as_micros() as u64;
    let admitted = |f: &dyn Fn(&Seen) -> bool| -> Vec<u64> {
        seen.iter()
            .flatten()
            .filter(|s| s.allowed && f(s))
            .map(|s| s.at_us)
            .collect()
    };
    let by_redis = most_in_a_window(admitted(&|s| !s.in_process), w);
    assert!(
        by_redis <= L,
        "{by_redis} admissions decided by Redis in one window"
    );
    assert_eq!(by_redis, L, "the load keeps the key at its limit");
    for (p, mine) in seen.iter().enumerate() {
        let times = mine
            .iter()
            .filter(|s| s.allowed && s.in_process)
            .map(|s| s.at_us)
            .collect();
        let in_process = most_in_a_window(times, w);
        assert!(
            in_process <= L,
            "limiter {p}: {in_process} in-process admissions in one window"
        );
        // The outage was limited, not unlimited: in-process refusals as well as admissions.
        assert!(in_process > 0);
        let refused = mine.iter().filter(|s| s.in_process && !s.allowed).count();
        assert!(refused > 100, "limiter {p}: {refused} in-process refusals");
        // Every decision during the outage was in-process; none before it.
        assert!(mine
            .iter()
            .filter(|s| s.when > killed + Duration::from_millis(50) && s.when < back)
            .all(|s| s.in_process));
    }
    let total = most_in_a_window(admitted(&|_| true), w);
    assert!(total <= (N + 1) * L, "{total} admissions in one window");
    // Recovery: the first decision of each limiter made by Redis after it came back.
    let recovery = seen
        .iter()
        .map(|mine| {
            mine.iter()
                .find(|s| s.when > back && !s.in_process)
                .expect("decisions are Redis's again")
                .when
                - back
        })
        .max()
        .unwrap();
    eprintln!(
        "outage of {:?}: at most {by_redis} admissions by Redis and {total} in all in any \
         window; Redis's decisions again {recovery:?} after it came back",
        back - killed
    );
    assert!(
        recovery <= revtain::ratelimit::RECONNECT_INTERVAL + Duration::from_millis(500),
        "{recovery:?}"
    );
    // And once back, only Redis decides.
    for mine in &seen {
        assert!(mine
            .iter()
            .filter(|s| s.when > back + recovery)
            .all(|s| !s.in_process));
    }
}

#[test]
fn recovers_when_redis_comes_back() {
    let Some(redis) = RedisServer::start() else {
        return;
    };
    let l = redis.limiter(5, Duration::from_secs(60), "t4:");
    assert!(l.check("k").unwrap().store_error.is_none());
    redis.command(&["client", "kill", "type", "normal"]);
    // The pooled connection was killed: the limiter reconnects and the decision is counted.
    let d = l.check("k").unwrap();
    assert!(d.store_error.is_none(), "{d:?}");
    assert_eq!(d.remaining, 3);
    redis.command(&["script", "flush"]);
    // The script is reloaded by itself after Redis lost it.
    assert!(l.check("k").unwrap().store_error.is_none());
}

/// The Redis and in-memory stores make the same decisions for the same arrivals (random
/// limits, windows, gaps and keys).
#[test]
fn same_decisions_as_memory() {
    use proptest::test_runner::{Config, TestRunner};
    let Some(redis) = RedisServer::start() else {
        return;
    };
    let mut runner = TestRunner::new(Config {
        cases: 24,
        ..Config::default()
    });
    let strategy = (
        1u32..6,
        1u64..2_000,
        proptest::collection::vec((0u64..1_500_000, 0usize..3), 1..80),
    );
    let counter = std::sync::atomic::AtomicU64::new(0);
    runner
        .run(&strategy, |(limit, window_ms, gaps)| {
            let prefix = format!(
                "prop{}:",
                counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            );
            let window = Duration::from_millis(window_ms);
            let r = RateLimiter::builder()
                .limit(limit)
                .window(window)
                .redis(RedisOptions::new(redis.url()).prefix(prefix))
                .build()
                .unwrap();
            let m = RateLimiter::new(limit, window).unwrap();
            let mut t = 0;
            for (gap, key) in gaps {
                t += gap;
                let key = ["a", "b", "c"][key];
                let (dr, dm) = (
                    r.check_at(key, at(t)).unwrap(),
                    m.check_at(key, at(t)).unwrap(),
                );
                prop_assert_eq!(dr, dm);
            }
            Ok(())
        })
        .unwrap();
}
