/**
 * Every relative link of the README and docs/ leads somewhere: the file exists and, for a Markdown
 * target, the heading its `#anchor` names does too (GitHub's anchor rule: lower case, punctuation
 * dropped, spaces to hyphens). Sections moved between the README and docs/ cannot leave dead links.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './npm-script-command';

const MARKDOWN_FILES = ['README.md', ...fs.readdirSync(path.join(REPO_ROOT, 'docs')).filter((file) => file.endsWith('.md')).map((file) => path.join('docs', file))];

/** GitHub's anchor for a heading. */
function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\- _]/gu, '').replace(/ /g, '-');
}

function anchorsIn(file: string): Set<string> {
  const text = fs.readFileSync(file, 'utf8').replace(/^(`{3,})[\s\S]*?^\1/gm, '');
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1])));
}

function deadLinks(file: string): string[] {
  const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
  const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]).filter((link) => !/^[a-z]+:/.test(link));
  return links.flatMap((link) => {
    const [target, anchor] = link.split('#');
    const resolved = target === '' ? path.join(REPO_ROOT, file) : path.resolve(REPO_ROOT, path.dirname(file), target);
    if (!fs.existsSync(resolved)) return [`${file}: ${link}: no such file`];
    if (anchor !== undefined && resolved.endsWith('.md') && !anchorsIn(resolved).has(anchor)) return [`${file}: ${link}: no such heading`];
    return [];
  });
}

describe('links in the README and docs/', () => {
  it('turns a heading into the anchor GitHub gives it', () => {
    expect(anchorOf("The Kafka column's mid-produce SIGKILL \"losses\"")).toBe('the-kafka-columns-mid-produce-sigkill-losses');
    expect(anchorOf('SQS FIFO variant (`-c emailQueue=fifo`)')).toBe('sqs-fifo-variant--c-emailqueuefifo');
  });

  it.each(MARKDOWN_FILES)('%s: every relative link leads to a file and heading that exist', (file) => {
    expect(deadLinks(file)).toEqual([]);
  });
});
