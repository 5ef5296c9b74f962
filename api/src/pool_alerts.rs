//! What a talent-pool member asks to hear of: a mail when a posting opens
//! that matches their departments and places. Its own module, apart from
//! `privacy` (which decides when such a mail is due): the status carries
//! the choice, and `privacy` reads the status's types.

use serde::{Deserialize, Serialize};

use crate::rules::{FieldError, Invalid};

/// What a talent-pool member asked to hear of: a mail when a posting opens
/// in one of these departments and one of these places (cities), as the
/// company's postings name them (the careers list's facets). An empty list
/// is any department, or any place.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PoolAlerts {
    #[serde(default)]
    pub departments: Vec<String>,
    #[serde(default)]
    pub places: Vec<String>,
}

/// `PUT /api/v1/application/talent-pool/alerts`: the member's choice, or
/// `null` for no such mail.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PoolAlertsChoice {
    pub alerts: Option<PoolAlerts>,
}

/// How many departments, and how many places, one choice may name.
pub const POOL_ALERT_CHOICES_MAX: usize = 50;
/// How long one department's or place's name may be.
pub const POOL_ALERT_NAME_MAX: usize = 200;

impl PoolAlerts {
    /// At most [`POOL_ALERT_CHOICES_MAX`] names of each, none empty or
    /// longer than [`POOL_ALERT_NAME_MAX`] characters.
    pub fn validate(&self) -> Result<(), FieldError> {
        for (field, names) in [("departments", &self.departments), ("places", &self.places)] {
            if names.len() > POOL_ALERT_CHOICES_MAX {
                let max = POOL_ALERT_CHOICES_MAX as i64;
                return Err(FieldError::new(field, Invalid::OutOfRange { min: 0, max }));
            }
            for (i, name) in names.iter().enumerate() {
                if name.trim().is_empty() {
                    return Err(FieldError::new(format!("{field}[{i}]"), Invalid::Required));
                }
                if name.chars().count() > POOL_ALERT_NAME_MAX {
                    return Err(FieldError::new(
                        format!("{field}[{i}]"),
                        Invalid::TooLong { max: POOL_ALERT_NAME_MAX },
                    ));
                }
            }
        }
        Ok(())
    }

    /// Whether a posting in `department` at `city` is what was asked for:
    /// each name compared whole, spacing at the ends and case aside.
    pub fn matches(&self, department: &str, city: &str) -> bool {
        let same = |a: &str, b: &str| a.trim().to_lowercase() == b.trim().to_lowercase();
        let department_ok = self.departments.is_empty() || self.departments.iter().any(|d| same(d, department));
        let place_ok = self.places.is_empty() || self.places.iter().any(|p| same(p, city));
        department_ok && place_ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alert_matches_its_departments_and_places_whole_case_aside() {
        let alerts = PoolAlerts { departments: vec!["Clinic".into()], places: vec!["Tampere".into(), "Oulu".into()] };
        assert!(alerts.matches("clinic", " Tampere "));
        assert!(alerts.matches("Clinic", "Oulu"));
        assert!(!alerts.matches("Clinic", "Helsinki"), "another place");
        assert!(!alerts.matches("Office", "Tampere"), "another department");
        assert!(!alerts.matches("Clinical research", "Tampere"), "a name is compared whole");
        let anywhere = PoolAlerts { departments: vec!["Clinic".into()], places: vec![] };
        assert!(anywhere.matches("Clinic", "Helsinki"), "no place named: any place");
        assert!(PoolAlerts::default().matches("Office", "Oulu"), "nothing named: every opening");
    }

    #[test]
    fn an_alert_choice_names_a_bounded_number_of_real_names() {
        assert!(PoolAlerts { departments: vec!["Clinic".into()], places: vec!["Oulu".into()] }.validate().is_ok());
        let blank = PoolAlerts { departments: vec![" ".into()], places: vec![] };
        assert_eq!(blank.validate().unwrap_err().field, "departments[0]");
        let many = PoolAlerts { departments: vec![], places: vec!["Oulu".into(); POOL_ALERT_CHOICES_MAX + 1] };
        assert_eq!(many.validate().unwrap_err().field, "places");
        let long = PoolAlerts { departments: vec!["x".repeat(POOL_ALERT_NAME_MAX + 1)], places: vec![] };
        assert_eq!(long.validate().unwrap_err().invalid, Invalid::TooLong { max: POOL_ALERT_NAME_MAX });
    }
}
