//! A talent-pool member's posting alerts, inside the status view's pool
//! section: which of the company's departments and places they want a mail
//! about when a posting opens there (`PUT …/talent-pool/alerts`). The
//! choices are the departments and cities of the company's open postings
//! (the careers list's facets), plus any saved one no open posting names any
//! more, so a saved choice never silently drops off the form.

use candor_api::CompanySlug;
use candor_api::pool_alerts::{PoolAlerts, PoolAlertsChoice};
use candor_api::postings::PostingList;
use candor_api::timeline::ApplicationStatus;
use candor_widget::api_client::{self, Body, Loader, Method};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::context::{APPLICATION_HEADER, Tracked};
use crate::focus;

/// The names to offer: the open postings' ones, then saved ones not among them.
fn options(open: Vec<String>, saved: &[String]) -> Vec<String> {
    let mut all = open;
    for s in saved {
        if !all.iter().any(|o| o.trim().eq_ignore_ascii_case(s.trim())) {
            all.push(s.clone());
        }
    }
    all
}

#[component]
pub fn PoolAlertsForm(application: Tracked, status: Loader<ApplicationStatus>, company: CompanySlug) -> impl IntoView {
    let t = application.t;
    let url = StoredValue::new(application.application_url("/talent-pool/alerts"));
    let token = StoredValue::new(application.token.clone());
    let postings: Loader<PostingList> =
        Loader::new(format!("{}api/v1/companies/{}/postings", application.api_base, company.as_str()));
    // The boxes start from the saved choice; later status answers are what
    // the candidate just saved, so the boxes already show it.
    let saved = status.loaded().and_then(|s| s.talent_pool_alerts);
    let departments = RwSignal::new(saved.as_ref().map(|a| a.departments.clone()).unwrap_or_default());
    let places = RwSignal::new(saved.as_ref().map(|a| a.places.clone()).unwrap_or_default());
    let active = move || status.loaded().is_some_and(|s| s.talent_pool_alerts.is_some());
    let said = RwSignal::new(None::<&'static str>);
    let failed = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let send = move |ev: &web_sys::Event, alerts: Option<PoolAlerts>| {
        // Stop goes once it worked: focus to the part's heading, not the page's top.
        let root = focus::root_of(ev);
        let (url, token) = (url.get_value(), token.get_value());
        let stopping = alerts.is_none();
        failed.set(false);
        said.set(None);
        busy.set(true);
        spawn_local(async move {
            let body = Body::json(&PoolAlertsChoice { alerts });
            let proof = [(APPLICATION_HEADER, token.as_str())];
            match api_client::send_for::<ApplicationStatus>(Method::Put, &url, &proof, body).await {
                Ok(next) => {
                    if stopping {
                        let _ = departments.try_set(Vec::new());
                        let _ = places.try_set(Vec::new());
                    }
                    let _ = said.try_set(Some(if stopping { t.alerts_stopped } else { t.alerts_saved }));
                    status.set(next);
                    focus::focus_by_id(root, "candor-alerts-title".to_owned());
                }
                Err(_) => {
                    let _ = failed.try_set(true);
                }
            }
            let _ = busy.try_set(false);
        });
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let alerts = PoolAlerts { departments: departments.get_untracked(), places: places.get_untracked() };
        send(&ev, Some(alerts));
    };
    let stop = move |ev: leptos::ev::MouseEvent| send(&ev, None);
    // One group of boxes: `chosen` holds the ticked names.
    let group = move |id: &'static str, legend: &'static str, chosen: RwSignal<Vec<String>>, open: Vec<String>| {
        let names = options(open, &chosen.get_untracked());
        (!names.is_empty()).then(|| {
            let boxes = names
                .into_iter()
                .enumerate()
                .map(|(i, name)| {
                    let box_id = format!("candor-alerts-{id}-{i}");
                    let (for_check, for_change) = (name.clone(), name.clone());
                    let checked = move || chosen.with(|c| c.contains(&for_check));
                    let change = move |ev: leptos::ev::Event| {
                        let on = event_target_checked(&ev);
                        chosen.update(|c| {
                            c.retain(|n| n != &for_change);
                            if on {
                                c.push(for_change.clone());
                            }
                        });
                    };
                    view! {
                        <label class="check" for=box_id.clone()>
                            <input id=box_id.clone() type="checkbox" prop:checked=checked on:change=change/>
                            {name}
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset id=format!("candor-alerts-{id}")>
                    <legend>{legend}</legend>
                    {boxes}
                </fieldset>
            }
        })
    };
    let groups = move || {
        let facets = postings.loaded().map(|p| p.facets).unwrap_or_default();
        let values = |f: Vec<candor_api::postings::FacetValue>| f.into_iter().map(|v| v.value).collect::<Vec<_>>();
        view! {
            {group("departments", t.alerts_departments, departments, values(facets.departments))}
            {group("places", t.alerts_places, places, values(facets.locations))}
        }
    };
    view! {
        <form class="pool-alerts" on:submit=save aria-labelledby="candor-alerts-title" novalidate>
            <h4 id="candor-alerts-title" tabindex="-1">{t.alerts_title}</h4>
            <p class="muted">{t.alerts_note}</p>
            {groups}
            <p hidden=move || !active()>{t.alerts_active}</p>
            <div class="resume-actions">
                <button type="submit" class="button" disabled=move || busy.get()>{t.alerts_save}</button>
                <Show when=active>
                    <button type="button" class="button secondary" disabled=move || busy.get() on:click=stop>
                        {t.alerts_stop}
                    </button>
                </Show>
            </div>
            <p class="field-error" role="alert" hidden=move || !failed.get()>{t.action_failed}</p>
            <p class="muted" role="status">{move || said.get()}</p>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_choice_no_open_posting_names_is_still_offered() {
        let open = vec!["Clinic".to_owned(), "Office".to_owned()];
        let saved = vec!["clinic".to_owned(), "Lab".to_owned()];
        assert_eq!(options(open, &saved), ["Clinic", "Office", "Lab"]);
    }
}
