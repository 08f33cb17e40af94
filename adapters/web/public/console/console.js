// The shop's console: sign-in, inbox with live updates, a conversation with its hand-off actions, stock, shipping,
// analytics charts (Chart.js, served by this server) and, for the owner, accounts and the audit trail.
/* global Chart */

const texts = {
  id: {
    console: 'Konsol',
    email: 'Email',
    password: 'Kata sandi',
    signIn: 'Masuk',
    signOut: 'Keluar',
    inbox: 'Kotak masuk',
    stock: 'Stok',
    shipping: 'Pengiriman',
    returns: 'Retur',
    rt_open: 'Masih terbuka',
    rt_all: 'Semua',
    rt_none: 'Tidak ada retur.',
    rt_pick: 'Pilih retur.',
    rt_exchange: 'tukar ukuran',
    rt_refund: 'retur (refund)',
    rt_items: 'Barang',
    rt_reason: 'Alasan',
    rt_refundAmount: 'Dana',
    rt_account: 'Rekening',
    rt_revealAccount: 'Tampilkan rekening',
    rt_photos: 'Foto',
    rt_approve: 'Setujui',
    rt_reject: 'Tolak',
    rt_rejectReason: 'Alasan penolakan',
    rt_received: 'Paket diterima',
    rt_ship: 'Kirim pengganti',
    rt_waybill: 'No. resi',
    rt_refunded: 'Dana sudah ditransfer',
    rt_st_REQUESTED: 'Menunggu keputusan',
    rt_st_APPROVED: 'Disetujui, menunggu paket',
    rt_st_RECEIVED: 'Paket diterima',
    rt_st_REFUND_PENDING: 'Dana sedang dikembalikan',
    rt_st_REFUNDED: 'Dana dikembalikan',
    rt_st_REPLACEMENT_SHIPPED: 'Pengganti dikirim',
    rt_st_REJECTED: 'Ditolak',
    rt_st_EXPIRED: 'Kedaluwarsa',
    rt_done: '{number}: {status}',
    analytics: 'Analitik',
    setupTitle: 'Yang masih perlu disambungkan',
    gap_products:
      'Belum ada produk: impor CSV (npm run import), panggil API toko, atau sambungkan WooCommerce/Shopify.',
    gap_shopName: 'SHOP_NAME masih nama toko demo: isi dengan nama toko Anda.',
    gap_knowledge:
      'Belum ada file pengetahuan toko (FAQ, kebijakan, rekening bank): salin docs/knowledge/*.md ke KNOWLEDGE_DIR lalu sesuaikan.',
    gap_staffChannel:
      'Belum ada kanal staf di chat: isi ADMIN_TELEGRAM_CHAT_ID atau DISCORD_STAFF_CHANNEL_ID agar hand-off juga sampai di chat staf (tanpa itu hanya terlihat di konsol).',
    gap_consoleOwner:
      'Belum ada akun konsol: isi CONSOLE_OWNER_EMAIL dan CONSOLE_OWNER_PASSWORD (atau npm run console:user).',
    knowledgeProblems: 'Berkas pengetahuan yang ditolak (versi baik terakhirnya tetap dipakai):',
    users: 'Akun',
    searchHint: 'Nama, no. HP, no. pesanan',
    all: 'Semua status',
    allChannels: 'Semua kanal',
    st_waiting: 'Menunggu staf',
    st_staff: 'Dengan staf',
    st_bot: 'Dengan bot',
    st_closed: 'Selesai',
    pick: 'Pilih percakapan.',
    none: 'Tidak ada percakapan.',
    claim: 'Ambil alih',
    close: 'Tutup & minta rating',
    reply: 'Kirim balasan',
    replyHint: 'Tulis balasan ke pelanggan…',
    customer: 'Pelanggan',
    orders: 'Pesanan',
    unverified: 'Pengunjung (belum terverifikasi)',
    reveal: 'Tampilkan kontak',
    tools: 'Panggilan alat',
    pending: 'Menunggu konfirmasi',
    waitingFor: 'menunggu {t}',
    heldBy: 'dipegang {who}',
    stockHint: 'Cari produk atau SKU',
    search: 'Cari',
    lowStock: 'Stok menipis',
    soldOut: 'Habis',
    setCount: 'Set',
    reason: 'Alasan',
    reasonDefault: 'stock opname',
    shipTitle: 'Status pengiriman',
    codTitle: 'COD belum dikonfirmasi',
    codNone: 'Semua pesanan COD yang terbuka sudah dikonfirmasi pelanggan.',
    codAlerted: 'staf sudah diberi tahu',
    orderNumber: 'No. pesanan',
    status: 'Status',
    location: 'Lokasi',
    save: 'Simpan',
    from: 'Dari',
    to: 'Sampai',
    show: 'Tampilkan',
    csv: 'Unduh CSV',
    addUser: 'Tambah akun',
    name: 'Nama',
    role: 'Peran',
    audit: 'Jejak audit',
    active: 'aktif',
    disabled: 'nonaktif',
    disable: 'Nonaktifkan',
    enable: 'Aktifkan',
    saved: 'Tersimpan.',
    cancel: 'Batal',
    notices: 'Pemberitahuan untuk staf',
    changePassword: 'Ganti kata sandi',
    currentPassword: 'Kata sandi sekarang',
    newPassword: 'Kata sandi baru (min. 10 karakter)',
    passwordChanged: 'Kata sandi diganti. Sesi lain akun ini sudah keluar.',
    badLogin: 'Email atau kata sandi salah.',
    locked: 'Akun dikunci sementara karena terlalu banyak percobaan.',
    tooMany: 'Terlalu banyak percobaan, coba lagi sebentar lagi.',
    failed: 'Gagal: {msg}',
    stockSet: '{sku}: {before} → {after}',
    shipDone: '{order}: {status}',
    ratingOf: 'rating {n}/5',
    ch_conversations_per_day: 'Percakapan per hari per kanal',
    ch_resolution: 'Resolusi otomatis vs hand-off',
    ch_first_reply: 'Waktu sampai balasan staf pertama',
    ch_csat: 'CSAT (rating 1–5)',
    ch_tools: 'Panggilan alat',
    ch_cost_per_day: 'Token & estimasi biaya per hari',
    ch_cost_per_conversation: 'Percakapan termahal',
    ch_knowledge_gaps: 'Pertanyaan yang belum terjawab bot',
    average: 'rata-rata',
    automated: 'Otomatis',
    handedOff: 'Hand-off',
    median: 'Median (menit)',
    p90: 'P90 (menit)',
    noData: 'Belum ada data di rentang ini.',
    open: 'buka',
  },
  en: {
    console: 'Console',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    signOut: 'Sign out',
    inbox: 'Inbox',
    stock: 'Stock',
    shipping: 'Shipping',
    returns: 'Returns',
    rt_open: 'Open',
    rt_all: 'All',
    rt_none: 'No returns.',
    rt_pick: 'Pick a return.',
    rt_exchange: 'size exchange',
    rt_refund: 'return (refund)',
    rt_items: 'Items',
    rt_reason: 'Reason',
    rt_refundAmount: 'Refund',
    rt_account: 'Account',
    rt_revealAccount: 'Show account',
    rt_photos: 'Photos',
    rt_approve: 'Approve',
    rt_reject: 'Reject',
    rt_rejectReason: 'Reason for rejecting',
    rt_received: 'Parcel received',
    rt_ship: 'Ship replacement',
    rt_waybill: 'Waybill',
    rt_refunded: 'Refund transferred',
    rt_st_REQUESTED: 'Awaiting a decision',
    rt_st_APPROVED: 'Approved, awaiting the parcel',
    rt_st_RECEIVED: 'Parcel received',
    rt_st_REFUND_PENDING: 'Refund in progress',
    rt_st_REFUNDED: 'Refunded',
    rt_st_REPLACEMENT_SHIPPED: 'Replacement shipped',
    rt_st_REJECTED: 'Rejected',
    rt_st_EXPIRED: 'Expired',
    rt_done: '{number}: {status}',
    analytics: 'Analytics',
    setupTitle: 'Still to connect',
    gap_products: 'No products yet: import a CSV (npm run import), call the shop API or connect WooCommerce/Shopify.',
    gap_shopName: "SHOP_NAME is still the demo shop's name: set your shop's name.",
    gap_knowledge:
      'No knowledge files (FAQ, policies, bank accounts): copy docs/knowledge/*.md into KNOWLEDGE_DIR and edit them.',
    gap_staffChannel:
      'No staff chat channel: set ADMIN_TELEGRAM_CHAT_ID or DISCORD_STAFF_CHANNEL_ID so hand-offs reach a staff chat too (without one they are seen only in the console).',
    gap_consoleOwner:
      'No console account: set CONSOLE_OWNER_EMAIL and CONSOLE_OWNER_PASSWORD (or npm run console:user).',
    knowledgeProblems: 'Knowledge files refused (their last good version stays in use):',
    users: 'Accounts',
    searchHint: 'Name, phone, order number',
    all: 'All statuses',
    allChannels: 'All channels',
    st_waiting: 'Waiting for staff',
    st_staff: 'With staff',
    st_bot: 'With the bot',
    st_closed: 'Closed',
    pick: 'Pick a conversation.',
    none: 'No conversations.',
    claim: 'Take over',
    close: 'Close & ask for rating',
    reply: 'Send reply',
    replyHint: 'Write to the customer…',
    customer: 'Customer',
    orders: 'Orders',
    unverified: 'Visitor (not verified)',
    reveal: 'Reveal contact',
    tools: 'Tool calls',
    pending: 'Awaiting confirmation',
    waitingFor: 'waiting {t}',
    heldBy: 'held by {who}',
    stockHint: 'Search product or SKU',
    search: 'Search',
    lowStock: 'Low stock',
    soldOut: 'Sold out',
    setCount: 'Set',
    reason: 'Reason',
    reasonDefault: 'stock count',
    shipTitle: 'Shipping status',
    codTitle: 'Unconfirmed COD orders',
    codNone: 'Every open COD order has been confirmed by its customer.',
    codAlerted: 'staff alerted',
    orderNumber: 'Order number',
    status: 'Status',
    location: 'Location',
    save: 'Save',
    from: 'From',
    to: 'To',
    show: 'Show',
    csv: 'Download CSV',
    addUser: 'Add account',
    name: 'Name',
    role: 'Role',
    audit: 'Audit trail',
    active: 'active',
    disabled: 'disabled',
    disable: 'Disable',
    enable: 'Enable',
    saved: 'Saved.',
    cancel: 'Cancel',
    notices: 'Notices for staff',
    changePassword: 'Change password',
    currentPassword: 'Current password',
    newPassword: 'New password (at least 10 characters)',
    passwordChanged: 'Password changed. Other sessions of this account were signed out.',
    badLogin: 'Wrong email or password.',
    locked: 'Account locked for a while after too many tries.',
    tooMany: 'Too many tries, wait a moment.',
    failed: 'Failed: {msg}',
    stockSet: '{sku}: {before} → {after}',
    shipDone: '{order}: {status}',
    ratingOf: 'rating {n}/5',
    ch_conversations_per_day: 'Conversations per day by channel',
    ch_resolution: 'Automated resolution vs hand-off',
    ch_first_reply: 'Time to first staff reply',
    ch_csat: 'CSAT (ratings 1–5)',
    ch_tools: 'Tool calls',
    ch_cost_per_day: 'Tokens & estimated cost per day',
    ch_cost_per_conversation: 'Costliest conversations',
    ch_knowledge_gaps: 'Questions the bot could not answer',
    average: 'average',
    automated: 'Automated',
    handedOff: 'Hand-off',
    median: 'Median (minutes)',
    p90: 'P90 (minutes)',
    noData: 'No data in this range yet.',
    open: 'open',
  },
}

const state = {
  me: null,
  csrf: '',
  locale: localStorage.getItem('layan-console-locale') === 'en' ? 'en' : 'id',
  tab: 'inbox',
  selected: null,
  events: null,
  charts: [],
}
const $ = (id) => document.getElementById(id)
const tr = (key, params = {}) =>
  (texts[state.locale][key] ?? key).replace(/\{(\w+)\}/g, (m, k) => (k in params ? String(params[k]) : m))

/** Builds an element: el('li', { class: 'x', onclick }, child, 'text'). */
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag)
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value)
    else if (key === 'class') node.className = value
    else node.setAttribute(key, value === true ? '' : String(value))
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue
    node.append(child instanceof Node ? child : document.createTextNode(String(child)))
  }
  return node
}

const dateTime = () =>
  new Intl.DateTimeFormat(state.locale === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: 'Asia/Jakarta',
    day: '2-digit',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  })
const rupiah = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 })
function duration(seconds) {
  if (seconds < 60) return `${seconds} s`
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`
}

function toast(message) {
  $('toast').textContent = message
  $('toast').hidden = false
  clearTimeout(toast.timer)
  toast.timer = setTimeout(() => {
    $('toast').hidden = true
  }, 4000)
}

class ApiError extends Error {
  constructor(status, code, message) {
    super(message)
    this.status = status
    this.code = code
  }
}

async function api(method, url, body) {
  const headers = {}
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET') headers['x-csrf-token'] = state.csrf
  const res = await fetch(`/console/api${url}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  if (res.status === 401 && url !== '/login') {
    showLogin()
    throw new ApiError(401, 'unauthorized', 'signed out')
  }
  const data = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text()
  if (!res.ok) throw new ApiError(res.status, data?.error?.code ?? 'error', data?.error?.message ?? res.statusText)
  return data
}

function applyLocale() {
  document.documentElement.lang = state.locale
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = tr(node.dataset.i18n)
  for (const node of document.querySelectorAll('[data-i18n-placeholder]'))
    node.placeholder = tr(node.dataset.i18nPlaceholder)
  $('lang').textContent = state.locale === 'id' ? 'EN' : 'ID'
}

// ── Sign-in ──────────────────────────────────────────────────────────────────────────────────────────────────
function showLogin() {
  state.me = null
  state.events?.close()
  $('app').hidden = true
  $('login-view').hidden = false
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  const form = new FormData(event.target)
  $('login-error').hidden = true
  try {
    const body = await api('POST', '/login', { email: form.get('email'), password: form.get('password') })
    event.target.reset()
    signedIn(body)
  } catch (error) {
    $('login-error').textContent =
      error.status === 423 ? tr('locked') : error.status === 429 ? tr('tooMany') : tr('badLogin')
    $('login-error').hidden = false
  }
})

$('logout').addEventListener('click', async () => {
  await api('POST', '/logout').catch(() => undefined)
  showLogin()
})

$('lang').addEventListener('click', () => {
  state.locale = state.locale === 'id' ? 'en' : 'id'
  localStorage.setItem('layan-console-locale', state.locale)
  applyLocale()
  render()
})

function signedIn(body) {
  state.me = body.user
  state.csrf = body.csrfToken
  $('login-view').hidden = true
  $('app').hidden = false
  $('me').textContent = `${body.user.name} · ${body.user.role}`
  for (const node of document.querySelectorAll('[data-owner]')) node.hidden = body.user.role !== 'owner'
  listen()
  show(location.hash.slice(1) || 'inbox')
}

// ── Tabs ─────────────────────────────────────────────────────────────────────────────────────────────────────
function show(tab) {
  state.tab = ['inbox', 'stock', 'shipping', 'returns', 'analytics', 'users'].includes(tab) ? tab : 'inbox'
  if (state.tab === 'users' && state.me?.role !== 'owner') state.tab = 'inbox'
  history.replaceState(null, '', `#${state.tab}`)
  for (const view of document.querySelectorAll('[data-view]')) view.hidden = view.dataset.view !== state.tab
  for (const button of document.querySelectorAll('[data-tab]')) {
    button.classList.toggle('active', button.dataset.tab === state.tab)
  }
  render()
}
$('tabs').addEventListener('click', (event) => {
  const tab = event.target.closest('[data-tab]')?.dataset.tab
  if (tab) show(tab)
})

function render() {
  if (!state.me) return
  if (state.tab === 'inbox') loadInbox()
  if (state.tab === 'stock') loadStock()
  if (state.tab === 'shipping') renderShipping()
  if (state.tab === 'returns') loadReturns()
  if (state.tab === 'analytics') loadAnalytics()
  if (state.tab === 'users') loadUsers()
}

// ── Live updates ─────────────────────────────────────────────────────────────────────────────────────────────
function listen() {
  state.events?.close()
  state.events = new EventSource('/console/api/events')
  let pending = null
  state.events.addEventListener('conversation', () => {
    if (state.tab !== 'inbox') return
    clearTimeout(pending)
    pending = setTimeout(loadInbox, 200)
  })
}

// ── Inbox ────────────────────────────────────────────────────────────────────────────────────────────────────
const filters = $('filters')
filters.addEventListener('input', () => {
  clearTimeout(filters.timer)
  filters.timer = setTimeout(loadInbox, 250)
})
filters.addEventListener('submit', (event) => {
  event.preventDefault()
  loadInbox()
})

async function loadInbox() {
  const params = new URLSearchParams()
  for (const [key, value] of new FormData(filters)) if (value) params.set(key, String(value))
  const { conversations } = await api('GET', `/conversations?${params}`)
  const list = $('conversations')
  list.replaceChildren(
    ...(conversations.length === 0 ? [el('li', { class: 'muted' }, tr('none'))] : []),
    ...conversations.map((c) =>
      el(
        'li',
        {
          class: `conversation${c.id === state.selected ? ' selected' : ''}`,
          'data-id': c.id,
          'data-status': c.status,
          onclick: () => openConversation(c.id),
        },
        el(
          'div',
          { class: 'conversation__top' },
          el('strong', {}, c.customer?.name ?? c.displayName ?? tr('unverified')),
          el('span', { class: `badge badge--${c.status}` }, tr(`st_${c.status}`)),
        ),
        el(
          'div',
          { class: 'conversation__meta' },
          `${c.channel} · ${dateTime().format(new Date(c.lastAt))}`,
          c.waitingSeconds !== null
            ? el('span', { class: 'waiting' }, ` · ${tr('waitingFor', { t: duration(c.waitingSeconds) })}`)
            : null,
          c.assignee ? ` · ${tr('heldBy', { who: c.assignee.replace(/^console:/, '') })}` : null,
        ),
        el('div', { class: 'conversation__last' }, (c.lastText ?? '').slice(0, 90)),
      ),
    ),
  )
  if (state.selected) openConversation(state.selected, { quiet: true })
  loadNotices().catch(() => undefined)
}

// What staff were told (new hand-offs, low stock, alerts about the bot), newest first.
async function loadNotices() {
  const { notices } = await api('GET', `/notices?limit=20&lang=${state.locale}`)
  $('notices-count').textContent = notices.length > 0 ? `(${notices.length})` : ''
  $('notices-list').replaceChildren(
    ...(notices.length === 0 ? [el('li', { class: 'muted' }, tr('none'))] : []),
    ...notices.map((n) =>
      el(
        'li',
        { class: 'notice', 'data-kind': n.kind },
        el('div', { class: 'conversation__meta' }, dateTime().format(new Date(n.createdAt))),
        el('div', { class: 'notice__text' }, n.text.replace(/\*\*/g, '')),
      ),
    ),
  )
}

async function openConversation(id, opts = {}) {
  state.selected = id
  for (const item of document.querySelectorAll('.conversation'))
    item.classList.toggle('selected', item.dataset.id === id)
  const view = await api('GET', `/conversations/${id}`)
  const pane = $('conversation')
  const draft = pane.querySelector('textarea')?.value ?? ''
  const open = view.handoffs.find((h) => h.status === 'OPEN')
  const mine = open?.assignee === `console:${state.me.email}`

  // Transcript and tool calls, in time order.
  const entries = [
    ...view.messages.map((m) => ({ at: m.createdAt, node: messageNode(m) })),
    ...view.toolCalls.map((t) => ({ at: t.createdAt, node: toolNode(t) })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))

  pane.replaceChildren(
    el(
      'header',
      { class: 'detail__head' },
      el(
        'div',
        {},
        el('h2', {}, view.customer?.name ?? view.displayName ?? tr('unverified')),
        el('span', { class: `badge badge--${view.status}`, id: 'detail-status' }, tr(`st_${view.status}`)),
        ` ${view.channel}`,
      ),
      el(
        'div',
        { class: 'detail__actions' },
        !mine && view.status !== 'closed'
          ? el('button', { type: 'button', id: 'claim', onclick: () => act(id, 'claim') }, tr('claim'))
          : null,
        open
          ? el(
              'button',
              { type: 'button', id: 'close', class: 'secondary', onclick: () => act(id, 'close') },
              tr('close'),
            )
          : null,
      ),
    ),
    el(
      'div',
      { class: 'detail__body' },
      el(
        'ol',
        { class: 'transcript', id: 'transcript' },
        entries.map((e) => e.node),
      ),
      el('aside', { class: 'detail__side' }, customerCard(view), pendingCard(view), ratingCard(view)),
    ),
    el(
      'form',
      { class: 'composer', id: 'reply-form', onsubmit: (event) => sendReply(event, id) },
      el('textarea', { name: 'text', rows: 2, maxlength: 3500, required: true, placeholder: tr('replyHint') }),
      el('button', { type: 'submit' }, tr('reply')),
    ),
  )
  if (draft) pane.querySelector('textarea').value = draft
  const transcript = $('transcript')
  transcript.scrollTop = transcript.scrollHeight
  if (!opts.quiet) pane.scrollIntoView({ block: 'nearest' })
}

function messageNode(m) {
  const who = m.role === 'user' ? 'customer' : m.role
  return el(
    'li',
    { class: `line line--${who}` },
    el('span', { class: 'line__who' }, `${m.role} · ${dateTime().format(new Date(m.createdAt))}`),
    el('div', { class: 'line__text' }, m.text),
  )
}

function toolNode(t) {
  return el(
    'li',
    { class: `line line--tool${t.ok ? '' : ' line--error'}` },
    el(
      'details',
      {},
      el('summary', {}, `⚙ ${t.name} · ${t.ok ? 'ok' : (t.errorCode ?? 'error')} · ${t.latencyMs} ms`),
      el('pre', {}, JSON.stringify(t.input, null, 2)),
    ),
  )
}

function customerCard(view) {
  if (!view.customer)
    return el('section', { class: 'card' }, el('h3', {}, tr('customer')), el('p', { class: 'muted' }, tr('unverified')))
  const c = view.customer
  const contact = el('p', { id: 'contact' }, [c.phone, c.email].filter(Boolean).join(' · ') || '–')
  return el(
    'section',
    { class: 'card' },
    el('h3', {}, tr('customer')),
    el('p', {}, c.name),
    contact,
    state.me.role === 'owner'
      ? el(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: async () => {
              const clear = await api('POST', `/customers/${c.id}/reveal`)
              contact.textContent = [clear.phone, clear.email].filter(Boolean).join(' · ') || '–'
            },
          },
          tr('reveal'),
        )
      : null,
    el('h3', {}, tr('orders')),
    el(
      'ul',
      { class: 'plain' },
      c.orders.map((o) => el('li', {}, `${o.orderNumber} · ${o.status} · ${rupiah.format(o.totalAmount)}`)),
    ),
  )
}

function pendingCard(view) {
  if (view.pendingActions.length === 0) return null
  return el(
    'section',
    { class: 'card' },
    el('h3', {}, tr('pending')),
    el(
      'ul',
      { class: 'plain' },
      view.pendingActions.map((p) => el('li', {}, `${p.action} · ${p.orderNumber ?? '–'}`)),
    ),
  )
}

function ratingCard(view) {
  const rated = view.handoffs.filter((h) => h.rating)
  if (rated.length === 0) return null
  return el(
    'section',
    { class: 'card', id: 'ratings' },
    el('h3', {}, 'CSAT'),
    el(
      'ul',
      { class: 'plain' },
      rated.map((h) => el('li', {}, `★ ${tr('ratingOf', { n: h.rating })}`)),
    ),
  )
}

async function act(id, action) {
  try {
    await api('POST', `/conversations/${id}/${action}`)
    await loadInbox()
  } catch (error) {
    toast(tr('failed', { msg: error.message }))
  }
}

async function sendReply(event, id) {
  event.preventDefault()
  const area = event.target.elements.text
  const text = area.value.trim()
  if (!text) return
  try {
    await api('POST', `/conversations/${id}/reply`, { text })
    area.value = ''
    await loadInbox()
  } catch (error) {
    toast(tr('failed', { msg: error.message }))
  }
}

// ── Stock ────────────────────────────────────────────────────────────────────────────────────────────────────
$('stock-search').addEventListener('submit', (event) => {
  event.preventDefault()
  loadStock()
})

async function loadStock() {
  const q = new FormData($('stock-search')).get('q') ?? ''
  const [{ products }, low] = await Promise.all([
    api('GET', `/stock?q=${encodeURIComponent(String(q))}`),
    api('GET', '/stock/low'),
  ])
  $('low-stock').replaceChildren(
    el('h3', {}, tr('lowStock')),
    el(
      'p',
      {},
      [
        ...low.low.map((p) => `${p.productName} (${p.quantity})`),
        ...low.out.map((p) => `${p.productName} — ${tr('soldOut')}`),
      ].join(' · ') || '–',
    ),
  )
  $('stock-list').replaceChildren(
    ...products.map((p) =>
      el(
        'section',
        { class: `card product${p.lowStock ? ' product--low' : ''}${p.inStock ? '' : ' product--out'}` },
        el(
          'h3',
          {},
          `${state.locale === 'en' ? (p.productNameEn ?? p.productName) : p.productName} `,
          el('small', { class: 'muted' }, `${p.productId} · ${rupiah.format(p.price)}`),
        ),
        el(
          'table',
          { class: 'sizes' },
          el(
            'tbody',
            {},
            p.sizes.map((s) =>
              el(
                'tr',
                { 'data-sku': s.sku },
                el('th', {}, s.size),
                el('td', { class: 'qty' }, s.quantity),
                el(
                  'td',
                  {},
                  el(
                    'form',
                    { class: 'inline', onsubmit: (event) => setStock(event, s.sku) },
                    el('input', {
                      name: 'quantity',
                      type: 'number',
                      min: 0,
                      max: 9999999,
                      value: s.quantity,
                      required: true,
                      'aria-label': `${s.sku} quantity`,
                    }),
                    el('input', {
                      name: 'reason',
                      maxlength: 200,
                      placeholder: tr('reason'),
                      value: tr('reasonDefault'),
                      required: true,
                      'aria-label': tr('reason'),
                    }),
                    el('button', { type: 'submit' }, tr('setCount')),
                  ),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  )
}

async function setStock(event, sku) {
  event.preventDefault()
  const form = new FormData(event.target)
  try {
    const result = await api('POST', `/stock/${encodeURIComponent(sku)}`, {
      quantity: Number(form.get('quantity')),
      reason: String(form.get('reason')),
    })
    toast(tr('stockSet', result))
    await loadStock()
  } catch (error) {
    toast(tr('failed', { msg: error.message }))
  }
}

// ── Shipping ─────────────────────────────────────────────────────────────────────────────────────────────────
const shippingStatuses = [
  'PROCESSING',
  'PENDING_PICKUP',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'FAILED',
  'RETURNED',
]
function renderShipping() {
  const select = $('ship-status')
  if (select.options.length === 0) select.append(...shippingStatuses.map((s) => el('option', { value: s }, s)))
  loadUnconfirmedCod()
}

/** The COD orders whose customer has not confirmed them yet, oldest first (they wait before shipping). */
async function loadUnconfirmedCod() {
  const { orders } = await api('GET', '/orders/cod-unconfirmed').catch(() => ({ orders: [] }))
  $('cod-list').replaceChildren(
    orders.length === 0
      ? el('p', { class: 'muted' }, tr('codNone'))
      : el(
          'ul',
          {},
          orders.map((o) =>
            el(
              'li',
              { 'data-order': o.orderNumber },
              el('strong', {}, o.orderNumber),
              ` · ${o.customerName} · ${rupiah.format(o.amount)} · `,
              el('small', { class: 'muted' }, dateTime().format(new Date(o.createdAt))),
              o.alertedAt ? el('small', { class: 'muted' }, ` · ${tr('codAlerted')}`) : '',
            ),
          ),
        ),
  )
}
$('ship-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  const form = new FormData(event.target)
  try {
    const result = await api('POST', `/shipping/${encodeURIComponent(String(form.get('orderNumber')).trim())}`, {
      status: form.get('status'),
      ...(form.get('location') ? { location: String(form.get('location')) } : {}),
    })
    $('ship-result').textContent = tr('shipDone', { order: result.orderNumber, status: result.status })
  } catch (error) {
    $('ship-result').textContent = tr('failed', { msg: error.message })
  }
})

// ── Returns ──────────────────────────────────────────────────────────────────────────────────────────────────
const returnStatuses = [
  'REQUESTED',
  'APPROVED',
  'RECEIVED',
  'REFUND_PENDING',
  'REFUNDED',
  'REPLACEMENT_SHIPPED',
  'REJECTED',
  'EXPIRED',
]
const carriers = ['jne', 'jnt', 'sicepat', 'anteraja', 'pos', 'tiki', 'gofresh']
$('return-filter').addEventListener('change', () => loadReturns())

async function loadReturns() {
  const select = $('return-filter').elements.status
  if (select.options.length === 0) {
    select.append(
      el('option', { value: 'open' }, tr('rt_open')),
      el('option', { value: '' }, tr('rt_all')),
      ...returnStatuses.map((s) => el('option', { value: s }, tr(`rt_st_${s}`))),
    )
  }
  const { returns } = await api('GET', `/returns?status=${encodeURIComponent(select.value)}`)
  $('return-list').replaceChildren(
    ...(returns.length === 0
      ? [el('p', { class: 'muted' }, tr('rt_none'))]
      : returns.map((r) =>
          el(
            'button',
            { type: 'button', class: 'card item', 'data-return': r.number, onclick: () => showReturn(r.number) },
            el('strong', {}, r.number),
            ` · ${tr(r.resolution === 'exchange' ? 'rt_exchange' : 'rt_refund')} · ${tr(`rt_st_${r.status}`)} · `,
            el('small', { class: 'muted' }, dateTime().format(new Date(r.createdAt))),
          ),
        )),
  )
  if (state.returnNumber) await showReturn(state.returnNumber).catch(() => undefined)
  else $('return-detail').replaceChildren(el('p', { class: 'muted' }, tr('rt_pick')))
}

async function returnStep(number, step, body) {
  try {
    const result = await api('POST', `/returns/${encodeURIComponent(number)}/${step}`, body)
    toast(tr('rt_done', { number, status: tr(`rt_st_${result.return.status}`) }))
    await loadReturns()
  } catch (error) {
    toast(tr('failed', { msg: error.message }))
  }
}

function stepButtons(r) {
  const parts = []
  if (r.status === 'REQUESTED')
    parts.push(el('button', { type: 'button', onclick: () => returnStep(r.number, 'approve') }, tr('rt_approve')))
  if (r.status === 'REQUESTED' || r.status === 'APPROVED') {
    parts.push(
      el(
        'form',
        {
          class: 'inline',
          onsubmit: (event) => {
            event.preventDefault()
            returnStep(r.number, 'reject', { reason: String(new FormData(event.target).get('reason')) })
          },
        },
        el('input', {
          name: 'reason',
          minlength: 2,
          maxlength: 500,
          required: true,
          placeholder: tr('rt_rejectReason'),
        }),
        el('button', { type: 'submit' }, tr('rt_reject')),
      ),
    )
  }
  if (r.status === 'APPROVED')
    parts.push(el('button', { type: 'button', onclick: () => returnStep(r.number, 'received') }, tr('rt_received')))
  if (r.status === 'RECEIVED' && r.resolution === 'exchange') {
    parts.push(
      el(
        'form',
        {
          class: 'inline',
          onsubmit: (event) => {
            event.preventDefault()
            const form = new FormData(event.target)
            returnStep(r.number, 'ship', {
              carrier: form.get('carrier'),
              trackingNumber: String(form.get('trackingNumber')),
            })
          },
        },
        el(
          'select',
          { name: 'carrier' },
          carriers.map((c) => el('option', { value: c }, c.toUpperCase())),
        ),
        el('input', {
          name: 'trackingNumber',
          minlength: 4,
          maxlength: 40,
          required: true,
          placeholder: tr('rt_waybill'),
        }),
        el('button', { type: 'submit' }, tr('rt_ship')),
      ),
    )
  }
  if (r.status === 'REFUND_PENDING' && r.refundMethod === 'manual')
    parts.push(el('button', { type: 'button', onclick: () => returnStep(r.number, 'refunded') }, tr('rt_refunded')))
  return parts
}

async function showReturn(number) {
  state.returnNumber = number
  const { return: r } = await api('GET', `/returns/${encodeURIComponent(number)}`)
  const account = el('span', {}, r.refundAccount ?? '–')
  const reveal =
    state.me?.role === 'owner' && r.refundAccount
      ? el(
          'button',
          {
            type: 'button',
            class: 'link',
            onclick: async () => {
              const full = await api('POST', `/returns/${encodeURIComponent(number)}/account/reveal`)
              account.textContent = `${full.bank ?? ''} ${full.number ?? ''} a.n. ${full.holder ?? ''}`
            },
          },
          tr('rt_revealAccount'),
        )
      : ''
  $('return-detail').replaceChildren(
    el(
      'section',
      { class: 'card' },
      el(
        'h3',
        { 'data-status': r.status },
        `${r.number} · ${tr(r.resolution === 'exchange' ? 'rt_exchange' : 'rt_refund')} · ${tr(`rt_st_${r.status}`)}`,
      ),
      el('p', {}, `${tr('orderNumber')}: ${r.orderNumber}`),
      el('h4', {}, tr('rt_items')),
      el(
        'ul',
        {},
        r.items.map((i) =>
          el(
            'li',
            {},
            `${i.sku} ${i.productName} (${i.size ?? '-'}) ×${i.quantity}${i.wantedSku ? ` → ${i.wantedSku}` : ''}`,
          ),
        ),
      ),
      el('p', {}, `${tr('rt_reason')}: ${r.reason}`),
      r.refundAmount == null ? '' : el('p', {}, `${tr('rt_refundAmount')}: ${rupiah.format(r.refundAmount)}`),
      r.refundAccount ? el('p', {}, `${tr('rt_account')}: `, account, ' ', reveal) : '',
      r.rejectReason ? el('p', {}, `${tr('rt_rejectReason')}: ${r.rejectReason}`) : '',
      el('h4', {}, `${tr('rt_photos')} (${r.photos.length})`),
      el(
        'div',
        { class: 'photos' },
        r.photos.map((p) =>
          el('img', {
            src: `/console/api/returns/${encodeURIComponent(r.number)}/photos/${encodeURIComponent(p.id)}`,
            alt: `${r.number} ${p.id}`,
            loading: 'lazy',
          }),
        ),
      ),
      el('div', { class: 'row' }, stepButtons(r)),
    ),
  )
}

// ── Analytics ────────────────────────────────────────────────────────────────────────────────────────────────
const jakartaDay = (date) => new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10)
function rangeDefaults() {
  const form = $('range')
  if (!form.elements.to.value) form.elements.to.value = jakartaDay(new Date())
  if (!form.elements.from.value) form.elements.from.value = jakartaDay(new Date(Date.now() - 29 * 86400_000))
}
$('range').addEventListener('submit', (event) => {
  event.preventDefault()
  loadAnalytics()
})

const palette = ['#0f766e', '#2563eb', '#d97706', '#7c3aed', '#dc2626', '#0891b2', '#65a30d']

/** The set-up card: what the shop has not connected yet (README "Your own shop"); hidden once nothing is missing. */
async function loadSetup() {
  const box = $('setup')
  const { gaps, knowledge } = await api('GET', '/setup').catch(() => ({ gaps: [], knowledge: { problems: [] } }))
  const problems = knowledge?.problems ?? []
  box.hidden = gaps.length === 0 && problems.length === 0
  // replaceChildren would write a null as the text "null": only the parts that exist.
  const parts = [
    gaps.length > 0 ? el('h3', {}, tr('setupTitle')) : null,
    gaps.length > 0
      ? el(
          'ul',
          {},
          gaps.map((gap) => el('li', { 'data-gap': gap.key }, texts[state.locale][`gap_${gap.key}`] ?? gap.hint)),
        )
      : null,
    problems.length > 0 ? el('p', {}, tr('knowledgeProblems')) : null,
    problems.length > 0
      ? el(
          'ul',
          {},
          problems.map((problem) => el('li', {}, problem)),
        )
      : null,
  ]
  box.replaceChildren(...parts.filter(Boolean))
}

async function loadAnalytics() {
  loadSetup()
  rangeDefaults()
  const form = $('range')
  const query = `from=${form.elements.from.value}&to=${form.elements.to.value}`
  const { tables } = await api('GET', `/analytics?${query}`)
  for (const chart of state.charts) chart.destroy()
  state.charts = []
  const box = $('charts')
  box.replaceChildren()
  for (const [name, rows] of Object.entries(tables)) {
    const canvas = el('canvas', { 'aria-label': tr(`ch_${name}`) })
    const card = el(
      'section',
      { class: 'card chart', 'data-chart': name },
      el(
        'header',
        { class: 'chart__head' },
        el('h3', {}, tr(`ch_${name}`)),
        el('a', { href: `/console/api/analytics/${name}.csv?${query}`, download: `${name}.csv` }, tr('csv')),
      ),
      chartSpec(name, rows) ? el('div', { class: 'chart__canvas' }, canvas) : null,
      table(rows),
    )
    box.append(card)
    const spec = chartSpec(name, rows)
    if (spec && typeof Chart === 'function') {
      state.charts.push(
        new Chart(canvas, {
          ...spec,
          options: { responsive: true, maintainAspectRatio: false, animation: false, ...spec.options },
        }),
      )
    }
  }
}

function chartSpec(name, rows) {
  if (name === 'conversations_per_day') {
    const days = [...new Set(rows.map((r) => r.day))]
    const channels = [...new Set(rows.map((r) => r.channel))]
    return {
      type: 'bar',
      data: {
        labels: days,
        datasets: channels.map((ch, i) => ({
          label: ch,
          backgroundColor: palette[i % palette.length],
          data: days.map((d) => rows.find((r) => r.day === d && r.channel === ch)?.conversations ?? 0),
        })),
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
    }
  }
  if (name === 'resolution') {
    const r = rows[0] ?? {}
    return {
      type: 'doughnut',
      data: {
        labels: [tr('automated'), tr('handedOff')],
        datasets: [{ data: [r.automated ?? 0, r.handed_off ?? 0], backgroundColor: [palette[0], palette[2]] }],
      },
    }
  }
  if (name === 'first_reply') {
    const r = rows[0] ?? {}
    return {
      type: 'bar',
      data: {
        labels: [tr('median'), tr('p90')],
        datasets: [
          {
            label: tr('ch_first_reply'),
            backgroundColor: palette[1],
            data: [(r.median_seconds ?? 0) / 60, (r.p90_seconds ?? 0) / 60],
          },
        ],
      },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
    }
  }
  if (name === 'csat') {
    return {
      type: 'bar',
      data: {
        labels: rows.map((r) => `${r.rating} ★`),
        datasets: [
          {
            label: `${tr('average')}: ${rows[0]?.average ?? '–'}`,
            backgroundColor: palette[2],
            data: rows.map((r) => r.count),
          },
        ],
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    }
  }
  if (name === 'tools') {
    return {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.tool),
        datasets: [
          { label: 'calls', backgroundColor: palette[0], data: rows.map((r) => r.calls) },
          { label: 'p95 ms', backgroundColor: palette[3], data: rows.map((r) => r.p95_ms) },
        ],
      },
      options: { indexAxis: 'y' },
    }
  }
  if (name === 'cost_per_day') {
    return {
      type: 'line',
      data: {
        labels: rows.map((r) => r.day),
        datasets: [
          {
            label: 'USD',
            borderColor: palette[4],
            backgroundColor: palette[4],
            data: rows.map((r) => r.cost_usd),
            yAxisID: 'y',
          },
          {
            label: 'tokens (k)',
            borderColor: palette[1],
            backgroundColor: palette[1],
            data: rows.map((r) => (r.input_tokens + r.output_tokens) / 1000),
            yAxisID: 'y1',
          },
        ],
      },
      options: {
        scales: {
          y: { beginAtZero: true, position: 'left' },
          y1: { beginAtZero: true, position: 'right', grid: { drawOnChartArea: false } },
        },
      },
    }
  }
  return null
}

function table(rows) {
  if (rows.length === 0) return el('p', { class: 'muted' }, tr('noData'))
  const columns = Object.keys(rows[0])
  return el(
    'div',
    { class: 'table-wrap' },
    el(
      'table',
      { class: 'data' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          columns.map((c) => el('th', {}, c)),
        ),
      ),
      el(
        'tbody',
        {},
        rows.map((r) =>
          el(
            'tr',
            {},
            columns.map((c) =>
              el(
                'td',
                {},
                c === 'conversation_id' && r[c]
                  ? el(
                      'a',
                      {
                        href: '#inbox',
                        onclick: () => {
                          show('inbox')
                          openConversation(r[c])
                        },
                      },
                      tr('open'),
                    )
                  : (r[c] ?? '–'),
              ),
            ),
          ),
        ),
      ),
    ),
  )
}

// ── Accounts (owner) ─────────────────────────────────────────────────────────────────────────────────────────
$('user-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  const form = new FormData(event.target)
  try {
    await api('POST', '/users', Object.fromEntries([...form].filter(([, v]) => v !== '')))
    event.target.reset()
    $('user-result').textContent = tr('saved')
    loadUsers()
  } catch (error) {
    $('user-result').textContent = tr('failed', { msg: error.message })
  }
})

// ── Own password ─────────────────────────────────────────────────────────────────────────────────────────────
$('password-open').addEventListener('click', () => {
  $('password-form').reset()
  $('password-result').textContent = ''
  $('password-dialog').showModal()
})
$('password-cancel').addEventListener('click', () => $('password-dialog').close())
$('password-form').addEventListener('submit', async (event) => {
  event.preventDefault()
  const form = new FormData(event.target)
  try {
    await api('POST', '/me/password', {
      currentPassword: form.get('currentPassword'),
      newPassword: form.get('newPassword'),
    })
    $('password-dialog').close()
    toast(tr('passwordChanged'))
  } catch (error) {
    $('password-result').textContent = tr('failed', { msg: error.message })
  }
})

async function loadUsers() {
  const [{ users }, { entries }] = await Promise.all([api('GET', '/users'), api('GET', '/audit?limit=50')])
  $('users').replaceChildren(
    el('h3', {}, tr('users')),
    el(
      'table',
      { class: 'data' },
      el(
        'tbody',
        {},
        users.map((u) =>
          el(
            'tr',
            {},
            el('td', {}, u.email),
            el('td', {}, u.role),
            el('td', {}, tr(u.active ? 'active' : 'disabled')),
            el(
              'td',
              {},
              u.id === state.me.id
                ? ''
                : el(
                    'button',
                    {
                      type: 'button',
                      class: 'link',
                      onclick: async () => {
                        try {
                          await api('POST', `/users/${u.id}/active`, { active: !u.active })
                          loadUsers()
                        } catch (error) {
                          toast(tr('failed', { msg: error.message }))
                        }
                      },
                    },
                    tr(u.active ? 'disable' : 'enable'),
                  ),
            ),
          ),
        ),
      ),
    ),
  )
  $('audit').replaceChildren(
    el('h3', {}, tr('audit')),
    el(
      'div',
      { class: 'table-wrap' },
      el(
        'table',
        { class: 'data' },
        el(
          'tbody',
          {},
          entries.map((a) =>
            el(
              'tr',
              {},
              el('td', {}, dateTime().format(new Date(a.createdAt))),
              el('td', {}, a.actor),
              el('td', {}, a.action),
              el('td', {}, `${a.entity} ${a.entityId}`),
            ),
          ),
        ),
      ),
    ),
  )
}

// ── Start ────────────────────────────────────────────────────────────────────────────────────────────────────
applyLocale()
api('GET', '/me').then(signedIn, () => showLogin())
