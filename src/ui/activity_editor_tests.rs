//! The activity editor offers the law in force on its day, keeps a saved value
//! that is not (marked), and edits the fields the law as amended needs, each
//! labelled in the law's words. Drawn alone, driven by accessible label.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use ropa::law::{LawfulBasis, RecognisedLegitimateInterest, TransferSafeguard};
use ropa::model::{
    Activity, ActivityFields, ActivityId, Date, Register, Service, ServiceFields, ServiceId, Transfer,
};
use time::macros::date;

use super::{ANNEX1_LABEL, ActivityEditor, RETENTION_REASON_LABEL, data_protection_test_label};
use crate::ui::app::Command;
use crate::ui::register_view::Suggestions;

const BEFORE_DUAA: Date = date!(2026 - 02 - 04);
const DUAA: Date = date!(2026 - 02 - 05);
const EA: &str = "Art 6(1)(ea) Recognised legitimate interest";

struct State {
    editor: ActivityEditor,
    register: Register,
    suggestions: Suggestions,
    commands: Vec<Command>,
}

fn register() -> Register {
    Register {
        services: vec![Service {
            id: ServiceId(1),
            fields: ServiceFields { name: "Early Help".into(), ..Default::default() },
        }],
        ..Register::default()
    }
}

/// The editor on a saved activity with `fields`, offering the law of `day`.
fn harness(day: Date, fields: ActivityFields) -> Harness<'static, State> {
    let activity = Activity { id: ActivityId(1), version: 1, fields };
    let mut editor = ActivityEditor::open(&activity, &[]);
    editor.set_law_day(day);
    let state =
        State { editor, register: register(), suggestions: Suggestions::default(), commands: Vec::new() };
    let mut harness = Harness::builder().with_size(egui::vec2(1366.0, 4000.0)).build_ui_state(
        |ui, s: &mut State| super::ui(ui, &mut s.editor, &s.register, &s.suggestions, &mut s.commands),
        state,
    );
    harness.run();
    harness
}

fn activity() -> ActivityFields {
    ActivityFields::new(ServiceId(1), "Disclosures to the police")
}

#[test]
fn recognised_legitimate_interest_is_offered_only_from_5_february_2026() {
    let before = harness(BEFORE_DUAA, activity());
    assert!(before.query_by_label_contains("6(1)(ea)").is_none(), "(ea) is not law on 4 February 2026");
    assert!(before.query_by_label("Art 6(1)(e) Public task").is_some());
    let mut after = harness(DUAA, activity());
    after.get_by_label(EA).click();
    after.run();
    assert!(
        after.state().editor.draft().fields.lawful_bases.contains(&LawfulBasis::RecognisedLegitimateInterest)
    );
    // Ticking (ea) asks for its Annex 1 condition, offering the five conditions in force.
    after.get_by_label(ANNEX1_LABEL).click();
    after.run();
    after.get_by_label("UK GDPR Annex 1 para 5 Crime").click();
    after.run();
    assert_eq!(
        after.state().editor.draft().fields.recognised_legitimate_interest,
        Some(RecognisedLegitimateInterest::Crime)
    );
}

#[test]
fn a_saved_value_no_longer_offered_stays_shown_marked_and_is_not_dropped() {
    let mut fields = activity();
    fields.lawful_bases = [LawfulBasis::RecognisedLegitimateInterest].into();
    fields.recognised_legitimate_interest =
        Some(RecognisedLegitimateInterest::SafeguardingVulnerableIndividuals);
    fields.transfers = vec![Transfer {
        destination: "India".into(),
        safeguard: Some(TransferSafeguard::Idta),
        detail: String::new(),
        data_protection_test_met: Some(true),
    }];
    let mut harness = harness(BEFORE_DUAA, fields.clone());
    let marked = format!("{EA} (not in force on 4 February 2026)");
    assert!(harness.query_by_label(&marked).is_some(), "the saved (ea) is shown, marked");
    assert!(harness.query_by_label(ANNEX1_LABEL).is_some(), "its Annex 1 condition is shown");
    let test = format!("{} (not in force on 4 February 2026)", data_protection_test_label(1));
    assert!(harness.query_by_label(&test).is_some(), "the saved test answer is shown, marked");
    harness.run();
    assert_eq!(harness.state().editor.draft().fields, fields, "nothing saved is dropped by drawing the form");
    assert!(!harness.state().editor.is_dirty());
}

#[test]
fn the_retention_reason_and_the_data_protection_test_are_edited_in_the_law_s_words() {
    let mut fields = activity();
    fields.transfers = vec![Transfer {
        destination: "India".into(),
        safeguard: Some(TransferSafeguard::Idta),
        detail: String::new(),
        data_protection_test_met: None,
    }];
    // Before 5 February 2026 the test is not law, and not asked.
    let before = harness(BEFORE_DUAA, fields.clone());
    assert!(before.query_by_label_contains("data protection test met").is_none());

    let mut harness = harness(DUAA, fields);
    harness.get_by_label(RETENTION_REASON_LABEL).focus();
    harness.run();
    harness.get_by_label(RETENTION_REASON_LABEL).type_text("Limitation Act 1980 s.2");
    harness.run();
    harness.get_by_label(&data_protection_test_label(1)).click();
    harness.run();
    harness.get_by_label("Yes: considered met").click();
    harness.run();
    let draft = &harness.state().editor.draft().fields;
    assert_eq!(draft.retention_reason, "Limitation Act 1980 s.2");
    assert_eq!(draft.transfers[0].data_protection_test_met, Some(true));
    assert!(harness.state().editor.is_dirty());
}
