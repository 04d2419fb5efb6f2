/** The elements of an SVG the report charts write, one per line: `<text ...>content</text>`, `<line .../>`, ... */
export function svgLines(svg: string): string[] {
  expect(svg.endsWith('</svg>\n')).toBe(true);
  return svg.trimEnd().split('\n');
}

/**
 * Every line one well-formed element: a tag with attributes and no stray `<` or `>`, or a text
 * element whose content has none either (labels escaped), and no NaN or Infinity anywhere.
 */
export function expectWellFormed(svg: string): void {
  const lines = svgLines(svg);
  expect(lines[0]).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="\d+" height="\d+" viewBox="0 0 \d+ \d+" [^<>]*>$/);
  expect(lines[lines.length - 1]).toBe('</svg>');
  for (const line of lines.slice(1, -1)) {
    expect(line).toMatch(/^<(rect|line|circle|polyline) [^<>]*\/>$|^<text [^<>]*>[^<>]*<\/text>$/);
  }
  expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  // An ampersand only as an entity.
  expect(svg).not.toMatch(/&(?!amp;|lt;|gt;)/);
}

/** The value of `attribute` in each element of `kind` that has it, in order. */
export function attributes(svg: string, kind: string, attribute: string): string[] {
  return svgLines(svg).filter((l) => l.startsWith(`<${kind} `)).map((l) => new RegExp(` ${attribute}="([^"]*)"`).exec(l)?.[1]).filter((v): v is string => v !== undefined);
}

/** The content of every text element, in order. */
export function texts(svg: string): string[] {
  return svgLines(svg).map((l) => /^<text [^>]*>(.*)<\/text>$/.exec(l)?.[1]).filter((v): v is string => v !== undefined);
}
