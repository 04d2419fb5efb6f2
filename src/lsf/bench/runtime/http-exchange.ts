import * as http from 'node:http';

// Lambda's synchronous payload limit; a bigger request is refused before it is buffered whole.
const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** A request body over Lambda's 6 MB limit. */
export class BodyTooLarge extends Error {
  constructor(public readonly bytes: number) {
    super(`${bytes} bytes, over Lambda's 6 MB payload limit`);
  }
}

/** The whole request body as UTF-8. */
export function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(new BodyTooLarge(size)) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/** Answers with a body of known length (a chunked reply broke a Rust runtime client). */
export function send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string>): void {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, { ...headers, 'Content-Length': bytes.length });
  res.end(bytes);
}
