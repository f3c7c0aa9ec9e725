// Jobs: every long job with its progress: each blade's recent backup jobs (runs, restores,
// checks, aging passes, from GET /api/backup/jobs?blade=B), the jobs this browser started
// (remembered in sessionStorage), its installs and the drains under way, polled while the
// screen is open.
import {h, fill, table} from '../dom.js';
import {sleep} from '../api.js';
import {bar, state, counts, remembered} from '../jobwatch.js';
import {installJobs, drains} from './jobs-more.js';

const columns = label => [
  {title: 'Blade', cell: j => j.blade},
  {title: 'Job', cell: j => j.id},
  {title: 'Kind', cell: j => j.kind || ''},
  {title: 'Progress', cell: j => h('span', {}, bar(j, label(j)), ' ', state(j))},
  {title: 'Phase', cell: j => [j.phase === j.state ? null : j.phase, counts(j)].filter(Boolean).join(' · ')},
  {title: 'Error', cell: j => j.error ? h('span', {class: 'error'}, j.error) : ''},
];

export default {
  id: 'jobs',
  title: 'Jobs',
  role: 'viewer',
  mount(el, ctx) {
    const abort = new AbortController();
    const mine = h('div', {id: 'jobs-mine'});
    const all = h('div', {id: 'jobs-all'});
    const updated = h('span', {class: 'muted', id: 'jobs-updated'});
    const installs = installJobs(ctx);
    const drain = drains(ctx);

    function rowsWithIds(holder, rows) {
      holder.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.job = rows[i].id; });
    }

    async function refresh() {
      let blades;
      try {
        blades = (await ctx.api.call('GET', '/api/blades', undefined, {signal: abort.signal}))
          .filter(b => b.status === 'Up').map(b => b.name);
      } catch (e) {
        if (!abort.signal.aborted) fill(all, h('p', {class: 'error'}, e.message));
        return;
      }
      await Promise.all([installs.refresh(abort.signal), drain.refresh(blades, abort.signal)]);
      const lists = await Promise.all(blades.map(b => ctx.api.call('GET', '/api/backup/jobs?blade='
        + encodeURIComponent(b), undefined, {signal: abort.signal}).catch(() => [])));
      const jobs = lists.flat();
      const byId = new Map(jobs.map(j => [j.id, j]));
      const started = remembered();
      const own = await Promise.all(started.map(s => byId.get(s.id) || ctx.api.call('GET', '/api/backup/jobs/'
        + encodeURIComponent(s.id) + '?blade=' + encodeURIComponent(s.blade), undefined, {signal: abort.signal})
        .catch(e => ({id: s.id, blade: s.blade, kind: s.kind, state: 'unknown', error: e.message}))));
      if (abort.signal.aborted) return;
      const whatOf = new Map(started.map(s => [s.id, s]));
      if (own.length) {
        fill(mine, table([
          {title: 'Started', cell: j => new Date(whatOf.get(j.id).started).toLocaleTimeString()},
          {title: 'What', cell: j => whatOf.get(j.id).what || j.kind},
          ...columns(j => 'progress of ' + (whatOf.get(j.id).what || j.id)).filter(c => c.title !== 'Kind'),
        ], own, {'aria-label': 'Jobs started in this browser'}));
        rowsWithIds(mine, own);
      } else {
        fill(mine, h('p', {class: 'muted'}, 'No job started in this browser yet.'));
      }
      if (jobs.length) {
        fill(all, table(columns(j => 'progress of ' + j.id), jobs, {'aria-label': 'Backup jobs of every blade'}));
        rowsWithIds(all, jobs);
      } else {
        fill(all, h('p', {class: 'muted'}, 'No backup job on any blade lately.'));
      }
      updated.textContent = 'updated ' + new Date().toLocaleTimeString();
    }

    (async () => {
      while (!abort.signal.aborted) {
        await refresh();
        await sleep(1000, abort.signal);
      }
    })();

    fill(el,
      h('h1', {}, 'Jobs'),
      h('p', {class: 'muted'}, 'Long jobs and how far they are; updated every second. ', updated),
      h('h2', {}, 'Started in this browser'),
      mine,
      h('h2', {}, 'Backup jobs of every blade'),
      all,
      h('h2', {}, 'Installs started in this browser'),
      installs.el,
      h('h2', {}, 'VNAS drains'),
      drain.el);
    return () => abort.abort();
  },
};
