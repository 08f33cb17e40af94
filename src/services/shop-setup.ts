/**
 * What a shop still has to connect before Layan answers its customers with its own data: products, knowledge
 * files, a staff channel, a console owner. Said in the start-up line and on the console's dashboard.
 */
import type { Db } from '../db/client.ts'
import { demoShopInfo } from '../db/demo-shop.ts'
import type { KnowledgeStore } from './knowledge/store.ts'

export type SetupGapKey = 'shopName' | 'products' | 'knowledge' | 'staffChannel' | 'consoleOwner'

export interface SetupGap {
  key: SetupGapKey
  /** One sentence for the shop owner: what is missing and where to start (README "Your own shop"). */
  hint: string
}

export interface SetupState {
  /** A staff channel (Telegram or Discord staff chat) is connected. */
  staffChannel: boolean
  /** The console has an account that can sign in. */
  consoleOwner: boolean
  /** The name customers are greeted with (SHOP_NAME). */
  shopName: string
}

export function createShopSetup(deps: { prisma: Db; knowledge: KnowledgeStore }) {
  return {
    /** The gaps, most important first; empty when the shop is fully connected. */
    async gaps(state: SetupState): Promise<SetupGap[]> {
      const gaps: SetupGap[] = []
      const products = await deps.prisma.product.count({ where: { active: true } })
      if (products === 0) {
        gaps.push({
          key: 'products',
          hint: 'no products yet: import a CSV (npm run import), call the shop API or connect WooCommerce/Shopify',
        })
      }
      const knowledge = await deps.knowledge.refresh()
      if (state.shopName === demoShopInfo.name && knowledge.source !== 'demo') {
        gaps.push({ key: 'shopName', hint: `SHOP_NAME is the demo's ("${demoShopInfo.name}"): set your shop's name` })
      }
      if (knowledge.source !== 'files') {
        const where = deps.knowledge.dir ?? 'KNOWLEDGE_DIR'
        gaps.push({
          key: 'knowledge',
          hint:
            knowledge.source === 'demo'
              ? `the demo's FAQ answers: copy docs/knowledge/*.md into ${where} and write your shop's own`
              : `no knowledge files (FAQ, policies, bank accounts): copy docs/knowledge/*.md into ${where} and edit them`,
        })
      }
      if (!state.staffChannel) {
        gaps.push({
          key: 'staffChannel',
          hint: 'no staff channel: set ADMIN_TELEGRAM_CHAT_ID or DISCORD_STAFF_CHANNEL_ID so hand-offs reach you',
        })
      }
      if (!state.consoleOwner) {
        gaps.push({
          key: 'consoleOwner',
          hint: 'no console account: set CONSOLE_OWNER_EMAIL and CONSOLE_OWNER_PASSWORD (or npm run console:user)',
        })
      }
      return gaps
    },
  }
}

export type ShopSetup = ReturnType<typeof createShopSetup>
