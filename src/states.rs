//! What a widget shows while it waits, or when something went wrong.

use leptos::prelude::*;

/// Grey cards the size of real ones, so the page doesn't jump when the
/// postings arrive; screen readers hear the status line instead.
#[component]
pub fn Skeleton(label: &'static str, #[prop(default = 3)] cards: usize) -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true">
            <p class="visually-hidden" role="status">{label}</p>
            {(0..cards)
                .map(|_| {
                    view! {
                        <div class="skeleton-card" aria-hidden="true">
                            <span class="skeleton-line wide"></span>
                            <span class="skeleton-line"></span>
                            <span class="skeleton-line short"></span>
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// A failure the reader can do something about: say what happened and offer a retry.
#[component]
pub fn LoadFailed(
    title: &'static str,
    body: &'static str,
    retry_label: &'static str,
    on_retry: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <div class="notice error" role="alert">
            <p class="notice-title">{title}</p>
            <p>{body}</p>
            <button type="button" class="button" on:click=move |_| on_retry()>{retry_label}</button>
        </div>
    }
}
