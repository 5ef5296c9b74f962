//! API tokens, for admins: the list (never a secret), a new one shown once,
//! and revoking.

use candor_api::recruiting::{ApiTokenInfo, CreatedApiToken, NewApiToken, Role};
use candor_widget::api_client::Loader;
use gloo_net::http::Request;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::{API, send};

#[component]
pub fn TokensPage(csrf: StoredValue<String>) -> impl IntoView {
    let tokens: Loader<Vec<ApiTokenInfo>> = Loader::new(format!("{API}tokens"));
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Recruiter);
    let shown = RwSignal::new(None::<String>);
    let problem = RwSignal::new(None::<String>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = NewApiToken { name: name.get_untracked(), role: role.get_untracked() };
        if let Err(e) = request.validate() {
            problem.set(Some(format!("The name {}", e.invalid)));
            return;
        }
        problem.set(None);
        spawn_local(async move {
            let sent =
                match Request::post(&format!("{API}tokens")).header("X-CSRF-Token", &csrf.get_value()).json(&request) {
                    Ok(r) => r.send().await.ok(),
                    Err(_) => None,
                };
            match sent {
                Some(r) if r.status() == 201 => {
                    if let Ok(created) = r.json::<CreatedApiToken>().await {
                        shown.set(Some(created.token));
                        name.set(String::new());
                        tokens.reload();
                    }
                }
                _ => problem.set(Some("The token could not be created.".into())),
            }
        });
    };
    let list = move || match tokens.get() {
        None => view! { <p class="muted" role="status">"Loading…"</p> }.into_any(),
        Some(Err(_)) => view! { <p role="alert">"The tokens could not be loaded."</p> }.into_any(),
        Some(Ok(list)) if list.is_empty() => view! { <p class="muted">"No API tokens yet."</p> }.into_any(),
        Some(Ok(list)) => {
            let rows = list
                .into_iter()
                .map(|t| {
                    let id = t.id;
                    let revoke = move |_| {
                        spawn_local(async move {
                            match send::<()>("DELETE", &format!("{API}tokens/{id}"), &csrf.get_value(), None).await {
                                Ok(()) => tokens.reload(),
                                Err(message) => problem.set(Some(message)),
                            }
                        })
                    };
                    let state = t.revoked_at.clone().map_or_else(|| "active".to_owned(), |at| format!("revoked {}", &at[..10.min(at.len())]));
                    let revocable = t.revoked_at.is_none();
                    let label = format!("Revoke {}", t.name);
                    view! {
                        <tr>
                            <td>{t.name.clone()}</td>
                            <td>{t.role.as_str()}</td>
                            <td>{t.created_at.get(..10).unwrap_or_default().to_owned()}</td>
                            <td>{t.made_by.clone().unwrap_or_else(|| "—".to_owned())}</td>
                            <td>{state}</td>
                            <td>{revocable.then(|| view! { <button class="secondary" aria-label=label on:click=revoke>"Revoke"</button> })}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table>
                    <thead><tr><th scope="col">"Name"</th><th scope="col">"Role"</th><th scope="col">"Created"</th><th scope="col">"Made by"</th><th scope="col">"State"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    };
    view! {
        <section class="card" aria-labelledby="tokens-title">
            <h2 id="tokens-title">"API tokens"</h2>
            <p class="muted">"For integrations with the recruiter API. A token is shown once, when it is made; Candor keeps only its hash. It ends with its maker's access: when they are removed, or given a role below the token's."</p>
            {list}
        </section>
        <form class="card" on:submit=create aria-labelledby="new-token-title">
            <h2 id="new-token-title">"New token"</h2>
            <div class="field">
                <label for="token-name">"What it is for"</label>
                <input id="token-name" type="text" maxlength="80" prop:value=move || name.get() on:input:target=move |ev| name.set(ev.target().value())/>
            </div>
            <div class="field">
                <label for="token-role">"Role"</label>
                <select id="token-role" on:change:target=move |ev| role.set(Role::parse(&ev.target().value()).unwrap_or(Role::Viewer))>
                    <option value="recruiter">"recruiter"</option>
                    <option value="viewer">"viewer"</option>
                    <option value="admin">"admin"</option>
                </select>
            </div>
            <p class="error" role="alert">{move || problem.get()}</p>
            <button type="submit">"Create token"</button>
            {move || shown.get().map(|token| view! {
                <div role="status">
                    <p><strong>"Copy it now: it won't be shown again."</strong></p>
                    <p><code class="token">{token}</code></p>
                </div>
            })}
        </form>
    }
}
