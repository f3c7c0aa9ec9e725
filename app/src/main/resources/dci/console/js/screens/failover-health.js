// Fail-over's health panel: each blade's verdict (ok, warning, impending) and why, its latest
// figures, and a chart of its last hour (GET /api/metrics/history): CPU, memory used, disk free
// and disk errors in percent on the left axis, temperature in °C on the right. Charts are uPlot
// (from its webjar, /console/vendor/uplot/), drawn on a canvas; it styles through the CSSOM only.
import uPlot from '../../vendor/uplot/uPlot.esm.js';
import {h, fill, bytes, time} from '../dom.js';

const HOUR = 3600;
const SERIES = [
  {label: 'CPU %', stroke: '#0b5fff', value: s => s.cpuLoad < 0 ? null : s.cpuLoad * 100},
  {label: 'Memory used %', stroke: '#8250df', value: s => s.memoryTotal > 0 ? 100 * s.memoryUsed / s.memoryTotal : null},
  {label: 'Disk free %', stroke: '#1a7f37', value: s => s.diskTotal > 0 ? 100 * s.diskFree / s.diskTotal : null},
  {label: 'Disk errors %', stroke: '#b3261e', value: s => s.diskErrorRate * 100},
  {label: 'Temperature °C', stroke: '#9a6700', scale: '°C', value: s => s.temperature ?? null},
];

/** Loads uPlot's stylesheet once (a <link>, allowed by style-src 'self'). */
function styles() {
  if (document.getElementById('uplot-css')) return;
  document.head.append(h('link', {id: 'uplot-css', rel: 'stylesheet', href: 'vendor/uplot/uPlot.min.css'}));
}

/** A blade's chart: its samples so far (by time, newest last) and the uPlot drawing them. */
class BladeChart {
  constructor(blade) {
    this.blade = blade;
    this.samples = [];
    this.el = h('div', {class: 'fo-chart', 'data-blade': blade, 'data-points': '0',
      role: 'img', 'aria-label': 'Metrics of ' + blade + ' over the last hour'});
    this.plot = null;
  }

  /** Adds samples newer than the last one, forgets those older than an hour, redraws. */
  add(samples) {
    const last = this.samples.length ? this.samples[this.samples.length - 1].t : 0;
    for (const s of samples) {
      const t = Date.parse(s.at) / 1000;
      if (t > last) this.samples.push({t, s});
    }
    const cut = Date.now() / 1000 - HOUR;
    while (this.samples.length && this.samples[0].t < cut) this.samples.shift();
    this.draw();
  }

  data() {
    return [this.samples.map(x => x.t), ...SERIES.map(d => this.samples.map(x => d.value(x.s)))];
  }

  draw() {
    const data = this.data();
    if (!this.plot) {
      this.plot = new uPlot({
        width: 760, height: 170,
        scales: {'%': {auto: false, range: [0, 100]}, '°C': {auto: true}},
        series: [{}, ...SERIES.map(d => ({label: d.label, stroke: d.stroke, width: 1.5, scale: d.scale || '%',
          spanGaps: true, value: (u, v) => v == null ? '–' : v.toFixed(1)}))],
        axes: [{}, {scale: '%', values: (u, vs) => vs.map(v => v + '%')},
          {scale: '°C', side: 1, grid: {show: false}, values: (u, vs) => vs.map(v => v + '°')}],
        legend: {live: false},
      }, data, this.el);
    } else {
      this.plot.setData(data);
    }
    this.el.dataset.points = String(this.samples.length);
  }

  destroy() {
    if (this.plot) this.plot.destroy();
  }
}

/** The panel: {el, stop()}. It reads the latest verdicts and the charts' new samples every 5 s. */
export function healthPanel(ctx) {
  styles();
  const charts = new Map();
  const body = h('tbody', {});
  const el = h('table', {id: 'health-table', 'aria-label': 'Blade health'},
    h('thead', {}, h('tr', {}, ['Blade', 'Health', 'Chart'].map(t => h('th', {scope: 'col'}, t)))), body);
  let stopped = false;

  function row(m) {
    let chart = charts.get(m.blade);
    if (!chart) {
      chart = new BladeChart(m.blade);
      charts.set(m.blade, chart);
    }
    const temp = m.temperature == null ? 'no sensor' : m.temperature.toFixed(1) + ' °C';
    const tr = h('tr', {'data-blade': m.blade},
      h('th', {scope: 'row'}, m.blade, h('div', {class: 'muted'}, m.cage)),
      h('td', {class: 'fo-health'},
        h('div', {}, h('span', {class: 'cond-' + m.condition, 'data-condition': m.condition}, m.condition)),
        (m.reasons || []).length ? h('ul', {class: 'fo-reasons'}, m.reasons.map(r => h('li', {}, r))) : null,
        (m.faults || []).length ? h('div', {class: 'fo-faults'}, 'faults: ' + m.faults.join(', ')) : null,
        h('dl', {class: 'fo-figures'},
          h('dt', {}, 'CPU'), h('dd', {}, m.cpuLoad < 0 ? '?' : Math.round(m.cpuLoad * 100) + '%'),
          h('dt', {}, 'Memory'), h('dd', {}, bytes(m.memoryUsed) + ' of ' + bytes(m.memoryTotal)),
          h('dt', {}, 'Disk free'), h('dd', {}, bytes(m.diskFree) + ' of ' + bytes(m.diskTotal)),
          h('dt', {}, 'Disk errors'), h('dd', {}, (m.diskErrorRate * 100).toFixed(1) + '%'),
          h('dt', {}, 'Temperature'), h('dd', {}, temp),
          h('dt', {}, 'Read at'), h('dd', {}, time(m.at)))),
      h('td', {class: 'fo-chart-cell'}, chart.el));
    return tr;
  }

  async function readChart(chart) {
    const last = chart.samples.length ? chart.samples[chart.samples.length - 1].t * 1000 : 0;
    // since: the whole hour at first, then what is new (with a margin for the clocks' difference)
    const since = last ? Math.min(HOUR, Math.ceil((Date.now() - last) / 1000) + 30) + 's' : '1h';
    const hist = await ctx.api.call('GET', '/api/metrics/history?blade=' + encodeURIComponent(chart.blade)
      + '&since=' + since);
    if (!stopped) chart.add(hist.samples || []);
  }

  async function read() {
    let latest;
    try {
      latest = await ctx.api.call('GET', '/api/metrics');
    } catch (e) {
      return;
    }
    if (stopped) return;
    fill(body, (latest || []).map(row));
    await Promise.allSettled([...charts.values()].filter(c => latest.some(m => m.blade === c.blade)).map(readChart));
  }

  read();
  const timer = setInterval(read, 5000);
  return {el, stop() { stopped = true; clearInterval(timer); charts.forEach(c => c.destroy()); }};
}
