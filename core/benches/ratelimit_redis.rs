//! The Redis store's cost per decision against a bare Redis round trip, at 50, 5 000, 500 000
//! and 1 000 000 admissions in the window (docs/spec.md §4: "with Redis, a decision costs the
//! same (within 2×) at 50 and at 5,000 admissions in the window"), and the memory of a key in
//! Redis (`MEMORY USAGE`). Starts its own `redis-server` on a free port of 127.0.0.1.
//!
//! `cargo bench -p revtain --features redis --bench ratelimit_redis`
//!
//! Every case runs in each of 15 rounds, in turn (each round starting one case further on), 300
//! calls a case a round, one thread, one connection each; the figure is the median over the
//! rounds of a round's mean, and each ratio the median of the per-round ratios to that round's
//! bare `PING` and to its `EVALSHA` of a script that does nothing:
//!
//! - `PING` and `EVALSHA` of `return 1` over a plain socket (RESP written by hand): the round
//!   trip, and the round trip of a script that does nothing;
//! - `RateLimiter::ping` (one `PING` through the limiter's pooled `redis` connection);
//! - `admit @ n`: `check_at` on a key holding n admissions in its window (limit 1 000 000), each
//!   decision one step (1 s of injected time) after the last with a window of n steps, so that
//!   it drops the oldest admission and records one: the steady state of a busy key, every
//!   decision a write;
//! - `refuse @ n`: a key at its limit n, refused (reads only);
//! - `previous script @ n`: the list-based script this store replaced (kept here verbatim for
//!   the comparison), admitting on a list of n admissions.
//!
//! Keys of up to 5 000 admissions are filled by real decisions; the larger ones are written as
//! the ring the script keeps (one `SET`; a decision on each checks that it reads them back
//! right), since filling them one decision at a time would take minutes.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use revtain::ratelimit::{RateLimiter, RedisOptions};

const ROUNDS: usize = 15;
const CALLS: usize = 300;
const T0_US: u64 = 1_700_000_000_000_000;
const BIG_LIMIT: u32 = 1_000_000;
/// Injected time between two admissions. Long enough that no key expires in real time while
/// the other cases run: Redis expires a key one window plus a second after its newest admission.
const STEP_US: u64 = 1_000_000;

struct Redis {
    child: Child,
    port: u16,
    dir: std::path::PathBuf,
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn start_redis() -> Redis {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = std::env::temp_dir().join(format!("revtain-bench-redis-{port}"));
    std::fs::create_dir_all(&dir).unwrap();
    let child = Command::new("redis-server")
        .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
        .args(["--save", "", "--appendonly", "no", "--dir"])
        .arg(&dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("redis-server is needed for this benchmark");
    let deadline = Instant::now() + Duration::from_secs(10);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "redis-server did not start");
        std::thread::sleep(Duration::from_millis(10));
    }
    Redis { child, port, dir }
}

/// A bare RESP client: one command, one reply.
struct Raw {
    out: TcpStream,
    input: BufReader<TcpStream>,
}

#[derive(Debug)]
enum Reply {
    Line(String),
    Int(i64),
    Bulk(Option<Vec<u8>>),
    Array(Vec<Reply>),
}

impl Raw {
    fn connect(port: u16) -> Raw {
        let out = TcpStream::connect(("127.0.0.1", port)).unwrap();
        out.set_nodelay(true).unwrap();
        let input = BufReader::new(out.try_clone().unwrap());
        Raw { out, input }
    }

    fn call(&mut self, args: &[&[u8]]) -> Reply {
        let mut buf = format!("*{}\r\n", args.len()).into_bytes();
        for a in args {
            buf.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
            buf.extend_from_slice(a);
            buf.extend_from_slice(b"\r\n");
        }
        self.out.write_all(&buf).unwrap();
        self.read()
    }

    fn read(&mut self) -> Reply {
        let mut line = String::new();
        self.input.read_line(&mut line).unwrap();
        let line = line.trim_end();
        let (kind, rest) = line.split_at(1);
        match kind {
            "+" => Reply::Line(rest.to_owned()),
            "-" => panic!("Redis: {rest}"),
            ":" => Reply::Int(rest.parse().unwrap()),
            "$" => {
                let n: i64 = rest.parse().unwrap();
                if n < 0 {
                    return Reply::Bulk(None);
                }
                let mut data = vec![0u8; n as usize + 2];
                std::io::Read::read_exact(&mut self.input, &mut data).unwrap();
                data.truncate(n as usize);
                Reply::Bulk(Some(data))
            }
            "*" => Reply::Array(
                (0..rest.parse::<usize>().unwrap())
                    .map(|_| self.read())
                    .collect(),
            ),
            _ => panic!("unexpected reply {line:?}"),
        }
    }

    fn int(&mut self, args: &[&str]) -> i64 {
        let args: Vec<&[u8]> = args.iter().map(|a| a.as_bytes()).collect();
        match self.call(&args) {
            Reply::Int(n) => n,
            other => panic!("{other:?}"),
        }
    }

    fn text(&mut self, args: &[&str]) -> String {
        let args: Vec<&[u8]> = args.iter().map(|a| a.as_bytes()).collect();
        match self.call(&args) {
            Reply::Line(s) => s,
            Reply::Bulk(Some(b)) => String::from_utf8(b).unwrap(),
            other => panic!("{other:?}"),
        }
    }
}

/// The script this store used before: a list per key, read and scanned whole per decision.
const PREVIOUS_SCRIPT: &str = r#"
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local now
if ARGV[3] == "" then
  local t = redis.call("TIME")
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
else
  now = tonumber(ARGV[3])
end
local entries = redis.call("LRANGE", KEYS[1], 0, limit - 1)
local n = 0
for i = 1, #entries do
  if now - tonumber(entries[i]) >= window then break end
  n = i
end
if n == 0 then
  if #entries > 0 then redis.call("DEL", KEYS[1]) end
elseif n < #entries then
  redis.call("LTRIM", KEYS[1], 0, n - 1)
end
local newest = 0
if n > 0 then newest = tonumber(entries[1]) end
local oldest = 0
if n > 0 then oldest = tonumber(entries[n]) end
local allowed = 0
if n < limit then
  allowed = 1
  local stamp = now
  if newest > now then stamp = newest end
  redis.call("LPUSH", KEYS[1], string.format("%.0f", stamp))
  if n == 0 then oldest = stamp end
  newest = stamp
  n = n + 1
  redis.call("PEXPIRE", KEYS[1], math.ceil((stamp + window - now) / 1000) + 1000)
end
return {allowed, n, string.format("%.0f", oldest), string.format("%.0f", newest), string.format("%.0f", now)}
"#;

fn at(us: u64) -> Duration {
    Duration::from_micros(T0_US + us)
}

/// The single Redis key a limiter with this prefix has written.
fn only_key(raw: &mut Raw, prefix: &str) -> String {
    let pattern = format!("{prefix}*");
    match raw.call(&[b"KEYS", pattern.as_bytes()]) {
        Reply::Array(keys) if keys.len() == 1 => match &keys[0] {
            Reply::Bulk(Some(k)) => String::from_utf8(k.clone()).unwrap(),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

/// Writes the ring the script keeps for `n` admissions a step apart from `T0_US`, with the
/// capacity the script would have grown to (the next power of two, at most the limit).
fn write_ring(raw: &mut Raw, key: &str, n: u64, limit: u32) {
    let cap = n.next_power_of_two().min(u64::from(limit));
    let newest = (T0_US + (n - 1) * STEP_US) as f64;
    let mut value = Vec::with_capacity(20 + 8 * cap as usize);
    value.extend_from_slice(&(cap as u32).to_be_bytes());
    value.extend_from_slice(&0u32.to_be_bytes());
    value.extend_from_slice(&(n as u32).to_be_bytes());
    value.extend_from_slice(&newest.to_be_bytes());
    for i in 0..n {
        value.extend_from_slice(&((T0_US + i * STEP_US) as f64).to_be_bytes());
    }
    value.resize(20 + 8 * cap as usize, 0);
    match raw.call(&[b"SET", key.as_bytes(), &value, b"PX", b"36000000"]) {
        Reply::Line(ok) => assert_eq!(ok, "OK"),
        other => panic!("{other:?}"),
    }
}

/// A key holding `n` admissions in a window of n steps (a step apart, the last at n − 1), for a
/// limiter of limit `limit`.
fn filled(redis: &Redis, raw: &mut Raw, n: u64, limit: u32, prefix: &str) -> RateLimiter {
    let l = RateLimiter::builder()
        .limit(limit)
        .window(Duration::from_micros(n * STEP_US))
        .redis(RedisOptions::new(format!("redis://127.0.0.1:{}/", redis.port)).prefix(prefix))
        .build()
        .unwrap();
    if n <= 5_000 {
        for i in 0..n {
            assert!(
                l.check_at("rev_bench_key", at(i * STEP_US))
                    .unwrap()
                    .allowed
            );
        }
    } else {
        l.check_at("rev_bench_key", at(0)).unwrap();
        let key = only_key(raw, prefix);
        write_ring(raw, &key, n, limit);
        // Read back right: n in the window one µs after the last.
        let d = l
            .check_at("rev_bench_key", at((n - 1) * STEP_US + 1))
            .unwrap();
        assert_eq!(
            u64::from(limit - d.remaining),
            (n + 1).min(u64::from(limit))
        );
        write_ring(raw, &key, n, limit);
    }
    l
}

type Case<'a> = (String, Box<dyn FnMut() + 'a>);

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn main() {
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"ratelimit_redis".contains(&a))
    {
        return;
    }
    let redis = start_redis();
    let mut raw = Raw::connect(redis.port);
    let mut control = Raw::connect(redis.port);
    let version = control.text(&["INFO", "server"]);
    let version = version
        .lines()
        .find_map(|l| l.strip_prefix("redis_version:"))
        .unwrap_or("?")
        .to_owned();
    let trivial = raw.text(&["SCRIPT", "LOAD", "return 1"]);
    let previous = raw.text(&["SCRIPT", "LOAD", PREVIOUS_SCRIPT]);

    let mut cases: Vec<Case> = Vec::new();
    cases.push((
        "PING (bare round trip)".into(),
        Box::new(|| {
            assert!(matches!(raw.call(&[b"PING"]), Reply::Line(_)));
        }),
    ));
    let mut raw2 = Raw::connect(redis.port);
    let trivial_sha = trivial.clone();
    cases.push((
        "EVALSHA of `return 1`".into(),
        Box::new(move || {
            assert!(matches!(
                raw2.call(&[b"EVALSHA", trivial_sha.as_bytes(), b"0"]),
                Reply::Int(1)
            ));
        }),
    ));
    let pinger = RateLimiter::builder()
        .redis(RedisOptions::new(format!(
            "redis://127.0.0.1:{}/",
            redis.port
        )))
        .build()
        .unwrap();
    cases.push((
        "RateLimiter::ping".into(),
        Box::new(move || pinger.ping().unwrap()),
    ));
    for n in [50u64, 5_000, 500_000, 1_000_000] {
        let l = filled(&redis, &mut control, n, BIG_LIMIT, &format!("admit{n}:"));
        let mut t = n * STEP_US;
        cases.push((
            format!("admit @ {n}"),
            Box::new(move || {
                let d = l.check_at("rev_bench_key", at(t)).unwrap();
                assert!(d.allowed && d.store_error.is_none(), "{d:?}");
                t += STEP_US;
            }),
        ));
    }
    for n in [50u64, 5_000, 500_000, 1_000_000] {
        let l = filled(&redis, &mut control, n, n as u32, &format!("refuse{n}:"));
        let now = at((n - 1) * STEP_US + 1);
        cases.push((
            format!("refuse @ {n}"),
            Box::new(move || {
                let d = l.check_at("rev_bench_key", now).unwrap();
                assert!(!d.allowed && d.store_error.is_none(), "{d:?}");
            }),
        ));
    }
    for n in [50u64, 5_000] {
        // The previous script's list: n admissions a step apart, newest first.
        let key = format!("previous{n}");
        control.int(&["DEL", &key]);
        for chunk in (0..n).collect::<Vec<_>>().chunks(1_000) {
            let mut args: Vec<String> = vec!["LPUSH".into(), key.clone()];
            args.extend(chunk.iter().map(|i| (T0_US + i * STEP_US).to_string()));
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            control.int(&args);
        }
        let mut con = Raw::connect(redis.port);
        let sha = previous.clone();
        let mut t = n * STEP_US;
        let window = (n * STEP_US).to_string();
        cases.push((
            format!("previous script @ {n}"),
            Box::new(move || {
                let now = (T0_US + t).to_string();
                let reply = con.call(&[
                    b"EVALSHA",
                    sha.as_bytes(),
                    b"1",
                    key.as_bytes(),
                    b"1000000",
                    window.as_bytes(),
                    now.as_bytes(),
                ]);
                assert!(matches!(reply, Reply::Array(_)));
                t += STEP_US;
            }),
        ));
    }

    // Warm up, then rounds.
    for (_, f) in cases.iter_mut() {
        for _ in 0..CALLS {
            f();
        }
    }
    let count = cases.len();
    let mut means = vec![Vec::new(); count];
    let mut ratios = vec![Vec::new(); count];
    let mut to_eval = vec![Vec::new(); count];
    for r in 0..ROUNDS {
        let mut round = vec![0.0; count];
        for k in 0..count {
            let i = (r + k) % count;
            let f = &mut cases[i].1;
            let start = Instant::now();
            for _ in 0..CALLS {
                f();
            }
            round[i] = start.elapsed().as_secs_f64() * 1e6 / CALLS as f64;
        }
        for (i, us) in round.iter().enumerate() {
            means[i].push(*us);
            ratios[i].push(us / round[0]);
            to_eval[i].push(us / round[1]);
        }
    }
    println!(
        "Redis store, one decision against a bare round trip (redis-server {version} on \
         127.0.0.1; {ROUNDS} rounds of {CALLS} calls; medians)"
    );
    println!("| case | µs | × PING | × EVALSHA `return 1` |");
    println!("|---|---|---|---|");
    // Per round, before the medians sort them.
    let by_name: std::collections::HashMap<String, Vec<f64>> = cases
        .iter()
        .zip(&means)
        .map(|((name, _), m)| (name.clone(), m.clone()))
        .collect();
    for (i, (name, _)) in cases.iter().enumerate() {
        let us = median(&mut means[i]);
        let ratio = median(&mut ratios[i]);
        let eval = median(&mut to_eval[i]);
        println!("| {name} | {us:.1} | {ratio:.2} | {eval:.2} |");
    }
    // The bar: a decision at 5 000 within 2× of one at 50 (median of the per-round ratios).
    for kind in ["admit", "refuse"] {
        let small = &by_name[&format!("{kind} @ 50")];
        let large = &by_name[&format!("{kind} @ 5000")];
        let mut r: Vec<f64> = small.iter().zip(large).map(|(s, l)| l / s).collect();
        println!(
            "{kind} @ 5000 ÷ {kind} @ 50: {:.2} (bar: ≤ 2)",
            median(&mut r)
        );
    }

    // The one decision in a doubling that copies the ring (amortised over the admissions that
    // filled it): a full ring of 2^k slots grows to 2^(k+1), at most the limit.
    println!();
    println!("One admission that grows a full ring (the copy happens once per doubling):");
    for n in [4_096u64, 65_536, 524_288] {
        let prefix = format!("grow{n}:");
        let l = RateLimiter::builder()
            .limit(BIG_LIMIT)
            .window(Duration::from_micros(10 * n * STEP_US))
            .redis(RedisOptions::new(format!("redis://127.0.0.1:{}/", redis.port)).prefix(&*prefix))
            .build()
            .unwrap();
        l.check_at("rev_bench_key", at(0)).unwrap();
        let key = only_key(&mut control, &prefix);
        let mut samples = Vec::new();
        for _ in 0..5 {
            write_ring(&mut control, &key, n, BIG_LIMIT);
            let start = Instant::now();
            let d = l.check_at("rev_bench_key", at(n * STEP_US)).unwrap();
            samples.push(start.elapsed().as_secs_f64() * 1e6);
            assert_eq!(d.remaining, BIG_LIMIT - n as u32 - 1);
        }
        println!(
            "  {n} → {} slots: {:.0} µs",
            (2 * n).min(u64::from(BIG_LIMIT)),
            median(&mut samples)
        );
    }

    // Memory per key, as Redis counts it.
    println!();
    println!(
        "MEMORY USAGE of one key (bytes; key name of 43 bytes, value, Redis's own structures)"
    );
    println!("| admissions in the window | ring (this store) | list (previous) | sorted set |");
    println!("|---|---|---|---|");
    for n in [1u64, 60, 5_000, 500_000, 1_000_000] {
        control.text(&["FLUSHALL"]);
        let prefix = format!("mem{n}:");
        let l = RateLimiter::builder()
            .limit(n as u32)
            .window(Duration::from_secs(3600))
            .redis(RedisOptions::new(format!("redis://127.0.0.1:{}/", redis.port)).prefix(&*prefix))
            .build()
            .unwrap();
        let ring = if n <= 5_000 {
            for i in 0..n {
                assert!(l.check_at("rev_bench_key", at(i)).unwrap().allowed);
            }
            let key = only_key(&mut control, &prefix);
            control.int(&["MEMORY", "USAGE", &key, "SAMPLES", "0"])
        } else {
            l.check_at("rev_bench_key", at(0)).unwrap();
            let key = only_key(&mut control, &prefix);
            write_ring(&mut control, &key, n, n as u32);
            control.int(&["MEMORY", "USAGE", &key, "SAMPLES", "0"])
        };
        // The same count as the previous list and as a sorted set (a unique member per
        // admission), built in Redis.
        let key = format!("{prefix}{}", "0".repeat(32));
        let build = |shape: &str| {
            format!(
                "for i = 0, {} do local t = string.format('%.0f', {T0_US} + i) \
                 {shape} end return 1",
                n - 1
            )
        };
        control.int(&["EVAL", &build("redis.call('LPUSH', KEYS[1], t)"), "1", &key]);
        let list = control.int(&["MEMORY", "USAGE", &key, "SAMPLES", "0"]);
        control.int(&["DEL", &key]);
        control.int(&[
            "EVAL",
            &build("redis.call('ZADD', KEYS[1], t, t)"),
            "1",
            &key,
        ]);
        let zset = control.int(&["MEMORY", "USAGE", &key, "SAMPLES", "0"]);
        println!(
            "| {n} | {ring} ({:.1} per admission) | {list} ({:.1}) | {zset} ({:.1}) |",
            ring as f64 / n as f64,
            list as f64 / n as f64,
            zset as f64 / n as f64
        );
    }
}
