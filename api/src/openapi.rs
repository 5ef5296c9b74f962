//! The OpenAPI schemas of the types whose JSON is a checked string (a day,
//! a colour, an origin, a slug): derived, they would read as objects.
//! Only the server builds this (feature `openapi`): the bundles don't carry utoipa.

use std::borrow::Cow;

use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};

/// A string schema with a description and, where one helps a client, a pattern.
pub(crate) fn text(description: &str, pattern: Option<&str>, format: Option<KnownFormat>) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
        .pattern(pattern)
        .format(format.map(SchemaFormat::KnownFormat))
        .into()
}

/// One of a closed set of words.
pub(crate) fn words(words: &[&str]) -> RefOr<Schema> {
    ObjectBuilder::new().schema_type(Type::String).enum_values(Some(words.iter().copied())).into()
}

macro_rules! string_schema {
    ($type:ty, $name:literal, $description:literal, $pattern:expr, $format:expr) => {
        impl utoipa::PartialSchema for $type {
            fn schema() -> RefOr<Schema> {
                text($description, $pattern, $format)
            }
        }
        impl utoipa::ToSchema for $type {
            fn name() -> Cow<'static, str> {
                Cow::Borrowed($name)
            }
        }
    };
}

string_schema!(crate::Day, "Day", "A calendar day, YYYY-MM-DD.", None, Some(KnownFormat::Date));
string_schema!(crate::HexColor, "HexColor", "A colour as #rrggbb.", Some("^#[0-9a-fA-F]{6}$"), None);
string_schema!(
    crate::origin::Origin,
    "Origin",
    "A web origin: http(s)://host[:port], no path.",
    Some("^https?://"),
    None
);
