// Fail-over's coordinator panel and its history: every fail-over, newest first, each with its
// steps (which blade did what, when) in a disclosure.
import {h, time, table} from '../dom.js';

/** The coordinator, suspected blades, free spares and the fail-overs under way (FailoverStatus). */
export function statusPanel(s) {
  const list = xs => xs && xs.length ? xs.join(', ') : 'none';
  return [
    h('dl', {class: 'fo-facts'},
      h('dt', {}, 'Coordinator'), h('dd', {id: 'fo-coordinator'}, s.coordinator || 'none'),
      h('dt', {}, 'Answered by'), h('dd', {}, s.blade),
      h('dt', {}, 'Suspected'), h('dd', {}, list(s.suspects)),
      h('dt', {}, 'Free spares'), h('dd', {}, list(s.freeSpares)),
      h('dt', {}, 'Under way'), h('dd', {}, s.active && s.active.length
        ? s.active.map(f => f.failed + ' → ' + (f.replacement || '?') + ' (' + f.state + ')').join('; ') : 'none')),
  ];
}

/** Every fail-over (FailoverView[]), with its steps. */
export function historyTable(list) {
  if (!list.length) return h('p', {class: 'muted'}, 'No fail-over yet.');
  return table([
    {title: 'Started', cell: f => time(f.started)},
    {title: 'Failed', cell: f => f.failed},
    {title: 'Cause', cell: f => f.cause},
    {title: 'Method', cell: f => f.method},
    {title: 'Replacement', cell: f => f.replacement || ''},
    {title: 'Users', cell: f => (f.users || []).join(', ')},
    {title: 'State', cell: f => h('span', {class: 'fo-state-' + f.state}, f.state)},
    {title: 'Ended', cell: f => time(f.ended)},
    {title: 'Steps', cell: f => h('details', {},
      h('summary', {}, (f.steps || []).length + ' steps'),
      h('ol', {class: 'fo-steps'}, (f.steps || []).map(s =>
        h('li', {}, h('span', {class: 'muted'}, time(s.at) + ' '), s.blade + ': ' + s.what))))},
  ], list, {'aria-label': 'Fail-over history'});
}
