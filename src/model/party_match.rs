//! How alike two party names are, so that typing "NHS Trust" or "home office."
//! finds the "NHS" or "Home Office" already in the register before a duplicate
//! party is made. Names are compared after folding case and punctuation, spelling
//! out common abbreviations ("Ltd", "&", "Dept", "MBC") and reading initials
//! ("DWP" for "Department for Work and Pensions").

/// How alike a typed name is to a party's name, from 0 (nothing shared) to 1 (the
/// same name once case, punctuation and abbreviations are set aside).
pub fn name_similarity(typed: &str, name: &str) -> f32 {
    let (typed_words, name_words) = (words(typed), words(name));
    if typed_words.is_empty() || name_words.is_empty() {
        return 0.0;
    }
    if typed_words == name_words {
        return 1.0;
    }
    if is_initials_of(&typed_words, &name_words) || is_initials_of(&name_words, &typed_words) {
        return 0.9;
    }
    let (typed_text, name_text) = (typed_words.join(" "), name_words.join(" "));
    if name_text.starts_with(&typed_text) {
        return 0.85;
    }
    let shared = typed_words.iter().filter(|word| name_words.contains(word)).count();
    let smaller = typed_words.len().min(name_words.len());
    if shared == smaller {
        // One name is the other with words added: "NHS" and "NHS Trust".
        return 0.8;
    }
    if name_text.contains(&typed_text) {
        return 0.7;
    }
    let union = typed_words.len() + name_words.len() - shared;
    let overlap = shared as f32 / union as f32;
    let prefix = typed_words.last().is_some_and(|last| name_words.iter().any(|word| word.starts_with(last)));
    if prefix && shared + 1 == typed_words.len() {
        // Every word typed matches, the last one partly typed: "home off".
        return 0.75;
    }
    overlap * 0.7
}

/// The names among `names` at least `threshold` alike to `typed`, most alike
/// first (ties in the order given), as (position in `names`, similarity).
pub fn similar_names<'a>(
    typed: &str,
    names: impl IntoIterator<Item = &'a str>,
    threshold: f32,
) -> Vec<(usize, f32)> {
    let mut ranked: Vec<(usize, f32)> = names
        .into_iter()
        .enumerate()
        .map(|(index, name)| (index, name_similarity(typed, name)))
        .filter(|(_, similarity)| *similarity >= threshold)
        .collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
}

/// The name's words, folded: lower case, punctuation dropped, abbreviations
/// spelled out, "the" dropped.
fn words(name: &str) -> Vec<String> {
    let spaced: String = name
        .chars()
        .map(|c| match c {
            '&' | '+' => ' ',
            c if c.is_alphanumeric() => c,
            '\'' | '’' | '.' => '\u{0}',
            _ => ' ',
        })
        .filter(|c| *c != '\u{0}')
        .collect();
    let mut folded = Vec::new();
    for word in spaced.split_whitespace() {
        let lower = word.to_lowercase();
        match expansion(&lower) {
            Some(expanded) => folded.extend(expanded.split(' ').map(str::to_owned)),
            None if lower == "the" => {}
            None => folded.push(lower),
        }
    }
    folded
}

/// Common abbreviations in the names of UK bodies, spelled out.
fn expansion(word: &str) -> Option<&'static str> {
    Some(match word {
        "ltd" => "limited",
        "co" => "company",
        "dept" => "department",
        "govt" => "government",
        "cc" => "county council",
        "dc" => "district council",
        "bc" => "borough council",
        "mbc" => "metropolitan borough council",
        "intl" => "international",
        "assoc" => "association",
        "univ" | "uni" => "university",
        "hosp" => "hospital",
        "st" => "saint",
        "ft" => "foundation trust",
        _ => return None,
    })
}

/// Whether `short` is one word made of the initials of `long`'s words (small
/// words such as "for" and "and" may be left out): "dwp", "nhs", "hmrc".
fn is_initials_of(short: &[String], long: &[String]) -> bool {
    let [initials] = short else { return false };
    if long.len() < 2 || initials.chars().count() < 2 {
        return false;
    }
    let all: String = long.iter().filter_map(|word| word.chars().next()).collect();
    let significant: String = long
        .iter()
        .filter(|word| !matches!(word.as_str(), "for" | "and" | "of" | "in" | "on"))
        .filter_map(|word| word.chars().next())
        .collect();
    *initials == all || *initials == significant
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names in the style of a council register.
    const PARTIES: [&str; 8] = [
        "NHS",
        "Home Office",
        "Department for Work and Pensions",
        "Sefton MBC",
        "Capita Business Services Ltd",
        "Shelter Merseyside",
        "Citizens Advice",
        "Merseyside Police",
    ];

    fn best(typed: &str) -> Option<&'static str> {
        similar_names(typed, PARTIES, 0.5).first().map(|(index, _)| PARTIES[*index])
    }

    #[test]
    fn finds_the_party_already_recorded() {
        let check = |typed: &str, expected: Option<&str>| assert_eq!(best(typed), expected, "{typed:?}");
        check("NHS Trust", Some("NHS"));
        check("nhs", Some("NHS"));
        check("N.H.S.", Some("NHS"));
        check("home office.", Some("Home Office"));
        check("HOME OFFICE", Some("Home Office"));
        check("The Home Office", Some("Home Office"));
        check("home off", Some("Home Office"));
        check("DWP", Some("Department for Work and Pensions"));
        check("Dept for Work & Pensions", Some("Department for Work and Pensions"));
        check("Sefton Metropolitan Borough Council", Some("Sefton MBC"));
        check("Capita Business Services Limited", Some("Capita Business Services Ltd"));
        check("Capita", Some("Capita Business Services Ltd"));
        check("Citizens' Advice", Some("Citizens Advice"));
        check("Sefton", Some("Sefton MBC"));
        check("Anchor Hanover", None);
        check("", None);
        check("  ...  ", None);
    }

    #[test]
    fn an_exact_match_ranks_first_and_similarity_is_symmetric_enough() {
        assert!((name_similarity("Home Office", "home  office") - 1.0).abs() < f32::EPSILON);
        let ranked = similar_names("Merseyside", PARTIES, 0.5);
        let names: Vec<&str> = ranked.iter().map(|(index, _)| PARTIES[*index]).collect();
        assert_eq!(names, ["Merseyside Police", "Shelter Merseyside"], "a name that starts so first");
        assert!(name_similarity("NHS", "NHS Trust") >= 0.8);
        assert!(name_similarity("NHS Trust", "NHS") >= 0.8);
        assert!(name_similarity("Police", "Home Office") < 0.5);
    }
}
