// The status stream, read with fetch rather than EventSource: EventSource
// can't send a header, and the token must not sit in the URL, which servers
// and proxies log. This reads the same text/event-stream (the `event`,
// `data`, `id` and `retry` fields; events end at a blank line; axum ends
// lines with "\n", and a "\r" before it is dropped).
//
// When the stream ends or breaks (a server shutting down ends it with a
// `retry:`), it reconnects after that pause with `Last-Event-ID`, so the
// server only sends what was missed; each failure in a row doubles the
// pause (up to a minute) and polls the status once meanwhile, so nothing
// waits on the stream. A stream refused outright (404: erased) or answered
// with something else (a proxy that buffers or rewrites) is given up for
// polling; the server's ETag makes an unchanged status cost a 304.
export function follow(streamUrl, statusUrl, headerName, headerValue, onStatus, pollMs) {
  let stopped = false;
  let timer = null;
  let controller = null;
  let lastId = null;
  let retryMs = 3000;
  let failures = 0;

  const poll = async (again) => {
    try {
      const response = await fetch(statusUrl, { cache: "no-cache", headers: { [headerName]: headerValue } });
      if (response.ok && !stopped) onStatus(await response.text());
    } catch (_) {
      // Offline for now: the next try tries again.
    }
    if (again && !stopped) timer = setTimeout(() => poll(true), pollMs);
  };

  const connect = async () => {
    if (stopped) return;
    controller = new AbortController();
    let heard = false;
    try {
      const headers = { [headerName]: headerValue, Accept: "text/event-stream" };
      if (lastId !== null) headers["Last-Event-ID"] = lastId;
      const response = await fetch(streamUrl, { headers, cache: "no-store", signal: controller.signal });
      const type = response.headers.get("content-type") || "";
      if (!response.ok || !type.startsWith("text/event-stream") || !response.body) {
        if (response.status >= 500 || response.status === 429) throw new Error("try again");
        poll(true);
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      let name = "message";
      let data = [];
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n")) >= 0) {
          let line = buffer.slice(0, end);
          buffer = buffer.slice(end + 1);
          if (line.endsWith("\r")) line = line.slice(0, -1);
          if (line === "") {
            // An application's stream sends "status", a question's "question".
            if (data.length && (name === "status" || name === "question")) {
              heard = true;
              failures = 0;
              onStatus(data.join("\n"));
            }
            name = "message";
            data = [];
            continue;
          }
          if (line.startsWith(":")) continue; // a keep-alive
          const colon = line.indexOf(":");
          const field = colon < 0 ? line : line.slice(0, colon);
          let text = colon < 0 ? "" : line.slice(colon + 1);
          if (text.startsWith(" ")) text = text.slice(1);
          if (field === "event") name = text;
          else if (field === "data") data.push(text);
          else if (field === "id" && !text.includes("\0")) lastId = text;
          else if (field === "retry" && /^\d+$/.test(text)) retryMs = Number(text);
        }
      }
    } catch (_) {
      if (stopped) return;
    }
    if (stopped) return;
    if (!heard) {
      failures += 1;
      poll(false);
    }
    const pause = Math.min(retryMs * 2 ** Math.max(failures - 1, 0), 60000);
    timer = setTimeout(connect, pause);
  };

  if (typeof ReadableStream === "function" && typeof TextDecoderStream === "function") {
    connect();
  } else {
    poll(true);
  }
  return () => {
    stopped = true;
    if (controller) controller.abort();
    if (timer !== null) clearTimeout(timer);
  };
}
