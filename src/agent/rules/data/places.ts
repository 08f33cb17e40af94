/**
 * Destinations customers name in shipping questions ("ongkir ke Surabaya", "delivery to Medan"): a question that
 * names one is general, even with an order in the conversation. Lower case, one or two words.
 */
export const places: ReadonlySet<string> = new Set(
  `jakarta bogor depok tangerang bekasi bandung cirebon tasikmalaya semarang solo surakarta yogyakarta jogja jogjakarta
  magelang surabaya malang sidoarjo kediri jember banyuwangi denpasar bali lombok mataram kupang medan binjai padang
  pekanbaru batam jambi palembang bengkulu lampung pontianak banjarmasin balikpapan samarinda makassar manado palu
  kendari ambon ternate jayapura sorong aceh banda sumatra sumatera kalimantan sulawesi papua maluku jawa nusa
  tenggara indonesia singapore singapura malaysia`.split(/\s+/),
)
