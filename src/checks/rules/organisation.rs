//! Rules on the organisation profile: who keeps the record and how to reach them
//! (UK GDPR Art 30(1)(a), Art 37(7)) and the ICO registration.

use crate::checks::{Context, Field, Hit, Out};
use crate::model::Contact;

/// Whether `contact` gives a way to reach it: an address, email or telephone.
fn reachable(contact: &Contact) -> bool {
    [&contact.address, &contact.email, &contact.telephone].iter().any(|detail| !detail.trim().is_empty())
}

fn controller_name(cx: &Context<'_>) -> String {
    let name = cx.register.organisation.controller.name.trim();
    if name.is_empty() { "The register's controller".to_string() } else { name.to_string() }
}

/// The controller's name or contact details missing: Art 30(1)(a).
pub(super) fn controller_contact_missing(cx: &Context<'_>, out: &mut Out<'_>) {
    let controller = &cx.register.organisation.controller;
    if controller.name.trim().is_empty() || !reachable(controller) {
        out.add(Hit::new(
            Field::Organisation,
            format!(
                "{} has no {} in the register, and the record must give the controller's name and contact details (UK GDPR Art 30(1)(a)).",
                controller_name(cx),
                if controller.name.trim().is_empty() { "name" } else { "address, email or telephone" }
            ),
            "On the Organisation page, record the controller's name, postal address and a contact email or telephone.",
        ));
    }
}

/// The DPO's contact details missing: Art 30(1)(a), Art 37(7).
pub(super) fn dpo_contact_missing(cx: &Context<'_>, out: &mut Out<'_>) {
    let dpo = &cx.register.organisation.dpo;
    if !reachable(dpo) {
        out.add(Hit::new(
            Field::Organisation,
            format!(
                "{} records no contact details for its data protection officer{}, and the record must give them and the controller must publish them (UK GDPR Art 30(1)(a), Art 37(7)).",
                controller_name(cx),
                if dpo.name.trim().is_empty() { String::new() } else { format!(" (\"{}\")", dpo.name.trim()) }
            ),
            "On the Organisation page, record the DPO's email, telephone or postal address, as published in the privacy notices.",
        ));
    }
}

/// No ICO registration (data protection fee) number.
pub(super) fn ico_registration_missing(cx: &Context<'_>, out: &mut Out<'_>) {
    if cx.register.organisation.ico_registration.trim().is_empty() {
        out.add(Hit::new(
            Field::Organisation,
            format!(
                "{} records no ICO registration number, and a controller must pay the data protection fee unless all its processing is exempt (Data Protection (Charges and Information) Regulations 2018, reg 2).",
                controller_name(cx)
            ),
            "Record the registration number shown on the ICO's register of fee payers, or why the controller is exempt.",
        ));
    }
}
