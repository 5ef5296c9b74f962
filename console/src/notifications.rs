//! The signed-in person's own mail of the work that waits: a mail for each
//! new application and question, one morning digest, or none. Any role
//! chooses it, on the settings page.
//!
//! Its texts in every locale are here, with the console's own language
//! picked at one place ([`locale`]): the console speaks English until each
//! person's console language arrives, which then only changes that place
//! (or moves these texts into its catalogue).

use candor_api::Locale;
use candor_api::notifications::{Notifications, Notify};
use candor_widget::api_client::{Body, Loader, Method};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::client::{API, Api, say};
use crate::ui;

/// The console's language, for these texts.
fn locale() -> Locale {
    crate::i18n::locale()
}

pub struct Texts {
    pub title: &'static str,
    pub intro: &'static str,
    pub legend: &'static str,
    pub each: &'static str,
    pub digest: &'static str,
    pub none: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub failed: &'static str,
    /// On a set-password link just made: it went by mail too.
    pub link_mailed: &'static str,
}

pub fn texts() -> &'static Texts {
    match locale() {
        Locale::En => &EN,
        Locale::Fi => &FI,
        Locale::Sv => &SV,
        Locale::Pl => &PL,
        Locale::Nl => &NL,
    }
}

static EN: Texts = Texts {
    title: "Your notifications",
    intro: "What Candor mails you of the work that waits. Only you see your choice.",
    legend: "Mail me",
    each: "A mail for each new application and question",
    digest: "One mail each morning of what waits: unanswered questions, silence alarms, promises due that day",
    none: "No mail: I look in the console",
    save: "Save notifications",
    saved: "Saved.",
    failed: "Your notifications could not be loaded.",
    link_mailed: "It is on its way to them by mail too. It works once, for {hours} hours, and won't be shown here again.",
};

static FI: Texts = Texts {
    title: "Omat ilmoituksesi",
    intro: "Mitä Candor lähettää sinulle sähköpostilla odottavasta työstä. Valintasi näkyy vain sinulle.",
    legend: "Lähetä minulle",
    each: "Viesti jokaisesta uudesta hakemuksesta ja kysymyksestä",
    digest: "Joka aamu yksi viesti siitä, mikä odottaa: vastaamattomat kysymykset, hiljaisuushälytykset ja sinä päivänä erääntyvät lupaukset",
    none: "Ei viestejä: katson konsolista",
    save: "Tallenna ilmoitukset",
    saved: "Tallennettu.",
    failed: "Ilmoitusasetuksiasi ei voitu ladata.",
    link_mailed: "Linkki on matkalla hänelle myös sähköpostilla. Se toimii kerran, {hours} tunnin ajan, eikä sitä näytetä täällä uudelleen.",
};

static SV: Texts = Texts {
    title: "Dina aviseringar",
    intro: "Vad Candor mejlar dig om arbetet som väntar. Bara du ser ditt val.",
    legend: "Mejla mig",
    each: "Ett mejl för varje ny ansökan och fråga",
    digest: "Ett mejl varje morgon om det som väntar: obesvarade frågor, tystnadslarm och löften som gäller den dagen",
    none: "Inga mejl: jag tittar i konsolen",
    save: "Spara aviseringar",
    saved: "Sparat.",
    failed: "Dina aviseringar kunde inte läsas in.",
    link_mailed: "Den är på väg till personen med mejl också. Den fungerar en gång, i {hours} timmar, och visas inte här igen.",
};

static PL: Texts = Texts {
    title: "Twoje powiadomienia",
    intro: "Co Candor wysyła Ci e-mailem o pracy, która czeka. Twój wybór widzisz tylko Ty.",
    legend: "Wysyłaj mi",
    each: "Wiadomość o każdym nowym zgłoszeniu i pytaniu",
    digest: "Jedną wiadomość co rano o tym, co czeka: pytania bez odpowiedzi, alarmy ciszy i obietnice na ten dzień",
    none: "Żadnych wiadomości: zaglądam do konsoli",
    save: "Zapisz powiadomienia",
    saved: "Zapisano.",
    failed: "Nie udało się wczytać Twoich powiadomień.",
    link_mailed: "Link jest też w drodze do tej osoby e-mailem. Działa jeden raz przez {hours} godz. i nie zostanie tu pokazany ponownie.",
};

static NL: Texts = Texts {
    title: "Je meldingen",
    intro: "Wat Candor je mailt over het werk dat wacht. Alleen jij ziet je keuze.",
    legend: "Mail me",
    each: "Een mail bij elke nieuwe sollicitatie en vraag",
    digest: "Elke ochtend één mail over wat er wacht: onbeantwoorde vragen, stiltealarmen en beloftes voor die dag",
    none: "Geen mail: ik kijk in de console",
    save: "Meldingen opslaan",
    saved: "Opgeslagen.",
    failed: "Je meldingen konden niet worden geladen.",
    link_mailed: "Hij is ook per mail onderweg naar die persoon. Hij werkt één keer, {hours} uur lang, en wordt hier niet opnieuw getoond.",
};

#[component]
pub fn MyNotifications(api: Api) -> impl IntoView {
    let t = texts();
    let stored: Loader<Notifications> = Loader::new(format!("{API}me/notifications"));
    ui::loaded(stored, t.failed, move |n| view! { <NotificationsForm notify=n.notify api/> })
}

#[component]
fn NotificationsForm(notify: Notify, api: Api) -> impl IntoView {
    let t = texts();
    let chosen = RwSignal::new(notify);
    let saved = RwSignal::new(None::<&'static str>);
    let problem = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(None);
        let request = Notifications { notify: chosen.get_untracked() };
        spawn_local(async move {
            let url = format!("{API}me/notifications");
            match api.send_for::<Notifications>(Method::Put, &url, Body::json(&request)).await {
                Ok(_) => {
                    problem.set(None);
                    saved.set(Some(t.saved));
                }
                Err(e) => problem.set(Some(say(&e))),
            }
        });
    };
    let option = move |value: Notify, label: &'static str| {
        let id = format!("notify-{}", value.as_str());
        view! {
            <label class="check">
                <input id=id type="radio" name="notify" value=value.as_str() prop:checked=move || chosen.get() == value on:change=move |_| chosen.set(value)/>
                {label}
            </label>
        }
    };
    view! {
        <form class="card editor" on:submit=save aria-labelledby="notify-title" novalidate>
            <h2 id="notify-title">{t.title}</h2>
            <p class="muted">{t.intro}</p>
            <fieldset>
                <legend>{t.legend}</legend>
                {option(Notify::Each, t.each)}
                {option(Notify::Digest, t.digest)}
                {option(Notify::None, t.none)}
            </fieldset>
            <p class="error" role="alert">{move || problem.get()}</p>
            <p class="muted" role="status">{move || saved.get()}</p>
            <div class="actions"><button type="submit">{t.save}</button></div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_locale_says_every_text_and_keeps_the_hours() {
        for t in [&EN, &FI, &SV, &PL, &NL] {
            for text in [t.title, t.intro, t.legend, t.each, t.digest, t.none, t.save, t.saved, t.failed] {
                assert!(!text.trim().is_empty());
            }
            assert!(t.link_mailed.contains("{hours}"), "{}", t.link_mailed);
        }
    }
}
