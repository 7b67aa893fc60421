//! Learner mode: an exercise set (`docs/exercises.md`) open in the app, predict-then-play.
//!
//! Plain data driven by the reducer (`Action::Lesson*` in `state.rs`) and tested natively: which
//! question is open, what the learner answered, whether the timeline after the question's
//! instant is still veiled. The answer key comes from `podlife_classroom` (computed by the
//! engine); nothing here knows an answer of its own.

use crate::state::Shared;
use podlife_classroom::{Answer, Exercise, KeyItem, Question, Response};
use std::collections::BTreeMap;

/// What the learner answered to one question.
#[derive(Clone, Debug, PartialEq)]
pub struct Given {
    /// The answer as shown (`12.5 s`, `CrashLoopBackOff`, `3`, the reflection's text).
    pub response: String,
    pub correct: bool,
}

/// The local-storage key of the learner's progress (versioned).
pub const PROGRESS_KEY: &str = "podlife.progress.v1";

#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// The set's text (what a link carries and the teacher edits).
    pub text: Shared<String>,
    /// The last set that checked, with its key.
    pub set: Shared<Vec<(Exercise, Vec<KeyItem>)>>,
    /// What is wrong with `text` when the teacher's edit does not check (the set stays the last
    /// good one).
    pub problems: Vec<String>,
    pub ex: usize,
    pub q: usize,
    /// The open question was answered: the veil is lifted.
    pub revealed: bool,
    /// The marker a learner placed on the veiled axis (a `when` question).
    pub guess: Option<f64>,
    /// Hints shown for the open question.
    pub hints: usize,
    pub teacher: bool,
    /// Answers by `exercise-id/question-id` (kept in local storage).
    pub progress: Shared<BTreeMap<String, Given>>,
}

impl Lesson {
    /// A checked set, opened at its first unanswered question.
    pub fn open(text: String, progress: BTreeMap<String, Given>) -> Result<Lesson, Vec<String>> {
        let set = podlife_classroom::check(&text)
            .map_err(|p| p.iter().map(|p| p.to_string()).collect::<Vec<_>>())?;
        let mut l = Lesson {
            text: Shared::new(text),
            set: Shared::new(set),
            problems: vec![],
            ex: 0,
            q: 0,
            revealed: false,
            guess: None,
            hints: 0,
            teacher: false,
            progress: Shared::new(progress),
        };
        // Resume where the learner left off.
        'find: for (ei, (e, _)) in l.set.iter().enumerate() {
            for (qi, q) in e.questions.iter().enumerate() {
                if !l.progress.contains_key(&format!("{}/{}", e.id, q.id)) {
                    (l.ex, l.q) = (ei, qi);
                    break 'find;
                }
            }
        }
        Ok(l)
    }

    pub fn exercise(&self) -> Option<&Exercise> {
        self.set.get(self.ex).map(|(e, _)| e)
    }

    /// The open question and its key.
    pub fn question(&self) -> Option<(&Exercise, &Question, &KeyItem)> {
        let (e, key) = self.set.get(self.ex)?;
        Some((e, e.questions.get(self.q)?, key.get(self.q)?))
    }

    /// The open question's progress key.
    pub fn slot(&self) -> Option<String> {
        let (e, q, _) = self.question()?;
        Some(format!("{}/{}", e.id, q.id))
    }

    pub fn given(&self) -> Option<&Given> {
        self.progress.get(&self.slot()?)
    }

    /// Where the timeline is veiled from: the open question's instant, until it is answered.
    pub fn veil(&self) -> Option<f64> {
        if self.revealed {
            return None;
        }
        self.question().map(|(_, q, _)| q.at)
    }

    /// The exercise's horizon, in milliseconds.
    pub fn until_ms(&self) -> Option<i64> {
        self.exercise()?.until.map(|u| (u * 1000.0).round() as i64)
    }

    /// Record an answer; the veil lifts. Returns whether it was right.
    pub fn answer(&mut self, r: &Response) -> Option<bool> {
        let (_, _, k) = self.question()?;
        let correct = k.answer.grade(r);
        let shown = match r {
            Response::Time(t) => format!("{} s", podlife_classroom::trim(*t)),
            Response::Choice(c) | Response::Text(c) => c.chars().take(2000).collect(),
            Response::Number(n) => n.to_string(),
        };
        let slot = self.slot()?;
        let mut p = (*self.progress).clone();
        p.insert(
            slot,
            Given {
                response: shown,
                correct,
            },
        );
        self.progress = Shared::new(p);
        self.revealed = true;
        Some(correct)
    }

    /// Move to question `q` of exercise `ex`; `true` when the exercise (and so the pod) changed.
    pub fn goto(&mut self, ex: usize, q: usize) -> bool {
        let Some((e, _)) = self.set.get(ex) else {
            return false;
        };
        let q = q.min(e.questions.len().saturating_sub(1));
        let changed = ex != self.ex;
        (self.ex, self.q) = (ex, q);
        self.guess = None;
        self.hints = 0;
        // A question answered before shows its answer; an open one is veiled.
        self.revealed = self.given().is_some();
        changed
    }

    /// The next question (across exercises); `None` at the end of the set.
    pub fn next(&self) -> Option<(usize, usize)> {
        let (e, _) = self.set.get(self.ex)?;
        if self.q + 1 < e.questions.len() {
            Some((self.ex, self.q + 1))
        } else if self.ex + 1 < self.set.len() {
            Some((self.ex + 1, 0))
        } else {
            None
        }
    }

    /// Right answers so far, of the questions with an answer key (reflections not counted).
    pub fn score(&self) -> (usize, usize) {
        let mut right = 0;
        let mut total = 0;
        for (e, key) in self.set.iter() {
            for (q, k) in e.questions.iter().zip(key) {
                if k.answer == Answer::Free {
                    continue;
                }
                total += 1;
                if self
                    .progress
                    .get(&format!("{}/{}", e.id, q.id))
                    .is_some_and(|g| g.correct)
                {
                    right += 1;
                }
            }
        }
        (right, total)
    }

    /// The teacher's edit: checked; if it checks, the set is replaced and the position kept
    /// where it still exists; if not, the problems are shown and the last good set stays.
    /// Returns whether the pod on screen must be replayed.
    pub fn edit(&mut self, text: String) -> bool {
        self.text = Shared::new(text.clone());
        match podlife_classroom::check(&text) {
            Ok(set) => {
                let before = self.exercise().cloned();
                self.set = Shared::new(set);
                self.problems.clear();
                let ex = self.ex.min(self.set.len().saturating_sub(1));
                let q = self.q;
                self.goto(ex, q);
                before.as_ref() != self.exercise()
            }
            Err(p) => {
                self.problems = p.iter().map(|p| p.to_string()).collect();
                false
            }
        }
    }
}

/// A key's detail (`app: restart 2 at 15.6 s`, `Terminated: Error (exit code 1)`) in the
/// interface's language: the classroom crate writes it in English with Kubernetes' words, which
/// stay; the words around them are translated.
pub fn detail_in(detail: &str, lang: crate::i18n::Lang) -> String {
    if lang == crate::i18n::Lang::En {
        return detail.to_string();
    }
    let mut out = detail.to_string();
    // Longest phrases first, so `restart 2` is not read as `start`.
    for (en, zh) in [
        (" at ", " 于 "),
        ("(exit code ", "（退出码 "),
        ("pod Ready", "Pod 就绪"),
        ("pod deleted", "Pod 被删除"),
        ("pod removed", "Pod 被移除"),
        (": restart ", "：重启 "),
        (": start", "：启动"),
        (": exit", "：退出"),
        (": ready", "：就绪"),
        ("Waiting: no status yet", "Waiting：尚无状态"),
    ] {
        out = out.replace(en, zh);
    }
    out = out.replace(" s;", " 秒；").replace(" s)", " 秒）");
    if out.ends_with(" s") {
        out.truncate(out.len() - 2);
        out.push_str(" 秒");
    }
    out.replace(')', "）")
}

/// Progress as saved (YAML: `exercise/question: [right, "answer"]`), read back like untrusted text.
pub fn encode_progress(p: &BTreeMap<String, Given>) -> String {
    use serde_yaml::{Mapping, Value};
    let mut m = Mapping::new();
    for (k, g) in p {
        m.insert(
            Value::String(k.clone()),
            Value::Sequence(vec![
                Value::Bool(g.correct),
                Value::String(g.response.clone()),
            ]),
        );
    }
    serde_yaml::to_string(&Value::Mapping(m)).unwrap_or_default()
}

pub fn decode_progress(text: &str) -> BTreeMap<String, Given> {
    if text.len() > 1_000_000 {
        return BTreeMap::new();
    }
    let Ok(serde_yaml::Value::Mapping(m)) = serde_yaml::from_str(text) else {
        return BTreeMap::new();
    };
    m.iter()
        .filter_map(|(k, v)| {
            let l = v.as_sequence()?;
            Some((
                k.as_str()?.to_string(),
                Given {
                    correct: l.first()?.as_bool()?,
                    response: l.get(1)?.as_str()?.to_string(),
                },
            ))
        })
        .take(10_000)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack() -> String {
        podlife_classroom::PACK
            .first()
            .map(|(_, t)| t.to_string())
            .expect("a pack")
    }

    #[test]
    fn a_lesson_veils_until_answered_then_moves_on() {
        let mut l = Lesson::open(pack(), BTreeMap::new()).unwrap();
        assert_eq!((l.ex, l.q), (0, 0));
        let (_, q, k) = l.question().unwrap();
        assert_eq!(l.veil(), Some(q.at));
        let right = match &k.answer {
            Answer::Time { t, .. } => Response::Time(*t),
            Answer::Choice { options, correct } => Response::Choice(options[*correct].clone()),
            Answer::Number(n) => Response::Number(*n),
            Answer::Free => Response::Text("x".into()),
        };
        assert_eq!(l.answer(&right), Some(true));
        assert_eq!(l.veil(), None, "answered: the veil lifts");
        let (ex, q) = l.next().unwrap();
        l.goto(ex, q);
        assert!(l.veil().is_some(), "the next question is veiled again");
        assert_eq!(l.score().0, 1);
        // Progress survives a reload and the set resumes at the first open question.
        let p = decode_progress(&encode_progress(&l.progress));
        let again = Lesson::open(pack(), p).unwrap();
        assert_eq!((again.ex, again.q), (l.ex, l.q));
    }

    #[test]
    fn a_wrong_answer_is_recorded_wrong() {
        let mut l = Lesson::open(pack(), BTreeMap::new()).unwrap();
        let wrong = match &l.question().unwrap().2.answer {
            Answer::Time { t, tolerance } => Response::Time(t + tolerance + 5.0),
            Answer::Number(n) => Response::Number(n + 1),
            Answer::Choice { options, correct } => {
                Response::Choice(options[(correct + 1) % options.len()].clone())
            }
            Answer::Free => return,
        };
        assert_eq!(l.answer(&wrong), Some(false));
        assert_eq!(l.given().map(|g| g.correct), Some(false));
    }

    #[test]
    fn key_details_read_in_chinese() {
        use crate::i18n::{untranslated, Lang};
        for d in [
            "app: restart 2 at 15.6 s; app: BackOff at 3.5 s",
            "Terminated: Error (exit code 1)",
            "pod Ready at 12 s",
            "restartCount 4",
            "Waiting: CrashLoopBackOff",
        ] {
            let zh = detail_in(d, Lang::ZhCn);
            assert!(untranslated(&zh).is_empty(), "{d} → {zh}");
            assert_eq!(detail_in(d, Lang::En), d);
        }
    }

    #[test]
    fn a_broken_teacher_edit_keeps_the_last_good_set() {
        let mut l = Lesson::open(pack(), BTreeMap::new()).unwrap();
        let before = l.set.clone();
        assert!(!l.edit("kind: Exercise\nid: [".into()));
        assert!(!l.problems.is_empty());
        assert_eq!(l.set, before);
        assert!(Lesson::open("{{{".into(), BTreeMap::new()).is_err());
        assert!(decode_progress("- not a map").is_empty());
    }
}
