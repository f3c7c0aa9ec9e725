// The schedule part of the backup form (Fig. 12): frequency, time of day, weekly day or
// interval, kept in step with the raw schedule text the API takes and the blades parse
// (dci.storage.backup.Schedule): "daily 02:30", "weekly 06:00 sun", "hourly :15", "every 15m";
// empty: on demand only.
import {h, field} from '../dom.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const FREQUENCIES = [['', 'on demand only'], ['hourly', 'hourly'], ['daily', 'daily'], ['weekly', 'weekly'],
  ['every', 'every interval']];

const pad = n => String(n).padStart(2, '0');

/** "6am" / "18:30" / "7" as "HH:MM", or null. */
function clock(word) {
  const m = /^(\d{1,2})(?::(\d{2}))?(am|pm)?$/.exec(word);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] ? Number(m[2]) : 0;
  if (m[3]) hour = hour % 12 + (m[3] === 'pm' ? 12 : 0);
  return hour < 24 && minute < 60 ? pad(hour) + ':' + pad(minute) : null;
}

/** What the form can show of a schedule text: {frequency, time, minute, day, every, exact}. */
export function parseSchedule(text) {
  const words = (text || '').trim().toLowerCase().split(/[\s,]+/).filter(Boolean);
  const s = {frequency: '', time: '00:00', minute: 0, day: 'mon', every: '', exact: true};
  const times = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === 'hourly' || w === 'daily' || w === 'weekly') s.frequency = w;
    else if (w === 'every') { s.frequency = 'every'; s.every = words[++i] || ''; }
    else if (/^:\d{2}$/.test(w)) s.minute = Number(w.slice(1));
    else if (w.length >= 3 && DAY_NAMES.some(d => d.toLowerCase().startsWith(w))) {
      s.day = DAYS[DAY_NAMES.findIndex(d => d.toLowerCase().startsWith(w))];
    } else if (clock(w)) times.push(clock(w));
    else s.exact = false;
  }
  if (times.length) s.time = times[0];
  if (times.length > 1) s.exact = false; // "6am,6pm daily": the raw text says it, the form shows the first
  if (words.length && !s.frequency) s.exact = false;
  return s;
}

/** The schedule text for the form's values. */
export function scheduleText(s) {
  switch (s.frequency) {
    case 'hourly': return s.minute ? 'hourly :' + pad(s.minute) : 'hourly';
    case 'daily': return 'daily ' + s.time;
    case 'weekly': return 'weekly ' + s.time + ' ' + s.day;
    case 'every': return 'every ' + (s.every || '').trim();
    default: return '';
  }
}

/**
 * The schedule's fields, as [label, input] pairs for a wide form; editable only when
 * editable. set(text) shows a schedule; value() is the text to send.
 */
export function scheduleFields(editable) {
  const frequency = h('select', {}, FREQUENCIES.map(([v, t]) => h('option', {value: v}, t)));
  const time = h('input', {type: 'time', required: true});
  const minute = h('input', {type: 'number', min: 0, max: 59});
  const day = h('select', {}, DAYS.map((d, i) => h('option', {value: d}, DAY_NAMES[i])));
  const every = h('input', {placeholder: 'e.g. 15m, 6h, 2d'});
  const raw = h('input', {placeholder: 'e.g. daily 02:30, weekly 06:00 sun, every 15m', autocomplete: 'off'});
  const note = h('span', {class: 'muted row-full', id: 'sched-note'});
  const rows = {
    time: field('sched-time', 'Time of day', time),
    minute: field('sched-minute', 'Minutes past the hour', minute),
    day: field('sched-day', 'Day of the week', day),
    every: field('sched-every', 'Interval', every),
  };
  const show = (key, on) => rows[key].forEach(el => { el.hidden = !on; });

  function layout() {
    const f = frequency.value;
    show('time', f === 'daily' || f === 'weekly');
    show('minute', f === 'hourly');
    show('day', f === 'weekly');
    show('every', f === 'every');
  }

  function toForm(text) {
    const s = parseSchedule(text);
    frequency.value = s.frequency;
    time.value = s.time;
    minute.value = String(s.minute);
    day.value = s.day;
    every.value = s.every;
    note.textContent = s.exact ? '' : 'the form shows part of this schedule; the raw value is what is saved';
    layout();
  }

  function fromForm() {
    raw.value = scheduleText({frequency: frequency.value, time: time.value || '00:00',
      minute: Number(minute.value) || 0, day: day.value, every: every.value});
    note.textContent = '';
    layout();
  }

  for (const el of [frequency, time, minute, day, every]) {
    el.addEventListener('input', fromForm);
    el.addEventListener('change', fromForm);
  }
  raw.addEventListener('input', () => toForm(raw.value));
  for (const el of [frequency, time, minute, day, every, raw]) el.disabled = !editable;

  return {
    fields: [field('sched-frequency', 'Frequency', frequency), rows.time, rows.minute, rows.day, rows.every,
      field('backup-schedule', 'Schedule (raw)', raw), note],
    set(text) { raw.value = text || ''; toForm(raw.value); },
    value: () => raw.value.trim(),
  };
}
