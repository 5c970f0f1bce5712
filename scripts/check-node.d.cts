/** Types of scripts/check-node.cjs (plain CommonJS so that it runs on any Node). */
/** The project's supported Node range, as package.json's engines states it. */
export declare const NODE_ENGINES: string;
/** Whether Node `version` ("22.22.0") is within {@link NODE_ENGINES}. */
export declare function isSupportedNode(version: string): boolean;
/** What is wrong with running `command` on Node `version`, or undefined when nothing is. */
export declare function nodeVersionProblem(command: string, version: string): string | undefined;
