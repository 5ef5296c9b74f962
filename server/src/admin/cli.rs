//! `candor admin …`: what an operator does from the command line. Every
//! value goes through the same rules as the API's (`CompanySettings`,
//! `Invite`, `NewApiToken` in `candor_api`), said with the flag's name.

use candor_api::company::CompanySettings;
use candor_api::console::{Invite, check_password};
use candor_api::recruiting::{NewApiToken, Role};
use candor_api::{Branding, CompanyPublic, CompanySlug, FieldError, HexColor, Locale};

use crate::auth::passwords::hash_password;
use crate::auth::tokens::issue_api_token;
use crate::clock::{Clock, SystemClock};
use crate::config::{AdminCommand, CompanyCommand, DatabaseArgs, RetentionCommand, TokenCommand, UserCommand};
use crate::store::{self, Actor, Caching, Company, NewCompany, NewUser, Store};

/// A new company's accent colour until an admin sets its own.
const DEFAULT_ACCENT: &str = "#0f766e";
/// A new company's silence-alarm period, as in the console's settings.
const DEFAULT_SILENCE_ALARM_DAYS: u32 = 7;

pub async fn run(database: &DatabaseArgs, command: AdminCommand) -> anyhow::Result<()> {
    if let AdminCommand::Backup { to } = &command {
        return backup(&database.url(), to).await;
    }
    let store = store::open(&database.url(), Caching::Off).await?;
    let clock = SystemClock;
    match command {
        AdminCommand::Token { command: TokenCommand::Create { company, role, name } } => {
            let company = company_named(&*store, &company).await?;
            let role = Role::parse(&role).map_err(|e| anyhow::anyhow!("--role {e}"))?;
            let request = NewApiToken { name, role }.validate().map_err(flag_error)?;
            let by = Actor::command_line();
            let (token, _) =
                issue_api_token(&*store, company.id, role, &request.name, None, clock.now(), Some(&by)).await?;
            println!("{}", token.reveal());
            eprintln!(
                "A {} token for {} ({}). It is shown this once; keep it secret.",
                role.as_str(),
                company.public.name,
                request.name
            );
        }
        AdminCommand::Company { command: CompanyCommand::Create { slug, name, origins, retention_days } } => {
            let slug = CompanySlug::parse(&slug).map_err(|e| anyhow::anyhow!("--slug: {e}"))?;
            let settings = CompanySettings {
                name,
                branding: Branding {
                    accent_color: HexColor::parse(DEFAULT_ACCENT)?,
                    font_family: None,
                    logo_url: None,
                },
                default_locale: Locale::En,
                retention_days,
                silence_alarm_days: DEFAULT_SILENCE_ALARM_DAYS,
                origins,
                late_promise_mail: true,
                reports: Default::default(),
            };
            let (settings, origins) = settings.validate().map_err(flag_error)?;
            let public = CompanyPublic {
                slug: slug.clone(),
                name: settings.name,
                branding: settings.branding,
                default_locale: settings.default_locale,
                retention_days: settings.retention_days,
            };
            let silence_alarm_days = settings.silence_alarm_days;
            let new = NewCompany { public, silence_alarm_days, origins, created_at: clock.now() };
            store.create_company(&new).await.map_err(|e| anyhow::anyhow!("{slug}: {e}"))?;
            eprintln!(
                "Created {slug}. Next: candor admin user create --company {slug} --email … --name … (password on standard input)."
            );
        }
        AdminCommand::User { command: UserCommand::Create { company, email, name, role } } => {
            let company = company_named(&*store, &company).await?;
            let role = Role::parse(&role).map_err(|e| anyhow::anyhow!("--role {e}"))?;
            let invite = Invite { email, name, role }.validate().map_err(flag_error)?;
            // From standard input, so it never shows in the shell's history or the process list.
            let mut password = String::new();
            std::io::stdin().read_line(&mut password)?;
            let password = password.trim_end_matches(['\n', '\r']).to_owned();
            check_password(&password).map_err(|e| anyhow::anyhow!("the password {e}"))?;
            let password_hash = Some(hash_password(password).await?);
            let new = NewUser {
                company: company.id,
                email: invite.email.clone(),
                name: invite.name,
                role,
                password_hash,
                created_at: clock.now(),
            };
            let by = Actor::command_line();
            store.create_user(&new, Some(&by)).await.map_err(|e| anyhow::anyhow!("{}: {e}", invite.email))?;
            eprintln!("{} can sign in at /console/ as {} of {}.", invite.email, role.as_str(), company.public.name);
        }
        AdminCommand::Retention { command: RetentionCommand::Run } => {
            let erased = crate::applications::retention::run(&*store, &clock).await?;
            let forgotten = crate::qa::retention::run(&*store, &clock).await?;
            println!("{}", erased.len());
            eprintln!(
                "Anonymised {} ended application(s) past their company's retention period; the bare history stays.",
                erased.len()
            );
            eprintln!(
                "Forgot {} asker address(es) of questions settled before their company's retention period.",
                forgotten.len()
            );
        }
        AdminCommand::Backup { .. } => unreachable!("taken above, before the store is opened"),
    }
    // A company made here, say, is told to the running instances' caches.
    store.published().await;
    Ok(())
}

/// An online copy of a SQLite database; refused, saying what to use, for PostgreSQL.
async fn backup(url: &str, to: &std::path::Path) -> anyhow::Result<()> {
    let Some(path) = url.strip_prefix("sqlite://") else {
        anyhow::bail!(
            "candor admin backup copies a SQLite database; back PostgreSQL up with pg_dump (or your provider's backups): see docs/deploy.md"
        );
    };
    let (from, to_shown) = (std::path::PathBuf::from(path), to.display().to_string());
    anyhow::ensure!(from.exists(), "no database at {path}");
    let to = to.to_owned();
    let bytes = tokio::task::spawn_blocking(move || store::backup_sqlite(&from, &to)).await??;
    println!("{to_shown}");
    eprintln!("Backed up {path} to {to_shown} ({bytes} bytes). Restore: stop Candor, copy it back, start Candor.");
    Ok(())
}

async fn company_named(store: &dyn Store, slug: &str) -> anyhow::Result<Company> {
    let slug = CompanySlug::parse(slug).map_err(|e| anyhow::anyhow!("--company: {e}"))?;
    store.company_by_slug(&slug).await?.ok_or_else(|| anyhow::anyhow!("no company {slug:?}"))
}

/// A rule's failure said with the flag the value came from.
fn flag_error(e: FieldError) -> anyhow::Error {
    let flag = match e.field.split('[').next().unwrap_or_default() {
        "origins" => "origin".to_owned(),
        field => field.replace('_', "-"),
    };
    anyhow::anyhow!("--{flag}: {}", e.invalid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use candor_api::Invalid;

    #[test]
    fn rule_failures_name_the_flag() {
        let e = flag_error(FieldError::new("retention_days", Invalid::OutOfRange { min: 30, max: 1095 }));
        assert!(e.to_string().starts_with("--retention-days: "), "{e}");
        let e = flag_error(FieldError::new("origins[1]", Invalid::NotAUrl));
        assert!(e.to_string().starts_with("--origin: "), "{e}");
    }
}
