//! API tokens, for admins: the list (never a secret), a new one shown once,
//! and revoking.

use candor_api::recruiting::{ApiTokenInfo, CreatedApiToken, NewApiToken, Role, TOKEN_NAME_MAX};
use candor_widget::api_client::{Body, Loader, Method};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::{API, Api, say};
use crate::i18n::t;
use crate::ui;

#[component]
pub fn TokensPage(api: Api) -> impl IntoView {
    let tokens: Loader<Vec<ApiTokenInfo>> = Loader::new(format!("{API}tokens"));
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Recruiter);
    let shown = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = NewApiToken { name: name.get_untracked(), role: role.get_untracked() };
        if let Err(e) = request.validate() {
            problem.set(Some(ui::point_at(&e, "token-name")));
            return;
        }
        problem.set(None);
        spawn_local(async move {
            match api.send_for::<CreatedApiToken>(Method::Post, &format!("{API}tokens"), Body::json(&request)).await {
                Ok(created) => {
                    shown.set(Some(created.token));
                    name.set(String::new());
                    tokens.reload();
                }
                Err(e) => problem.set(Some(t().token_failed.replace("{why}", &say(&e)))),
            }
        });
    };
    let t = t();
    let list = ui::loaded(tokens, t.tokens_failed, move |list| {
        if list.is_empty() {
            return view! { <p class="muted">{t.no_tokens}</p> }.into_any();
        }
        let rows = list
                .into_iter()
                .map(|token| {
                    let id = token.id;
                    let revoke = move |_| {
                        spawn_local(async move {
                            match api.send(Method::Delete, &format!("{API}tokens/{id}"), Body::Empty).await {
                                Ok(()) => tokens.reload(),
                                Err(e) => problem.set(Some(say(&e))),
                            }
                        })
                    };
                    let state = token.revoked_at.clone().map_or_else(|| t.token_active.to_owned(), |at| t.token_revoked.replace("{date}", &day_of(&at)));
                    let revocable = token.revoked_at.is_none();
                    let label = t.revoke_who.replace("{name}", &token.name);
                    view! {
                        <tr>
                            <td>{token.name.clone()}</td>
                            <td data-label=t.role>{t.role_name(token.role)}</td>
                            <td data-label=t.col_created>{day_of(&token.created_at)}</td>
                            <td data-label=t.col_made_by>{token.made_by.clone().unwrap_or_else(|| "—".to_owned())}</td>
                            <td data-label=t.state>{state}</td>
                            <td>{revocable.then(|| view! { <button class="secondary" aria-label=label on:click=revoke>{t.revoke}</button> })}</td>
                        </tr>
                    }
                })
                .collect_view();
        ui::table([t.name, t.role, t.col_created, t.col_made_by, t.state], true, rows).into_any()
    });
    view! {
        <section class="card" aria-labelledby="tokens-title">
            <h2 id="tokens-title">{t.tab_tokens}</h2>
            <p class="muted">{t.tokens_note}</p>
            {list}
        </section>
        <form class="card" on:submit=create aria-labelledby="new-token-title">
            <h2 id="new-token-title">{t.new_token}</h2>
            <div class="field">
                <label for="token-name">{t.token_for}</label>
                <input id="token-name" type="text" maxlength=TOKEN_NAME_MAX prop:value=move || name.get() on:input:target=move |ev| name.set(ev.target().value())/>
            </div>
            {ui::role_field("token-role", role)}
            <p class="error" role="alert">{move || problem.get()}</p>
            <button type="submit">{t.create_token}</button>
            {move || shown.get().map(|token| view! {
                <div role="status">
                    <p><strong>{t.copy_now}</strong></p>
                    <p><code class="token">{token}</code></p>
                </div>
            })}
        </form>
    }
}

/// The day of a moment the server wrote (RFC 3339), in the recruiter's locale.
fn day_of(moment: &str) -> String {
    let day = moment.get(..10).unwrap_or(moment);
    candor_api::Day::parse(day).map_or_else(|_| day.to_owned(), crate::dates::short)
}
