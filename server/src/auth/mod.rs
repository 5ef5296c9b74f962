//! Who is calling: the secrets Candor hands out (status, question, API,
//! session and set-password tokens), console passwords and sessions, the
//! recruiter extractor that turns an API token or a session into a company
//! and a role, and the per-address rate limits on the doors anyone can knock on.

pub mod password_links;
pub mod passwords;
pub mod rate_limit;
pub mod recruiter;
pub mod sessions;
pub mod tokens;
