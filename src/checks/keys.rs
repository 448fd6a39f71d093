//! How an acknowledgement names the concerns it covers (see
//! [`FindingKey`](super::FindingKey)): one concern's subject as it is, several as
//! a JSON array. Concern subjects always start with a kind ("link:", "item:"),
//! never with "[", so the two forms cannot be confused, and a one-concern key is
//! exactly the key that registers kept before findings were grouped.

/// The stored subject for `subjects`, in their order.
pub(super) fn encode<'a>(subjects: impl Iterator<Item = &'a str>) -> String {
    let subjects: Vec<&str> = subjects.collect();
    match subjects.as_slice() {
        [] => String::new(),
        [one] => (*one).to_string(),
        many => serde_json::to_string(many).unwrap_or_default(),
    }
}

/// The concern subjects a stored subject covers; none for "" or an agreement's
/// subject is returned as itself.
pub(super) fn decode(subject: &str) -> Vec<String> {
    if subject.is_empty() {
        return Vec::new();
    }
    if subject.starts_with('[')
        && let Ok(many) = serde_json::from_str::<Vec<String>>(subject)
    {
        return many;
    }
    vec![subject.to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_subject_is_kept_as_it_is_and_several_round_trip() {
        let check = |subjects: &[&str], stored: &str| {
            assert_eq!(encode(subjects.iter().copied()), stored);
            assert_eq!(decode(stored), subjects.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        };
        check(&[], "");
        check(&["link:12"], "link:12");
        check(&["item:first language"], "item:first language");
        check(&["link:1", "link:2"], r#"["link:1","link:2"]"#);
        check(&["item:\"quoted\", [odd]", "item:b"], r#"["item:\"quoted\", [odd]","item:b"]"#);
    }
}
