//! Deep links: the open posting lives in the page's URL hash as
//! `#candor/<company>/<posting>`, so a link can be shared and the browser's
//! back and forward buttons move between the list and a posting.

use candor_api::{CompanySlug, PostingSlug};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    List,
    Posting(PostingSlug),
}

const PREFIX: &str = "#candor/";

/// The page's URL hash as it is now.
pub fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

/// Whether `hash` is one of Candor's deep links (to any company's posting).
pub fn is_deep_link(hash: &str) -> bool {
    hash.starts_with(PREFIX)
}

/// The route a hash means for this company's widget; anything else (the host
/// page's own anchors, another company's links) leaves it on the list.
pub fn parse(hash: &str, company: &CompanySlug) -> Route {
    let Some(rest) = hash.strip_prefix(PREFIX) else { return Route::List };
    let mut parts = rest.split('/');
    if parts.next() != Some(company.as_str()) {
        return Route::List;
    }
    match (parts.next().map(PostingSlug::parse), parts.next()) {
        (Some(Ok(slug)), None) => Route::Posting(slug),
        _ => Route::List,
    }
}

pub fn posting_href(company: &CompanySlug, posting: &PostingSlug) -> String {
    format!("{PREFIX}{company}/{posting}")
}

pub fn list_href(company: &CompanySlug) -> String {
    format!("{PREFIX}{company}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn northwind() -> CompanySlug {
        CompanySlug::parse("northwind").unwrap()
    }

    #[test]
    fn a_posting_link_round_trips() {
        let slug = PostingSlug::parse("dental-hygienist").unwrap();
        let href = posting_href(&northwind(), &slug);
        assert_eq!(href, "#candor/northwind/dental-hygienist");
        assert_eq!(parse(&href, &northwind()), Route::Posting(slug));
    }

    #[test]
    fn other_hashes_mean_the_list() {
        for hash in [
            "",
            "#",
            "#about",
            "#candor/northwind",
            "#candor/acme/orthodontist",
            "#candor/northwind/Bad Slug",
            "#candor/northwind/a/b",
        ] {
            assert_eq!(parse(hash, &northwind()), Route::List, "{hash}");
        }
        assert_eq!(parse(&list_href(&northwind()), &northwind()), Route::List);
    }
}
