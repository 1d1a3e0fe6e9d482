//! Numbers from a host language, checked once for every surface.
//!
//! Python, JavaScript and C hand the library seconds, unix times and counts as whatever their
//! numbers are: Python `int` (any size) or `float`, a JavaScript `number` (a double), a C
//! `double` or integer. Each surface passes the value through as a [`Number`] (or `None` for
//! "not given"), and the functions here apply one rule and one message set, so that a negative,
//! NaN, infinite, fractional or huge value gets the same answer everywhere. Each capability
//! wraps the [`ArgumentError`] into its own error kind (`…_INVALID_OPTIONS`, `…_INVALID_CONFIG`,
//! `…_INVALID_POLICY`, …).
//!
//! A unix time past the year 9999 is refused; when it would be a plausible time in
//! milliseconds, the message says so (JavaScript's `Date.now()` is the usual culprit).

use core::fmt;
use std::time::Duration;

/// A number as the host language had it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// An integer (Python `int` that fits 128 bits, a C integer).
    Int(i128),
    /// A floating-point number (Python `float`, a JavaScript `number`, a C `double`).
    Float(f64),
}

impl From<i64> for Number {
    fn from(v: i64) -> Number {
        Number::Int(i128::from(v))
    }
}

impl From<u64> for Number {
    fn from(v: u64) -> Number {
        Number::Int(i128::from(v))
    }
}

impl From<i32> for Number {
    fn from(v: i32) -> Number {
        Number::Int(i128::from(v))
    }
}

impl From<u32> for Number {
    fn from(v: u32) -> Number {
        Number::Int(i128::from(v))
    }
}

impl From<i128> for Number {
    fn from(v: i128) -> Number {
        Number::Int(v)
    }
}

impl From<f64> for Number {
    fn from(v: f64) -> Number {
        Number::Float(v)
    }
}

/// The largest unix time accepted, in seconds: 9999-12-31T23:59:59Z.
pub const MAX_UNIX_SECONDS: u64 = 253_402_300_799;

/// The largest duration accepted anywhere, in seconds (a year is far beyond every setting).
const MAX_DURATION_SECONDS: f64 = 1e12;

impl fmt::Display for Number {
    /// Integers as integers, whole floats below 2^53 as integers too (so that JavaScript's `-1`
    /// and Python's `-1` read the same), others as the shortest text that reads back the same.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            // Beyond 2^53 an integer is shown as the double it would be in JavaScript, so that
            // Python's 2**64 and JavaScript's 2 ** 64 read the same.
            Number::Int(v) if v.unsigned_abs() >= 1 << 53 => Number::Float(v as f64).fmt(f),
            Number::Int(v) => write!(f, "{v}"),
            Number::Float(v) if v.is_nan() => f.write_str("NaN"),
            Number::Float(v) if v.is_infinite() => {
                f.write_str(if v < 0.0 { "-infinity" } else { "infinity" })
            }
            Number::Float(v) if v.fract() == 0.0 && v.abs() < 9_007_199_254_740_992.0 => {
                write!(f, "{}", v as i64)
            }
            Number::Float(v) => write!(f, "{v:?}"),
        }
    }
}

/// A number that cannot be used where it was given; says why, naming the argument (never a
/// secret: only numbers pass through here).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArgumentError(pub String);

impl fmt::Display for ArgumentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ArgumentError {}

fn bad(what: &str, rule: &str, value: Number) -> ArgumentError {
    ArgumentError(format!("{what} must be {rule}, not {value}"))
}

/// The value as a whole number, if it is one (any size, as i128 saturating past its range).
fn whole(value: Number) -> Option<i128> {
    match value {
        Number::Int(v) => Some(v),
        Number::Float(v) if v.is_finite() && v.fract() == 0.0 => Some(if v >= i128::MAX as f64 {
            i128::MAX
        } else if v <= i128::MIN as f64 {
            i128::MIN
        } else {
            v as i128
        }),
        Number::Float(_) => None,
    }
}

/// Unix seconds as a whole number, `0` to [`MAX_UNIX_SECONDS`]; `None` stays `None` (the
/// caller reads the clock).
pub fn unix_seconds(value: Option<Number>, what: &str) -> Result<Option<u64>, ArgumentError> {
    let Some(value) = value else { return Ok(None) };
    const RULE: &str = "unix seconds, a whole number >= 0";
    let Some(v) = whole(value) else {
        return Err(bad(what, RULE, value));
    };
    if v < 0 {
        return Err(bad(what, RULE, value));
    }
    if v > i128::from(MAX_UNIX_SECONDS) {
        return Err(past_year_9999(what, value, v as f64));
    }
    Ok(Some(v as u64))
}

/// A unix time with a fraction (microseconds kept), `0` to [`MAX_UNIX_SECONDS`]; `None` stays
/// `None` (the caller reads the clock).
pub fn unix_time(value: Option<Number>, what: &str) -> Result<Option<Duration>, ArgumentError> {
    let Some(value) = value else { return Ok(None) };
    const RULE: &str = "unix seconds, a number >= 0";
    let v = match value {
        Number::Int(v) => v as f64,
        Number::Float(v) => v,
    };
    if !v.is_finite() || v < 0.0 {
        return Err(bad(what, RULE, value));
    }
    if v > MAX_UNIX_SECONDS as f64 {
        return Err(past_year_9999(what, value, v));
    }
    Ok(Some(micros(v)))
}

fn past_year_9999(what: &str, value: Number, v: f64) -> ArgumentError {
    let hint = if v / 1000.0 <= MAX_UNIX_SECONDS as f64 {
        ": it looks like milliseconds since the epoch (JavaScript's Date.now()?); pass unix \
         seconds (divide by 1000)"
    } else {
        ""
    };
    ArgumentError(format!(
        "{what} must be unix seconds, at most {MAX_UNIX_SECONDS} (the year 9999), not {value}{hint}"
    ))
}

/// Whole seconds from `0` to `max`.
pub fn whole_seconds(value: Number, what: &str, max: u64) -> Result<u64, ArgumentError> {
    const RULE: &str = "a whole number of seconds >= 0";
    match whole(value) {
        Some(v) if v >= 0 && v <= i128::from(max) => Ok(v as u64),
        Some(v) if v > i128::from(max) => Err(ArgumentError(format!(
            "{what} must be at most {max} seconds, not {value}"
        ))),
        _ => Err(bad(what, RULE, value)),
    }
}

/// Seconds with a fraction (kept to the microsecond), above zero when `positive`, else at least
/// zero; a value past a trillion seconds is refused as out of range.
pub fn seconds(value: Number, what: &str, positive: bool) -> Result<Duration, ArgumentError> {
    let v = match value {
        Number::Int(v) => v as f64,
        Number::Float(v) => v,
    };
    let rule = if positive {
        "seconds, a number above 0"
    } else {
        "seconds, a number >= 0"
    };
    if !v.is_finite() || v < 0.0 || (positive && v == 0.0) {
        return Err(bad(what, rule, value));
    }
    if v > MAX_DURATION_SECONDS {
        return Err(ArgumentError(format!(
            "{what} must be at most {MAX_DURATION_SECONDS:e} seconds, not {value}"
        )));
    }
    let d = micros(v);
    if positive && d.is_zero() {
        return Err(ArgumentError(format!(
            "{what} must be at least a microsecond, not {value}"
        )));
    }
    Ok(d)
}

/// A whole count from `min` to `max`.
pub fn count(value: Number, what: &str, min: u64, max: u64) -> Result<u64, ArgumentError> {
    match whole(value) {
        Some(v) if v >= i128::from(min) && v <= i128::from(max) => Ok(v as u64),
        _ => Err(ArgumentError(format!(
            "{what} must be a whole number from {min} to {max}, not {value}"
        ))),
    }
}

/// Seconds rounded to the nearest microsecond.
fn micros(v: f64) -> Duration {
    Duration::from_micros((v * 1e6).round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg<T: fmt::Debug>(r: Result<T, ArgumentError>) -> String {
        r.unwrap_err().0
    }

    #[test]
    fn numbers_read_the_same_from_every_host() {
        assert_eq!(Number::Int(-1).to_string(), "-1");
        assert_eq!(Number::Float(-1.0).to_string(), "-1");
        assert_eq!(Number::Float(1.5).to_string(), "1.5");
        assert_eq!(Number::Float(f64::NAN).to_string(), "NaN");
        assert_eq!(Number::Float(f64::INFINITY).to_string(), "infinity");
        assert_eq!(Number::Float(f64::NEG_INFINITY).to_string(), "-infinity");
        assert_eq!(Number::Float(1e300).to_string(), "1e300");
        assert_eq!(Number::Float(1.7e12).to_string(), "1700000000000");
        assert_eq!(Number::Int(1 << 64).to_string(), "1.8446744073709552e19");
        assert_eq!(
            Number::Float(2f64.powi(64)).to_string(),
            "1.8446744073709552e19"
        );
    }

    #[test]
    fn unix_seconds_rules() {
        assert_eq!(unix_seconds(None, "now"), Ok(None));
        assert_eq!(unix_seconds(Some(0.into()), "now"), Ok(Some(0)));
        assert_eq!(
            unix_seconds(Some(Number::Float(1.7e9)), "now"),
            Ok(Some(1_700_000_000))
        );
        assert_eq!(
            msg(unix_seconds(Some((-1i64).into()), "now")),
            "now must be unix seconds, a whole number >= 0, not -1"
        );
        assert_eq!(
            msg(unix_seconds(Some(Number::Float(1.5)), "now")),
            "now must be unix seconds, a whole number >= 0, not 1.5"
        );
        assert!(msg(unix_seconds(Some(Number::Float(f64::NAN)), "now")).ends_with("not NaN"));
        let ms = msg(unix_seconds(Some(1_700_000_000_000i64.into()), "now"));
        assert!(ms.contains("looks like milliseconds"), "{ms}");
        let huge = msg(unix_seconds(Some(Number::Int(10i128.pow(30))), "now"));
        assert!(
            huge.contains("year 9999") && !huge.contains("milliseconds"),
            "{huge}"
        );
        assert_eq!(
            unix_seconds(Some(MAX_UNIX_SECONDS.into()), "now"),
            Ok(Some(MAX_UNIX_SECONDS))
        );
    }

    #[test]
    fn durations_and_counts() {
        assert_eq!(
            seconds(Number::Float(0.25), "timeout", true),
            Ok(Duration::from_millis(250))
        );
        assert_eq!(
            msg(seconds(0.into(), "timeout", true)),
            "timeout must be seconds, a number above 0, not 0"
        );
        assert_eq!(seconds(0.into(), "base", false), Ok(Duration::ZERO));
        assert!(msg(seconds(Number::Float(1e-9), "timeout", true)).contains("microsecond"));
        assert!(msg(seconds(Number::Float(1e300), "window", true)).contains("at most"));
        assert_eq!(whole_seconds(300.into(), "tolerance", u64::MAX), Ok(300));
        assert_eq!(
            msg(whole_seconds(Number::Float(0.5), "tolerance", 10)),
            "tolerance must be a whole number of seconds >= 0, not 0.5"
        );
        assert_eq!(
            msg(whole_seconds(11.into(), "ttl", 10)),
            "ttl must be at most 10 seconds, not 11"
        );
        assert_eq!(count(4.into(), "max_attempts", 1, 100), Ok(4));
        assert_eq!(
            msg(count(0.into(), "max_attempts", 1, 100)),
            "max_attempts must be a whole number from 1 to 100, not 0"
        );
    }
}
