//! The API's document and its reference page: `GET /api/v1/openapi.json`,
//! serialized once at start, and Swagger UI at `/api/v1/docs/`, whose files
//! come inside the `utoipa-swagger-ui` crate (nothing from another origin).

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderValue, header};
use axum::routing::get;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa_swagger_ui::{Config, SwaggerUi};

/// The schema of a file in a body or an answer (a CV): bytes, not JSON.
pub struct File;

impl utoipa::PartialSchema for File {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::schema::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            // 3.1's spelling, and 3.0's that generators still read.
            .content_media_type("application/pdf")
            .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(utoipa::openapi::KnownFormat::Binary)))
            .into()
    }
}

impl utoipa::ToSchema for File {}

pub const DOCUMENT: &str = "/api/v1/openapi.json";
pub const PAGE: &str = "/api/v1/docs";

/// Swagger UI sets inline styles and draws its icons from `data:` images;
/// nothing it needs is remote.
const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                           img-src 'self' data:; font-src 'self' data:; connect-src 'self'; \
                           frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

pub fn routes(document: &utoipa::openapi::OpenApi) -> Router {
    // Plain data in memory: serializing it can't fail.
    let json = Bytes::from(serde_json::to_vec(document).expect("the API document serializes"));
    let served = Router::new().route(
        DOCUMENT,
        get(move || {
            let json = json.clone();
            async move { ([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], json) }
        }),
    );
    // The validator would send the document to a public service.
    let page: Router = SwaggerUi::new(PAGE).config(Config::new([DOCUMENT]).validator_url("none")).into();
    let page = page
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(PAGE_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer")));
    served.merge(page)
}
