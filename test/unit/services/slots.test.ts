import { describe, expect, it } from 'vitest'
import { createSlots } from '../../../src/services/slots.ts'

/** Lets every pending promise callback run. */
const settle = () => new Promise((resolve) => setImmediate(resolve))

describe('createSlots', () => {
  it('grants up to its size at once, then one slot per release, in arrival order', async () => {
    const slots = createSlots(2)
    const granted: string[] = []
    const take = (name: string) => slots.acquire().then(() => granted.push(name))
    void take('a')
    void take('b')
    void take('c')
    void take('d')
    await settle()
    expect(granted).toEqual(['a', 'b'])

    slots.release()
    await settle()
    expect(granted).toEqual(['a', 'b', 'c'])

    slots.release()
    slots.release()
    await settle()
    expect(granted).toEqual(['a', 'b', 'c', 'd'])

    // Released slots with nobody waiting are free again.
    slots.release()
    void take('e')
    void take('f')
    await settle()
    expect(granted).toEqual(['a', 'b', 'c', 'd', 'e', 'f'])
    void take('g')
    await settle()
    expect(granted).toHaveLength(6)
  })
})
