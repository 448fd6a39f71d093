//! Arbitrary bytes, and damaged versions of valid files, fed to every importer:
//! each returns a plan or a clear error, and never panics.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests fail loudly by design.

use proptest::prelude::*;
use ropa::ico_template::IcoColumn;
use ropa::import::{self, json};
use ropa::model::Register;

/// A small valid ICO-template file to damage.
fn valid_ico() -> Vec<u8> {
    let mut text = String::from("Controller,Manchester City Council\r\n");
    let headings: Vec<String> = IcoColumn::ALL.iter().map(|c| format!("\"{}\"", c.heading())).collect();
    text.push_str(&headings.join(","));
    text.push_str("\r\nEarly Help,\"Support families;\nSafeguard\",Children,Name,NHS,,,,,6 years,,Art 6(1)(e),Art 9(2)(h)\r\n");
    text.into_bytes()
}

fn valid_json() -> Vec<u8> {
    json::to_json(&Register::default()).unwrap().into_bytes()
}

fn check_all_importers(bytes: &[u8]) {
    let register = Register::default();
    if let Ok(plan) = import::read_ico_csv(bytes, "fuzz.csv", &register) {
        let _ = plan.summary();
    }
    if let Ok(incoming) = json::from_json(bytes, "fuzz.json") {
        let _ = json::merge_plan(&incoming, &register, "fuzz.json");
    }
}

/// A valid file with some bytes overwritten, some cut and some inserted.
fn damaged(base: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = base.len();
    (
        prop::collection::vec((0..len, any::<u8>()), 0..8),
        0..=len,
        prop::collection::vec(
            prop::sample::select(vec![b'"', b',', b';', b'\n', b'\r', b'\t', 0xFF, 0x00, b'(']),
            0..6,
        ),
    )
        .prop_map(move |(edits, cut, inserted)| {
            let mut bytes = base.clone();
            for (at, byte) in edits {
                bytes[at] = byte;
            }
            bytes.truncate(cut.max(1));
            let middle = bytes.len() / 2;
            bytes.splice(middle..middle, inserted);
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_all_importers(&bytes);
    }

    #[test]
    fn damaged_ico_files_never_panic(bytes in damaged(valid_ico())) {
        check_all_importers(&bytes);
    }

    #[test]
    fn damaged_json_files_never_panic(bytes in damaged(valid_json())) {
        check_all_importers(&bytes);
    }

    #[test]
    fn arbitrary_citations_never_panic(text in "\\PC{0,80}") {
        let _ = import::citations::parse_article6(&text);
        let _ = import::citations::parse_article9(&text);
        let _ = import::citations::parse_schedule1(&text);
    }
}
