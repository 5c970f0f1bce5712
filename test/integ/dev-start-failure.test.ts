/**
 * `npm run dev` never leaves half a start running: when one component fails to start, the ones
 * that did start are stopped before the error (naming the component) reaches the command.
 * Pure: the components are small fakes that record what happened to them.
 */
import type { DevComponent, RunningDevComponent } from '../../local/dev/dev-component';
import { DevStartError } from '../../local/dev/dev-start-error';
import { startDev } from '../../local/dev/start-dev';

function recordingComponent(name: string, events: string[]): DevComponent {
  return {
    name,
    async start(): Promise<RunningDevComponent> {
      events.push(`${name} started`);
      return {
        description: { endpoints: { fake: 'http://127.0.0.1:1' }, consumers: {}, examples: [] },
        status: () => ({ started: true }),
        stop: async () => void events.push(`${name} stopped`),
      };
    },
  };
}

function failingComponent(name: string): DevComponent {
  return {
    name,
    start: () => Promise.reject(new Error('port already taken')),
  };
}

const context = { mailboxDir: '/tmp/unused', log: () => undefined };

describe('startDev', () => {
  it('stops the components that started when another fails, and names the one that failed', async () => {
    const events: string[] = [];
    const attempt = startDev([recordingComponent('email', events), failingComponent('clickstream'), recordingComponent('kafka', events)], context);
    await expect(attempt).rejects.toThrow(DevStartError);
    await expect(attempt).rejects.toThrow('clickstream failed to start: port already taken');
    expect(events.filter((event) => event.endsWith('started')).sort()).toEqual(['email started', 'kafka started']);
    expect(events.filter((event) => event.endsWith('stopped')).sort()).toEqual(['email stopped', 'kafka stopped']);
  });

  it('serves every component status at its status URL and stops each component once', async () => {
    const events: string[] = [];
    const dev = await startDev([recordingComponent('email', events), recordingComponent('clickstream', events)], context);
    const status = (await (await fetch(dev.statusUrl)).json()) as Record<string, unknown>;
    expect(status).toEqual({ email: { started: true }, clickstream: { started: true } });
    expect(Object.keys(dev.components)).toEqual(['email', 'clickstream']);
    await Promise.all([dev.stop(), dev.stop()]);
    // All at once (each stops its own consumers before its own emulators), each once.
    expect(events.filter((event) => event.endsWith('stopped')).sort()).toEqual(['clickstream stopped', 'email stopped']);
    await expect(fetch(dev.statusUrl)).rejects.toThrow();
  });

  it('stops every other component when one fails to stop, and reports the failure', async () => {
    const events: string[] = [];
    const failingStop: DevComponent = {
      name: 'kafka',
      start: async () => ({
        description: { endpoints: {}, consumers: {}, examples: [] },
        status: () => ({}),
        stop: () => Promise.reject(new Error('broker did not stop')),
      }),
    };
    const dev = await startDev([recordingComponent('email', events), failingStop, recordingComponent('clickstream', events)], context);
    await expect(dev.stop()).rejects.toThrow('1 component(s) failed to stop');
    expect(events.filter((event) => event.endsWith('stopped')).sort()).toEqual(['clickstream stopped', 'email stopped']);
  });
});
