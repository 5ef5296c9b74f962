//! Postings: every posting of the company with its status and applications,
//! and for admins the editor (texts, salary, the process with its expected
//! days, screening questions) and opening, closing and reopening.

use candor_api::company::CompanySettings;
use candor_api::posting_admin::{ChangePostingStatus, PostingForAdmin, PostingRow, blank_stage};
use candor_api::postings::{PostingDraft, PostingStatus, QUESTIONS_MAX, STAGE_DAYS_MAX, STAGES_MAX};
use candor_api::translation::Translations;
use candor_api::{
    EmploymentType, FieldError, Invalid, Locale, Location, PayPeriod, PostingSlug, QuestionKey, QuestionKind,
    SalaryRange, ScreeningQuestion, Stage, Workplace,
};
use candor_widget::api_client::{Body, Loader, Method};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::Screen;
use crate::client::{API, Api, refused_field, say};
use crate::i18n::{fill, t};
use crate::posting_translations::{self, Original, TranslationsEditor};
use crate::{dates, ui};

fn status_name(s: PostingStatus) -> &'static str {
    let t = t();
    match s {
        PostingStatus::Draft => t.status_draft,
        PostingStatus::Open => t.status_open,
        PostingStatus::Closed => t.status_closed,
    }
}

#[component]
pub fn PostingsPage(
    api: Api,
    is_admin: bool,
    screen: RwSignal<Screen>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let rows: Loader<Vec<PostingRow>> = Loader::new(format!("{API}postings"));
    let problem = RwSignal::new(None::<String>);
    let change = move |slug: PostingSlug, status: PostingStatus| {
        spawn_local(async move {
            let url = format!("{API}postings/{slug}/status");
            match api.send_for::<PostingForAdmin>(Method::Post, &url, Body::json(&ChangePostingStatus { status })).await
            {
                Ok(p) => {
                    let now = if p.status == PostingStatus::Open { t().now_open } else { t().now_closed };
                    notice.set(Some(now.replace("{title}", &p.detail.summary.title)));
                    rows.reload();
                }
                Err(e) => problem.set(Some(say(&e))),
            }
        })
    };
    let t = t();
    let table = ui::loaded(rows, t.postings_failed, move |list| {
        if list.is_empty() {
            return view! { <p class="muted">{t.no_postings}</p> }.into_any();
        }
        let body = list
                .into_iter()
                .map(|row| {
                    let s = row.summary;
                    let list_href = Screen::Applications(s.slug.clone()).href();
                    let slug = s.slug.clone();
                    let edit = move |_| screen.set(Screen::EditPosting(Some(slug.clone())));
                    let next = match row.status {
                        PostingStatus::Draft => Some((PostingStatus::Open, t.open_verb)),
                        PostingStatus::Open => Some((PostingStatus::Closed, t.close_verb)),
                        PostingStatus::Closed => Some((PostingStatus::Open, t.reopen_verb)),
                    };
                    let actions = is_admin.then(|| {
                        let slug = s.slug.clone();
                        let label = |verb: &str| fill(t.action_on, &[("action", verb), ("title", &s.title)]);
                        view! {
                            <div class="actions">
                                <button class="secondary" aria-label=label(t.edit_verb) on:click=edit>{t.edit_verb}</button>
                                {next.map(|(to, verb)| view! {
                                    <button class="secondary" aria-label=label(verb) on:click=move |_| change(slug.clone(), to)>{verb}</button>
                                })}
                            </div>
                        }
                    });
                    view! {
                        <tr>
                            <td><a href=list_href>{s.title.clone()}</a><br/><span class="muted">{format!("{} · {}", s.department, s.location.city)}</span></td>
                            <td data-label=t.col_status><span class=format!("badge {}", row.status.as_str())>{status_name(row.status)}</span></td>
                            <td data-label=t.col_published>{if row.status == PostingStatus::Draft { "—".to_owned() } else { dates::short(s.published_on) }}</td>
                            <td data-label=t.col_applications>{row.applications}</td>
                            <td>{actions}</td>
                        </tr>
                    }
                })
                .collect_view();
        ui::table([t.col_posting, t.col_status, t.col_published, t.col_applications], true, body).into_any()
    });
    view! {
        <section class="card" aria-labelledby="postings-title">
            <div class="heading-row">
                <h2 id="postings-title">{t.tab_postings}</h2>
                {is_admin.then(|| view! { <button on:click=move |_| screen.set(Screen::EditPosting(None))>{t.new_posting}</button> })}
            </div>
            <p class="muted" role="status">{move || notice.get()}</p>
            <p class="error" role="alert">{move || problem.get()}</p>
            {table}
        </section>
    }
}

/// A screening question as its editor row holds it: the kind's settings as
/// typed, checked when the posting is saved.
#[derive(Clone, Debug, Default, PartialEq)]
struct QuestionRow {
    key: String,
    prompt: String,
    required: bool,
    kind: String,
    max_chars: String,
    options: String,
    min: String,
    max: String,
}

impl QuestionRow {
    fn from(q: &ScreeningQuestion) -> QuestionRow {
        let mut row = QuestionRow {
            key: q.key.as_str().to_owned(),
            prompt: q.prompt.clone(),
            required: q.required,
            kind: q.kind.word().to_owned(),
            ..QuestionRow::default()
        };
        match &q.kind {
            QuestionKind::ShortText { max_chars } | QuestionKind::LongText { max_chars } => {
                row.max_chars = max_chars.to_string()
            }
            QuestionKind::SingleChoice { options } => row.options = options.join("\n"),
            QuestionKind::Number { min, max } => (row.min, row.max) = (min.to_string(), max.to_string()),
            QuestionKind::YesNo => {}
        }
        row
    }

    fn to_question(&self, i: usize) -> Result<ScreeningQuestion, FieldError> {
        let at = |f: &str| format!("screening_questions[{i}].{f}");
        let key = if self.key.trim().is_empty() {
            candor_api::slug::suggest(&self.prompt)
        } else {
            self.key.trim().to_owned()
        };
        let key = QuestionKey::parse(&key).map_err(|e| FieldError::new(at("key"), e.invalid))?;
        let number =
            |f: &str, raw: &str| raw.trim().parse::<i64>().map_err(|_| FieldError::new(at(f), Invalid::NotANumber));
        // Not a number of characters the kind allows: 0, which its rule in
        // `api/` refuses with the kind's own range (1–300 for a short text,
        // 1–10,000 for a long one), so the editor never states a range itself.
        let chars = self.max_chars.trim().parse::<u16>().unwrap_or(0);
        let kind = match self.kind.as_str() {
            "short_text" => QuestionKind::ShortText { max_chars: chars },
            "long_text" => QuestionKind::LongText { max_chars: chars },
            "single_choice" => QuestionKind::SingleChoice {
                options: self.options.lines().map(str::trim).filter(|o| !o.is_empty()).map(str::to_owned).collect(),
            },
            "number" => {
                QuestionKind::Number { min: number("kind.min", &self.min)?, max: number("kind.max", &self.max)? }
            }
            _ => QuestionKind::YesNo,
        };
        Ok(ScreeningQuestion { key, prompt: self.prompt.clone(), required: self.required, kind })
    }
}

/// The editor's whole state: text as typed, turned into a `PostingDraft`
/// (and checked by its rules) on saving.
#[derive(Clone, Debug, PartialEq)]
struct Form {
    slug: String,
    title: String,
    department: String,
    city: String,
    country: String,
    workplace: Workplace,
    employment_type: EmploymentType,
    teaser: String,
    salary_shown: bool,
    salary_min: String,
    salary_max: String,
    currency: String,
    period: PayPeriod,
    description: String,
    closes_on: String,
    stages: Vec<Stage>,
    /// Each stage's expected days as typed ("", "-5", "12"), read as a
    /// number only when saving: a field that wrote back the number it read
    /// showed 0 when cleared and turned "-5" into 5.
    stage_days: Vec<String>,
    questions: Vec<QuestionRow>,
}

impl Form {
    /// A new posting, its first stage named in `locale`, the language its
    /// texts are written in (the company's default).
    fn blank(locale: Locale) -> Form {
        Form {
            slug: String::new(),
            title: String::new(),
            department: String::new(),
            city: String::new(),
            country: String::new(),
            workplace: Workplace::OnSite,
            employment_type: EmploymentType::FullTime,
            teaser: String::new(),
            salary_shown: false,
            salary_min: String::new(),
            salary_max: String::new(),
            currency: "EUR".into(),
            period: PayPeriod::Month,
            description: String::new(),
            closes_on: String::new(),
            stages: vec![Stage {
                name: crate::i18n::strings(locale).first_stage.into(),
                expected_days: 5,
                description: String::new(),
            }],
            stage_days: vec!["5".into()],
            questions: Vec::new(),
        }
    }

    fn from(d: &PostingDraft) -> Form {
        let salary = d.salary.as_ref();
        Form {
            slug: d.slug.clone(),
            title: d.title.clone(),
            department: d.department.clone(),
            city: d.location.city.clone(),
            country: d.location.country.clone(),
            workplace: d.workplace,
            employment_type: d.employment_type,
            teaser: d.teaser.clone(),
            salary_shown: salary.is_some(),
            salary_min: salary.map(|s| s.min.to_string()).unwrap_or_default(),
            salary_max: salary.map(|s| s.max.to_string()).unwrap_or_default(),
            currency: salary.map_or_else(|| "EUR".to_owned(), |s| s.currency.clone()),
            period: salary.map_or(PayPeriod::Month, |s| s.period),
            description: d.description.clone(),
            closes_on: d.closes_on.map(|c| c.to_string()).unwrap_or_default(),
            stages: d.stages.clone(),
            stage_days: d.stages.iter().map(|s| s.expected_days.to_string()).collect(),
            questions: d.screening_questions.iter().map(QuestionRow::from).collect(),
        }
    }

    fn to_draft(&self) -> Result<PostingDraft, FieldError> {
        let amount = |field: &'static str, raw: &str| {
            let n = raw.trim().parse::<i64>().map_err(|_| FieldError::new(field, Invalid::NotANumber))?;
            // Below 1 is the rule's own failure; past u32 no salary goes.
            u32::try_from(n).map_err(|_| {
                let invalid = if n < 1 { Invalid::AtLeast { min: 1 } } else { Invalid::NotANumber };
                FieldError::new(field, invalid)
            })
        };
        let mut stages = self.stages.clone();
        for (i, (stage, typed)) in stages.iter_mut().zip(&self.stage_days).enumerate() {
            let field = || format!("stages[{i}].expected_days");
            let range = || FieldError::new(field(), Invalid::OutOfRange { min: 1, max: i64::from(STAGE_DAYS_MAX) });
            let n = typed.trim().parse::<i64>().map_err(|_| FieldError::new(field(), Invalid::NotANumber))?;
            stage.expected_days = u16::try_from(n).map_err(|_| range())?;
        }
        let salary = if self.salary_shown {
            Some(SalaryRange {
                min: amount("salary.min", &self.salary_min)?,
                max: amount("salary.max", &self.salary_max)?,
                currency: self.currency.clone(),
                period: self.period,
            })
        } else {
            None
        };
        let closes_on = match self.closes_on.trim() {
            "" => None,
            day => Some(candor_api::Day::parse(day).map_err(|e| FieldError::new("closes_on", e))?),
        };
        Ok(PostingDraft {
            slug: self.slug.trim().to_owned(),
            title: self.title.clone(),
            department: self.department.clone(),
            location: Location { city: self.city.clone(), country: self.country.clone() },
            workplace: self.workplace,
            employment_type: self.employment_type,
            teaser: self.teaser.clone(),
            salary,
            description: self.description.clone(),
            stages,
            screening_questions: self
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| q.to_question(i))
                .collect::<Result<_, _>>()?,
            closes_on,
            // The editor's translations section adds them (`posting_translations`).
            translations: Translations::new(),
        })
    }
}

impl Form {
    /// The default's texts, which the translations follow.
    fn original(&self) -> Original {
        Original {
            title: self.title.clone(),
            department: self.department.clone(),
            teaser: self.teaser.clone(),
            description: self.description.clone(),
            stages: self.stages.iter().map(|s| (s.name.clone(), s.description.clone())).collect(),
            questions: self
                .questions
                .iter()
                .map(|q| {
                    let options = if q.kind == "single_choice" {
                        q.options.lines().map(str::trim).filter(|o| !o.is_empty()).map(str::to_owned).collect()
                    } else {
                        Vec::new()
                    };
                    (q.prompt.clone(), options)
                })
                .collect(),
        }
    }
}

/// The id of the input a rule's field name points at. A question's key is
/// made from its prompt, so a fault in the key is shown at the prompt.
/// "Stage 2 ", said before a stage's field label to screen readers.
fn stage_n(i: usize) -> String {
    format!("{} ", t().stage_n.replace("{n}", &(i + 1).to_string()))
}

/// "Question 2 ", likewise.
fn question_n(i: usize) -> String {
    format!("{} ", t().question_n.replace("{n}", &(i + 1).to_string()))
}

fn input_id(field: &str) -> String {
    let field = match field.strip_suffix(".key") {
        Some(question) => format!("{question}.prompt"),
        None => field.to_owned(),
    };
    let cleaned: String = field.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    format!("posting-{}", cleaned.trim_end_matches('-'))
}

#[component]
pub fn PostingEditor(
    slug: Option<PostingSlug>,
    api: Api,
    screen: RwSignal<Screen>,
    notice: RwSignal<Option<String>>,
) -> impl IntoView {
    let editing = slug.is_some();
    let stored: Option<Loader<PostingForAdmin>> = slug.as_ref().map(|s| Loader::new(format!("{API}postings/{s}")));
    // The default texts' language is the company's.
    let company: Loader<CompanySettings> = Loader::new(format!("{API}company"));
    let view_form = move |loaded: Option<PostingForAdmin>, default_locale: Locale| {
        let (form, kept_stages) = match &loaded {
            Some(p) => {
                (Form::from(&PostingDraft::from(&p.detail)), if p.applications > 0 { p.detail.stages.len() } else { 0 })
            }
            None => (Form::blank(default_locale), 0),
        };
        // A translation into what is now the default language is not offered, so not kept.
        let translations: Translations = loaded
            .map(|p| p.translations.into_iter().filter(|(l, _)| *l != default_locale).collect())
            .unwrap_or_default();
        view! { <EditorForm form editing kept_stages api screen notice default_locale translations/> }.into_any()
    };
    view! {
        {move || match (stored.map(|s| s.get()), company.get()) {
            (Some(Some(Err(_))), _) => view! { <p role="alert">{t().posting_failed}</p> }.into_any(),
            (_, Some(Err(_))) => view! { <p role="alert">{t().company_settings_failed}</p> }.into_any(),
            (None, Some(Ok(c))) => view_form(None, c.default_locale),
            (Some(Some(Ok(p))), Some(Ok(c))) => view_form(Some(p), c.default_locale),
            _ => view! { <p class="muted" role="status">{t().loading}</p> }.into_any(),
        }}
    }
}

/// A text input bound to one field of the form.
fn text_field(
    form: RwSignal<Form>,
    field: &'static str,
    label: &'static str,
    get: fn(&Form) -> String,
    set: fn(&mut Form, String),
    hint: Option<&'static str>,
) -> impl IntoView {
    // `label` and `hint` are the catalogue's.
    let id = input_id(field);
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input id=id type="text" aria-describedby=hint.map(|_| hint_id.clone()) prop:value=move || form.with(get) on:input:target=move |ev| form.update(|f| set(f, ev.target().value()))/>
            {hint.map(|h| view! { <p class="muted" id=hint_id>{h}</p> })}
        </div>
    }
}

/// A closed set of values the editor offers in a drop-down: each value's
/// word on the wire (`api/`'s) and its name in the console.
trait Choice: Copy + PartialEq + Send + Sync + 'static {
    const ALL: &'static [Self];
    fn word(self) -> &'static str;
    fn name(self) -> &'static str;
}

impl Choice for Workplace {
    const ALL: &'static [Self] = Workplace::ALL;
    fn word(self) -> &'static str {
        self.as_str()
    }
    fn name(self) -> &'static str {
        let t = t();
        match self {
            Workplace::OnSite => t.on_site,
            Workplace::Hybrid => t.hybrid,
            Workplace::Remote => t.remote,
        }
    }
}

impl Choice for EmploymentType {
    const ALL: &'static [Self] = EmploymentType::ALL;
    fn word(self) -> &'static str {
        self.as_str()
    }
    fn name(self) -> &'static str {
        let t = t();
        match self {
            EmploymentType::FullTime => t.full_time,
            EmploymentType::PartTime => t.part_time,
            EmploymentType::Contract => t.contract,
            EmploymentType::Temporary => t.temporary,
            EmploymentType::Internship => t.internship,
        }
    }
}

impl Choice for PayPeriod {
    const ALL: &'static [Self] = PayPeriod::ALL;
    fn word(self) -> &'static str {
        self.as_str()
    }
    fn name(self) -> &'static str {
        let t = t();
        match self {
            PayPeriod::Hour => t.per_hour,
            PayPeriod::Month => t.per_month,
            PayPeriod::Year => t.per_year,
        }
    }
}

/// A drop-down bound to one field of the form.
fn choice_field<T: Choice>(
    form: RwSignal<Form>,
    id: &'static str,
    label: &'static str,
    get: fn(&Form) -> T,
    set: fn(&mut Form, T),
) -> impl IntoView {
    let pick = move |word: String| {
        if let Some(&value) = T::ALL.iter().find(|v| v.word() == word) {
            form.update(|f| set(f, value));
        }
    };
    let options = T::ALL
        .iter()
        .map(|&v| view! { <option value=v.word() selected=move || form.with(get) == v>{v.name()}</option> })
        .collect_view();
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change:target=move |ev| pick(ev.target().value())>{options}</select>
        </div>
    }
}

/// The kinds of answer a question takes: each one's word on the wire and its name.
fn kinds() -> [(&'static str, &'static str); 5] {
    let t = t();
    [
        ("yes_no", t.kind_yes_no),
        ("short_text", t.kind_short_text),
        ("long_text", t.kind_long_text),
        ("single_choice", t.kind_single_choice),
        ("number", t.kind_number),
    ]
}

#[component]
fn EditorForm(
    form: Form,
    editing: bool,
    kept_stages: usize,
    api: Api,
    screen: RwSignal<Screen>,
    notice: RwSignal<Option<String>>,
    default_locale: Locale,
    translations: Translations,
) -> impl IntoView {
    let original_slug = form.slug.clone();
    let form = RwSignal::new(form);
    let translations = RwSignal::new(translations);
    let original = Signal::derive(move || form.with(Form::original));
    let problem = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let stage_count = Memo::new(move |_| form.with(|f| f.stages.len()));
    let question_count = Memo::new(move |_| form.with(|f| f.questions.len()));

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let today =
            candor_widget::format::today().unwrap_or(candor_api::Day::from_ymd(2026, 1, 1).expect("a valid day"));
        // The shared rules first: the message and the field before any request.
        let checked = form.with_untracked(|f| f.to_draft()).and_then(|mut d| {
            let fitted =
                posting_translations::fitted(&translations.get_untracked(), &form.with_untracked(Form::original));
            d.translations = posting_translations::written(&fitted);
            d.validate(today, default_locale).map(|_| d)
        });
        let draft = match checked {
            Ok(d) => d,
            Err(e) => {
                posting_translations::reveal(&e.field);
                problem.set(Some(ui::point_at(&e, &input_id(&e.field))));
                return;
            }
        };
        problem.set(None);
        saving.set(true);
        let original_slug = original_slug.clone();
        spawn_local(async move {
            let (method, url) = if editing {
                (Method::Put, format!("{API}postings/{original_slug}"))
            } else {
                (Method::Post, format!("{API}postings"))
            };
            let result = api.send_for::<PostingForAdmin>(method, &url, Body::json(&draft)).await;
            saving.set(false);
            match result {
                Ok(p) => {
                    let what = if editing { t().saved_notice } else { t().saved_draft_notice };
                    notice.set(Some(what.replace("{title}", &p.detail.summary.title)));
                    screen.set(Screen::Postings);
                }
                Err(e) => problem.set(Some(match refused_field(&e) {
                    Some(fe) => ui::point_at(&fe, &input_id(&fe.field)),
                    None => say(&e),
                })),
            }
        });
    };

    let t = t();
    let stages = move || {
        (0..stage_count.get())
            .map(|i| {
                let name_id = input_id(&format!("stages[{i}].name"));
                let days_id = input_id(&format!("stages[{i}].expected_days"));
                let about_id = input_id(&format!("stages[{i}].description"));
                let removable = i >= kept_stages;
                let remove_stage = move |_| {
                    form.update(|f| {
                        if i < f.stages.len() && f.stages.len() > 1 {
                            f.stages.remove(i);
                            f.stage_days.remove(i);
                        }
                    })
                };
                view! {
                    <li class="row">
                        <div class="grid-3">
                            <div class="field">
                                <label for=name_id.clone()>{t.stage_name.replace("{n}", &(i + 1).to_string())}</label>
                                <input id=name_id type="text" prop:value=move || form.with(|f| f.stages.get(i).map(|s| s.name.clone()).unwrap_or_default()) on:input:target=move |ev| form.update(|f| if let Some(s) = f.stages.get_mut(i) { s.name = ev.target().value() })/>
                            </div>
                            <div class="field">
                                <label for=days_id.clone()><span class="visually-hidden">{stage_n(i)}</span>{t.expected_days}</label>
                                <input id=days_id type="text" inputmode="numeric" prop:value=move || form.with(|f| f.stage_days.get(i).cloned().unwrap_or_default()) on:input:target=move |ev| form.update(|f| if let Some(d) = f.stage_days.get_mut(i) { *d = ev.target().value() })/>
                            </div>
                        </div>
                        <div class="field">
                            <label for=about_id.clone()><span class="visually-hidden">{stage_n(i)}</span>{t.stage_what_happens}</label>
                            <input id=about_id type="text" prop:value=move || form.with(|f| f.stages.get(i).map(|s| s.description.clone()).unwrap_or_default()) on:input:target=move |ev| form.update(|f| if let Some(s) = f.stages.get_mut(i) { s.description = ev.target().value() })/>
                        </div>
                        {removable.then(|| view! {
                            <button type="button" class="link" on:click=remove_stage>
                                {t.remove_stage.replace("{n}", &(i + 1).to_string())}
                            </button>
                        })}
                    </li>
                }
            })
            .collect_view()
    };

    let questions = move || {
        (0..question_count.get())
            .map(|i| {
                let prompt_id = input_id(&format!("screening_questions[{i}].prompt"));
                let kind_id = input_id(&format!("screening_questions[{i}].kind"));
                let required_id = input_id(&format!("screening_questions[{i}].required"));
                let required_for = required_id.clone();
                let kind = Memo::new(move |_| form.with(|f| f.questions.get(i).map(|q| q.kind.clone()).unwrap_or_default()));
                let remove_question = move |_| {
                    form.update(|f| {
                        if i < f.questions.len() {
                            f.questions.remove(i);
                        }
                    })
                };
                let param = move |field: &'static str, label: &'static str, get: fn(&QuestionRow) -> String, set: fn(&mut QuestionRow, String), multi: bool| {
                    let id = input_id(&format!("screening_questions[{i}].{field}"));
                    let value = move || form.with(|f| f.questions.get(i).map(get).unwrap_or_default());
                    let input = if multi {
                        view! { <textarea id=id.clone() rows="4" prop:value=value on:input:target=move |ev| form.update(|f| if let Some(q) = f.questions.get_mut(i) { set(q, ev.target().value()) })></textarea> }.into_any()
                    } else {
                        view! { <input id=id.clone() type="text" inputmode="numeric" prop:value=value on:input:target=move |ev| form.update(|f| if let Some(q) = f.questions.get_mut(i) { set(q, ev.target().value()) })/> }.into_any()
                    };
                    view! { <div class="field"><label for=id><span class="visually-hidden">{question_n(i)}</span>{label}</label>{input}</div> }
                };
                let settings = move || match kind.get().as_str() {
                    "short_text" | "long_text" => param("kind.max_chars", t.longest_answer, |q| q.max_chars.clone(), |q, v| q.max_chars = v, false).into_any(),
                    "single_choice" => param("kind.options", t.options_per_line, |q| q.options.clone(), |q, v| q.options = v, true).into_any(),
                    "number" => view! {
                        <div class="grid-3">
                            {param("kind.min", t.smallest, |q| q.min.clone(), |q, v| q.min = v, false)}
                            {param("kind.max", t.largest, |q| q.max.clone(), |q, v| q.max = v, false)}
                        </div>
                    }
                    .into_any(),
                    _ => ().into_any(),
                };
                view! {
                    <li class="row">
                        <div class="field">
                            <label for=prompt_id.clone()>{t.question_n.replace("{n}", &(i + 1).to_string())}</label>
                            <input id=prompt_id type="text" prop:value=move || form.with(|f| f.questions.get(i).map(|q| q.prompt.clone()).unwrap_or_default()) on:input:target=move |ev| form.update(|f| if let Some(q) = f.questions.get_mut(i) { q.prompt = ev.target().value() })/>
                        </div>
                        <div class="grid-3">
                            <div class="field">
                                <label for=kind_id.clone()><span class="visually-hidden">{question_n(i)}</span>{t.answered_with}</label>
                                <select id=kind_id on:change:target=move |ev| form.update(|f| if let Some(q) = f.questions.get_mut(i) {
                                    q.kind = ev.target().value();
                                    if q.max_chars.is_empty() { q.max_chars = if q.kind == "long_text" { "2000".into() } else { "200".into() }; }
                                    if q.min.is_empty() { q.min = "0".into(); q.max = "40".into(); }
                                })>
                                    {kinds().iter().map(|&(word, name)| view! { <option value=word selected=move || kind.get() == word>{name}</option> }).collect_view()}
                                </select>
                            </div>
                            <label class="check" for=required_for>
                                <input id=required_id type="checkbox" prop:checked=move || form.with(|f| f.questions.get(i).is_some_and(|q| q.required)) on:change:target=move |ev| form.update(|f| if let Some(q) = f.questions.get_mut(i) { q.required = ev.target().checked() })/>
                                " "{t.required}<span class="visually-hidden">{format!(" ({})", t.question_n.replace("{n}", &(i + 1).to_string()))}</span>
                            </label>
                        </div>
                        {settings}
                        <button type="button" class="link" on:click=remove_question>
                            {t.remove_question.replace("{n}", &(i + 1).to_string())}
                        </button>
                    </li>
                }
            })
            .collect_view()
    };

    let stages_full = move || stage_count.get() >= STAGES_MAX;
    let questions_full = move || question_count.get() >= QUESTIONS_MAX;
    let title_text = if editing { t.edit_posting } else { t.new_posting };
    let slug_id = input_id("slug");
    view! {
        <form class="card editor" on:submit=save aria-labelledby="editor-title" novalidate>
            <div class="heading-row">
                <h2 id="editor-title">{title_text}</h2>
                <button type="button" class="secondary" on:click=move |_| screen.set(Screen::Postings)>{t.back_to_postings}</button>
            </div>
            <fieldset>
                <legend>{t.the_position}</legend>
                <div class="field">
                    <label for="posting-title">{t.title}</label>
                    <input id="posting-title" type="text" prop:value=move || form.with(|f| f.title.clone()) on:input:target=move |ev| form.update(|f| {
                        let title = ev.target().value();
                        // A new posting's address follows its title until typed by hand.
                        if !editing && (f.slug.is_empty() || f.slug == candor_api::slug::suggest(&f.title)) {
                            f.slug = candor_api::slug::suggest(&title);
                        }
                        f.title = title;
                    })/>
                </div>
                <div class="field">
                    <label for=slug_id.clone()>{t.address}</label>
                    <input id=slug_id type="text" aria-describedby="posting-slug-hint" disabled=editing prop:value=move || form.with(|f| f.slug.clone()) on:input:target=move |ev| form.update(|f| f.slug = ev.target().value())/>
                    <p class="muted" id="posting-slug-hint">{if editing { t.slug_hint_editing } else { t.slug_hint_new }}</p>
                </div>
                <div class="grid-3">
                    {text_field(form, "department", t.department, |f| f.department.clone(), |f, v| f.department = v, None)}
                    {text_field(form, "location.city", t.city, |f| f.city.clone(), |f, v| f.city = v, None)}
                    {text_field(form, "location.country", t.country_code, |f| f.country.clone(), |f, v| f.country = v, Some(t.country_hint))}
                </div>
                <div class="grid-3">
                    {choice_field(form, "posting-workplace", t.workplace, |f| f.workplace, |f, v| f.workplace = v)}
                    {choice_field(form, "posting-employment-type", t.employment, |f| f.employment_type, |f, v| f.employment_type = v)}
                    <div class="field">
                        <label for="posting-closes-on">{t.closes_on}</label>
                        <input id="posting-closes-on" type="date" aria-describedby="posting-closes-on-words" prop:value=move || form.with(|f| f.closes_on.clone()) on:input:target=move |ev| if let Some(day) = ui::typed(&ev.target()) { form.update(|f| f.closes_on = day) }/>
                        <p class="muted" id="posting-closes-on-words">{move || form.with(|f| ui::day_in_words(&f.closes_on))}</p>
                    </div>
                </div>
                {text_field(form, "teaser", t.teaser, |f| f.teaser.clone(), |f, v| f.teaser = v, None)}
                <div class="field">
                    <label for="posting-description">{t.description}</label>
                    <textarea id="posting-description" rows="10" aria-describedby="posting-description-hint" prop:value=move || form.with(|f| f.description.clone()) on:input:target=move |ev| form.update(|f| f.description = ev.target().value())></textarea>
                    <p class="muted" id="posting-description-hint">{t.description_hint}</p>
                </div>
            </fieldset>
            <fieldset>
                <legend>{t.salary}</legend>
                <label class="check" for="posting-salary-shown">
                    <input id="posting-salary-shown" type="checkbox" prop:checked=move || form.with(|f| f.salary_shown) on:change:target=move |ev| form.update(|f| f.salary_shown = ev.target().checked())/>
                    " "{t.show_salary}
                </label>
                <div class="grid-4" hidden=move || !form.with(|f| f.salary_shown)>
                    <div class="field">
                        <label for="posting-salary-min">{t.salary_from}</label>
                        <input id="posting-salary-min" type="text" inputmode="numeric" aria-describedby="posting-salary-hint" prop:value=move || form.with(|f| f.salary_min.clone()) on:input:target=move |ev| form.update(|f| f.salary_min = ev.target().value())/>
                    </div>
                    <div class="field">
                        <label for="posting-salary-max">{t.salary_to}</label>
                        <input id="posting-salary-max" type="text" inputmode="numeric" aria-describedby="posting-salary-hint" prop:value=move || form.with(|f| f.salary_max.clone()) on:input:target=move |ev| form.update(|f| f.salary_max = ev.target().value())/>
                    </div>
                    {text_field(form, "salary.currency", t.currency, |f| f.currency.clone(), |f, v| f.currency = v, None)}
                    {choice_field(form, "posting-salary-period", t.period, |f| f.period, |f, v| f.period = v)}
                </div>
                <p class="muted" id="posting-salary-hint" hidden=move || !form.with(|f| f.salary_shown)>{t.salary_hint}</p>
            </fieldset>
            <fieldset>
                <legend>{t.process_legend}</legend>
                <p class="muted">{t.process_note}
                    {(kept_stages > 0).then(|| format!(" {}", t.process_kept))}
                </p>
                <ol class="rows" role="list">{stages}</ol>
                <button type="button" id="posting-stages" class="secondary" disabled=stages_full on:click=move |_| {
                    let added = form.try_update(|f| {
                        let stage = blank_stage();
                        f.stage_days.push(stage.expected_days.to_string());
                        f.stages.push(stage);
                        f.stages.len() - 1
                    });
                    if let Some(i) = added { ui::focus_soon(input_id(&format!("stages[{i}].name"))) }
                }>{t.add_stage}</button>
            </fieldset>
            <fieldset>
                <legend>{t.screening_questions}</legend>
                <p class="muted">{t.screening_note}</p>
                <ol class="rows" role="list">{questions}</ol>
                <button type="button" class="secondary" disabled=questions_full on:click=move |_| {
                    let added = form.try_update(|f| {
                        f.questions.push(QuestionRow { kind: "yes_no".into(), required: true, ..QuestionRow::default() });
                        f.questions.len() - 1
                    });
                    if let Some(i) = added { ui::focus_soon(input_id(&format!("screening_questions[{i}].prompt"))) }
                }>{t.add_question}</button>
            </fieldset>
            <TranslationsEditor default_locale original translations input_id/>
            <p class="error" role="alert">{move || problem.get()}</p>
            <div class="actions">
                <button type="submit" disabled=move || saving.get()>{if editing { t.save_changes } else { t.save_draft }}</button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use candor_api::{Day, PostingDetail};

    use super::*;

    fn with_question(kind: &str, max_chars: &str) -> Result<PostingDetail, FieldError> {
        let mut form = Form::blank(Locale::En);
        (form.slug, form.title, form.department) = ("hygienist".into(), "Dental hygienist".into(), "Clinical".into());
        (form.city, form.country, form.description) = ("Helsinki".into(), "FI".into(), "Gentle care.".into());
        form.questions.push(QuestionRow {
            prompt: "What should we call you?".into(),
            kind: kind.into(),
            max_chars: max_chars.into(),
            ..QuestionRow::default()
        });
        form.to_draft()?.validate(Day::from_ymd(2026, 11, 1).expect("a day"), Locale::En).map(|v| v.detail)
    }

    #[test]
    fn a_limit_that_is_no_number_is_refused_with_its_kinds_own_range() {
        for (kind, max) in [("short_text", 300), ("long_text", 10_000)] {
            for typed in ["", "many", "70000", "0"] {
                let e = with_question(kind, typed).unwrap_err();
                assert_eq!(e.field, "screening_questions[0].kind.max_chars", "{kind} {typed:?}");
                assert_eq!(e.invalid, Invalid::OutOfRange { min: 1, max }, "{kind} {typed:?}");
            }
        }
        assert!(with_question("short_text", "300").is_ok());
        assert!(with_question("long_text", "10000").is_ok());
    }

    #[test]
    fn numbers_are_read_as_typed_and_refused_when_they_are_none() {
        let draft = |days: &str, salary: &str| {
            let mut form = Form::blank(Locale::En);
            form.stage_days = vec![days.into()];
            (form.salary_shown, form.salary_min, form.salary_max) = (true, salary.into(), "30".into());
            form.to_draft()
        };
        for (days, invalid) in [("", Invalid::NotANumber), ("-5", Invalid::OutOfRange { min: 1, max: 180 })] {
            let e = draft(days, "20").unwrap_err();
            assert_eq!((e.field.as_ref(), e.invalid), ("stages[0].expected_days", invalid), "{days:?}");
        }
        let e = draft("5", "24.50").unwrap_err();
        assert_eq!((e.field.as_ref(), e.invalid), ("salary.min", Invalid::NotANumber), "not 2450, not 24");
        let d = draft(" 12 ", "24").unwrap();
        assert_eq!((d.stages[0].expected_days, d.salary.unwrap().min), (12, 24));
    }
}
