#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.
//! The layering, enforced on the source text (in the spirit of rust-analyzer's tidy
//! tests): no GUI type outside `src/ui`, no `Store` in the pure readers, and no
//! module of the core naming a module above it.
//!
//! The core's modules, lowest first; a module may name modules of lower layers
//! (and itself), never its own layer's peers or anything above:
//!
//! 0. `error`, `law`: the error type and the law's closed lists
//! 1. `model`, `typeset`, `cells`, `ico_template`, `processor_template`, `fsio`: the
//!    domain (the read side's `Snapshot` included), the typesetter, spreadsheet cells,
//!    the ICO template's and the processor record's columns, the file edge (`fsio`)
//! 2. `store`: SQLite
//! 3. `checks`, `flows`: pure readers of a register
//! 4. `notice`, `import`: notices; every format into a plan
//! 5. `export`, `review_pack`: every format out (the JSON layout is the import's);
//!    the service owners' review packs out and back in
//! 6. `demo`, `generate`: registers written through the store
//! 7. `file_commands`: the headless commands on files (open by path, write)
//!
//! The binary (`main`, `cli`, `ui`, `bin`) sits on top and may name anything.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The core's layers, lowest first.
const LAYERS: &[&[&str]] = &[
    &["error", "law"],
    &["model", "typeset", "cells", "ico_template", "processor_template", "fsio"],
    &["store"],
    &["checks", "flows"],
    &["notice", "import"],
    &["export", "review_pack"],
    &["demo", "generate"],
    &["file_commands"],
];

/// The binary's modules: above every layer.
const BINARY: &[&str] = &["main", "cli", "ui", "bin"];

/// Pure readers of a register: they take a snapshot, never a `Store`.
const NO_STORE: &[&str] = &["checks", "flows", "notice", "export"];

/// Known violations, each with who is removing it. The test fails when one is
/// fixed and still listed, so this list only shrinks. Empty since issue 16: the
/// checks and notices take a `model::Snapshot`, and the processor layout lives in
/// `processor_template`.
const KNOWN: &[(&str, &str)] = &[];

/// A module name a core module may be referred to by (`crate::Store` is the store).
fn module_of_path_root(root: &str) -> Option<&'static str> {
    match root {
        "Store" => Some("store"),
        "Error" | "Result" => Some("error"),
        _ => LAYERS.iter().flat_map(|layer| layer.iter()).find(|m| **m == root).copied(),
    }
}

fn layer(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// The top-level module a source file belongs to: `store` for `src/store/x.rs`,
/// `generate` for `src/generate.rs`.
fn module_of_file(relative: &Path) -> String {
    let first = relative.components().next().unwrap().as_os_str().to_string_lossy().to_string();
    first.strip_suffix(".rs").map_or(first.clone(), str::to_string)
}

/// The code of a file without comments and without its trailing `#[cfg(test)]`
/// module (tests may use anything to build their fixtures).
fn code_of(source: &str) -> String {
    let without_tests = source.find("#[cfg(test)]\nmod tests").map_or(source, |at| &source[..at]);
    without_tests
        .lines()
        .map(|line| match line.find("//") {
            Some(at) if !line[..at].contains('"') => &line[..at],
            _ => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every identifier that follows `prefix` (`crate::` → `model`, `Store`, ...).
fn roots_after<'a>(code: &'a str, prefix: &str) -> Vec<&'a str> {
    code.match_indices(prefix)
        .filter(|(at, _)| !code[..*at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        .map(|(at, _)| {
            let rest = &code[at + prefix.len()..];
            let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

fn contains_word(code: &str, word: &str) -> bool {
    code.match_indices(word).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        boundary(before) && boundary(after)
    })
}

/// The layering rules broken by one file, as `(file, what)` pairs.
fn violations(relative: &str, source: &str) -> Vec<(String, String)> {
    let module = module_of_file(Path::new(relative));
    let code = code_of(source);
    let mut found = Vec::new();
    if module != "ui" {
        for gui in ["egui", "eframe"] {
            if contains_word(&code, gui) {
                found.push((relative.to_string(), gui.to_string()));
            }
        }
    }
    if BINARY.contains(&module.as_str()) {
        return found;
    }
    if NO_STORE.contains(&module.as_str()) && contains_word(&code, "Store") {
        found.push((relative.to_string(), "Store".to_string()));
    }
    let Some(own) = layer(&module) else {
        found.push((relative.to_string(), format!("module {module} has no layer in tests/architecture.rs")));
        return found;
    };
    for root in roots_after(&code, "crate::") {
        let Some(target) = module_of_path_root(root) else { continue };
        if target == module {
            continue;
        }
        let target_layer = layer(target).unwrap();
        if target_layer >= own {
            found.push((relative.to_string(), target.to_string()));
        }
    }
    found.sort();
    found.dedup();
    found
}

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn all_violations() -> BTreeMap<(String, String), ()> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    source_files(&src, &mut files);
    let mut found = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&src).unwrap().to_string_lossy().replace('\\', "/");
        if relative == "lib.rs" {
            continue;
        }
        let source = std::fs::read_to_string(&file).unwrap();
        for violation in violations(&relative, &source) {
            found.insert(violation, ());
        }
    }
    found
}

#[test]
fn the_layers_hold_apart_from_the_known_exceptions_being_removed() {
    let found = all_violations();
    let known: BTreeMap<(String, String), ()> =
        KNOWN.iter().map(|(file, what)| ((file.to_string(), what.to_string()), ())).collect();
    let new: Vec<_> = found.keys().filter(|v| !known.contains_key(*v)).collect();
    assert!(new.is_empty(), "layering broken (file, what it names): {new:#?}");
    let fixed: Vec<_> = known.keys().filter(|v| !found.contains_key(*v)).collect();
    assert!(fixed.is_empty(), "fixed, so remove from KNOWN in tests/architecture.rs: {fixed:#?}");
}

#[test]
fn the_checker_finds_a_planted_violation_of_each_rule() {
    // The store naming the checks (a lower layer naming a higher one).
    let store = "use crate::checks::FindingKey;\nfn f() {}\n";
    assert_eq!(
        violations("store/acknowledgements.rs", store),
        [("store/acknowledgements.rs".into(), "checks".into())]
    );
    // Peers of one layer naming each other (checks and flows).
    let peer = "fn f() { crate::flows::questions::flow_rows(r); }";
    assert_eq!(violations("checks/rules/flows.rs", peer), [("checks/rules/flows.rs".into(), "flows".into())]);
    // A pure reader taking a Store.
    let reader = "use crate::model::Register;\nfn f(store: &mut Store) {}";
    assert_eq!(violations("flows/graph.rs", reader), [("flows/graph.rs".into(), "Store".into())]);
    // The exceptions the KNOWN list held until issue 16, planted again.
    let import = "use crate::export::processor::ProcessorColumn;";
    assert_eq!(violations("import/processor.rs", import), [("import/processor.rs".into(), "export".into())]);
    let checks = "pub fn check_store(store: &mut Store) {}";
    assert_eq!(violations("checks/engine.rs", checks), [("checks/engine.rs".into(), "Store".into())]);
    let layout = "use crate::export::ico_csv::LIST_SEPARATOR;";
    assert_eq!(
        violations("processor_template.rs", layout),
        [("processor_template.rs".into(), "export".into())]
    );
    // A GUI type in the core, and even in the command line.
    let gui = "fn f(ui: &mut egui::Ui) {}";
    assert_eq!(violations("export/pdf/report.rs", gui), [("export/pdf/report.rs".into(), "egui".into())]);
    assert_eq!(violations("cli/ask.rs", gui), [("cli/ask.rs".into(), "egui".into())]);
    // A new top-level module must be given a layer.
    assert_eq!(violations("snapshot.rs", "fn f() {}").len(), 1);
}

#[test]
fn comments_tests_and_lower_layers_are_not_violations() {
    let fine = "//! See [`crate::notice`] and egui.\nuse crate::model::Register; // not crate::checks\nuse crate::Result;\n\
                fn f() -> Result<()> { Ok(()) }\n#[cfg(test)]\nmod tests {\n    use crate::demo;\n}\n";
    assert!(violations("store/load.rs", fine).is_empty(), "{:?}", violations("store/load.rs", fine));
    // The binary may name anything but the GUI outside `src/ui`.
    assert!(violations("ui/app.rs", "fn f(ui: &mut egui::Ui, s: ropa::Store) {}").is_empty());
    assert!(violations("cli.rs", "fn f(s: ropa::Store) { ropa::export::write(); }").is_empty());
}
