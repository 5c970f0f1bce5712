/** The caught-up progress line leads with the same "seen" figure as the comparison table. */
import { caughtUpLine } from '../../../../local/clickstream/caught-up-line';

describe('caughtUpLine', () => {
  it('gives the valid records seen (the table figure), then what the runner checkpointed and gave up on', () => {
    const line = caughtUpLine('processor', { uniqueEventsSeen: 2000, invalidRecordsSeen: 10 }, { recordsCompleted: 1706, recordsDiscarded: 304 });

    expect(line).toBe(
      'clickstream: processor caught up: seen 2000 valid records and 10 poison deliveries; runner checkpointed 1706, 304 in batches given up on (sent to the on-failure destination, poison included)',
    );
  });

  it('leaves out poison and discards when there were none', () => {
    expect(caughtUpLine('replay', { uniqueEventsSeen: 300, invalidRecordsSeen: 0 }, { recordsCompleted: 300, recordsDiscarded: 0 })).toBe(
      'clickstream: replay caught up: seen 300 valid records; runner checkpointed 300',
    );
  });
});
