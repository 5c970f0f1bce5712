/** `npx tsx local/variants/run-variants-main.ts`: the variants run alone, printed as JSON. */
import { runVariants } from './run-variants';

runVariants((line) => console.error(line)).then(
  (result) => console.log(JSON.stringify(result, null, 2)),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
