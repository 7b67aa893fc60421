//! `resource.Quantity` as the API server stores and prints it.
//!
//! Port of the parts of `staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go` that
//! `kubectl describe` and `qos.GetPodQOS` need: `ParseQuantity` (number + suffix, format taken
//! from the suffix), `Cmp`, and `String` (`CanonicalizeBytes`: decimal mantissa with an
//! exponent that is a multiple of 3, or the largest exact power-of-1024 suffix for binary
//! quantities). Values are held exactly in nano-units (10⁻⁹) in an `i128`; precision beyond a
//! nano-unit is rounded up, as `ParseQuantity` does.

/// How a quantity is written (`quantity.go` `Format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `e3`, `E6`.
    DecimalExponent,
    /// `Ki`, `Mi`, ... `Ei`.
    BinarySI,
    /// `n`, `u`, `m`, ``, `k`, `M`, `G`, `T`, `P`, `E`.
    DecimalSI,
}

/// A parsed quantity: `nanos` = value × 10⁹.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quantity {
    pub nanos: i128,
    pub format: Format,
}

const NANO: i128 = 1_000_000_000;

impl Quantity {
    /// `resource.ParseQuantity`. `None` for malformed input.
    pub fn parse(s: &str) -> Option<Quantity> {
        let s = s.trim();
        if s.is_empty() {
            return None;
        }
        let (neg, rest) = match s.as_bytes()[0] {
            b'-' => (true, &s[1..]),
            b'+' => (false, &s[1..]),
            _ => (false, s),
        };
        let num_end = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (num, suffix) = rest.split_at(num_end);
        if num.is_empty() || num == "." || num.matches('.').count() > 1 {
            return None;
        }
        let (int_part, frac_part) = num.split_once('.').unwrap_or((num, ""));
        // value = digits × 10^(exp10) × 1024^(exp2)
        let digits: String = format!("{int_part}{frac_part}");
        let digits = digits.trim_start_matches('0');
        if digits.len() > 30 {
            return None;
        }
        let mantissa: i128 = if digits.is_empty() {
            0
        } else {
            digits.parse().ok()?
        };
        let mut exp10: i32 = -(frac_part.len() as i32);
        let mut exp2: u32 = 0;
        let format = match suffix {
            "" => Format::DecimalSI,
            "n" => {
                exp10 -= 9;
                Format::DecimalSI
            }
            "u" => {
                exp10 -= 6;
                Format::DecimalSI
            }
            "m" => {
                exp10 -= 3;
                Format::DecimalSI
            }
            "k" => {
                exp10 += 3;
                Format::DecimalSI
            }
            "M" => {
                exp10 += 6;
                Format::DecimalSI
            }
            "G" => {
                exp10 += 9;
                Format::DecimalSI
            }
            "T" => {
                exp10 += 12;
                Format::DecimalSI
            }
            "P" => {
                exp10 += 15;
                Format::DecimalSI
            }
            "E" => {
                exp10 += 18;
                Format::DecimalSI
            }
            "Ki" | "Mi" | "Gi" | "Ti" | "Pi" | "Ei" => {
                exp2 = 10 * (1 + "KMGTPE".find(&suffix[..1])? as u32);
                Format::BinarySI
            }
            e if e.starts_with(['e', 'E']) => {
                let x: i32 = e[1..].parse().ok()?;
                if x.abs() > 30 {
                    return None;
                }
                exp10 += x;
                Format::DecimalExponent
            }
            _ => return None,
        };
        // To nanos: × 10^(exp10 + 9) × 2^exp2, rounding up below a nano.
        let mut v = mantissa.checked_mul(1i128.checked_shl(exp2)?)?;
        let e = exp10 + 9;
        if e >= 0 {
            v = v.checked_mul(10i128.checked_pow(e as u32)?)?;
        } else {
            let d = 10i128.checked_pow((-e) as u32)?;
            v = (v + d - 1) / d;
        }
        Some(Quantity {
            nanos: if neg { -v } else { v },
            format,
        })
    }

    pub fn is_zero(&self) -> bool {
        self.nanos == 0
    }

    /// `Value()`: rounded up to an integer.
    pub fn value(&self) -> i128 {
        div_ceil(self.nanos, NANO)
    }

    /// `MilliValue()`: rounded up to an integer number of thousandths.
    pub fn milli_value(&self) -> i128 {
        div_ceil(self.nanos, NANO / 1000)
    }

    /// `Quantity.String()` (`CanonicalizeBytes`).
    pub fn canonical(&self) -> String {
        if self.nanos == 0 {
            return "0".to_string();
        }
        let mut format = self.format;
        if format == Format::BinarySI && (self.nanos.abs() < 1024 * NANO || self.nanos % NANO != 0)
        {
            // Small or fractional binary quantities are shown in decimal, without rounding.
            format = Format::DecimalSI;
        }
        match format {
            Format::BinarySI => {
                let mut v = self.nanos / NANO;
                let mut e = 0;
                while e < 6 && v % 1024 == 0 {
                    v /= 1024;
                    e += 1;
                }
                let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][e];
                format!("{v}{suffix}")
            }
            _ => {
                // Mantissa without trailing zeros, exponent then lowered to a multiple of 3.
                let mut m = self.nanos;
                let mut e: i32 = -9;
                while m % 10 == 0 {
                    m /= 10;
                    e += 1;
                }
                match e.rem_euclid(3) {
                    1 => {
                        m *= 10;
                        e -= 1;
                    }
                    2 => {
                        m *= 100;
                        e -= 2;
                    }
                    _ => {}
                }
                let suffix = if format == Format::DecimalExponent {
                    if e == 0 {
                        String::new()
                    } else {
                        format!("e{e}")
                    }
                } else {
                    match e {
                        -9 => "n".into(),
                        -6 => "u".into(),
                        -3 => "m".into(),
                        0 => String::new(),
                        3 => "k".into(),
                        6 => "M".into(),
                        9 => "G".into(),
                        12 => "T".into(),
                        15 => "P".into(),
                        18 => "E".into(),
                        _ => format!("e{e}"),
                    }
                };
                format!("{m}{suffix}")
            }
        }
    }
}

fn div_ceil(a: i128, b: i128) -> i128 {
    let q = a / b;
    if a % b != 0 && (a > 0) == (b > 0) {
        q + 1
    } else {
        q
    }
}

/// The canonical form of a quantity string as the API server would store it; unparsable input
/// is shown as written.
pub fn canonical(s: &str) -> String {
    Quantity::parse(s)
        .map(|q| q.canonical())
        .unwrap_or_else(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// quantity_test.go `TestQuantityParse` / `TestQuantityString` cases.
    #[test]
    fn canonical_forms() {
        for (input, want) in [
            ("0", "0"),
            ("0Mi", "0"),
            ("500m", "500m"),
            ("0.5", "500m"),
            ("1.5", "1500m"),
            ("1", "1"),
            ("1000", "1k"),
            ("1500", "1500"),
            ("2000", "2k"),
            ("1000000", "1M"),
            ("100m", "100m"),
            ("0.1", "100m"),
            ("128Mi", "128Mi"),
            ("1024Mi", "1Gi"),
            ("1.5Gi", "1536Mi"),
            ("0.5Ki", "512"),
            ("1000Mi", "1000Mi"),
            ("1G", "1G"),
            ("1000M", "1G"),
            ("64M", "64M"),
            ("1e3", "1e3"),
            ("1E6", "1e6"),
            ("12e2", "1200"),
            ("250m", "250m"),
            ("1n", "1n"),
            ("1.0001", "1000100u"),
            ("134217728", "134217728"),
        ] {
            assert_eq!(canonical(input), want, "{input}");
        }
        assert_eq!(canonical("bogus"), "bogus");
        assert!(Quantity::parse("1.2.3").is_none());
        assert!(Quantity::parse("5Xi").is_none());
    }

    #[test]
    fn values_and_comparison() {
        let q = |s| Quantity::parse(s).unwrap();
        assert_eq!(q("250m").milli_value(), 250);
        assert_eq!(q("0.5").value(), 1, "Value() rounds up");
        assert_eq!(q("128Mi").value(), 134_217_728);
        assert_eq!(q("1Gi").nanos, q("1024Mi").nanos);
        assert!(q("500m").nanos < q("1").nanos);
        assert_eq!(q("-1").nanos, -NANO);
    }
}
