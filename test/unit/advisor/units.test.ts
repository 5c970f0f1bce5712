import { parseDuration, parseMultiplier, parseRate, parseSize } from '../../../advisor/units';
import { UsageError } from '../../../runtime/shared/errors';

describe('advisor units', () => {
  it.each([
    ['2000/s', 2000],
    ['120000/min', 2000],
    ['90k/min', 1500],
    ['7.2m/h', 2000],
    ['86400/d', 1],
  ])('reads the rate %s as %d records/s', (raw, expected) => {
    expect(parseRate('--rate', raw)).toBeCloseTo(expected, 9);
  });

  it.each([
    ['3KB', 3_000],
    ['3KiB', 3_072],
    ['1MiB', 1_048_576],
    ['512B', 512],
    ['200', 200],
  ])('reads the size %s as %d bytes', (raw, expected) => {
    expect(parseSize('--size', raw)).toBe(expected);
  });

  it.each([
    ['0', 0],
    ['30m', 1_800],
    ['24h', 86_400],
    ['7d', 604_800],
  ])('reads the duration %s as %d s', (raw, expected) => {
    expect(parseDuration('--replay', raw)).toBe(expected);
  });

  it.each([
    [() => parseSize('--size', '3XB'), /unknown unit "XB"/],
    [() => parseSize('--size', '-3KB'), /negative/],
    [() => parseRate('--rate', '-5/s'), /negative/],
    [() => parseRate('--rate', '2000'), /not a rate/],
    [() => parseRate('--rate', '0/s'), /zero/],
    [() => parseDuration('--retention', '7 weeks'), /not a duration/],
    [() => parseMultiplier('--peak', '0.5x'), /below 1x/],
  ])('rejects bad input with a specific message (%#)', (parse, message) => {
    expect(parse).toThrow(UsageError);
    expect(parse).toThrow(message);
  });
});
