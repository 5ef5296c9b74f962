//! The console's sign-in: e-mail and password (argon2id), and the company
//! when the address has an account with several (each company's account is
//! its own, with its own password and role), a session in an
//! HttpOnly, SameSite=Strict cookie (Secure except on loopback http), and a
//! CSRF token that every state-changing request must echo in a header.
//! A signed-in person then uses the recruiter API with their own role.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Extension, Router};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use candor_api::console::{ChooseLocale, CompanyChoice, ConsoleUser, Login, LoginAnswer, Session};
use subtle::ConstantTimeEq;

use super::passwords::verify_password;
use super::rate_limit::{FailureLimit, RateLimit};
use super::tokens::SessionToken;
use crate::http::error::AppError;
use crate::http::extract::Json;
use crate::http::state::AppState;
use crate::store::{NewSession, UserRecord};

pub const COOKIE: &str = "candor_session";
pub const CSRF_HEADER: &str = "x-csrf-token";
/// A working day and a bit: a console left open overnight asks again.
const SESSION_HOURS: i64 = 12;

pub fn routes(limit: RateLimit) -> Router<AppState> {
    // Guessing passwords is slowed per client address, by the applications'
    // limits, counting only the wrong guesses.
    let failures = FailureLimit::new(limit);
    Router::new()
        .route("/console/api/login", post(login))
        .layer(Extension(failures))
        .route("/console/api/session", get(session))
        .route("/console/api/logout", post(logout))
        .route("/console/api/session/locale", put(choose_locale))
}

/// Secure cookies need https; a console opened on this machine over plain
/// http (the demo, development) would otherwise never keep its session.
fn on_loopback_http(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    let name = host.rsplit_once(':').map_or(host, |(name, _)| name);
    let forwarded_https = headers.get("x-forwarded-proto").is_some_and(|p| p == "https");
    !forwarded_https && matches!(name, "127.0.0.1" | "localhost" | "[::1]")
}

async fn user_view(app: &AppState, user: &UserRecord) -> Result<ConsoleUser, AppError> {
    let company = app.company_of(user.company).await?;
    Ok(ConsoleUser {
        email: user.email.clone(),
        name: user.name.clone(),
        role: user.role,
        company: company.public.slug,
        company_name: company.public.name,
        locale: user.locale,
        company_locale: company.public.default_locale,
    })
}

#[utoipa::path(post, path = "/console/api/login", tag = "console", request_body = candor_api::console::Login, responses((status = 200, description = "Signed in (the cookie is set), or the companies to choose from", body = candor_api::console::LoginAnswer), (status = 401, description = "Wrong address or password", body = candor_api::ApiError), (status = 429, description = "Too many requests", body = candor_api::ApiError)))]
async fn login(
    State(app): State<AppState>,
    Extension(failures): Extension<FailureLimit>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    jar: CookieJar,
    Json(request): Json<Login>,
) -> Result<Response, AppError> {
    failures.check(client.ip())?;
    let mut accounts = app.store.users_by_email(request.email.trim()).await?;
    if let Some(slug) = &request.company {
        // An unknown company is no account, and as wrong as a wrong password.
        let company = app.store.company_by_slug(slug).await?.map(|c| c.id);
        accounts.retain(|u| Some(u.company) == company);
    }
    let mut opened = opened_by(accounts, request.password).await;
    let user = match opened.len() {
        0 => {
            failures.failed(client.ip());
            return Err(AppError::InvalidCredentials);
        }
        1 => opened.remove(0),
        _ => return Ok(axum::Json(choose_among(&app, &opened).await?).into_response()),
    };
    let token = SessionToken::random();
    let csrf_token = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
    app.store
        .create_session(&NewSession {
            selector: token.selector(),
            verifier: token.verifier_hash(),
            user: user.id,
            csrf_token: csrf_token.clone(),
            expires_at: app.clock.now() + time::Duration::hours(SESSION_HOURS),
        })
        .await?;
    let cookie = Cookie::build((COOKIE, token.reveal()))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(!on_loopback_http(&headers))
        .path("/")
        .max_age(time::Duration::hours(SESSION_HOURS));
    let session = Session { user: user_view(&app, &user).await?, csrf_token };
    Ok((jar.add(cookie), axum::Json(LoginAnswer::SignedIn(session))).into_response())
}

/// The accounts `password` opens among `accounts`. They are checked side by
/// side, so an address that several companies use answers in about the time
/// of one check, and an unknown address costs a check too: how long a wrong
/// password takes says little of how many companies use the address.
async fn opened_by(accounts: Vec<UserRecord>, password: String) -> Vec<UserRecord> {
    if accounts.is_empty() {
        verify_password(None, password).await;
        return Vec::new();
    }
    let checks = accounts.iter().map(|u| verify_password(u.password_hash.clone(), password.clone()));
    let opens = futures_util::future::join_all(checks).await;
    accounts.into_iter().zip(opens).filter_map(|(user, opens)| opens.then_some(user)).collect()
}

/// The companies of the accounts the password opened, by name: only those,
/// so a person learns nothing of an account they can't open.
async fn choose_among(app: &AppState, accounts: &[UserRecord]) -> Result<LoginAnswer, AppError> {
    let mut choices = Vec::with_capacity(accounts.len());
    for account in accounts {
        let company = app.company_of(account.company).await?;
        choices.push(CompanyChoice { slug: company.public.slug, name: company.public.name });
    }
    choices.sort_by(|a, b| (a.name.to_lowercase(), &a.slug).cmp(&(b.name.to_lowercase(), &b.slug)));
    Ok(LoginAnswer::ChooseCompany { choose_company: choices })
}

/// The signed-in person behind a request's session cookie, checked: the
/// session exists, its secret matches, it hasn't expired, and a request that
/// changes something carries its CSRF token.
pub struct SignedIn {
    pub user: UserRecord,
    pub csrf_token: String,
    selector: String,
}

pub async fn signed_in(
    app: &AppState,
    method: &Method,
    headers: &HeaderMap,
    jar: &CookieJar,
) -> Result<SignedIn, AppError> {
    let token = jar.get(COOKIE).and_then(|c| SessionToken::parse(c.value())).ok_or(AppError::Unauthorized)?;
    let record = app.store.session(&token.selector()).await?.ok_or(AppError::Unauthorized)?;
    if !token.verifies(&record.verifier) || record.expires_at <= app.clock.now() {
        return Err(AppError::Unauthorized);
    }
    let changes_something = !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS);
    if changes_something {
        let sent = headers.get(CSRF_HEADER).map(|v| v.as_bytes()).unwrap_or_default();
        if !bool::from(sent.ct_eq(record.csrf_token.as_bytes())) {
            return Err(AppError::CsrfRejected);
        }
    }
    Ok(SignedIn { user: record.user, csrf_token: record.csrf_token, selector: token.selector() })
}

#[utoipa::path(get, path = "/console/api/session", tag = "console", responses((status = 200, description = "Who is signed in", body = candor_api::console::Session), (status = 401, description = "Not signed in", body = candor_api::ApiError)), security(("session" = [])))]
async fn session(
    State(app): State<AppState>,
    method: Method,
    headers: HeaderMap,
    jar: CookieJar,
) -> Result<axum::Json<Session>, AppError> {
    let signed_in = signed_in(&app, &method, &headers, &jar).await?;
    Ok(axum::Json(Session { user: user_view(&app, &signed_in.user).await?, csrf_token: signed_in.csrf_token }))
}

/// The signed-in person's console language, for any role: it is theirs,
/// not the company's. Answers the session as it now is.
#[utoipa::path(put, path = "/console/api/session/locale", tag = "console", request_body = candor_api::console::ChooseLocale, responses((status = 200, description = "Chosen", body = candor_api::console::Session), (status = 401, description = "Not signed in", body = candor_api::ApiError), (status = 403, description = "No CSRF header", body = candor_api::ApiError)), security(("session" = [], "csrf" = [])))]
async fn choose_locale(
    State(app): State<AppState>,
    method: Method,
    headers: HeaderMap,
    jar: CookieJar,
    Json(choice): Json<ChooseLocale>,
) -> Result<axum::Json<Session>, AppError> {
    let signed_in = signed_in(&app, &method, &headers, &jar).await?;
    let user = signed_in.user;
    app.store.set_user_locale(user.company, user.id, choice.locale).await?;
    let user = crate::store::UserRecord { locale: choice.locale, ..user };
    Ok(axum::Json(Session { user: user_view(&app, &user).await?, csrf_token: signed_in.csrf_token }))
}

#[utoipa::path(post, path = "/console/api/logout", tag = "console", responses((status = 204, description = "Signed out"), (status = 401, description = "Not signed in", body = candor_api::ApiError), (status = 403, description = "No CSRF header", body = candor_api::ApiError)), security(("session" = [], "csrf" = [])))]
async fn logout(
    State(app): State<AppState>,
    method: Method,
    headers: HeaderMap,
    jar: CookieJar,
) -> Result<Response, AppError> {
    let signed_in = signed_in(&app, &method, &headers, &jar).await?;
    app.store.delete_session(&signed_in.selector).await?;
    Ok((jar.remove(Cookie::build(COOKIE).path("/")), StatusCode::NO_CONTENT).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secure_cookies_except_on_loopback_http() {
        let with = |host: &str, proto: Option<&str>| {
            let mut h = HeaderMap::new();
            h.insert(header::HOST, host.parse().unwrap());
            if let Some(p) = proto {
                h.insert("x-forwarded-proto", p.parse().unwrap());
            }
            on_loopback_http(&h)
        };
        assert!(with("127.0.0.1:8080", None));
        assert!(with("localhost", None));
        assert!(!with("careers.example.com", None));
        assert!(!with("localhost:8080", Some("https")));
    }
}
