/** Escapes a value for one cell of a markdown table: backslashes, pipes and line breaks. */
export function markdownCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
