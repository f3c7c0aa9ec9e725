// Backup configuration and scheduling (Fig. 11, 12): a blade's settings (root, replicas, remote,
// peers, method, exclusions by folder and by extension), its schedule and aging; saved with
// PUT /api/backup/config (the blade's own validation answers next to the form). "Back up now"
// starts a run and shows its progress until it ends.
import {h, fill, field} from '../dom.js';
import {bladePicker, watch, remember, result} from '../jobwatch.js';
import {scheduleFields} from './backup-schedule.js';

const METHODS = [['snapshot', 'snapshot (whole tree)'], ['delta', 'delta (changes since the last)'],
  ['mirror', 'mirror (changes as they happen)']];

const list = text => text.split(',').map(s => s.trim()).filter(Boolean);
const count = input => (input.value.trim() === '' ? -1 : Number(input.value)); // -1 unsets

export default {
  id: 'backup',
  title: 'Backup',
  role: 'viewer',
  mount(el, ctx) {
    const admin = ctx.can('admin');
    let blade = null;
    let stopRun = () => {};
    const input = (attrs = {}) => h('input', {autocomplete: 'off', ...attrs, disabled: !admin});
    const root = input({placeholder: "(the blade's user area)"});
    const method = h('select', {disabled: !admin}, METHODS.map(([v, t]) => h('option', {value: v}, t)));
    const replicas = input({type: 'number', min: 1, max: 16});
    const remote = input({type: 'number', min: 0, max: 16});
    const peers = input({placeholder: '(chosen automatically)'});
    const excludeDirs = input({placeholder: 'e.g. tmp, cache/large'});
    const excludeExts = input({placeholder: 'e.g. .exe, .mpg, .mp3'});
    const keepWithin = input({placeholder: 'e.g. 30d (empty: no limit)'});
    const keepLast = input({type: 'number', min: 0});
    const keepDaily = input({type: 'number', min: 0});
    const keepWeekly = input({type: 'number', min: 0});
    const schedule = scheduleFields(admin);
    const error = h('p', {class: 'error', id: 'backup-error', role: 'alert'});
    const runHolder = h('div', {id: 'backup-run', 'aria-live': 'polite'});
    const heading = text => h('h2', {class: 'row-full'}, text);

    function show(view) {
      const c = view.config;
      root.value = c.root || '';
      method.value = c.method;
      replicas.value = String(c.replicas);
      remote.value = String(c.remote);
      peers.value = (c.peers || []).join(', ');
      excludeDirs.value = (c.excludeDirs || []).join(', ');
      excludeExts.value = (c.excludeExts || []).join(', ');
      schedule.set(c.schedule);
      const a = c.aging || {};
      keepWithin.value = a.keepWithin || '';
      keepLast.value = a.keepLast ?? '';
      keepDaily.value = a.keepDaily ?? '';
      keepWeekly.value = a.keepWeekly ?? '';
    }

    async function load(name) {
      blade = name;
      error.textContent = '';
      stopRun();
      fill(runHolder);
      try {
        show(await ctx.api.call('GET', '/api/backup/config?blade=' + encodeURIComponent(name)));
      } catch (e) {
        error.textContent = e.message;
      }
    }

    async function save(e) {
      e.preventDefault();
      error.textContent = '';
      const body = {
        blade, root: root.value.trim(), method: method.value,
        replicas: Number(replicas.value), remote: Number(remote.value || 0),
        peers: list(peers.value), excludeDirs: list(excludeDirs.value), excludeExts: list(excludeExts.value),
        schedule: schedule.value(), keepWithin: keepWithin.value.trim(),
        keepLast: count(keepLast), keepDaily: count(keepDaily), keepWeekly: count(keepWeekly),
      };
      try {
        show(await ctx.api.call('PUT', '/api/backup/config', body));
        ctx.toast('saved the backup settings of ' + blade);
      } catch (err) {
        error.textContent = err.message;
      }
    }

    async function runNow() {
      stopRun();
      try {
        const job = await ctx.api.call('POST', '/api/backup/run', {blade});
        remember(job, 'backup of ' + blade);
        stopRun = watch(ctx, job, runHolder, 'backup of ' + blade, j => {
          const r = result(j);
          if (r && r.archive) {
            runHolder.append(h('p', {class: 'muted', id: 'backup-run-result'}, 'archive ' + r.archive.id + ': '
              + r.archive.files + ' files, held by ' + (r.archive.peers || []).join(', ')),
            ...(r.warnings || []).map(w => h('p', {class: 'error'}, w)));
          }
        });
      } catch (err) {
        fill(runHolder, h('p', {class: 'error'}, 'back up: ' + err.message));
      }
    }

    const form = h('form', {class: 'wide', id: 'backup-form', novalidate: true, onsubmit: save},
      heading('What and where'),
      field('backup-root', 'Root directory', root),
      field('backup-method', 'Method', method),
      field('backup-replicas', 'Replicas (peer blades)', replicas),
      field('backup-remote', 'Of them in other data centers', remote),
      field('backup-peers', 'Peers (comma-separated)', peers),
      field('backup-exclude-dirs', 'Excluded folders', excludeDirs),
      field('backup-exclude-exts', 'Excluded extensions', excludeExts),
      heading('Schedule'),
      ...schedule.fields,
      heading('Aging: archives kept'),
      field('backup-keep-within', 'Within (of the newest)', keepWithin),
      field('backup-keep-last', 'Last', keepLast),
      field('backup-keep-daily', 'Daily, for days', keepDaily),
      field('backup-keep-weekly', 'Weekly, for weeks', keepWeekly),
      admin ? h('button', {type: 'submit', id: 'backup-save'}, 'Save') : null,
      error);

    fill(el,
      h('h1', {}, 'Backup configuration and scheduling'),
      h('div', {class: 'toolbar'},
        h('label', {for: 'backup-blade'}, 'Blade'),
        bladePicker(ctx, 'backup-blade', load),
        ctx.can('operator') ? h('button', {type: 'button', id: 'backup-now', onclick: runNow}, 'Back up now') : null),
      runHolder,
      admin ? null : h('p', {class: 'muted'}, 'Only an admin changes backup settings.'),
      form);
    return () => stopRun();
  },
};
