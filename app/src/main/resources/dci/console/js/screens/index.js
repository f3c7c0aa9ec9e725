// The console's screens, in the order the navigation shows them. A screen a role cannot use is
// not offered (the API refuses it too). Adding a screen is a module and a line here.
import blades from './blades.js';
import broadcast from './broadcast.js';
import log from './log.js';
import vnas from './vnas.js';
import backup from './backup.js';
import restore from './restore.js';
import failover from './failover.js';
import packages from './packages.js';
import jobs from './jobs.js';

export const screens = [
  blades,
  broadcast,
  log,
  vnas,
  backup,
  restore,
  failover,
  packages,
  jobs,
];
