/** Polls `probe` every 5 ms until it gives a value; fails naming `what` after `limitMs`. */
export async function until<T>(what: string, limitMs: number, probe: () => T | undefined): Promise<T> {
  const giveUpAt = Date.now() + limitMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > giveUpAt) throw new Error(`gave up waiting for ${what} after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
