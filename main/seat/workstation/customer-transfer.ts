/**
 * Customer import and export, CSV and .xlsx. Every row of an import is either created or listed
 * in the report with its line and a reason code: nothing is dropped silently. Progress events go
 * out every PROGRESS_EVERY rows so the renderer can draw a bar.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { BranchlineError } from '../../../protocol/errors';
import { normalizePhone } from '../../../protocol/phone';
import { CustomerTier } from '../../../protocol/customer';
import type { CachedCustomer } from '../../../protocol/sync';
import type { ExportFile, FileFormat, ImportProgress, ImportReport, ImportRowError } from '../../../protocol/workstation';
import { CustomerInput } from '../../../protocol/workstation';
import { decodeText, formatCsv, parseCsv } from './csv';
import type { Desk } from './customer-desk';

const PROGRESS_EVERY = 50;
export const MAX_IMPORT_ROWS = 50_000;

/** Header names people use, Chinese and English, for each column. */
const COLUMNS = {
  name: ['姓名', '客户姓名', '名称', 'name'],
  phones: ['手机', '手机号', '电话', '联系电话', 'phone', 'phones', 'mobile'],
  tier: ['等级', '客户等级', 'tier', 'level'],
  tags: ['标签', 'tags', 'tag'],
  birthday: ['生日', '出生日期', 'birthday', 'birth date'],
  notes: ['备注', 'notes', 'note', 'remark'],
} as const;
type Column = keyof typeof COLUMNS;

const TIER_WORDS: Record<string, CustomerTier> = { 普通: 'NORMAL', 金卡: 'GOLD', 白金: 'PLATINUM', 钻石: 'DIAMOND', 普卡: 'NORMAL', 白金卡: 'PLATINUM', 钻石卡: 'DIAMOND' };
const LIST_SPLIT = /[;；,，、/|\s]+/;

export interface SheetRow {
  line: number;
  cells: string[];
}

export async function readRows(format: FileFormat, bytes: Uint8Array): Promise<SheetRow[]> {
  if (format === 'csv') return parseCsv(decodeText(bytes)).map((r) => ({ line: r.line, cells: r.fields }));
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    throw new BranchlineError('BL_ERR_IMPORT_BAD_FILE', 'The file is not a readable .xlsx workbook');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => (cells[col - 1] = cellText(cell.value)));
    rows.push({ line: row.number, cells: Array.from(cells, (c) => c ?? '') });
  });
  return rows;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  // Excel dates are UTC midnight: the calendar day is the UTC one.
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}

function headerMap(header: string[]): Partial<Record<Column, number>> {
  const map: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    const key = h.trim().toLowerCase();
    for (const [col, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) if (names.includes(key) && map[col] === undefined) map[col] = i;
  });
  return map;
}

function parseBirthday(raw: string): string | null | 'bad' {
  const s = raw.trim();
  if (!s) return null;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) return 'bad';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1900 || date.getTime() > Date.now()) return 'bad';
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** One row to a customer, or the reasons it cannot be one. */
export function validateRow(cells: string[], cols: Partial<Record<Column, number>>): { input: CustomerInput } | { errors: Omit<ImportRowError, 'line'>[] } {
  const get = (c: Column) => (cols[c] === undefined ? '' : (cells[cols[c]!] ?? '').trim());
  const errors: Omit<ImportRowError, 'line'>[] = [];
  const name = get('name');
  if (!name) errors.push({ field: 'name', reason: 'required' });
  else if ([...name].length > 100) errors.push({ field: 'name', reason: 'too_long' });
  const phones = get('phones').split(LIST_SPLIT).filter(Boolean);
  if (phones.length === 0) errors.push({ field: 'phones', reason: 'required' });
  for (const p of phones) {
    const digits = normalizePhone(p);
    if (!/^\+?[\d()-]+$/.test(p) || digits.length < 7 || digits.length > 15) errors.push({ field: 'phones', reason: 'bad_phone' });
  }
  const tierRaw = get('tier');
  const tier = tierRaw === '' ? 'NORMAL' : (TIER_WORDS[tierRaw] ?? CustomerTier.safeParse(tierRaw.toUpperCase()).data);
  if (!tier) errors.push({ field: 'tier', reason: 'bad_tier' });
  const birthday = parseBirthday(get('birthday'));
  if (birthday === 'bad') errors.push({ field: 'birthday', reason: 'bad_birthday' });
  const tags = get('tags').split(LIST_SPLIT).filter(Boolean);
  if (tags.some((t) => [...t].length > 40) || tags.length > 50) errors.push({ field: 'tags', reason: 'too_long' });
  const notes = get('notes');
  if (notes.length > 10_000) errors.push({ field: 'notes', reason: 'too_long' });
  if (errors.length > 0) return { errors: errors.filter((e, i) => errors.findIndex((x) => x.field === e.field && x.reason === e.reason) === i) };
  const parsed = CustomerInput.safeParse({ name, tier, phones, tags, notes, birthday: birthday === 'bad' ? null : birthday });
  if (!parsed.success) return { errors: [{ field: String(parsed.error.issues[0]?.path[0] ?? ''), reason: 'invalid' }] };
  return { input: parsed.data };
}

export async function importCustomers(
  desk: Desk,
  format: FileFormat,
  bytes: Uint8Array,
  onProgress: (p: ImportProgress) => void,
): Promise<ImportReport> {
  const jobId = randomUUID();
  const rows = await readRows(format, bytes);
  const [header, ...data] = rows;
  const report: ImportReport = { jobId, total: data.length, created: 0, errors: [] };
  const cols = header ? headerMap(header.cells) : {};
  if (!header || cols.name === undefined || cols.phones === undefined) {
    report.errors.push({ line: header?.line ?? 1, field: null, reason: 'bad_header' });
    return report;
  }
  if (data.length > MAX_IMPORT_ROWS) throw new BranchlineError('BL_ERR_IMPORT_TOO_LARGE', `At most ${MAX_IMPORT_ROWS} rows per import`);
  const firstLineOf = new Map<string, number>();
  const progress = (done: number) => onProgress({ jobId, done, total: data.length, errors: report.errors.length });
  progress(0);
  for (const [i, row] of data.entries()) {
    const result = validateRow(row.cells, cols);
    if ('errors' in result) report.errors.push(...result.errors.map((e) => ({ line: row.line, ...e })));
    else {
      const problem = await phoneProblem(desk, result.input.phones, row.line, firstLineOf);
      if (problem) report.errors.push(problem);
      else {
        await desk.cache.create('customer', result.input, desk.user);
        report.created++;
      }
    }
    if ((i + 1) % PROGRESS_EVERY === 0) progress(i + 1);
  }
  progress(data.length);
  return report;
}

/** A number already in the file (earlier line) or owned by a customer in the cache is a duplicate, not a new customer. */
async function phoneProblem(desk: Desk, phones: string[], line: number, firstLineOf: Map<string, number>): Promise<ImportRowError | null> {
  for (const p of phones) {
    const digits = normalizePhone(p);
    const earlier = firstLineOf.get(digits);
    if (earlier !== undefined) return { line, field: 'phones', reason: `duplicate_in_file:${earlier}` };
    const owners = await desk.cache.db.call('customersByPhone', digits);
    if (owners.length > 0) return { line, field: 'phones', reason: `phone_exists:${owners[0]!.id}` };
  }
  for (const p of phones) firstLineOf.set(normalizePhone(p), line);
  return null;
}

const EXPORT_HEADER = ['编号 id', '姓名 name', '手机 phones', '等级 tier', '标签 tags', '生日 birthday', '备注 notes', '卡号(脱敏) cards', '证件号(脱敏) id number'];

function exportRow(c: CachedCustomer): string[] {
  return [c.id, c.name, c.phones.join(';'), c.tier, c.tags.join(';'), c.birthday ?? '', c.notes, c.maskedCards.join(';'), c.maskedIdNumber ?? ''];
}

/** Every customer (or a search's matches) as a file the import reads back: header names match COLUMNS. */
export async function exportCustomers(desk: Desk, format: FileFormat, query: string): Promise<ExportFile> {
  const customers: CachedCustomer[] = [];
  if (query.trim()) customers.push(...(await desk.cache.db.call('searchCustomers', query, 200)));
  else {
    for (let after = ''; ; ) {
      const page = await desk.cache.db.call('customersPage', after, 5000);
      customers.push(...page);
      if (page.length < 5000) break;
      after = page.at(-1)!.id;
    }
  }
  // Import matches headers by their first word, so an exported file imports as is.
  const header = EXPORT_HEADER.map((h) => h.split(' ')[0]!);
  const rows = [header, ...customers.map(exportRow)];
  const stamp = new Date(desk.now).toISOString().slice(0, 10);
  const fileName = `customers-${stamp}.${format}`;
  if (format === 'csv') return { fileName, format, base64: Buffer.from(formatCsv(rows), 'utf8').toString('base64'), count: customers.length };
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('customers');
  // Every value is a JS string, so exceljs writes text cells: long digit strings never become numbers.
  for (const r of rows) sheet.addRow(r);
  const buffer = await wb.xlsx.writeBuffer();
  return { fileName, format, base64: Buffer.from(buffer as ArrayBuffer).toString('base64'), count: customers.length };
}
