//! Every string of the status view, one catalogue per locale (the widget's
//! own catalogue holds the careers pages' strings).

use candor_api::Locale;
use candor_widget::i18n::Plural;

pub struct CandidateStrings {
    pub locale: Locale,
    pub loading: &'static str,
    pub not_found: &'static str,
    pub error_title: &'static str,
    pub error_body: &'static str,
    pub retry: &'static str,
    pub live_note: &'static str,
    pub received_on: &'static str,
    pub promised_by: &'static str,
    pub overdue: Plural,
    pub next_word: &'static str,
    pub where_things_stand: &'static str,
    pub stage_done: &'static str,
    pub stage_current: &'static str,
    pub stage_upcoming: &'static str,
    pub stage_skipped: &'static str,
    pub started_on: &'static str,
    pub planned_around: &'static str,
    pub usually_days: Plural,
    pub history: &'static str,
    pub event_received: &'static str,
    pub event_stage: &'static str,
    pub event_message: &'static str,
    pub event_promise: &'static str,
    pub event_closed: &'static str,
    pub event_withdrawn: &'static str,
    pub event_feedback: &'static str,
    pub outcome_hired: &'static str,
    pub outcome_not_selected: &'static str,
    pub outcome_position_closed: &'static str,
    pub withdrawn_title: &'static str,
}

pub fn strings(locale: Locale) -> &'static CandidateStrings {
    match locale {
        Locale::En => &EN,
        Locale::Fi => &FI,
        Locale::Sv => &SV,
        Locale::Pl => &PL,
        Locale::Nl => &NL,
    }
}

static EN: CandidateStrings = CandidateStrings {
    locale: Locale::En,
    loading: "Loading your application…",
    not_found: "This status link doesn't open an application. It may have been erased, or the link is incomplete.",
    error_title: "We couldn't load your application.",
    error_body: "Please check your connection and try again.",
    retry: "Try again",
    live_note: "updates appear here as they happen",
    received_on: "Received {date}",
    promised_by: "We promised to get back to you by {date}.",
    overdue: Plural { one: "Overdue by {n} day. You are owed an answer.", few: "Overdue by {n} days. You are owed an answer.", many: "Overdue by {n} days. You are owed an answer.", other: "Overdue by {n} days. You are owed an answer." },
    next_word: "What comes next",
    where_things_stand: "Where things stand",
    stage_done: "Done",
    stage_current: "Now",
    stage_upcoming: "Next",
    stage_skipped: "Skipped",
    started_on: "started {date}",
    planned_around: "planned around {date}",
    usually_days: Plural { one: "usually {n} day", few: "usually {n} days", many: "usually {n} days", other: "usually {n} days" },
    history: "What has happened",
    event_received: "Application received",
    event_stage: "Moved to: {stage}",
    event_message: "Message from {company}",
    event_promise: "New date",
    event_closed: "Decision",
    event_withdrawn: "You withdrew",
    event_feedback: "Your rating",
    outcome_hired: "You got the job. Congratulations!",
    outcome_not_selected: "Not selected this time",
    outcome_position_closed: "The position was closed",
    withdrawn_title: "You withdrew your application",
};

static FI: CandidateStrings = CandidateStrings {
    locale: Locale::Fi,
    loading: "Ladataan hakemustasi…",
    not_found: "Tämä tilalinkki ei avaa hakemusta. Se on ehkä poistettu, tai linkki on vajaa.",
    error_title: "Hakemustasi ei voitu ladata.",
    error_body: "Tarkista verkkoyhteys ja yritä uudelleen.",
    retry: "Yritä uudelleen",
    live_note: "muutokset näkyvät täällä heti",
    received_on: "Vastaanotettu {date}",
    promised_by: "Lupasimme vastata sinulle viimeistään {date}.",
    overdue: Plural { one: "Myöhässä {n} päivän. Olemme sinulle vastauksen velkaa.", few: "Myöhässä {n} päivää. Olemme sinulle vastauksen velkaa.", many: "Myöhässä {n} päivää. Olemme sinulle vastauksen velkaa.", other: "Myöhässä {n} päivää. Olemme sinulle vastauksen velkaa." },
    next_word: "Mitä seuraavaksi",
    where_things_stand: "Missä mennään",
    stage_done: "Valmis",
    stage_current: "Nyt",
    stage_upcoming: "Tulossa",
    stage_skipped: "Ohitettu",
    started_on: "alkoi {date}",
    planned_around: "suunniteltu noin {date}",
    usually_days: Plural { one: "yleensä {n} päivä", few: "yleensä {n} päivää", many: "yleensä {n} päivää", other: "yleensä {n} päivää" },
    history: "Mitä on tapahtunut",
    event_received: "Hakemus vastaanotettu",
    event_stage: "Siirretty vaiheeseen: {stage}",
    event_message: "Viesti: {company}",
    event_promise: "Uusi päivämäärä",
    event_closed: "Päätös",
    event_withdrawn: "Peruit hakemuksesi",
    event_feedback: "Arviosi",
    outcome_hired: "Sait paikan. Onneksi olkoon!",
    outcome_not_selected: "Et tullut valituksi tällä kertaa",
    outcome_position_closed: "Haku suljettiin",
    withdrawn_title: "Peruit hakemuksesi",
};

static SV: CandidateStrings = CandidateStrings {
    locale: Locale::Sv,
    loading: "Din ansökan laddas…",
    not_found: "Den här statuslänken öppnar ingen ansökan. Den kan ha raderats, eller så är länken ofullständig.",
    error_title: "Vi kunde inte ladda din ansökan.",
    error_body: "Kontrollera din anslutning och försök igen.",
    retry: "Försök igen",
    live_note: "ändringar visas här direkt",
    received_on: "Mottagen {date}",
    promised_by: "Vi lovade att återkomma till dig senast {date}.",
    overdue: Plural { one: "Försenat med {n} dag. Du har rätt till ett svar.", few: "Försenat med {n} dagar. Du har rätt till ett svar.", many: "Försenat med {n} dagar. Du har rätt till ett svar.", other: "Försenat med {n} dagar. Du har rätt till ett svar." },
    next_word: "Vad som händer härnäst",
    where_things_stand: "Så här ligger det till",
    stage_done: "Klart",
    stage_current: "Nu",
    stage_upcoming: "Nästa",
    stage_skipped: "Hoppades över",
    started_on: "började {date}",
    planned_around: "planerat runt {date}",
    usually_days: Plural { one: "vanligtvis {n} dag", few: "vanligtvis {n} dagar", many: "vanligtvis {n} dagar", other: "vanligtvis {n} dagar" },
    history: "Vad som har hänt",
    event_received: "Ansökan mottagen",
    event_stage: "Flyttad till: {stage}",
    event_message: "Meddelande från {company}",
    event_promise: "Nytt datum",
    event_closed: "Beslut",
    event_withdrawn: "Du drog tillbaka ansökan",
    event_feedback: "Ditt betyg",
    outcome_hired: "Du fick jobbet. Grattis!",
    outcome_not_selected: "Inte utvald den här gången",
    outcome_position_closed: "Tjänsten stängdes",
    withdrawn_title: "Du drog tillbaka din ansökan",
};

static PL: CandidateStrings = CandidateStrings {
    locale: Locale::Pl,
    loading: "Wczytywanie twojej aplikacji…",
    not_found: "Ten link nie otwiera żadnej aplikacji. Mogła zostać usunięta albo link jest niepełny.",
    error_title: "Nie udało się wczytać twojej aplikacji.",
    error_body: "Sprawdź połączenie i spróbuj ponownie.",
    retry: "Spróbuj ponownie",
    live_note: "zmiany pojawiają się tutaj na bieżąco",
    received_on: "Otrzymano {date}",
    promised_by: "Obiecaliśmy odezwać się do {date}.",
    overdue: Plural { one: "Spóźnienie: {n} dzień. Należy ci się odpowiedź.", few: "Spóźnienie: {n} dni. Należy ci się odpowiedź.", many: "Spóźnienie: {n} dni. Należy ci się odpowiedź.", other: "Spóźnienie: {n} dnia. Należy ci się odpowiedź." },
    next_word: "Co dalej",
    where_things_stand: "Na jakim etapie jesteśmy",
    stage_done: "Zakończony",
    stage_current: "Teraz",
    stage_upcoming: "Następny",
    stage_skipped: "Pominięty",
    started_on: "rozpoczęty {date}",
    planned_around: "planowany około {date}",
    usually_days: Plural { one: "zwykle {n} dzień", few: "zwykle {n} dni", many: "zwykle {n} dni", other: "zwykle {n} dnia" },
    history: "Co się wydarzyło",
    event_received: "Aplikacja otrzymana",
    event_stage: "Przeniesiono do etapu: {stage}",
    event_message: "Wiadomość od {company}",
    event_promise: "Nowy termin",
    event_closed: "Decyzja",
    event_withdrawn: "Wycofano aplikację",
    event_feedback: "Twoja ocena",
    outcome_hired: "Dostajesz tę pracę. Gratulacje!",
    outcome_not_selected: "Tym razem nie zostałeś wybrany",
    outcome_position_closed: "Rekrutacja została zamknięta",
    withdrawn_title: "Wycofano twoją aplikację",
};

static NL: CandidateStrings = CandidateStrings {
    locale: Locale::Nl,
    loading: "Je sollicitatie wordt geladen…",
    not_found: "Deze statuslink opent geen sollicitatie. Misschien is die gewist, of is de link onvolledig.",
    error_title: "We konden je sollicitatie niet laden.",
    error_body: "Controleer je verbinding en probeer het opnieuw.",
    retry: "Opnieuw proberen",
    live_note: "wijzigingen verschijnen hier meteen",
    received_on: "Ontvangen {date}",
    promised_by: "We hebben beloofd je uiterlijk {date} te antwoorden.",
    overdue: Plural { one: "{n} dag te laat. Je hebt recht op een antwoord.", few: "{n} dagen te laat. Je hebt recht op een antwoord.", many: "{n} dagen te laat. Je hebt recht op een antwoord.", other: "{n} dagen te laat. Je hebt recht op een antwoord." },
    next_word: "Wat er nu komt",
    where_things_stand: "Waar het staat",
    stage_done: "Klaar",
    stage_current: "Nu",
    stage_upcoming: "Volgende",
    stage_skipped: "Overgeslagen",
    started_on: "begonnen {date}",
    planned_around: "gepland rond {date}",
    usually_days: Plural { one: "meestal {n} dag", few: "meestal {n} dagen", many: "meestal {n} dagen", other: "meestal {n} dagen" },
    history: "Wat er is gebeurd",
    event_received: "Sollicitatie ontvangen",
    event_stage: "Naar stap: {stage}",
    event_message: "Bericht van {company}",
    event_promise: "Nieuwe datum",
    event_closed: "Besluit",
    event_withdrawn: "Je trok je sollicitatie in",
    event_feedback: "Jouw beoordeling",
    outcome_hired: "Je hebt de baan. Gefeliciteerd!",
    outcome_not_selected: "Deze keer niet gekozen",
    outcome_position_closed: "De vacature is gesloten",
    withdrawn_title: "Je hebt je sollicitatie ingetrokken",
};

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &CandidateStrings) -> Vec<&'static str> {
        vec![
            s.loading,
            s.not_found,
            s.error_title,
            s.error_body,
            s.retry,
            s.live_note,
            s.received_on,
            s.promised_by,
            s.overdue.one, s.overdue.few, s.overdue.many, s.overdue.other,
            s.next_word,
            s.where_things_stand,
            s.stage_done,
            s.stage_current,
            s.stage_upcoming,
            s.stage_skipped,
            s.started_on,
            s.planned_around,
            s.usually_days.one, s.usually_days.few, s.usually_days.many, s.usually_days.other,
            s.history,
            s.event_received,
            s.event_stage,
            s.event_message,
            s.event_promise,
            s.event_closed,
            s.event_withdrawn,
            s.event_feedback,
            s.outcome_hired,
            s.outcome_not_selected,
            s.outcome_position_closed,
            s.withdrawn_title,
        ]
    }

    #[test]
    fn every_catalogue_is_complete_and_keeps_the_placeholders() {
        let english = texts(strings(Locale::En));
        for locale in Locale::ALL {
            let s = strings(locale);
            assert_eq!(s.locale, locale);
            for (text, en) in texts(s).iter().zip(&english) {
                assert!(!text.trim().is_empty(), "{locale:?}");
                for placeholder in ["{n}", "{date}", "{stage}", "{company}"] {
                    assert_eq!(text.contains(placeholder), en.contains(placeholder), "{locale:?}: {text}");
                }
            }
        }
    }

    #[test]
    fn overdue_counts_in_each_language() {
        assert_eq!(strings(Locale::En).overdue.format(Locale::En, 3), "Overdue by 3 days. You are owed an answer.");
        assert_eq!(strings(Locale::Pl).usually_days.format(Locale::Pl, 5), "zwykle 5 dni");
        assert_eq!(strings(Locale::Fi).overdue.format(Locale::Fi, 1), "Myöhässä 1 päivän. Olemme sinulle vastauksen velkaa.");
    }
}
