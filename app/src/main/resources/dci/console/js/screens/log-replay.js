// The message log's replay panel (operators): a chosen line's envelope sent again as a new one
// marked replay-of (POST /api/replay), to a chosen blade or where it first went; the replies are
// shown as text.
import {h, fill, field} from '../dom.js';

/** {el, choose(line), blades(list)}: the panel, picking a line, and the blades to offer. */
export function replayPanel(ctx, signal, blade = () => undefined) {
  let line = null;
  const chosen = h('span', {class: 'mono', id: 'replay-chosen'}, 'none: press Replay… on a line');
  const to = h('select', {}, h('option', {value: ''}, 'where it went'));
  const go = h('button', {type: 'submit', disabled: true}, 'Replay');
  const result = h('div', {id: 'replay-result', 'aria-live': 'polite'});

  async function replay(e) {
    e.preventDefault();
    if (!line) return;
    go.disabled = true;
    fill(result, h('p', {class: 'muted'}, 'replaying…'));
    try {
      const r = await ctx.api.call('POST', '/api/replay?wait=10s', {ids: [line.envelope.id], to: to.value || null},
        {signal, blade: blade()});
      fill(result, (r.replayed || []).map(run => h('div', {class: 'card replay-run'},
        h('p', {}, 'replayed ', h('span', {class: 'mono'}, run.replayOf), ' as ', h('span', {class: 'mono'}, run.id),
          ' to ', (run.targets || []).join(', ') || 'no blade', run.complete ? '' : ' (not every blade replied)'),
        (run.replies || []).map(reply => h('div', {class: 'replay-reply', 'data-blade': reply.sender?.blade || ''},
          h('strong', {}, (reply.sender?.blade || '?') + ': '), shown(reply.payload))))));
    } catch (err) {
      if (err.name !== 'AbortError') fill(result, h('p', {class: 'error'}, 'replay: ' + err.message));
    } finally {
      go.disabled = false;
    }
  }

  const el = h('section', {class: 'card', id: 'replay', 'aria-labelledby': 'replay-title', hidden: true},
    h('h2', {id: 'replay-title'}, 'Replay'),
    h('form', {class: 'wide', onsubmit: replay},
      h('span', {class: 'label'}, 'Envelope'), chosen,
      ...field('replay-to', 'To blade', to),
      h('div', {class: 'buttons'}, go,
        h('button', {type: 'button', class: 'secondary', onclick: () => { el.hidden = true; line = null; }}, 'Close'))),
    result);

  return {
    el,
    choose(l) {
      line = l;
      fill(chosen, l.envelope.id + ' (' + (l.envelope.appType || '?') + ', ' + l.direction + ')');
      go.disabled = false;
      fill(result);
      el.hidden = false;
      to.focus();
    },
    blades(list) {
      fill(to, h('option', {value: ''}, 'where it went'), list.map(b => h('option', {value: b.name}, b.name)));
    },
  };
}

/** A reply's payload as text: an exec reply's exit code and output, a notice's reason, else JSON. */
function shown(p) {
  if (p === undefined || p === null) return h('span', {class: 'muted'}, 'no payload');
  if (p.undeliverable) return h('span', {class: 'bad'}, 'undeliverable: ' + p.undeliverable);
  if (typeof p === 'object' && 'stdout' in p) {
    return h('span', {}, 'exit ' + p.exitCode, p.error ? ' (' + p.error + ')' : '',
      p.stdout ? h('pre', {class: 'stdout'}, p.stdout) : '', p.stderr ? h('pre', {class: 'stderr'}, p.stderr) : '');
  }
  return h('pre', {}, typeof p === 'string' ? p : JSON.stringify(p, null, 2));
}
