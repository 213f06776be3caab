/** CSV rendering of layer members. Pure. RFC 4180: comma-separated, CRLF line ends, quoted when needed. */

/** The CSV columns of a member row, in order. */
export const MEMBER_CSV_COLUMNS = ['personId', 'layer', 'r', 'f', 'm', 'recencyDays', 'frequency', 'monetary', 'lastOrderAt'] as const;

type MemberCsvRow = Readonly<Record<(typeof MEMBER_CSV_COLUMNS)[number], string | number>>;

/** Quotes a field when it holds a comma, quote, CR or LF (quotes doubled). */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Renders a header line and one line per member; ends with CRLF. */
export function renderMembersCsv(rows: readonly MemberCsvRow[]): string {
  const lines = [MEMBER_CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(MEMBER_CSV_COLUMNS.map((c) => csvField(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
