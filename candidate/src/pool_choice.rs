//! The candidate's talent-pool membership, on their status view: while they
//! are in the company's pool it says until when, and lets them leave it at
//! once; in the consent's last month (its renewal asked by mail), and once
//! it lapsed while the data is still kept, it offers to renew it for a year
//! from today. Their application itself is unchanged either way. A member
//! may also ask for mail of matching openings (pool_alerts.rs).

use candor_api::Day;
use candor_api::timeline::ApplicationStatus;
use candor_widget::api_client::{self, Body, Loader, Method};
use candor_widget::format;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::context::{APPLICATION_HEADER, Tracked};
use crate::focus;
use crate::pool_alerts::PoolAlertsForm;

/// Where the candidate stands in the pool, as the section draws it.
#[derive(Clone, Copy, PartialEq)]
enum Standing {
    /// In it until that day; `true` once the renewal is offered.
    Member(Day, bool),
    /// The consent lapsed after that day: renewable, not in the pool.
    Lapsed(Day),
}

/// What the candidate just did here, said once below the section.
#[derive(Clone, Copy, PartialEq)]
enum Done {
    Nothing,
    Left,
    Renewed,
}

#[component]
pub fn PoolChoice(application: Tracked, status: Loader<ApplicationStatus>) -> impl IntoView {
    let t = application.t;
    let locale = t.locale;
    // Stored, so the buttons' handlers are `Copy` and the view may draw them again.
    let leave_url = StoredValue::new(application.application_url("/talent-pool/leave"));
    let renew_url = StoredValue::new(application.application_url("/talent-pool/renew"));
    let token = StoredValue::new(application.token.clone());
    let done = RwSignal::new(Done::Nothing);
    let failed = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let act = move |ev: leptos::ev::MouseEvent, url: StoredValue<String>, then: Done| {
        // The button goes once it worked (left, or nothing more to renew):
        // the focus goes to the section's heading, not to the page's start.
        let root = focus::root_of(&ev);
        let (url, token) = (url.get_value(), token.get_value());
        failed.set(false);
        busy.set(true);
        spawn_local(async move {
            let proof = [(APPLICATION_HEADER, token.as_str())];
            match api_client::send_for::<ApplicationStatus>(Method::Post, &url, &proof, Body::Empty).await {
                Ok(next) => {
                    let _ = done.try_set(then);
                    status.set(next);
                    focus::focus_by_id(root, "candor-pool-title".to_owned());
                }
                Err(_) => {
                    let _ = failed.try_set(true);
                }
            }
            let _ = busy.try_set(false);
        });
    };
    let leave = move |ev| act(ev, leave_url, Done::Left);
    let renew = move |ev| act(ev, renew_url, Done::Renewed);
    let standing = move || {
        let s = status.loaded()?;
        let standing = match (s.talent_pool_until, s.talent_pool_lapsed_on) {
            (Some(until), _) => Standing::Member(until, s.talent_pool_renewable),
            (None, Some(on)) => Standing::Lapsed(on),
            (None, None) => return None,
        };
        Some((standing, s.company.name))
    };
    // Its own memo, so saving a choice (a new status) keeps the form as it is.
    let member_of =
        Memo::new(move |_| status.loaded().filter(|s| s.talent_pool_until.is_some()).map(|s| s.company.slug));
    let alerts_application = StoredValue::new(application.clone());
    let renew_button = move || {
        view! {
            <button type="button" class="button" disabled=move || busy.get() on:click=renew>
                {t.pool_renew}
            </button>
        }
    };
    let said = move || match done.get() {
        Done::Nothing => None,
        Done::Left => Some(t.pool_left),
        Done::Renewed => Some(t.pool_renewed),
    };
    view! {
        <Show when=move || standing().is_some() || done.get() == Done::Left>
            <section class="pool-choice" aria-labelledby="candor-pool-title">
                <h3 id="candor-pool-title" tabindex="-1">{t.pool_title}</h3>
                {move || standing().map(|(standing, company)| match standing {
                    Standing::Member(until, renewable) => view! {
                        <p>{t.pool_member.replace("{company}", &company).replace("{date}", &format::date(locale, until))}</p>
                        {renewable.then_some(view! { <p>{t.pool_renew_due}</p> })}
                        <div class="resume-actions">
                            {renewable.then(renew_button)}
                            <button type="button" class="button secondary" disabled=move || busy.get() on:click=leave>
                                {t.pool_leave}
                            </button>
                        </div>
                    }
                    .into_any(),
                    Standing::Lapsed(on) => view! {
                        <p>{t.pool_lapsed.replace("{company}", &company).replace("{date}", &format::date(locale, on))}</p>
                        <div class="resume-actions">{renew_button()}</div>
                    }
                    .into_any(),
                })}
                <p class="field-error" role="alert" hidden=move || !failed.get()>{t.action_failed}</p>
                <p class="muted" role="status">{said}</p>
                {move || member_of.get().map(|company| view! {
                    <PoolAlertsForm application=alerts_application.get_value() status company/>
                })}
            </section>
        </Show>
    }
}
