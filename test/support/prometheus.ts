/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for
 * tests: every line must be a HELP or TYPE comment, a blank line or a sample, and
 * every sample must belong to a family with a TYPE line; anything else throws.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Exposition {
  types: Map<string, string>;
  help: Map<string, string>;
  samples: Sample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const HELP = new RegExp(`^# HELP (${NAME}) (.*)$`);
const TYPE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);
const LABEL_VALUE = '"(?:[^"\\\\\\n]|\\\\[\\\\"n])*"';
const LABEL = `[a-zA-Z_][a-zA-Z0-9_]*=${LABEL_VALUE}`;
/** Prometheus reads values with Go's ParseFloat, which takes NaN and Inf in any case (prom-client writes "Nan"). */
const VALUE = '(?:[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?|[Nn][Aa][Nn]|[+-]?[Ii][Nn][Ff])';
const SAMPLE = new RegExp(`^(${NAME})(?:\\{((?:${LABEL})(?:,${LABEL})*)?,?\\})? (${VALUE})(?: -?\\d+)?$`);
const ONE_LABEL = new RegExp(`([a-zA-Z_][a-zA-Z0-9_]*)=(${LABEL_VALUE})`, 'g');
const SUFFIXES = ['_bucket', '_sum', '_count', '_created'];

function familyOf(name: string, types: Map<string, string>): string | undefined {
  if (types.has(name)) return name;
  const suffix = SUFFIXES.find((s) => name.endsWith(s));
  return suffix && types.has(name.slice(0, -suffix.length)) ? name.slice(0, -suffix.length) : undefined;
}

function number(text: string): number {
  if (/^nan$/i.test(text)) return NaN;
  if (/inf$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return Number(text);
}

export function parseExposition(text: string): Exposition {
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  const samples: Sample[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line === '') continue;
    const fail = (why: string) => new Error(`line ${index + 1} ${why}: ${JSON.stringify(line)}`);
    let match: RegExpExecArray | null;
    if ((match = HELP.exec(line))) help.set(match[1]!, match[2]!);
    else if ((match = TYPE.exec(line))) {
      if (types.has(match[1]!)) throw fail('repeats a TYPE');
      types.set(match[1]!, match[2]!);
    } else if ((match = SAMPLE.exec(line))) {
      const name = match[1]!;
      if (familyOf(name, types) === undefined) throw fail('has no TYPE line before it');
      const labels: Record<string, string> = {};
      for (const [, key, quoted] of (match[2] ?? '').matchAll(ONE_LABEL)) labels[key!] = JSON.parse(quoted!) as string;
      samples.push({ name, labels, value: number(match[3]!) });
    } else throw fail('is not in the Prometheus text format');
  }
  return { types, help, samples };
}

/** The value of the sample `name` whose labels include `labels` (undefined when there is none). */
export function sampleValue(exposition: Exposition, name: string, labels: Record<string, string> = {}): number | undefined {
  const found = exposition.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found?.value;
}
