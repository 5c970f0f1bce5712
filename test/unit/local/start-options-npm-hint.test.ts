import { UsageError } from '../../../runtime/shared/errors';
import { npmTookFlagsError, parseStartOptions } from '../../../local/start-options';

/** The environment npm 11 gives `npm start` for the flags it took (measured with npm 11). */
const underNpmStart = (config: Record<string, string>): NodeJS.ProcessEnv => ({
  npm_lifecycle_event: 'start',
  ...Object.fromEntries(Object.entries(config).map(([name, value]) => [`npm_config_${name}`, value])),
});

describe('npm start without `--`', () => {
  it('`npm start --jobs 100`: npm passes only 100 and sets npm_config_jobs=true; the error says how to pass it', () => {
    const error = npmTookFlagsError(['100'], underNpmStart({ jobs: 'true' }));
    expect(error).toBeInstanceOf(UsageError);
    expect(error?.message).toBe('npm took --jobs (npm reads the flags before `--` as its own): use npm start -- --jobs 100');
    expect(() => parseStartOptions(['100'], underNpmStart({ jobs: 'true' }))).toThrow(/npm took --jobs.*npm start -- --jobs 100/);
  });

  it('`npm start --jobs=100`: npm passes nothing and sets npm_config_jobs=100, which would silently run the default', () => {
    expect(() => parseStartOptions([], underNpmStart({ jobs: '100' }))).toThrow('npm took --jobs (npm reads the flags before `--` as its own): use npm start -- --jobs 100');
  });

  it('names every flag npm took; booleans take no value, and values it cannot pair stay VALUE', () => {
    const error = npmTookFlagsError(['500', '100'], underNpmStart({ json_file: 'out.json', jobs: 'true', events: 'true', variants: 'true' }));
    expect(error?.message).toBe('npm took --json-file --jobs --events --variants (npm reads the flags before `--` as its own): use npm start -- --json-file out.json --jobs VALUE --events VALUE --variants');
  });

  it('says nothing outside `npm start` or when npm took no flag of ours', () => {
    expect(npmTookFlagsError(['100'], { npm_config_jobs: 'true' })).toBeUndefined();
    expect(npmTookFlagsError([], underNpmStart({ loglevel: 'silent' }))).toBeUndefined();
    expect(parseStartOptions(['--jobs', '100'], underNpmStart({})).jobs).toBe(100);
  });
});
