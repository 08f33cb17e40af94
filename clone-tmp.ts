import { createTestDatabase } from './test/helpers/db.ts'
let t = Date.now()
const a = await createTestDatabase('pglite'); console.log('first', Date.now()-t); t=Date.now()
for (let i=0;i<5;i++){ const b = await createTestDatabase('pglite'); await b.prisma.order.count(); await b.close() }
console.log('5 clones', Date.now()-t)
console.log(await a.prisma.order.count())
