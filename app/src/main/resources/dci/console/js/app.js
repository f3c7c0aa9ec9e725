// The console's frame: login (Fig. 9), the navigation of the screens a role may use, and the
// hash router (#/blades, #/broadcast, ...). Each screen is a module in screens/ listed in
// screens/index.js: {id, title, role, mount(element, ctx) -> cleanup}.
import {Api, ApiError} from './api.js';
import {h, fill} from './dom.js';
import {screens} from './screens/index.js';

const ROLES = ['viewer', 'operator', 'admin'];
const api = new Api();
const $ = id => document.getElementById(id);
let unmount = null;

/** True when the signed-in user's role is at least least. */
function can(least) {
  return !!api.session && ROLES.indexOf(api.session.role) >= ROLES.indexOf(least);
}

export function toast(text, bad = false) {
  const t = h('div', {class: 'toast' + (bad ? ' bad' : '')}, text);
  $('toasts').append(t);
  setTimeout(() => t.remove(), bad ? 8000 : 4000);
}

const ctx = {api, can, toast, go: id => { location.hash = '#/' + id; }};

function showLogin(message) {
  if (unmount) { unmount(); unmount = null; }
  $('top').hidden = true;
  $('screen').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message || '';
  $('user').focus();
}

function showApp() {
  $('login').hidden = true;
  $('top').hidden = false;
  $('screen').hidden = false;
  fill($('who'), api.session.user + ' ', h('span', {class: 'badge', title: 'Your role'}, api.session.role));
  fill($('nav'), visible().map(s => h('a', {href: '#/' + s.id, 'data-screen': s.id}, s.title)));
  route();
}

function visible() {
  return screens.filter(s => can(s.role));
}

function route() {
  if (!api.session) return;
  const want = location.hash.replace(/^#\/?/, '').split('?')[0];
  const list = visible();
  const screen = list.find(s => s.id === want) || list[0];
  if (unmount) { unmount(); unmount = null; }
  for (const a of $('nav').querySelectorAll('a')) {
    if (a.dataset.screen === screen.id) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  document.title = screen.title + ' · DCI console';
  const el = fill($('screen'));
  try {
    unmount = screen.mount(el, ctx) || null;
  } catch (e) {
    fill(el, h('p', {class: 'error', role: 'alert'}, String(e.message || e)));
  }
}

$('login-form').addEventListener('submit', async e => {
  e.preventDefault();
  const user = $('user').value.trim();
  const password = $('password').value;
  if (!user || !password) {
    $('login-error').textContent = 'user and password are required';
    return;
  }
  const button = e.submitter || $('login-form').querySelector('button');
  button.disabled = true;
  try {
    await api.login(user, password, $('domain').value.trim());
    $('password').value = '';
    showApp();
  } catch (err) {
    $('login-error').textContent = err instanceof ApiError && err.status === 401
      ? 'wrong user, domain or password' : String(err.message);
  } finally {
    button.disabled = false;
  }
});

$('logout').addEventListener('click', async () => {
  await api.logout().catch(() => {});
  showLogin('logged out');
});

api.on('signedOut', message => showLogin(message));
api.on('moved', () => { $('serving').textContent = 'via ' + api.serving(); });
window.addEventListener('hashchange', route);

if (api.session) showApp(); else showLogin();
