/**
 * Parsers for the units the advisor's flags accept. Each throws UsageError with the flag,
 * the bad value and what would have been accepted, so the CLI can exit 2 with a useful message.
 */
import { UsageError } from '../runtime/shared/errors';

/** Bytes per unit. KB/MB/GB are decimal (AWS pricing pages use them loosely); KiB/MiB/GiB are binary. */
const SIZE_UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1_000,
  mb: 1_000_000,
  gb: 1_000_000_000,
  kib: 1_024,
  mib: 1_048_576,
  gib: 1_073_741_824,
};

const SECONDS_PER: Readonly<Record<string, number>> = { ms: 0.001, s: 1, sec: 1, m: 60, min: 60, h: 3_600, d: 86_400 };

function parseNumber(flag: string, text: string, raw: string): number {
  if (!/^\d+(\.\d+)?(e\d+)?$/i.test(text)) {
    throw new UsageError(`${flag}: "${raw}" does not start with a non-negative number`);
  }
  return Number(text);
}

/** `2000/s`, `120000/min`, `5e6/h`, `1.5k/s` → records per second. */
export function parseRate(flag: string, raw: string): number {
  const match = /^([^/]+?)(k|m)?\/(s|sec|min|m|h|d)$/i.exec(raw.trim());
  if (match === null) throw new UsageError(`${flag}: "${raw}" is not a rate; use a count per unit of time such as 2000/s, 90k/min or 5m/d`);
  const [, count = '', multiplier, per = 's'] = match;
  if (count.startsWith('-')) throw new UsageError(`${flag}: "${raw}" is negative; a rate is at least 0`);
  const scale = multiplier === undefined ? 1 : multiplier.toLowerCase() === 'k' ? 1_000 : 1_000_000;
  const value = (parseNumber(flag, count, raw) * scale) / (SECONDS_PER[per.toLowerCase()] ?? 1);
  if (value <= 0) throw new UsageError(`${flag}: "${raw}" is zero; price a workload that sends something`);
  return value;
}

/** `3KB`, `512B`, `1MiB`, `200` (bytes) → bytes. */
export function parseSize(flag: string, raw: string): number {
  const match = /^(-?[\d.e]+)\s*([a-z]*)$/i.exec(raw.trim());
  if (match === null) throw new UsageError(`${flag}: "${raw}" is not a size; use e.g. 512B, 3KB, 1MiB`);
  const [, count = '', unit = ''] = match;
  if (count.startsWith('-')) throw new UsageError(`${flag}: "${raw}" is negative; a size is at least 1 byte`);
  const bytesPerUnit = SIZE_UNITS[unit === '' ? 'b' : unit.toLowerCase()];
  if (bytesPerUnit === undefined) throw new UsageError(`${flag}: unknown unit "${unit}" in "${raw}"; use one of B, KB, MB, GB, KiB, MiB, GiB`);
  const bytes = Math.ceil(parseNumber(flag, count, raw) * bytesPerUnit);
  if (bytes < 1) throw new UsageError(`${flag}: "${raw}" is less than 1 byte`);
  return bytes;
}

/** `24h`, `7d`, `30m`, `200ms`, `0` → seconds. */
export function parseDuration(flag: string, raw: string): number {
  const trimmed = raw.trim();
  if (trimmed === '0') return 0;
  const match = /^(-?[\d.e]+)\s*(ms|s|sec|min|m|h|d)$/i.exec(trimmed);
  if (match === null) throw new UsageError(`${flag}: "${raw}" is not a duration; use e.g. 0, 200ms, 90s, 30m, 24h, 7d`);
  const [, count = '', unit = 's'] = match;
  if (count.startsWith('-')) throw new UsageError(`${flag}: "${raw}" is negative; a duration is at least 0`);
  return parseNumber(flag, count, raw) * (SECONDS_PER[unit.toLowerCase()] ?? 1);
}

/** `5x`, `1.5x`, `5` → a multiplier of at least 1 (a peak below the average is a contradiction). */
export function parseMultiplier(flag: string, raw: string): number {
  const match = /^(-?[\d.e]+)x?$/i.exec(raw.trim());
  if (match === null) throw new UsageError(`${flag}: "${raw}" is not a multiplier; use e.g. 1x, 2.5x, 5x`);
  const [, count = ''] = match;
  if (count.startsWith('-')) throw new UsageError(`${flag}: "${raw}" is negative; a peak is at least 1x the average`);
  const value = parseNumber(flag, count, raw);
  if (value < 1) throw new UsageError(`${flag}: "${raw}" is below 1x; the peak cannot be lower than the average rate`);
  return value;
}

/** A whole number of at least `min`. */
export function parseCount(flag: string, raw: string, min: number): number {
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`${flag}: "${raw}" is not a whole number`);
  const value = Number(raw.trim());
  if (value < min) throw new UsageError(`${flag}: ${value} is below the minimum of ${min}`);
  return value;
}
