// Message log: the envelopes a blade (the one this page talks to, or one chosen) sent, received, relayed or let expire,
// filtered and sorted by the blade (GET /api/log), a page at a time (the next cursor), exported as
// one XML document, and (operators) a line replayed to a chosen blade. A viewer sees exec and
// installer envelopes without their payloads: the blade leaves them out.
import {h, fill, field, time} from '../dom.js';
import {replayPanel} from './log-replay.js';

const SORTS = ['', 'time', 'app', 'sender', 'receiver', 'id'];
const PAGE = 50;
const MAX_SORTED = 10000;

export default {
  id: 'log',
  title: 'Message log',
  role: 'viewer',
  mount(el, ctx) {
    const abort = new AbortController();
    const input = attrs => h('input', {autocomplete: 'off', spellcheck: 'false', ...attrs});
    const app = input({placeholder: 'exec, chat, echo…'});
    const sender = input({placeholder: 'blade name', list: 'log-blade-names'});
    const receiver = input({placeholder: 'blade name', list: 'log-blade-names'});
    const since = input({type: 'datetime-local', step: 1});
    const until = input({type: 'datetime-local', step: 1});
    const id = input({placeholder: 'envelope id (UUID)', class: 'mono'});
    const sort = h('select', {}, SORTS.map(s => h('option', {value: s}, s || 'as logged')));
    // whose log: every blade keeps its own (what it sent, received and relayed)
    const whose = h('select', {}, h('option', {value: ''}, 'this page\'s blade'));
    const blade = () => whose.value || undefined;
    const names = h('datalist', {id: 'log-blade-names'});
    const error = h('p', {class: 'error', role: 'alert', id: 'log-error'});
    const heading = h('h1', {}, 'Message log');
    const status = h('span', {class: 'muted', id: 'log-status', 'aria-live': 'polite'});
    const holder = h('div', {id: 'log-table'});
    const newer = h('button', {type: 'button', class: 'secondary', disabled: true}, '← Newer');
    const older = h('button', {type: 'button', class: 'secondary', disabled: true}, 'Older →');
    const replay = ctx.can('operator') ? replayPanel(ctx, abort.signal, blade) : null;

    // the before cursors of the pages behind this one (newest first); null: the newest page
    let cursors = [];
    let cursor = null;
    let next = null;

    /** The filters as query parameters; throws on a time the browser cannot read. */
    function filters() {
      const q = new URLSearchParams();
      const put = (k, v) => { if (v.trim()) q.set(k, v.trim()); };
      put('app', app.value);
      put('sender', sender.value);
      put('receiver', receiver.value);
      for (const [k, f] of [['since', since], ['until', until]]) {
        if (f.value) q.set(k, new Date(f.value).toISOString());
      }
      put('id', id.value);
      put('sort', sort.value);
      return q;
    }

    const columns = [
      {title: 'Seq', num: true, cell: l => String(l.seq)},
      {title: 'At', cell: l => time(l.at)},
      {title: 'Direction', cell: l => l.direction},
      {title: 'App', cell: l => l.envelope?.appType || ''},
      {title: 'From', cell: l => l.envelope?.sender?.blade || ''},
      {title: 'To', cell: l => recipients(l.envelope?.to)},
      {title: 'Envelope', cell: l => envelopeCell(l)},
      {title: 'Note', cell: l => l.note || ''},
    ];
    if (replay) {
      // a reply goes back to the call that asked: replaying it would answer nobody
      columns.push({title: 'Replay', cell: l => l.envelope?.id && !l.envelope.correlationId ? h('button', {type: 'button', class: 'secondary small',
        'aria-label': 'Replay envelope ' + l.envelope.id, onclick: () => replay.choose(l)}, 'Replay…') : ''});
    }

    function envelopeCell(l) {
      const e = l.envelope;
      if (!e) return '';
      const p = e.payload;
      const payload = p === undefined || p === null ? '(no payload)'
        : p.redacted === true ? '(payload hidden from your role: ' + p.bytes + ' bytes)'
          : typeof p === 'string' ? p : JSON.stringify(p, null, 2);
      return h('details', {},
        h('summary', {class: 'mono'}, String(e.id || '').slice(0, 8)),
        h('dl', {class: 'envelope'},
          h('dt', {}, 'id'), h('dd', {class: 'mono'}, String(e.id)),
          e.correlationId ? [h('dt', {}, 'reply to'), h('dd', {class: 'mono'}, e.correlationId)] : '',
          e.replayOf ? [h('dt', {}, 'replay of'), h('dd', {class: 'mono'}, e.replayOf)] : '',
          h('dt', {}, 'ttl / hops'), h('dd', {}, (e.ttl ?? '?') + ' / ' + (e.hops ?? '?'))),
        h('pre', {class: 'payload'}, payload));
    }

    async function load() {
      error.textContent = '';
      let q;
      try {
        q = filters();
      } catch (e) {
        error.textContent = 'since/until: ' + e.message;
        return;
      }
      q.set('limit', PAGE);
      if (cursor !== null) q.set('before', cursor);
      status.textContent = 'reading…';
      try {
        const page = await ctx.api.call('GET', '/api/log?' + q, undefined, {signal: abort.signal, blade: blade()});
        const lines = page.entries || [];
        next = page.next && page.next.before !== undefined && page.next.before !== null ? page.next.before : null;
        heading.textContent = 'Message log of ' + (page.blade || ctx.api.serving());
        fill(holder, table(lines));
        holder.dataset.query = q.toString(); // what the table shows (tests wait on it)
        status.textContent = lines.length + ' line(s)' + (cursors.length ? ', page ' + (cursors.length + 1) : '');
        older.disabled = next === null;
        newer.disabled = cursors.length === 0;
      } catch (e) {
        if (e.name === 'AbortError') return;
        status.textContent = '';
        error.textContent = e.message;
      }
    }

    function table(lines) {
      const t = h('table', {'aria-label': 'Message log'},
        h('thead', {}, h('tr', {}, columns.map(c => h('th', {scope: 'col', class: c.num ? 'num' : null}, c.title)))),
        h('tbody', {}, lines.map(l => h('tr', {'data-seq': l.seq, 'data-id': l.envelope?.id || '',
          'data-app': l.envelope?.appType || '', 'data-sender': l.envelope?.sender?.blade || ''},
        columns.map(c => h('td', {class: c.num ? 'num' : null}, c.cell(l)))))));
      return lines.length ? t : h('p', {class: 'muted'}, 'No line matches.');
    }

    async function exportXml() {
      let q;
      try {
        q = filters();
      } catch (e) {
        error.textContent = 'since/until: ' + e.message;
        return;
      }
      q.set('format', 'xml');
      // the blade sorts at most MAX_SORTED lines: a sorted export is the newest that many
      if (q.has('sort')) q.set('limit', MAX_SORTED);
      try {
        const res = await ctx.api.call('GET', '/api/log/export?' + q, undefined, {raw: true, signal: abort.signal, blade: blade()});
        const blob = new Blob([await res.blob()], {type: 'application/xml'});
        const url = URL.createObjectURL(blob);
        const a = h('a', {href: url, download: 'dci-log-' + (blade() || ctx.api.serving()) + '.xml', class: 'sr-only'});
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10000);
        ctx.toast('exported ' + blob.size + ' bytes of XML');
      } catch (e) {
        if (e.name !== 'AbortError') error.textContent = 'export: ' + e.message;
      }
    }

    async function readBlades() {
      try {
        const blades = await ctx.api.call('GET', '/api/blades', undefined, {signal: abort.signal});
        ctx.api.learn(blades);
        fill(names, blades.map(b => h('option', {value: b.name})));
        whose.append(...blades.filter(b => b.api).map(b => h('option', {value: b.name}, b.name)));
        replay?.blades(blades);
      } catch (e) { /* the filters still take typed names */ }
    }

    const first = () => { cursors = []; cursor = null; load(); };
    sort.addEventListener('change', first);
    whose.addEventListener('change', first);
    newer.addEventListener('click', () => { cursor = cursors.pop() ?? null; load(); });
    older.addEventListener('click', () => { cursors.push(cursor); cursor = next; load(); });

    fill(el,
      heading,
      h('form', {class: 'filters', id: 'log-filters', onsubmit: e => { e.preventDefault(); first(); }},
        h('div', {}, ...field('log-blade', 'Log of', whose)),
        h('div', {}, ...field('log-app', 'App', app)),
        h('div', {}, ...field('log-sender', 'Sender', sender)),
        h('div', {}, ...field('log-receiver', 'Receiver', receiver)),
        h('div', {}, ...field('log-since', 'Since', since)),
        h('div', {}, ...field('log-until', 'Until', until)),
        h('div', {}, ...field('log-id', 'Envelope id', id)),
        h('div', {}, ...field('log-sort', 'Sort by', sort)),
        h('div', {class: 'buttons'},
          h('button', {type: 'submit'}, 'Show'),
          h('button', {type: 'button', class: 'secondary', onclick: exportXml}, 'Export XML'))),
      names, error,
      replay ? replay.el : '',
      h('div', {class: 'toolbar'}, newer, older, status),
      holder);
    load();
    readBlades();
    return () => abort.abort();
  },
};

function recipients(to) {
  if (!to || !to.mode) return '?';
  return to.mode === 'BLADE' || to.mode === 'MULTICAST' ? (to.blades || []).join(', ') : to.mode.toLowerCase();
}
