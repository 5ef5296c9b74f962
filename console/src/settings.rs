//! Company settings: what careers pages show (name, accent colour, font,
//! logo, default language), what candidates are promised (retention), when
//! the inbox raises a silence alarm and whether a missed promise is
//! apologised for by mail, which sites may embed the widget, and what a
//! progress report's new link shows and the weekday its readers' summary
//! goes out.
//! Everyone reads them; admins change them.

use candor_api::company::{CompanySettings, RETENTION_DAYS, SILENCE_ALARM_DAYS};
use candor_api::reports::{ReportSettings, Shows};
use candor_api::{FieldError, HexColor, Locale};
use candor_widget::api_client::{Body, Loader, Method};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::{API, Api, say};
use crate::i18n::t;
use crate::{dates, ui};

#[component]
pub fn SettingsPage(api: Api, is_admin: bool) -> impl IntoView {
    let stored: Loader<CompanySettings> = Loader::new(format!("{API}company"));
    ui::loaded(stored, t().settings_failed, move |s| view! { <SettingsForm settings=s api is_admin/> })
}

#[component]
fn SettingsForm(settings: CompanySettings, api: Api, is_admin: bool) -> impl IntoView {
    let name = RwSignal::new(settings.name.clone());
    let accent = RwSignal::new(settings.branding.accent_color.as_str().to_owned());
    let font = RwSignal::new(settings.branding.font_family.clone().unwrap_or_default());
    let logo = RwSignal::new(settings.branding.logo_url.clone().unwrap_or_default());
    let locale = RwSignal::new(settings.default_locale);
    let retention = RwSignal::new(settings.retention_days.to_string());
    let alarm = RwSignal::new(settings.silence_alarm_days.to_string());
    let origins = RwSignal::new(settings.origins.join("\n"));
    let late_mail = RwSignal::new(settings.late_promise_mail);
    let report_shows = RwSignal::new(settings.reports.default_shows);
    let digest_weekday = RwSignal::new(settings.reports.digest_weekday);
    let problem = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        let accent_color = match HexColor::parse(accent.get_untracked().trim()) {
            Ok(colour) => colour,
            Err(invalid) => {
                problem.set(Some(ui::point_at(&FieldError::new("accent_color", invalid), "settings-accent")));
                return;
            }
        };
        let days = |raw: String| raw.trim().parse::<u32>().unwrap_or(0);
        let optional = |raw: String| Some(raw.trim().to_owned()).filter(|s| !s.is_empty());
        let request = CompanySettings {
            name: name.get_untracked(),
            branding: candor_api::Branding {
                accent_color,
                font_family: optional(font.get_untracked()),
                logo_url: optional(logo.get_untracked()),
            },
            default_locale: locale.get_untracked(),
            retention_days: days(retention.get_untracked()),
            silence_alarm_days: days(alarm.get_untracked()),
            origins: origins
                .get_untracked()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            late_promise_mail: late_mail.get_untracked(),
            reports: ReportSettings {
                default_shows: report_shows.get_untracked(),
                digest_weekday: digest_weekday.get_untracked(),
            },
        };
        // The shared rules, said before sending.
        if let Err(e) = request.validate() {
            let id = match e.field.as_ref() {
                "name" => "settings-name",
                "accent_color" => "settings-accent",
                "retention_days" => "settings-retention",
                "silence_alarm_days" => "settings-alarm",
                "font_family" => "settings-font",
                "logo_url" => "settings-logo",
                "digest_weekday" => "settings-digest-weekday",
                _ => "settings-origins",
            };
            problem.set(Some(ui::point_at(&e, id)));
            return;
        }
        problem.set(None);
        spawn_local(async move {
            match api.send_for::<CompanySettings>(Method::Put, &format!("{API}company"), Body::json(&request)).await {
                Ok(now) => {
                    origins.set(now.origins.join("\n"));
                    accent.set(now.branding.accent_color.as_str().to_owned());
                    saved.set(Some(t().settings_saved.into()));
                }
                Err(e) => problem.set(Some(say(&e))),
            }
        });
    };
    let bind = move |signal: RwSignal<String>| {
        move |ev: leptos::ev::Event| signal.set(leptos::prelude::event_target_value(&ev))
    };
    let disabled = !is_admin;
    let t = t();
    view! {
        <form class="card editor" on:submit=save aria-labelledby="settings-title" novalidate>
            <h2 id="settings-title">{t.company_settings}</h2>
            {disabled.then(|| view! { <p class="muted">{t.only_admins}</p> })}
            <fieldset disabled=disabled>
                <legend>{t.on_careers_pages}</legend>
                <div class="field">
                    <label for="settings-name">{t.company_name}</label>
                    <input id="settings-name" type="text" prop:value=move || name.get() on:input=bind(name)/>
                </div>
                <div class="grid-3">
                    <div class="field">
                        <label for="settings-accent">{t.accent}</label>
                        <div class="colour">
                            <input id="settings-accent" type="text" aria-describedby="settings-accent-hint" prop:value=move || accent.get() on:input=bind(accent)/>
                            <span class="swatch" aria-hidden="true" style:background-color=move || HexColor::parse(accent.get().trim()).map(|c| c.as_str().to_owned()).unwrap_or_default()></span>
                        </div>
                        <p class="muted" id="settings-accent-hint">{t.accent_hint}</p>
                    </div>
                    <div class="field">
                        <label for="settings-font">{t.font}</label>
                        <input id="settings-font" type="text" aria-describedby="settings-font-hint" prop:value=move || font.get() on:input=bind(font)/>
                        <p class="muted" id="settings-font-hint">{t.font_hint}</p>
                    </div>
                    <div class="field">
                        <label for="settings-locale">{t.default_language}</label>
                        <select id="settings-locale" on:change:target=move |ev| locale.set(Locale::parse(&ev.target().value()).unwrap_or_default())>
                            {Locale::ALL.iter().map(|&l| view! { <option value=l.tag() selected=move || locale.get() == l>{ui::language_name(l)}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="field">
                    <label for="settings-logo">{t.logo}</label>
                    <input id="settings-logo" type="url" prop:value=move || logo.get() on:input=bind(logo)/>
                </div>
            </fieldset>
            <fieldset disabled=disabled>
                <legend>{t.promises}</legend>
                <div class="grid-3">
                    <div class="field">
                        <label for="settings-retention">{t.retention}</label>
                        <input id="settings-retention" type="number" min=RETENTION_DAYS.0 max=RETENTION_DAYS.1 aria-describedby="settings-retention-hint" prop:value=move || retention.get() on:input=bind(retention)/>
                        <p class="muted" id="settings-retention-hint">{t.retention_hint}</p>
                    </div>
                    <div class="field">
                        <label for="settings-alarm">{t.alarm}</label>
                        <input id="settings-alarm" type="number" min=SILENCE_ALARM_DAYS.0 max=SILENCE_ALARM_DAYS.1 prop:value=move || alarm.get() on:input=bind(alarm)/>
                    </div>
                </div>
                <div class="field">
                    <label class="check" for="settings-late-mail">
                        <input id="settings-late-mail" type="checkbox" aria-describedby="settings-late-mail-hint" prop:checked=move || late_mail.get() on:change:target=move |ev| late_mail.set(ev.target().checked())/>
                        {t.late_mail}
                    </label>
                    <p class="muted" id="settings-late-mail-hint">{t.late_mail_hint}</p>
                </div>
            </fieldset>
            <fieldset disabled=disabled>
                <legend>{t.embedding}</legend>
                <div class="field">
                    <label for="settings-origins">{t.sites}</label>
                    <textarea id="settings-origins" rows="4" aria-describedby="settings-origins-hint" prop:value=move || origins.get() on:input=bind(origins)></textarea>
                    <p class="muted" id="settings-origins-hint">{t.sites_hint}</p>
                </div>
            </fieldset>
            <fieldset disabled=disabled>
                <legend>{t.reports_settings}</legend>
                <div class="grid-3">
                    <div class="field">
                        <label for="settings-report-shows">{t.reports_default_shows}</label>
                        <select id="settings-report-shows" on:change:target=move |ev| report_shows.set(Shows::parse(&ev.target().value()).unwrap_or_default())>
                            {Shows::ALL.map(|s| view! { <option value=s.as_str() selected=move || report_shows.get() == s>{t.shows_name(s)}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="settings-digest-weekday">{t.reports_digest_weekday}</label>
                        <select id="settings-digest-weekday" aria-describedby="settings-digest-weekday-hint" on:change:target=move |ev| digest_weekday.set(ev.target().value().parse().unwrap_or(1))>
                            {(1..=7u8).map(|d| view! { <option value=d.to_string() selected=move || digest_weekday.get() == d>{dates::weekday(d)}</option> }).collect_view()}
                        </select>
                        <p class="muted" id="settings-digest-weekday-hint">{t.reports_digest_hint}</p>
                    </div>
                </div>
            </fieldset>
            <p class="error" role="alert">{move || problem.get()}</p>
            <p class="muted" role="status">{move || saved.get()}</p>
            {is_admin.then(|| view! { <div class="actions"><button type="submit">{t.save_settings}</button></div> })}
        </form>
    }
}
