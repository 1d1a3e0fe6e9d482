//! The rate limiter's reading of the Redis script's reply (`{allowed, count, oldest, newest,
//! now}`): any RESP bytes, raw or shaped like a reply with fuzzed items, give a decision or an
//! error, never a panic; a decision keeps its bounds (remaining within the limit, an admission
//! never asked to wait, the decision's time the reply's `now`).
#![no_main]
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use revtain::ratelimit::decision_from_resp;

fn check(reply: &[u8], limit: u32, window_us: u64) {
    let Some(Ok(d)) = decision_from_resp(reply, limit, window_us) else { return };
    assert!(d.remaining <= limit, "{d:?}");
    assert_eq!(d.limit, limit);
    assert_eq!(d.window, Duration::from_micros(window_us));
    if d.allowed {
        assert_eq!(d.retry_after, Duration::ZERO, "{d:?}");
        assert!(d.remaining < limit, "an admission uses one: {d:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((head, rest)) = data.split_first_chunk::<4>() else { return };
    let limit = u32::from(u16::from_le_bytes([head[0], head[1]])).max(1);
    let window_us = u64::from(u16::from_le_bytes([head[2], head[3]])) * 1_000 + 1;
    // As RESP bytes exactly.
    check(rest, limit, window_us);
    // As the five items of a reply, separated by 0xFF, each sent as an integer when it parses
    // as one and as a bulk string otherwise.
    let items: Vec<&[u8]> = rest.split(|&b| b == 0xFF).take(6).collect();
    let mut reply = format!("*{}\r\n", items.len()).into_bytes();
    for item in &items {
        let text = String::from_utf8_lossy(item);
        if text.parse::<i64>().is_ok() && !text.starts_with('+') {
            reply.extend_from_slice(format!(":{text}\r\n").as_bytes());
        } else {
            reply.extend_from_slice(format!("${}\r\n", item.len()).as_bytes());
            reply.extend_from_slice(item);
            reply.extend_from_slice(b"\r\n");
        }
    }
    check(&reply, limit, window_us);
});
