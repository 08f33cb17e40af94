/** The Prisma client, or a transaction client inside `$transaction(async (tx) => ...)`. */

import type { Db } from '../db/client.ts'
import type { Prisma } from '../generated/prisma/client.ts'

export type Tx = Prisma.TransactionClient
export type DbOrTx = Db | Tx
