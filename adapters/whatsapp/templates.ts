/**
 * Message templates for proactive messages outside WhatsApp's 24-hour customer-service window. Meta only
 * delivers pre-approved templates there; each notification kind that may need one has a setting:
 *
 *   WHATSAPP_TEMPLATE_PAYMENT=payment_received:orderNumber,amount
 *   WHATSAPP_TEMPLATE_SHIPPING=shipping_update:orderNumber,status,location
 *   WHATSAPP_TEMPLATE_HANDOFF_REPLY=support_reply:text
 *
 * The name is the template's name in WhatsApp Manager; the fields after ":" fill its body variables {{1}}, {{2}},
 * … in order (without them, the defaults below; "name:" for a template without variables). WHATSAPP_TEMPLATE_LANGUAGES lists the language codes the
 * templates are approved in (default `id`); a customer who writes English gets the first English code listed.
 * Meta refuses empty variables and variables with line breaks, tabs or more than four spaces in a row, so
 * values are flattened and an empty one becomes "-".
 */
import { z } from 'zod'
import type { Config } from '../../src/config.ts'
import type { Locale } from '../../src/core/types.ts'
import { ShippingStatus } from '../../src/generated/prisma/enums.ts'
import { formatRupiah, shippingStatusLabels } from '../../src/i18n/format.ts'
import type { OutgoingMessage } from './render.ts'

/** The fields each kind offers, and the ones used when a setting names none. */
export const templateFields = {
  payment_completed: {
    settings: 'WHATSAPP_TEMPLATE_PAYMENT',
    all: ['orderNumber', 'amount', 'shop'],
    default: ['orderNumber', 'amount'],
  },
  shipping_status: {
    settings: 'WHATSAPP_TEMPLATE_SHIPPING',
    all: ['orderNumber', 'status', 'location', 'shop'],
    default: ['orderNumber', 'status', 'location'],
  },
  handoff_reply: { settings: 'WHATSAPP_TEMPLATE_HANDOFF_REPLY', all: ['text', 'shop'], default: ['text'] },
} as const

export type TemplateKind = keyof typeof templateFields
export type TemplateSettings = Pick<
  Config,
  | 'WHATSAPP_TEMPLATE_LANGUAGES'
  | 'WHATSAPP_TEMPLATE_PAYMENT'
  | 'WHATSAPP_TEMPLATE_SHIPPING'
  | 'WHATSAPP_TEMPLATE_HANDOFF_REPLY'
>

export interface TemplateSpec {
  name: string
  fields: string[]
}

export interface Templates {
  /** The configured templates by notification kind. */
  specs: Partial<Record<TemplateKind, TemplateSpec>>
  languages: string[]
  /** The template message for a notification, or null when its kind has none (or its payload does not fit). */
  messageFor(kind: string, payload: unknown, locale: Locale): OutgoingMessage | null
}

const payloads = {
  payment_completed: z.object({ orderNumber: z.string(), amount: z.number() }),
  shipping_status: z.object({
    orderNumber: z.string(),
    status: z.enum(ShippingStatus),
    location: z.string().nullish(),
  }),
  handoff_reply: z.object({ text: z.string() }),
}

/** Meta's rules for a text variable: no line breaks or tabs, at most four spaces in a row, not empty. */
export function templateValue(value: string): string {
  const flat = value
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/ {4,}/g, '   ')
    .trim()
  return (flat.length > 1000 ? `${flat.slice(0, 999)}…` : flat) || '-'
}

function isTemplateKind(kind: string): kind is TemplateKind {
  return Object.hasOwn(templateFields, kind)
}

/** The template language for a customer: the first listed code in their language, else the first listed. */
export function templateLanguage(languages: readonly string[], locale: Locale): string {
  return languages.find((code) => code.split('_')[0] === locale) ?? languages[0] ?? 'id'
}

/**
 * Reads the template settings.
 * @throws Error naming the setting when it asks for a field its kind does not have
 */
export function parseTemplates(settings: TemplateSettings, shopName: string): Templates {
  const specs: Partial<Record<TemplateKind, TemplateSpec>> = {}
  for (const kind of Object.keys(templateFields) as TemplateKind[]) {
    const info = templateFields[kind]
    const value = settings[info.settings]
    if (!value) continue
    const [name = '', list] = value.split(':')
    // "name" alone takes the defaults; "name:" is a template without variables.
    const fields = list === undefined ? [...info.default] : list ? list.split(',') : []
    const unknown = fields.filter((field) => !(info.all as readonly string[]).includes(field))
    if (unknown.length > 0) {
      throw new Error(`${info.settings}: unknown field ${unknown.join(', ')} (choose from ${info.all.join(', ')})`)
    }
    specs[kind] = { name, fields }
  }
  const languages = settings.WHATSAPP_TEMPLATE_LANGUAGES.length > 0 ? settings.WHATSAPP_TEMPLATE_LANGUAGES : ['id']

  function values(kind: TemplateKind, payload: unknown, locale: Locale): Record<string, string> | null {
    switch (kind) {
      case 'payment_completed': {
        const p = payloads[kind].safeParse(payload)
        return p.success
          ? { orderNumber: p.data.orderNumber, amount: formatRupiah(p.data.amount), shop: shopName }
          : null
      }
      case 'shipping_status': {
        const p = payloads[kind].safeParse(payload)
        if (!p.success) return null
        return {
          orderNumber: p.data.orderNumber,
          status: shippingStatusLabels[p.data.status][locale],
          location: p.data.location ?? '',
          shop: shopName,
        }
      }
      case 'handoff_reply': {
        const p = payloads[kind].safeParse(payload)
        return p.success ? { text: p.data.text, shop: shopName } : null
      }
    }
  }

  return {
    specs,
    languages,
    messageFor(kind, payload, locale) {
      if (!isTemplateKind(kind)) return null
      const spec = specs[kind]
      const filled = spec ? values(kind, payload, locale) : null
      if (!spec || !filled) return null
      return {
        type: 'template',
        template: {
          name: spec.name,
          language: { code: templateLanguage(languages, locale) },
          ...(spec.fields.length > 0
            ? {
                components: [
                  {
                    type: 'body' as const,
                    parameters: spec.fields.map((field) => ({
                      type: 'text' as const,
                      text: templateValue(filled[field] ?? ''),
                    })),
                  },
                ],
              }
            : {}),
        },
      }
    },
  }
}
