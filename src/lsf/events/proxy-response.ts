import { HttpSource, isObject } from './event-source';

/** A response body as the client receives it. */
export type ClientBody =
  | { readonly kind: 'json'; readonly value: unknown }
  | { readonly kind: 'text'; readonly text: string }
  /** Decoded bytes that are not UTF-8 text, kept in base64. */
  | { readonly kind: 'binary'; readonly base64: string };

/** What the client of an HTTP event source receives for one answer of the function. */
export interface ClientResponse {
  readonly statusCode: unknown;
  /** Header values by lower-case name, in the order the answer gives them; Set-Cookie includes payload 2.0's `cookies`. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
  readonly body: ClientBody;
}

/** The answer as its client receives it, or why the source would not take it as a proxy response. */
export type ClientResponseReading = { readonly response: ClientResponse } | { readonly notProxy: string };

/**
 * Headers the source writes itself, whatever the answer says: the length of the body it
 * sends and the hop-by-hop headers (ALB: "does not honor hop-by-hop headers"; "you can omit
 * the Content-Length header because the load balancer computes it").
 */
const SET_BY_THE_SOURCE = new Set(['content-length', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * Reads a function's answer the way its event source does:
 * - payload 2.0 (HTTP API, function URL): an answer that is not an object with `statusCode`
 *   is inferred as a 200 with `content-type: application/json` and the answer as its JSON body;
 *   `cookies` become Set-Cookie headers;
 * - headers from the fields the source reads (`source.headerFields`), names case-insensitive;
 * - `isBase64Encoded` absent is false; a base64 body is decoded, and read as text when it is UTF-8;
 * - a body that parses as JSON is a JSON value, any other is text; no body is empty text.
 */
export function readClientResponse(source: HttpSource, answer: unknown): ClientResponseReading {
  if (source.payloadV2 && !(isObject(answer) && 'statusCode' in answer)) {
    return { response: { statusCode: 200, headers: new Map([['content-type', ['application/json']]]), body: { kind: 'json', value: answer } } };
  }
  if (!isObject(answer) || !('statusCode' in answer)) {
    return { notProxy: `not a ${source.label} proxy response (an object with a statusCode)` };
  }
  if (answer.body !== undefined && answer.body !== null && typeof answer.body !== 'string') {
    return { notProxy: `its body is not a string (a ${source.label} proxy response's body is text, base64 for binary)` };
  }
  const headers = new Map<string, string[]>();
  if (source.headerFields !== 'multiValueHeaders') addHeaders(headers, answer.headers);
  if (source.headerFields !== 'headers') {
    // "If the same key-value pair is specified in both, only the values from multiValueHeaders will appear."
    const multi = new Map<string, string[]>();
    addHeaders(multi, answer.multiValueHeaders);
    for (const [name, values] of multi) headers.set(name, values);
  }
  if (source.payloadV2 && Array.isArray(answer.cookies) && answer.cookies.length > 0) {
    headers.set('set-cookie', [...(headers.get('set-cookie') ?? []), ...answer.cookies.map(String)]);
  }
  for (const name of SET_BY_THE_SOURCE) headers.delete(name);
  const body = clientBody(answer.body as string | undefined | null, answer.isBase64Encoded === true);
  return { response: { statusCode: answer.statusCode, headers, body } };
}

/** Adds a headers object's values under lower-case names; a name given twice in two cases keeps both values. */
function addHeaders(into: Map<string, string[]>, field: unknown): void {
  if (!isObject(field)) return;
  for (const [name, value] of Object.entries(field)) {
    if (value === null || value === undefined) continue;
    const values = (Array.isArray(value) ? value : [value]).map(String);
    const key = name.toLowerCase();
    into.set(key, [...(into.get(key) ?? []), ...values]);
  }
}

function clientBody(body: string | undefined | null, base64: boolean): ClientBody {
  let text = body ?? '';
  if (base64) {
    const bytes = Buffer.from(text, 'base64');
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { kind: 'binary', base64: bytes.toString('base64') };
    }
  }
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'text', text };
  }
}
