/**
 * Construct path patterns of FleetColdStarts' include/exclude options, glob-style on the
 * segments of `node.path` ('Stack/Api/Handler'): `*` matches any characters within one
 * segment, `**` any number of whole segments, none included ('Stack/**' also matches
 * 'Stack'). A pattern matches the whole path: 'Checkout/*' matches 'Checkout/Pay', not
 * 'Checkout/Pay/Worker'.
 */
export function matchesPathPattern(pattern: string, path: string): boolean {
  return new RegExp(`^${patternSource(pattern)}$`).test(path);
}

function patternSource(pattern: string): string {
  let source = '';
  for (let i = 0; i < pattern.length;) {
    const rest = pattern.slice(i);
    if (rest.startsWith('**/')) {
      source += '(?:[^/]+/)*';
      i += 3;
    } else if (rest === '/**') {
      source += '(?:/[^/]+)*';
      i += 3;
    } else if (rest.startsWith('**')) {
      source += '.*';
      i += 2;
    } else if (rest.startsWith('*')) {
      source += '[^/]*';
      i += 1;
    } else {
      source += rest[0].replace(/[.+?^${}()|[\]\\]/g, '\\$&');
      i += 1;
    }
  }
  return source;
}
