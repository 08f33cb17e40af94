/** What the rule agent says itself: greetings, questions back, "I don't understand". Part of the one catalog (../messages.ts); `id` is the source of truth for keys and placeholders. */

export const agentId = {
  'agent.greeting':
    'Halo! 👋 Selamat datang di {shopName}. Saya asisten virtual yang siap membantu Anda:\n- lacak pesanan (contoh: "lacak ORD-2025-001")\n- cek status dan cara pembayaran\n- batalkan pesanan atau ubah alamat pengiriman\n- cek stok dan cari produk\n- info pengiriman, retur, ukuran, dan metode pembayaran\n\nAda yang bisa saya bantu?',
  'agent.thanks': 'Sama-sama! 😊 Kalau ada yang ingin ditanyakan lagi, tinggal kirim pesan ya.',
  'agent.ack': 'Siap 👍 Ada lagi yang bisa saya bantu?',
  'agent.askOrderTrack':
    'Boleh sebutkan nomor pesanan yang ingin dicek? Contoh: ORD-2025-001. Ketik "riwayat pesanan" untuk melihat daftar pesanan Anda.',
  'agent.askOrderCancel': 'Pesanan mana yang ingin dibatalkan? Mohon sebutkan nomor pesanannya, contoh: ORD-2025-001.',
  'agent.askOrderPayment':
    'Pembayaran pesanan mana yang ingin dicek? Mohon sebutkan nomor pesanannya, contoh: ORD-2025-001.',
  'agent.askOrderPaymentLink':
    'Link pembayaran untuk pesanan mana? Mohon sebutkan nomor pesanannya, contoh: ORD-2025-002.',
  'agent.askOrderDetail':
    'Rincian pesanan mana yang ingin dilihat? Mohon sebutkan nomor pesanannya, contoh: ORD-2025-001.',
  'agent.askOrderCodConfirm': 'Pesanan COD mana yang ingin dikonfirmasi? Mohon sebutkan nomor pesanannya.',
  'agent.returnWhichOrder': 'Pesanan mana yang ingin diretur atau ditukar: {orders}?',
  'agent.noReturnableOrder':
    'Belum ada pesanan Anda yang sudah diterima, jadi belum ada yang bisa diretur atau ditukar. Bila ada, sebutkan nomor pesanannya.',
  'agent.askReturnResolution': 'Untuk pesanan {orderNumber}: mau **tukar ukuran** atau **refund** (uang kembali)?',
  'agent.askReturnReason': 'Boleh tahu alasannya? Misalnya "kekecilan", "kebesaran", atau "barang cacat".',
  'agent.askRefundAccount':
    'Sebutkan rekening tujuan refund: nama bank, nomor rekening, dan nama pemilik (contoh: "BCA 1234567890 a.n. Siti Rahma").',
  'agent.askOrderAddress':
    'Alamat pesanan mana yang ingin diubah? Tulis nomor pesanan dan alamat barunya, contoh: ubah alamat ORD-2025-001 ke Jl. Sudirman No. 5, Bandung 40111.',
  'agent.askAddress':
    'Mohon tuliskan alamat baru untuk pesanan {orderNumber} dengan lengkap, contoh: ubah alamat {orderNumber} ke Jl. Sudirman No. 5, Bandung 40111.',
  'agent.askProduct':
    'Produk apa yang ingin dicek stoknya? Sebutkan nama atau kode produknya, dan ukurannya bila perlu. Contoh: "stok kaos crewneck M".',
  'agent.askSearch': 'Produk apa yang sedang Anda cari? Contoh: "cari kaos" atau "cari jaket denim".',
  'agent.notUnderstood':
    'Maaf, saya belum mengerti maksud pesan Anda. 🙏 Saya bisa membantu:\n- lacak pesanan (contoh: "lacak ORD-2025-001" atau "resi JNE123456789")\n- cek pembayaran ("pesanan yang belum dibayar")\n- cek stok ("kaos ukuran M ada?")\n- info ongkir, pengiriman, retur, dan metode pembayaran\n\nCoba tulis dengan kalimat lain, atau tekan tombol di bawah untuk bicara dengan tim kami.',
  'agent.noKnowledge':
    'Maaf, info itu belum tersedia di sini. 🙏 Tekan tombol di bawah untuk bertanya langsung ke tim kami.',
  'agent.talkToPerson': '🙋 Bicara dengan CS',
} as const satisfies Record<string, string>

export const agentEn: { readonly [K in keyof typeof agentId]: string } = {
  'agent.greeting':
    'Hello! 👋 Welcome to {shopName}. I am the virtual assistant and can help you:\n- track an order (for example: "track ORD-2025-001")\n- check a payment and how to pay\n- cancel an order or change its shipping address\n- check stock and find products\n- answer questions about shipping, returns, sizes and payment methods\n\nHow can I help?',
  'agent.thanks': "You're welcome! 😊 If there's anything else, just send a message.",
  'agent.ack': 'Got it 👍 Anything else I can help with?',
  'agent.askOrderTrack':
    'Which order would you like me to check? Please give the order number, for example ORD-2025-001. Type "my orders" to see a list of your orders.',
  'agent.askOrderCancel':
    'Which order would you like to cancel? Please give the order number, for example ORD-2025-001.',
  'agent.askOrderPayment':
    'Which order’s payment would you like me to check? Please give the order number, for example ORD-2025-001.',
  'agent.askOrderPaymentLink':
    'Which order would you like a payment link for? Please give the order number, for example ORD-2025-002.',
  'agent.askOrderDetail':
    'Which order would you like to see in full? Please give the order number, for example ORD-2025-001.',
  'agent.askOrderCodConfirm': 'Which COD order would you like to confirm? Please give the order number.',
  'agent.returnWhichOrder': 'Which order would you like to return or exchange: {orders}?',
  'agent.noReturnableOrder':
    'None of your orders has been delivered yet, so there is nothing to return or exchange. If there is, please give the order number.',
  'agent.askReturnResolution': 'For order {orderNumber}: would you like a **size exchange** or a **refund**?',
  'agent.askReturnReason': 'May I ask why? For example "too small", "too big" or "faulty".',
  'agent.askRefundAccount':
    'Please give the account for the refund: bank, account number and holder (for example "BCA 1234567890 Siti Rahma").',
  'agent.askOrderAddress':
    'Which order’s address would you like to change? Please write the order number and the new address, for example: change address ORD-2025-001 to Jl. Sudirman No. 5, Bandung 40111.',
  'agent.askAddress':
    'Please write the full new address for order {orderNumber}, for example: change address {orderNumber} to Jl. Sudirman No. 5, Bandung 40111.',
  'agent.askProduct':
    'Which product would you like me to check? Give its name or code, and the size if you need one. For example: "stock crewneck t-shirt M".',
  'agent.askSearch': 'What are you looking for? For example: "search t-shirt" or "search denim jacket".',
  'agent.notUnderstood':
    'Sorry, I didn’t understand that. 🙏 I can help you:\n- track an order (for example: "track ORD-2025-001" or "waybill JNE123456789")\n- check payments ("my unpaid orders")\n- check stock ("t-shirt size M in stock?")\n- answer questions about shipping costs and times, returns and payment methods\n\nPlease try saying it another way, or press the button below to talk to our team.',
  'agent.noKnowledge':
    'Sorry, that information is not available here yet. 🙏 Press the button below to ask our team directly.',
  'agent.talkToPerson': '🙋 Talk to a person',
}
