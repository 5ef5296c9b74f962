// The status stream. EventSource reconnects by itself and sends the last
// event id it saw, so the server only resends what was missed. If the
// browser gives up on the stream (a proxy that buffers, a closed
// connection), the status is polled instead; the server's ETag makes an
// unchanged status cost a 304.
export function follow(streamUrl, statusUrl, onStatus, pollMs) {
  let timer = null;
  let source = null;
  const poll = async () => {
    try {
      const response = await fetch(statusUrl, { cache: "no-cache" });
      if (response.ok) onStatus(await response.text());
    } catch (_) {
      // Offline for now: the next tick tries again.
    }
    timer = setTimeout(poll, pollMs);
  };
  if (typeof EventSource === "function") {
    source = new EventSource(streamUrl);
    // An application's stream sends "status", a question's "question".
    source.addEventListener("status", (event) => onStatus(event.data));
    source.addEventListener("question", (event) => onStatus(event.data));
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED && timer === null) poll();
    };
  } else {
    poll();
  }
  return () => {
    if (source) source.close();
    if (timer !== null) clearTimeout(timer);
  };
}
