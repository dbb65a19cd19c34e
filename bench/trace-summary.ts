/**
 * Reads the Chromium traces that `BENCH_TRACE=<dir>` writes (one per timed click) and prints,
 * for the clicked page's renderer main thread and the other page's, where the time went
 * between the click and `BENCH_TRACE_MS` later (default 600): the self time of each kind of
 * trace event, and the longest tasks with what they ran.
 *
 *   node dist/bench/trace-summary.js <dir-or-file>...
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

interface Span {
  name: string;
  start: number;
  end: number;
  detail: string;
  children: Span[];
}

const WINDOW_MS = Number(process.env.BENCH_TRACE_MS ?? 600);

function detailOf(e: TraceEvent): string {
  const d = e.args?.data;
  if (!d) return '';
  if (typeof d.functionName === 'string' && d.functionName)
    return `${d.functionName} ${String(d.url ?? '')
      .split('/')
      .pop()}:${String(d.lineNumber ?? '')}`;
  if (typeof d.type === 'string') return d.type;
  if (typeof d.url === 'string') return String(d.url).split('/').pop() ?? '';
  return '';
}

/** The spans of one thread, nested by time. */
function spansOf(events: TraceEvent[]): Span[] {
  const flat: Span[] = [];
  const open: TraceEvent[] = [];
  for (const e of events.sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X') flat.push({ name: e.name, start: e.ts, end: e.ts + (e.dur ?? 0), detail: detailOf(e), children: [] });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const b = open.pop();
      if (b) flat.push({ name: b.name, start: b.ts, end: e.ts, detail: detailOf(b), children: [] });
    }
  }
  flat.sort((a, b) => a.start - b.start || b.end - a.end);
  const roots: Span[] = [];
  const stack: Span[] = [];
  for (const s of flat) {
    while (stack.length && stack[stack.length - 1]!.end <= s.start) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent && s.end <= parent.end) parent.children.push(s);
    else roots.push(s);
    stack.push(s);
  }
  return roots;
}

function selfTimes(spans: Span[], from: number, to: number, into: Map<string, number>): void {
  for (const s of spans) {
    const clip = (a: number, b: number) => Math.max(0, Math.min(b, to) - Math.max(a, from));
    const own = clip(s.start, s.end) - s.children.reduce((sum, c) => sum + clip(c.start, c.end), 0);
    const key = s.detail && s.name !== 'RunTask' ? `${s.name} (${s.detail})` : s.name;
    into.set(key, (into.get(key) ?? 0) + own);
    selfTimes(s.children, from, to, into);
  }
}

function describeTask(s: Span, depth = 0): string[] {
  const lines = [`${'  '.repeat(depth)}${((s.end - s.start) / 1000).toFixed(1)} ms ${s.name}${s.detail ? ` (${s.detail})` : ''}`];
  if (depth < 3) for (const c of s.children.filter((c) => c.end - c.start > 2000)) lines.push(...describeTask(c, depth + 1));
  return lines;
}

function summarize(file: string): void {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(raw) ? raw : (raw.traceEvents ?? []);
  const mains = new Map<string, TraceEvent[]>();
  const mainThreads = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (mainThreads.has(key)) (mains.get(key) ?? mains.set(key, []).get(key)!).push(e);
  }
  const click = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click');
  if (!click) return console.log(`${file}: no click in the trace`);
  const from = click.ts;
  const to = from + WINDOW_MS * 1000;
  console.log(`\n== ${file} (window ${WINDOW_MS} ms from the click)`);
  for (const [key, list] of mains) {
    const spans = spansOf(list);
    const self = new Map<string, number>();
    selfTimes(spans, from, to, self);
    const busy = spans.reduce((sum, s) => sum + Math.max(0, Math.min(s.end, to) - Math.max(s.start, from)), 0);
    if (busy < 5000) continue;
    const who = key.startsWith(`${click.pid}:`) ? 'clicked page' : 'other page';
    console.log(`-- ${who} main thread ${key}: busy ${(busy / 1000).toFixed(1)} ms`);
    for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 18))
      if (us > 1000) console.log(`   ${(us / 1000).toFixed(1).padStart(7)} ms  ${name}`);
    const tasks = spans.filter((s) => s.end > from && s.start < to && s.end - s.start > 8000).sort((a, b) => a.start - b.start);
    for (const t of tasks) console.log(`   at +${((t.start - from) / 1000).toFixed(0)} ms: ${describeTask(t).join('\n      ')}`);
  }
}

const files = process.argv.slice(2).flatMap((p) =>
  statSync(p).isDirectory()
    ? readdirSync(p)
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(p, f))
    : [p],
);
for (const file of files) summarize(file);
