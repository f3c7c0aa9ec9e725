// Discover and Re-discover machines (Fig. 10), for admins: probe a range of addresses on the
// cluster port (POST /api/discover, the API of `dci discover`) for this cluster's blades, nodes
// waiting for admission and other open ports; admit a waiting node (POST /api/admit, as `dci
// admit`) after a confirm step that shows its key fingerprint.
import {h, fill, table, field} from '../dom.js';
import {ask} from '../confirm.js';

export function findPanel(ctx) {
  const range = h('input', {autocomplete: 'off', required: true, placeholder: '10.0.0.0/24'});
  const port = h('input', {type: 'number', min: 1, max: 65535, value: 25520});
  const code = h('input', {autocomplete: 'off', placeholder: 'if the node asks for one'});
  const summary = h('p', {class: 'muted', id: 'find-summary'});
  const results = h('div', {id: 'find-table'});
  const confirmBox = h('div', {id: 'admit-confirm-box', hidden: true});
  let last = null;

  const columns = [
    {title: 'Address', cell: f => f.address},
    {title: 'Port', num: true, cell: f => String(f.port)},
    {title: 'Kind', cell: f => h('span', {'data-kind': f.kind}, f.kind)},
    {title: 'Name', cell: f => f.blade || f.name || ''},
    {title: 'Found', cell: f => f.kind === 'blade' ? 'blade of this cluster, ' + f.status
      : f.kind === 'candidate' ? 'awaiting admission, key ' + f.fingerprint + (f.codeRequired ? ', code required' : '')
        : f.found},
    {title: '', cell: f => f.kind === 'candidate'
      ? h('button', {type: 'button', 'data-admit': f.address, onclick: () => askAdmit(f)}, 'Admit…') : ''},
  ];

  async function probe() {
    const body = {range: range.value.trim(), port: Number(port.value) || 25520};
    summary.textContent = 'probing ' + body.range + ' ...';
    try {
      last = await ctx.api.call('POST', '/api/discover', body);
      fill(results, table(columns, last.found, {'aria-label': 'Found on the network'}));
      summary.textContent = last.probed + ' probed, ' + last.open + ' with port ' + last.port + ' open';
    } catch (e) {
      summary.textContent = '';
      ctx.toast('discover: ' + e.message, true);
    }
  }

  function askAdmit(f) {
    ask(confirmBox, {id: 'admit-confirm', yesId: 'admit-confirm', focus: 'yes', yes: 'Admit',
      text: 'Admit ' + f.name + ' at ' + f.address + ':' + f.port + ' into the cluster? Its key fingerprint is '
        + f.fingerprint + ': compare it with the one the node printed.', onYes: () => admit(f)});
  }

  async function admit(f) {
    summary.textContent = 'admitting ' + f.name + ', waiting until it is Up ...';
    try {
      const a = await ctx.api.call('POST', '/api/admit', {host: f.address, port: f.port, name: f.name,
        fingerprint: f.fingerprint, code: code.value || null});
      ctx.toast(a.blade + ' admitted: ' + a.status + ' at ' + a.address);
      await probe();
    } catch (e) {
      summary.textContent = '';
      ctx.toast('admit ' + f.name + ': ' + e.message, true);
    }
  }

  return h('section', {id: 'find'},
    h('h2', {}, 'Find machines'),
    h('form', {class: 'wide', id: 'find-form', onsubmit: e => { e.preventDefault(); probe(); }},
      field('find-range', 'Range (CIDR)', range), field('find-port', 'Cluster port', port),
      field('find-code', 'Admission code', code),
      h('div', {class: 'row-full toolbar'},
        h('button', {type: 'submit', id: 'find-probe'}, 'Discover'),
        h('button', {type: 'button', class: 'secondary', id: 'find-reprobe',
          onclick: () => { if (range.value.trim()) probe(); }}, 'Re-discover'))),
    summary, results, confirmBox);
}
