/** Shop facts the services need (payment instructions, messages). The demo shop's are the default. */
import { demoShopInfo } from '../db/demo-shop.ts'

export interface ShopSettings {
  name: string
  legalName: string
  bankAccounts: readonly { bank: string; number: string; holder: string }[]
  hours: string
}

export const defaultShopSettings: ShopSettings = demoShopInfo
