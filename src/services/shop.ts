/** Shop facts the services need (payment instructions, messages). The demo shop's are the default. */
import { readFileSync } from 'node:fs'
import { demoShopInfo } from '../db/demo-shop.ts'
import { projectPath } from '../project-root.ts'
import { type BankAccount, parseKnowledgeFile } from './knowledge/parse.ts'

export interface ShopSettings {
  name: string
  /**
   * The accounts a bank transfer goes to, as the shop's knowledge says now (its `{#bank-accounts}` section);
   * empty when it names none.
   */
  bankAccounts: () => Promise<readonly BankAccount[]>
}

/** The demo shop's FAQ, which also names its bank accounts (knowledge/faq.md). */
export const demoKnowledgePath = projectPath('knowledge', 'faq.md')

let demoAccounts: readonly BankAccount[] | null = null

/** The demo shop's bank accounts, from its FAQ (the one place they are written). */
export function demoBankAccounts(): readonly BankAccount[] {
  demoAccounts ??= parseKnowledgeFile(readFileSync(demoKnowledgePath, 'utf8'), 'faq.md').bankAccounts ?? []
  return demoAccounts
}

/** The demo shop: its name and bank accounts (tests, the bench). */
export const defaultShopSettings: ShopSettings = {
  name: demoShopInfo.name,
  bankAccounts: async () => demoBankAccounts(),
}
