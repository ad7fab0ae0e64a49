import { z } from 'zod';
import { callMethod, type MethodEntries } from '../method';
import { optional } from '../params';

/** `dev_*`: helpers a dev chain offers on top of Substrate's API (named like chopsticks'). */

/** Blocks one `dev_newBlock` call may build. */
export const MAX_NEW_BLOCKS = 1000;

const newBlockOptionsSchema = z
  .object(
    {
      count: z
        .number({ error: 'expected a positive integer' })
        .int('expected a positive integer')
        .min(1, 'expected a positive integer')
        .max(MAX_NEW_BLOCKS, `expected at most ${MAX_NEW_BLOCKS} blocks per call`)
        .optional(),
    },
    { error: 'expected an object like { "count": 1 }' },
  )
  .strict();

export const devMethods: MethodEntries = [
  [
    'dev_newBlock',
    callMethod([optional('options', newBlockOptionsSchema)], async ([options], { backend }) => backend.newBlocks(options?.count ?? 1)),
  ],
];
