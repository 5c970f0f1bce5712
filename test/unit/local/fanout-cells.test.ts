import { FANOUT_FIGURES, fanoutCells, unmetFanoutExpectations } from '../../../local/fanout/fanout-cells';
import type { FanoutOutcome, FanoutSubscriberResult } from '../../../local/fanout/fanout-run';

const subscriber = (expected: number, overrides: Partial<FanoutSubscriberResult> = {}): FanoutSubscriberResult => ({
  received: expected, expected, duplicates: 0, failedAttempts: 0, leftAfterRun: 0, ...overrides,
});

function anOutcome(overrides: Partial<FanoutOutcome> = {}, email: Partial<FanoutSubscriberResult> = { failedAttempts: 67 }): FanoutOutcome {
  return {
    published: 100,
    subscribers: { email: subscriber(75, email), analytics: subscriber(100) },
    emailConsumedWhenAnalyticsDone: 0,
    finished: true,
    ...overrides,
  };
}

describe('signup fan-out pattern: cells and expectations', () => {
  it('shows every subscriber getting its copies, and the failing one not holding the other back', () => {
    const cells = fanoutCells(anOutcome());

    expect(cells.who[0]).toMatch(/^EVERY subscribed queue/);
    expect(cells.who[1]).toBe('published 100; received: email 75/75 (opt-in filter), analytics 100/100');
    expect(cells.replay[1]).toBe('left after the run: email 0, analytics 0');
    expect(cells.failure[1]).toBe('email failed 67x; analytics got 100/100 meanwhile (email had 0)');
  });

  it('defines every figure its cells name', () => {
    const text = Object.values(fanoutCells(anOutcome())).flat().join(' ');

    for (const figure of Object.keys(FANOUT_FIGURES)) expect(text).toContain(figure);
  });

  it('has no unmet expectation when each subscriber got exactly its copies, once', () => {
    expect(unmetFanoutExpectations(anOutcome())).toEqual([]);
  });

  it('reports a missed copy, a duplicate, a copy left behind and a subscriber held back', () => {
    const unmet = unmetFanoutExpectations(anOutcome({ emailConsumedWhenAnalyticsDone: 5 }, { received: 74, duplicates: 1 }));

    expect(unmet).toEqual([
      'fanout: email received 74 of 75',
      'fanout: email saw 1 duplicate(s) and 0 message(s) left after the run',
      'fanout: the failing email subscriber held the analytics subscriber back',
    ]);
  });
});
