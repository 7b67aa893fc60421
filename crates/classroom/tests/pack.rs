//! The shipped pack: every exercise checks (its pods play, every question has an answer computed
//! by the engine, every text is in both languages), `PACK` holds every file, and
//! `docs/exercises.md` lists them all.

use std::path::Path;

fn files() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("exercises");
    let mut v: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("exercises/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).expect("read"),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn every_exercise_checks_in_both_languages() {
    let files = files();
    assert!(
        files.len() >= 20,
        "a pack of at least 20 exercises ({} now)",
        files.len()
    );
    let mut ids = std::collections::HashSet::new();
    for (name, text) in &files {
        let set = podlife_classroom::check(text).unwrap_or_else(|p| {
            panic!(
                "{name}:\n{}",
                p.iter()
                    .map(|p| p.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        for (e, key) in set {
            assert!(
                ids.insert(e.id.clone()),
                "{name}: id {} used twice in the pack",
                e.id
            );
            assert_eq!(
                e.title.langs(),
                vec!["en", "zh-CN"],
                "{name}: title in en and zh-CN"
            );
            assert!(
                name.contains(&e.id),
                "{name}: the file is named after its id {}",
                e.id
            );
            assert_eq!(key.len(), e.questions.len());
        }
    }
}

#[test]
fn pack_holds_every_file_and_the_docs_list_them() {
    let files = files();
    let pack: Vec<&str> = podlife_classroom::PACK.iter().map(|(n, _)| *n).collect();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(pack, names, "PACK lists exercises/ in order");
    for ((_, a), (_, b)) in podlife_classroom::PACK.iter().zip(&files) {
        assert_eq!(a, b);
    }
    let docs = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/exercises.md"),
    )
    .unwrap();
    for n in names {
        assert!(docs.contains(n), "docs/exercises.md lists {n}");
    }
}
