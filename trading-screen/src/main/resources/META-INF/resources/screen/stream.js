// Server-Sent Events read with fetch(): EventSource cannot send the Authorization header the API wants.
// One stream per call of openStream; it reconnects by itself, resuming from the last id it received.

const INITIAL_DELAY_MS = 500;
const MAX_DELAY_MS = 15000;
// The service sends a keep-alive comment every 15 s; silence for much longer means the connection is gone.
const SILENCE_MS = 40000;
const NOT_FOUND_TRIES = 6;

/**
 * Parses the text/event-stream format from chunks of text. Calls onEvent({event, data, id}) for each complete event
 * and onComment(text) for each comment line.
 */
export class EventStreamParser {
  constructor(onEvent, onComment = () => {}) {
    this.onEvent = onEvent;
    this.onComment = onComment;
    this.buffer = '';
    this.reset();
  }

  reset() {
    this.event = '';
    this.data = [];
    this.id = undefined;
  }

  push(chunk) {
    this.buffer += chunk;
    let start = 0;
    for (;;) {
      const lf = this.buffer.indexOf('\n', start);
      const cr = this.buffer.indexOf('\r', start);
      let end = lf < 0 ? cr : cr < 0 ? lf : Math.min(lf, cr);
      if (end < 0) break;
      // A CR at the very end of the buffer may be the first half of a CRLF: wait for the next chunk.
      if (end === cr && end === this.buffer.length - 1) break;
      const line = this.buffer.slice(start, end);
      start = end + (this.buffer[end] === '\r' && this.buffer[end + 1] === '\n' ? 2 : 1);
      this.line(line);
    }
    this.buffer = this.buffer.slice(start);
  }

  line(line) {
    if (line === '') {
      if (this.data.length > 0) {
        this.onEvent({ event: this.event || 'message', data: this.data.join('\n'), id: this.id });
      }
      this.reset();
      return;
    }
    if (line.startsWith(':')) {
      this.onComment(line.slice(1).trim());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
  }
}

/** A refusal before the stream started, as the API's problem response. */
export class StreamRefused extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

/**
 * Opens a stream and keeps it open until close().
 *   url:       the stream's URL
 *   token():   the current access token (asked on every connect, so a renewed token is used)
 *   handlers:  { snapshot(data), [event name](data), ... } called with parsed JSON data
 *   onState(state, detail): 'connecting' | 'live' | 'retrying' | 'failed' | 'closed'
 *   onUnauthorized(): the token was refused; the stream waits for the person to sign in again
 */
export function openStream({ url, token, handlers, onState = () => {}, onUnauthorized = () => {} }) {
  let lastEventId = null;
  let closed = false;
  let controller = null;
  let delay = INITIAL_DELAY_MS;
  let retryTimer = null;
  let silenceTimer = null;
  let notFoundTries = 0;

  const dispatch = ({ event, data, id }) => {
    if (id !== undefined) lastEventId = id;
    let parsed;
    try {
      parsed = JSON.parse(data);
    } catch {
      parsed = data;
    }
    if (event === 'end') {
      // The service is closing this stream (slow-consumer, token-expired, replay, shutdown): come back at once,
      // resuming from the last id, or with a fresh snapshot.
      onState('retrying', parsed && parsed.reason);
      if (handlers.end) handlers.end(parsed);
      if (parsed && parsed.reason === 'token-expired') {
        onUnauthorized();
      }
      return;
    }
    delay = INITIAL_DELAY_MS;
    const handler = handlers[event];
    if (handler) handler(parsed, id);
  };

  const watchSilence = () => {
    clearTimeout(silenceTimer);
    silenceTimer = setTimeout(() => controller && controller.abort(), SILENCE_MS);
  };

  const schedule = (wait) => {
    if (closed) return;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, wait);
  };

  async function connect() {
    if (closed) return;
    controller = new AbortController();
    onState('connecting');
    const headers = { Accept: 'text/event-stream', Authorization: `Bearer ${token()}` };
    if (lastEventId !== null) headers['Last-Event-ID'] = lastEventId;
    try {
      const response = await fetch(url, { headers, signal: controller.signal, cache: 'no-store' });
      if (!response.ok) {
        let problem = null;
        try {
          problem = await response.json();
        } catch {
          // not a problem document
        }
        throw new StreamRefused(response.status, problem);
      }
      onState('live');
      notFoundTries = 0;
      watchSilence();
      const parser = new EventStreamParser(dispatch, watchSilence);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        watchSilence();
        parser.push(value);
      }
      clearTimeout(silenceTimer);
      if (!closed) {
        onState('retrying', 'closed by the service');
        schedule(delay);
        delay = Math.min(delay * 2, MAX_DELAY_MS);
      }
    } catch (error) {
      clearTimeout(silenceTimer);
      if (closed) return;
      if (error instanceof StreamRefused) {
        if (error.status === 401) {
          onState('failed', 'signed out');
          onUnauthorized();
          return;
        }
        // An account or a book just made may not be in the read model yet: it is asked for again, a few times.
        const notYet = error.status === 404 && notFoundTries < NOT_FOUND_TRIES;
        if ((error.status === 400 || error.status === 403 || error.status === 404) && !notYet) {
          // Asking again would be refused again.
          onState('failed', error.message);
          return;
        }
        if (error.status === 404) notFoundTries += 1;
      }
      onState('retrying', error.message || String(error));
      schedule(delay);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  }

  connect();
  return {
    close() {
      closed = true;
      clearTimeout(retryTimer);
      clearTimeout(silenceTimer);
      if (controller) controller.abort();
      onState('closed');
    },
  };
}
