// An in-page confirm step before an action that cannot be undone (never window.confirm, which
// the page cannot label or style): the question, the action as a danger button, and Cancel.
import {h, fill} from './dom.js';

/**
 * Asks in holder: {id, text (string or nodes), yes (the action's label), yesId, onYes,
 * focus: 'cancel' (default) or 'yes'}. Cancel or the action empties and hides holder.
 */
export function ask(holder, {id, text, yes, yesId, onYes, focus = 'cancel'}) {
  const close = () => { fill(holder); holder.hidden = true; };
  const go = h('button', {type: 'button', class: 'danger', id: yesId || id + '-yes',
    onclick: () => { close(); onYes(); }}, yes);
  const cancel = h('button', {type: 'button', class: 'secondary', onclick: close}, 'Cancel');
  fill(holder, h('div', {class: 'card confirm', role: 'alertdialog', 'aria-labelledby': id + '-text'},
    h('p', {id: id + '-text'}, text),
    h('div', {class: 'toolbar'}, go, cancel)));
  holder.hidden = false;
  (focus === 'yes' ? go : cancel).focus();
}
