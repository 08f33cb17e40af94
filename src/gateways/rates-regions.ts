/**
 * Indonesia's provinces, regencies/cities and districts from the kept `idn-area-data` dataset (3.1.x, the line
 * that supports Node 20), and the matching of a place written in free text against them. Loaded once, lazily.
 *
 * @example
 * resolvePlace(loadRegions(), 'kab. jayawijaya') // { kind: 'found', place: { regency: 'Kabupaten Jayawijaya', ... } }
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { provinceForPostalCode } from './postal-prefixes.ts'

export interface Place {
  /** idn-area-data code of the most precise level found: "35.78" (a city) or "35.78.01" (a district). */
  code: string
  provinceCode: string
  /** "Kota Surabaya", "Kabupaten Jayawijaya"; null when only the province is known (a postal code). */
  regencyCode: string | null
  regency: string | null
  district: string | null
  province: string
  postalCode: string | null
  /** How the place is named to the customer: "Kec. Gubeng, Kota Surabaya, Jawa Timur". */
  label: string
}

export type PlaceMatch = { kind: 'found'; place: Place } | { kind: 'ambiguous'; choices: Place[] } | { kind: 'unknown' }

interface Regency {
  code: string
  provinceCode: string
  name: string
  /** Lower-case name without "kota"/"kabupaten": the word people write. */
  key: string
  isCity: boolean
}

interface District {
  code: string
  regencyCode: string
  name: string
  key: string
}

export interface Regions {
  provinces: Map<string, string>
  regencies: Map<string, Regency>
  byRegencyKey: Map<string, Regency[]>
  byDistrictKey: Map<string, District[]>
  byProvinceKey: Map<string, string>
}

let loaded: Regions | undefined

const jakartaProvince = '31'

function dataDir(): string {
  const pkg = createRequire(import.meta.url).resolve('idn-area-data/package.json')
  return path.join(path.dirname(pkg), 'data')
}

function rows(file: string): string[][] {
  return readFileSync(path.join(dataDir(), file), 'utf8')
    .split(/\r?\n/)
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(','))
}

/** "JAWA TIMUR" → "Jawa Timur"; "DKI JAKARTA" keeps its initials. */
export function titleCase(name: string): string {
  return name
    .toLowerCase()
    .split(' ')
    .map((w) => (w === 'dki' ? 'DKI' : w.charAt(0).toUpperCase() + w.slice(1)))
    .join(' ')
}

/** Lower case, letters and digits only, single spaces. */
export function placeKey(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

/** The dataset as lookup tables (about 8,000 rows; read once). */
export function loadRegions(): Regions {
  if (loaded) return loaded
  const provinces = new Map<string, string>()
  const byProvinceKey = new Map<string, string>()
  for (const [code, name] of rows('provinces.csv')) {
    if (!code || !name) continue
    provinces.set(code, titleCase(name))
    byProvinceKey.set(placeKey(name), code)
  }
  const regencies = new Map<string, Regency>()
  const byRegencyKey = new Map<string, Regency[]>()
  for (const [code, provinceCode, name] of rows('regencies.csv')) {
    if (!code || !provinceCode || !name) continue
    const isCity = name.startsWith('KOTA ')
    const key = placeKey(name.replace(/^(KOTA|KABUPATEN) /, '').replace(/^ADMINISTRASI /, ''))
    const regency = { code, provinceCode, name: titleCase(name), key, isCity }
    regencies.set(code, regency)
    push(byRegencyKey, key, regency)
  }
  const byDistrictKey = new Map<string, District[]>()
  for (const [code, regencyCode, name] of rows('districts.csv')) {
    if (!code || !regencyCode || !name) continue
    push(byDistrictKey, placeKey(name), { code, regencyCode, name, key: placeKey(name) })
  }
  loaded = { provinces, regencies, byRegencyKey, byDistrictKey, byProvinceKey }
  return loaded
}

function regencyPlace(regions: Regions, r: Regency): Place {
  const province = regions.provinces.get(r.provinceCode) ?? r.provinceCode
  return {
    code: r.code,
    provinceCode: r.provinceCode,
    regencyCode: r.code,
    regency: r.name,
    district: null,
    province,
    postalCode: null,
    label: `${r.name}, ${province}`,
  }
}

function districtPlace(regions: Regions, d: District): Place | null {
  const r = regions.regencies.get(d.regencyCode)
  if (!r) return null
  const base = regencyPlace(regions, r)
  return { ...base, code: d.code, district: d.name, label: `Kec. ${d.name}, ${base.label}` }
}

// Words people put around a place name that are not part of it.
const leadingWords =
  /^(ke|to|di|in|daerah|area|wilayah|kota|city|kabupaten|kab|regency|kecamatan|kec|district|provinsi|prov|province)\s+/
const trailingWords = /\s+(city|regency|district|province|indonesia)$/

/**
 * Matches free text against the dataset: a 5-digit postal code (by its prefix), a city or regency, a
 * district, or a province. "kota"/"kab" in the text picks between a city and a regency of the same name.
 * Several equally good matches are `ambiguous` (at most `maxChoices`); nothing is `unknown`.
 */
export function resolvePlace(regions: Regions, text: string, maxChoices = 5): PlaceMatch {
  const postal = text.match(/(?<!\d)(\d{5})(?!\d)/)?.[1]
  if (postal) {
    const provinceCode = provinceForPostalCode(postal)
    const province = provinceCode ? regions.provinces.get(provinceCode) : undefined
    if (!provinceCode || !province) return { kind: 'unknown' }
    const place: Place = {
      code: provinceCode,
      provinceCode,
      regencyCode: null,
      regency: null,
      district: null,
      province,
      postalCode: postal,
      label: `${postal} (${province})`,
    }
    return { kind: 'found', place }
  }
  const raw = placeKey(text)
  const wantsCity = /\bkota\b|\bcity\b/.test(raw)
  const wantsRegency = /\bkab\b|\bkabupaten\b|\bregency\b/.test(raw)
  const wantsDistrict = /\bkec\b|\bkecamatan\b|\bdistrict\b/.test(raw)
  // "gubeng, surabaya": the last part that names a regency narrows the districts of the first.
  const parts = text
    .toLowerCase()
    .split(/\s*(?:,|\bdi\b|\bin\b)\s*/)
    .map((p) => {
      let s = placeKey(p)
      for (let i = 0; i < 3; i++) s = s.replace(leadingWords, '').replace(trailingWords, '')
      return s.trim()
    })
    .filter(Boolean)
  if (parts.length === 0) return { kind: 'unknown' }
  const [first = '', ...rest] = parts
  const within = rest.flatMap((p) => regions.byRegencyKey.get(p) ?? [])

  if (!wantsDistrict) {
    let regencies = regions.byRegencyKey.get(first) ?? []
    if (wantsCity) regencies = regencies.filter((r) => r.isCity)
    else if (wantsRegency) regencies = regencies.filter((r) => !r.isCity)
    if (regencies.length === 1 && regencies[0]) return { kind: 'found', place: regencyPlace(regions, regencies[0]) }
    if (regencies.length > 1) {
      return { kind: 'ambiguous', choices: regencies.slice(0, maxChoices).map((r) => regencyPlace(regions, r)) }
    }
  }
  let districts = regions.byDistrictKey.get(first) ?? []
  if (within.length > 0) districts = districts.filter((d) => within.some((r) => r.code === d.regencyCode))
  const places = districts.map((d) => districtPlace(regions, d)).filter((p): p is Place => p !== null)
  if (places.length === 1 && places[0]) return { kind: 'found', place: places[0] }
  if (places.length > 1) return { kind: 'ambiguous', choices: places.slice(0, maxChoices) }

  // "Jakarta" is one zone whatever the city; any other province is too wide for one price (the caller asks).
  const provinceCode = regions.byProvinceKey.get(first === 'jakarta' ? 'dki jakarta' : first)
  const province = provinceCode ? regions.provinces.get(provinceCode) : undefined
  if (provinceCode === jakartaProvince && province) {
    const place: Place = {
      code: provinceCode,
      provinceCode,
      regencyCode: null,
      regency: null,
      district: null,
      province,
      postalCode: null,
      label: province,
    }
    return { kind: 'found', place }
  }
  return { kind: 'unknown' }
}
