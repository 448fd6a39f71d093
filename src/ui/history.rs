//! The activity's history beside the editor: each logged change (when, who,
//! created / changed / deleted) with the fields that differ, found by comparing
//! the record before and after as JSON, named in words. "Restore this version"
//! loads that version into the draft; saving it is itself a new, logged change.

use ropa::law::{
    Article9Condition, LawfulBasis, LegalItem, RecognisedLegitimateInterest, Schedule1Condition,
    SpecialCategory,
};
use ropa::model::{ActivityId, ActivityStatus};
use ropa::store::{ActivityRecord, Change, ChangeAction};
use serde_json::Value;

use super::activity_editor::ActivityEditor;
use super::app::Command;

/// Longest value shown in a difference, in characters.
const VALUE_LIMIT: usize = 140;

/// One field that differs between two versions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The field, in words.
    pub field: String,
    /// What it said before ("(empty)" if nothing).
    pub before: String,
    /// What it says after.
    pub after: String,
}

/// One change of the activity, ready to show.
#[derive(Debug, Clone)]
pub struct HistoryEntry {
    /// When, as logged (UTC).
    pub at: String,
    /// Who.
    pub actor: String,
    /// Created, changed or deleted.
    pub action: ChangeAction,
    /// The fields that differ.
    pub differences: Vec<Difference>,
    /// The version this change produced (the one before, for a deletion).
    pub version: Option<ActivityRecord>,
}

/// The history panel's state: shown or not, and the changes of the activity it was
/// loaded for (loaded by a command, never per frame).
#[derive(Debug, Clone, Default)]
pub struct HistoryPanel {
    /// Whether the panel is shown beside the editor.
    pub visible: bool,
    /// The activity whose changes are loaded, and the changes, newest first.
    pub loaded: Option<(ActivityId, Vec<HistoryEntry>)>,
}

impl HistoryPanel {
    /// Replaces the changes shown with `changes` of activity `id` (oldest first, as
    /// the store gives them).
    pub fn load(&mut self, id: ActivityId, changes: &[Change]) {
        let mut entries: Vec<HistoryEntry> = changes.iter().map(entry).collect();
        entries.reverse();
        self.loaded = Some((id, entries));
    }

    /// Whether the panel needs the changes of `id` loading.
    pub fn needs_loading(&self, id: Option<ActivityId>) -> bool {
        self.visible && id.is_some() && self.loaded.as_ref().map(|(loaded, _)| *loaded) != id
    }
}

fn entry(change: &Change) -> HistoryEntry {
    let parse = |json: &Option<String>| json.as_deref().and_then(|j| serde_json::from_str::<Value>(j).ok());
    let (before, after) = (parse(&change.before), parse(&change.after));
    let version = change
        .after
        .as_deref()
        .or(change.before.as_deref())
        .and_then(|json| serde_json::from_str::<ActivityRecord>(json).ok());
    HistoryEntry {
        at: change.at.replace('T', " ").replace('Z', " UTC"),
        actor: change.actor.clone(),
        action: change.action,
        differences: differences(before.as_ref(), after.as_ref()),
        version,
    }
}

/// The fields of an activity record that differ between `before` and `after`.
pub fn differences(before: Option<&Value>, after: Option<&Value>) -> Vec<Difference> {
    let fields = |record: Option<&Value>| record.and_then(|r| r.pointer("/activity/fields")).cloned();
    let links = |record: Option<&Value>| record.and_then(|r| r.get("links")).cloned();
    let (old, new) = (fields(before).unwrap_or(Value::Null), fields(after).unwrap_or(Value::Null));
    let mut keys: Vec<&String> =
        old.as_object().into_iter().chain(new.as_object()).flat_map(|o| o.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out: Vec<Difference> = keys
        .into_iter()
        .filter_map(|key| {
            let (a, b) = (old.get(key).unwrap_or(&Value::Null), new.get(key).unwrap_or(&Value::Null));
            (a != b).then(|| Difference {
                field: field_words(key),
                before: show_field(key, a),
                after: show_field(key, b),
            })
        })
        .collect();
    let (old_links, new_links) = (links(before), links(after));
    if old_links != new_links {
        let count = |v: &Option<Value>| v.as_ref().and_then(Value::as_array).map_or(0, Vec::len);
        out.push(Difference {
            field: "Sources and recipients".to_owned(),
            before: format!("{} links", count(&old_links)),
            after: format!("{} links (changed)", count(&new_links)),
        });
    }
    out
}

/// A field's JSON name in the words of the form.
fn field_words(key: &str) -> String {
    let known = match key {
        "service_id" => "Service",
        "name" => "Name of the activity",
        "owner" => "Activity owner",
        "role" => "Our role",
        "data_subjects" => "Data subjects",
        "personal_data" => "Personal data",
        "special_categories" => "Special category data",
        "other_special_items" => "Recorded as special but not in Art 9(1)",
        "criminal_offence_data" => "Criminal offence data",
        "lawful_bases" => "Lawful basis (Art 6(1))",
        "article9_conditions" => "Condition (Art 9(2))",
        "schedule1_conditions" => "DPA 2018 Schedule 1 conditions",
        "legislation" => "Legislation",
        "consent_record" => "Record of consent",
        "policy_document" => "Retention and erasure policy",
        "retained_per_policy" => "Kept and erased in line with the policy",
        "recognised_legitimate_interest" => super::activity_editor::ANNEX1_LABEL,
        "retention_reason" => super::activity_editor::RETENTION_REASON_LABEL,
        "automated_decision_making" => "Automated decision-making",
        "dpia" => "DPIA",
        "breach" => "Personal data breach",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_owned();
    }
    let words = key.replace('_', " ");
    let mut chars = words.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// A field's value as a short text, with the law's codes in words.
fn show_field(key: &str, value: &Value) -> String {
    fn words<T: LegalItem>(value: &Value) -> Option<String> {
        let items = value.as_array()?;
        let labels: Vec<String> =
            items.iter().filter_map(|item| item.as_str().and_then(T::from_code)).map(T::label).collect();
        (labels.len() == items.len() && !labels.is_empty()).then(|| labels.join("; "))
    }
    let known = match key {
        "status" => value.as_str().and_then(ActivityStatus::from_code).map(|s| s.label().to_owned()),
        "lawful_bases" => words::<LawfulBasis>(value),
        "special_categories" => words::<SpecialCategory>(value),
        "article9_conditions" => words::<Article9Condition>(value),
        "schedule1_conditions" => words::<Schedule1Condition>(value),
        "recognised_legitimate_interest" => value
            .as_str()
            .and_then(RecognisedLegitimateInterest::from_code)
            .map(RecognisedLegitimateInterest::label),
        _ => None,
    };
    known.unwrap_or_else(|| show(value))
}

/// A JSON value as a short text.
fn show(value: &Value) -> String {
    let text = match value {
        Value::Null => "(empty)".to_owned(),
        Value::String(s) if s.is_empty() => "(empty)".to_owned(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "(none)".to_owned(),
        Value::Array(items) => items.iter().map(show).collect::<Vec<_>>().join("; "),
        Value::Object(map) => map
            .iter()
            .filter(|(_, v)| !matches!(v, Value::Null) && v.as_str() != Some(""))
            .map(|(k, v)| format!("{}: {}", k.replace('_', " "), show(v)))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Bool(true) => "yes".to_owned(),
        Value::Bool(false) => "no".to_owned(),
        Value::Number(n) => n.to_string(),
    };
    if text.chars().count() > VALUE_LIMIT {
        format!("{}…", text.chars().take(VALUE_LIMIT).collect::<String>())
    } else {
        text
    }
}

fn action_words(action: ChangeAction) -> &'static str {
    match action {
        ChangeAction::Create => "Created",
        ChangeAction::Update => "Changed",
        ChangeAction::Delete => "Deleted",
    }
}

/// Draws the panel at the right of the editor when it is shown.
pub fn panel_ui(
    ui: &mut egui::Ui,
    panel: &mut HistoryPanel,
    editor: &mut ActivityEditor,
    commands: &mut Vec<Command>,
) {
    if !panel.visible || editor.activity_id().is_none() {
        return;
    }
    egui::Panel::right("activity-history").resizable(true).default_size(360.0).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.heading("History");
            if ui.small_button("Close").accessible_name("Close history").clicked() {
                commands.push(Command::ToggleHistory);
            }
        });
        ui.weak("Every change to this activity, newest first. Times are UTC.");
        ui.separator();
        let Some((_, entries)) = &panel.loaded else {
            ui.weak("Loading…");
            return;
        };
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            for (index, entry) in entries.iter().enumerate() {
                entry_ui(ui, index, entries.len() - index, entry, editor);
            }
        });
    });
}

/// One change; `number` counts the changes from the first (1).
fn entry_ui(
    ui: &mut egui::Ui,
    index: usize,
    number: usize,
    entry: &HistoryEntry,
    editor: &mut ActivityEditor,
) {
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!("{number}. {}", action_words(entry.action)));
        ui.label(&entry.at);
        ui.weak(format!("by {}", entry.actor));
    });
    if entry.action == ChangeAction::Update {
        egui::Grid::new(("history-diff", index)).num_columns(2).spacing([8.0, 2.0]).show(ui, |ui| {
            for difference in &entry.differences {
                ui.weak(&difference.field);
                ui.vertical(|ui| {
                    ui.label(egui::RichText::new(&difference.before).strikethrough().weak());
                    ui.label(&difference.after);
                });
                ui.end_row();
            }
        });
    }
    if index > 0
        && entry.action != ChangeAction::Delete
        && let Some(version) = &entry.version
        && ui
            .small_button("Restore this version")
            .accessible_name(format!("Restore version {number}"))
            .on_hover_text("Puts this version in the editor; save to keep it (itself a logged change)")
            .clicked()
    {
        editor.load_version(version);
    }
    ui.separator();
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn differences_name_the_changed_fields_in_words_and_the_law_in_labels() {
        let before = serde_json::json!({"activity": {"fields": {
            "owner": "", "status": "active", "lawful_bases": ["public_task"], "name": "Same"}}, "links": []});
        let after = serde_json::json!({"activity": {"fields": {
            "owner": "Head of Early Help", "status": "draft", "lawful_bases": ["consent", "public_task"],
            "name": "Same"}}, "links": [{"id": 1}]});
        let found = differences(Some(&before), Some(&after));
        let fields: Vec<&str> = found.iter().map(|d| d.field.as_str()).collect();
        assert_eq!(fields, ["Lawful basis (Art 6(1))", "Activity owner", "Status", "Sources and recipients"]);
        assert_eq!(found[1].before, "(empty)");
        assert_eq!(found[1].after, "Head of Early Help");
        assert_eq!(found[2].after, "Draft");
        assert!(
            found[0].after.contains("Consent") && found[0].after.contains("Public task"),
            "{}",
            found[0].after
        );
    }

    #[test]
    fn the_annex_1_condition_and_the_retention_reason_are_named_in_the_law_s_words() {
        let before = serde_json::json!({"activity": {"fields": {
            "recognised_legitimate_interest": null, "retention_reason": ""}}, "links": []});
        let after = serde_json::json!({"activity": {"fields": {
            "recognised_legitimate_interest": "annex1_crime", "retention_reason": "Limitation Act 1980"}}, "links": []});
        let found = differences(Some(&before), Some(&after));
        let fields: Vec<&str> = found.iter().map(|d| d.field.as_str()).collect();
        assert!(fields.contains(&"Annex 1 condition met (Art 6(5))"), "{fields:?}");
        assert!(fields.contains(&"Why it is kept this long (Art 5(1)(e))"), "{fields:?}");
        assert!(found.iter().any(|d| d.after == "UK GDPR Annex 1 para 5 Crime"), "{found:?}");
    }

    #[test]
    fn long_values_are_shortened() {
        let long = Value::String("x".repeat(500));
        assert_eq!(show(&long).chars().count(), VALUE_LIMIT + 1);
    }
}
