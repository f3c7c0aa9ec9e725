// Discovery (Fig. 10): the live blade table, pushed by the blade (server-sent events) as the
// cluster changes; health from the blades' latest body readings. Discover reads the table now;
// Re-discover drops the live stream and starts again (from the next blade if this one is gone).
// Admins also find machines on the network and admit waiting ones (blades-find.js).
import {h, fill, bytes, time, table} from '../dom.js';
import {findPanel} from './blades-find.js';

export default {
  id: 'blades',
  title: 'Blades',
  role: 'viewer',
  mount(el, ctx) {
    let abort = new AbortController();
    let rows = [];
    let health = {};
    const live = h('span', {class: 'live', title: 'live updates'});
    const liveText = h('span', {class: 'muted'}, 'connecting');
    const count = h('span', {class: 'muted', id: 'blade-count'});
    const holder = h('div', {id: 'blade-table'});

    const columns = [
      {title: 'Blade', cell: b => b.name},
      {title: 'Status', cell: b => h('span', {class: 'status-' + b.status, 'data-status': b.status}, b.status)},
      {title: 'Data center', cell: b => b.dataCenter},
      {title: 'Roles', cell: b => (b.roles || []).join(', ')},
      {title: 'Free disk', num: true, cell: b => b.totalBytes > 0 ? bytes(b.freeBytes) + ' of ' + bytes(b.totalBytes) : '?'},
      {title: 'Up since', cell: b => time(b.upSince)},
      {title: 'Health', cell: b => {
        const m = health[b.name];
        return m ? h('span', {class: 'cond-' + m.condition, title: (m.reasons || []).join('; ')}, m.condition) : '';
      }},
      {title: 'Message log', num: true, cell: b => b.log ? b.log.lines + ' lines' : ''},
      {title: 'Warnings', cell: b => (b.warnings || []).join('; ')},
    ];

    function render() {
      fill(holder, table(columns, rows, {'aria-label': 'Blades'}));
      holder.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.blade = rows[i].name; });
      const up = rows.filter(b => b.status === 'Up').length;
      count.textContent = rows.length + ' blades, ' + up + ' Up';
    }

    function show(blades) {
      rows = blades;
      ctx.api.learn(blades);
      render();
    }

    async function discover() {
      try {
        show(await ctx.api.call('GET', '/api/blades'));
      } catch (e) {
        ctx.toast('discover: ' + e.message, true);
      }
    }

    async function readHealth() {
      try {
        const ms = await ctx.api.call('GET', '/api/metrics');
        health = Object.fromEntries((ms || []).map(m => [m.blade, m]));
        render();
      } catch (e) { /* the table still shows membership */ }
    }

    function connect() {
      ctx.api.stream('/api/blades/events', ev => {
        if (ev.event === 'blades') show(JSON.parse(ev.data));
      }, abort.signal, on => {
        live.classList.toggle('on', on);
        liveText.textContent = on ? 'live' : 'reconnecting';
      });
    }

    fill(el,
      h('h1', {}, 'Blades'),
      h('div', {class: 'toolbar'},
        h('button', {type: 'button', id: 'discover', onclick: discover}, 'Discover'),
        h('button', {type: 'button', class: 'secondary', id: 'rediscover', onclick: () => {
          abort.abort();
          abort = new AbortController();
          rows = [];
          render();
          connect();
          readHealth();
        }}, 'Re-discover'),
        h('span', {}, live, liveText), count),
      holder,
      ctx.can('admin') ? findPanel(ctx) : null);
    render();
    connect();
    readHealth();
    const timer = setInterval(readHealth, 10000);
    return () => { abort.abort(); clearInterval(timer); };
  },
};
