//! Who keeps the record: UK GDPR Article 30(1)(a).

use serde::{Deserialize, Serialize};

/// Name and contact details, as in the contact block of the ICO template.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Name of the person or body.
    pub name: String,
    /// Postal address.
    pub address: String,
    /// Email address.
    pub email: String,
    /// Telephone number.
    pub telephone: String,
}

impl Contact {
    /// True when no detail has been recorded.
    pub fn is_empty(&self) -> bool {
        [&self.name, &self.address, &self.email, &self.telephone].iter().all(|text| text.trim().is_empty())
    }
}

/// The organisation profile: one per register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// The controller (its name is the register's name).
    pub controller: Contact,
    /// ICO registration (data protection fee) number.
    pub ico_registration: String,
    /// Data Protection Officer.
    pub dpo: Contact,
    /// UK representative (Art 27), where the controller is outside the UK.
    pub representative: Contact,
    /// Whether the register describes a partnership of several controllers.
    pub is_partnership: bool,
    /// Months between reviews of an activity, used to propose the next review date.
    pub review_interval_months: u32,
}

impl Default for Organisation {
    fn default() -> Self {
        Self {
            controller: Contact::default(),
            ico_registration: String::new(),
            dpo: Contact::default(),
            representative: Contact::default(),
            is_partnership: false,
            review_interval_months: 12,
        }
    }
}
