/** `/cod` on Telegram: the COD orders whose customer has not confirmed them yet, oldest first. */
import type { Reply } from '../../src/core/types.ts'
import type { CodConfirmations } from '../../src/services/cod-confirmations.ts'
import { unconfirmedCodText } from '../staff-cod.ts'
import type { AdminInput } from './admin-types.ts'

export interface CodCommandDeps {
  cod: Pick<CodConfirmations, 'listUnconfirmed'>
}

export async function codCommand(deps: CodCommandDeps, input: AdminInput): Promise<Reply> {
  return { text: await unconfirmedCodText(deps.cod, input.locale) }
}
