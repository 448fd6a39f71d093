//! Loading the read side as one consistent snapshot: the register alone, or the
//! [`Snapshot`] every reader takes (now, as at a date, or for one service).

use rusqlite::Connection;

use super::Store;
use super::acknowledgements::select_acknowledgements;
use super::activities::select_activities;
use super::agreements::select_agreements;
use super::as_at::{end_of, register_before};
use super::controllers::select_controllers;
use super::links::select_links;
use super::notices::select_notice_texts;
use super::organisation::select_organisation;
use super::parties::select_parties;
use super::reviews::select_public_authority;
use super::services::select_services;
use super::verify::{head, head_as_at};
use crate::model::{Date, Register, ServiceId, Snapshot, acknowledgements_as_at};
use crate::{Error, Result};

impl Store {
    /// The whole register, read in one transaction.
    pub fn load_register(&mut self) -> Result<Register> {
        self.read(|tx| select_register(tx))
    }

    /// Everything a reader needs, as the register is now: the register, the
    /// acknowledgements, the organisation's public-authority status, the notice
    /// texts and the change log's head, all read in one transaction.
    pub fn snapshot(&mut self) -> Result<Snapshot> {
        self.read(|tx| {
            Ok(Snapshot {
                log_head: Some(head(tx)?),
                register: select_register(tx)?,
                acknowledgements: select_acknowledgements(tx)?,
                public_authority: select_public_authority(tx)?,
                notices: select_notice_texts(tx)?,
                as_at: None,
            })
        })
    }

    /// The snapshot as the register stood at the end of `date` (UTC): the register
    /// rebuilt from the change log ([`Store::register_as_at`]), the log's head of
    /// that day, and only the acknowledgements made by then. The organisation's
    /// public-authority status and the notice texts are today's.
    pub fn snapshot_as_at(&mut self, date: Date) -> Result<Snapshot> {
        self.read(|tx| {
            let mut acknowledgements = select_acknowledgements(tx)?;
            acknowledgements_as_at(&mut acknowledgements, Some(date));
            Ok(Snapshot {
                log_head: Some(head_as_at(tx, date)?),
                register: register_before(tx, end_of(date))?,
                acknowledgements,
                public_authority: select_public_authority(tx)?,
                notices: select_notice_texts(tx)?,
                as_at: Some(date),
            })
        })
    }

    /// [`Store::snapshot_as_at`] for `Some(date)`, [`Store::snapshot`] for `None`.
    pub fn snapshot_at(&mut self, as_at: Option<Date>) -> Result<Snapshot> {
        match as_at {
            Some(date) => self.snapshot_as_at(date),
            None => self.snapshot(),
        }
    }

    /// The snapshot narrowed to the service with `id` ([`Snapshot::of_service`]).
    pub fn snapshot_of_service(&mut self, id: ServiceId) -> Result<Snapshot> {
        let snapshot = self.snapshot()?;
        if snapshot.register.service(id).is_none() {
            return Err(Error::NotFound { what: format!("service {id}") });
        }
        Ok(snapshot.of_service(id))
    }
}

fn select_register(conn: &Connection) -> Result<Register> {
    Ok(Register {
        organisation: select_organisation(conn)?,
        services: select_services(conn)?,
        activities: select_activities(conn, None)?,
        parties: select_parties(conn)?,
        links: select_links(conn, None)?,
        agreements: select_agreements(conn)?,
        controllers: select_controllers(conn)?,
        assets: super::assets::select_assets(conn, None)?,
        dpias: super::dpias::select_dpias(conn, None)?,
    })
}
