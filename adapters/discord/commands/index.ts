/**
 * Every slash command, listed explicitly (DESIGN §9): registration sends exactly these, and the interaction
 * handler dispatches to them by name.
 */
import { codCommand } from './cod.ts'
import type { Command } from './command.ts'
import { handoffCommand } from './handoff.ts'
import { lowstockCommand } from './lowstock.ts'
import { orderCommand } from './order.ts'
import { returnCommand } from './returns.ts'
import { shippingCommand } from './shipping.ts'
import { stockCommand } from './stock.ts'
import { unlockCommand } from './unlock.ts'
import { verifyCommand } from './verify.ts'

export const commands: readonly Command[] = [
  verifyCommand,
  orderCommand,
  stockCommand,
  lowstockCommand,
  shippingCommand,
  codCommand,
  returnCommand,
  handoffCommand,
  unlockCommand,
]
