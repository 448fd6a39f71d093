//! Typed row ids, so an activity id can never be passed where a party id belongs.

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

macro_rules! row_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map(Self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

row_id!(
    /// Id of a service (business function).
    ServiceId
);
row_id!(
    /// Id of a processing activity.
    ActivityId
);
row_id!(
    /// Id of a party (source or recipient).
    PartyId
);
row_id!(
    /// Id of a link between an activity and a party.
    LinkId
);
row_id!(
    /// Id of an agreement (data sharing agreement, contract or arrangement).
    AgreementId
);
row_id!(
    /// Id of a data protection impact assessment.
    DpiaId
);
row_id!(
    /// Id of an information asset (a system, drive, file store or cloud service).
    AssetId
);
