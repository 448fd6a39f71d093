//! Services: the business functions that own processing activities.

use serde::{Deserialize, Serialize};

use super::ServiceId;

/// What a service record says.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceFields {
    /// Business function, e.g. "Early Help" (ICO column A).
    pub name: String,
    /// What the service does.
    pub description: String,
    /// The controller responsible for this service when it is not the register's
    /// organisation (a partnership register); empty otherwise.
    pub controller: String,
}

/// A stored service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    /// Row id.
    pub id: ServiceId,
    /// What the record says.
    pub fields: ServiceFields,
}
