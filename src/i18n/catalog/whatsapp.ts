/** What only the WhatsApp adapter says: media it cannot read, the list button, ratings, a message cut short. Part of the one catalog (../messages.ts); `id` is the source of truth for keys and placeholders. */

export const whatsappId = {
  'whatsapp.textOnly':
    'Maaf, saat ini saya hanya bisa membaca pesan teks (belum bisa membuka foto, suara, dokumen, stiker, atau lokasi). Silakan tulis pertanyaan Anda ya 🙏',
  'whatsapp.resendPlease':
    'Maaf, pesan Anda sebelumnya belum sempat saya jawab karena kendala sistem. Boleh dikirim ulang?',
  'whatsapp.listButton': 'Pilih',
  'whatsapp.buttonUnknown': 'Tombol ini sudah tidak berlaku.',
  'whatsapp.ratingThanks': '🙏 Terima kasih atas penilaian {score}/5! Ada lagi yang bisa saya bantu?',
  'whatsapp.ratingAlready': 'Penilaian untuk percakapan ini sudah kami terima sebelumnya. Terima kasih!',
  'whatsapp.ratingRefused': 'Penilaian ini tidak berlaku untuk akun Anda.',
} as const satisfies Record<string, string>

export const whatsappEn: { readonly [K in keyof typeof whatsappId]: string } = {
  'whatsapp.textOnly':
    'Sorry, for now I can only read text messages (not photos, voice notes, documents, stickers or locations). Please type your question 🙏',
  'whatsapp.resendPlease':
    'Sorry, I could not answer your previous message because of a system problem. Could you send it again?',
  'whatsapp.listButton': 'Choose',
  'whatsapp.buttonUnknown': 'This button is no longer valid.',
  'whatsapp.ratingThanks': '🙏 Thank you for rating us {score}/5! Is there anything else I can help with?',
  'whatsapp.ratingAlready': 'We have already received your rating for this conversation. Thank you!',
  'whatsapp.ratingRefused': 'This rating does not belong to your account.',
}
