/**
 * Cells of the benchmark tables: numbers rounded, missing figures as "-", targets marked.
 */
import { round } from './stats.js';

export type Row = string[];
export interface Table {
  title: string;
  head: Row;
  body: Row[];
}

export function fmt(value: number | undefined, digits = 2): string {
  return value === undefined || !Number.isFinite(value) ? '-' : String(round(value, digits));
}

export function mark(met: boolean | undefined): string {
  return met === undefined ? '' : met ? ' (met)' : ' (MISSED)';
}
