/**
 * A web chat visitor over real HTTP, as the page behaves: the session cookie comes from GET /api/chat/session,
 * and every message carries it (a message without one is refused and writes nothing).
 */
export interface WebChatVisitor {
  /** POSTs one message; the raw response, for tests that check the status. */
  post(body: object): Promise<Response>
  /** POSTs a text and returns the replies' texts joined, throwing on anything but 200. */
  say(text: string): Promise<string>
}

export async function webChatVisitor(base: string): Promise<WebChatVisitor> {
  const session = await fetch(`${base}/api/chat/session`)
  const cookie = (session.headers.getSetCookie?.() ?? [])
    .map((line) => line.split(';')[0])
    .filter(Boolean)
    .join('; ')
  await session.arrayBuffer()
  if (!cookie) throw new Error('GET /api/chat/session set no cookie')
  const post = (body: object) =>
    fetch(`${base}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify(body),
    })
  return {
    post,
    async say(text) {
      const response = await post({ text })
      if (!response.ok) throw new Error(`POST /api/chat: ${response.status} ${await response.text()}`)
      const body = (await response.json()) as { replies: { text: string }[] }
      return body.replies.map((r) => r.text).join('\n')
    },
  }
}
