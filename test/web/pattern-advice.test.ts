/** The page's costs are the advisor's: the commands npm start prints, priced by the advisor's own parser and functions. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { adviseLineForRun } from '../../local/comparison/advise-command';
import { adviseCommandsOf, adviceForCommand, patternAdviceFor } from '../../local/web/pattern-advice';
import { loadUsEast1Prices } from '../../advisor/price-list';
import { comparisonRun } from '../factories/comparison-result';

const REPOSITORY_ROOT = join(__dirname, '..', '..');
const result = comparisonRun();

describe('pattern advice', () => {
  it('finds each pattern\'s command in the line npm start ends with', () => {
    const commands = adviseCommandsOf(adviseLineForRun(result));
    expect(commands.map(({ pattern }) => pattern)).toEqual(['email', 'clickstream']);
    for (const { command } of commands) expect(adviseLineForRun(result)).toContain(`: ${command}`);
  });

  it('recommends one of the options it prices, at that option\'s cost', () => {
    const [email] = patternAdviceFor(result);
    const recommended = email?.options.find((option) => option.option === email.recommendation.option);
    expect(recommended?.monthlyUsd).toBe(email?.recommendation.monthlyUsd);
  });

  it('gives the monthly costs npm run advise -- --json prints for the same command', () => {
    const command = 'npm run advise -- --rate 100/s --size 125B --consumers 3 --order per-key --work event --replay 24h';
    const printed = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'advisor/cli.ts', ...command.split(' ').slice(4), '--json'], { cwd: REPOSITORY_ROOT, encoding: 'utf8' })) as {
      recommendation: { option: string; monthlyUsd: number };
      options: { option: string; monthlyUsd: number; status: string }[];
    };
    expect(adviceForCommand(command, loadUsEast1Prices())).toEqual({
      recommendation: { option: printed.recommendation.option, monthlyUsd: printed.recommendation.monthlyUsd },
      options: printed.options.map(({ option, monthlyUsd, status }) => ({ option, monthlyUsd, status })),
    });
  });
});
