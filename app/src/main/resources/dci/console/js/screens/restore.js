// Recovery view and archive view (Fig. 13, 14): a blade's archives with the peers holding each;
// an archive's contents as a tree with checkboxes and a search box; recovery of the archives
// in order up to the one chosen, into a directory or onto another blade, of everything or of
// the checked files only. A restore never deletes: files already in the target stay.
import {h, fill, bytes, time, table, field} from '../dom.js';
import {bladePicker, watch, remember, result} from '../jobwatch.js';
import {fileTree, literal} from './backup-tree.js';

export default {
  id: 'restore',
  title: 'Restore',
  role: 'viewer',
  mount(el, ctx) {
    const admin = ctx.can('admin');
    let blade = null;
    let blades = [];
    let stop = () => {};
    const archivesHolder = h('div', {id: 'restore-archives'});
    const view = h('section', {id: 'archive-view', 'aria-live': 'polite'});

    async function load(name) {
      blade = name;
      stop();
      fill(view);
      fill(archivesHolder, h('p', {class: 'muted'}, 'reading the archives of ' + name + '…'));
      try {
        const rows = await ctx.api.call('GET', '/api/backup/archives?blade=' + encodeURIComponent(name));
        blades = (await ctx.api.call('GET', '/api/blades')).map(b => b.name);
        if (!rows.length) {
          fill(archivesHolder, h('p', {class: 'muted'}, name + ' has no archives yet.'));
          return;
        }
        fill(archivesHolder, table([
          {title: 'Date', cell: a => time(a.time)},
          {title: 'Archive', cell: a => a.id},
          {title: 'Method', cell: a => a.method},
          {title: 'Size', num: true, cell: a => bytes(a.bytes)},
          {title: 'New', num: true, cell: a => bytes(a.newBytes)},
          {title: 'Files', num: true, cell: a => String(a.files)},
          {title: 'Deleted', num: true, cell: a => String(a.deleted)},
          {title: 'Held by', cell: a => (a.heldBy || []).join(', ') || 'no live peer'},
          {title: 'Contents', cell: a => h('button', {type: 'button', class: 'secondary',
            'aria-label': 'View contents of ' + a.id, onclick: () => open(a)}, 'View contents')},
        ], rows.slice().reverse(), {'aria-label': 'Archives of ' + name}));
        archivesHolder.querySelectorAll('tbody tr').forEach((tr, i) => {
          tr.dataset.archive = rows[rows.length - 1 - i].id;
        });
      } catch (e) {
        fill(archivesHolder, h('p', {class: 'error'}, e.message));
      }
    }

    async function open(row) {
      stop();
      fill(view, h('p', {class: 'muted'}, 'reading archive ' + row.id + '…'));
      let contents;
      try {
        contents = await ctx.api.call('GET', '/api/backup/archives/' + encodeURIComponent(row.id)
          + '?blade=' + encodeURIComponent(blade));
      } catch (e) {
        fill(view, h('p', {class: 'error'}, e.message));
        return;
      }
      const a = contents.archive;
      const tree = fileTree(contents.files, 'file-');
      const search = h('input', {type: 'search', placeholder: 'part of a name or path',
        oninput: () => tree.search(search.value)});
      const chosen = h('span', {class: 'muted', id: 'restore-chosen'}, 'all files');
      tree.onChange(() => {
        const n = tree.checked().length;
        chosen.textContent = n ? n + ' checked file' + (n === 1 ? '' : 's') : 'all files';
      });
      fill(view,
        h('h2', {}, 'Archive ' + a.id),
        h('p', {class: 'muted'}, a.method + ' of ' + a.blade + ' at ' + time(a.time) + ' · ' + a.files + ' files, '
          + bytes(a.bytes) + ' · held by ' + ((contents.heldBy || []).join(', ') || 'no live peer')),
        h('div', {class: 'toolbar'}, field('archive-search', 'Search', search)),
        h('div', {class: 'tree-box'}, tree.element),
        admin ? restoreForm(a, tree, chosen) : null);
    }

    function restoreForm(archive, tree, chosen) {
      const toDir = h('input', {type: 'radio', id: 'restore-to-dir', name: 'restore-to', value: 'dir', checked: true});
      const toBlade = h('input', {type: 'radio', id: 'restore-to-blade', name: 'restore-to', value: 'blade'});
      const target = h('input', {id: 'restore-target', 'aria-label': 'Target directory', placeholder: '/absolute/directory on the blade serving this page', autocomplete: 'off'});
      const other = h('select', {id: 'restore-other', 'aria-label': 'Target blade'}, blades.filter(b => b !== blade).map(b => h('option', {value: b}, b)));
      const error = h('p', {class: 'error', id: 'restore-error', role: 'alert'});
      const progress = h('div', {id: 'restore-progress', 'aria-live': 'polite'});
      const sync = () => { target.disabled = !toDir.checked; other.disabled = !toBlade.checked; };
      toDir.addEventListener('change', sync);
      toBlade.addEventListener('change', sync);
      sync();

      async function restore(e) {
        e.preventDefault();
        error.textContent = '';
        const body = {blade, upto: archive.id};
        if (toDir.checked) {
          if (!target.value.trim()) { error.textContent = 'name the target directory'; return; }
          body.target = target.value.trim();
        } else {
          body.toBlade = other.value;
        }
        const files = tree.checked();
        if (files.length) body.files = files.map(literal);
        stop();
        try {
          const job = await ctx.api.call('POST', '/api/backup/restore', body);
          const what = 'restore of ' + blade + ' up to ' + archive.id;
          remember(job, what);
          stop = watch(ctx, job, progress, what, j => {
            const r = result(j);
            if (!r) return;
            progress.append(h('p', {id: 'restore-result'}, 'restored ' + r.files + ' files (' + bytes(r.bytes)
              + ') from ' + (r.archives || []).join(', ') + ' into ' + r.target),
            ...(r.problems || []).map(p => h('p', {class: 'error'}, p)));
          });
        } catch (err) {
          error.textContent = err.message;
        }
      }

      return h('form', {class: 'wide', id: 'restore-form', novalidate: true, onsubmit: restore},
        h('h2', {class: 'row-full'}, 'Recover'),
        h('p', {class: 'muted row-full'}, 'Restores the archives in order up to this one; files already in the '
          + 'target stay (nothing is deleted), files of the archive overwrite theirs. What: ', chosen, '.'),
        h('span', {}, toDir, ' ', h('label', {for: 'restore-to-dir'}, 'To a directory')), target,
        h('span', {}, toBlade, ' ', h('label', {for: 'restore-to-blade'}, 'To another blade')), other,
        h('button', {type: 'submit', id: 'restore-go'}, 'Recover sequentially up to this archive'),
        error, h('div', {class: 'row-full'}, progress));
    }

    fill(el,
      h('h1', {}, 'Recovery and archives'),
      h('div', {class: 'toolbar'},
        h('label', {for: 'restore-blade'}, 'Blade'),
        bladePicker(ctx, 'restore-blade', load),
        h('button', {type: 'button', class: 'secondary', onclick: () => blade && load(blade)}, 'Refresh')),
      archivesHolder,
      view);
    return () => stop();
  },
};
