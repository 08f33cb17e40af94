/**
 * The FAQ's return answer, written from the policy values, so what the bot says about returns is what the return
 * tools enforce. It takes the place of any `{#returns}` section of the shop's knowledge files.
 *
 * @example returnPolicySection(defaultReturnPolicy).text.id // "Barang bisa diretur atau ditukar dalam **7 hari …"
 */
import type { Locale } from '../../i18n/format.ts'
import { t } from '../../i18n/messages.ts'
import type { KnowledgeSection } from '../knowledge/parse.ts'
import type { ReturnPolicy } from '../return-policy.ts'

export const returnPolicySectionId = 'returns'

const keywords = [
  'retur',
  'return',
  'returns',
  'tukar',
  'tukar ukuran',
  'tukar size',
  'penukaran',
  'pengembalian',
  'refund',
  'garansi',
  'rusak',
  'cacat',
  'salah kirim',
  'kebijakan',
  'kebijakan retur',
  'policy',
  'exchange',
  'damaged',
  'defect',
  'wrong item',
  'return policy',
  'warranty',
]

function policyText(policy: ReturnPolicy, locale: Locale): string {
  const lines = [
    t(locale, policy.exchanges ? 'policy.window' : 'policy.windowNoExchange', { days: policy.windowDays }),
    t(locale, 'policy.conditions'),
    policy.exchanges ? t(locale, 'policy.exchange') : null,
    t(locale, 'policy.refundOnline'),
    t(locale, 'policy.refundManual'),
    t(locale, 'policy.refundWhen'),
    t(locale, `policy.shipping.${policy.shippingPaidBy}`),
    policy.address ? t(locale, 'policy.address', { address: policy.address }) : t(locale, 'policy.addressLater'),
    t(locale, 'policy.how'),
  ]
  return lines.filter((line): line is string => line !== null).join('\n')
}

/** The returns section of the knowledge base, in both languages. */
export function returnPolicySection(policy: ReturnPolicy): KnowledgeSection {
  return {
    id: returnPolicySectionId,
    title: { id: t('id', 'policy.title'), en: t('en', 'policy.title') },
    keywords,
    text: { id: policyText(policy, 'id'), en: policyText(policy, 'en') },
  }
}

/** The same section as Markdown, for the Claude agent's system prompt. */
export function returnPolicyMarkdown(policy: ReturnPolicy): string {
  const section = returnPolicySection(policy)
  return [
    `## ${section.title.id} / ${section.title.en} {#${section.id}}`,
    '',
    section.text.id,
    '',
    `**English:** ${section.text.en}`,
    '',
  ].join('\n')
}
