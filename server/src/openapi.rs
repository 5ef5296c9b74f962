//! The API's OpenAPI 3.1 document, made from the handlers' annotations and
//! the wire types' schemas (`candor_api`'s feature `openapi`), then completed
//! by rule where every operation answers alike: each path parameter, the
//! statuses of a bad path, query or body, of an unknown id and of a refused
//! caller, all in the one error body. Built once at start; the server serves
//! it (`GET /api/v1/openapi.json`) and refuses the query parameters it
//! doesn't list (`http::query`).

use std::collections::{BTreeMap, BTreeSet};

use candor_api::ApiError;
use utoipa::openapi::path::{Operation, ParameterBuilder, ParameterIn, PathItem};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{Content, Ref, RefOr, Required, Response};
use utoipa::{Modify, OpenApi, ToSchema};

use crate::auth::sessions::{COOKIE, CSRF_HEADER};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Candor API",
        description = "The careers widget's public API, the candidate's, the recruiters' (an API token or a \
                       console session) and a progress report reader's. Every error answers \
                       `{\"error\": {\"code\", \"message\", \"field\"?}}`; unknown body fields and \
                       query parameters are refused (400, naming them)."
    ),
    paths(
        crate::careers::company::public_settings,
        crate::careers::company::sites,
        crate::careers::postings::list,
        crate::careers::postings::detail,
        crate::applications::apply::submit,
        crate::applications::lost_link::lost_link,
        crate::applications::mail_stop::page,
        crate::applications::mail_stop::stop,
        crate::applications::mail_stop::choose,
        crate::applications::status::status,
        crate::applications::status::live_status,
        crate::applications::actions::withdraw,
        crate::applications::actions::feedback,
        crate::applications::privacy::export,
        crate::applications::privacy::erase,
        crate::applications::privacy::leave_talent_pool,
        crate::applications::privacy::renew_talent_pool,
        crate::applications::privacy::set_pool_alerts,
        crate::applications::cv::upload,
        crate::applications::cv::download,
        crate::qa::asking::answered,
        crate::qa::asking::ask,
        crate::qa::asking::asked,
        crate::qa::asking::live_asked,
        crate::qa::asking::forget_address,
        crate::qa::answering::list,
        crate::qa::answering::answer,
        crate::qa::answering::decline,
        crate::recruiting::applications::list,
        crate::recruiting::applications::read,
        crate::recruiting::applications::move_to_stage,
        crate::recruiting::applications::send_message,
        crate::recruiting::applications::close,
        crate::recruiting::applications::cv,
        crate::recruiting::applications::cv_inline,
        crate::recruiting::applications::check_message,
        crate::recruiting::inbox::inbox,
        crate::recruiting::metrics::metrics,
        crate::recruiting::talent_pool::pool,
        crate::recruiting::notifications::read,
        crate::recruiting::notifications::choose,
        crate::recruiting::outbox::list,
        crate::recruiting::outbox::resend,
        crate::admin::postings::list,
        crate::admin::postings::create,
        crate::admin::postings::read,
        crate::admin::postings::edit,
        crate::admin::postings::change_status,
        crate::admin::audit::list,
        crate::admin::tokens::list,
        crate::admin::tokens::create,
        crate::admin::tokens::revoke,
        crate::admin::people::list,
        crate::admin::people::invite,
        crate::admin::people::remove,
        crate::admin::people::change_role,
        crate::admin::people::new_link,
        crate::admin::settings::read,
        crate::admin::settings::write,
        crate::reports::sharing::preview,
        crate::reports::sharing::list,
        crate::reports::sharing::create,
        crate::reports::sharing::revoke,
        crate::reports::notes::write,
        crate::reports::notes::seen,
        crate::reports::reading::read,
        crate::reports::reading::reply,
        crate::auth::sessions::login,
        crate::auth::sessions::session,
        crate::auth::sessions::logout,
        crate::auth::sessions::choose_locale,
        crate::auth::password_links::owner,
        crate::auth::password_links::set_password,
    ),
    components(schemas(ApiError)),
    modifiers(&Completed)
)]
struct Document;

/// The document, whole.
pub fn document() -> utoipa::openapi::OpenApi {
    Document::openapi()
}

/// Each operation's query parameters by method and route, as the router
/// names them (`GET /api/v1/companies/{company}/postings`).
pub fn query_parameters(document: &utoipa::openapi::OpenApi) -> BTreeMap<(String, String), BTreeSet<String>> {
    let mut names = BTreeMap::new();
    for (path, item) in &document.paths.paths {
        for (method, operation) in operations(item) {
            let query = operation.parameters.iter().flatten().filter_map(|p| match p {
                RefOr::T(p) if p.parameter_in == ParameterIn::Query => Some(p.name.clone()),
                _ => None,
            });
            names.insert((method.to_owned(), path.clone()), query.collect());
        }
    }
    names
}

fn operations(item: &PathItem) -> impl Iterator<Item = (&'static str, &Operation)> {
    [("GET", &item.get), ("PUT", &item.put), ("POST", &item.post), ("DELETE", &item.delete), ("PATCH", &item.patch)]
        .into_iter()
        .filter_map(|(method, operation)| operation.as_ref().map(|o| (method, o)))
}

/// What every operation has by rule rather than by annotation.
struct Completed;

impl Modify for Completed {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let api_key = |at: ApiKey, why: &str| {
            let mut scheme = SecurityScheme::ApiKey(at);
            if let SecurityScheme::ApiKey(ApiKey::Header(v) | ApiKey::Cookie(v) | ApiKey::Query(v)) = &mut scheme {
                v.description = Some(why.to_owned());
            }
            scheme
        };
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A recruiter API token: `Authorization: Bearer candor_…`"))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            api_key(ApiKey::Cookie(ApiKeyValue::new(COOKIE)), "The console's session cookie, set by sign-in"),
        );
        components.add_security_scheme(
            "csrf",
            api_key(
                ApiKey::Header(ApiKeyValue::new(CSRF_HEADER)),
                "The session's CSRF token, on every request with a session that changes something",
            ),
        );
        components.add_security_scheme(
            "application",
            api_key(
                ApiKey::Header(ApiKeyValue::new("Candor-Application")),
                "A candidate's status token, from the acknowledgement",
            ),
        );
        components.add_security_scheme(
            "question",
            api_key(ApiKey::Header(ApiKeyValue::new("Candor-Question")), "An asker's question token (q_…)"),
        );
        components.add_security_scheme(
            "report",
            api_key(ApiKey::Header(ApiKeyValue::new("Candor-Report")), "A progress report link's secret"),
        );
        for (path, item) in openapi.paths.paths.iter_mut() {
            let operations = [
                ("get", &mut item.get),
                ("put", &mut item.put),
                ("post", &mut item.post),
                ("delete", &mut item.delete),
                ("patch", &mut item.patch),
            ];
            for (method, operation) in operations {
                if let Some(operation) = operation {
                    // Unique, as the specification wants: handlers' names repeat (`list`, `revoke`).
                    operation.operation_id = Some(operation_id(method, path));
                    complete(path, operation);
                }
            }
        }
    }
}

/// `delete /api/v1/recruiter/tokens/{id}` → `delete_recruiter_tokens_by_id`.
fn operation_id(method: &str, path: &str) -> String {
    let parts = path.trim_start_matches("/api/v1").split('/').filter(|part| !part.is_empty()).map(|part| {
        match part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
            Some(name) => format!("by_{name}"),
            None => part.replace('-', "_"),
        }
    });
    std::iter::once(method.to_owned()).chain(parts).collect::<Vec<_>>().join("_")
}

fn complete(path: &str, operation: &mut Operation) {
    let placeholders: Vec<&str> =
        path.split('/').filter_map(|part| part.strip_prefix('{').and_then(|p| p.strip_suffix('}'))).collect();
    let parameters = operation.parameters.get_or_insert_with(Vec::new);
    for name in &placeholders {
        let declared = parameters.iter().any(|p| matches!(p, RefOr::T(p) if p.name == *name));
        if !declared {
            // Ids are the store's row numbers; the rest are slugs and secrets.
            let schema = match *name {
                "id" => ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Int64))),
                _ => ObjectBuilder::new().schema_type(Type::String),
            };
            let parameter = ParameterBuilder::new()
                .name(*name)
                .parameter_in(ParameterIn::Path)
                .required(Required::True)
                .schema(Some(schema));
            parameters.push(RefOr::T(parameter.build()));
        }
    }
    let responses = &mut operation.responses.responses;
    let mut add = |status: u16, why: &str| {
        responses.entry(status.to_string()).or_insert_with(|| error_response(why));
    };
    add(400, "A bad path, query parameter, header or body: the field at fault is named");
    let by_secret = operation.security.iter().flatten().any(|s| {
        serde_json::to_value(s).is_ok_and(|v| ["application", "question", "report"].iter().any(|k| v.get(k).is_some()))
    });
    if !placeholders.is_empty() {
        add(404, "Not found (or another company's)");
    } else if by_secret {
        add(404, "An unknown or wrong secret, alike");
    }
    if operation.request_body.is_some() {
        add(413, "The body is larger than this endpoint accepts");
        add(415, "A body of another content type");
    }
    let by_recruiter =
        operation.security.iter().flatten().any(|s| serde_json::to_value(s).is_ok_and(|v| v.get("bearer").is_some()));
    if by_recruiter {
        add(401, "No API token or session, or an unknown one");
        add(403, "The role may not do this, or a session's CSRF header is missing");
    }
}

fn error_response(why: &str) -> RefOr<Response> {
    let content =
        Content::new(Some(RefOr::<utoipa::openapi::schema::Schema>::Ref(Ref::from_schema_name(ApiError::name()))));
    RefOr::T(Response::builder().description(why).content("application/json", content).build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_is_openapi_3_1_with_the_error_body() {
        let json = serde_json::to_value(document()).unwrap();
        assert_eq!(json["openapi"], "3.1.0");
        assert!(json["components"]["schemas"]["ApiError"].is_object(), "{:#}", json["components"]);
        let detail = &json["paths"]["/api/v1/companies/{company}/postings/{posting}"]["get"];
        let names: Vec<&str> =
            detail["parameters"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["lang", "company", "posting"]);
        assert!(detail["responses"]["404"].is_object() && detail["responses"]["400"].is_object());
    }

    #[test]
    fn operation_ids_are_unique_and_words_are_the_wire_words() {
        let json = serde_json::to_value(document()).unwrap();
        let mut ids = BTreeSet::new();
        for item in json["paths"].as_object().unwrap().values() {
            for operation in item.as_object().unwrap().values() {
                assert!(ids.insert(operation["operationId"].as_str().unwrap().to_owned()), "{operation}");
            }
        }
        assert!(ids.contains("delete_recruiter_tokens_by_id") && ids.contains("post_console_api_logout"), "{ids:?}");
        let workplace = &json["components"]["schemas"]["Workplace"]["enum"];
        assert_eq!(workplace, &serde_json::json!(["on_site", "hybrid", "remote"]));
    }

    #[test]
    fn query_parameters_are_listed_per_operation() {
        let names = query_parameters(&document());
        let list = &names[&("GET".to_owned(), "/api/v1/companies/{company}/postings".to_owned())];
        assert!(list.contains("q") && list.contains("lang"), "{list:?}");
        assert!(names[&("GET".to_owned(), "/api/v1/recruiter/inbox".to_owned())].is_empty());
    }
}
