//! A description's blocks as elements whose content is text nodes only: the
//! company's text can't become markup.

use candor_api::rich_text::{self, Block, Inline};
use leptos::prelude::*;

#[component]
pub fn RichText(text: String) -> impl IntoView {
    rich_text::parse(&text)
        .into_iter()
        .map(|block| match block {
            Block::Heading(inline) => view! { <h4>{inlines(inline)}</h4> }.into_any(),
            Block::Paragraph(inline) => view! { <p>{inlines(inline)}</p> }.into_any(),
            Block::Bullets(items) => {
                view! { <ul>{items.into_iter().map(|i| view! { <li>{inlines(i)}</li> }).collect_view()}</ul> }
                    .into_any()
            }
            Block::Numbered(items) => {
                view! { <ol>{items.into_iter().map(|i| view! { <li>{inlines(i)}</li> }).collect_view()}</ol> }
                    .into_any()
            }
        })
        .collect_view()
}

fn inlines(items: Vec<Inline>) -> impl IntoView {
    items
        .into_iter()
        .map(|item| match item {
            Inline::Text(text) => text.into_any(),
            Inline::Strong(text) => view! { <strong>{text}</strong> }.into_any(),
        })
        .collect_view()
}
