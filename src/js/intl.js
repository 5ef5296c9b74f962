// Dates, money, country names and relative times in the reader's language,
// from the browser's own Intl: its data costs the widget nothing.

export function formatDate(locale, iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(new Date(y, m - 1, d));
}

export function formatMoney(locale, currency, min, max) {
  const format = new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 });
  return min === max ? format.format(min) : format.formatRange(min, max);
}

export function regionName(locale, code) {
  try {
    return new Intl.DisplayNames([locale], { type: "region" }).of(code) || code;
  } catch (_) {
    return code;
  }
}

// "2 days ago", "yesterday", "today".
export function daysAgo(locale, days) {
  return new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(-days, "day");
}

// Today in the reader's time zone, as YYYY-MM-DD.
export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
