// Fail-over (Fig. 15–17): every user's desk port and the blade it is routed to, the spare pool,
// the coordinator and the fail-overs under way, their history with steps, and each blade's health
// with charts of its last hour (failover-health.js). Admins move a port to another blade, add and
// remove spares, and fail a blade over to a spare now, after a confirm step on the page.
import {ask} from '../confirm.js';
import {h, fill, time, table, field} from '../dom.js';
import {healthPanel} from './failover-health.js';
import {historyTable, statusPanel} from './failover-history.js';

export default {
  id: 'failover',
  title: 'Fail-over',
  role: 'viewer',
  mount(el, ctx) {
    const admin = ctx.can('admin');
    let blades = [];
    const ports = h('div', {id: 'port-table'});
    const spares = h('div', {id: 'spare-table'});
    const status = h('div', {id: 'failover-status'});
    const history = h('div', {id: 'failover-history'});
    const health = healthPanel(ctx);
    const upBlades = () => blades.filter(b => b.status === 'Up').map(b => b.name);

    function bladeSelect(id, names, chosen) {
      return h('select', {id}, names.map(n => h('option', {value: n, selected: n === chosen}, n)));
    }

    async function assign(user, blade) {
      try {
        const p = await ctx.api.call('PUT', '/api/ports/' + encodeURIComponent(user), {blade});
        ctx.toast(p.user + "'s desk now routed to " + p.blade);
        await refresh();
      } catch (e) {
        ctx.toast('assign ' + user + ': ' + e.message, true);
      }
    }

    function portRows(list) {
      const columns = [
        {title: 'User', cell: p => p.user},
        {title: 'Port', cell: p => p.port},
        {title: 'Blade', cell: p => h('span', {class: 'port-blade'}, p.blade)},
        {title: 'Since', cell: p => time(p.since)},
        {title: 'Reason', cell: p => p.reason},
      ];
      if (admin) {
        columns.push({title: 'Move to', cell: p => {
          const id = 'move-' + p.user;
          const others = upBlades().filter(n => n !== p.blade);
          if (!others.length) return h('span', {class: 'muted'}, 'no other blade is Up');
          const select = bladeSelect(id, others);
          return h('span', {class: 'fo-inline'},
            h('label', {for: id, class: 'fo-sr'}, 'Blade for ' + p.user), select,
            h('button', {type: 'button', class: 'secondary port-move', onclick: () => assign(p.user, select.value)},
              'Move'));
        }});
      }
      fill(ports, list.length ? table(columns, list, {'aria-label': 'Desk ports'})
        : h('p', {class: 'muted'}, 'No desk is routed yet.'));
      ports.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.user = list[i].user; });
    }

    function spareRows(list) {
      const columns = [
        {title: 'Blade', cell: s => s.blade},
        {title: 'Status', cell: s => h('span', {class: 'status-' + s.status}, s.status)},
        {title: 'Marked', cell: s => s.mark},
        {title: 'Free', cell: s => s.free ? 'yes' : 'no'},
      ];
      if (admin) {
        columns.push({title: 'Action', cell: s => s.mark === 'removed' ? '' : h('button', {type: 'button',
          class: 'secondary', onclick: () => markSpare('DELETE', s.blade)}, 'Remove')});
      }
      fill(spares, list.length ? table(columns, list, {'aria-label': 'Spare pool'})
        : h('p', {class: 'muted'}, 'No spare blade.'));
    }

    async function markSpare(method, blade) {
      try {
        const m = method === 'POST' ? await ctx.api.call('POST', '/api/spares', {blade})
          : await ctx.api.call('DELETE', '/api/spares/' + encodeURIComponent(blade));
        ctx.toast(m.blade + ': spare ' + m.mark);
        await refresh();
      } catch (e) {
        ctx.toast('spare ' + blade + ': ' + e.message, true);
      }
    }

    // the admin's forms: route a desk, add a spare, trigger a fail-over (with an in-page confirm)
    const routeUser = h('input', {autocomplete: 'off', required: true});
    const routeBlade = h('select', {});
    const spareBlade = h('select', {});
    const triggerBlade = h('select', {});
    const triggerReason = h('input', {autocomplete: 'off', placeholder: 'maintenance'});
    const confirmBox = h('div', {id: 'trigger-confirm-box', hidden: true});

    function askTrigger(e) {
      e.preventDefault();
      const blade = triggerBlade.value;
      if (!blade) return;
      ask(confirmBox, {id: 'trigger-confirm', yesId: 'trigger-confirm', focus: 'yes', yes: 'Fail over now',
        text: 'Fail ' + blade + ' over to a spare now? Its users move to the spare; ' + blade
          + ' is taken out of service.', onYes: () => trigger(blade)});
    }

    async function trigger(blade) {
      try {
        const a = await ctx.api.call('POST', '/api/failover/trigger', {blade, reason: triggerReason.value.trim() || null});
        ctx.toast('fail-over of ' + blade + ': ' + (a.message || (a.record ? a.record.state : 'started')));
      } catch (e) {
        ctx.toast('fail-over of ' + blade + ' refused: ' + answerMessage(e.message), true);
      }
      await refresh();
    }

    const forms = admin ? h('div', {class: 'fo-forms'},
      h('form', {class: 'card', id: 'route-form', onsubmit: e => {
        e.preventDefault();
        if (routeUser.value.trim() && routeBlade.value) assign(routeUser.value.trim(), routeBlade.value);
      }}, h('h2', {}, 'Route a desk'), field('route-user', 'User', routeUser), field('route-blade', 'To blade', routeBlade),
      h('button', {type: 'submit'}, 'Assign')),
      h('form', {class: 'card', id: 'spare-form', onsubmit: e => {
        e.preventDefault();
        if (spareBlade.value) markSpare('POST', spareBlade.value);
      }}, h('h2', {}, 'Add a spare'), field('spare-blade', 'Blade', spareBlade), h('button', {type: 'submit'}, 'Add spare')),
      h('form', {class: 'card', id: 'trigger-form', onsubmit: askTrigger},
        h('h2', {}, 'Fail a blade over'), field('trigger-blade', 'Blade', triggerBlade),
        field('trigger-reason', 'Reason', triggerReason),
        h('button', {type: 'submit', class: 'danger'}, 'Fail over…'), confirmBox)) : null;

    function refill(select, names) {
      const was = select.value;
      fill(select, names.map(n => h('option', {value: n, selected: n === was}, n)));
    }

    const shown = new WeakMap();
    function changed(part, value, draw) {
      const key = JSON.stringify(value);
      if (shown.get(part) !== key) {
        shown.set(part, key);
        draw();
      }
    }

    async function refresh() {
      const [b, p, s, st, hist] = await Promise.allSettled([
        ctx.api.call('GET', '/api/blades'), ctx.api.call('GET', '/api/ports'), ctx.api.call('GET', '/api/spares'),
        ctx.api.call('GET', '/api/failover/status'), ctx.api.call('GET', '/api/failover/history')]);
      if (b.status === 'fulfilled') {
        blades = b.value;
        if (admin) {
          refill(routeBlade, upBlades());
          refill(spareBlade, blades.map(x => x.name));
          refill(triggerBlade, blades.map(x => x.name));
        }
      }
      // a part is drawn again only when what it shows changed: a choice or an open disclosure stays
      const up = upBlades().join();
      if (p.status === 'fulfilled') changed(ports, [p.value, up], () => portRows(p.value));
      if (s.status === 'fulfilled') changed(spares, s.value, () => spareRows(s.value));
      if (st.status === 'fulfilled') changed(status, st.value, () => fill(status, statusPanel(st.value)));
      if (hist.status === 'fulfilled') changed(history, hist.value, () => fill(history, historyTable(hist.value)));
      const failed = [b, p, s, st, hist].find(r => r.status === 'rejected');
      if (failed) ctx.toast('fail-over: ' + failed.reason.message, true);
    }

    fill(el,
      h('h1', {}, 'Fail-over'),
      h('section', {'aria-labelledby': 'fo-ports'}, h('h2', {id: 'fo-ports'}, 'Desk ports'), ports),
      forms,
      h('div', {class: 'fo-columns'},
        h('section', {'aria-labelledby': 'fo-status'}, h('h2', {id: 'fo-status'}, 'Coordinator'), status),
        h('section', {'aria-labelledby': 'fo-spares'}, h('h2', {id: 'fo-spares'}, 'Spares'), spares)),
      h('section', {'aria-labelledby': 'fo-health'}, h('h2', {id: 'fo-health'}, 'Health, last hour'), health.el),
      h('section', {'aria-labelledby': 'fo-history'}, h('h2', {id: 'fo-history'}, 'History'), history));
    refresh();
    const timer = setInterval(() => refresh().catch(() => {}), 5000);
    return () => { clearInterval(timer); health.stop(); };
  },
};

/** A refused trigger's answer (TriggerAnswer as JSON) as a sentence. */
function answerMessage(text) {
  try {
    const a = JSON.parse(text);
    return a.message || text;
  } catch (e) {
    return text;
  }
}
