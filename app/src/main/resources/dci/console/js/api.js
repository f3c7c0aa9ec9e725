// The console's one way to the cluster: the API the CLI uses, with the bearer token in a header
// (never a cookie). Calls go to the blade that served the page; when it stops answering, to the
// next Up blade the page knows (their origins are in the page's Content-Security-Policy and
// answer it cross-origin), and stay there.

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const KEY = 'dci.session';

export class Api {
  constructor() {
    this.current = location.origin;
    this.known = new Map(); // origin -> {name, up}
    this.handlers = {};
    const saved = sessionStorage.getItem(KEY);
    this.session = saved ? JSON.parse(saved) : null;
  }

  on(event, handler) {
    (this.handlers[event] ||= []).push(handler);
  }

  emit(event, value) {
    (this.handlers[event] || []).forEach(f => f(value));
  }

  /**
   * What the page knows of the blades: their names and API origins, and which are Up. A blade
   * once known stays a candidate (Up ones are tried first): the view that told the page may be
   * that of a blade going down.
   */
  learn(blades) {
    for (const b of blades) {
      if (!b.api) continue;
      this.known.set(new URL(b.api).origin, {name: b.name, up: b.status === 'Up'});
    }
    this.emit('moved', this.current);
  }

  /** The name of the blade the page talks to, when known. */
  serving() {
    const b = this.known.get(this.current);
    return b ? b.name : new URL(this.current).host;
  }

  /** The API origin of blade name, if the page knows it. */
  originOf(name) {
    for (const [origin, b] of this.known) if (b.name === name) return origin;
    return null;
  }

  /** Where a call goes: the blade it went to last, then the Up blades, then the others. */
  candidates() {
    const others = [...this.known.entries()].filter(([o]) => o !== this.current);
    const up = others.filter(([, b]) => b.up).map(([o]) => o);
    const down = others.filter(([, b]) => !b.up).map(([o]) => o);
    return [this.current, ...up, ...down];
  }

  headers(extra = {}) {
    const h = {...extra};
    if (this.session) h.Authorization = 'Bearer ' + this.session.token;
    return h;
  }

  async login(user, password, domain) {
    const r = await this.call('POST', '/api/login', {user, password, domain: domain || null});
    this.session = {token: r.token, user: r.user, role: r.role, expiresAt: r.expiresAt};
    sessionStorage.setItem(KEY, JSON.stringify(this.session));
    return this.session;
  }

  async logout() {
    try {
      if (this.session) await this.call('POST', '/api/logout');
    } finally {
      this.forget();
    }
  }

  forget() {
    this.session = null;
    sessionStorage.removeItem(KEY);
  }

  /**
   * Calls the API: body (an object) goes as JSON, or as is when it is a Blob, File or string
   * (opts.type gives its content type). Answers the parsed JSON (or the text, or with opts.raw the
   * Response). Throws ApiError with the blade's message; a 401 also signs the page out.
   */
  async call(method, path, body, opts = {}) {
    let last;
    // opts.blade: that blade's own answer (its log, say), from it alone
    const targets = opts.blade ? [this.originOf(opts.blade)].filter(Boolean) : this.candidates();
    if (opts.blade && !targets.length) throw new ApiError(0, 'the page knows no API of ' + opts.blade);
    for (const origin of targets) {
      let res;
      try {
        res = await fetch(origin + path, {method, headers: this.headers(contentType(body, opts)),
          body: encode(body), signal: opts.signal});
      } catch (e) {
        if (e.name === 'AbortError') throw e;
        last = e;
        continue; // that blade did not answer: the next one
      }
      if (res.status === 503 && !opts.blade && (method === 'GET' || method === 'HEAD')
          && origin !== targets[targets.length - 1]) {
        last = new Error(origin + ' answered 503'); // shutting down, or not ready: a read goes to the next blade
        continue;
      }
      if (!opts.blade) this.moveTo(origin);
      if (res.status === 401 && path !== '/api/login') {
        this.forget();
        this.emit('signedOut', 'your session ended: log in again');
      }
      if (!res.ok) throw new ApiError(res.status, await message(res));
      if (opts.raw) return res;
      const type = res.headers.get('Content-Type') || '';
      if (res.status === 204) return null;
      return type.includes('json') ? res.json() : res.text();
    }
    throw new ApiError(0, (opts.blade ? opts.blade + ' did not answer' : 'no blade answered') + (last ? ': ' + last.message : ''));
  }

  moveTo(origin) {
    if (origin !== this.current) {
      this.current = origin;
      this.emit('moved', origin);
    }
  }

  /**
   * Reads server-sent events from path, calling onEvent({event, data}) for each, until signal
   * aborts; reconnects (to another blade when this one is gone) when the stream breaks. onState
   * is told true while connected.
   */
  async stream(path, onEvent, signal, onState = () => {}) {
    while (!signal.aborted) {
      try {
        const res = await this.call('GET', path, undefined, {raw: true, signal});
        onState(true);
        const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const {value, done} = await reader.read();
          if (done) break;
          buffer += value;
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const ev = parseEvent(block);
            if (ev) onEvent(ev);
          }
        }
      } catch (e) {
        if (signal.aborted || (e instanceof ApiError && e.status === 401)) break;
      }
      onState(false);
      if (!signal.aborted) await sleep(1000, signal);
    }
  }
}

function parseEvent(block) {
  let event = 'message';
  const data = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) continue;
    const i = line.indexOf(':');
    const name = i < 0 ? line : line.slice(0, i);
    const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '');
    if (name === 'event') event = value;
    else if (name === 'data') data.push(value);
  }
  return data.length ? {event, data: data.join('\n')} : null;
}

function contentType(body, opts) {
  if (body === undefined || body === null) return {};
  if (opts.type) return {'Content-Type': opts.type};
  if (body instanceof Blob || typeof body === 'string') return {};
  return {'Content-Type': 'application/json'};
}

function encode(body) {
  if (body === undefined || body === null) return undefined;
  if (body instanceof Blob || typeof body === 'string') return body;
  return JSON.stringify(body);
}

async function message(res) {
  const text = await res.text();
  try {
    const j = JSON.parse(text);
    if (j && j.error) return j.error;
  } catch (e) { /* not JSON */ }
  return text || res.status + ' ' + res.statusText;
}

export function sleep(ms, signal) {
  return new Promise(resolve => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, {once: true});
  });
}
