//! `candor admin …`: what an operator does from the command line.

use candor_api::CompanySlug;
use candor_api::recruiting::Role;

use candor_api::{Branding, CompanyPublic, HexColor, Locale, Origin};

use crate::config::{AdminCommand, CompanyCommand, DatabaseArgs, TokenCommand, UserCommand};
use crate::store::{self, CompanyId, NewCompany, NewUser, Store, UserId};
use crate::tokens::ApiToken;

pub async fn run(database: &DatabaseArgs, command: AdminCommand) -> anyhow::Result<()> {
    let store = store::open(&database.url()).await?;
    match command {
        AdminCommand::Token { command: TokenCommand::Create { company, role, name } } => {
            let slug = CompanySlug::parse(&company).map_err(|e| anyhow::anyhow!("--company: {e}"))?;
            let role = Role::parse(&role).map_err(|e| anyhow::anyhow!("--role {e}"))?;
            let company = store.company_by_slug(&slug).await?.ok_or_else(|| anyhow::anyhow!("no company {slug:?}"))?;
            let token = create_token(&*store, company.id, role, &name, None).await?;
            println!("{}", token.reveal());
            eprintln!(
                "A {} token for {} ({name}). It is shown this once; keep it secret.",
                role.as_str(),
                company.public.name
            );
        }
        AdminCommand::Company { command: CompanyCommand::Create { slug, name, origins, retention_days } } => {
            let slug = CompanySlug::parse(&slug).map_err(|e| anyhow::anyhow!("--slug: {e}"))?;
            let name =
                candor_api::rules::single_line("name", &name, 1, 100).map_err(|e| anyhow::anyhow!("--name: {e}"))?;
            let origins = origins
                .iter()
                .map(|o| Origin::parse(o).map_err(|e| anyhow::anyhow!("--origin {o}: {e}")))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let public = CompanyPublic {
                slug: slug.clone(),
                name,
                branding: Branding { accent_color: HexColor::parse("#0f766e")?, font_family: None, logo_url: None },
                default_locale: Locale::En,
                retention_days,
            };
            let id = store
                .create_company(&NewCompany { public, silence_alarm_days: 7 })
                .await
                .map_err(|e| anyhow::anyhow!("{slug}: {e}"))?;
            for origin in &origins {
                store.allow_origin(id, origin).await?;
            }
            eprintln!(
                "Created {slug}. Next: candor admin user create --company {slug} --email … --name … (password on standard input)."
            );
        }
        AdminCommand::User { command: UserCommand::Create { company, email, name, role } } => {
            let slug = CompanySlug::parse(&company).map_err(|e| anyhow::anyhow!("--company: {e}"))?;
            let role = Role::parse(&role).map_err(|e| anyhow::anyhow!("--role {e}"))?;
            let company = store.company_by_slug(&slug).await?.ok_or_else(|| anyhow::anyhow!("no company {slug:?}"))?;
            let email =
                candor_api::profile::parse_email("email", &email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
            let name =
                candor_api::rules::single_line("name", &name, 1, 100).map_err(|e| anyhow::anyhow!("--name: {e}"))?;
            // From standard input, so it never shows in the shell's history or the process list.
            let mut password = String::new();
            std::io::stdin().read_line(&mut password)?;
            let password = password.trim_end_matches(['\n', '\r']).to_owned();
            candor_api::console::check_password(&password).map_err(|e| anyhow::anyhow!("the password {e}"))?;
            let password_hash = Some(crate::console::hash_password(password).await?);
            store
                .create_user(&NewUser {
                    company: company.id,
                    email: email.clone(),
                    name,
                    role,
                    password_hash,
                    created_at: time::OffsetDateTime::now_utc(),
                })
                .await
                .map_err(|e| anyhow::anyhow!("{email}: {e}"))?;
            eprintln!("{email} can sign in at /console/ as {} of {}.", role.as_str(), company.public.name);
        }
    }
    Ok(())
}

/// Creates a random token; only its hash is stored. `created_by` is the
/// console user making it, if any (see `Store::create_api_token`).
pub async fn create_token(
    store: &dyn Store,
    company: CompanyId,
    role: Role,
    name: &str,
    created_by: Option<UserId>,
) -> anyhow::Result<ApiToken> {
    let token = ApiToken::random();
    store.create_api_token(company, role, name, &token.selector(), &token.verifier_hash(), created_by).await?;
    Ok(token)
}
