// Packages (Fig. 22–24): what is published, each blade's inventory, and, for admins, installing a
// published package on chosen blades or uninstalling it, with each blade's progress live
// (packages-job.js).
import {h, fill, bytes, time, table, field} from '../dom.js';
import {ask} from '../confirm.js';
import {rememberInstall} from './jobs-more.js';
import {follow} from './packages-job.js';

export default {
  id: 'packages',
  title: 'Packages',
  role: 'viewer',
  mount(el, ctx) {
    const admin = ctx.can('admin');
    const abort = new AbortController();
    let published = [];
    let blades = [];
    const publishedHolder = h('div', {id: 'published-table'});
    const inventoryHolder = h('div', {id: 'inventory-table'});
    const inventoryBlade = h('select', {onchange: () => readInventory()});
    const jobHolder = h('div', {id: 'install-job', 'aria-live': 'polite'});

    function showPublished() {
      fill(publishedHolder, published.length ? table([
        {title: 'Package', cell: p => p.name},
        {title: 'Version', cell: p => p.version},
        {title: 'Description', cell: p => p.description || ''},
        {title: 'Size', num: true, cell: p => bytes(p.size)},
        {title: 'Peerlet', cell: p => p.peerlet || ''},
        {title: 'Published', cell: p => time(p.publishedAt) + (p.publishedBy ? ' by ' + p.publishedBy : '')},
        {title: 'Key', cell: p => h('code', {title: p.keyId}, (p.keyId || '').slice(0, 12))},
      ], published, {'aria-label': 'Published packages'}) : h('p', {class: 'muted'}, 'Nothing is published yet.'));
      publishedHolder.querySelectorAll('tbody tr').forEach((tr, i) => {
        tr.dataset.package = published[i].name;
        tr.dataset.version = published[i].version;
      });
    }

    async function readInventory() {
      const blade = inventoryBlade.value;
      if (!blade) return;
      try {
        const inv = await ctx.api.call('GET', '/api/packages/installed?blade=' + encodeURIComponent(blade));
        if (inventoryBlade.value !== blade) return;
        const rows = inv.packages || [];
        fill(inventoryHolder, rows.length ? table([
          {title: 'Package', cell: p => p.name},
          {title: 'Version', cell: p => p.version},
          {title: 'Installed', cell: p => time(p.installedAt)},
          {title: 'Follows', cell: p => p.following ? 'yes' : 'no'},
          {title: 'Services', cell: p => (p.services || []).join(', ')},
          {title: 'Peerlet', cell: p => p.peerlet || ''},
        ], rows, {'aria-label': 'Installed on ' + inv.blade}) : h('p', {class: 'muted'}, 'Nothing installed on ' + inv.blade + '.'));
        inventoryHolder.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.package = rows[i].name; });
        inventoryHolder.dataset.blade = inv.blade;
      } catch (e) {
        fill(inventoryHolder, h('p', {class: 'error'}, blade + ': ' + e.message));
      }
    }

    // the admin's form: a published package (newest or a version) on chosen blades
    const name = h('select', {onchange: () => versions()});
    const version = h('select', {});
    const targets = h('fieldset', {class: 'pkg-targets'});
    const formError = h('p', {class: 'error', role: 'alert'});
    const confirmBox = h('div', {class: 'row-full', id: 'uninstall-confirm-box', hidden: true});
    let running = false;

    function askUninstall() {
      const on = [...targets.querySelectorAll('input:checked')].map(i => i.value);
      if (!name.value || !on.length) { start('uninstall'); return; } // start says what is missing
      ask(confirmBox, {id: 'uninstall-confirm', yes: 'Uninstall', onYes: () => start('uninstall'),
        text: 'Uninstall ' + name.value + ' from ' + on.join(', ') + '? Its files and its peerlet go from those blades.'});
    }

    function versions() {
      const was = version.value;
      fill(version, h('option', {value: ''}, 'newest'), published.filter(p => p.name === name.value)
        .map(p => h('option', {value: p.version, selected: p.version === was}, p.version)));
    }

    function showTargets() {
      const chosen = new Set([...targets.querySelectorAll('input:checked')].map(i => i.value));
      fill(targets, h('legend', {}, 'On blades'), blades.map(b => {
        const id = 'pkg-on-' + b.name;
        return h('span', {class: 'pkg-target'},
          h('input', {type: 'checkbox', id, value: b.name, checked: chosen.has(b.name), disabled: b.status !== 'Up'}),
          h('label', {for: id}, b.name + (b.status === 'Up' ? '' : ' (' + b.status + ')')));
      }));
    }

    async function start(op) {
      formError.textContent = '';
      const on = [...targets.querySelectorAll('input:checked')].map(i => i.value);
      if (!name.value) { formError.textContent = 'choose a package'; return; }
      if (!on.length) { formError.textContent = 'choose at least one blade'; return; }
      if (running) return;
      running = true;
      form.querySelectorAll('button').forEach(b => { b.disabled = true; });
      try {
        const body = {name: name.value, on: on.join(',')};
        if (op === 'install' && version.value) body.version = version.value;
        const started = await ctx.api.call('POST', '/api/' + op, body);
        rememberInstall(started, ctx.api.serving());
        const job = await follow(ctx, started, jobHolder, abort.signal);
        if (job && job.done) ctx.toast(op + ' ' + job.name + ': ' + (job.ok ? 'done' : 'failed on some blades'), !job.ok);
        await readInventory();
      } catch (e) {
        formError.textContent = op + ': ' + e.message;
      } finally {
        running = false;
        form.querySelectorAll('button').forEach(b => { b.disabled = false; });
      }
    }

    const form = h('form', {class: 'card wide', id: 'install-form', onsubmit: e => { e.preventDefault(); start('install'); }},
      field('pkg-name', 'Package', name), field('pkg-version', 'Version', version),
      h('div', {class: 'row-full'}, targets),
      h('div', {class: 'toolbar row-full'},
        h('button', {type: 'submit'}, 'Install'),
        h('button', {type: 'button', class: 'danger', onclick: askUninstall}, 'Uninstall…')),
      confirmBox,
      formError);

    async function refresh() {
      const [p, b] = await Promise.allSettled([ctx.api.call('GET', '/api/packages'), ctx.api.call('GET', '/api/blades')]);
      if (p.status === 'fulfilled') {
        published = p.value || [];
        showPublished();
        const names = [...new Set(published.map(x => x.name))];
        const was = name.value;
        fill(name, names.map(n => h('option', {value: n, selected: n === was}, n)));
        versions();
      } else {
        ctx.toast('packages: ' + p.reason.message, true);
      }
      if (b.status === 'fulfilled') {
        blades = b.value;
        const was = inventoryBlade.value;
        fill(inventoryBlade, blades.map(x => h('option', {value: x.name, selected: x.name === was}, x.name)));
        showTargets();
        await readInventory();
      }
    }

    fill(el,
      h('h1', {}, 'Packages'),
      h('div', {class: 'toolbar'}, h('button', {type: 'button', class: 'secondary', onclick: refresh}, 'Refresh')),
      h('section', {'aria-labelledby': 'pkg-published'}, h('h2', {id: 'pkg-published'}, 'Published'), publishedHolder),
      admin ? h('section', {'aria-labelledby': 'pkg-install'}, h('h2', {id: 'pkg-install'}, 'Install or uninstall'),
        form, jobHolder) : null,
      h('section', {'aria-labelledby': 'pkg-inventory'}, h('h2', {id: 'pkg-inventory'}, 'Installed'),
        h('div', {class: 'toolbar'}, field('inventory-blade', 'Blade', inventoryBlade)), inventoryHolder));
    refresh();
    return () => abort.abort();
  },
};
