//! The classification of a gateway's answer (`retry::classify`, `parse_retry_after`,
//! `outcome_from_host`) over any status and any headers, named as any host passes them: never a
//! panic; the verdict follows the documented table (1xx-3xx success; 408, 429 and 5xx but 501
//! and 505 retried; other 4xx, 501 and 505 final; `Stripe-Should-Retry: false` always final); a
//! `Retry-After` floor only on a retry.
#![no_main]
use std::time::{Duration, SystemTime};

use libfuzzer_sys::fuzz_target;
use revtain::args::Number;
use revtain::retry::{classify, outcome_from_host, parse_retry_after, Outcome, Verdict, TRANSPORTS};

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let status = u16::from_le_bytes([first, *rest.first().unwrap_or(&0)]);
    let text = String::from_utf8_lossy(rest.get(1..).unwrap_or_default()).into_owned();
    let mut lines = text.split('\n');
    let headers: Vec<(&str, &str)> = lines
        .by_ref()
        .take(8)
        .map(|l| l.split_once(':').unwrap_or((l, "")))
        .collect();
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::from(status) * 1_000_000);
    for transport in TRANSPORTS.iter().copied().map(Some).chain([None, Some("bogus")]) {
        let Ok(outcome) = outcome_from_host(transport, Some(Number::Int(status.into())), &headers) else {
            assert!(transport == Some("bogus") || !(100..=599).contains(&status));
            continue;
        };
        let verdict = classify(&outcome, now);
        if let Outcome::Response { status, headers } = outcome {
            let hint = headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("Stripe-Should-Retry"))
                .map(|(_, v)| v.trim());
            if hint.is_some_and(|v| v.eq_ignore_ascii_case("false")) {
                assert_eq!(verdict, Verdict::Final);
            } else if !hint.is_some_and(|v| v.eq_ignore_ascii_case("true") && status >= 400) {
                let expected = match status {
                    100..=399 => "success",
                    408 | 429 => "retry",
                    501 | 505 => "final",
                    500..=599 => "retry",
                    _ => "final",
                };
                assert_eq!(verdict.name(), expected, "{status} {headers:?}");
            }
        } else {
            assert_eq!(verdict.name(), "retry");
        }
        if verdict.name() != "retry" {
            assert_eq!(verdict.retry_after(), None);
        }
    }
    for line in lines {
        if let Some(d) = parse_retry_after(line, now) {
            // Delta seconds are whole; a date is relative to now and never negative.
            assert!(d.subsec_nanos() == 0 || line.trim().bytes().any(|b| !b.is_ascii_digit()));
        }
    }
});
