/** One Server-Sent Event as the change feed sends it: its name and its data, parsed as JSON when there is any. */
export interface SseEvent {
  readonly event: string;
  readonly data: unknown;
}

/** A stream of events read from a response, with the HTTP status and headers it came with. */
export interface EventStream {
  readonly status: number;
  readonly headers: Headers;
  /** The parsed body of a refusal (a JSON answer instead of an event stream). */
  readonly refusal?: { errors: { message: string; extensions: { code: string } }[] };
  /** Resolves with the next event, or null once the stream has ended. */
  next(): Promise<SseEvent | null>;
  close(): void;
}

/** One event's lines (`event:` and `data:`), as the EventSource processing model reads them. */
function parseEvent(block: string): SseEvent | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
  }
  if (!data.length && event === 'message') return null; // a comment (the keep-alive ":")
  const text = data.join('\n');
  return { event, data: text ? (JSON.parse(text) as unknown) : null };
}

/** POSTs a subscription to the change feed (graphql-sse, distinct connections) and reads its events. */
export async function subscribe(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<EventStream> {
  const controller = new AbortController();
  const res = await fetch(`${url}/graphql/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
    body: JSON.stringify({ query, variables }),
    signal: controller.signal,
  });
  if (!res.headers.get('content-type')?.startsWith('text/event-stream')) {
    const refusal = (await res.json()) as EventStream['refusal'];
    return { status: res.status, headers: res.headers, refusal, next: () => Promise.resolve(null), close: () => undefined };
  }
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const next = async (): Promise<SseEvent | null> => {
    for (;;) {
      const end = buffer.indexOf('\n\n');
      if (end >= 0) {
        const event = parseEvent(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (event) return event;
        continue;
      }
      const chunk = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (chunk.done) return null;
      buffer += chunk.value;
    }
  };
  return { status: res.status, headers: res.headers, next, close: () => controller.abort() };
}
