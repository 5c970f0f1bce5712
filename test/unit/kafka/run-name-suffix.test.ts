import { runNameSuffix } from '../../../local/kafka/run-name-suffix';

describe('runNameSuffix: topic and group names of one Kafka run', () => {
  it('leaves the names alone on a broker the run started itself', () => {
    // Act
    const suffix = runNameSuffix('local', 'abc123');

    // Assert
    expect(suffix).toBe('');
  });

  it('gives every run on an existing broker names of its own', () => {
    // Act
    const given = runNameSuffix('external', 'abc123');
    const [one, two] = [runNameSuffix('external'), runNameSuffix('external')];

    // Assert
    expect(given).toBe('-run-abc123');
    expect(one).toMatch(/^-run-[0-9a-f]{8}$/);
    expect(one).not.toBe(two);
  });
});
