/**
 * The source text of a top-level member's value in a JSON object, exactly as written.
 *
 * Re-serialising a parsed event would change what the runtimes receive (`36.0` becomes `36`,
 * escapes are rewritten), and the cases test precisely such spellings. Call it only on text
 * that JSON.parse accepted: it scans, it does not validate. With a repeated key it returns
 * the last value, as JSON.parse keeps.
 */
export function memberSource(json: string, key: string): string | undefined {
  let found: string | undefined;
  let i = skipSpace(json, skipSpace(json, 0) + 1);
  while (json[i] === '"') {
    const keyEnd = stringEnd(json, i);
    const name = JSON.parse(json.slice(i, keyEnd)) as string;
    const valueStart = skipSpace(json, skipSpace(json, keyEnd) + 1);
    const valueEnd = valueEndAt(json, valueStart);
    if (name === key) found = json.slice(valueStart, valueEnd);
    i = skipSpace(json, valueEnd);
    if (json[i] === ',') i = skipSpace(json, i + 1);
  }
  return found;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  return i;
}

/** The index after the closing quote of the string that opens at `i`. */
function stringEnd(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  return text.length;
}

function valueEndAt(text: string, i: number): number {
  if (text[i] === '"') return stringEnd(text, i);
  if (text[i] === '{' || text[i] === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const c = text[j];
      if (c === '"') j = stringEnd(text, j) - 1;
      else if (c === '{' || c === '[') depth++;
      else if ((c === '}' || c === ']') && --depth === 0) return j + 1;
    }
    return text.length;
  }
  let j = i;
  while (j < text.length && !',}] \t\n\r'.includes(text[j])) j++;
  return j;
}
