//! Reading free-text legal citations ("Article 6(1)(e)", "6.1(e)", "Art 6 1 e",
//! "public task", "Art. 9(2)(h)", "Sch 1 para 18") into the law's enums.
//!
//! A cell may hold several citations. Each piece of the cell (split on ";" and new
//! lines) that yields nothing is returned as unrecognised, with a hint when a likely
//! intended citation can be named (e.g. "Article 9(1)(g)": 9(2)(g) was probably meant).

use std::collections::{BTreeSet, HashMap};

use crate::law::{Article9Condition, LawfulBasis, LegalItem, Schedule1Condition};

/// What a cell of citations was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed<T> {
    /// The provisions recognised.
    pub items: BTreeSet<T>,
    /// Pieces that could not be read, each with a note for the import report.
    pub unrecognised: Vec<Unrecognised>,
}

/// A piece of text that named no provision this column expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unrecognised {
    /// The text as written.
    pub text: String,
    /// Why it was not understood, and what was probably meant.
    pub note: String,
}

/// Each distinct cell's reading, remembered for the rest of an import: a
/// register's citation cells repeat ("Public task" on most rows), and looking a
/// reading up costs far less than making it again.
#[derive(Debug, Default)]
pub struct CitationMemo {
    article6: HashMap<String, Parsed<LawfulBasis>>,
    article9: HashMap<String, Parsed<Article9Condition>>,
    schedule1: HashMap<String, Parsed<Schedule1Condition>>,
}

impl CitationMemo {
    /// [`parse_article6`] of `text`, read once per distinct text.
    pub fn article6(&mut self, text: &str) -> Parsed<LawfulBasis> {
        remembered(&mut self.article6, text, parse_article6)
    }

    /// [`parse_article9`] of `text`, read once per distinct text.
    pub fn article9(&mut self, text: &str) -> Parsed<Article9Condition> {
        remembered(&mut self.article9, text, parse_article9)
    }

    /// [`parse_schedule1`] of `text`, read once per distinct text.
    pub fn schedule1(&mut self, text: &str) -> Parsed<Schedule1Condition> {
        remembered(&mut self.schedule1, text, parse_schedule1)
    }
}

fn remembered<T: Clone>(
    readings: &mut HashMap<String, Parsed<T>>,
    text: &str,
    read: fn(&str) -> Parsed<T>,
) -> Parsed<T> {
    if let Some(parsed) = readings.get(text) {
        return parsed.clone();
    }
    let parsed = read(text);
    readings.insert(text.to_string(), parsed.clone());
    parsed
}

/// Reads Article 6 lawful bases.
pub fn parse_article6(text: &str) -> Parsed<LawfulBasis> {
    parse_pieces(text, |piece| {
        let mut found = BTreeSet::new();
        for (article, paragraph, point) in article_references(piece) {
            if article == 6 && paragraph.is_none_or(|p| p == 1) {
                found.extend(point.and_then(article6_point));
            }
        }
        if cites_article6_ea(piece) {
            found.insert(LawfulBasis::RecognisedLegitimateInterest);
        }
        // "Recognised legitimate interest" is 6(1)(ea), never 6(1)(f): take the
        // phrase out before looking for the words of the other bases.
        let (rest, recognised) = without_recognised_legitimate_interest(piece);
        if recognised {
            found.insert(LawfulBasis::RecognisedLegitimateInterest);
        }
        found.extend(words(&rest, ARTICLE6_WORDS));
        let note =
            invalid_reference_note(piece, 6).unwrap_or_else(|| "not an Article 6(1)(a)-(f) basis".into());
        (found, note)
    })
}

/// Reads Article 9(2) conditions.
pub fn parse_article9(text: &str) -> Parsed<Article9Condition> {
    parse_pieces(text, |piece| {
        let mut found = BTreeSet::new();
        for (article, paragraph, point) in article_references(piece) {
            if article == 9 && paragraph == Some(2) {
                found.extend(point.and_then(|point| nth(Article9Condition::ALL, point, 'a')));
            }
        }
        if found.is_empty() && !has_reference(piece, 9) {
            found.extend(words(piece, ARTICLE9_WORDS));
        }
        let note =
            invalid_reference_note(piece, 9).unwrap_or_else(|| "not an Article 9(2)(a)-(j) condition".into());
        (found, note)
    })
}

/// Reads DPA 2018 Schedule 1 conditions, by paragraph number or by title.
pub fn parse_schedule1(text: &str) -> Parsed<Schedule1Condition> {
    parse_pieces(text, |piece| {
        let tokens = tokens(piece);
        let mut found: BTreeSet<Schedule1Condition> = BTreeSet::new();
        for window in tokens.windows(2) {
            if matches!(window[0].as_str(), "para" | "paragraph" | "paras" | "paragraphs" | "p") {
                found.extend(window[1].parse::<u32>().ok().and_then(schedule1_paragraph));
            }
        }
        if found.is_empty() {
            let lower = simplify(piece);
            found.extend(
                Schedule1Condition::ALL.iter().copied().filter(|c| lower.contains(&simplify(c.title()))),
            );
        }
        (found, "not a DPA 2018 Schedule 1 condition (paragraphs 1-4, 6-37)".into())
    })
}

/// The Schedule 1 condition in paragraph `number`.
pub fn schedule1_paragraph(number: u32) -> Option<Schedule1Condition> {
    Schedule1Condition::ALL.iter().copied().find(|condition| {
        condition.citation().rsplit(' ').next().and_then(|n| n.parse::<u32>().ok()) == Some(number)
    })
}

fn parse_pieces<T: Ord>(text: &str, read: impl Fn(&str) -> (BTreeSet<T>, String)) -> Parsed<T> {
    let mut parsed = Parsed { items: BTreeSet::new(), unrecognised: Vec::new() };
    for piece in text.split([';', '\n', '\r']).map(str::trim).filter(|piece| !piece.is_empty()) {
        let (found, note) = read(piece);
        if found.is_empty() {
            parsed.unrecognised.push(Unrecognised { text: piece.to_string(), note });
        }
        parsed.items.extend(found);
    }
    parsed
}

/// Lower-case alphanumeric tokens: "Art. 9(2)(h)" gives ["art", "9", "2", "h"].
fn tokens(text: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut last_digit = None;
    for ch in text.chars().flat_map(char::to_lowercase) {
        let is_digit = ch.is_ascii_digit();
        if ch.is_alphanumeric()
            && (last_digit.is_none() || last_digit == Some(is_digit) || current.is_empty())
        {
            current.push(ch);
        } else {
            if !current.is_empty() {
                tokens.push(std::mem::take(&mut current));
            }
            if ch.is_alphanumeric() {
                current.push(ch);
            }
        }
        last_digit = ch.is_alphanumeric().then_some(is_digit);
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    tokens
}

/// Every "article N (para) (point)" found: the article number, then an optional
/// paragraph number and point letter.
fn article_references(text: &str) -> Vec<(u32, Option<u32>, Option<char>)> {
    let tokens = tokens(text);
    let mut found = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let Ok(article) = token.parse::<u32>() else { continue };
        if article != 6 && article != 9 {
            continue;
        }
        let introduced = i == 0
            || matches!(
                tokens[i - 1].as_str(),
                "art" | "article" | "arts" | "articles" | "gdpr" | "and" | "or"
            );
        let mut rest = tokens[i + 1..].iter();
        let mut next = rest.next();
        let paragraph = next.and_then(|t| t.parse::<u32>().ok());
        if paragraph.is_some() {
            next = rest.next();
        }
        let point =
            next.filter(|t| t.len() == 1).and_then(|t| t.chars().next()).filter(char::is_ascii_lowercase);
        if introduced || (paragraph.is_some() && point.is_some()) {
            found.push((article, paragraph, point));
        }
    }
    found
}

fn has_reference(text: &str, article: u32) -> bool {
    article_references(text).iter().any(|(a, _, _)| *a == article)
}

/// A note for a reference to `article` that names no real provision, e.g. 9(1)(g).
fn invalid_reference_note(text: &str, article: u32) -> Option<String> {
    let (_, paragraph, point) = *article_references(text).iter().find(|(a, _, _)| *a == article)?;
    let expected = if article == 6 { 1 } else { 2 };
    let last = if article == 6 { 'f' } else { 'j' };
    match (paragraph, point) {
        (Some(p), Some(point)) if p != expected && point <= last => Some(format!(
            "Article {article}({p})({point}) does not exist; Article {article}({expected})({point}) was probably meant"
        )),
        (_, Some(point)) if point > last => {
            Some(format!("Article {article}({expected}) has points (a) to ({last}) only, not ({point})"))
        }
        _ => None,
    }
}

/// The Art 6(1) basis at a one-letter point: (a) to (f). Point (ea) has two
/// letters and is read by [`cites_article6_ea`].
fn article6_point(point: char) -> Option<LawfulBasis> {
    use LawfulBasis::*;
    match point {
        'a' => Some(Consent),
        'b' => Some(Contract),
        'c' => Some(LegalObligation),
        'd' => Some(VitalInterests),
        'e' => Some(PublicTask),
        'f' => Some(LegitimateInterests),
        _ => None,
    }
}

/// Whether the text cites Art 6(1)(ea): "6(1)(ea)", "Art 6 1 ea", "6.1(ea)".
fn cites_article6_ea(text: &str) -> bool {
    let tokens = tokens(text);
    tokens.iter().enumerate().any(|(i, token)| {
        token == "ea"
            && i > 0
            && (tokens[i - 1] == "6" || (tokens[i - 1] == "1" && i > 1 && tokens[i - 2] == "6"))
    })
}

/// The text with "recognised legitimate interest(s)" (either spelling) taken
/// out, and whether it was there.
fn without_recognised_legitimate_interest(text: &str) -> (String, bool) {
    let mut simple = format!(" {} ", simplify(text));
    let mut found = false;
    for phrase in [
        " recognised legitimate interests ",
        " recognised legitimate interest ",
        " recognized legitimate interests ",
        " recognized legitimate interest ",
    ] {
        if simple.contains(phrase) {
            found = true;
            simple = simple.replace(phrase, " ");
        }
    }
    (simple, found)
}

fn nth<T: Copy>(all: &[T], point: char, first: char) -> Option<T> {
    let index = (point as u32).checked_sub(first as u32)?;
    all.get(index as usize).copied()
}

/// Lower case with punctuation folded to single spaces.
fn simplify(text: &str) -> String {
    let folded: String = text
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn words<T: Copy + Ord>(text: &str, table: &[(&str, T)]) -> BTreeSet<T> {
    let lower = format!(" {} ", simplify(text));
    table.iter().filter(|(phrase, _)| lower.contains(&format!(" {phrase} "))).map(|(_, item)| *item).collect()
}

const ARTICLE6_WORDS: &[(&str, LawfulBasis)] = &[
    ("consent", LawfulBasis::Consent),
    ("contract", LawfulBasis::Contract),
    ("legal obligation", LawfulBasis::LegalObligation),
    ("vital interests", LawfulBasis::VitalInterests),
    ("vital interest", LawfulBasis::VitalInterests),
    ("public task", LawfulBasis::PublicTask),
    ("public tasks", LawfulBasis::PublicTask),
    ("official authority", LawfulBasis::PublicTask),
    ("legitimate interests", LawfulBasis::LegitimateInterests),
    ("legitimate interest", LawfulBasis::LegitimateInterests),
];

const ARTICLE9_WORDS: &[(&str, Article9Condition)] = &[
    ("explicit consent", Article9Condition::ExplicitConsent),
    ("employment", Article9Condition::EmploymentSocialSecurity),
    ("social security", Article9Condition::EmploymentSocialSecurity),
    ("social protection", Article9Condition::EmploymentSocialSecurity),
    ("vital interests", Article9Condition::VitalInterests),
    ("not for profit", Article9Condition::NotForProfitBodies),
    ("made public", Article9Condition::MadePublicByDataSubject),
    ("legal claims", Article9Condition::LegalClaims),
    ("substantial public interest", Article9Condition::SubstantialPublicInterest),
    ("health or social care", Article9Condition::HealthOrSocialCare),
    ("health and social care", Article9Condition::HealthOrSocialCare),
    ("public health", Article9Condition::PublicHealth),
    ("archiving", Article9Condition::ArchivingResearchStatistics),
    ("research", Article9Condition::ArchivingResearchStatistics),
    ("statistical", Article9Condition::ArchivingResearchStatistics),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_remembered_reading_is_the_reading_of_that_text() {
        let cells = [
            "Public task",
            "Article 6(1)(e); Article 6(1)(c)",
            "Public task",
            "Art 9(2)(h)",
            "Sch 1 para 18",
            "Consent",
            "Article 6(1)(e); Article 6(1)(c)",
            "",
            "Legitimate interests",
        ];
        let mut memo = CitationMemo::default();
        for _ in 0..2 {
            for cell in cells {
                assert_eq!(memo.article6(cell), parse_article6(cell), "{cell}");
                assert_eq!(memo.article9(cell), parse_article9(cell), "{cell}");
                assert_eq!(memo.schedule1(cell), parse_schedule1(cell), "{cell}");
            }
        }
    }

    fn check6(text: &str, expected: &[LawfulBasis], unrecognised: usize) {
        let parsed = parse_article6(text);
        assert_eq!(parsed.items.iter().copied().collect::<Vec<_>>(), expected, "{text}");
        assert_eq!(parsed.unrecognised.len(), unrecognised, "{text}: {:?}", parsed.unrecognised);
    }

    fn check9(text: &str, expected: &[Article9Condition], unrecognised: usize) {
        let parsed = parse_article9(text);
        assert_eq!(parsed.items.iter().copied().collect::<Vec<_>>(), expected, "{text}");
        assert_eq!(parsed.unrecognised.len(), unrecognised, "{text}: {:?}", parsed.unrecognised);
    }

    #[test]
    fn article6_citations_in_the_forms_officers_write_them() {
        use LawfulBasis::*;
        check6("Article 6(1)(e)", &[PublicTask], 0);
        check6("6.1(e)", &[PublicTask], 0);
        check6("Art 6 1 e", &[PublicTask], 0);
        check6("public task", &[PublicTask], 0);
        check6("Art. 6(1)(c) legal obligation; Art 6(1)(d)", &[LegalObligation, VitalInterests], 0);
        check6("it is necessary to perform our public tasks (Art 6(1)(e));", &[PublicTask], 0);
        check6(
            "where it is necessary for the performance of our public tasks (Article 6(1)(e) of the UK General Data Protection Regulation (UK GDPR’)).",
            &[PublicTask],
            0,
        );
        check6("Consent\nLegitimate interests", &[Consent, LegitimateInterests], 0);
        check6("Article 6(1)(f)", &[LegitimateInterests], 0);
        check6("6(1)(a), 6(1)(b)", &[Consent, Contract], 0);
        check6("Because we said so", &[], 1);
        check6("Article 6(1)(g)", &[], 1);
    }

    #[test]
    fn recognised_legitimate_interest_is_ea_never_f() {
        use LawfulBasis::*;
        check6("6(1)(ea)", &[RecognisedLegitimateInterest], 0);
        check6("Article 6(1)(ea) UK GDPR", &[RecognisedLegitimateInterest], 0);
        check6("Art 6 1 ea", &[RecognisedLegitimateInterest], 0);
        check6("Recognised legitimate interest", &[RecognisedLegitimateInterest], 0);
        check6("recognized legitimate interests (crime)", &[RecognisedLegitimateInterest], 0);
        check6(
            "Recognised legitimate interest; legitimate interests",
            &[RecognisedLegitimateInterest, LegitimateInterests],
            0,
        );
        check6("6(1)(e) and 6(1)(ea)", &[PublicTask, RecognisedLegitimateInterest], 0);
    }

    #[test]
    fn article9_citations_and_the_one_that_does_not_exist() {
        use Article9Condition::*;
        check9("Art. 9(2)(h)", &[HealthOrSocialCare], 0);
        check9("Article 9(2)(b) of the UK GDPR", &[EmploymentSocialSecurity], 0);
        check9("substantial public interest", &[SubstantialPublicInterest], 0);
        check9("9.2.j", &[ArchivingResearchStatistics], 0);
        let parsed =
            parse_article9("reasons of substantial public interest (Article 9(1)(g) of the UK GDPR)");
        assert!(parsed.items.is_empty(), "9(1)(g) must not be read silently: {parsed:?}");
        assert_eq!(parsed.unrecognised.len(), 1);
        assert!(
            parsed.unrecognised[0].note.contains("9(2)(g) was probably meant"),
            "{:?}",
            parsed.unrecognised
        );
    }

    #[test]
    fn schedule1_by_paragraph_or_title() {
        use Schedule1Condition::*;
        let check = |text: &str, expected: &[Schedule1Condition]| {
            assert_eq!(parse_schedule1(text).items.into_iter().collect::<Vec<_>>(), expected, "{text}");
        };
        check("Schedule 1 Part 2 paragraph 18", &[SafeguardingOfChildrenAndIndividualsAtRisk]);
        check(
            "Sch 1 para 6; Sch 1 para 10",
            &[StatutoryAndGovernmentPurposes, PreventingOrDetectingUnlawfulActs],
        );
        check("Health or social care purposes", &[HealthOrSocialCare]);
        check("DPA 2018 Sch 1 para 5", &[]);
        assert_eq!(schedule1_paragraph(37), Some(ExtensionOfInsurance));
        assert_eq!(schedule1_paragraph(5), None);
    }
}
