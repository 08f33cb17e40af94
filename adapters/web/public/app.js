// The web chat page: sends messages to POST /api/chat (the session is a signed cookie) and renders the
// channel-neutral replies: light markdown, confirm/reject buttons, link buttons. After a reload it shows the
// conversation so far (GET /api/chat/history). While open, staff messages (answers, the rating question, notices)
// arrive live (GET /api/chat/live, server-sent events) and, should the live stream be down, by polling the history;
// a message that comes both ways is shown once. The 📷 button sends a photo (for a return request) to
// POST /api/chat/photo as the raw image body and shows the bot's answer.

const texts = {
  id: {
    status: 'Asisten belanja · biasanya membalas seketika',
    limited: 'Asisten sedang dalam mode terbatas. Pertanyaan umum tetap bisa dijawab.',
    verifyTitle: 'Verifikasi akun',
    verifyBody: 'Untuk melihat pesanan, masukkan nomor pesanan dan 4 digit terakhir nomor HP Anda.',
    verifyButton: 'Verifikasi',
    placeholder: 'Tulis pesan…',
    send: 'Kirim',
    typing: 'Sedang mengetik…',
    welcome: 'Halo! 👋 Saya asisten {shop}. Saya bisa bantu lacak pesanan, cek pembayaran, cek stok, dan lainnya.',
    networkError: 'Pesan belum terkirim: koneksi bermasalah. Coba lagi.',
    orderPlaceholder: 'Nomor pesanan',
    last4Placeholder: '4 digit terakhir HP',
    staff: 'Tim CS',
    tooLong: 'Pesan terlalu panjang (maksimal 4.000 karakter).',
    attach: 'Kirim foto (untuk retur)',
    photoSent: '📷 Foto: {name}',
    photoType: 'Kirim foto berformat JPEG, PNG atau WebP.',
    chips: [
      'Lacak pesanan saya',
      'Cara bayar pesanan',
      'Cek stok Kaos Basic Crewneck',
      'Metode pembayaran apa saja?',
      'Bicara dengan CS',
    ],
    lang: 'EN',
  },
  en: {
    status: 'Shopping assistant · usually replies instantly',
    limited: 'The assistant is in limited mode. General questions can still be answered.',
    verifyTitle: 'Verify your account',
    verifyBody: 'To see your orders, enter an order number and the last 4 digits of your phone number.',
    verifyButton: 'Verify',
    placeholder: 'Type a message…',
    send: 'Send',
    typing: 'Typing…',
    welcome: 'Hi! 👋 I am the {shop} assistant. I can track orders, check payments and stock, and more.',
    networkError: 'Message not sent: connection problem. Please try again.',
    orderPlaceholder: 'Order number',
    last4Placeholder: 'Last 4 digits of phone',
    staff: 'Support team',
    tooLong: 'Message too long (4,000 characters at most).',
    attach: 'Send a photo (for a return)',
    photoSent: '📷 Photo: {name}',
    photoType: 'Please send a JPEG, PNG or WebP photo.',
    chips: [
      'Track my order',
      'How do I pay?',
      'Is the Basic Crewneck T-Shirt in stock?',
      'Which payment methods?',
      'Talk to a person',
    ],
    lang: 'ID',
  },
}

const $ = (id) => document.getElementById(id)
const state = {
  locale: localStorage.getItem('layan.locale') === 'en' ? 'en' : 'id',
  busy: false,
  shop: 'UrbanStyle ID',
  /** The welcome bubble, re-rendered when the language changes. */
  welcome: null,
  /** Ids of stored messages already on screen (history and staff replies). */
  shown: new Set(),
  /** Texts of live staff messages that came without an id: the history's copy is recognised by its text. */
  liveTexts: [],
}

// How often an open page looks for staff replies.
const pollMs = 10_000

function escapeHtml(s) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c])
}

/** **bold**, [label](https://…) and bare https links; everything else escaped. */
function renderMarkdown(text) {
  let html = escapeHtml(text)
  html = html.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
  html = html.replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>')
  html = html.replace(/(^|[\s(])(https?:\/\/[^\s<)]+)/g, '$1<a href="$2" target="_blank" rel="noopener">$2</a>')
  return html
}

function addMessage(who, text, buttons = []) {
  const li = document.createElement('li')
  li.className = `msg msg--${who}`
  li.innerHTML = who === 'me' ? escapeHtml(text) : renderMarkdown(text)
  if (who === 'staff') {
    const label = document.createElement('span')
    label.className = 'msg__who'
    label.textContent = texts[state.locale].staff
    li.prepend(label)
  }
  if (buttons.length > 0) {
    const row = document.createElement('div')
    row.className = 'msg__buttons'
    for (const b of buttons) {
      if (b.action && 'url' in b.action) {
        const a = document.createElement('a')
        a.href = b.action.url
        a.target = '_blank'
        a.rel = 'noopener'
        a.textContent = b.label
        row.append(a)
      } else {
        const btn = document.createElement('button')
        btn.type = 'button'
        btn.textContent = b.label
        btn.className = b.action.kind
        btn.addEventListener('click', () => {
          for (const other of row.querySelectorAll('button')) other.disabled = true
          send({ action: b.action }, b.label)
        })
        row.append(btn)
      }
    }
    li.append(row)
  }
  $('messages').append(li)
  li.scrollIntoView({ block: 'end' })
  return li
}

function showError(message) {
  $('error').textContent = message
  $('error').hidden = !message
}

function applyLocale() {
  const t = texts[state.locale]
  document.documentElement.lang = state.locale
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t[el.dataset.i18n]
  for (const el of document.querySelectorAll('[data-i18n-title]')) el.title = t[el.dataset.i18nTitle]
  $('input').placeholder = t.placeholder
  $('verify-order').placeholder = t.orderPlaceholder
  $('verify-last4').placeholder = t.last4Placeholder
  $('lang-toggle').textContent = t.lang
  if (state.welcome) state.welcome.innerHTML = renderMarkdown(t.welcome.replace('{shop}', state.shop))
  const chips = $('chips')
  chips.replaceChildren()
  for (const label of t.chips) {
    const b = document.createElement('button')
    b.type = 'button'
    b.textContent = label
    b.addEventListener('click', () => send({ text: label }, label))
    chips.append(b)
  }
}

function applyStatus(body) {
  $('verify-notice').hidden = body.verified !== false
  if (body.replies?.some((r) => r.limitedMode)) $('limited-notice').hidden = false
}

/** Everything stored so far is on screen (the page itself showed this exchange). */
async function markSeen() {
  try {
    const body = await fetchHistory()
    for (const r of body?.replies ?? []) if (r.role !== 'admin') state.shown.add(r.id)
  } catch {
    // Polling then shows at most what it cannot tell apart.
  }
}

/** A unique id per message. crypto.randomUUID exists only on https and localhost, not over http on a LAN address. */
function newMessageId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')
}

function send(payload, echo) {
  if (payload.text !== undefined && payload.text.length > 4000) return showError(texts[state.locale].tooLong)
  const request = JSON.stringify({ ...payload, locale: state.locale, clientMessageId: newMessageId() })
  return exchange(
    () =>
      fetch('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: request,
      }),
    echo,
  )
}

const photoTypes = ['image/jpeg', 'image/png', 'image/webp']

/** A photo for a return request: the file itself is the body; the server checks its bytes and size. */
function sendPhoto(file) {
  if (!photoTypes.includes(file.type)) return showError(texts[state.locale].photoType)
  const query = `?locale=${state.locale}&clientMessageId=${newMessageId()}`
  return exchange(
    () =>
      fetch(`/api/chat/photo${query}`, {
        method: 'POST',
        headers: { 'content-type': file.type },
        credentials: 'same-origin',
        body: file,
      }),
    texts[state.locale].photoSent.replace('{name}', file.name),
  )
}

/** One request to the bot (`post` may be called twice) and its answer on screen. */
async function exchange(post, echo) {
  if (state.busy) return
  showError('')
  state.busy = true
  $('send').disabled = true
  $('attach').setAttribute('aria-disabled', 'true')
  if (echo) addMessage('me', echo)
  const typing = addMessage('bot', texts[state.locale].typing)
  typing.classList.add('msg--typing')
  try {
    let res = await post()
    let body = await res.json().catch(() => ({}))
    // A lost or expired session: the answer set a new cookie, so the same message goes again once.
    if (res.status === 401 && body?.error?.code === 'session_required') {
      res = await post()
      body = await res.json().catch(() => ({}))
    }
    typing.remove()
    // 503 still carries the bot's apology in the usual shape.
    if (!res.ok && !Array.isArray(body?.replies)) {
      return showError(body?.error?.message ?? texts[state.locale].networkError)
    }
    for (const r of body.replies ?? []) addMessage('bot', r.text, r.buttons ?? [])
    applyStatus(body)
    markSeen()
  } catch {
    typing.remove()
    showError(texts[state.locale].networkError)
  } finally {
    state.busy = false
    $('send').disabled = false
    $('attach').removeAttribute('aria-disabled')
  }
}

$('composer').addEventListener('submit', (e) => {
  e.preventDefault()
  const text = $('input').value.trim()
  if (!text) return
  $('input').value = ''
  send({ text }, text)
})
$('photo-input').addEventListener('change', (e) => {
  const file = e.target.files?.[0]
  e.target.value = ''
  if (file && !state.busy) sendPhoto(file)
})
$('input').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey) {
    e.preventDefault()
    $('composer').requestSubmit()
  }
})
$('verify-form').addEventListener('submit', (e) => {
  e.preventDefault()
  const form = new FormData(e.target)
  const text = `verifikasi ${String(form.get('order')).trim()} ${String(form.get('last4')).trim()}`
  e.target.reset()
  send({ text }, text)
})
$('lang-toggle').addEventListener('click', () => {
  state.locale = state.locale === 'id' ? 'en' : 'id'
  localStorage.setItem('layan.locale', state.locale)
  applyLocale()
})

const roleClass = { user: 'me', assistant: 'bot', admin: 'staff' }

/** Stored messages not on screen yet; `roles` limits which (polling adds only staff replies). */
function showStored(replies, roles) {
  for (const r of replies) {
    if (state.shown.has(r.id)) continue
    if (roles && !roles.includes(r.role)) continue
    state.shown.add(r.id)
    // Already on screen from the live stream, which had no id for it.
    const live = r.role === 'admin' ? state.liveTexts.indexOf(r.text) : -1
    if (live >= 0) {
      state.liveTexts.splice(live, 1)
      continue
    }
    // A photo the visitor sent is stored as "[photo]"; the bytes stay with the shop.
    addMessage(roleClass[r.role] ?? 'bot', r.role === 'user' && r.text === '[photo]' ? '📷' : r.text)
  }
}

/** Staff messages pushed while the page is open; each stored one is shown once, however it arrives first. */
function listenForStaff() {
  const live = new EventSource('/api/chat/live')
  live.addEventListener('reply', (event) => {
    const reply = JSON.parse(event.data)
    if (reply.id) {
      if (state.shown.has(reply.id)) return
      state.shown.add(reply.id)
    } else {
      state.liveTexts.push(reply.text)
    }
    // The shop's automatic news (paid, shipped, COD confirmation) reads as the assistant's, not as a person's.
    addMessage(reply.from === 'shop' ? 'bot' : 'staff', reply.text, reply.buttons ?? [])
  })
}

async function fetchHistory() {
  const res = await fetch('/api/chat/history', { credentials: 'same-origin' })
  if (!res.ok) return null
  return res.json()
}

/** Staff replies arrive in the stored conversation; an open page adds them as they come. */
async function poll() {
  if (document.visibilityState === 'visible' && !state.busy) {
    try {
      const body = await fetchHistory()
      if (body) showStored(body.replies ?? [], ['admin'])
    } catch {
      // The next round tries again.
    }
  }
  setTimeout(poll, pollMs)
}

async function start() {
  applyLocale()
  try {
    const res = await fetch('/api/chat/session', { credentials: 'same-origin' })
    const body = await res.json()
    state.shop = body.shopName ?? state.shop
    $('shop-name').textContent = state.shop
    document.title = `${state.shop} · Chat`
    applyStatus(body)
  } catch {
    // The page still works; the first message creates the session.
  }
  state.welcome = addMessage('bot', texts[state.locale].welcome.replace('{shop}', state.shop))
  try {
    const body = await fetchHistory()
    if (body) showStored(body.replies ?? [])
  } catch {
    // No history: a fresh conversation.
  }
  listenForStaff()
  setTimeout(poll, pollMs)
}
start()
