//! The talent pool: the candidates who chose, when applying, to be kept for
//! the company's later openings, while that consent lasts (a year from
//! applying, unless they leave it from their status page), searched by skill
//! and place. Each links to the application they joined with.

use candor_api::privacy::{PoolMember, TalentPool};
use candor_widget::api_client::Loader;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use crate::client::API;
use crate::i18n::{ConsoleStrings, fill, t};
use crate::{Screen, dates, ui};

/// The table's columns, for its head and each cell's label on a narrow screen.
fn columns(t: &'static ConsoleStrings) -> [&'static str; 6] {
    [t.pool_col_name, t.pool_col_headline, t.pool_col_place, t.pool_col_skills, t.pool_col_posting, t.pool_col_until]
}

fn address(skill: &str, place: &str) -> String {
    let enc = |text: &str| String::from(js_sys::encode_uri_component(text.trim()));
    let mut query = Vec::new();
    if !skill.trim().is_empty() {
        query.push(format!("skill={}", enc(skill)));
    }
    if !place.trim().is_empty() {
        query.push(format!("place={}", enc(place)));
    }
    if query.is_empty() { format!("{API}talent-pool") } else { format!("{API}talent-pool?{}", query.join("&")) }
}

#[component]
pub fn TalentPoolPage() -> impl IntoView {
    let t = t();
    let skill = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let pool = RwSignal::new(Loader::<TalentPool>::new(address("", "")));
    let search = move |ev: SubmitEvent| {
        ev.prevent_default();
        pool.set(Loader::new(address(&skill.get_untracked(), &place.get_untracked())));
    };
    let list = move || {
        ui::loaded(pool.get(), t.pool_failed, move |found: TalentPool| {
            let count = fill(t.pool_count, &[("n", &found.members.len().to_string())]);
            if found.members.is_empty() {
                return view! { <p class="muted" role="status">{t.pool_none}</p> }.into_any();
            }
            let rows = found.members.into_iter().map(|m| view! { <Row member=m/> }).collect_view();
            view! {
                <p class="muted" role="status">{count}</p>
                {ui::table(columns(t), false, rows)}
            }
            .into_any()
        })()
    };
    view! {
        <section class="card" aria-labelledby="pool-title">
            <h2 id="pool-title">{t.tab_pool}</h2>
            <p class="muted">{t.pool_intro}</p>
            <form class="pool-search" role="search" aria-label=t.pool_search on:submit=search>
                {ui::input_field("pool-skill", t.pool_skill, "search", "off", false, skill)}
                {ui::input_field("pool-place", t.pool_place, "search", "off", false, place)}
                <button type="submit">{t.pool_search}</button>
            </form>
            {list}
        </section>
    }
}

#[component]
fn Row(member: PoolMember) -> impl IntoView {
    let t = t();
    let [col_name, col_headline, col_place, col_skills, col_posting, col_until] = columns(t);
    let href = Screen::Application(member.application).href();
    view! {
        <tr>
            <td data-label=col_name><a href=href>{member.name}</a></td>
            <td data-label=col_headline>{member.headline}</td>
            <td data-label=col_place>{member.location}</td>
            <td data-label=col_skills>{member.skills.join(", ")}</td>
            <td data-label=col_posting lang=member.posting.lang.tag()>{member.posting.title}</td>
            <td data-label=col_until>{dates::short(member.consent_until)}</td>
        </tr>
    }
}
