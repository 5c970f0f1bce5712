/**
 * What `npm run dev` runs: the DevComponent of every registered pattern that has one, in registry
 * order (local/patterns/pattern-registry.ts).
 */
import { PATTERNS } from '../patterns/pattern-registry';
import type { Pattern } from '../patterns/pattern';
import type { DevComponent } from './dev-component';

/** The components of `patterns` (default: the registry). */
export function devComponentsOf(patterns: readonly Pattern[] = PATTERNS): DevComponent[] {
  return patterns.flatMap((pattern) => (pattern.dev === undefined ? [] : [pattern.dev]));
}
