const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `condition` until it holds; fails with "timed out after N s waiting until <what>" once `withinMs` has
 * passed (`what` may be a function, to describe the state at the deadline), so a wait that never ends is a clear failure, not a test killed by its timeout.
 */
export async function waitUntil(what: string | (() => string), condition: () => boolean | Promise<boolean>, withinMs: number, everyMs = 50): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() >= deadline) throw new Error(`timed out after ${withinMs / 1000} s waiting until ${typeof what === 'function' ? what() : what}`);
    await pause(everyMs);
  }
}

/** Awaits `promise`, failing with "timed out after N s waiting until <what>" when it takes longer than `withinMs`. */
export async function within<T>(what: string, promise: Promise<T>, withinMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${withinMs / 1000} s waiting until ${what}`)), withinMs);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}
