//! The notice template and each service's extra notice text (see
//! [`crate::notice`]). Each write is one transaction and is recorded in the
//! change log (entities "notice_template", id 1, and "notice_extra", by service).

use rusqlite::{Connection, named_params};

use super::Store;
use super::audit::log;
use super::conn_ext::ConnExt;
use crate::model::ServiceId;
use crate::model::{ExtraText, NoticeTexts, Template};
use crate::{Error, Result};

impl Store {
    /// The register's notice template: the stored changes over the defaults.
    pub fn notice_template(&self) -> Result<Template> {
        select_template(&self.conn)
    }

    /// Replaces the stored template with `template`, in one transaction.
    pub fn save_notice_template(&mut self, template: &Template) -> Result<()> {
        self.write(|tx| {
            let before = select_template(tx.tx)?;
            tx.tx.execute("DELETE FROM notice_template", [])?;
            for (key, text) in template.entries() {
                insert_template_entry(tx.tx, key, text)?;
            }
            log(tx, "notice_template", 1, Some(&before), Some(&select_template(tx.tx)?))
        })
    }

    /// The extra notice text of the service with `id` (empty if none is stored).
    pub fn notice_extra(&self, id: ServiceId) -> Result<ExtraText> {
        select_extra(&self.conn, id)
    }

    /// Stores the extra notice text of the service with `id`, in one transaction.
    pub fn save_notice_extra(&mut self, id: ServiceId, extra: &ExtraText) -> Result<()> {
        self.write(|tx| {
            if !tx.tx.exists("SELECT 1 FROM service WHERE id = ?1", [id])? {
                return Err(Error::NotFound { what: format!("service {id}") });
            }
            let before = select_extra(tx.tx, id)?;
            upsert_extra(tx.tx, id, extra)?;
            log(tx, "notice_extra", id.0, Some(&before), Some(&select_extra(tx.tx, id)?))
        })
    }
}

pub(super) fn select_template(conn: &Connection) -> Result<Template> {
    let entries: Vec<(String, String)> =
        conn.query_rows_and_then_cached("SELECT key, text FROM notice_template ORDER BY key", [], |row| {
            Ok::<_, Error>((row.get(0)?, row.get(1)?))
        })?;
    let mut template = Template::default();
    for (key, text) in entries {
        template.restore(&key, &text);
    }
    Ok(template)
}

fn select_extra(conn: &Connection, id: ServiceId) -> Result<ExtraText> {
    let mut found = conn.query_rows_and_then_cached(
        "SELECT intro, closing FROM notice_extra WHERE service_id = ?1",
        [id],
        |row| Ok::<_, Error>(ExtraText { intro: row.get(0)?, closing: row.get(1)? }),
    )?;
    Ok(found.pop().unwrap_or_default())
}

/// The notice template and every service's extra text.
pub(super) fn select_notice_texts(conn: &Connection) -> Result<NoticeTexts> {
    let extra = conn.query_rows_and_then_cached(
        "SELECT service_id, intro, closing FROM notice_extra ORDER BY service_id",
        [],
        |row| Ok::<_, Error>((row.get(0)?, ExtraText { intro: row.get(1)?, closing: row.get(2)? })),
    )?;
    Ok(NoticeTexts { template: select_template(conn)?, extra: extra.into_iter().collect() })
}

fn insert_template_entry(conn: &Connection, key: &str, text: &str) -> Result<()> {
    let mut stmt = conn.prepare_cached("INSERT INTO notice_template (key, text) VALUES (:key, :text)")?;
    stmt.execute(named_params! {":key": key, ":text": text})?;
    Ok(())
}

fn upsert_extra(conn: &Connection, id: ServiceId, extra: &ExtraText) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO notice_extra (service_id, intro, closing) VALUES (:id, :intro, :closing)
         ON CONFLICT(service_id) DO UPDATE SET intro = excluded.intro, closing = excluded.closing",
    )?;
    stmt.execute(named_params! {":id": id, ":intro": extra.intro.trim(), ":closing": extra.closing.trim()})?;
    Ok(())
}
