//! Controllers other than the register's own organisation, named by a service in
//! a partnership register (`ServiceFields::controller`), and whether each is a
//! public authority (UK GDPR Art 6(1), last sentence). The organisation's own
//! status is kept with the register (`Store::is_public_authority`).

use serde::{Deserialize, Serialize};

/// A named controller's recorded public-authority status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ControllerStatus {
    /// The controller's name as services give it (compared without regard to
    /// case or surrounding spaces).
    pub name: String,
    /// Whether it is a public authority.
    pub public_authority: bool,
}

/// The key a controller's name is compared by.
pub fn controller_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}
