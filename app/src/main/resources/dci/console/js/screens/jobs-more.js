// The jobs screen's other long jobs: installs and uninstalls this browser started (each polled on
// the blade that runs it, GET /api/install/jobs/ID) and the VNAS drains under way on any blade
// (GET /api/vnas/drain?blade=B). Installs are remembered in sessionStorage by the packages screen.
import {h, fill, table} from '../dom.js';

const KEY = 'dci.console.installs';
const KEEP = 30;

/** Remembers an install job (InstallStarted) that blade started for this browser. */
export function rememberInstall(started, blade) {
  const list = installs().filter(j => j.job !== started.job);
  list.unshift({job: started.job, blade, op: started.op, name: started.name, started: Date.now()});
  sessionStorage.setItem(KEY, JSON.stringify(list.slice(0, KEEP)));
}

function installs() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY)) || [];
  } catch (e) {
    return [];
  }
}

function progress(done, total, label) {
  const p = h('progress', {'aria-label': label, max: Math.max(total, 1)});
  p.value = done;
  return p;
}

/** The installs this browser started: {el, refresh(signal)}. */
export function installJobs(ctx) {
  const el = h('div', {id: 'jobs-installs'});
  async function refresh(signal) {
    const list = installs();
    if (!list.length) {
      fill(el, h('p', {class: 'muted'}, 'No install started in this browser yet.'));
      return;
    }
    const views = await Promise.all(list.map(s => ctx.api.call('GET', '/api/install/jobs/' + encodeURIComponent(s.job),
      undefined, {signal, blade: s.blade}).then(j => ({s, j}), e => ({s, error: e.message}))));
    if (signal.aborted) return;
    fill(el, table([
      {title: 'Started', cell: v => new Date(v.s.started).toLocaleTimeString()},
      {title: 'What', cell: v => v.s.op + ' ' + v.s.name},
      {title: 'On', cell: v => v.j ? v.j.blades.map(b => b.blade).join(', ') : ''},
      {title: 'Progress', cell: v => {
        if (!v.j) return h('span', {class: 'error'}, v.error);
        const answered = v.j.blades.filter(b => b.state !== 'pending').length;
        const word = v.j.done ? (v.j.ok ? 'done' : 'failed') : 'running';
        return h('span', {}, progress(answered, v.j.blades.length, 'progress of ' + v.s.op + ' ' + v.s.name), ' ',
          h('span', {class: 'job-state state-' + word, 'data-state': word}, word), ' ',
          h('span', {class: 'muted'}, answered + ' of ' + v.j.blades.length + ' blades'));
      }},
    ], views, {'aria-label': 'Installs started in this browser'}));
    el.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.job = views[i].s.job; });
  }
  return {el, refresh};
}

/** The drains under way on the Up blades: {el, refresh(blades, signal)}. */
export function drains(ctx) {
  const el = h('div', {id: 'jobs-drains'});
  const peak = new Map(); // blade -> most stripes seen remaining, so the bar can move
  async function refresh(blades, signal) {
    const all = await Promise.all(blades.map(b => ctx.api.call('GET', '/api/vnas/drain?blade=' + encodeURIComponent(b),
      undefined, {signal}).catch(() => null)));
    if (signal.aborted) return;
    const under = all.filter(d => d && d.draining);
    under.forEach(d => peak.set(d.blade, Math.max(peak.get(d.blade) || 0, d.remaining)));
    if (!under.length) {
      fill(el, h('p', {class: 'muted'}, 'No blade is being drained.'));
      return;
    }
    fill(el, table([
      {title: 'Blade', cell: d => d.blade},
      {title: 'Progress', cell: d => h('span', {}, progress(peak.get(d.blade) - d.remaining, peak.get(d.blade),
        'drain of ' + d.blade), ' ', h('span', {class: 'muted'}, d.remaining + ' stripes left'))},
    ], under, {'aria-label': 'Drains under way'}));
  }
  return {el, refresh};
}
