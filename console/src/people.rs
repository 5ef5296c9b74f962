//! People, for admins: who may use the console with which role, invitations
//! with a one-time set-password link, new links for a forgotten password,
//! role changes and removal. And the page such a link opens.

use candor_api::console::{
    ChangeRole, Invite, LinkOwner, PASSWORD_LINK_HOURS, PasswordLink, PasswordLinkFor, Person, SetPassword,
    check_password,
};
use candor_api::recruiting::Role;
use candor_widget::api_client::{LoadError, Loader};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::{API, send, send_for};

fn role_select(
    id: String,
    label: String,
    current: Role,
    on_pick: impl Fn(Role) + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <select id=id aria-label=label on:change:target=move |ev| on_pick(Role::parse(&ev.target().value()).unwrap_or(Role::Viewer))>
            {[Role::Viewer, Role::Recruiter, Role::Admin].into_iter().map(|r| view! { <option value=r.as_str() selected=r == current>{r.as_str()}</option> }).collect_view()}
        </select>
    }
}

/// The link to hand over, on this console's own address.
fn full_link(link: &PasswordLink) -> String {
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    format!("{origin}{}", link.path)
}

#[component]
pub fn PeoplePage(csrf: StoredValue<String>) -> impl IntoView {
    let people: Loader<Vec<Person>> = Loader::new(format!("{API}people"));
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Recruiter);
    let shown = RwSignal::new(None::<(String, String)>);
    let problem = RwSignal::new(None::<String>);
    let show = move |link: PasswordLink| {
        let who = format!("{} <{}>", link.person.name, link.person.email);
        shown.set(Some((who, full_link(&link))));
        people.reload();
    };
    let invite = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = Invite { email: email.get_untracked(), name: name.get_untracked(), role: role.get_untracked() };
        if let Err(e) = request.validate() {
            problem.set(Some(e.to_string()));
            return;
        }
        problem.set(None);
        spawn_local(async move {
            match send_for::<_, PasswordLink>("POST", &format!("{API}people"), &csrf.get_value(), Some(&request)).await
            {
                Ok(link) => {
                    email.set(String::new());
                    name.set(String::new());
                    show(link);
                }
                Err(message) => problem.set(Some(message)),
            }
        });
    };
    let list = move || match people.get() {
        None => view! { <p class="muted" role="status">"Loading…"</p> }.into_any(),
        Some(Err(_)) => view! { <p role="alert">"The people could not be loaded."</p> }.into_any(),
        Some(Ok(list)) => {
            let rows = list
                .into_iter()
                .map(|p| {
                    let id = p.id;
                    let state = if p.password_set { "Active" } else { "Invited: no password yet" };
                    // Admins cannot demote or remove themselves: the server refuses it too.
                    let (role_cell, actions) = if p.is_you {
                        (view! { <span>{format!("{} (you)", p.role.as_str())}</span> }.into_any(), None)
                    } else {
                        let new_link = move |_| {
                            spawn_local(async move {
                                match send_for::<(), PasswordLink>("POST", &format!("{API}people/{id}/link"), &csrf.get_value(), None).await {
                                    Ok(link) => show(link),
                                    Err(message) => problem.set(Some(message)),
                                }
                            })
                        };
                        // Removing asks once more: one stray Enter must not lock a colleague out.
                        let confirming = RwSignal::new(false);
                        let remove = move |_| {
                            if !confirming.get_untracked() {
                                confirming.set(true);
                                return;
                            }
                            spawn_local(async move {
                                match send::<()>("DELETE", &format!("{API}people/{id}"), &csrf.get_value(), None).await {
                                    Ok(()) => problem.set(None),
                                    Err(message) => problem.set(Some(message)),
                                }
                                people.reload();
                            })
                        };
                        let pick = move |role: Role| {
                            spawn_local(async move {
                                match send_for::<_, Person>("PUT", &format!("{API}people/{id}/role"), &csrf.get_value(), Some(&ChangeRole { role })).await {
                                    Ok(_) => problem.set(None),
                                    Err(message) => problem.set(Some(message)),
                                }
                                // Either way the list shows the role the server holds.
                                people.reload();
                            })
                        };
                        let link_label = format!("New set-password link for {}", p.name);
                        let who = p.name.clone();
                        let remove_label = move || if confirming.get() { format!("Yes, remove {who}") } else { format!("Remove {who}") };
                        let actions = view! {
                            <div class="actions">
                                <button class="secondary" aria-label=link_label on:click=new_link>"New link"</button>
                                <button class="secondary" aria-label=remove_label on:click=remove>{move || if confirming.get() { "Yes, remove" } else { "Remove" }}</button>
                                {move || confirming.get().then(|| view! { <button class="secondary" on:click=move |_| confirming.set(false)>"Keep"</button> })}
                            </div>
                        };
                        (role_select(format!("role-{id}"), format!("Role of {}", p.name), p.role, pick).into_any(), Some(actions))
                    };
                    view! {
                        <tr>
                            <td>{p.name.clone()}<br/><span class="muted">{p.email.clone()}</span></td>
                            <td>{role_cell}</td>
                            <td>{state}</td>
                            <td>{actions}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table>
                    <thead><tr><th scope="col">"Person"</th><th scope="col">"Role"</th><th scope="col">"State"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    };
    view! {
        <section class="card" aria-labelledby="people-title">
            <h2 id="people-title">"People"</h2>
            <p class="muted">"Viewers read everything; recruiters also answer, move and close; admins also run postings, settings, people and tokens."</p>
            <p class="error" role="alert">{move || problem.get()}</p>
            {list}
        </section>
        {move || shown.get().map(|(who, link)| view! {
            <section class="card" role="status" aria-labelledby="link-title">
                <h2 id="link-title">{format!("Set-password link for {who}")}</h2>
                <p><strong>{format!("Send it to them yourself. It works once, for {} hours, and won't be shown again.", PASSWORD_LINK_HOURS)}</strong></p>
                <p><code class="token">{link}</code></p>
            </section>
        })}
        <form class="card" on:submit=invite aria-labelledby="invite-title" novalidate>
            <h2 id="invite-title">"Invite someone"</h2>
            <div class="grid-3">
                <div class="field">
                    <label for="invite-name">"Name"</label>
                    <input id="invite-name" type="text" autocomplete="off" prop:value=move || name.get() on:input:target=move |ev| name.set(ev.target().value())/>
                </div>
                <div class="field">
                    <label for="invite-email">"E-mail"</label>
                    <input id="invite-email" type="email" autocomplete="off" prop:value=move || email.get() on:input:target=move |ev| email.set(ev.target().value())/>
                </div>
                <div class="field">
                    <label for="invite-role">"Role"</label>
                    <select id="invite-role" on:change:target=move |ev| role.set(Role::parse(&ev.target().value()).unwrap_or(Role::Viewer))>
                        <option value="recruiter">"recruiter"</option>
                        <option value="viewer">"viewer"</option>
                        <option value="admin">"admin"</option>
                    </select>
                </div>
            </div>
            <button type="submit">"Invite"</button>
        </form>
    }
}

/// The page a set-password link opens: whose link it is, a new password
/// typed twice, then on to signing in.
#[component]
pub fn SetPasswordPage(token: String, on_done: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    // Asked with a POST: the secret goes in the body, never into a URL.
    let owner = RwSignal::new(None::<Result<PasswordLinkFor, LoadError>>);
    let request = LinkOwner { token: token.clone() };
    spawn_local(async move {
        let answer = match gloo_net::http::Request::post("/console/api/password/owner").json(&request) {
            Ok(r) => r.send().await.ok(),
            Err(_) => None,
        };
        owner.set(Some(match answer {
            Some(r) if r.ok() => r.json::<PasswordLinkFor>().await.map_err(|_| LoadError::Failed(r.status())),
            Some(r) => Err(LoadError::Failed(r.status())),
            None => Err(LoadError::Failed(0)),
        }));
    });
    let token = StoredValue::new(token);
    let password = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (first, second) = (password.get_untracked(), again.get_untracked());
        if let Err(e) = check_password(&first) {
            problem.set(Some(format!("The password {}.", e.invalid)));
            return;
        }
        if first != second {
            problem.set(Some("The two passwords differ.".into()));
            return;
        }
        problem.set(None);
        let request = SetPassword { token: token.get_value(), password: first };
        spawn_local(async move {
            match send("POST", "/console/api/password", "", Some(&request)).await {
                Ok(()) => done.set(true),
                Err(message) => problem.set(Some(message)),
            }
        });
    };
    let on_done = StoredValue::new(on_done);
    view! {
        {move || match (done.get(), owner.get()) {
            (true, _) => view! {
                <section class="card login" role="status" aria-labelledby="done-title">
                    <h1 id="done-title">"Your password is set"</h1>
                    <p>"Sign in with your e-mail address and the new password."</p>
                    <button on:click=move |_| on_done.with_value(|f| f())>"Go to sign-in"</button>
                </section>
            }
            .into_any(),
            (false, None) => view! { <p class="muted" role="status">"Loading…"</p> }.into_any(),
            (false, Some(Err(e))) => {
                let why = match e {
                    LoadError::Failed(410) => "This link has expired or was used already.",
                    LoadError::Failed(404) => "This link is not known.",
                    _ => "Candor could not be reached.",
                };
                view! {
                    <section class="card login" role="alert" aria-labelledby="link-problem-title">
                        <h1 id="link-problem-title">"The link does not work"</h1>
                        <p>{why}" Ask an admin of your company for a new one."</p>
                        <button class="secondary" on:click=move |_| on_done.with_value(|f| f())>"Go to sign-in"</button>
                    </section>
                }
                .into_any()
            }
            (false, Some(Ok(who))) => view! {
                <form class="card login" on:submit=submit aria-labelledby="set-title" novalidate>
                    <h1 id="set-title">{format!("Welcome to {}, {}", who.company_name, who.name)}</h1>
                    <p class="muted">"Choose your password: at least 12 characters. A few unrelated words work well."</p>
                    // For password managers: the account the new password belongs to.
                    <input type="email" autocomplete="username" value=who.email.clone() hidden readonly aria-hidden="true" tabindex="-1"/>
                    <div class="field">
                        <label for="new-password">"New password"</label>
                        <input id="new-password" type="password" autocomplete="new-password" required prop:value=move || password.get() on:input:target=move |ev| password.set(ev.target().value())/>
                    </div>
                    <div class="field">
                        <label for="new-password-again">"The same again"</label>
                        <input id="new-password-again" type="password" autocomplete="new-password" required prop:value=move || again.get() on:input:target=move |ev| again.set(ev.target().value())/>
                    </div>
                    <p class="error" role="alert">{move || problem.get()}</p>
                    <button type="submit">"Set password"</button>
                </form>
            }
            .into_any(),
        }}
    }
}
