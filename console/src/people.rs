//! People, for admins: who may use the console with which role, invitations
//! with a one-time set-password link, new links for a forgotten password,
//! role changes and removal. And the page such a link opens.

use candor_api::console::{
    ChangeRole, Invite, LinkOwner, PASSWORD_LINK_HOURS, PASSWORD_MIN, PasswordLink, PasswordLinkFor, Person,
    SetPassword, check_password,
};
use candor_api::recruiting::Role;
use candor_widget::api_client::{Body, Loader, Method, SendError};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::{API, Api, say};
use crate::i18n::{fill, t};
use crate::ui;

fn role_select(
    id: String,
    label: String,
    current: Role,
    on_pick: impl Fn(Role) + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <select id=id aria-label=label on:change:target=move |ev| on_pick(Role::parse(&ev.target().value()).unwrap_or(Role::Viewer))>
            {[Role::Viewer, Role::Recruiter, Role::Admin].into_iter().map(|r| view! { <option value=r.as_str() selected=r == current>{t().role_name(r)}</option> }).collect_view()}
        </select>
    }
}

/// The link to hand over, on this console's own address.
fn full_link(link: &PasswordLink) -> String {
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    format!("{origin}{}", link.path)
}

#[component]
pub fn PeoplePage(api: Api) -> impl IntoView {
    let people: Loader<Vec<Person>> = Loader::new(format!("{API}people"));
    let email = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Recruiter);
    let shown = RwSignal::new(None::<(String, String, bool)>);
    let problem = RwSignal::new(None::<String>);
    // The invitation's own refusal, said in its form where the admin is.
    let invite_problem = RwSignal::new(None::<String>);
    let show = move |link: PasswordLink| {
        let who = format!("{} <{}>", link.person.name, link.person.email);
        shown.set(Some((who, full_link(&link), link.mailed)));
        problem.set(None);
        people.reload();
        // Shown once: the admin is taken to it, wherever they pressed.
        ui::focus_soon("link-title".to_owned());
    };
    let invite = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = Invite { email: email.get_untracked(), name: name.get_untracked(), role: role.get_untracked() };
        if let Err(e) = request.validate() {
            let id = if e.field == "email" { "invite-email" } else { "invite-name" };
            invite_problem.set(Some(ui::point_at(&e, id)));
            return;
        }
        invite_problem.set(None);
        spawn_local(async move {
            match api.send_for::<PasswordLink>(Method::Post, &format!("{API}people"), Body::json(&request)).await {
                Ok(link) => {
                    email.set(String::new());
                    name.set(String::new());
                    show(link);
                }
                Err(SendError::Refused { status: 409, .. }) => {
                    invite_problem.set(Some(t().already_account.into()));
                    ui::focus_soon("invite-email".to_owned());
                }
                Err(e) => invite_problem.set(Some(say(&e))),
            }
        });
    };
    let t = t();
    let list = ui::loaded(people, t.people_failed, move |list| {
        let rows = list
                .into_iter()
                .map(|p| {
                    let id = p.id;
                    let state = if p.password_set { t.active } else { t.invited };
                    // Admins cannot demote or remove themselves: the server refuses it too.
                    let (role_cell, actions) = if p.is_you {
                        (view! { <span>{t.role_you.replace("{role}", t.role_name(p.role))}</span> }.into_any(), None)
                    } else {
                        let new_link = move |_| {
                            spawn_local(async move {
                                match api.send_for::<PasswordLink>(Method::Post, &format!("{API}people/{id}/link"), Body::Empty).await {
                                    Ok(link) => show(link),
                                    Err(e) => problem.set(Some(say(&e))),
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
                                match api.send(Method::Delete, &format!("{API}people/{id}"), Body::Empty).await {
                                    Ok(()) => problem.set(None),
                                    Err(e) => problem.set(Some(say(&e))),
                                }
                                people.reload();
                            })
                        };
                        let pick = move |role: Role| {
                            spawn_local(async move {
                                match api.send_for::<Person>(Method::Put, &format!("{API}people/{id}/role"), Body::json(&ChangeRole { role })).await {
                                    Ok(_) => problem.set(None),
                                    Err(e) => problem.set(Some(say(&e))),
                                }
                                // Either way the list shows the role the server holds.
                                people.reload();
                            })
                        };
                        let link_label = t.new_link_for.replace("{name}", &p.name);
                        let who = p.name.clone();
                        let remove_label = move || if confirming.get() { t.yes_remove_who } else { t.remove_who }.replace("{name}", &who);
                        let actions = view! {
                            <div class="actions">
                                <button class="secondary" aria-label=link_label on:click=new_link>{t.new_link}</button>
                                <button class="secondary" aria-label=remove_label on:click=remove>{move || if confirming.get() { t.yes_remove } else { t.remove }}</button>
                                {move || confirming.get().then(|| view! { <button class="secondary" on:click=move |_| confirming.set(false)>{t.keep}</button> })}
                            </div>
                        };
                        (role_select(format!("role-{id}"), t.role_of.replace("{name}", &p.name), p.role, pick).into_any(), Some(actions))
                    };
                    view! {
                        <tr>
                            <td>{p.name.clone()}<br/><span class="muted">{p.email.clone()}</span></td>
                            <td data-label=t.role>{role_cell}</td>
                            <td data-label=t.state>{state}</td>
                            <td>{actions}</td>
                        </tr>
                    }
                })
                .collect_view();
        ui::table([t.col_person, t.role, t.state], true, rows)
    });
    view! {
        <section class="card" aria-labelledby="people-title">
            <h2 id="people-title">{t.tab_people}</h2>
            <p class="muted">{t.roles_note}</p>
            <p class="error" role="alert">{move || problem.get()}</p>
            {list}
        </section>
        {move || shown.get().map(|(who, link, mailed)| view! {
            <section class="card" role="status" aria-labelledby="link-title">
                <h2 id="link-title" tabindex="-1">{t.link_for.replace("{who}", &who)}</h2>
                <p><strong>{if mailed {
                    crate::notifications::texts().link_mailed.replace("{hours}", &PASSWORD_LINK_HOURS.to_string())
                } else {
                    t.link_note.replace("{n}", &PASSWORD_LINK_HOURS.to_string())
                }}</strong></p>
                <p><code class="token">{link}</code></p>
            </section>
        })}
        <form class="card" on:submit=invite aria-labelledby="invite-title" novalidate>
            <h2 id="invite-title">{t.invite_title}</h2>
            <div class="grid-3">
                {ui::input_field("invite-name", t.name, "text", "off", false, name)}
                {ui::input_field("invite-email", t.email, "email", "off", false, email)}
                {ui::role_field("invite-role", role)}
            </div>
            <p class="error" role="alert">{move || invite_problem.get()}</p>
            <button type="submit">{t.invite}</button>
        </form>
    }
}

/// The page a set-password link opens: whose link it is, a new password
/// typed twice, then on to signing in.
#[component]
pub fn SetPasswordPage(token: String, on_done: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    // Asked with a POST: the secret goes in the body, never into a URL.
    let owner = RwSignal::new(None::<Result<PasswordLinkFor, SendError>>);
    let request = LinkOwner { token: token.clone() };
    spawn_local(async move {
        let url = "/console/api/password/owner";
        owner.set(Some(Api::SIGNED_OUT.send_for(Method::Post, url, Body::json(&request)).await));
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
            problem.set(Some(ui::point_at(&e, "new-password")));
            return;
        }
        if first != second {
            problem.set(Some(t().passwords_differ.into()));
            return;
        }
        problem.set(None);
        let request = SetPassword { token: token.get_value(), password: first };
        spawn_local(async move {
            match Api::SIGNED_OUT.send(Method::Post, "/console/api/password", Body::json(&request)).await {
                Ok(()) => done.set(true),
                Err(e) => problem.set(Some(say(&e))),
            }
        });
    };
    let on_done = StoredValue::new(on_done);
    let t = t();
    view! {
        {move || match (done.get(), owner.get()) {
            (true, _) => view! {
                <section class="card login" role="status" aria-labelledby="done-title">
                    <h1 id="done-title">{t.password_set_title}</h1>
                    <p>{t.password_set_body}</p>
                    <button on:click=move |_| on_done.with_value(|f| f())>{t.go_to_sign_in}</button>
                </section>
            }
            .into_any(),
            (false, None) => view! { <p class="muted" role="status">{t.loading}</p> }.into_any(),
            (false, Some(Err(e))) => {
                let why = match e {
                    SendError::Refused { status: 410, .. } => t.link_expired,
                    SendError::Refused { status: 404, .. } => t.link_unknown,
                    _ => t.link_unreachable,
                };
                view! {
                    <section class="card login" role="alert" aria-labelledby="link-problem-title">
                        <h1 id="link-problem-title">{t.link_broken_title}</h1>
                        <p>{why}" "{t.ask_admin}</p>
                        <button class="secondary" on:click=move |_| on_done.with_value(|f| f())>{t.go_to_sign_in}</button>
                    </section>
                }
                .into_any()
            }
            (false, Some(Ok(who))) => view! {
                <form class="card login" on:submit=submit aria-labelledby="set-title" novalidate>
                    <h1 id="set-title">{fill(t.welcome, &[("company", &who.company_name), ("name", &who.name)])}</h1>
                    <p class="muted">{t.choose_password.replace("{n}", &PASSWORD_MIN.to_string())}</p>
                    // For password managers: the account the new password belongs to.
                    <input type="email" autocomplete="username" value=who.email.clone() hidden readonly aria-hidden="true" tabindex="-1"/>
                    {ui::input_field("new-password", t.new_password, "password", "new-password", true, password)}
                    {ui::input_field("new-password-again", t.same_again, "password", "new-password", true, again)}
                    <p class="error" role="alert">{move || problem.get()}</p>
                    <button type="submit">{t.set_password}</button>
                </form>
            }
            .into_any(),
        }}
    }
}
