//! Rules on information assets: every asset has an owner, a processor hosting
//! one is under an Art 28 contract, and data held abroad is recorded as a
//! transfer by the activities that keep it there.

use super::and_list;
use crate::checks::{Concern, Context, Field, Hit, Out};
use crate::model::{Activity, AgreementKind, Asset};

/// The concern for one asset.
fn concern(asset: &Asset) -> Concern {
    Concern {
        subject: format!("asset:{}", asset.id),
        label: asset.fields.name.trim().to_string(),
        link_id: None,
        party_id: None,
        acknowledged: None,
    }
}

fn labels(concerns: &[Concern]) -> Vec<String> {
    concerns.iter().map(|c| format!("\"{}\"", c.label)).collect()
}

/// Assets with no information asset owner.
pub(super) fn no_owner(cx: &Context<'_>, out: &mut Out<'_>) {
    let unowned: Vec<Concern> =
        cx.register.assets.iter().filter(|asset| !asset.fields.has_owner()).map(concern).collect();
    if unowned.is_empty() {
        return;
    }
    out.add(
        Hit::new(
            Field::Assets,
            format!(
                "The information asset{} {} {} no owner, and the ICO expects an information asset register with assigned owners as part of the measures that show compliance (UK GDPR Art 5(2), Art 24(1); ICO Accountability Framework).",
                if unowned.len() == 1 { "" } else { "s" },
                and_list(&labels(&unowned)),
                if unowned.len() == 1 { "has" } else { "have" },
            ),
            "Name each asset's information asset owner and their role on the Assets page.",
        )
        .concerning(unowned),
    );
}

/// Assets hosted by a processor with no Art 28 contract naming that processor.
pub(super) fn processor_no_contract(cx: &Context<'_>, out: &mut Out<'_>) {
    let uncontracted: Vec<Concern> = cx
        .register
        .assets
        .iter()
        .filter(|asset| {
            asset.fields.hosting.processor().is_some_and(|party| {
                !cx.register.agreements.iter().any(|g| {
                    g.fields.kind == AgreementKind::ProcessorContract && g.fields.parties.contains(&party)
                })
            })
        })
        .map(|asset| {
            let processor = asset.fields.hosting.processor().map_or("", |p| cx.lookup.party_name(p));
            Concern {
                label: format!("{} (hosted by {})", asset.fields.name.trim(), processor.trim()),
                ..concern(asset)
            }
        })
        .collect();
    if uncontracted.is_empty() {
        return;
    }
    out.add(
        Hit::new(
            Field::Assets,
            format!(
                "The information asset{} {} {} hosted by a processor with no Article 28 contract recorded, and processing by a processor must be governed by one (UK GDPR Art 28(3)).",
                if uncontracted.len() == 1 { "" } else { "s" },
                and_list(&labels(&uncontracted)),
                if uncontracted.len() == 1 { "is" } else { "are" },
            ),
            "Record the processor contract as an agreement of kind \"Art 28 processor contract\" naming the processor.",
        )
        .concerning(uncontracted),
    );
}

/// The activity keeps data in an asset outside the UK with no transfer there.
pub(super) fn abroad_no_transfer(cx: &Context<'_>, a: &Activity, out: &mut Out<'_>) {
    let mut abroad: Vec<&Asset> = a
        .fields
        .systems
        .iter()
        .filter_map(|name| cx.register.asset_named(name))
        .filter(|asset| asset.fields.is_outside_uk())
        .filter(|asset| {
            let country = asset.fields.country.trim();
            !a.fields.transfers.iter().any(|t| t.destination.trim().eq_ignore_ascii_case(country))
        })
        .collect();
    abroad.dedup_by_key(|asset| asset.id);
    if abroad.is_empty() {
        return;
    }
    let described: Vec<String> = abroad
        .iter()
        .map(|asset| format!("\"{}\" in {}", asset.fields.name.trim(), asset.fields.country.trim()))
        .collect();
    out.add(
        Hit::new(
            Field::Transfers,
            format!(
                "{} holds personal data in {}, but records no transfer there (UK GDPR Arts 44-46, 49; Art 30(1)(e)).",
                cx.record(a),
                and_list(&described)
            ),
            "Add the transfer with its destination and safeguard, or correct the asset's country.",
        )
        .concerning(abroad.into_iter().map(concern).collect()),
    );
}
