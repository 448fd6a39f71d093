//! Dates as a UK officer reads and types them: "1 April 2025" or "01/04/2025"
//! (day first), and ISO "2025-04-01" as well. Files always hold ISO
//! ([`super::format_date`]); these forms are for people.

use time::Month;

use super::Date;

/// How dates are shown to people (a setting of the app).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DateStyle {
    /// "1 April 2025".
    #[default]
    Long,
    /// "01/04/2025" (day, month, year).
    Numeric,
}

impl DateStyle {
    /// Both styles, in the order offered.
    pub const ALL: [Self; 2] = [Self::Long, Self::Numeric];

    /// A label for people, showing the style on an example date.
    pub fn label(self) -> &'static str {
        match self {
            Self::Long => "1 April 2025",
            Self::Numeric => "01/04/2025",
        }
    }
}

/// Why a typed date was refused; the message quotes what was typed and says how
/// to write it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The day does not exist in that month ("31/02/2025").
    #[error("\"{text}\" is not a date: {month} {year} has {days} days")]
    NoSuchDay {
        /// What was typed.
        text: String,
        /// The month's name.
        month: Month,
        /// The year.
        year: i32,
        /// How many days the month has.
        days: u8,
    },
    /// The year was written with two digits, which could mean two centuries.
    #[error("\"{text}\": write the year in full, e.g. 01/04/2025")]
    ShortYear {
        /// What was typed.
        text: String,
    },
    /// The text is not in a form the app reads.
    #[error("\"{text}\" is not a date; write it as 1 April 2025, 01/04/2025 or 2025-04-01")]
    Unreadable {
        /// What was typed.
        text: String,
    },
}

/// `date` in `style`: "1 April 2025" or "01/04/2025".
pub fn format_uk_date(date: Date, style: DateStyle) -> String {
    match style {
        DateStyle::Long => format!("{} {} {}", date.day(), date.month(), date.year()),
        DateStyle::Numeric => format!("{:02}/{:02}/{:04}", date.day(), u8::from(date.month()), date.year()),
    }
}

/// Reads a date typed as "1 April 2025" (or "1 Apr 2025"), "01/04/2025" (or
/// "1/4/2025", "01.04.2025", "01-04-2025": day first, as in the UK) or ISO
/// "2025-04-01". Surrounding spaces are ignored.
pub fn parse_uk_date(text: &str) -> Result<Date, DateError> {
    let trimmed = text.trim();
    let unreadable = || DateError::Unreadable { text: trimmed.to_owned() };
    let (day, month, year) = if let Some(parts) = iso_parts(trimmed) {
        parts
    } else if let Some(parts) = numeric_parts(trimmed) {
        parts
    } else if let Some(parts) = long_parts(trimmed) {
        parts
    } else {
        return Err(unreadable());
    };
    let (Ok(day), Ok(year)) = (day.parse::<u8>(), year.parse::<i32>()) else {
        return Err(unreadable());
    };
    if !(1..=9999).contains(&year) {
        return Err(unreadable());
    }
    if year < 100 {
        return Err(DateError::ShortYear { text: trimmed.to_owned() });
    }
    Date::from_calendar_date(year, month, day).map_err(|_| {
        let days = month.length(year);
        if day == 0 {
            unreadable()
        } else {
            DateError::NoSuchDay { text: trimmed.to_owned(), month, year, days }
        }
    })
}

/// Day, month and year of "2025-04-01" (four-digit year first).
fn iso_parts(text: &str) -> Option<(&str, Month, &str)> {
    let mut parts = text.split('-');
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 || !all_digits(year) || !short_number(day) {
        return None;
    }
    Some((day, month_number(month)?, year))
}

/// Day, month and year of "01/04/2025", "1.4.2025" or "01-04-2025" (day first).
fn numeric_parts(text: &str) -> Option<(&str, Month, &str)> {
    let separator = ['/', '.', '-'].into_iter().find(|s| text.contains(*s))?;
    let mut parts = text.split(separator);
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || !short_number(day) || year.is_empty() || !all_digits(year) {
        return None;
    }
    Some((day, month_number(month)?, year))
}

/// Day, month and year of "1 April 2025", "1 Apr 2025" or "1st April 2025".
fn long_parts(text: &str) -> Option<(&str, Month, &str)> {
    let mut words = text.split(|c: char| c.is_whitespace() || c == ',').filter(|word| !word.is_empty());
    let (day, month, year) = (words.next()?, words.next()?, words.next()?);
    if words.next().is_some() || !all_digits(year) {
        return None;
    }
    let day = ["st", "nd", "rd", "th"].iter().find_map(|suffix| day.strip_suffix(suffix)).unwrap_or(day);
    if !short_number(day) {
        return None;
    }
    Some((day, month_name(month)?, year))
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit())
}

/// One or two digits.
fn short_number(text: &str) -> bool {
    all_digits(text) && text.len() <= 2
}

fn month_number(text: &str) -> Option<Month> {
    if !short_number(text) {
        return None;
    }
    Month::try_from(text.parse::<u8>().ok()?).ok()
}

/// The month named in full or by its first three letters ("Sept" too), any case.
fn month_name(text: &str) -> Option<Month> {
    let lower = text.to_lowercase();
    let lower = lower.trim_end_matches('.');
    (1..=12u8).filter_map(|number| Month::try_from(number).ok()).find(|month| {
        let name = month.to_string().to_lowercase();
        lower == name || (lower.len() >= 3 && name.starts_with(lower))
    })
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn check(text: &str, expected: Result<Date, &str>) {
        let parsed = parse_uk_date(text).map_err(|error| error.to_string());
        assert_eq!(parsed, expected.map_err(str::to_owned), "{text:?}");
    }

    #[test]
    fn reads_the_forms_a_uk_officer_types() {
        let first_of_april = Ok(date!(2025 - 04 - 01));
        for text in [
            "2025-04-01",
            " 2025-04-01 ",
            "01/04/2025",
            "1/4/2025",
            "01.04.2025",
            "01-04-2025",
            "1 April 2025",
            "1 april 2025",
            "1 APRIL 2025",
            "1 Apr 2025",
            "1 Apr. 2025",
            "1st April 2025",
            "01 April, 2025",
        ] {
            check(text, first_of_april);
        }
        check("12/11/2026", Ok(date!(2026 - 11 - 12)));
        check("30 Sept 2026", Ok(date!(2026 - 09 - 30)));
        check("29/02/2024", Ok(date!(2024 - 02 - 29)));
    }

    #[test]
    fn refuses_days_that_do_not_exist_and_says_why() {
        check("31/02/2025", Err("\"31/02/2025\" is not a date: February 2025 has 28 days"));
        check("29 February 2025", Err("\"29 February 2025\" is not a date: February 2025 has 28 days"));
        check("2025-04-31", Err("\"2025-04-31\" is not a date: April 2025 has 30 days"));
        check("31 June 2026", Err("\"31 June 2026\" is not a date: June 2026 has 30 days"));
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        let unreadable = |text: &str| {
            format!("\"{}\" is not a date; write it as 1 April 2025, 01/04/2025 or 2025-04-01", text.trim())
        };
        for text in [
            "",
            "soon",
            "13/13/2025",
            "00/04/2025",
            "04/2025",
            "1 Smarch 2025",
            "1 A 2025",
            "2025/04/01",
            "01/04/2025/1",
            "1 April",
            "2025-4-1x",
            "１/４/２０２５",
            "0/0/0",
        ] {
            check(text, Err(&unreadable(text)));
        }
        check("01/04/25", Err("\"01/04/25\": write the year in full, e.g. 01/04/2025"));
    }

    #[test]
    fn shows_dates_in_either_style_and_reads_them_back() {
        let day = date!(2025 - 04 - 01);
        assert_eq!(format_uk_date(day, DateStyle::Long), "1 April 2025");
        assert_eq!(format_uk_date(day, DateStyle::Numeric), "01/04/2025");
        for day in [date!(2024 - 02 - 29), date!(2026 - 12 - 31), date!(0999 - 01 - 09)] {
            for style in DateStyle::ALL {
                assert_eq!(parse_uk_date(&format_uk_date(day, style)), Ok(day), "{day} {style:?}");
            }
        }
    }
}
