//! What changes between two Kubernetes versions for one pod: the same input played by two
//! kubelets (and their kubectl), compared where users look — `kubectl get -w`, the events and
//! `kubectl describe` at the horizon. Plain data; the CLI (`podlife diff-versions`) and the UI
//! print it.

use crate::kubectl;
use crate::timeline::{Time, Timeline};

/// One section of a version diff: the lines only the first or only the second version shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// `kubectl get pod -w`, `events`, `kubectl describe pod at 600s`.
    pub title: String,
    pub lines: Vec<Line>,
}

/// A line of one side, in the order of the longest common subsequence walk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    /// Only the first version shows it.
    Old(String),
    /// Only the second version shows it.
    New(String),
}

/// At most this many lines per side are compared (the LCS table is their product).
const MAX_LINES: usize = 1500;

/// The differences between `a` and `b` (the same pod under two versions), section by section;
/// a section without differences is left out.
pub fn diff(a: &Timeline, b: &Timeline) -> Vec<Section> {
    let until = a.until.min(b.until);
    let watch = |tl: &Timeline| -> Vec<String> {
        kubectl::get_watch(tl, until)
            .into_iter()
            .map(|(t, line)| format!("{:>9}  {line}", secs(t)))
            .collect()
    };
    let events = |tl: &Timeline| -> Vec<String> {
        tl.events
            .iter()
            .filter(|e| e.t <= until)
            .map(|e| {
                let object = if e.object.is_empty() {
                    String::new()
                } else {
                    format!(" {}", e.object)
                };
                format!(
                    "{:>9}  {} {}{object}: {}",
                    secs(e.t),
                    e.event_type,
                    e.reason,
                    e.message
                )
            })
            .collect()
    };
    let describe = |tl: &Timeline| -> Vec<String> {
        kubectl::describe(tl, until)
            .lines()
            .map(str::to_string)
            .collect()
    };
    let sections = [
        ("kubectl get pod -w".to_string(), watch(a), watch(b)),
        ("events".to_string(), events(a), events(b)),
        (
            format!("kubectl describe pod at {}", secs(until)),
            describe(a),
            describe(b),
        ),
    ];
    sections
        .into_iter()
        .filter_map(|(title, x, y)| {
            let lines = lcs_diff(&x, &y);
            (!lines.is_empty()).then_some(Section { title, lines })
        })
        .collect()
}

fn secs(t: Time) -> String {
    format!("{}s", t.as_secs_f64())
}

/// The lines of `a` and `b` outside their longest common subsequence, in order.
fn lcs_diff(a: &[String], b: &[String]) -> Vec<Line> {
    let (a, b) = (&a[..a.len().min(MAX_LINES)], &b[..b.len().min(MAX_LINES)]);
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: the LCS length of a[i..] and b[j..].
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if a[i] == b[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, vec![]);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j == m || (i < n && lcs[at(i + 1, j)] >= lcs[at(i, j + 1)]) {
            out.push(Line::Old(a[i].clone()));
            i += 1;
        } else {
            out.push(Line::New(b[j].clone()));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn lcs_keeps_the_common_lines_out() {
        let d = lcs_diff(&v(&["a", "b", "c", "d"]), &v(&["a", "x", "c", "d", "e"]));
        assert_eq!(
            d,
            vec![
                Line::Old("b".into()),
                Line::New("x".into()),
                Line::New("e".into())
            ]
        );
        assert!(lcs_diff(&v(&["a"]), &v(&["a"])).is_empty());
    }

    /// The crash-loop pod under 1.34 and 1.37: the 1.35 re-queue change moves the restarts.
    #[test]
    fn a_crash_loop_differs_between_134_and_137() {
        let e = crate::gallery::get("crash-loop").expect("gallery pod");
        let run = |minor| {
            let s = crate::Settings {
                kubelet_version: crate::KubeletVersion(minor),
                until: Time::from_secs(300),
                ..Default::default()
            };
            crate::simulate(e.yaml, None, &s).expect("valid").timeline
        };
        let d = diff(&run(34), &run(37));
        assert!(d.iter().any(|s| s.title == "kubectl get pod -w"), "{d:?}");
        assert!(diff(&run(37), &run(37)).is_empty());
    }
}
