// Broadcast command (Fig. 26): one program run through the exec app on every chosen blade. One
// envelope per blade goes out at once, so each blade's row fills in as its reply arrives; what
// the program wrote is shown as text, never as HTML.
import {h, fill, field} from '../dom.js';
import {words} from '../words.js';

const MAX_LIMIT_S = 600;

export default {
  id: 'broadcast',
  title: 'Broadcast',
  role: 'operator',
  mount(el, ctx) {
    const abort = new AbortController();
    let blades = [];

    const command = h('input', {autocomplete: 'off', spellcheck: 'false', class: 'mono',
      placeholder: "uname -n   or   sh -c 'df -h /'"});
    const limit = h('input', {type: 'number', min: 1, max: MAX_LIMIT_S, value: 30, class: 'short'});
    const role = h('select', {});
    const chooser = h('div', {id: 'broadcast-blades', class: 'choices', role: 'group', 'aria-label': 'Blades'});
    const error = h('p', {class: 'error', role: 'alert', id: 'broadcast-error'});
    const summary = h('p', {class: 'muted', id: 'broadcast-summary', 'aria-live': 'polite'});
    const results = h('div', {id: 'broadcast-results'});
    const run = h('button', {type: 'submit'}, 'Run');

    const target = kind => h('input', {type: 'radio', name: 'broadcast-target', value: kind,
      id: 'target-' + kind, checked: kind === 'all'});
    const kinds = ['all', 'list', 'role'].map(target);
    const picked = () => kinds.find(k => k.checked).value;

    function showChoices() {
      const k = picked();
      chooser.hidden = k !== 'list';
      role.disabled = k !== 'role';
    }
    kinds.forEach(k => k.addEventListener('change', showChoices));

    async function readBlades() {
      try {
        blades = await ctx.api.call('GET', '/api/blades', undefined, {signal: abort.signal});
        ctx.api.learn(blades);
      } catch (e) {
        if (e.name !== 'AbortError') error.textContent = 'blades: ' + e.message;
        return;
      }
      fill(chooser, blades.map(b => h('span', {class: 'choice'},
        h('input', {type: 'checkbox', id: 'pick-' + b.name, value: b.name}),
        h('label', {for: 'pick-' + b.name}, b.name, b.status === 'Up' ? '' : ' (' + b.status + ')'))));
      const roles = [...new Set(blades.flatMap(b => b.roles || []))].sort();
      fill(role, roles.length ? roles.map(r => h('option', {value: r}, r))
        : h('option', {value: ''}, 'no blade has a role'));
      showChoices();
    }

    /** The blades the target names, or an error message. */
    function targets() {
      const k = picked();
      if (k === 'all') return blades.filter(b => b.status === 'Up').map(b => b.name);
      if (k === 'list') return [...chooser.querySelectorAll('input:checked')].map(i => i.value);
      return blades.filter(b => role.value && (b.roles || []).includes(role.value)).map(b => b.name);
    }

    function rowOf(blade) {
      const state = h('td', {class: 'state'}, h('span', {class: 'pending'}, 'running…'));
      const output = h('td', {class: 'output'});
      const took = h('td', {class: 'num'});
      const tr = h('tr', {'data-blade': blade}, h('th', {scope: 'row'}, blade), state, took, output);
      return {tr, state, output, took};
    }

    function showReply(row, sent, waitMs) {
      const reply = (sent.replies || [])[0];
      if (!reply) {
        fill(row.state, h('span', {class: 'bad'}, 'no reply within ' + waitMs + ' ms'));
        return false;
      }
      const p = reply.payload || {};
      if (p.undeliverable) {
        fill(row.state, h('span', {class: 'bad'}, 'undeliverable: ' + p.undeliverable));
        return false;
      }
      const ok = p.exitCode === 0 && !p.error;
      fill(row.state, h('span', {class: ok ? 'ok' : 'bad', 'data-exit': p.exitCode}, 'exit ' + p.exitCode),
        p.timedOut ? h('div', {class: 'bad'}, 'timed out') : '',
        p.error ? h('div', {class: 'bad'}, p.error) : '',
        p.truncated ? h('div', {class: 'muted'}, 'output cut at the cap') : '');
      row.took.textContent = p.durationMs === undefined ? '' : p.durationMs + ' ms';
      fill(row.output,
        p.stdout ? h('pre', {class: 'stdout', 'aria-label': 'standard output'}, p.stdout) : '',
        p.stderr ? h('pre', {class: 'stderr', 'aria-label': 'standard error'}, p.stderr) : '',
        !p.stdout && !p.stderr ? h('span', {class: 'muted'}, 'no output') : '');
      return ok;
    }

    async function runOn(blade, row, request, waitMs) {
      const envelope = {appType: 'exec', to: {mode: 'BLADE', blades: [blade]}, payload: request};
      try {
        const sent = await ctx.api.call('POST', '/api/envelopes?wait=' + waitMs + 'ms', envelope,
          {signal: abort.signal});
        return showReply(row, sent, waitMs);
      } catch (e) {
        if (e.name === 'AbortError') return false;
        fill(row.state, h('span', {class: 'bad'}, 'error: ' + e.message));
        return false;
      }
    }

    async function submit(e) {
      e.preventDefault();
      error.textContent = '';
      let line;
      try {
        line = words(command.value);
      } catch (bad) {
        error.textContent = bad.message;
        return;
      }
      if (!line.length) { error.textContent = 'give a program to run'; return; }
      const seconds = Number(limit.value);
      if (!Number.isFinite(seconds) || seconds < 1 || seconds > MAX_LIMIT_S) {
        error.textContent = 'the time limit is 1 to ' + MAX_LIMIT_S + ' seconds';
        return;
      }
      const to = targets();
      if (!to.length) { error.textContent = 'no blade is chosen (or has that role, or is Up)'; return; }
      const timeoutMs = seconds * 1000;
      const waitMs = timeoutMs + 5000;
      const request = {command: line[0], args: line.slice(1), timeoutMs};
      const rows = new Map(to.map(b => [b, rowOf(b)]));
      fill(results, h('table', {'aria-label': 'Output per blade'},
        h('thead', {}, h('tr', {}, ['Blade', 'Result', 'Took', 'Output'].map(t => h('th', {scope: 'col'}, t)))),
        h('tbody', {}, [...rows.values()].map(r => r.tr))));
      summary.textContent = 'running ' + JSON.stringify(line) + ' on ' + to.length + ' blade(s)';
      run.disabled = true;
      const started = Date.now();
      const outcomes = await Promise.all(to.map(b => runOn(b, rows.get(b), request, waitMs)));
      run.disabled = false;
      if (abort.signal.aborted) return;
      const good = outcomes.filter(Boolean).length;
      summary.textContent = good + ' of ' + to.length + ' blade(s) answered exit 0, in '
        + (Date.now() - started) + ' ms';
    }

    fill(el,
      h('h1', {}, 'Broadcast command'),
      h('p', {class: 'muted'}, 'Runs an existing program on the chosen blades through the exec app; '
        + 'each blade\'s output shows as it arrives.'),
      h('form', {class: 'wide', id: 'broadcast-form', onsubmit: submit},
        ...field('broadcast-command', 'Command line', command),
        h('span', {class: 'label'}, 'Target'),
        h('div', {class: 'targets', role: 'radiogroup', 'aria-label': 'Target'},
          h('span', {class: 'choice'}, kinds[0], h('label', {for: 'target-all'}, 'all Up blades')),
          h('span', {class: 'choice'}, kinds[1], h('label', {for: 'target-list'}, 'these blades:')),
          chooser,
          h('span', {class: 'choice'}, kinds[2], h('label', {for: 'target-role'}, 'blades with role')),
          h('label', {for: 'broadcast-role', class: 'sr-only'}, 'Role'), role),
        ...field('broadcast-limit', 'Time limit (s)', limit),
        run, error),
      summary, results);
    role.id = 'broadcast-role';
    showChoices();
    readBlades();
    command.focus();
    return () => abort.abort();
  },
};
