// Long jobs as the console shows them: a progress bar, the phase and counts, polled from the
// blade that runs the job until it ends. The jobs this browser started are remembered in
// sessionStorage (the jobs screen lists them).
import {h, fill, bytes} from './dom.js';
import {sleep} from './api.js';

const KEY = 'dci.console.jobs';
const KEEP = 30;

/** The jobs this browser started, newest first: [{id, blade, kind, what, started}]. */
export function remembered() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY)) || [];
  } catch (e) {
    return [];
  }
}

/** Remembers a job this browser started. */
export function remember(job, what) {
  const list = remembered().filter(j => j.id !== job.id);
  list.unshift({id: job.id, blade: job.blade, kind: job.kind, what, started: Date.now()});
  sessionStorage.setItem(KEY, JSON.stringify(list.slice(0, KEEP)));
}

/** How far a job is, as "files 3 of 10 · 1 MiB of 4 MiB". */
export function counts(job) {
  const parts = [];
  if (job.filesTotal > 0 || job.filesDone > 0) parts.push('files ' + job.filesDone + ' of ' + job.filesTotal);
  if (job.bytesTotal > 0 || job.bytesDone > 0) parts.push(bytes(job.bytesDone) + ' of ' + bytes(job.bytesTotal));
  return parts.join(' · ');
}

/** A <progress> for a job: by bytes, else by files; indeterminate while running with no totals; full when done. */
export function bar(job, label) {
  const p = h('progress', {'aria-label': label || 'progress of ' + job.id, max: 1});
  if (job.state === 'done') {
    p.value = 1;
  } else if (job.bytesTotal > 0) {
    p.value = Math.min(1, job.bytesDone / job.bytesTotal);
  } else if (job.filesTotal > 0) {
    p.value = Math.min(1, job.filesDone / job.filesTotal);
  } else if (job.state !== 'running') {
    p.value = 0;
  }
  return p;
}

/** The state as a word with its colour: running, done, failed. */
export function state(job) {
  return h('span', {class: 'job-state state-' + job.state, 'data-state': job.state}, job.state);
}

/** One job's line: bar, state, phase and counts, and its error. */
export function jobLine(job, label) {
  return h('div', {class: 'job', 'data-job': job.id},
    bar(job, label), ' ', state(job),
    h('span', {class: 'muted'}, [job.phase === job.state ? null : job.phase, counts(job)].filter(Boolean).join(' · ')),
    job.error ? h('span', {class: 'error'}, job.error) : null);
}

/**
 * Shows job in holder and polls it until it ends; then calls onEnd(job). Returns a stop
 * function (the screen's cleanup).
 */
export function watch(ctx, job, holder, label, onEnd = () => {}) {
  const abort = new AbortController();
  (async () => {
    let j = job;
    fill(holder, jobLine(j, label));
    while (j.state === 'running' && !abort.signal.aborted) {
      await sleep(300, abort.signal);
      if (abort.signal.aborted) return;
      try {
        j = await ctx.api.call('GET', '/api/backup/jobs/' + encodeURIComponent(j.id) + '?blade='
          + encodeURIComponent(j.blade), undefined, {signal: abort.signal});
      } catch (e) {
        if (abort.signal.aborted) return;
        fill(holder, jobLine(j, label), h('p', {class: 'error'}, 'polling: ' + e.message));
        await sleep(1000, abort.signal);
        continue;
      }
      fill(holder, jobLine(j, label));
    }
    if (!abort.signal.aborted) onEnd(j);
  })();
  return () => abort.abort();
}

/** A job's result (JSON text when done), parsed, or null. */
export function result(job) {
  try {
    return job.result ? JSON.parse(job.result) : null;
  } catch (e) {
    return null;
  }
}

/** A <select> of the cluster's blades (from /api/blades); onChange(name) also runs once it is filled. */
export function bladePicker(ctx, id, onChange) {
  const select = h('select', {id, onchange: () => onChange(select.value)});
  ctx.api.call('GET', '/api/blades').then(blades => {
    ctx.api.learn(blades);
    const names = blades.map(b => b.name).sort((a, b) => a.localeCompare(b, undefined, {numeric: true}));
    fill(select, names.map(n => h('option', {value: n}, n)));
    if (names.length) onChange(select.value);
  }).catch(e => ctx.toast('blades: ' + e.message, true));
  return select;
}
