//! Column mappings: which field of an activity each heading of a spreadsheet
//! fills, so that a council's own layout (or the CNIL's register) imports as
//! well as the ICO template does.
//!
//! For each heading the import proposes a [`Target`]: the one the officer gave
//! (`--map`, the app's chooser), the one remembered for this layout, a well-known
//! heading (the ICO template's words and common synonyms, French included), or a
//! guess from the heading's words and, failing that, its cells. A heading with no
//! target is kept as a note in each activity's description, never dropped.
//!
//! A mapping is written as text, one `HEADING = FIELD` per line (or separated by
//! `;` on the command line); `[layout]` starts a remembered layout; `#` starts a
//! comment. docs/import.md describes it.

use std::fmt;

use super::citations::parse_article6;
use super::grid::column_letters;
use super::text::name_key;
use crate::ico_template::{ACTIVITY_HEADING, IcoColumn};

/// What a column of the spreadsheet fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Target {
    /// A column of the ICO template, read as that column is read.
    Column(IcoColumn),
    /// The activity's name.
    Name,
    /// The legislation the activity relies on, one item per line or `;`.
    Legislation,
    /// The activity's owner (an information asset owner).
    Owner,
    /// Kept as a note in the activity's description, as "HEADING: value".
    Note,
}

impl Target {
    /// Every target, in the order the chooser offers them.
    pub fn all() -> Vec<Self> {
        let mut all = vec![Self::Name, Self::Note, Self::Owner, Self::Legislation];
        all.extend(IcoColumn::ALL.iter().map(|&c| Self::Column(c)));
        all
    }

    /// The short name a mapping writes (`purpose`, `lawful-basis`, `note`).
    pub fn code(self) -> &'static str {
        use IcoColumn::*;
        match self {
            Self::Name => "name",
            Self::Legislation => "legislation",
            Self::Owner => "owner",
            Self::Note => "note",
            Self::Column(column) => match column {
                BusinessFunction => "business-function",
                Purpose => "purpose",
                JointController => "joint-controller",
                DataSubjects => "data-subjects",
                PersonalData => "personal-data",
                Recipients => "recipients",
                ProcessorContract => "processor-contract",
                ThirdCountries => "third-countries",
                TransferSafeguards => "transfer-safeguards",
                Retention => "retention",
                Security => "security",
                Article6 => "lawful-basis",
                Article9 => "article-9-condition",
                LegitimateInterests => "legitimate-interests",
                LegitimateInterestsAssessment => "legitimate-interests-assessment",
                Rights => "rights",
                AutomatedDecisionMaking => "automated-decision-making",
                Sources => "sources",
                ConsentRecord => "consent-record",
                Location => "location",
                DpiaRequired => "dpia-required",
                DpiaProgress => "dpia-progress",
                DpiaLink => "dpia-link",
                Breach => "breach",
                BreachLink => "breach-link",
                Schedule1 => "schedule-1-condition",
                GdprArticle6 => "gdpr-lawful-basis",
                RetentionPolicy => "retention-policy",
                RetainedPerPolicy => "retained-per-policy",
                PolicyExceptions => "policy-exceptions",
            },
        }
    }

    /// How the chooser and the preview name the target.
    pub fn label(self) -> String {
        match self {
            Self::Name => "Activity name".to_string(),
            Self::Legislation => "Legislation".to_string(),
            Self::Owner => "Owner".to_string(),
            Self::Note => "Note (kept in the description)".to_string(),
            Self::Column(column) => format!("{} (ICO {})", column.heading(), column.letter()),
        }
    }

    /// The target a mapping names: its code, or an ICO heading, ignoring case.
    pub fn parse(text: &str) -> Option<Self> {
        let key = name_key(text);
        Self::all().into_iter().find(|t| {
            name_key(t.code()) == key || matches!(t, Self::Column(c) if name_key(c.heading()) == key)
        })
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Why a heading got its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The officer chose it (`--map`, `--map-file`, the app's chooser).
    Given,
    /// Remembered from an earlier import of the same layout.
    Remembered,
    /// A well-known heading: the ICO template's, or a common synonym.
    Known,
    /// Guessed from the heading's words or its cells: to be confirmed.
    Guessed,
    /// Nothing found: kept as a note.
    Unknown,
}

impl Basis {
    /// How the preview says it.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Given => "as given",
            Self::Remembered => "remembered from the last import of this layout",
            Self::Known => "a well-known heading",
            Self::Guessed => "guessed from its words or cells: check it",
            Self::Unknown => "not recognised: kept as a note",
        }
    }
}

/// The target proposed for one heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The column's index (0 for A).
    pub index: usize,
    /// The heading as written.
    pub heading: String,
    /// The field it fills.
    pub target: Target,
    /// Why.
    pub basis: Basis,
}

impl Proposal {
    /// The column's letters ("A", "AD").
    pub fn letters(&self) -> String {
        column_letters(self.index)
    }

    /// "B \"Purpose\" -> purpose (a well-known heading)", as the dry run prints it.
    pub fn describe(&self) -> String {
        format!("{} \"{}\" -> {} ({})", self.letters(), self.heading, self.target, self.basis.describe())
    }
}

/// A mapping of headings to targets, as given or remembered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMapping {
    /// (heading, target), in the order written.
    pub entries: Vec<(String, Target)>,
}

impl ColumnMapping {
    /// Reads a mapping: `HEADING = FIELD` separated by new lines or `;`; blank
    /// lines, `#` comments and `[layout]` lines are skipped. The last `=` splits
    /// a pair, since no field name holds one. An error names the entry.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut entries = Vec::new();
        let lines = text.lines().map(str::trim).filter(|l| !l.starts_with('#') && !l.starts_with('['));
        for entry in lines.flat_map(|line| line.split(';')).map(str::trim) {
            if entry.is_empty() {
                continue;
            }
            let Some((heading, field)) = entry.rsplit_once('=') else {
                return Err(format!("\"{entry}\" is not HEADING=FIELD"));
            };
            let heading = collapse(heading);
            if heading.is_empty() {
                return Err(format!("\"{entry}\" names no heading before \"=\""));
            }
            let Some(target) = Target::parse(field) else {
                return Err(format!(
                    "\"{}\" (for the heading \"{heading}\") is not a field; the fields are: {}",
                    field.trim(),
                    Target::all().iter().map(|t| t.code()).collect::<Vec<_>>().join(", ")
                ));
            };
            entries.push((heading, target));
        }
        Ok(Self { entries })
    }

    /// The target given for `heading`, compared ignoring case and punctuation.
    pub fn target_for(&self, heading: &str) -> Option<Target> {
        let key = name_key(heading);
        self.entries.iter().rev().find(|(h, _)| name_key(h) == key).map(|&(_, t)| t)
    }

    /// Whether the mapping is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The mapping as `--map` takes it: "HEADING=FIELD;HEADING=FIELD".
    pub fn to_argument(&self) -> String {
        self.entries.iter().map(|(h, t)| format!("{h}={t}")).collect::<Vec<_>>().join(";")
    }

    /// The mapping of a sheet's proposals, every heading named.
    pub fn of(proposals: &[Proposal]) -> Self {
        Self { entries: proposals.iter().map(|p| (collapse(&p.heading), p.target)).collect() }
    }

    /// Whether this mapping lists exactly the headings `headings` holds.
    fn is_layout(&self, headings: &[String]) -> bool {
        let mut mine: Vec<String> = self.entries.iter().map(|(h, _)| name_key(h)).collect();
        let mut theirs: Vec<String> =
            headings.iter().map(|h| name_key(h)).filter(|key| !key.is_empty()).collect();
        mine.sort();
        mine.dedup();
        theirs.sort();
        theirs.dedup();
        mine == theirs
    }
}

/// A heading on one line: new lines and runs of spaces become one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The mappings remembered for a register, one per layout (the set of headings).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Memory {
    /// The layouts, each a mapping of every heading it has.
    pub layouts: Vec<ColumnMapping>,
}

impl Memory {
    /// Reads remembered mappings: blocks each started by a `[layout]` line.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut layouts = Vec::new();
        let text = format!("\n{}", text.replace("\r\n", "\n"));
        for block in text.split("\n[layout]").skip(1) {
            layouts.push(ColumnMapping::parse(block)?);
        }
        Ok(Self { layouts })
    }

    /// The remembered mappings as text, for the file beside the register.
    pub fn to_text(&self) -> String {
        let mut text = String::from(
            "# Column mappings remembered by ROPA Register's import: one block per set of headings.\n# Each line is HEADING = FIELD; see docs/import.md.\n",
        );
        for layout in &self.layouts {
            text.push_str("\n[layout]\n");
            for (heading, target) in &layout.entries {
                text.push_str(&format!("{heading} = {target}\n"));
            }
        }
        text
    }

    /// The mapping remembered for a sheet with these headings, if any.
    pub fn find(&self, headings: &[String]) -> Option<&ColumnMapping> {
        self.layouts.iter().rev().find(|layout| layout.is_layout(headings))
    }

    /// Remembers `mapping` for its layout, replacing what was remembered for it.
    pub fn remember(&mut self, mapping: ColumnMapping) {
        let headings: Vec<String> = mapping.entries.iter().map(|(h, _)| h.clone()).collect();
        self.layouts.retain(|layout| !layout.is_layout(&headings));
        self.layouts.push(mapping);
    }
}

/// Whether a mapping read with `proposals` is worth remembering: some heading
/// is not simply the ICO template's (given, remembered, guessed or a note).
pub fn is_own_layout(proposals: &[Proposal]) -> bool {
    proposals.iter().any(|p| p.basis != Basis::Known)
}

/// The file beside a register where its remembered mappings are kept
/// (`council.ropa` keeps them in `council.ropa.import-mappings`). The register
/// has no settings table, and only one schema change is made per release, so the
/// mappings live beside it as text the officer can read and edit.
pub fn memory_path(register: &std::path::Path) -> std::path::PathBuf {
    let mut name = register.file_name().unwrap_or_default().to_os_string();
    name.push(".import-mappings");
    register.with_file_name(name)
}

/// What an import is told about the mapping: the officer's choices and what the
/// register remembers.
#[derive(Debug, Clone, Copy, Default)]
pub struct MappingInput<'a> {
    /// Chosen by the officer; wins over everything.
    pub given: Option<&'a ColumnMapping>,
    /// Remembered for the register.
    pub memory: Option<&'a Memory>,
}

/// Proposes a target for every non-blank heading of `headings`, using the cells
/// of `sample` (rows below the headings) where the words say nothing. ICO
/// headings are matched first, so a template sheet maps exactly as before; no
/// target but [`Target::Note`] is proposed twice.
pub fn propose(headings: &[String], sample: &[&[String]], input: MappingInput<'_>) -> Vec<Proposal> {
    let remembered = input.memory.and_then(|m| m.find(headings));
    let ico = super::ico_csv::match_headings(headings);
    let mut proposals: Vec<Proposal> = Vec::new();
    let mut pending = Vec::new();
    for (index, heading) in headings.iter().enumerate() {
        if heading.trim().is_empty() {
            continue;
        }
        if heading.len() > LONGEST_HEADING_BYTES {
            let target = Target::Note;
            proposals.push(Proposal {
                index,
                heading: heading.trim().to_string(),
                target,
                basis: Basis::Unknown,
            });
            continue;
        }
        let chosen = input
            .given
            .and_then(|g| g.target_for(heading))
            .map(|t| (t, Basis::Given))
            .or_else(|| remembered.and_then(|r| r.target_for(heading)).map(|t| (t, Basis::Remembered)))
            .or_else(|| {
                // A synonym wins over a loose match of the ICO's words, unless
                // another heading is that ICO column already.
                let taken = |t: Target| {
                    ico.iter().enumerate().any(|(i, c)| i != index && c.map(Target::Column) == Some(t))
                };
                known_synonym(heading).filter(|&t| !taken(t)).map(|t| (t, Basis::Known))
            })
            .or_else(|| ico.get(index).copied().flatten().map(|c| (Target::Column(c), Basis::Known)));
        match chosen {
            Some((target, basis)) => {
                proposals.push(Proposal { index, heading: heading.trim().to_string(), target, basis })
            }
            None => pending.push(index),
        }
    }
    for index in pending {
        let taken = |t: Target| proposals.iter().any(|p| p.target == t);
        let heading = &headings[index];
        // The cells are read only when the heading's words suggest nothing free:
        // reading each as a lawful basis is the dearest part of the heading search.
        let guess = guess_from_words(heading).into_iter().find(|&t| !taken(t)).or_else(|| {
            let cells: Vec<&str> =
                sample.iter().map(|row| row.get(index).map_or("", String::as_str)).collect();
            guess_from_cells(&cells).filter(|&t| !taken(t))
        });
        let (target, basis) = guess.map_or((Target::Note, Basis::Unknown), |t| (t, Basis::Guessed));
        proposals.push(Proposal { index, heading: heading.trim().to_string(), target, basis });
    }
    proposals.sort_by_key(|p| p.index);
    proposals
}

/// A heading longer than this is not matched (a data cell, not a heading).
const LONGEST_HEADING_BYTES: usize = 1_000;

/// The most fields [`propose`] can map a row of headings to: one per heading
/// that is neither blank nor too long to be a heading.
pub(super) fn most_matches(headings: &[String]) -> usize {
    headings.iter().filter(|h| !h.trim().is_empty() && h.len() <= LONGEST_HEADING_BYTES).count()
}

/// A cell longer than this is not read to guess its column's field.
const LONGEST_SAMPLE_BYTES: usize = 2_000;

/// Well-known headings that are not the ICO template's words: what councils,
/// parish councils and the CNIL's register call the same things.
const SYNONYMS: &[(&str, Target)] = &[
    ("processing activity", Target::Name),
    ("data processing activity", Target::Name),
    ("name of processing activity", Target::Name),
    ("activity", Target::Name),
    ("information type", Target::Name),
    ("information asset", Target::Name),
    ("nom sigle du traitement", Target::Name),
    ("nom du traitement", Target::Name),
    ("traitement", Target::Name),
    ("purpose", Target::Column(IcoColumn::Purpose)),
    ("purposes", Target::Column(IcoColumn::Purpose)),
    ("purpose of processing", Target::Column(IcoColumn::Purpose)),
    ("processing purpose", Target::Column(IcoColumn::Purpose)),
    ("why do you need the data processing purpose", Target::Column(IcoColumn::Purpose)),
    ("finalité s du traitement", Target::Column(IcoColumn::Purpose)),
    ("finalités du traitement", Target::Column(IcoColumn::Purpose)),
    ("finalité", Target::Column(IcoColumn::Purpose)),
    ("legal basis", Target::Column(IcoColumn::Article6)),
    ("lawful basis", Target::Column(IcoColumn::Article6)),
    ("lawful basis for processing", Target::Column(IcoColumn::Article6)),
    ("legal basis for processing", Target::Column(IcoColumn::Article6)),
    ("base légale", Target::Column(IcoColumn::Article6)),
    ("base juridique", Target::Column(IcoColumn::Article6)),
    ("relevant law", Target::Legislation),
    ("legislation", Target::Legislation),
    ("statutory basis", Target::Legislation),
    ("retention", Target::Column(IcoColumn::Retention)),
    ("retention period", Target::Column(IcoColumn::Retention)),
    ("how long do you retain the data", Target::Column(IcoColumn::Retention)),
    ("durée de conservation", Target::Column(IcoColumn::Retention)),
    ("durées de conservation", Target::Column(IcoColumn::Retention)),
    ("recipients", Target::Column(IcoColumn::Recipients)),
    ("where does the data go", Target::Column(IcoColumn::Recipients)),
    ("who do we share it with", Target::Column(IcoColumn::Recipients)),
    ("catégories de destinataires", Target::Column(IcoColumn::Recipients)),
    ("destinataires", Target::Column(IcoColumn::Recipients)),
    ("data subjects", Target::Column(IcoColumn::DataSubjects)),
    ("category of individual", Target::Column(IcoColumn::DataSubjects)),
    ("categories of data subjects", Target::Column(IcoColumn::DataSubjects)),
    ("catégories de personnes concernées", Target::Column(IcoColumn::DataSubjects)),
    ("personnes concernées", Target::Column(IcoColumn::DataSubjects)),
    ("personal data", Target::Column(IcoColumn::PersonalData)),
    ("what personal information data is collected", Target::Column(IcoColumn::PersonalData)),
    ("categories of data", Target::Column(IcoColumn::PersonalData)),
    ("catégories de données", Target::Column(IcoColumn::PersonalData)),
    ("catégories de données personnelles", Target::Column(IcoColumn::PersonalData)),
    ("where and how is the data stored", Target::Column(IcoColumn::Location)),
    ("location", Target::Column(IcoColumn::Location)),
    ("system", Target::Column(IcoColumn::Location)),
    ("security", Target::Column(IcoColumn::Security)),
    ("security measures", Target::Column(IcoColumn::Security)),
    ("what security measures do you use", Target::Column(IcoColumn::Security)),
    ("mesures de sécurité", Target::Column(IcoColumn::Security)),
    ("transferts hors ue", Target::Column(IcoColumn::ThirdCountries)),
    ("international transfers", Target::Column(IcoColumn::ThirdCountries)),
    ("department", Target::Column(IcoColumn::BusinessFunction)),
    ("service", Target::Column(IcoColumn::BusinessFunction)),
    ("service area", Target::Column(IcoColumn::BusinessFunction)),
    ("directorate", Target::Column(IcoColumn::BusinessFunction)),
    ("source", Target::Column(IcoColumn::Sources)),
    ("source of the data", Target::Column(IcoColumn::Sources)),
    ("owner", Target::Owner),
    ("information asset owner", Target::Owner),
    ("iao", Target::Owner),
    ("responsable du traitement", Target::Owner),
];

fn known_synonym(heading: &str) -> Option<Target> {
    let key = name_key(heading);
    if key == name_key(ACTIVITY_HEADING) {
        return Some(Target::Name);
    }
    SYNONYMS.iter().find(|(words, _)| name_key(words) == key).map(|&(_, target)| target)
}

/// Words a heading may hold and the target they suggest, strongest first.
const WORDS: &[(&str, Target)] = &[
    ("lawful", Target::Column(IcoColumn::Article6)),
    ("legal basis", Target::Column(IcoColumn::Article6)),
    ("retain", Target::Column(IcoColumn::Retention)),
    ("retention", Target::Column(IcoColumn::Retention)),
    ("how long", Target::Column(IcoColumn::Retention)),
    ("conservation", Target::Column(IcoColumn::Retention)),
    ("purpose", Target::Column(IcoColumn::Purpose)),
    ("finalit", Target::Column(IcoColumn::Purpose)),
    ("security", Target::Column(IcoColumn::Security)),
    ("sécurité", Target::Column(IcoColumn::Security)),
    ("recipient", Target::Column(IcoColumn::Recipients)),
    ("shared with", Target::Column(IcoColumn::Recipients)),
    ("disclosed", Target::Column(IcoColumn::Recipients)),
    ("destinataire", Target::Column(IcoColumn::Recipients)),
    ("special category", Target::Column(IcoColumn::Article9)),
    ("article 9", Target::Column(IcoColumn::Article9)),
    ("law", Target::Legislation),
    ("legislation", Target::Legislation),
    ("statut", Target::Legislation),
    ("data subject", Target::Column(IcoColumn::DataSubjects)),
    ("individuals", Target::Column(IcoColumn::DataSubjects)),
    ("whose", Target::Column(IcoColumn::DataSubjects)),
    ("personnes", Target::Column(IcoColumn::DataSubjects)),
    ("personal data", Target::Column(IcoColumn::PersonalData)),
    ("information collected", Target::Column(IcoColumn::PersonalData)),
    ("données", Target::Column(IcoColumn::PersonalData)),
    ("stored", Target::Column(IcoColumn::Location)),
    ("system", Target::Column(IcoColumn::Location)),
    ("transfer", Target::Column(IcoColumn::ThirdCountries)),
    ("countr", Target::Column(IcoColumn::ThirdCountries)),
    ("source", Target::Column(IcoColumn::Sources)),
    ("obtained", Target::Column(IcoColumn::Sources)),
    ("department", Target::Column(IcoColumn::BusinessFunction)),
    ("team", Target::Column(IcoColumn::BusinessFunction)),
    ("function", Target::Column(IcoColumn::BusinessFunction)),
    ("owner", Target::Owner),
    ("dpia", Target::Column(IcoColumn::DpiaRequired)),
    ("impact assessment", Target::Column(IcoColumn::DpiaRequired)),
    ("automated", Target::Column(IcoColumn::AutomatedDecisionMaking)),
    ("profiling", Target::Column(IcoColumn::AutomatedDecisionMaking)),
    ("consent", Target::Column(IcoColumn::ConsentRecord)),
    ("processor", Target::Column(IcoColumn::ProcessorContract)),
    ("contract", Target::Column(IcoColumn::ProcessorContract)),
    ("activity", Target::Name),
    ("process", Target::Name),
    ("traitement", Target::Name),
];

/// The targets a heading's words suggest, strongest first.
fn guess_from_words(heading: &str) -> Vec<Target> {
    let key = format!(" {} ", name_key(heading));
    WORDS
        .iter()
        .filter(|(word, _)| {
            let word = name_key(word);
            key.contains(&format!(" {word}")) || (word.len() >= 6 && key.contains(&word))
        })
        .map(|&(_, target)| target)
        .collect()
}

/// The target a column's cells suggest, when most of its non-blank cells read as
/// lawful bases or as retention periods.
fn guess_from_cells(cells: &[&str]) -> Option<Target> {
    let filled: Vec<&str> =
        cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty() && c.len() <= LONGEST_SAMPLE_BYTES).collect();
    if filled.is_empty() {
        return None;
    }
    let most = |test: &dyn Fn(&str) -> bool| filled.iter().filter(|c| test(c)).count() * 2 > filled.len();
    if most(&|cell| !parse_article6(cell).items.is_empty()) {
        return Some(Target::Column(IcoColumn::Article6));
    }
    let period = |cell: &str| {
        let key = name_key(cell);
        key.split(' ').any(|w| w.parse::<u32>().is_ok())
            && ["year", "years", "month", "months"].iter().any(|u| key.split(' ').any(|w| w == *u))
    };
    most(&period).then_some(Target::Column(IcoColumn::Retention))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_mapping_reads_from_text_and_names_a_bad_entry() {
        let mapping = ColumnMapping::parse("Relevant law=legislation; Notes = note\n# a comment\n").unwrap();
        assert_eq!(mapping.target_for("RELEVANT LAW"), Some(Target::Legislation));
        assert_eq!(mapping.target_for("notes"), Some(Target::Note));
        let ico = ColumnMapping::parse("Legal basis = Article 6 lawful basis for processing personal data");
        assert_eq!(ico.unwrap().entries[0].1, Target::Column(IcoColumn::Article6));
        let error = ColumnMapping::parse("Relevant law=statute book").unwrap_err();
        assert!(
            error.contains("\"statute book\" (for the heading \"Relevant law\") is not a field"),
            "{error}"
        );
        assert!(ColumnMapping::parse("no equals sign").unwrap_err().contains("not HEADING=FIELD"));
    }

    #[test]
    fn every_target_reads_back_from_its_code() {
        for target in Target::all() {
            assert_eq!(Target::parse(target.code()), Some(target));
        }
    }

    #[test]
    fn remembered_layouts_round_trip_and_are_found_by_their_headings() {
        let mut memory = Memory::default();
        memory.remember(ColumnMapping::parse("Activity = name; Why = purpose").unwrap());
        memory.remember(ColumnMapping::parse("Activity = name; Why = note").unwrap());
        let read = Memory::parse(&memory.to_text()).unwrap();
        assert_eq!(read, memory);
        assert_eq!(read.layouts.len(), 1, "the same layout is remembered once");
        let found = read.find(&strings(&["why", "", "ACTIVITY"])).unwrap();
        assert_eq!(found.target_for("Why"), Some(Target::Note));
        assert!(read.find(&strings(&["Activity"])).is_none());
    }

    #[test]
    fn headings_are_proposed_from_words_and_cells() {
        let headings = strings(&[
            "Data processing activity",
            "Purpose",
            "Basis",
            "Relevant law",
            "How long we keep it",
            "Column we cannot place",
        ]);
        let row = strings(&["Council Tax", "", "Public task", "", "", "x"]);
        let sample = [row.as_slice()];
        let proposals = propose(&headings, &sample, MappingInput::default());
        let targets: Vec<(Target, Basis)> = proposals.iter().map(|p| (p.target, p.basis)).collect();
        assert_eq!(
            targets,
            [
                (Target::Name, Basis::Known),
                (Target::Column(IcoColumn::Purpose), Basis::Known),
                (Target::Column(IcoColumn::Article6), Basis::Guessed),
                (Target::Legislation, Basis::Known),
                (Target::Column(IcoColumn::Retention), Basis::Guessed),
                (Target::Note, Basis::Unknown),
            ]
        );
        let given = ColumnMapping::parse("Column we cannot place = owner").unwrap();
        let input = MappingInput { given: Some(&given), memory: None };
        assert_eq!(propose(&headings, &sample, input)[5].target, Target::Owner);
        assert_eq!(propose(&headings, &sample, input)[5].basis, Basis::Given);
    }
}
