/**
 * Splits one line of a README shell block into commands and words, the way bash would for the
 * simple lines a README holds: quotes, `&&`, `||`, `;` and `|`, and a trailing `# comment`.
 * No expansion: `$OLDPWD` stays as written.
 */

const SEPARATORS = new Set(['&&', '||', ';', '|']);

/** The words of `line`, separators as words of their own, the trailing comment dropped. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | undefined;
  let started = false;
  const flush = (): void => {
    if (started) words.push(current);
    current = '';
    started = false;
  };
  for (let index = 0; index < line.length; index += 1) {
    const char = line[index];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (char === '#' && !started) {
      break;
    } else if (/\s/.test(char)) {
      flush();
    } else if ('&|;'.includes(char)) {
      flush();
      const pair = line.slice(index, index + 2);
      words.push(SEPARATORS.has(pair) ? pair : char);
      if (SEPARATORS.has(pair)) index += 1;
    } else {
      current += char;
      started = true;
    }
  }
  if (quote !== undefined) throw new Error(`unclosed ${quote} in: ${line}`);
  flush();
  return words;
}

/** The commands of `line` (split at separators), each as its words. */
export function shellCommands(line: string): string[][] {
  const commands: string[][] = [[]];
  for (const word of shellWords(line)) {
    if (SEPARATORS.has(word)) commands.push([]);
    else commands[commands.length - 1].push(word);
  }
  return commands.filter((command) => command.length > 0);
}
