/** What the staff console says to customers on their channels (hand-off time-outs, ratings on the web chat). Part of the one catalog (../messages.ts); `id` is the source of truth for keys and placeholders. */

export const consoleId = {
  'console.handoffTimedOut':
    'Mohon maaf, belum ada staf {shop} yang bisa membalas dalam waktu ini. Asisten otomatis kami akan melayani Anda lagi mulai sekarang; tulis "bicara dengan CS" kapan saja untuk meminta staf lagi.',
  'console.ratingThanks': '🙏 Terima kasih atas penilaian {score}/5! Ada lagi yang bisa kami bantu?',
  'console.ratingAlready': 'Penilaian untuk percakapan ini sudah kami terima sebelumnya. Terima kasih!',
  'console.ratingRefused': 'Tombol penilaian ini bukan untuk percakapan Anda.',
  'console.ratingUnknown': 'Tombol ini sudah tidak berlaku.',
} as const satisfies Record<string, string>

export const consoleEn: { readonly [K in keyof typeof consoleId]: string } = {
  'console.handoffTimedOut':
    'Sorry, nobody from the {shop} team could answer in time. Our automatic assistant will help you again from now on; write "talk to a human" any time to ask for a person again.',
  'console.ratingThanks': '🙏 Thank you for rating us {score}/5! Is there anything else we can help with?',
  'console.ratingAlready': 'We already received a rating for this conversation. Thank you!',
  'console.ratingRefused': 'This rating button is not for your conversation.',
  'console.ratingUnknown': 'This button is no longer valid.',
}
