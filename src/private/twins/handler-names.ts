/**
 * The handler names a twin's source file visibly defines, read without running it, so that a
 * wrong `handler` fails at synth instead of as `Runtime.HandlerNotFound` at bench or on AWS.
 * `undefined` means the file cannot be judged this way (a star import or re-export, a
 * computed export): it is then not checked.
 */
export type HandlerNames = string[] | undefined;

/** The functions of a Python module's top level, or `undefined` if the name could come from elsewhere. */
export function pythonHandlerNames(source: string, handler: string): HandlerNames {
  const defs = [...source.matchAll(/^(?:async\s+)?def\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(/gm)].map((m) => m[1]);
  if (defs.includes(handler)) return defs;
  const name = escapeRegExp(handler);
  const elsewhere = [
    new RegExp(`^${name}\\s*(:[^=\\n]*)?=`, 'm'), // handler = make_handler()
    new RegExp(`^(from\\s+\\S+\\s+)?import\\s[^\\n]*\\b${name}\\b`, 'm'), // from app import handler
    new RegExp(`^class\\s+${name}\\b`, 'm'),
    /^from\s+\S+\s+import\s+\*/m,
    /\bglobals\(\)|^def\s+__getattr__\s*\(/m,
  ];
  return elsewhere.some((pattern) => pattern.test(source)) ? undefined : defs;
}

/** The names a JavaScript or TypeScript module exports, or `undefined` if they cannot be read off it. */
export function nodeHandlerNames(source: string): HandlerNames {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  // Exports that name nothing readable: re-exported modules, a whole object assigned, computed keys.
  if (/\bexport\s*\*|\bmodule\.exports\s*=(?!=)|\bexports\s*\[|\bmodule\.exports\s*\[|\bObject\.assign\s*\(\s*(module\.)?exports\b/.test(code)) return undefined;
  const names = new Set<string>();
  for (const m of code.matchAll(/\bexport\s+(?:declare\s+)?(?:async\s+)?(?:function\s*\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  for (const m of code.matchAll(/\b(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=(?!=)/g)) names.add(m[1]);
  // What tsc writes for `export { handler } from './app'`.
  for (const m of code.matchAll(/\bObject\.defineProperty\s*\(\s*exports\s*,\s*["']([A-Za-z_$][\w$]*)["']/g)) if (m[1] !== '__esModule') names.add(m[1]);
  for (const m of code.matchAll(/\bexport\s*(?:type\s*)?\{([^}]*)\}/g)) {
    for (const item of m[1].split(',')) {
      const exported = item.trim().split(/\s+as\s+/).pop()?.trim();
      if (exported) names.add(exported);
    }
  }
  if (/\bexport\s+default\b/.test(code)) names.add('default');
  return [...names];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The error text for a handler that the file visibly does not define: the names it does. */
export function missingHandler(file: string, handler: string, names: string[], kind: string): { problem: string; fix: string } {
  return {
    problem: `${file} has no ${kind} '${handler}' (${names.length ? `it has ${names.map((n) => `'${n}'`).join(', ')}` : 'it has none'})`,
    fix: names.length ? `Set handler to the one Lambda should call, e.g. '${names[0]}'` : `Define the handler in ${file}, or point the twin at the file that has it`,
  };
}
