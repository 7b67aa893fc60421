//! Absolute timestamps for `kubectl describe`: simulated seconds since creation are shown as
//! wall-clock times after a fixed, documented epoch (no clock is read).

use super::api_time;
use crate::time::Time;

/// `t` truncated to the second as the API stores it, clamped to ±10 000 years so the date
/// arithmetic cannot overflow.
fn whole_secs(t: Time) -> i64 {
    api_time(t)
        .floor_secs()
        .clamp(-300_000_000_000, 300_000_000_000)
}

/// `metav1.creationTimestamp` of every simulated pod, as Unix seconds:
/// `Mon, 23 Nov 2026 10:00:00 +0000`.
pub const CREATION_EPOCH: i64 = 1_795_428_000;

const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]; // 1970-01-01 was a Thursday
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Civil date from days since 1970-01-01 (Howard Hinnant's `civil_from_days`).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `t` (seconds since creation) as kubectl describe prints times: Go's `time.RFC1123Z`
/// (`Mon, 02 Jan 2006 15:04:05 -0700`), in UTC, truncated to the second as the API stores it.
/// Source: `staging/src/k8s.io/kubectl/pkg/describe/describe.go` (`StartTime.Time.Format(time.RFC1123Z)`,
/// `describeContainerState`).
pub fn format_time(t: Time) -> String {
    let secs = CREATION_EPOCH + whole_secs(t);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let wd = DAYS[days.rem_euclid(7) as usize];
    format!(
        "{wd}, {d:02} {} {y:04} {:02}:{:02}:{:02} +0000",
        MONTHS[(m - 1) as usize],
        sod / 3600,
        sod % 3600 / 60,
        sod % 60
    )
}

/// `t` as the API serialises `metav1.Time`: RFC 3339 in UTC, whole seconds
/// (`2026-11-23T10:00:05Z`; `staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/time.go`
/// `MarshalJSON`, `time.RFC3339` after `UTC()`).
pub fn format_rfc3339(t: Time) -> String {
    let secs = CREATION_EPOCH + whole_secs(t);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        sod / 3600,
        sod % 3600 / 60,
        sod % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339() {
        assert_eq!(
            format_rfc3339(Time::from_secs_f64(0.0)),
            "2026-11-23T10:00:00Z"
        );
        assert_eq!(
            format_rfc3339(Time::from_secs_f64(75.5)),
            "2026-11-23T10:01:15Z"
        );
        assert_eq!(
            format_rfc3339(Time::from_secs_f64(39.0 * 86400.0)),
            "2027-01-01T10:00:00Z"
        );
        assert_eq!(
            format_rfc3339(Time::from_secs_f64(-1.0)),
            "2026-11-23T09:59:59Z"
        );
    }

    #[test]
    fn rfc1123z() {
        assert_eq!(
            format_time(Time::from_secs_f64(0.0)),
            "Mon, 23 Nov 2026 10:00:00 +0000"
        );
        assert_eq!(
            format_time(Time::from_secs_f64(5.9)),
            "Mon, 23 Nov 2026 10:00:05 +0000"
        );
        assert_eq!(
            format_time(Time::from_secs_f64(14.0 * 3600.0 + 61.0)),
            "Tue, 24 Nov 2026 00:01:01 +0000"
        );
        assert_eq!(
            format_time(Time::from_secs_f64(38.0 * 86400.0)),
            "Thu, 31 Dec 2026 10:00:00 +0000"
        );
        assert_eq!(
            format_time(Time::from_secs_f64(39.0 * 86400.0)),
            "Fri, 01 Jan 2027 10:00:00 +0000"
        );
    }
}
