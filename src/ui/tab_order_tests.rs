//! Tab moves through the activity editor in the order of Article 30(1): the
//! activity (a), purposes (b), people and data (c), recipients (d), transfers
//! (e), retention (f), security (g), then accountability (issue 20).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};

use super::app::App;
use super::test_support::{app_on, demo_store, harness};

/// The label of the focused widget, if any.
fn focused(harness: &Harness<'_, App>) -> Option<String> {
    let node = harness.query_by(|node| node.is_focused())?;
    node.accesskit_node().label()
}

/// The labels Tab visits, from the editor's first field, each once.
fn tab_sequence(harness: &mut Harness<'_, App>, presses: usize) -> Vec<String> {
    let mut seen = Vec::new();
    for _ in 0..presses {
        harness.key_press(egui::Key::Tab);
        harness.run();
        if let Some(label) = focused(harness)
            && !seen.contains(&label)
        {
            seen.push(label);
        }
    }
    seen
}

#[test]
fn tab_walks_the_editor_in_article_30_order() {
    let mut harness = harness(app_on(demo_store()));
    harness.run();
    harness.get_by_label("New activity").click();
    harness.run();
    assert_eq!(
        focused(&harness).as_deref(),
        Some("Name of the activity"),
        "a new activity starts at its name"
    );
    let sequence = tab_sequence(&mut harness, 120);
    // One field of each part of Art 30(1), then the accountability fields.
    let markers = [
        "Description",             // (a) the processing activity
        "Add to purposes",         // (b) purposes
        "Art 6(1)(e) Public task", //     and the lawful basis
        "Add to data subjects",    // (c) categories of data subjects
        "Add to personal data",    //     and of personal data
        "Art 9(1) Health",         //     special category data
        "Add a recipient",         // (d) recipients
        "Add a transfer",          // (e) transfers
        "Retention",               // (f) time limits for erasure
        "Security measures",       // (g) security measures
        // accountability (a new activity's DPIAs block has nothing to focus:
        // DPIAs are started once the activity is saved)
        "Automated decision-making, including profiling (Art 22)",
        "Next review due",
    ];
    let at: Vec<usize> = markers
        .iter()
        .map(|marker| {
            sequence
                .iter()
                .position(|label| label == marker)
                .unwrap_or_else(|| panic!("Tab never reached {marker}: {sequence:#?}"))
        })
        .collect();
    assert!(at.windows(2).all(|pair| pair[0] < pair[1]), "out of Art 30 order: {sequence:#?}");
    assert!(!sequence[..at[0]].iter().any(|label| label == "File"), "Tab starts in the form, not the menus");
}
