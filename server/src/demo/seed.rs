//! Northwind Dental: a made-up company with a believable set of openings,
//! seeded through the same validation a real company's postings go through,
//! and one posting's progress report shared with its hiring manager.

use candor_api::{
    Branding, CompanyPublic, CompanySlug, EmploymentType, Locale, Location, Origin, PayPeriod, QuestionKey,
    QuestionKind, SalaryRange, ScreeningQuestion, Stage, Workplace, postings::PostingDraft,
};

use candor_api::notifications::Notify;
use candor_api::recruiting::Role;
use candor_api::translation::{PostingTranslation, QuestionTranslation, StageTranslation, Translations};

use candor_api::PostingSlug;
use candor_api::reports::{LINK_DAYS_DEFAULT, NoteKind, Shows};

use crate::auth::passwords::hash_password;
use crate::auth::tokens::{ApiToken, ReportToken, TokenKey};
use crate::http::state::AppState;
use crate::store::{CompanyId, IssuedToken, NewCompany, NewReportLink, NewReportNote, NewUser, PostingStatus};

pub const COMPANY: &str = "northwind";

/// Creates Northwind Dental with its postings unless it exists, lets
/// `origins` embed its widget, and makes sure the demo recruiter token works.
/// Safe to run at every start; returns that token.
pub async fn seed(app: &AppState, origins: &[Origin]) -> anyhow::Result<ApiToken> {
    let slug = CompanySlug::parse(COMPANY)?;
    let company = match app.store.company_by_slug(&slug).await? {
        Some(existing) => existing.id,
        None => {
            let id = app
                .store
                .create_company(&NewCompany {
                    public: CompanyPublic {
                        slug: slug.clone(),
                        name: "Northwind Dental".into(),
                        branding: Branding {
                            // Through the settings' rule: the demo shows what a company may set.
                            accent_color: Branding::parse_accent("#0f766e")?,
                            font_family: None,
                            logo_url: None,
                        },
                        default_locale: Locale::En,
                        retention_days: 180,
                    },
                    silence_alarm_days: 7,
                    // Allowed below, at every start: the demo site's port may change.
                    origins: Vec::new(),
                    created_at: app.clock.now(),
                })
                .await?;
            let today = app.clock.today();
            for (age_days, status, draft) in postings() {
                let published = today.add_days(-age_days).unwrap_or(today);
                let posting = draft.validate(published, Locale::En)?;
                app.store.create_posting(id, &posting, status).await?;
            }
            id
        }
    };
    for origin in origins {
        app.store.allow_origin(company, origin).await?;
    }
    let token = TokenKey::of(&app.token_secret).demo_api_token();
    if app.store.api_token_by_selector(&token.selector()).await?.is_none() {
        let issued = IssuedToken {
            role: Role::Recruiter,
            name: "Demo recruiter".into(),
            selector: token.selector(),
            verifier: token.verifier_hash(),
            created_by: None,
            created_at: app.clock.now(),
        };
        app.store.create_api_token(company, &issued, None).await?;
    }
    seed_console_users(app, company).await?;
    seed_report(app, company).await?;
    Ok(token)
}

/// The posting whose progress report the demo shows.
pub const REPORTED: &str = "patient-experience-coordinator";

/// The demo posting's report: an update and a warning on it, and one share
/// link for the clinic's director, unless they are there. The link's
/// address is printed nowhere: the console lists the link, and shows the
/// report as its reader sees it.
async fn seed_report(app: &AppState, company: CompanyId) -> anyhow::Result<()> {
    let slug = PostingSlug::parse(REPORTED)?;
    let Some(posting) = app.store.posting(company, &slug).await? else { return Ok(()) };
    let now = app.clock.now();
    if app.store.report_notes(company, posting.id).await?.is_empty() {
        let notes = [
            (
                2,
                NoteKind::Update,
                "Week 1: the posting is on our careers page and on two job boards for patient services. \
                 Five people have asked about it; the first interviews are planned for next week.",
            ),
            (
                1,
                NoteKind::Warning,
                "Candidates expect a higher salary: three of the five who asked want at least 2,900 € a month for \
                 the 30 hours, above the range's top of 2,700 €. Shall we raise the range, or say more about the \
                 days at home?",
            ),
        ];
        for (days_ago, kind, body) in notes {
            let note = NewReportNote {
                company,
                posting: posting.id,
                kind,
                body: body.into(),
                author: "Rasmus Recruiter".into(),
                written_at: now - time::Duration::days(days_ago),
            };
            app.store.create_report_note(&note, Vec::new()).await?;
        }
    }
    if app.store.report_links(company, posting.id).await?.is_empty() {
        let seed = ReportToken::random_seed();
        let token = TokenKey::of(&app.token_secret).report_token(&seed);
        let link = NewReportLink {
            company,
            posting: posting.id,
            name: "Dr. Anna Berg, clinic director".into(),
            email: "anna.berg@northwind.example".into(),
            shows: Shows::Counts,
            locale: Locale::En,
            seed: seed.to_vec(),
            selector: token.selector(),
            verifier: token.verifier_hash(),
            created_by: "Rasmus Recruiter".into(),
            created_at: now - time::Duration::days(2),
            expires_on: app.clock.today().add_days(i64::from(LINK_DAYS_DEFAULT)).unwrap_or(app.clock.today()),
        };
        app.store.create_report_link(&link, None, None).await?;
    }
    Ok(())
}

/// The demo's console logins, one per role, all with [`DEMO_PASSWORD`].
pub const DEMO_USERS: [(&str, &str, Role); 3] = [
    ("admin@northwind.example", "Maria Admin", Role::Admin),
    ("recruiter@northwind.example", "Rasmus Recruiter", Role::Recruiter),
    ("viewer@northwind.example", "Vera Viewer", Role::Viewer),
];
pub const DEMO_PASSWORD: &str = "northwind-demo-2026";

async fn seed_console_users(app: &AppState, company: CompanyId) -> anyhow::Result<()> {
    let mut hash = None;
    for (email, name, role) in DEMO_USERS {
        if app.store.users_by_email(email).await?.iter().any(|u| u.company == company) {
            continue;
        }
        // One hash for all three: it is the same password, and hashing is slow on purpose.
        if hash.is_none() {
            hash = Some(hash_password(DEMO_PASSWORD.to_owned()).await?);
        }
        let id = app
            .store
            .create_user(
                &NewUser {
                    company,
                    email: email.to_owned(),
                    name: name.to_owned(),
                    role,
                    password_hash: hash.clone(),
                    created_at: app.clock.now(),
                },
                None,
            )
            .await?;
        // Made-up addresses: the demo's mails are the candidates', and each
        // login can choose a mail per arrival or a digest in the console.
        app.store.set_notify(company, id, Notify::None).await?;
    }
    Ok(())
}

fn stage(name: &str, expected_days: u16, description: &str) -> Stage {
    Stage { name: name.into(), expected_days, description: description.into() }
}

fn question(key: &str, prompt: &str, required: bool, kind: QuestionKind) -> ScreeningQuestion {
    ScreeningQuestion { key: QuestionKey::parse(key).expect("a valid demo key"), prompt: prompt.into(), required, kind }
}

fn salary(min: u32, max: u32, currency: &str, period: PayPeriod) -> Option<SalaryRange> {
    Some(SalaryRange { min, max, currency: currency.into(), period })
}

fn place(city: &str, country: &str) -> Location {
    Location { city: city.into(), country: country.into() }
}

/// (days since publication, status, posting)
fn postings() -> Vec<(i64, PostingStatus, PostingDraft)> {
    vec![
        (
            2,
            PostingStatus::Open,
            PostingDraft {
                slug: "senior-backend-engineer".into(),
                title: "Senior Backend Engineer (Rust)".into(),
                department: "Engineering".into(),
                location: place("Helsinki", "FI"),
                workplace: Workplace::Remote,
                employment_type: EmploymentType::FullTime,
                teaser: "Build the booking platform 40 clinics and 300,000 patients rely on.".into(),
                salary: salary(5200, 6800, "EUR", PayPeriod::Month),
                description: "\
Northwind's booking platform schedules every appointment in our 40 clinics: \
about 9,000 a day, from a child's first check-up to a four-hour implant surgery. \
We are a team of six engineers and we would like you to be the seventh.

## What you will do
- Own services in our Rust backend (axum, PostgreSQL) end to end, from design to on-call
- Make scheduling faster and fairer: waiting lists, cancellations, emergency slots
- Work with clinic staff every month: you will sit in a clinic and watch the software being used
- Review code and mentor two junior engineers

## What we are looking for
- **Five years or more** building and running backend services in production
- Rust, or deep experience in another systems language and the will to switch
- Care for boring reliability: migrations, observability, incident reviews
- Fluent English; Finnish or Swedish is a plus, not a requirement

## What we offer
- Fully remote within Finland, with a desk in Helsinki if you want one
- 5,200–6,800 € a month, plus free dental care for you and your family
- Four weeks of focus time a year for anything you want to learn"
                    .into(),
                stages: vec![
                    stage("Application review", 5, "An engineer on the team reads every application."),
                    stage("Intro call", 4, "30 minutes with our recruiter, Aino: your questions first."),
                    stage("Technical conversation", 7, "We talk through a system you built. No live coding."),
                    stage("Meet the team", 5, "Two hours with the engineers and a clinic manager."),
                    stage("Offer", 3, "A written offer with the salary we discussed."),
                ],
                screening_questions: vec![
                    question(
                        "rust-years",
                        "How many years have you written Rust professionally?",
                        true,
                        QuestionKind::Number { min: 0, max: 40 },
                    ),
                    question("eu-work-permit", "Do you have the right to work in Finland?", true, QuestionKind::YesNo),
                    question(
                        "proud-of",
                        "A link to code or writing you are proud of",
                        false,
                        QuestionKind::ShortText { max_chars: 300 },
                    ),
                    question(
                        "start",
                        "When could you start?",
                        true,
                        QuestionKind::SingleChoice {
                            options: vec![
                                "Immediately".into(),
                                "Within a month".into(),
                                "Within three months".into(),
                                "Later".into(),
                            ],
                        },
                    ),
                ],
                closes_on: None,
                translations: Translations::new(),
            },
        ),
        (
            5,
            PostingStatus::Open,
            PostingDraft {
                slug: "dental-hygienist".into(),
                title: "Dental Hygienist".into(),
                department: "Clinical".into(),
                location: place("Helsinki", "FI"),
                workplace: Workplace::OnSite,
                employment_type: EmploymentType::FullTime,
                teaser: "Gentle, unhurried care: 45-minute appointments, never back to back.".into(),
                salary: salary(3300, 3900, "EUR", PayPeriod::Month),
                description: "\
Our Kamppi clinic is growing and we are looking for a dental hygienist who \
believes prevention is the best treatment.

## Your work
- Periodontal treatment and prevention for adults and children
- 45-minute appointments, with time to explain and to listen
- Working in pairs with our dentists on treatment plans

## You have
- A Finnish dental hygienist degree or a Valvira licence
- Good Finnish; Swedish or English is a plus
- Patience with nervous patients

We offer a permanent contract, regular daytime hours (no evenings), paid \
training days and a clinic team of twelve that actually has lunch together."
                    .into(),
                stages: vec![
                    stage("Application review", 4, ""),
                    stage("Phone interview", 5, "20 minutes with the clinic manager."),
                    stage("Clinic visit", 7, "Meet the team and see the clinic, paid half day."),
                    stage("Reference check", 4, "We call the references you give us, nobody else."),
                    stage("Offer", 2, ""),
                ],
                screening_questions: vec![
                    question(
                        "valvira",
                        "Do you hold a Valvira licence as a dental hygienist?",
                        true,
                        QuestionKind::YesNo,
                    ),
                    question(
                        "languages",
                        "In which languages can you treat patients?",
                        true,
                        QuestionKind::ShortText { max_chars: 200 },
                    ),
                    question(
                        "motivation",
                        "What do you enjoy most in your work?",
                        false,
                        QuestionKind::LongText { max_chars: 2000 },
                    ),
                ],
                closes_on: None,
                translations: hygienist_in_finnish(),
            },
        ),
        (
            9,
            PostingStatus::Open,
            PostingDraft {
                slug: "patient-experience-coordinator".into(),
                title: "Patient Experience Coordinator".into(),
                department: "Patient Services".into(),
                location: place("Tampere", "FI"),
                workplace: Workplace::Hybrid,
                employment_type: EmploymentType::PartTime,
                teaser: "Be the voice patients hear first, three days a week.".into(),
                salary: salary(2300, 2700, "EUR", PayPeriod::Month),
                description: "\
You answer patients' calls and messages, help them find the right time and \
the right specialist, and make sure nobody leaves a clinic unsure of what \
happens next.

- 30 hours a week, three days at our Tampere clinic and the rest from home
- You will have a say in how we measure and improve patient experience
- Finnish and English required, any other language is a plus"
                    .into(),
                stages: vec![
                    stage("Application review", 3, ""),
                    stage("Interview", 5, "An hour with the patient services lead."),
                    stage("Trial shift", 4, "A paid half day on the phones with a colleague."),
                    stage("Offer", 2, ""),
                ],
                screening_questions: vec![
                    question("finnish", "Do you speak Finnish fluently?", true, QuestionKind::YesNo),
                    question(
                        "hours",
                        "Which days suit you?",
                        false,
                        QuestionKind::SingleChoice {
                            options: vec!["Mon–Wed".into(), "Wed–Fri".into(), "Flexible".into()],
                        },
                    ),
                ],
                closes_on: None,
                translations: coordinator_in_finnish(),
            },
        ),
        (
            14,
            PostingStatus::Open,
            PostingDraft {
                slug: "orthodontist".into(),
                title: "Orthodontist".into(),
                department: "Clinical".into(),
                location: place("Turku", "FI"),
                workplace: Workplace::OnSite,
                employment_type: EmploymentType::FullTime,
                teaser: "Lead orthodontic care in our new Turku clinic.".into(),
                salary: None,
                description: "\
We are opening an orthodontics unit in Turku in the spring and are looking \
for the specialist who will shape it.

## Responsibilities
1. Diagnosis and treatment planning for children and adults
2. Clear aligner and fixed appliance treatments
3. Building the unit's way of working with two assistants

Salary by agreement: we publish ranges for every role except specialist \
dentists, whose pay depends on the patient base they build."
                    .into(),
                stages: vec![
                    stage("Application review", 7, ""),
                    stage("Interview", 10, "With our clinical director, Dr. Laine."),
                    stage("Clinic visit", 7, ""),
                    stage("References", 5, ""),
                    stage("Offer", 5, ""),
                    stage("Contract signing", 5, ""),
                ],
                screening_questions: vec![
                    question("specialist", "Are you a licensed specialist in orthodontics?", true, QuestionKind::YesNo),
                    question(
                        "experience",
                        "Years of experience as an orthodontist",
                        true,
                        QuestionKind::Number { min: 0, max: 50 },
                    ),
                ],
                closes_on: None,
                translations: Translations::new(),
            },
        ),
        (
            20,
            PostingStatus::Open,
            PostingDraft {
                slug: "marketing-intern".into(),
                title: "Marketing Intern, Summer 2027".into(),
                department: "Marketing".into(),
                location: place("Stockholm", "SE"),
                workplace: Workplace::Hybrid,
                employment_type: EmploymentType::Internship,
                teaser: "Three months, one real campaign, and a mentor who has time for you.".into(),
                salary: salary(24000, 24000, "SEK", PayPeriod::Month),
                description: "\
Help us tell Swedish families why a dentist can be a nice place to go. You \
will plan and run one campaign from idea to results, with a mentor.

- June to August 2027, full time
- Studying marketing, communications or similar
- Swedish and English"
                    .into(),
                stages: vec![
                    stage("Application review", 7, ""),
                    stage("Video interview", 5, "Recorded answers are not used: it is a live call."),
                    stage("Case assignment", 7, "A small, paid assignment: an idea for a campaign."),
                    stage("Offer", 3, ""),
                ],
                screening_questions: vec![question(
                    "studies",
                    "What are you studying, and where?",
                    true,
                    QuestionKind::ShortText { max_chars: 200 },
                )],
                closes_on: None,
                translations: Translations::new(),
            },
        ),
        (
            30,
            PostingStatus::Open,
            PostingDraft {
                slug: "data-analyst".into(),
                title: "Data Analyst".into(),
                department: "Operations".into(),
                location: place("Stockholm", "SE"),
                workplace: Workplace::Hybrid,
                employment_type: EmploymentType::Contract,
                teaser: "Six months to find out why patients cancel, and what would help.".into(),
                salary: salary(450, 550, "SEK", PayPeriod::Hour),
                description: "\
A six-month contract with our operations team. We have three years of \
booking data and a hunch that cancellations follow patterns we could act on.

- SQL and Python or R
- Able to explain findings to clinic managers, not only to analysts
- Two days a week at our Stockholm office"
                    .into(),
                stages: vec![
                    stage("Application review", 5, ""),
                    stage("Interview", 5, ""),
                    stage("Take-home task", 7, "Two hours at most, with anonymised data."),
                    stage("Offer", 3, ""),
                ],
                screening_questions: vec![],
                closes_on: None,
                translations: Translations::new(),
            },
        ),
        (
            60,
            PostingStatus::Closed,
            PostingDraft {
                slug: "practice-manager".into(),
                title: "Practice Manager".into(),
                department: "Operations".into(),
                location: place("Espoo", "FI"),
                workplace: Workplace::OnSite,
                employment_type: EmploymentType::FullTime,
                teaser: "Filled in October: thank you to everyone who applied.".into(),
                salary: salary(4200, 4800, "EUR", PayPeriod::Month),
                description: "This position has been filled.".into(),
                stages: vec![stage("Application review", 5, ""), stage("Interviews", 10, ""), stage("Offer", 3, "")],
                screening_questions: vec![],
                closes_on: None,
                translations: Translations::new(),
            },
        ),
    ]
}

/// A translation of the stages' and questions' texts, in the default's order.
fn in_finnish(
    (title, department, teaser, description): (&str, &str, &str, &str),
    stages: &[(&str, &str)],
    questions: &[(&str, &[&str])],
) -> Translations {
    let texts = PostingTranslation {
        title: title.into(),
        department: department.into(),
        teaser: teaser.into(),
        description: description.into(),
        stages: stages
            .iter()
            .map(|(name, description)| StageTranslation { name: (*name).into(), description: (*description).into() })
            .collect(),
        screening_questions: questions
            .iter()
            .map(|(prompt, options)| QuestionTranslation {
                prompt: (*prompt).into(),
                options: options.iter().map(|o| (*o).into()).collect(),
            })
            .collect(),
    };
    Translations::from([(Locale::Fi, texts)])
}

fn hygienist_in_finnish() -> Translations {
    in_finnish(
        (
            "Suuhygienisti",
            "Klinikka",
            "Rauhallista hoitoa: 45 minuutin käynnit, ei koskaan peräkkäin.",
            "\
Kampin klinikkamme kasvaa, ja etsimme suuhygienistiä, joka uskoo \
ennaltaehkäisyn olevan paras hoito.

## Työsi
- Aikuisten ja lasten parodontologinen hoito ja ennaltaehkäisy
- 45 minuutin käynnit, joissa on aikaa selittää ja kuunnella
- Hoitosuunnitelmat yhdessä hammaslääkäriemme kanssa

## Sinulla on
- Suomalainen suuhygienistin tutkinto tai Valviran laillistus
- Hyvä suomen kielen taito; ruotsi tai englanti on plussaa
- Kärsivällisyyttä jännittäviä potilaita kohtaan

Tarjoamme vakituisen työsuhteen, säännölliset päiväajat (ei iltoja), \
palkalliset koulutuspäivät ja kahdentoista hengen tiimin, joka oikeasti \
syö lounasta yhdessä.",
        ),
        &[
            ("Hakemusten läpikäynti", ""),
            ("Puhelinhaastattelu", "20 minuuttia klinikan esihenkilön kanssa."),
            ("Klinikkavierailu", "Tapaat tiimin ja näet klinikan, palkallinen puolikas päivä."),
            ("Suositusten tarkistus", "Soitamme antamillesi suosittelijoille, emme kenellekään muulle."),
            ("Tarjous", ""),
        ],
        &[
            ("Onko sinulla Valviran laillistus suuhygienistinä?", &[]),
            ("Millä kielillä voit hoitaa potilaita?", &[]),
            ("Mistä pidät työssäsi eniten?", &[]),
        ],
    )
}

fn coordinator_in_finnish() -> Translations {
    in_finnish(
        (
            "Potilaskokemuskoordinaattori",
            "Potilaspalvelut",
            "Ole ääni, jonka potilaat kuulevat ensimmäisenä, kolmena päivänä viikossa.",
            "\
Vastaat potilaiden puheluihin ja viesteihin, autat heitä löytämään oikean \
ajan ja oikean erikoislääkärin ja huolehdit, ettei kukaan lähde klinikalta \
epävarmana siitä, mitä seuraavaksi tapahtuu.

- 30 tuntia viikossa, kolme päivää Tampereen klinikallamme ja loput kotoa
- Pääset vaikuttamaan siihen, miten mittaamme ja parannamme potilaskokemusta
- Suomen ja englannin kieli vaaditaan, muut kielet ovat plussaa",
        ),
        &[
            ("Hakemusten läpikäynti", ""),
            ("Haastattelu", "Tunti potilaspalveluiden vetäjän kanssa."),
            ("Koevuoro", "Palkallinen puolikas päivä puhelimessa kollegan kanssa."),
            ("Tarjous", ""),
        ],
        &[("Puhutko sujuvaa suomea?", &[]), ("Mitkä päivät sopivat sinulle?", &["Ma–ke", "Ke–pe", "Joustavasti"])],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use candor_api::Day;

    #[test]
    fn every_demo_posting_satisfies_the_rules() {
        let today = Day::parse("2026-11-23").unwrap();
        let all = postings();
        assert!(all.len() >= 6);
        for (_, _, draft) in &all {
            let posting = draft.validate(today, Locale::En).unwrap_or_else(|e| panic!("{}: {e}", draft.slug));
            assert!((3..=6).contains(&posting.detail.stages.len()), "{}", draft.slug);
        }
        // The Finnish careers page shows translated postings beside untranslated ones.
        let finnish = all.iter().filter(|(_, _, d)| d.translations.contains_key(&Locale::Fi)).count();
        assert!(finnish >= 1 && finnish < all.len());
        assert!(all.iter().any(|(_, _, d)| d.workplace == Workplace::Remote));
    }
}
