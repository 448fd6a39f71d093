//! The head of the change log: how many entries it holds and the hash of the
//! last one, written `head N:HEX`. An export carries it so that a log rewritten
//! afterwards can be caught against that export (`ropa verify --head`).

use std::fmt;
use std::str::FromStr;

/// The hex digits of a SHA-256 hash.
const HASH_HEX_LEN: usize = 64;

/// The change log's entry count and the hash of its last entry. Stored and
/// exchanged (JSON) as its text, `head N:HEX`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LogHead {
    entries: u64,
    hash: String,
}

impl LogHead {
    /// The head of a log of `entries` entries whose last entry has `hash`. A hash
    /// that is not 64 hex digits is refused.
    pub fn new(entries: u64, hash: &str) -> Result<Self, ParseLogHeadError> {
        let hash = hash.trim().to_ascii_lowercase();
        if hash.len() != HASH_HEX_LEN || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(ParseLogHeadError(format!("\"{hash}\" is not a SHA-256 hash of 64 hex digits")));
        }
        Ok(Self { entries, hash })
    }

    /// Entries in the log.
    pub fn entries(&self) -> u64 {
        self.entries
    }

    /// The hash of entry [`LogHead::entries`], as 64 lowercase hex digits (all
    /// zeros for an empty log).
    pub fn hash(&self) -> &str {
        &self.hash
    }
}

impl fmt::Display for LogHead {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "head {}:{}", self.entries, self.hash)
    }
}

/// Why a text is not a log head.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a change-log head like \"head 12:3fa4...\": {0}")]
pub struct ParseLogHeadError(String);

impl From<LogHead> for String {
    fn from(head: LogHead) -> Self {
        head.to_string()
    }
}

impl TryFrom<String> for LogHead {
    type Error = ParseLogHeadError;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        text.parse()
    }
}

impl FromStr for LogHead {
    type Err = ParseLogHeadError;

    /// Reads `head N:HEX` as [`Display`](fmt::Display) writes it; the word `head`
    /// may be left out.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        let rest = text.strip_prefix("head").map_or(text, str::trim_start);
        let (entries, hash) =
            rest.split_once(':').ok_or_else(|| ParseLogHeadError(format!("\"{text}\" has no ':'")))?;
        let entries = entries
            .trim()
            .parse()
            .map_err(|_| ParseLogHeadError(format!("\"{}\" is not an entry count", entries.trim())))?;
        Self::new(entries, hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HASH: &str = "3fa4c0ffee00000000000000000000000000000000000000000000000000beef";

    #[test]
    fn a_head_reads_back_what_it_writes() {
        let head = LogHead::new(12, HASH).unwrap();
        assert_eq!(head.to_string(), format!("head 12:{HASH}"));
        assert_eq!(head.to_string().parse::<LogHead>().unwrap(), head);
        assert_eq!(format!("12:{}", HASH.to_uppercase()).parse::<LogHead>().unwrap(), head);
    }

    #[test]
    fn a_malformed_head_is_refused_with_the_reason() {
        for bad in
            ["", "head 12", "head x:00", &format!("head 12:{}", &HASH[1..]), &format!("head -1:{HASH}")]
        {
            let error = bad.parse::<LogHead>().unwrap_err();
            assert!(error.to_string().contains("head 12:3fa4"), "{bad:?}: {error}");
        }
        assert!(format!("head 1:{}", "g".repeat(64)).parse::<LogHead>().is_err());
    }
}
