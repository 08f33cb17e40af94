/**
 * The shop's knowledge files through the web chat (HTTP) on both databases: an edited file answers the next
 * message without a restart, for the rule agent and in Claude's system prompt; a malformed file keeps the last good
 * version and is logged by file, section and line; the demo's FAQ and bank accounts are quoted only while the demo
 * shop is the data; and an empty shop answers its customers honestly.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Database } from '../../../src/db/client.ts'
import { removeDemoData } from '../../../src/services/demo-removal.ts'
import { claudeTestConfig, useAnthropicServer } from '../../helpers/claude.ts'
import { capturingLogger } from '../../helpers/core.ts'
import { createTestDatabase, testDbKinds } from '../../helpers/db.ts'
import { firstDatabaseTimeoutMs } from '../../helpers/http.ts'
import { buildWebServer, openSession, type WebServer } from '../../helpers/web.ts'
import { textResponse } from '../../msw/anthropic.ts'

const anthropic = useAnthropicServer()

const hours = (time: string) => `# Jam buka

## Jam operasional / Opening hours {#hours}
Kata kunci: jam buka, jam operasional, buka, tutup, hours, open

Tim kami melayani Senin–Jumat pukul ${time} WIB.

**English:** Our team is available Monday to Friday, ${time} WIB.
`

const bankAccounts = `## Rekening bank / Bank accounts {#bank-accounts}
Kata kunci: rekening, nomor rekening, bank account

- BNI 0987654321 a.n. CV Toko Kita

**English:** Transfer to BNI 0987654321, account name CV Toko Kita.
`

describe.each(testDbKinds)('the shop knowledge files (%s)', (kind) => {
  let db: Database
  let server: WebServer
  let dir: string
  let captured: ReturnType<typeof capturingLogger>

  async function start(options: { seed?: boolean; agent?: 'rules' | 'claude' } = {}) {
    db = await createTestDatabase(kind, { seed: options.seed ?? true })
    captured = capturingLogger()
    server = buildWebServer(db, {
      log: captured.log,
      agent: options.agent ?? 'rules',
      config: {
        KNOWLEDGE_DIR: dir,
        KNOWLEDGE_CHECK_SECONDS: 0,
        ...(options.agent === 'claude' ? claudeTestConfig : {}),
      },
    })
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'layan-knowledge-'))
  })
  afterEach(async () => {
    await server?.app.close()
    await db?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it(
    'answers from the demo FAQ until the shop writes its own file, then from each edit at once',
    async () => {
      await start()
      const visitor = await openSession(server.app, '10.0.0.1')
      expect((await visitor.say('jam buka toko?')).texts.join('\n')).toContain('08.00–21.00')

      writeFileSync(join(dir, 'hours.md'), hours('09.00–17.00'))
      const first = (await visitor.say('jam buka toko?')).texts.join('\n')
      expect(first).toContain('Senin–Jumat pukul 09.00–17.00')
      expect(first).not.toContain('08.00')

      writeFileSync(join(dir, 'hours.md'), hours('10.00–18.00'))
      expect((await visitor.say('jam operasional?')).texts.join('\n')).toContain('10.00–18.00')
      // The shop's own files replace the demo's FAQ entirely: its bank accounts are not quoted any more.
      expect((await visitor.say('nomor rekening berapa?')).texts.join('\n')).not.toContain('1234567890')
    },
    firstDatabaseTimeoutMs,
  )

  it(
    'keeps the last good version of a malformed file and logs the file, section and line',
    async () => {
      await start()
      writeFileSync(join(dir, 'hours.md'), hours('09.00–17.00'))
      writeFileSync(join(dir, 'payment.md'), bankAccounts)
      const visitor = await openSession(server.app, '10.0.0.2')
      expect((await visitor.say('jam buka toko?')).texts.join('\n')).toContain('09.00–17.00')

      // A typo in the id, and a bank account line the instructions could not quote.
      writeFileSync(join(dir, 'hours.md'), hours('07.00–15.00').replace('{#hours}', '{#Jam Buka}'))
      writeFileSync(join(dir, 'payment.md'), bankAccounts.replace('- BNI 0987654321', '- BNI nomor menyusul'))
      const answer = (await visitor.say('jam buka toko?')).texts.join('\n')
      expect(answer).toContain('09.00–17.00')
      expect(answer).not.toContain('07.00')
      expect(server.knowledge.current().bankAccounts).toEqual([
        { bank: 'BNI', number: '0987654321', holder: 'CV Toko Kita' },
      ])

      const refused = captured.lines.filter((l) => l.level === 50 && String(l.msg).startsWith('knowledge file'))
      expect(refused.map((l) => l.file).sort()).toEqual(['hours.md', 'payment.md'])
      expect(String(refused.find((l) => l.file === 'hours.md')?.msg)).toMatch(
        /hours\.md, section "Jam operasional \/ Opening hours \{#Jam Buka\}", line 3: the id/,
      )
      expect(String(refused.find((l) => l.file === 'payment.md')?.msg)).toMatch(
        /payment\.md, section "Rekening bank \/ Bank accounts", line 4: a bank account is written/,
      )
      expect(server.knowledge.current().problems).toHaveLength(2)

      // Fixed: the new version answers, and the mistake is gone.
      writeFileSync(join(dir, 'hours.md'), hours('07.00–15.00'))
      expect((await visitor.say('jam buka toko?')).texts.join('\n')).toContain('07.00–15.00')
      expect(server.knowledge.current().problems.map((p) => p.file)).toEqual(['payment.md'])
    },
    firstDatabaseTimeoutMs,
  )

  it(
    "never quotes the demo's bank accounts on the shop's own data, and quotes the shop's once written",
    async () => {
      await start({ seed: false })
      const customer = await db.prisma.customer.create({
        data: { name: 'Rina Wijaya', phoneNumber: '+6281311112222', source: 'api', externalId: 'C-1' },
      })
      await db.prisma.order.create({
        data: {
          orderNumber: 'ORD-2026-101',
          customerId: customer.id,
          subtotal: 150_000,
          shippingCost: 10_000,
          totalAmount: 160_000,
          shippingAddress: 'Jl. Melati 1, Bandung',
          source: 'api',
          payment: { create: { amount: 160_000, method: 'bank_transfer', status: 'PENDING' } },
        },
      })
      const visitor = await openSession(server.app, '10.0.0.3')
      expect((await visitor.say('verifikasi ORD-2026-101 2222')).verified).toBe(true)

      const before = (await visitor.say('cara bayar ORD-2026-101?')).texts.join('\n')
      expect(before).toContain('Rp160.000')
      expect(before).not.toMatch(/1234567890|1400012345678|UrbanStyle/)
      expect(before).toContain('Nomor rekening toko belum tercantum')
      const faq = (await visitor.say('nomor rekening toko apa?')).texts.join('\n')
      expect(faq).not.toMatch(/1234567890|1400012345678/)

      writeFileSync(join(dir, 'payment.md'), bankAccounts)
      const after = (await visitor.say('cara bayar ORD-2026-101?')).texts.join('\n')
      expect(after).toContain('BNI: 0987654321 a.n. CV Toko Kita')
      expect(after).not.toContain('1234567890')
    },
    firstDatabaseTimeoutMs,
  )

  it(
    "stops quoting the demo's FAQ once the demo shop is removed",
    async () => {
      await start()
      const visitor = await openSession(server.app, '10.0.0.4')
      expect((await visitor.say('nomor rekening berapa?')).texts.join('\n')).toContain('BCA 1234567890')
      await removeDemoData(db.prisma)
      const after = (await visitor.say('nomor rekening berapa?')).texts.join('\n')
      expect(after).not.toMatch(/1234567890|1400012345678/)
      expect((await visitor.say('jam buka toko?')).texts.join('\n')).not.toContain('08.00')
      expect(server.knowledge.current().source).toBe('none')
    },
    firstDatabaseTimeoutMs,
  )

  it(
    "puts each version of the files into Claude's system prompt without a restart",
    async () => {
      await start({ agent: 'claude' })
      writeFileSync(join(dir, 'hours.md'), hours('09.00–17.00'))
      anthropic.script(textResponse('Kami buka Senin–Jumat 09.00–17.00 WIB, kak.'))
      const visitor = await openSession(server.app, '10.0.0.5')
      const first = await visitor.say('jam buka?')
      expect(first.texts.join('\n')).toContain('09.00–17.00')
      const system = () => (anthropic.requests.at(-1)?.system ?? []).map((b) => b.text).join('\n')
      expect(system()).toContain('Senin–Jumat pukul 09.00–17.00 WIB')
      expect(system()).not.toContain('1234567890')

      writeFileSync(join(dir, 'hours.md'), hours('10.00–18.00'))
      anthropic.script(textResponse('Kami buka 10.00–18.00 WIB, kak.'))
      await visitor.say('jam buka?')
      expect(system()).toContain('Senin–Jumat pukul 10.00–18.00 WIB')
      expect(system()).not.toContain('09.00–17.00')

      // A malformed edit leaves the prompt as it was.
      writeFileSync(join(dir, 'hours.md'), '# no sections at all\n')
      anthropic.script(textResponse('Kami buka 10.00–18.00 WIB, kak.'))
      await visitor.say('jam buka?')
      expect(system()).toContain('Senin–Jumat pukul 10.00–18.00 WIB')
    },
    firstDatabaseTimeoutMs,
  )
})
