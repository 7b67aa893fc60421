//! Simulated time: whole milliseconds, as an integer.
//!
//! Every instant the engine handles is a [`Time`] since pod creation (`metadata.creationTimestamp`
//! = 0), and every duration it adds to one is a [`Time`] too. Comparisons are exact: there are no
//! float tolerances anywhere in the engine. Seconds as `f64` appear only at the edges — user input
//! (settings, scenario, manifest durations are converted once, rounded to the millisecond) and the
//! JSON contract, where a `Time` serialises as a number of seconds (`1500 ms` → `1.5`), the exact
//! decimal every platform prints the same.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::ops::{Add, AddAssign, Div, Mul, Neg, Sub, SubAssign};

/// Milliseconds since pod creation (an instant), or a number of milliseconds (a duration).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(i64);

/// A length of simulated time; the same integer milliseconds as [`Time`].
pub type Duration = Time;

impl Time {
    pub const ZERO: Time = Time(0);
    /// One millisecond, the engine's resolution.
    pub const MS: Time = Time(1);
    /// Later than any simulation can reach (about 3 million years), and still safe to add to.
    pub const NEVER: Time = Time(1 << 56);

    pub const fn from_ms(ms: i64) -> Time {
        Time(ms)
    }

    pub const fn from_secs(s: i64) -> Time {
        Time(s.saturating_mul(1000))
    }

    /// Seconds from user input, rounded to the nearest millisecond; NaN is 0 and out-of-range
    /// values saturate at ±[`Time::NEVER`].
    pub fn from_secs_f64(s: f64) -> Time {
        if s.is_nan() {
            return Time::ZERO;
        }
        let ms = (s * 1000.0).round();
        let cap = Time::NEVER.0 as f64;
        Time(ms.clamp(-cap, cap) as i64)
    }

    pub const fn as_ms(self) -> i64 {
        self.0
    }

    /// Seconds, the exact decimal for whole milliseconds (`1500` → `1.5`).
    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 / 1000.0
    }

    /// Whole seconds, rounded down (towards the past for negative times).
    pub const fn floor_secs(self) -> i64 {
        self.0.div_euclid(1000)
    }

    /// Whole seconds, rounded up.
    pub const fn ceil_secs(self) -> i64 {
        -(-self.0).div_euclid(1000)
    }

    /// Earlier than [`Time::NEVER`] (a real instant, not "never").
    pub const fn is_finite(self) -> bool {
        self.0 < Time::NEVER.0
    }

    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// The remainder of `self` divided by `period`, in `[0, period)`.
    pub const fn rem_euclid(self, period: Time) -> Time {
        Time(self.0.rem_euclid(period.0))
    }

    pub const fn abs(self) -> Time {
        Time(self.0.abs())
    }

    /// `self - other`, or zero when `other` is later.
    pub fn saturating_sub(self, other: Time) -> Time {
        Time((self.0 - other.0).max(0))
    }

    /// The `k` with `self + k·period` the first multiple-step instant at or after `t`
    /// (ticks of a ticker that fires at `self`, `self + period`, ...). `period` must be positive.
    pub fn ticks_until(self, period: Time, t: Time) -> i64 {
        let d = t.0 - self.0;
        if d <= 0 {
            0
        } else {
            (d + period.0 - 1) / period.0
        }
    }
}

impl Add for Time {
    type Output = Time;
    fn add(self, o: Time) -> Time {
        Time(self.0 + o.0)
    }
}

impl Sub for Time {
    type Output = Time;
    fn sub(self, o: Time) -> Time {
        Time(self.0 - o.0)
    }
}

impl AddAssign for Time {
    fn add_assign(&mut self, o: Time) {
        self.0 += o.0;
    }
}

impl SubAssign for Time {
    fn sub_assign(&mut self, o: Time) {
        self.0 -= o.0;
    }
}

impl Neg for Time {
    type Output = Time;
    fn neg(self) -> Time {
        Time(-self.0)
    }
}

impl Mul<i64> for Time {
    type Output = Time;
    fn mul(self, k: i64) -> Time {
        Time(self.0.saturating_mul(k))
    }
}

/// How many whole `o` fit in `self` (integer division, rounding towards zero).
impl Div for Time {
    type Output = i64;
    fn div(self, o: Time) -> i64 {
        self.0 / o.0
    }
}

/// A `k`-th of a duration (integer division, rounding towards zero).
impl Div<i64> for Time {
    type Output = Time;
    fn div(self, k: i64) -> Time {
        Time(self.0 / k)
    }
}

impl std::iter::Sum for Time {
    fn sum<I: Iterator<Item = Time>>(it: I) -> Time {
        Time(it.map(|t| t.0).sum())
    }
}

/// Seconds, formatted exactly as the `f64` [`Time::as_secs_f64`] (width and precision apply):
/// `{}` prints `1.5`, `{:.1}` prints `12.0`.
impl std::fmt::Display for Time {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.as_secs_f64(), f)
    }
}

/// Seconds, for views that draw time as geometry (pixels are floats).
impl From<Time> for f64 {
    fn from(t: Time) -> f64 {
        t.as_secs_f64()
    }
}

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_secs_f64())
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Time, D::Error> {
        let s = f64::deserialize(d)?;
        if s.is_nan() {
            return Err(serde::de::Error::custom(
                "expected a number of seconds, not NaN",
            ));
        }
        Ok(Time::from_secs_f64(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_round_trip_exactly() {
        for ms in [0, 1, 999, 1000, 1500, 12_300, 86_400_000, -2500] {
            let t = Time::from_ms(ms);
            assert_eq!(Time::from_secs_f64(t.as_secs_f64()), t);
        }
        assert_eq!(Time::from_ms(12_300).as_secs_f64(), 12.3);
        assert_eq!(Time::from_secs_f64(0.1 + 0.2), Time::from_ms(300));
        assert_eq!(Time::from_secs_f64(f64::NAN), Time::ZERO);
        assert_eq!(Time::from_secs_f64(1e300), Time::NEVER);
    }

    #[test]
    fn whole_seconds_round_towards_the_past_or_future() {
        assert_eq!(Time::from_ms(2999).floor_secs(), 2);
        assert_eq!(Time::from_ms(-1).floor_secs(), -1);
        assert_eq!(Time::from_ms(2001).ceil_secs(), 3);
        assert_eq!(Time::from_ms(2000).ceil_secs(), 2);
    }

    #[test]
    fn ticks_until_counts_whole_periods() {
        let w = Time::from_ms(400);
        let p = Time::from_secs(10);
        assert_eq!(w.ticks_until(p, Time::from_ms(400)), 0);
        assert_eq!(w.ticks_until(p, Time::from_ms(401)), 1);
        assert_eq!(w.ticks_until(p, Time::from_ms(10_400)), 1);
        assert_eq!(w.ticks_until(p, Time::from_ms(10_401)), 2);
    }

    #[test]
    fn displays_as_seconds() {
        assert_eq!(format!("{}", Time::from_ms(1500)), "1.5");
        assert_eq!(format!("{:.1}", Time::from_secs(12)), "12.0");
    }

    #[test]
    fn serialises_as_seconds() {
        assert_eq!(serde_json::to_string(&Time::from_ms(1500)).unwrap(), "1.5");
        assert_eq!(serde_json::to_string(&Time::from_secs(30)).unwrap(), "30.0");
        let t: Time = serde_json::from_str("2.25").unwrap();
        assert_eq!(t, Time::from_ms(2250));
    }
}
