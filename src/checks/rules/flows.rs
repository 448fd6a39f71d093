//! Rules on where data goes: transfers outside the UK, recipients and their
//! agreements, processors and joint controllers.

use crate::checks::{Context, Field, Hit, Out};
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

/// A recorded transfer with no safeguard.
pub(super) fn transfer_no_safeguard(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    for transfer in a.fields.transfers.iter().filter(|t| t.safeguard.is_none()) {
        out.add(
            Hit::new(
                Field::Transfers,
                format!(
                    "{} transfers personal data to {} with no safeguard recorded (UK GDPR {}).",
                    cx.record(a),
                    transfer.destination.trim(),
                    if cx.settings.today >= DUAA_MAIN_COMMENCEMENT { "Arts 44A, 45A, 46, 49" } else { "Arts 44-46, 49" }
                ),
                if cx.settings.today >= DUAA_MAIN_COMMENCEMENT {
                    "Record the basis under Art 44A: a transfer approved by regulations under Art 45A, an Art 46 safeguard (IDTA, UK Addendum, binding corporate rules) with the data protection test of Art 46(1A) considered met, or the Art 49 derogation relied on and why."
                } else {
                    "Record the safeguard: UK adequacy regulations, an IDTA or the UK Addendum, binding corporate rules, or the Art 49 exception relied on and why."
                },
            )
            .on_item("transfer", &transfer.destination),
        );
    }
}

/// A recipient outside the UK with no transfer recorded to it or its country (a
/// transfer recorded without a safeguard is `transfer-no-safeguard`'s finding).
pub(super) fn recipient_abroad_no_transfer(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    for (link, party) in recipients(cx, a).filter(|(_, party)| party.fields.is_outside_uk()) {
        let names = [party.fields.country.trim().to_lowercase(), party.fields.name.trim().to_lowercase()];
        let covered = a.fields.transfers.iter().any(|t| names.contains(&t.destination.trim().to_lowercase()));
        if !covered {
            out.add(
                Hit::new(
                    Field::Transfers,
                    format!(
                        "{} sends personal data to {} in {}, but records no transfer there (UK GDPR Arts 44-46, 49; Art 30(1)(e)).",
                        cx.record(a),
                        party.fields.name,
                        party.fields.country.trim()
                    ),
                    "Add the transfer with its destination and safeguard, or correct the recipient's country.",
                )
                .on_link(link.id, party.id),
            );
        }
    }
}

/// A recipient outside the organisation with no agreement (processors have their own rule).
pub(super) fn recipient_no_agreement(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let external =
        |party: &Party| party.fields.kind.is_external() && party.fields.kind != PartyKind::Processor;
    for (link, party) in
        recipients(cx, a).filter(|(link, party)| external(party) && link.fields.agreement_id.is_none())
    {
        out.add(
            Hit::new(
                Field::Links,
                format!(
                    "{} shares personal data with {} under no recorded agreement, so the terms of the sharing cannot be shown (UK GDPR Art 5(2); ICO Data sharing code).",
                    cx.record(a),
                    party.fields.name
                ),
                "Link the data sharing agreement or protocol that governs this flow, or record why none is needed.",
            )
            .on_link(link.id, party.id),
        );
    }
}

/// A processor with no Art 28 contract.
pub(super) fn processor_no_contract(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    for link in cx.lookup.links_of(a.id) {
        let Some(party) = cx.lookup.parties.get(&link.fields.party_id) else { continue };
        let has_contract =
            agreement_of(cx, link).is_some_and(|g| g.fields.kind == AgreementKind::ProcessorContract);
        if party.fields.kind == PartyKind::Processor && !has_contract {
            out.add(
                Hit::new(
                    Field::Links,
                    format!(
                        "{} uses the processor {} with no Article 28 contract recorded, and processing by a processor must be governed by one (UK GDPR Art 28(3)).",
                        cx.record(a),
                        party.fields.name
                    ),
                    "Link the processor contract (an agreement of kind \"Art 28 processor contract\").",
                )
                .on_link(link.id, party.id),
            );
        }
    }
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
