/**
 * The logger passed to the server: log4js in production, silent in tests.
 */
import log4js from 'log4js';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'off';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** false when debug lines are dropped, so hot paths can skip building them (undefined: assume kept). */
  readonly debugEnabled?: boolean;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, debugEnabled: false };

/** A Logger that keeps its lines in memory (for tests and diagnostics). */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { lines, debug: keep('DEBUG'), info: keep('INFO'), warn: keep('WARN'), error: keep('ERROR') };
}

export interface Log4jsOptions {
  level: LogLevel;
  /** Also write rotating files here when set. */
  dir?: string;
  /** Colour the level on stdout: only for a terminal, never when stdout goes to a file or a journal. */
  color?: boolean;
}

export function createLog4jsLogger(options: Log4jsOptions): Logger & { shutdown(): Promise<void> } {
  const appenders: Record<string, log4js.Appender> = { out: { type: 'stdout', layout: { type: options.color ? 'colored' : 'basic' } } };
  if (options.dir) {
    appenders.file = {
      type: 'file',
      filename: `${options.dir}/duet.log`,
      maxLogSize: 10 * 1024 * 1024,
      backups: 5,
      compress: true,
    };
  }
  log4js.configure({
    appenders,
    categories: { default: { appenders: Object.keys(appenders), level: options.level } },
  });
  const logger = log4js.getLogger('duet');
  return {
    debug: (m) => logger.debug(m),
    get debugEnabled() {
      return logger.isDebugEnabled();
    },
    info: (m) => logger.info(m),
    warn: (m) => logger.warn(m),
    error: (m) => logger.error(m),
    shutdown: () => new Promise((resolve) => log4js.shutdown(() => resolve())),
  };
}

/**
 * What a log line must not carry raw: C0 and C1 controls (Cc), every format
 * character (Cf: bidi embeddings, overrides and isolates U+202A-202E and
 * U+2066-2069, marks U+200E/200F and U+061C, zero-width U+200B-200D, U+2060-2064,
 * U+FEFF, soft hyphen U+00AD, U+180E, tags U+E0001-E007F...), line and paragraph
 * separators, lone surrogates, quotes and backslashes.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}"\\]/gu;

function escapeChar(ch: string): string {
  if (ch === '"') return '\\"';
  if (ch === '\\') return '\\\\';
  const code = ch.codePointAt(0)!;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Makes a client string safe for one log line: quoted, control, format (bidi,
 * invisible) and separator characters written as \uXXXX (\u{XXXXX} above the BMP),
 * cut to `max` characters.
 */
export function escapeForLog(value: unknown, max = 80): string {
  if (typeof value !== 'string') return `<${value === null ? 'null' : typeof value}>`;
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  const safe = cut.replace(UNSAFE, escapeChar);
  return `"${safe}"`;
}
