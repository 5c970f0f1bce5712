// @ts-check
/**
 * The live page: listens to the run's Server-Sent Events, folds them into the run's state, and
 * redraws the three panels at most once a frame. The summary is drawn once, when the run ends.
 */
import { h, seconds } from './dom.js';
import { renderKafkaPanel } from './kafka-panel.js';
import { renderKinesisPanel } from './kinesis-panel.js';
import { renderSqsPanel } from './sqs-panel.js';
import { applyEvent, emptyRunState } from './state.js';
import { renderAdvice, renderQuestions } from './summary.js';
import { renderTimeline } from './timeline.js';

const state = emptyRunState();
let drawScheduled = false;
let summaryDrawn = false;
let announced = '';

/** @param {string} id */
function byId(id) {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the page has no #${id}`);
  return element;
}

/** Says phase changes and the SIGKILL in the live region (not every event: that would flood a screen reader). */
function announce() {
  const exit = state.final === null ? '' : state.final.exitCode === 0 ? ': every expectation held' : `: not as expected (exit ${state.final.exitCode})`;
  const kill = state.kill === null ? '' : `; ${state.kill.memberId} SIGKILLed`;
  const dev = `npm run dev: ${state.phase === 'finished' ? 'stopped (Ctrl-C)' : 'live, drawing what your clients send'}`;
  const text = state.phase === 'failed' ? `The run failed: ${state.failure}` : state.mode === 'dev' ? dev : `Run ${state.phase}${exit}${kill}`;
  if (text !== announced) byId('status').textContent = announced = text;
  byId('elapsed').textContent = seconds(state.nowMs);
}

/** Drops the `cond && element` gaps. @param {(Node | null | false | undefined)[]} parts @returns {Node[]} */
const nodes = (parts) => parts.filter((part) => part !== null && part !== false && part !== undefined);

function draw() {
  drawScheduled = false;
  document.body.dataset['phase'] = state.phase;
  document.body.dataset['events'] = String(state.lastSeq);
  announce();
  byId('sqs-body').replaceChildren(...nodes(renderSqsPanel(state)));
  byId('kinesis-body').replaceChildren(...nodes(renderKinesisPanel(state)));
  byId('kafka-body').replaceChildren(...nodes(renderKafkaPanel(state)));
  byId('timeline-body').replaceChildren(...nodes(renderTimeline(state)));
  byId('log-body').replaceChildren(...state.log.map((line) => h('li', {}, line)));
  if (state.mode === 'dev' && !summaryDrawn) {
    summaryDrawn = true;
    byId('questions-body').replaceChildren(h('p', { class: 'pending' }, 'npm run dev has no end result: npm start runs the three patterns and answers the five questions here.'));
    byId('advice-body').replaceChildren(h('p', { class: 'pending' }, 'npm run advise prices a workload: npm start prints the commands for the one it ran.'));
  }
  if (state.final !== null && !summaryDrawn) {
    summaryDrawn = true;
    document.body.dataset['exitCode'] = String(state.final.exitCode);
    byId('questions-body').replaceChildren(renderQuestions(state.final));
    byId('advice-body').replaceChildren(...renderAdvice(state.final));
  }
}

const events = new EventSource('/events');
events.addEventListener('message', (/** @type {MessageEvent<string>} */ message) => {
  if (!applyEvent(state, JSON.parse(message.data)) || drawScheduled) return;
  drawScheduled = true;
  requestAnimationFrame(draw);
});
events.onerror = () => {
  // The server stopped (Ctrl-C) after the run, or npm run dev stopped: keep the page instead of reconnecting.
  if (state.phase === 'finished' || state.phase === 'failed') events.close();
  else byId('status').textContent = 'Connection to the run lost; retrying…';
};
