// Where a file lives: its stripes (from /api/vnas/stat), each one's size and the blades that
// hold a copy of it, and the volume's space (from /api/vnas/df).
import {h, bytes, time, table} from '../dom.js';

/** The placement panel of a file's StatView. */
export function placement(stat, onClose) {
  const blades = new Set();
  (stat.stripes || []).forEach(s => (s.blades || []).forEach(b => blades.add(b)));
  const columns = [
    {title: 'Stripe', num: true, cell: s => String(s.index)},
    {title: 'Size', num: true, cell: s => h('span', {title: s.size + ' bytes'}, bytes(s.size))},
    {title: 'Blades', cell: s => (s.blades || []).length
      ? (s.blades || []).map(b => h('span', {class: 'badge stripe-blade'}, b))
      : h('span', {class: 'error'}, 'no live copy')},
    {title: 'Hash', cell: s => h('code', {title: s.hash}, String(s.hash || '').slice(0, 16) + '…')},
  ];
  const t = table(columns, stat.stripes || [], {'aria-label': 'Stripes of ' + stat.path});
  t.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.stripe = String(stat.stripes[i].index); });
  return h('section', {class: 'card', id: 'vnas-stripes', 'aria-labelledby': 'vnas-stripes-title'},
    h('div', {class: 'toolbar'},
      h('h2', {id: 'vnas-stripes-title'}, 'Placement of ', h('span', {class: 'vnas-name'}, stat.path)),
      h('button', {type: 'button', class: 'secondary', onclick: onClose}, 'Close')),
    h('p', {class: 'muted'},
      bytes(stat.size) + ' in ' + (stat.stripes || []).length + ' stripes on ' + blades.size + ' blades · version '
        + stat.version + ' · modified ' + time(stat.modified)),
    t);
}

/** The volume's space at the top of the screen. */
export function space(df) {
  const live = (df.blades || []).filter(b => b.status === 'Up').length;
  const bar = h('progress', {max: String(Math.max(1, df.contributed)), value: String(df.used),
    'aria-label': 'Volume space used'});
  return [bar,
    h('span', {}, h('strong', {}, bytes(df.used)), ' used of ', bytes(df.contributed), ' · ',
      h('strong', {}, bytes(df.free)), ' free · ', live + ' of ' + (df.blades || []).length + ' blades Up')];
}
