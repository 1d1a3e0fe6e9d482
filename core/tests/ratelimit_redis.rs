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
    _dir: TempDir,
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
        let child = Command::new("redis-server")
            .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
            .args(["--save", "", "--appendonly", "no", "--dir"])
            .arg(&dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect(
                "redis-server is needed for the Redis store tests (make test installs it with apt; \
                 REVTAIN_SKIP_REDIS=1 skips them on purpose)",
            );
        let server = RedisServer {
            child,
            port,
            _dir: TempDir(dir),
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(20));
        }
        Some(server)
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
    // The script's own commands are counted too (LRANGE, LPUSH, …) but they run inside Redis;
    // none of them is a separate round trip, which is what EVALSHA's count shows.
    assert!(
        others
            .iter()
            .all(|l| ["lrange", "lpush", "pexpire", "ltrim", "del", "time"]
                .iter()
                .any(|c| l.starts_with(&format!("cmdstat_{c}:")))),
        "{others:?}"
    );
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
