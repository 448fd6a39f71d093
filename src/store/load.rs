//! Loading the whole register as one consistent snapshot.

use super::Store;
use super::activities::select_activities;
use super::agreements::select_agreements;
use super::controllers::select_controllers;
use super::links::select_links;
use super::organisation::select_organisation;
use super::parties::select_parties;
use super::services::select_services;
use crate::Result;
use crate::model::Register;

impl Store {
    /// The whole register, read in one transaction.
    pub fn load_register(&mut self) -> Result<Register> {
        self.read(|tx| {
            Ok(Register {
                organisation: select_organisation(tx)?,
                services: select_services(tx)?,
                activities: select_activities(tx, None)?,
                parties: select_parties(tx)?,
                links: select_links(tx, None)?,
                agreements: select_agreements(tx)?,
                controllers: select_controllers(tx)?,
            })
        })
    }
}
