import { chunk } from '../../../runtime/shared/chunk';

describe('chunk', () => {
  it('splits into groups of at most the size, keeping order', () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('returns no groups for no items', () => {
    expect(chunk([], 10)).toEqual([]);
  });

  it('rejects a size below one', () => {
    expect(() => chunk([1], 0)).toThrow(RangeError);
  });
});
