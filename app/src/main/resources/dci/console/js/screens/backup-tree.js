// An archive's files as a tree (Fig. 14): folders open and close, every file and folder has a
// checkbox (a folder's checks everything under it), and a search box hides what does not match.
// Names are text: a file may be called anything.
import {h, bytes, time} from '../dom.js';

/** Folders and files from ["a/b.txt", ...]: {name, path, dirs: Map, files: []}. */
function build(files) {
  const top = {name: '', path: '', dirs: new Map(), files: []};
  for (const f of files) {
    const parts = f.path.split('/').filter(Boolean);
    let node = top;
    for (const part of parts.slice(0, -1)) {
      if (!node.dirs.has(part)) {
        node.dirs.set(part, {name: part, path: node.path + part + '/', dirs: new Map(), files: []});
      }
      node = node.dirs.get(part);
    }
    node.files.push({...f, name: parts[parts.length - 1]});
  }
  return top;
}

const byName = (a, b) => a.name.localeCompare(b.name);

/**
 * The tree of files (ArchiveContents.File[]); idPrefix keeps the checkboxes' ids unique.
 * Returns {element, search, checked(): paths, onChange(fn)}.
 */
export function fileTree(files, idPrefix) {
  let seq = 0;
  let changed = () => {};
  const leaves = []; // {li, path, box}
  const folders = []; // {li, box, leaves}

  function fileItem(f) {
    const id = idPrefix + (seq++);
    const box = h('input', {type: 'checkbox', id, 'data-path': f.path, disabled: f.deleted});
    const li = h('li', {class: 'tree-file'}, box,
      h('label', {for: id}, f.name),
      h('span', {class: 'muted tree-meta'}, f.deleted ? 'deleted' : bytes(f.size) + ' · ' + time(f.modified)));
    const leaf = {li, path: f.path, box};
    box.addEventListener('change', () => { sync(); changed(); });
    leaves.push(leaf);
    return [li, leaf];
  }

  function folderItem(node) {
    const id = idPrefix + (seq++);
    const box = h('input', {type: 'checkbox', id, 'data-folder': node.path});
    const children = [];
    const mine = [];
    for (const d of [...node.dirs.values()].sort(byName)) {
      const [li, under] = folderItem(d);
      children.push(li);
      mine.push(...under);
    }
    for (const f of node.files.sort(byName)) {
      const [li, leaf] = fileItem(f);
      children.push(li);
      mine.push(leaf);
    }
    const li = h('li', {class: 'tree-folder'},
      h('details', {open: true},
        h('summary', {}, box, h('label', {for: id}, node.name + '/')),
        h('ul', {}, children)));
    const folder = {li, box, leaves: mine.filter(l => !l.box.disabled)};
    box.addEventListener('change', () => {
      folder.leaves.forEach(l => { l.box.checked = box.checked; });
      sync();
      changed();
    });
    folders.push(folder);
    return [li, mine];
  }

  /** Folder boxes show their files: all checked, some (indeterminate), none. */
  function sync() {
    for (const f of folders) {
      const n = f.leaves.filter(l => l.box.checked).length;
      f.box.checked = n > 0 && n === f.leaves.length;
      f.box.indeterminate = n > 0 && n < f.leaves.length;
    }
  }

  const top = build(files);
  const items = [];
  for (const d of [...top.dirs.values()].sort(byName)) items.push(folderItem(d)[0]);
  for (const f of top.files.sort(byName)) items.push(fileItem(f)[0]);
  const element = h('ul', {class: 'tree', 'aria-label': 'Files of the archive'}, items);

  return {
    element,
    /** Shows the files whose path contains text (any case), and the folders holding them. */
    search(text) {
      const q = text.trim().toLowerCase();
      for (const l of leaves) l.li.hidden = q !== '' && !l.path.toLowerCase().includes(q);
      for (const f of folders) {
        const all = [...f.li.querySelectorAll('li.tree-file')];
        f.li.hidden = q !== '' && all.every(li => li.hidden);
      }
    },
    checked: () => leaves.filter(l => l.box.checked && !l.box.disabled).map(l => l.path),
    onChange(fn) { changed = fn; },
  };
}

/** A path as a glob matching only itself (the restore's files are globs). */
export function literal(path) {
  return path.replace(/[\\*?[\]{}]/g, c => '\\' + c);
}
