//! The business functions an import files its activities under: the register's
//! services by normalised name, the ones the plan creates, and the function a row
//! with a blank "Business function" cell takes from the row above (a merged cell).
//! Every spreadsheet reader (ICO template, council layouts, processor record)
//! reads business functions through this one index.

use std::collections::HashMap;

use super::text::name_key;
use super::{Plan, Ref};
use crate::model::{Register, ServiceFields, ServiceId};

/// The services by name, and the last business function read.
#[derive(Debug, Clone, Default)]
pub(super) struct ServiceIndex {
    by_name: HashMap<String, Ref<ServiceId>>,
    last: Option<String>,
}

impl ServiceIndex {
    /// The index of `register`'s services.
    pub(super) fn of(register: &Register) -> Self {
        let by_name =
            register.services.iter().map(|s| (name_key(&s.fields.name), Ref::Existing(s.id))).collect();
        Self { by_name, last: None }
    }

    /// The index of `register`'s services and of those `plan` already creates.
    pub(super) fn of_plan(register: &Register, plan: &Plan) -> Self {
        let mut index = Self::of(register);
        for (at, service) in plan.services.iter().enumerate() {
            index.by_name.entry(name_key(&service.name)).or_insert(Ref::New(at));
        }
        index
    }

    /// The service named `name` (ignoring case and punctuation): an existing one,
    /// one the plan already creates, or a new one added to `plan`.
    pub(super) fn service_ref(&mut self, plan: &mut Plan, name: &str) -> Ref<ServiceId> {
        let key = name_key(name);
        if let Some(&found) = self.by_name.get(&key) {
            return found;
        }
        let created = Ref::New(plan.services.len());
        plan.services.push(ServiceFields { name: name.to_string(), ..ServiceFields::default() });
        self.by_name.insert(key, created);
        created
    }

    /// The service whose normalised name is `key`, if there is one yet.
    pub(super) fn get(&self, key: &str) -> Option<Ref<ServiceId>> {
        self.by_name.get(key).copied()
    }

    /// Takes `function` as the business function of the rows that follow (a band
    /// row, or a layout's default).
    pub(super) fn set_current(&mut self, function: &str) {
        self.last = Some(function.to_string());
    }

    /// The business function of row `row` whose cell under `heading` holds `cell`:
    /// the cell, or when blank the function of the row above, with a warning; with
    /// none above, the row is rejected and `None` returned.
    pub(super) fn function_of(
        &mut self,
        plan: &mut Plan,
        row: usize,
        heading: &str,
        cell: &str,
    ) -> Option<String> {
        let cell = cell.trim();
        if !cell.is_empty() {
            self.last = Some(cell.to_string());
            return Some(cell.to_string());
        }
        match self.last.clone() {
            Some(previous) => {
                plan.report.warn(
                    Some(row),
                    Some(heading),
                    format!("empty; taken as \"{previous}\" from the row above (a merged cell)"),
                );
                Some(previous)
            }
            None => {
                plan.report.reject(
                    Some(row),
                    Some(heading),
                    "empty; every activity needs a business function",
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_function_takes_the_one_above_and_names_match_loosely() {
        let mut plan = Plan::default();
        let mut index = ServiceIndex::default();
        assert_eq!(index.function_of(&mut plan, 2, "Business function", " "), None);
        assert_eq!(plan.report.rejected.len(), 1);
        assert_eq!(index.function_of(&mut plan, 3, "Business function", "Housing"), Some("Housing".into()));
        assert_eq!(index.function_of(&mut plan, 4, "Business function", ""), Some("Housing".into()));
        assert_eq!(plan.report.warnings[0].row, Some(4));
        let housing = index.service_ref(&mut plan, "Housing");
        assert_eq!(index.service_ref(&mut plan, "HOUSING."), housing);
        assert_eq!(plan.services.len(), 1);
    }
}
