//! "Lost your link?": a candidate who lost their status link (another
//! device, a cleared browser) asks for it again by address, and gets one
//! mail listing every application and question of that address with the
//! company. The answer is the same whether the address is known or not.

use serde::{Deserialize, Serialize};

use crate::Locale;
use crate::profile::parse_email;
use crate::rules::FieldError;

/// `POST /api/v1/companies/{company}/lost-link`: in the body, never in the
/// URL, so the address reaches no log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LostLink {
    pub email: String,
    /// The page's language: the mail is written in it.
    pub locale: Locale,
}

impl LostLink {
    /// The address by the profile's rule, lowercased, as applications and
    /// questions keep it.
    pub fn validate(&self) -> Result<LostLink, FieldError> {
        Ok(LostLink { email: parse_email("email", &self.email)?.to_lowercase(), locale: self.locale })
    }
}

/// The answer, always the same (202): it says nothing of whether the
/// address is known, only that a mail goes if it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LostLinkAccepted {
    /// Always `true`; the mail goes only to an address that applied or asked.
    pub accepted: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Invalid;

    #[test]
    fn the_address_is_checked_like_a_profiles_and_lowercased() {
        let ask = |email: &str| LostLink { email: email.into(), locale: Locale::Fi }.validate();
        assert_eq!(ask(" Aino.V@Example.FI ").unwrap().email, "aino.v@example.fi");
        let e = ask("").unwrap_err();
        assert_eq!((e.field.as_ref(), e.invalid), ("email", Invalid::Required));
        assert_eq!(ask("aino@example").unwrap_err().invalid, Invalid::NotAnEmail);
        assert_eq!(ask("aino @example.fi").unwrap_err().invalid, Invalid::NotAnEmail);
    }
}
