/**
 * Indonesian postal codes by their first two digits: Pos Indonesia numbers the country by region, so the
 * prefix says the province (Jakarta 10–14, Banten's Tangerang 15, Bogor and Depok 16, Bekasi 17, …). The
 * province codes are those of idn-area-data (Kemendagri).
 */
const ranges: readonly [from: number, to: number, provinceCode: string][] = [
  [10, 14, '31'], // DKI Jakarta
  [15, 15, '36'], // Banten: Tangerang, Tangerang Selatan
  [16, 17, '32'], // Jawa Barat: Bogor, Depok, Bekasi
  [20, 22, '12'], // Sumatera Utara
  [23, 24, '11'], // Aceh
  [25, 27, '13'], // Sumatera Barat
  [28, 28, '14'], // Riau
  [29, 29, '21'], // Kepulauan Riau
  [30, 32, '16'], // Sumatera Selatan
  [33, 33, '19'], // Kepulauan Bangka Belitung
  [34, 35, '18'], // Lampung
  [36, 37, '15'], // Jambi
  [38, 39, '17'], // Bengkulu
  [40, 41, '32'], // Jawa Barat
  [42, 42, '36'], // Banten: Serang, Cilegon, Pandeglang, Lebak
  [43, 46, '32'], // Jawa Barat
  [50, 54, '33'], // Jawa Tengah
  [55, 55, '34'], // DI Yogyakarta
  [56, 59, '33'], // Jawa Tengah
  [60, 69, '35'], // Jawa Timur
  [70, 72, '63'], // Kalimantan Selatan
  [73, 74, '62'], // Kalimantan Tengah
  [75, 76, '64'], // Kalimantan Timur
  [77, 77, '65'], // Kalimantan Utara
  [78, 79, '61'], // Kalimantan Barat
  [80, 82, '51'], // Bali
  [83, 84, '52'], // Nusa Tenggara Barat
  [85, 87, '53'], // Nusa Tenggara Timur
  [90, 92, '73'], // Sulawesi Selatan (Sulawesi Barat shares 91)
  [93, 93, '74'], // Sulawesi Tenggara
  [94, 94, '72'], // Sulawesi Tengah
  [95, 95, '71'], // Sulawesi Utara
  [96, 96, '75'], // Gorontalo
  [97, 97, '81'], // Maluku, Maluku Utara
  [98, 99, '91'], // Papua and the provinces split from it
]

/** Jabodetabek: Jakarta and the postal areas of Tangerang, Bogor, Depok and Bekasi. */
const metroPrefixes = new Set([10, 11, 12, 13, 14, 15, 16, 17])

/** The province code of a 5-digit postal code, or null for a prefix no region uses. */
export function provinceForPostalCode(postalCode: string): string | null {
  if (!/^\d{5}$/.test(postalCode)) return null
  const prefix = Number(postalCode.slice(0, 2))
  return ranges.find(([from, to]) => prefix >= from && prefix <= to)?.[2] ?? null
}

/** True for a postal code in Greater Jakarta (Jabodetabek). */
export function isMetroJakartaPostalCode(postalCode: string): boolean {
  return /^\d{5}$/.test(postalCode) && metroPrefixes.has(Number(postalCode.slice(0, 2)))
}
