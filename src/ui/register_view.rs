//! The Register page's data: one row per activity with its text for display and a
//! lower-cased haystack for the filter, built once from the store's summary of the
//! register (on open, while the snapshot loads) or from a register snapshot, and
//! rebuilt only when a command changes the data. Filtering and sorting work on
//! indexes into the rows, so neither touches the store.

use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};

use memchr::memmem::Finder;
use ropa::Store;
use ropa::law::{LawfulBasis, LegalItem, SpecialCategory};
use ropa::model::{
    ActivityId, ActivityStatus, ActivitySummary, Date, PartyId, Register, RegisterSummary, ServiceId,
};

/// One activity as the register table shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRow {
    /// The activity.
    pub activity_id: ActivityId,
    /// Its service.
    pub service_id: ServiceId,
    /// Service name.
    pub service: String,
    /// Activity name.
    pub name: String,
    /// Purposes, joined with "; ".
    pub purposes: String,
    /// Article 6 bases as short citations, e.g. "6(1)(e)".
    pub lawful_bases_text: String,
    /// Special categories, joined with "; ".
    pub special_categories_text: String,
    /// Draft, active or retired.
    pub status: ActivityStatus,
    /// Date the next review is due.
    pub next_review_due: Option<Date>,
    /// The lawful bases, for the filter.
    pub lawful_bases: BTreeSet<LawfulBasis>,
    /// The special categories, for the filter.
    pub special_categories: BTreeSet<SpecialCategory>,
    /// Parties the activity receives from or sends to, for the filter.
    pub party_ids: BTreeSet<PartyId>,
    /// Every field in lower case, for the filter box.
    haystack: String,
}

impl RegisterRow {
    /// The row showing `activity`.
    fn new(activity: ActivitySummary) -> Self {
        let lawful_bases_text = activity
            .lawful_bases
            .iter()
            .map(|basis| basis.citation().trim_start_matches("Art "))
            .collect::<Vec<_>>()
            .join(", ");
        let special_categories_text = activity
            .special_categories
            .iter()
            .map(|category| category.title())
            .collect::<Vec<_>>()
            .join("; ");
        Self {
            activity_id: activity.id,
            service_id: activity.service_id,
            service: activity.service_name,
            name: activity.name,
            purposes: activity.purposes.join("; "),
            lawful_bases_text,
            special_categories_text,
            status: activity.status,
            next_review_due: activity.next_review_due,
            lawful_bases: activity.lawful_bases,
            special_categories: activity.special_categories,
            party_ids: activity.party_ids,
            haystack: activity.search_text,
        }
    }
}

/// What the register table is narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Text that must appear in some field (any case).
    pub text: String,
    /// Only this service.
    pub service: Option<ServiceId>,
    /// Only this status.
    pub status: Option<ActivityStatus>,
    /// Only activities relying on this lawful basis.
    pub lawful_basis: Option<LawfulBasis>,
    /// Only activities processing this special category.
    pub special_category: Option<SpecialCategory>,
    /// Only activities linked to this party.
    pub party: Option<PartyId>,
}

impl Filter {
    /// Whether `row` passes every part of the filter; `needle` searches for the
    /// lower-cased filter text (built once per keystroke, not once per row).
    fn accepts(&self, row: &RegisterRow, needle: &Finder<'_>) -> bool {
        self.service.is_none_or(|id| row.service_id == id)
            && self.status.is_none_or(|status| row.status == status)
            && self.lawful_basis.is_none_or(|basis| row.lawful_bases.contains(&basis))
            && self.special_category.is_none_or(|category| row.special_categories.contains(&category))
            && self.party.is_none_or(|party| row.party_ids.contains(&party))
            && (needle.needle().is_empty() || needle.find(row.haystack.as_bytes()).is_some())
    }
}

/// A column of the Register table, which it can be sorted by (and hidden).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub enum SortColumn {
    /// Service name.
    Service,
    /// Activity name.
    Name,
    /// Purposes.
    Purposes,
    /// Lawful bases.
    LawfulBases,
    /// Special categories.
    SpecialCategories,
    /// Status.
    Status,
    /// Next review due (undated last).
    NextReview,
}

impl SortColumn {
    /// The column heading.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Service => "Service",
            Self::Name => "Activity",
            Self::Purposes => "Purposes",
            Self::LawfulBases => "Lawful bases",
            Self::SpecialCategories => "Special categories",
            Self::Status => "Status",
            Self::NextReview => "Next review",
        }
    }

    fn compare(self, a: &RegisterRow, b: &RegisterRow) -> Ordering {
        match self {
            Self::Service => caseless(&a.service, &b.service).then_with(|| caseless(&a.name, &b.name)),
            Self::Name => caseless(&a.name, &b.name),
            Self::Purposes => caseless(&a.purposes, &b.purposes),
            Self::LawfulBases => a.lawful_bases.cmp(&b.lawful_bases),
            Self::SpecialCategories => a.special_categories.cmp(&b.special_categories),
            Self::Status => a.status.cmp(&b.status),
            Self::NextReview => match (a.next_review_due, b.next_review_due) {
                (Some(a), Some(b)) => a.cmp(&b),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
        }
    }
}

/// Compares two strings without regard to case, without allocating (bytes when
/// both are ASCII, which lower-case the same way and much faster).
fn caseless(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes().map(|c| c.to_ascii_lowercase()));
    }
    a.chars().flat_map(char::to_lowercase).cmp(b.chars().flat_map(char::to_lowercase))
}

/// The order of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    /// The column sorted by.
    pub column: SortColumn,
    /// Smallest first.
    pub ascending: bool,
}

impl Default for Sort {
    fn default() -> Self {
        Self { column: SortColumn::Service, ascending: true }
    }
}

/// Values already used in the register, offered while typing into list editors.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suggestions {
    /// Purposes of processing.
    pub purposes: Vec<String>,
    /// Categories of data subjects.
    pub data_subjects: Vec<String>,
    /// Categories of personal data (of activities and of links).
    pub personal_data: Vec<String>,
    /// Legislation.
    pub legislation: Vec<String>,
    /// The register's information assets, by name.
    pub systems: Vec<String>,
}

/// The register table's rows, the current filtered and sorted order, the filters'
/// choices and the suggestions for the editor.
#[derive(Debug, Clone, Default)]
pub struct RegisterView {
    rows: Vec<RegisterRow>,
    /// Every row in the order of a sort, kept until the sort changes, so that a
    /// keystroke in the filter box only filters.
    sorted: Option<(Sort, Vec<usize>)>,
    visible: Vec<usize>,
    /// Every service's id and name, by name, for the service filter.
    pub services: Vec<(ServiceId, String)>,
    /// Every party's id and name, by name, for the party filter.
    pub parties: Vec<(PartyId, String)>,
    /// Values offered while typing into list editors.
    pub suggestions: Suggestions,
}

impl RegisterView {
    /// Builds the rows of every activity in `register`, all visible, sorted by
    /// service then name, with the editor's suggestions.
    pub fn build(register: &Register) -> Self {
        let mut view = Self::from_summary(register.summary());
        view.suggestions = suggestions(register);
        view
    }

    /// Reads the rows straight from `store`, without loading the snapshot (what the
    /// app shows while the snapshot loads). The suggestions stay empty: only the
    /// editor uses them, and it waits for the snapshot.
    pub fn read(store: &mut Store) -> ropa::Result<Self> {
        Ok(Self::from_summary(store.register_summary()?))
    }

    /// Builds the rows of every activity in `summary`, all visible, sorted by
    /// service then name, with no suggestions.
    pub fn from_summary(summary: RegisterSummary) -> Self {
        let rows: Vec<RegisterRow> = summary.activities.into_iter().map(RegisterRow::new).collect();
        let visible = (0..rows.len()).collect();
        let mut view = Self {
            rows,
            sorted: None,
            visible,
            services: summary.services,
            parties: summary.parties,
            suggestions: Suggestions::default(),
        };
        view.apply(&Filter::default(), Sort::default());
        view
    }

    /// Narrows the visible rows to those `filter` accepts, in `sort` order.
    pub fn apply(&mut self, filter: &Filter, sort: Sort) {
        let needle = filter.text.trim().to_lowercase();
        // Both sides are lower-cased UTF-8, so a byte match is a match of whole characters.
        let needle = Finder::new(needle.as_bytes());
        self.sort_if_changed(sort);
        let (rows, sorted) = (&self.rows, self.sorted.iter().flat_map(|(_, order)| order));
        self.visible = sorted.copied().filter(|&index| filter.accepts(&rows[index], &needle)).collect();
    }

    /// Puts every row's index in `sort` order unless already so. The sort is stable,
    /// so filtering the result gives the order that sorting the filtered rows would.
    fn sort_if_changed(&mut self, sort: Sort) {
        if self.sorted.as_ref().is_some_and(|(sorted, _)| *sorted == sort) {
            return;
        }
        let rows = &self.rows;
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by(|&a, &b| {
            let order = sort.column.compare(&rows[a], &rows[b]);
            if sort.ascending { order } else { order.reverse() }
        });
        self.sorted = Some((sort, order));
    }

    /// How many activities the register holds.
    pub fn total(&self) -> usize {
        self.rows.len()
    }

    /// How many rows pass the filter.
    pub fn visible_len(&self) -> usize {
        self.visible.len()
    }

    /// The `index`th visible row.
    pub fn visible_row(&self, index: usize) -> Option<&RegisterRow> {
        self.visible.get(index).and_then(|&row| self.rows.get(row))
    }

    /// The visible rows in order.
    pub fn visible_rows(&self) -> impl Iterator<Item = &RegisterRow> {
        self.visible.iter().filter_map(|&row| self.rows.get(row))
    }

    /// The position of `activity_id` among the visible rows.
    pub fn position_of(&self, activity_id: ActivityId) -> Option<usize> {
        self.visible_rows().position(|row| row.activity_id == activity_id)
    }
}

/// Distinct values of the register's free-text lists, sorted without regard to case.
fn suggestions(register: &Register) -> Suggestions {
    fn distinct<'a>(values: impl Iterator<Item = &'a String>) -> Vec<String> {
        let mut seen: HashMap<String, &String> = HashMap::new();
        for value in values.filter(|value| !value.trim().is_empty()) {
            seen.entry(value.trim().to_lowercase()).or_insert(value);
        }
        let mut list: Vec<String> = seen.into_values().map(|value| value.trim().to_owned()).collect();
        list.sort_by(|a, b| caseless(a, b));
        list
    }
    let fields = || register.activities.iter().map(|activity| &activity.fields);
    Suggestions {
        purposes: distinct(fields().flat_map(|f| &f.purposes)),
        data_subjects: distinct(fields().flat_map(|f| &f.data_subjects)),
        personal_data: distinct(
            fields()
                .flat_map(|f| &f.personal_data)
                .chain(register.links.iter().flat_map(|link| &link.fields.data_categories)),
        ),
        legislation: distinct(fields().flat_map(|f| &f.legislation)),
        // Every asset of the register, named by an activity or not yet.
        systems: distinct(register.assets.iter().map(|asset| &asset.fields.name)),
    }
}
