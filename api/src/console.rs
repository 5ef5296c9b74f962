//! The recruiters' console: signing in and who is signed in.

use serde::{Deserialize, Serialize};

use crate::recruiting::Role;
use crate::rules::{FieldError, Invalid};
use crate::slug::CompanySlug;

pub const PASSWORD_MIN: usize = 12;
pub const PASSWORD_MAX: usize = 200;

/// `POST /console/api/login`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Login {
    pub email: String,
    pub password: String,
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
pub struct ConsoleUser {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub company: CompanySlug,
    pub company_name: String,
}

/// Who is signed in, and the token every state-changing request must carry
/// in `X-CSRF-Token`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub user: ConsoleUser,
    pub csrf_token: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_long_rather_than_clever() {
        assert_eq!(check_password("short").unwrap_err().invalid, Invalid::TooShort { min: 12 });
        assert!(check_password("correct horse battery").is_ok());
        assert!(check_password("ääääääääääää").is_ok(), "counted in characters");
        assert_eq!(check_password(&"x".repeat(201)).unwrap_err().invalid, Invalid::TooLong { max: 200 });
    }
}
