//! The one rule for review dates: an activity created or reviewed on a day is
//! next due the register's review interval later, counted in calendar months.

use super::{Date, Organisation};

/// `date` plus `months` calendar months, on the same day of the month or the
/// month's last day when it is shorter (31 January + 1 month = 28 or 29 February).
pub fn add_months(date: Date, months: u32) -> Date {
    let total = i64::from(date.year()) * 12 + i64::from(u8::from(date.month())) - 1 + i64::from(months);
    let Ok(year) = i32::try_from(total.div_euclid(12)) else { return Date::MAX };
    let Ok(month) = time::Month::try_from(u8::try_from(total.rem_euclid(12) + 1).unwrap_or(12)) else {
        return Date::MAX;
    };
    let day = date.day().min(month.length(year));
    Date::from_calendar_date(year, month, day).unwrap_or(Date::MAX)
}

impl Organisation {
    /// When an activity created or reviewed on `day` is next due for review: the
    /// register's review interval later, by calendar months.
    pub fn next_review_after(&self, day: Date) -> Date {
        add_months(day, self.review_interval_months)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn months_are_added_on_the_calendar() {
        let check = |from: Date, months: u32, expected: Date| assert_eq!(add_months(from, months), expected);
        check(date!(2025 - 03 - 31), 12, date!(2026 - 03 - 31));
        check(date!(2024 - 01 - 31), 1, date!(2024 - 02 - 29));
        check(date!(2025 - 11 - 15), 3, date!(2026 - 02 - 15));
        check(date!(2025 - 11 - 15), 0, date!(2025 - 11 - 15));
    }

    #[test]
    fn the_next_review_is_the_interval_later_in_calendar_months_not_days() {
        let organisation = Organisation { review_interval_months: 12, ..Organisation::default() };
        // 365 days after 1 March 2023 is 29 February 2024; a year is 1 March.
        assert_eq!(organisation.next_review_after(date!(2023 - 03 - 01)), date!(2024 - 03 - 01));
        // 30 days (365 / 12) after 31 January is 2 March; a month is 28 February.
        let monthly = Organisation { review_interval_months: 1, ..Organisation::default() };
        assert_eq!(monthly.next_review_after(date!(2026 - 01 - 31)), date!(2026 - 02 - 28));
    }
}
