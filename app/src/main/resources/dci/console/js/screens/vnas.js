// VNAS: the pooled volume every blade serves over WebDAV at /vnas/. Folders with breadcrumbs,
// files with size and time; download for everyone; upload (file picker or drop onto the list,
// a progress bar each), new folder and delete (confirmed in the page) for operators, as the
// mount point allows. A file's placement shows its stripes and the blades holding them.
import {ask} from '../confirm.js';
import {h, fill, bytes, time, table} from '../dom.js';
import {davUrl, join, upload, download} from './vnas-transfer.js';
import {placement, space} from './vnas-stripes.js';

export default {
  id: 'vnas',
  title: 'VNAS',
  role: 'viewer',
  mount(el, ctx) {
    const write = ctx.can('operator');
    let cwd = '/';
    let alive = true;
    const df = h('div', {class: 'vnas-df', id: 'vnas-df'}, h('span', {class: 'muted'}, 'reading the volume…'));
    const crumbs = h('nav', {class: 'crumbs', id: 'vnas-crumbs', 'aria-label': 'Folder'});
    const confirm = h('div', {id: 'vnas-confirm'});
    const list = h('div', {id: 'vnas-list', class: 'vnas-drop'});
    const transfers = h('ul', {id: 'vnas-uploads', class: 'vnas-uploads', 'aria-label': 'Uploads'});
    const details = h('div', {id: 'vnas-details'});

    async function refresh() {
      const at = cwd;
      try {
        const [entries, d] = await Promise.all([
          ctx.api.call('GET', '/api/vnas/ls?path=' + encodeURIComponent(at)),
          ctx.api.call('GET', '/api/vnas/df').catch(() => null)]);
        if (!alive || at !== cwd) return;
        if (d) fill(df, space(d));
        render(entries || []);
      } catch (e) {
        if (!alive) return;
        if (e.status === 404 && at !== '/') {
          ctx.toast(at + ' is gone: back to the top', true);
          enter('/');
          return;
        }
        fill(list, h('p', {class: 'error', role: 'alert'}, 'cannot list ' + at + ': ' + e.message));
      }
    }

    function enter(path) {
      cwd = path;
      fill(confirm);
      fill(details);
      renderCrumbs();
      refresh();
    }

    function renderCrumbs() {
      const names = cwd.split('/').filter(Boolean);
      const parts = [{name: 'vnas', path: '/'}];
      names.forEach((n, i) => parts.push({name: n, path: '/' + names.slice(0, i + 1).join('/')}));
      fill(crumbs, parts.flatMap((p, i) => i === parts.length - 1
        ? h('span', {'aria-current': 'location', class: 'crumb'}, p.name)
        : [h('button', {type: 'button', class: 'link crumb', onclick: () => enter(p.path)}, p.name),
          h('span', {class: 'sep', 'aria-hidden': 'true'}, '/')]));
    }

    function render(entries) {
      entries.sort((a, b) => (b.collection - a.collection) || a.name.localeCompare(b.name));
      const columns = [
        {title: 'Name', cell: e => e.collection
          ? h('button', {type: 'button', class: 'link folder', onclick: () => enter(e.path)}, e.name + '/')
          : h('span', {class: 'vnas-name'}, e.name)},
        {title: 'Size', num: true, cell: e => e.collection ? '' : h('span', {title: e.size + ' bytes'}, bytes(e.size))},
        {title: 'Modified', cell: e => time(e.modified)},
        {title: 'Actions', cell: e => h('span', {class: 'actions'},
          e.collection ? null : h('button', {type: 'button', class: 'secondary', 'aria-label': 'Download ' + e.name,
            onclick: () => fetchFile(e)}, 'Download'),
          e.collection ? null : h('button', {type: 'button', class: 'secondary', 'aria-label': 'Placement of ' + e.name,
            onclick: () => showPlacement(e)}, 'Stripes'),
          write ? h('button', {type: 'button', class: 'danger', 'aria-label': 'Delete ' + e.name,
            onclick: () => askDelete(e)}, 'Delete') : null)},
      ];
      fill(list, entries.length
        ? table(columns, entries, {'aria-label': 'Contents of ' + cwd})
        : h('p', {class: 'muted empty'}, 'This folder is empty.'),
      write ? h('p', {class: 'muted hint'}, 'Drop files here to upload them to ' + cwd) : null);
      list.querySelectorAll('tbody tr').forEach((tr, i) => {
        tr.dataset.name = entries[i].name;
        tr.dataset.kind = entries[i].collection ? 'folder' : 'file';
      });
    }

    async function fetchFile(e) {
      try {
        await download(ctx.api, e.path, e.name);
      } catch (err) {
        ctx.toast('download ' + e.name + ': ' + err.message, true);
      }
    }

    async function showPlacement(e) {
      try {
        const stat = await ctx.api.call('GET', '/api/vnas/stat?path=' + encodeURIComponent(e.path));
        if (alive) fill(details, placement(stat, () => fill(details)));
      } catch (err) {
        ctx.toast('placement of ' + e.name + ': ' + err.message, true);
      }
    }

    function askDelete(e) {
      ask(confirm, {id: 'vnas-confirm', yesId: 'vnas-confirm-delete', yes: 'Delete', onYes: () => remove(e),
        text: ['Delete ', h('strong', {}, e.path), e.collection ? ' and everything in it?' : '?', ' This cannot be undone.']});
    }

    async function remove(e) {
      fill(confirm);
      try {
        await ctx.api.call('DELETE', davUrl(e.path));
        ctx.toast('deleted ' + e.path);
        fill(details);
      } catch (err) {
        ctx.toast('delete ' + e.path + ': ' + err.message, true);
      }
      refresh();
    }

    async function makeFolder(ev) {
      ev.preventDefault();
      const input = el.querySelector('#vnas-folder');
      const name = input.value.trim();
      if (!name || name.includes('/') || name === '.' || name === '..') {
        ctx.toast('a folder name is one name: no "/", not "." or ".."', true);
        return;
      }
      try {
        await ctx.api.call('MKCOL', davUrl(join(cwd, name)));
        input.value = '';
        ctx.toast('made ' + join(cwd, name));
      } catch (err) {
        ctx.toast('new folder ' + name + ': ' + err.message, true);
      }
      refresh();
    }

    function send(files) {
      for (const file of files) {
        const path = join(cwd, file.name);
        const bar = h('progress', {max: '100', value: '0', 'aria-label': 'Upload of ' + file.name});
        const pct = h('span', {class: 'pct'}, '0 %');
        const state = h('span', {class: 'state muted'}, 'sending');
        const row = h('li', {}, h('span', {class: 'vnas-name'}, path), bar, pct, state);
        row.dataset.name = file.name;
        transfers.prepend(row);
        const job = upload(ctx.api, path, file, f => {
          bar.value = Math.round(f * 100);
          pct.textContent = Math.round(f * 100) + ' %';
          if (f >= 1) state.textContent = 'storing';
        });
        job.promise.then(() => {
          state.textContent = 'stored';
          state.className = 'state ok';
          refresh();
        }, err => {
          state.textContent = err.message;
          state.className = 'state error';
          ctx.toast('upload ' + file.name + ': ' + err.message, true);
        });
      }
    }

    const picker = h('input', {type: 'file', id: 'vnas-file', multiple: true, onchange: () => {
      send([...picker.files]);
      picker.value = '';
    }});
    const tools = write ? [
      h('div', {class: 'toolbar'},
        h('label', {for: 'vnas-file', class: 'upload'}, 'Upload files'), picker,
        h('form', {class: 'inline', id: 'vnas-mkcol', onsubmit: makeFolder},
          h('label', {for: 'vnas-folder'}, 'New folder'),
          h('input', {type: 'text', id: 'vnas-folder', name: 'folder', autocomplete: 'off', placeholder: 'name'}),
          h('button', {type: 'submit'}, 'Create folder')))] : [];

    if (write) {
      list.addEventListener('dragover', e => {
        e.preventDefault();
        list.classList.add('drag');
      });
      list.addEventListener('dragleave', () => list.classList.remove('drag'));
      list.addEventListener('drop', e => {
        e.preventDefault();
        list.classList.remove('drag');
        const files = e.dataTransfer ? [...e.dataTransfer.files] : [];
        if (files.length) send(files);
      });
    }

    fill(el,
      h('h1', {}, 'VNAS'),
      df,
      h('div', {class: 'toolbar'}, crumbs,
        h('button', {type: 'button', class: 'secondary', id: 'vnas-refresh', onclick: refresh}, 'Refresh')),
      tools, confirm, list, transfers, details);
    renderCrumbs();
    refresh();
    return () => { alive = false; };
  },
};
