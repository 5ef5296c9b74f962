//! The recruiters' console: signing in and who is signed in.

use serde::{Deserialize, Serialize};

use crate::locale::Locale;
use crate::recruiting::Role;
use crate::rules::{FieldError, Invalid, single_line};
use crate::slug::CompanySlug;

pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 200;

/// `POST /console/api/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Login {
    pub email: String,
    pub password: String,
    /// Which company to sign in to, when the address and password open
    /// accounts in several (as [`LoginAnswer::ChooseCompany`] lists them);
    /// left out otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<CompanySlug>,
}

/// What signing in answers (200): the session, or, when the address and
/// password open accounts in several companies, which ones, with no session
/// yet: the person chooses and signs in again naming it. A company whose
/// account has another password is never listed, and a wrong password is
/// the same 401 `invalid_credentials` however many companies use the address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(untagged)]
pub enum LoginAnswer {
    SignedIn(Session),
    ChooseCompany { choose_company: Vec<CompanyChoice> },
}

/// One of the companies a person may sign in to, by its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CompanyChoice {
    pub slug: CompanySlug,
    pub name: String,
}

/// A new password: long rather than clever (NIST SP 800-63B): 12 to 200
/// characters, anything allowed.
pub fn check_password(password: &str) -> Result<(), FieldError> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        Err(FieldError::new("password", Invalid::TooShort { min: PASSWORD_MIN }))
    } else if n > PASSWORD_MAX {
        Err(FieldError::new("password", Invalid::TooLong { max: PASSWORD_MAX }))
    } else {
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsoleUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub company: CompanySlug,
    pub company_name: String,
    /// The console's language this person chose; `None` follows `company_locale`.
    #[serde(default)]
    pub locale: Option<Locale>,
    /// The company's default language.
    #[serde(default)]
    pub company_locale: Locale,
}

impl ConsoleUser {
    /// The language the console speaks to this person.
    pub fn console_locale(&self) -> Locale {
        self.locale.unwrap_or(self.company_locale)
    }
}

/// `PUT /console/api/session/locale`: the signed-in person's console
/// language from now on; `null` follows the company's default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChooseLocale {
    pub locale: Option<Locale>,
}

/// Who is signed in, and the token every state-changing request must carry
/// in `X-CSRF-Token`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Session {
    pub user: ConsoleUser,
    pub csrf_token: String,
}

/// How long a set-password link works: long enough for a weekend, short
/// enough that a forgotten one soon stops mattering.
pub const PASSWORD_LINK_HOURS: i64 = 72;

/// `POST /api/v1/recruiter/people` (admins): someone to let into the console.
/// They get no password from the admin: a one-time link lets them set their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invite {
    pub email: String,
    pub name: String,
    pub role: Role,
}

impl Invite {
    pub fn validate(&self) -> Result<Invite, FieldError> {
        // In the form's order (name, then e-mail), so the first field at fault is named.
        let name = single_line("name", &self.name, 1, 80)?;
        let email = crate::profile::parse_email("email", &self.email)?.to_lowercase();
        Ok(Invite { email, name, role: self.role })
    }
}

/// One of the company's console users, as admins see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Person {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    /// False until they have used their set-password link.
    pub password_set: bool,
    /// The asking admin themself: they cannot demote or remove themself, so
    /// a company is never left without an admin.
    pub is_you: bool,
}

/// The answer to an invitation or a new link: the link, this once. It is a
/// path on Candor's own address; its secret sits after `#`, which browsers
/// never send to a server, so it stays out of access logs and `Referer`s.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordLink {
    pub person: Person,
    pub path: String,
    pub expires_at: String,
    /// Whether the link is on its way to the person by mail too (written to
    /// the outbox); `false` when their address can't receive one.
    #[serde(default)]
    pub mailed: bool,
}

/// `PUT /api/v1/recruiter/people/{id}/role`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ChangeRole {
    pub role: Role,
}

/// `POST /console/api/password`: a set-password link used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SetPassword {
    pub token: String,
    pub password: String,
}

/// `POST /console/api/password/owner`: the link whose owner to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkOwner {
    pub token: String,
}

/// The answer to `POST /console/api/password/owner`: whose link it is, so the form can
/// greet them and password managers can file the password under the right name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordLinkFor {
    pub email: String,
    pub name: String,
    pub company_name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invitations_need_an_address_and_a_name() {
        let ok = Invite { email: " Ada@Northwind.Example ".into(), name: " Ada ".into(), role: Role::Recruiter }
            .validate()
            .unwrap();
        assert_eq!((ok.email.as_str(), ok.name.as_str()), ("ada@northwind.example", "Ada"));
        let bad = Invite { email: "ada".into(), name: "Ada".into(), role: Role::Viewer }.validate().unwrap_err();
        assert_eq!(bad.field, "email");
        let bad = Invite { email: "ada@x.example".into(), name: "".into(), role: Role::Viewer }.validate().unwrap_err();
        assert_eq!(bad.field, "name");
        // Both wrong: the form's first field (the name) is the one named.
        let bad = Invite { email: "ada".into(), name: " ".into(), role: Role::Viewer }.validate().unwrap_err();
        assert_eq!(bad.field, "name");
    }

    #[test]
    fn a_sign_in_answers_the_session_or_the_companies_to_choose_from() {
        let session = r#"{"user":{"email":"a@x.example","name":"A","role":"admin","company":"northwind",
            "company_name":"Northwind","locale":null,"company_locale":"en"},"csrf_token":"c"}"#;
        assert!(matches!(serde_json::from_str(session).unwrap(), LoginAnswer::SignedIn(s) if s.csrf_token == "c"));
        let choose = r#"{"choose_company":[{"slug":"northwind","name":"Northwind"}]}"#;
        let LoginAnswer::ChooseCompany { choose_company } = serde_json::from_str(choose).unwrap() else {
            panic!("a choice is not a session")
        };
        assert_eq!(choose_company[0].slug.as_str(), "northwind");
        let login = Login { email: "a@x.example".into(), password: "p".into(), company: None };
        assert_eq!(serde_json::to_string(&login).unwrap(), r#"{"email":"a@x.example","password":"p"}"#);
        let old: Login = serde_json::from_str(r#"{"email":"a@x.example","password":"p"}"#).unwrap();
        assert_eq!(old, login, "a sign-in without a company is as before");
    }

    #[test]
    fn passwords_are_long_rather_than_clever() {
        assert_eq!(check_password("short").unwrap_err().invalid, Invalid::TooShort { min: 12 });
        assert!(check_password("correct horse battery").is_ok());
        assert!(check_password("ääääääääääää").is_ok(), "counted in characters");
        assert_eq!(check_password(&"x".repeat(201)).unwrap_err().invalid, Invalid::TooLong { max: 200 });
    }
}
