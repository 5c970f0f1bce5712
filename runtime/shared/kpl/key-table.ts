/** A key table of the KPL format: each distinct key once, in first-use order, addressed by index. */
export class KeyTable {
  readonly keys: string[] = [];
  private readonly indices = new Map<string, number>();

  /** The key's index, appending it on first use. */
  indexOf(key: string): number {
    let index = this.indices.get(key);
    if (index === undefined) {
      index = this.keys.length;
      this.keys.push(key);
      this.indices.set(key, index);
    }
    return index;
  }
}
