// The console's screens, in the order the navigation shows them. A screen a role cannot use is
// not offered (the API refuses it too). Adding a screen is a module and a line here.
import blades from './blades.js';
import failover from './failover.js';
import packages from './packages.js';

export const screens = [
  blades,
  failover,
  packages,
];
