//! Rules on where data goes: transfers outside the UK, recipients and their
//! agreements, processors and joint controllers.

use super::and_list;
use crate::checks::{Concern, Context, Field, Hit, Out};
use crate::law::DUAA_MAIN_COMMENCEMENT;
use crate::model::{Activity, Agreement, AgreementKind, Direction, Link, Party, PartyKind, Role};

/// The recipient links of `a` with the party at the other end.
fn recipients<'a>(cx: &'a Context<'_>, a: &Activity) -> impl Iterator<Item = (&'a Link, &'a Party)> + 'a {
    cx.lookup
        .links_of(a.id)
        .iter()
        .filter(|link| link.fields.direction == Direction::Recipient)
        .filter_map(|link| cx.lookup.parties.get(&link.fields.party_id).map(|party| (*link, *party)))
}

fn agreement_of<'a>(cx: &'a Context<'_>, link: &Link) -> Option<&'a Agreement> {
    link.fields.agreement_id.and_then(|id| cx.lookup.agreements.get(&id).copied())
}

/// Recorded transfers with no safeguard.
pub(super) fn transfer_no_safeguard(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let unsafe_transfers: Vec<Concern> = a
        .fields
        .transfers
        .iter()
        .filter(|t| t.safeguard.is_none())
        .map(|t| Concern::item("transfer", &t.destination))
        .collect();
    if unsafe_transfers.is_empty() {
        return;
    }
    let after_duaa = cx.settings.today >= DUAA_MAIN_COMMENCEMENT;
    out.add(
        Hit::new(
            Field::Transfers,
            format!(
                "{} transfers personal data to {} with no safeguard recorded (UK GDPR {}).",
                cx.record(a),
                and_list(&labels(&unsafe_transfers)),
                if after_duaa { "Arts 44A, 45A, 46, 49" } else { "Arts 44-46, 49" }
            ),
            if after_duaa {
                "Record the basis for each under Art 44A: a transfer approved by regulations under Art 45A, an Art 46 safeguard (IDTA, UK Addendum, binding corporate rules) with the data protection test of Art 46(1A) considered met, or the Art 49 derogation relied on and why."
            } else {
                "Record the safeguard for each: UK adequacy regulations, an IDTA or the UK Addendum, binding corporate rules, or the Art 49 exception relied on and why."
            },
        )
        .concerning(unsafe_transfers),
    );
}

/// Recipients outside the UK with no transfer recorded to them or their country
/// (a transfer recorded without a safeguard is `transfer-no-safeguard`'s finding).
pub(super) fn recipient_abroad_no_transfer(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let uncovered: Vec<(Concern, String)> = recipients(cx, a)
        .filter(|(_, party)| party.fields.is_outside_uk())
        .filter(|(_, party)| !transfer_recorded(a, party))
        .map(|(link, party)| {
            let label = format!("{} in {}", party.fields.name.trim(), party.fields.country.trim());
            (Concern::link(link.id, party.id, &party.fields.name), label)
        })
        .collect();
    if uncovered.is_empty() {
        return;
    }
    let described: Vec<String> = uncovered.iter().map(|(_, label)| label.clone()).collect();
    out.add(
        Hit::new(
            Field::Transfers,
            format!(
                "{} sends personal data to {}, but records no transfer there (UK GDPR Arts 44-46, 49; Art 30(1)(e)).",
                cx.record(a),
                and_list(&described)
            ),
            "Add each transfer with its destination and safeguard, or correct the recipient's country.",
        )
        .concerning(uncovered.into_iter().map(|(concern, _)| concern).collect()),
    );
}

/// Whether `a` records a transfer to `party` by its name or its country.
fn transfer_recorded(a: &Activity, party: &Party) -> bool {
    let names = [party.fields.country.trim().to_lowercase(), party.fields.name.trim().to_lowercase()];
    a.fields.transfers.iter().any(|t| names.contains(&t.destination.trim().to_lowercase()))
}

/// Recipients that are international organisations with no transfer recorded
/// to them: a disclosure to an international organisation is a transfer (UK
/// GDPR Art 44; Art 44A from 5 February 2026), whatever its address.
pub(super) fn international_organisation_no_transfer(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let uncovered: Vec<Concern> = recipients(cx, a)
        .filter(|(_, party)| party.fields.kind == PartyKind::InternationalOrganisation)
        .filter(|(_, party)| !party.fields.is_outside_uk() && !transfer_recorded(a, party))
        .map(|(link, party)| Concern::link(link.id, party.id, &party.fields.name))
        .collect();
    if uncovered.is_empty() {
        return;
    }
    // Art 44 is omitted, and Art 46(2)(a) reworded, from 5 February 2026 (DUAA
    // Sch 7 paras 2(1), 6(4)(b)).
    let after_duaa = cx.settings.today >= DUAA_MAIN_COMMENCEMENT;
    out.add(
        Hit::new(
            Field::Transfers,
            format!(
                "{} discloses personal data to the international organisation{} {}, but records no transfer to {} (UK GDPR {}, Art 30(1)(e)).",
                cx.record(a),
                if uncovered.len() == 1 { "" } else { "s" },
                and_list(&labels(&uncovered)),
                if uncovered.len() == 1 { "it" } else { "them" },
                if after_duaa { "Art 44A" } else { "Art 44" },
            ),
            if after_duaa {
                "Record each as a transfer with its safeguard (for example a legally binding and enforceable instrument between a public body and another relevant person or persons, Art 46(2)(a), or an Art 49 exception)."
            } else {
                "Record each as a transfer with its safeguard (for example an instrument between public authorities or bodies, Art 46(2)(a), or an Art 49 exception)."
            },
        )
        .concerning(uncovered),
    );
}

/// External recipients with no agreement (processors have their own rule).
pub(super) fn recipient_no_agreement(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let external =
        |party: &Party| party.fields.kind.is_external() && party.fields.kind != PartyKind::Processor;
    let unagreed: Vec<Concern> = recipients(cx, a)
        .filter(|(link, party)| external(party) && link.fields.agreement_id.is_none())
        .map(|(link, party)| Concern::link(link.id, party.id, &party.fields.name))
        .collect();
    if unagreed.is_empty() {
        return;
    }
    out.add(
        Hit::new(
            Field::Links,
            format!(
                "{} shares personal data with {} under no recorded agreement, so the terms of the sharing cannot be shown (UK GDPR Art 5(2); ICO Data sharing code).",
                cx.record(a),
                and_list(&labels(&unagreed))
            ),
            "Link the data sharing agreement or protocol that governs each flow, or record why none is needed.",
        )
        .concerning(unagreed),
    );
}

/// Processors with no Art 28 contract.
pub(super) fn processor_no_contract(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let uncontracted: Vec<Concern> = cx
        .lookup
        .links_of(a.id)
        .iter()
        .filter_map(|link| cx.lookup.parties.get(&link.fields.party_id).map(|party| (*link, *party)))
        .filter(|(link, party)| {
            party.fields.kind == PartyKind::Processor
                && agreement_of(cx, link).is_none_or(|g| g.fields.kind != AgreementKind::ProcessorContract)
        })
        .map(|(link, party)| Concern::link(link.id, party.id, &party.fields.name))
        .collect();
    if uncontracted.is_empty() {
        return;
    }
    out.add(
        Hit::new(
            Field::Links,
            format!(
                "{} uses the processor{} {} with no Article 28 contract recorded, and processing by a processor must be governed by one (UK GDPR Art 28(3)).",
                cx.record(a),
                if uncontracted.len() == 1 { "" } else { "s" },
                and_list(&labels(&uncontracted))
            ),
            "Link the processor contract (an agreement of kind \"Art 28 processor contract\").",
        )
        .concerning(uncontracted),
    );
}

fn labels(concerns: &[Concern]) -> Vec<String> {
    concerns.iter().map(|c| c.label.clone()).collect()
}

/// Joint controllers with no Art 26 arrangement on any of the activity's links.
pub(super) fn joint_controller_no_arrangement(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let Role::JointController { with, .. } = &a.fields.role else { return };
    let arranged =
        cx.lookup.links_of(a.id).iter().any(|link| {
            agreement_of(cx, link).is_some_and(|g| g.fields.kind == AgreementKind::JointController)
        });
    if !arranged {
        let partners =
            if with.trim().is_empty() { "other controllers".to_string() } else { with.trim().to_string() };
        out.add(Hit::new(
            Field::Role,
            format!(
                "{} is a joint controller with {} but no Article 26 arrangement is linked to it (UK GDPR Art 26(1)).",
                cx.record(a),
                partners
            ),
            "Link the joint-controller arrangement that sets out each controller's responsibilities.",
        ));
    }
}
