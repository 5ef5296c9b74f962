// Dates, money, country names and relative times in the reader's language,
// from the browser's own Intl: its data costs the widget nothing. Formatters
// are kept per locale and options: constructing one costs more than using it.

// Intl gets the reader's own region of the chosen language when the page
// or the browser names one: a Swedish reader in Finland (sv-FI) or a Dutch
// one in Belgium (nl-BE) reads dates and money as written there, not as in
// Sweden or the Netherlands. Otherwise the bare language.
const regions = new Map();
function regional(locale) {
  let tag = regions.get(locale);
  if (tag === undefined) {
    const named = [document.documentElement.lang, ...(navigator.languages || [])].map((t) => (t || "").replace("_", "-"));
    tag = named.find((t) => t.includes("-") && t.split("-")[0].toLowerCase() === locale) || locale;
    try {
      tag = Intl.getCanonicalLocales(tag)[0];
    } catch (_) {
      tag = locale;
    }
    regions.set(locale, tag);
  }
  return tag;
}

const formatters = new Map();
function formatter(Kind, locale, options) {
  const key = `${Kind.name}|${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Kind(regional(locale), options);
    formatters.set(key, f);
  }
  return f;
}

// The first use of Intl in a page loads the browser's locale data, which
// costs 30-70 ms. Pay it while the widget's .wasm and the postings are
// still on the network, not after they arrive.
setTimeout(() => {
  const lang = document.documentElement.lang || navigator.language;
  try {
    formatter(Intl.DisplayNames, lang, { type: "region" }).of("FI");
    formatter(Intl.RelativeTimeFormat, lang, { numeric: "auto" }).format(-1, "day");
    formatter(Intl.NumberFormat, lang, { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(1);
    formatter(Intl.DateTimeFormat, lang, { dateStyle: "long" }).format(new Date());
  } catch (_) {
    // A page language Intl doesn't know: the real calls will say so.
  }
}, 0);

export function formatDate(locale, iso, style) {
  const [y, m, d] = iso.split("-").map(Number);
  return formatter(Intl.DateTimeFormat, locale, { dateStyle: style }).format(new Date(y, m - 1, d));
}

export function formatMoney(locale, currency, min, max) {
  const format = formatter(Intl.NumberFormat, locale, { style: "currency", currency, maximumFractionDigits: 0 });
  return min === max ? format.format(min) : format.formatRange(min, max);
}

export function regionName(locale, code) {
  try {
    return formatter(Intl.DisplayNames, locale, { type: "region" }).of(code) || code;
  } catch (_) {
    return code;
  }
}

// "2 days ago", "yesterday", "today".
export function daysAgo(locale, days) {
  return formatter(Intl.RelativeTimeFormat, locale, { numeric: "auto" }).format(-days, "day");
}

// Today in the reader's time zone, as YYYY-MM-DD.
export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// "4 hours", "2 days": a duration in the reader's language and plural rules.
export function formatDuration(locale, value, unit) {
  return formatter(Intl.NumberFormat, locale, { style: "unit", unit, unitDisplay: "long", maximumFractionDigits: 0 }).format(value);
}
