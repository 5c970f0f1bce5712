/**
 * A complexity guard, not a benchmark: every regex in runtime/ (they all see text that arrives in a
 * record, a job or a command line) must run in linear time on adversarial input up to 1 MiB, the
 * largest SQS message or default Kinesis record. The test finds the regexes itself, by parsing the
 * source, so a new one is covered the day it is written.
 *
 * Why a time bound is sound here, when timing is otherwise kept out of tests: the gap between
 * linear and super-linear is orders of magnitude, not percent. A linear scan of 1 MiB takes a few
 * milliseconds; the quadratic page check this replaces took 0.2 s at 16 K characters, 3.8 s at 64 K
 * and would take hours at 1 MiB. The bound (1 s at every size) is twenty times the slowest linear
 * run measured on an idle machine (replacing a million lone surrogates: about 50 ms), because a
 * 2-core machine running the whole suite was seen to take 224 ms for that linear run; the fastest of
 * three attempts is kept. A quadratic regex still fails it by 64 K characters, long before 1 MiB.
 * Inputs grow by steps, so a super-linear regex fails at a small size instead of hanging the suite.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { parseClickstreamEvent } from '../../../runtime/shared/clickstream-events';
import { decodeClickstreamRecordData } from '../../../runtime/shared/clickstream-record-codec';
import { findEmailJobProblems } from '../../../runtime/email-worker/email-job';
import { composeRawMessage } from '../../../runtime/email-worker/mime-message';
import { toSqsText } from '../../../runtime/shared/sqs-poller/sqs-text';

const RUNTIME_DIR = join(__dirname, '../../../runtime');
const MIB = 1024 * 1024;
/** Input sizes, smallest first: an exponential regex fails at the first, a quadratic one by the third. */
const SIZES = [32, 1024, 32 * 1024, MIB] as const;
const BOUND_MS = 1000;
/**
 * The whole validators do linear work on 1 MiB (parse, encode, scan), which takes 10–50 ms here and
 * more on a loaded CI machine; a quadratic step would take minutes. So their bound is wider than the
 * regexes' own and still far from any super-linear time.
 */
const VALIDATOR_BOUND_MS = 1000;
/** A run over the bound is retried this often and its fastest time kept: a GC pause is not a regex. */
const ATTEMPTS = 3;

/** Characters that each regex's classes treat differently: letters, digits, separators, controls, non-ASCII. */
const BODIES = ['a', 'A', '0', ' ', '.', '-', '@', ':', '~', '\t', '\n', 'é', '\u0000', '\u200B', '\uD800', 'a.', 'a-', 'a@', '0:', 'a b'];
/** What ends the run: nothing, or a character that makes most patterns fail at the very end. */
const TERMINATORS = ['', '\u0000', '\u007F', '!', '@', '\n', ' '];

interface FoundRegex {
  readonly where: string;
  readonly regex: RegExp;
}

/** A regex built at run time (`new RegExp(...)`), by file and the text of its construction: what it compiles to. */
const CONSTRUCTED_REGEXES: Readonly<Record<string, RegExp>> = {
  'shared/sqs-poller/sqs-text.ts: new RegExp(SQS_REFUSED_CHARACTER.source, \'gu\')':
    /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu,
  'email-worker/mime-message.ts: new RegExp(`.{1,${BASE64_LINE_LENGTH}}`, \'g\')': /.{1,76}/g,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every regex literal and `new RegExp(...)` in runtime/, parsed with the TypeScript compiler. */
function findRegexes(): { literals: FoundRegex[]; constructed: string[] } {
  const literals: FoundRegex[] = [];
  const constructed: string[] = [];
  for (const file of sourceFiles(RUNTIME_DIR)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const where = relative(RUNTIME_DIR, file);
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const lastSlash = node.text.lastIndexOf('/');
        literals.push({ where: `${where}: ${node.text}`, regex: new RegExp(node.text.slice(1, lastSlash), node.text.slice(lastSlash + 1)) });
      } else if (ts.isNewExpression(node) && node.expression.getText(source) === 'RegExp') {
        constructed.push(`${where}: ${node.getText(source)}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { literals, constructed };
}

/** The fastest of up to {@link ATTEMPTS} runs, stopping at the first under the bound. A throw is an outcome like any other. */
function fastestMs(action: () => unknown): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let attempt = 0; attempt < ATTEMPTS && fastest > BOUND_MS; attempt++) {
    const started = performance.now();
    try {
      action();
    } catch {
      // Refusing the input is what a validator should do; only the time counts here.
    }
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

/** `body` repeated to `size` characters, then `terminator`. */
function adversarial(body: string, size: number, terminator: string): string {
  return body.repeat(Math.ceil(size / body.length)).slice(0, size) + terminator;
}

/** Runs `regex` from the start of `input` as code does (`test`/`exec`/`replace` all scan the same way). */
function scan(regex: RegExp, input: string): void {
  const fresh = new RegExp(regex.source, regex.flags);
  if (fresh.global) input.replace(fresh, '');
  else fresh.exec(input);
}

/** The slowest inputs of `regexes`, as `where on input (ms)`, that went over the bound. */
function slowRuns(regexes: readonly FoundRegex[]): string[] {
  const slow: string[] = [];
  const failed = new Set<string>();
  for (const size of SIZES) {
    for (const body of BODIES) {
      for (const terminator of TERMINATORS) {
        const input = adversarial(body, size, terminator);
        for (const { where, regex } of regexes) {
          if (failed.has(where)) continue;
          const ms = fastestMs(() => scan(regex, input));
          if (ms <= BOUND_MS) continue;
          failed.add(where);
          slow.push(`${where} on ${size} × ${JSON.stringify(body)} + ${JSON.stringify(terminator)} (${ms.toFixed(0)} ms)`);
        }
      }
    }
  }
  return slow;
}

describe('regexes on untrusted input', () => {
  const { literals, constructed } = findRegexes();

  it('finds the regexes of runtime/ (the scan itself works)', () => {
    expect(literals.map((found) => found.where)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^email-worker\/email-job\.ts: /),
      expect.stringMatching(/^shared\/sqs-poller\/sqs-text\.ts: /),
    ]));
  });

  it('knows what every regex built at run time compiles to', () => {
    expect(constructed.sort()).toEqual(Object.keys(CONSTRUCTED_REGEXES).sort());
  });

  it(`runs every regex in linear time: under ${BOUND_MS} ms on adversarial input up to 1 MiB`, () => {
    const all = [...literals, ...Object.entries(CONSTRUCTED_REGEXES).map(([where, regex]) => ({ where, regex }))];

    expect(slowRuns(all)).toEqual([]);
  });
});

describe('validators on 1 MiB adversarial fields', () => {
  const big = (body: string, terminator: string): string => adversarial(body, MIB, terminator);
  const event = { eventId: 'e1', userId: 'u1', timestamp: '2030-01-01T00:00:00.000Z', page: '/', type: 'page_view' };
  const job = { jobId: 'j1', to: 'a@example.com', subject: 's', body: 'b' };

  it.each([
    ['a page of letters ending in a control character', () => parseClickstreamEvent({ ...event, page: big('a', '\u0000') })],
    ['a printable page ending in a control character', () => parseClickstreamEvent({ ...event, page: big('a ', '\u0001') })],
    ['a timestamp of digits', () => parseClickstreamEvent({ ...event, timestamp: `2030-01-01T00:00:00.${big('1', 'Z!')}` })],
    ['a record of JSON whitespace', () => decodeClickstreamRecordData(Buffer.from(big(' ', '{')).toString('base64'))],
    ['an address with a megabyte of domain labels', () => findEmailJobProblems({ ...job, to: `a@${big('a.', '!')}` })],
    ['an address with a megabyte of local part', () => findEmailJobProblems({ ...job, to: big('a', '@example.com') })],
    ['a jobId of allowed characters ending badly', () => findEmailJobProblems({ ...job, jobId: big('a:', ' ') })],
    ['a subject of bidi-looking text', () => findEmailJobProblems({ ...job, subject: big('a\u200D', '\u202E') })],
    ['a body to encode', () => composeRawMessage({ ...job, body: big('é', '') }, 'from@example.com', new Date(0))],
    ['a reason full of lone surrogates', () => toSqsText(big('\uD800', 'a'))],
  ])(`handles %s in under ${VALIDATOR_BOUND_MS} ms`, (_case, validate) => {
    expect(fastestMs(validate)).toBeLessThanOrEqual(VALIDATOR_BOUND_MS);
  });

  it('does not check a page\'s characters once its length has failed (one problem, not two)', () => {
    expect(() => parseClickstreamEvent({ ...event, page: big(' ', '\u0000') })).toThrow(/page: at most 1024 characters, got 1048577$/);
  });
});
