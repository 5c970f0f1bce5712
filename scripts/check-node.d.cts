/** Types of scripts/check-node.cjs (plain CommonJS so that it runs on any Node). */
export declare const MINIMUM_NODE_MAJOR: number;
/** What is wrong with running `command` on Node `version`, or undefined when nothing is. */
export declare function nodeVersionProblem(command: string, version: string): string | undefined;
