#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Merging duplicate parties and undoing the merge: one transaction each, logged,
//! and the undo gives back the exact register, ids and versions included.

use ropa::Store;
use ropa::model::{AgreementFields, AgreementKind, PartyFields, PartyKind};

/// The demo register with a duplicate "N.H.S." that a link and an agreement name.
fn with_duplicate() -> (Store, ropa::model::PartyId, ropa::model::PartyId) {
    let mut store = Store::in_memory().unwrap();
    ropa::demo::populate(&mut store).unwrap();
    let nhs = store.party_by_name("NHS").unwrap().unwrap();
    let dup = store.insert_party(&PartyFields::new("N.H.S.", PartyKind::PublicAuthority)).unwrap().id;
    // Re-point one of the NHS links to the duplicate, through the ordinary API.
    let register = store.load_register().unwrap();
    let link = register.links.iter().find(|l| l.fields.party_id == nhs).unwrap().clone();
    let activity = store.activity(link.activity_id).unwrap();
    let mut drafts: Vec<_> = store
        .links_of(activity.id)
        .unwrap()
        .into_iter()
        .map(|l| ropa::model::LinkDraft { id: Some(l.id), fields: l.fields })
        .collect();
    for draft in &mut drafts {
        if draft.id == Some(link.id) {
            draft.fields.party_id = dup;
        }
    }
    store.update_activity(activity.id, activity.version, &activity.fields, &drafts).unwrap();
    // An agreement naming both, and one naming only the duplicate.
    let mut both = AgreementFields::new(AgreementKind::DataSharing, "Health data sharing");
    both.parties = vec![nhs, dup];
    store.insert_agreement(&both).unwrap();
    let mut only = AgreementFields::new(AgreementKind::DataSharing, "Old NHS agreement");
    only.parties = vec![dup];
    store.insert_agreement(&only).unwrap();
    (store, nhs, dup)
}

#[test]
fn merge_re_points_links_and_agreements_and_deletes_the_duplicate() {
    let (mut store, nhs, dup) = with_duplicate();
    let before = store.load_register().unwrap();
    let dup_links = before.links.iter().filter(|l| l.fields.party_id == dup).count();
    let nhs_links = before.links.iter().filter(|l| l.fields.party_id == nhs).count();
    assert_eq!(dup_links, 1);
    let merge = store.merge_parties(nhs, dup).unwrap();
    assert_eq!(merge.moved_links.len(), 1);
    assert_eq!(merge.agreements.len(), 2);
    let after = store.load_register().unwrap();
    assert!(after.party(dup).is_none());
    assert_eq!(after.links.iter().filter(|l| l.fields.party_id == nhs).count(), nhs_links + dup_links);
    for agreement in &after.agreements {
        assert!(!agreement.fields.parties.contains(&dup));
    }
    let titled = |title: &str| after.agreements.iter().find(|a| a.fields.title == title).unwrap().clone();
    assert_eq!(titled("Health data sharing").fields.parties, vec![nhs]);
    assert_eq!(titled("Old NHS agreement").fields.parties, vec![nhs]);
    // Logged: the party deletion, the activity and both agreements.
    let party_history = store.history("party", dup.0).unwrap();
    assert_eq!(party_history.last().unwrap().action, ropa::store::ChangeAction::Delete);
    let activity = merge.activities[0].0;
    let last = store.history("activity", activity.0).unwrap().pop().unwrap();
    assert!(last.before.unwrap().contains(&format!("\"party_id\":{}", dup.0)));
    assert!(!last.after.unwrap().contains(&format!("\"party_id\":{}", dup.0)));
    assert_eq!(store.verify_log().unwrap().first_broken, None);
}

#[test]
fn undo_gives_back_the_exact_register() {
    let (mut store, nhs, dup) = with_duplicate();
    let before = store.load_register().unwrap();
    let merge = store.merge_parties(nhs, dup).unwrap();
    assert_ne!(store.load_register().unwrap(), before);
    store.undo_merge_parties(&merge).unwrap();
    assert_eq!(store.load_register().unwrap(), before);
    let check = store.verify_log().unwrap();
    assert_eq!(check.first_broken, None);
    assert!(check.entries > 0);
    // And it can be merged again.
    store.merge_parties(nhs, dup).unwrap();
}

#[test]
fn undo_refuses_when_a_touched_record_changed_since() {
    let (mut store, nhs, dup) = with_duplicate();
    let merge = store.merge_parties(nhs, dup).unwrap();
    let (activity_id, _) = merge.activities[0];
    let activity = store.activity(activity_id).unwrap();
    let drafts: Vec<_> = store
        .links_of(activity_id)
        .unwrap()
        .into_iter()
        .map(|l| ropa::model::LinkDraft { id: Some(l.id), fields: l.fields })
        .collect();
    let mut fields = activity.fields.clone();
    fields.description.push_str(" Edited.");
    store.update_activity(activity_id, activity.version, &fields, &drafts).unwrap();
    let before = store.load_register().unwrap();
    assert!(matches!(store.undo_merge_parties(&merge), Err(ropa::Error::Conflict { .. })));
    assert_eq!(store.load_register().unwrap(), before, "a refused undo changes nothing");
}

#[test]
fn merge_refuses_bad_input_and_changes_nothing() {
    let (mut store, nhs, dup) = with_duplicate();
    let before = store.load_register().unwrap();
    assert!(store.merge_parties(nhs, nhs).is_err());
    assert!(store.merge_parties(nhs, ropa::model::PartyId(999_999)).is_err());
    assert!(store.merge_parties(ropa::model::PartyId(999_999), dup).is_err());
    assert_eq!(store.load_register().unwrap(), before);
}

#[test]
fn an_asset_hosted_by_the_duplicate_moves_to_the_kept_party_and_back_on_undo() {
    use ropa::model::{AssetFields, Hosting};
    let (mut store, nhs, dup) = with_duplicate();
    let mut fields = AssetFields::new("Shared care record");
    fields.hosting = Hosting::Processor { party: dup };
    let asset = store.insert_asset(&fields).unwrap();
    // A processor hosting an asset (and named by no link) is not deleted either.
    let host = store.insert_party(&PartyFields::new("Hosting Ltd", PartyKind::Processor)).unwrap().id;
    fields.name = "Records archive".into();
    fields.hosting = Hosting::Processor { party: host };
    store.insert_asset(&fields).unwrap();
    let deleting = store.delete_party(host).unwrap_err().to_string();
    assert!(deleting.contains("hosts an information asset"), "{deleting}");
    let before = store.load_register().unwrap();

    let merge = store.merge_parties(nhs, dup).unwrap();
    let moved = store.assets().unwrap().into_iter().find(|a| a.id == asset.id).unwrap();
    assert_eq!(moved.fields.hosting, Hosting::Processor { party: nhs });
    assert_eq!(moved.version, asset.version + 1);
    assert!(store.verify().unwrap().is_intact());

    store.undo_merge_parties(&merge).unwrap();
    assert_eq!(store.load_register().unwrap(), before);
    assert!(store.verify().unwrap().is_intact());
}
