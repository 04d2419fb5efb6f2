/** A body as an error message shows it: at most `maxChars`, with the full length when cut. */
export function clipped(text: string, maxChars = 300): string {
  return text.length > maxChars ? `${text.slice(0, maxChars)}... (${text.length} characters)` : text;
}
