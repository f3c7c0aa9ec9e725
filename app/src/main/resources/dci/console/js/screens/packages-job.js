// An install, uninstall or follow job's live progress: the job is polled (GET /api/install/jobs/ID
// on the blade that started it) until every target blade answered; each blade's row shows its
// state (pending, then ok, unchanged or failed), what it did and, when it failed, the step.
import {h, fill, table} from '../dom.js';
import {sleep} from '../api.js';

const POLL_MS = 500;

function seconds(ms) {
  return ms == null ? '' : (ms / 1000).toFixed(1) + ' s';
}

/** The rows of a job view (InstallJob). */
export function jobTable(job) {
  const t = table([
    {title: 'Blade', cell: b => b.blade},
    {title: 'State', cell: b => h('span', {class: 'pkg-state-' + b.state, 'data-state': b.state}, b.state)},
    {title: 'Action', cell: b => b.action || ''},
    {title: 'Version', cell: b => b.previous && b.version && b.previous !== b.version
      ? b.previous + ' → ' + b.version : (b.version || '')},
    {title: 'Took', num: true, cell: b => seconds(b.durationMs ?? b.elapsedMs)},
    {title: 'Message', cell: b => [b.message || '', b.failedStep
      ? h('details', {}, h('summary', {}, 'step ' + b.failedStep.index + ': ' + b.failedStep.description),
        h('pre', {}, b.failedStep.output || '(no output)')) : null]},
  ], job.blades || [], {'aria-label': 'Job ' + job.job + ' by blade'});
  t.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.blade = job.blades[i].blade; });
  return t;
}

/**
 * Follows job {@code started} (InstallStarted) into el until it is done or signal aborts;
 * answers the last view.
 */
export async function follow(ctx, started, el, signal) {
  const head = h('p', {class: 'pkg-job-head'});
  const rows = h('div', {});
  fill(el, head, rows);
  let job;
  for (;;) {
    try {
      job = await ctx.api.call('GET', '/api/install/jobs/' + encodeURIComponent(started.job), undefined, {signal});
    } catch (e) {
      if (signal.aborted) return job;
      head.textContent = 'job ' + started.job + ': ' + e.message;
      await sleep(POLL_MS * 4, signal);
      continue;
    }
    const answered = job.blades.filter(b => b.state !== 'pending').length;
    head.textContent = job.op + ' ' + job.name + (job.version ? ' ' + job.version : '') + ': '
      + (job.done ? (job.ok ? 'done' : 'done, with failures') : answered + ' of ' + job.blades.length + ' blades answered');
    head.dataset.done = String(job.done);
    fill(rows, jobTable(job));
    if (job.done || signal.aborted) return job;
    await sleep(POLL_MS, signal);
  }
}
