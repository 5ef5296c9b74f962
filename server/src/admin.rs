//! `candor admin …`: what an operator does from the command line.

use candor_api::CompanySlug;
use candor_api::recruiting::Role;

use crate::config::{AdminCommand, DatabaseArgs, TokenCommand};
use crate::store::{self, CompanyId, Store};
use crate::tokens::ApiToken;

pub async fn run(database: &DatabaseArgs, command: AdminCommand) -> anyhow::Result<()> {
    let store = store::open(&database.url()).await?;
    match command {
        AdminCommand::Token { command: TokenCommand::Create { company, role, name } } => {
            let slug = CompanySlug::parse(&company).map_err(|e| anyhow::anyhow!("--company: {e}"))?;
            let role = Role::parse(&role).map_err(|e| anyhow::anyhow!("--role {e}"))?;
            let company = store.company_by_slug(&slug).await?.ok_or_else(|| anyhow::anyhow!("no company {slug:?}"))?;
            let token = create_token(&*store, company.id, role, &name).await?;
            println!("{}", token.reveal());
            eprintln!("A {} token for {} ({name}). It is shown this once; keep it secret.", role.as_str(), company.public.name);
        }
    }
    Ok(())
}

/// Creates a random token; only its hash is stored.
pub async fn create_token(store: &dyn Store, company: CompanyId, role: Role, name: &str) -> anyhow::Result<ApiToken> {
    let token = ApiToken::random();
    store.create_api_token(company, role, name, &token.selector(), &token.verifier_hash()).await?;
    Ok(token)
}
