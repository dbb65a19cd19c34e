/**
 * The `duet` command (bin/duet.mjs): what its arguments ask for, and where it keeps the
 * certificates. Pure: bin/duet.mjs reads the environment, the home folder and package.json,
 * prints the text and starts main.ts with the environment this returns.
 */
import { isAbsolute, join } from 'node:path';
import type { Env } from './config/env.js';

export type CliAction =
  | { readonly kind: 'help' | 'version'; readonly text: string }
  | { readonly kind: 'error'; readonly text: string }
  /** Start duet with these variables added to the environment. */
  | { readonly kind: 'start'; readonly env: Readonly<Record<string, string>> };

export interface CliInput {
  env: Env;
  /** The user's home folder (os.homedir()). */
  home: string;
  /** true when the command runs from a checkout (src/ beside it): certificates stay in its certs/, as with npm start. */
  checkout: boolean;
  /** package.json's version. */
  version: string;
}

/** Per-user data folder (XDG Base Directory): $XDG_DATA_HOME/duet, or ~/.local/share/duet when unset or relative. */
export function userDataDir(env: Env, home: string): string {
  const xdg = env.XDG_DATA_HOME?.trim();
  return xdg !== undefined && xdg !== '' && isAbsolute(xdg) ? join(xdg, 'duet') : join(home, '.local', 'share', 'duet');
}

export function helpText(version: string): string {
  return `duet ${version}: one-to-one video calls in the browser, served from this machine.

Usage: duet [--help | --version]

Starts duet on https://<this machine>:8443 (and plain HTTP on 8080 for the CA downloads),
prints the links to share and the fingerprint of its local certificate authority, and runs
until Ctrl+C or SIGTERM. Settings are environment variables, for example:

  PORT=9443          HTTPS port (default 8443; 0 picks a free one)
  HTTP_PORT=0        no plain-HTTP helper (default 8080)
  HOST=127.0.0.1     only this machine can open duet (default :: , every address)
  CERTS_DIR=<dir>    where the CA and server certificate live
                     (default: $XDG_DATA_HOME/duet, or ~/.local/share/duet;
                      certs/ of the checkout when run from one, as npm start does)
  LOG_DIR=<dir>      also write rotating log files there
  ACCESS_CODE=<code> every page and client must give this code
  DIRECTORY=off      nobody sees who is online on /people
  TURN_URLS, TURN_SECRET, STUN_URLS   calls across NATs through coturn

Every setting, with its default, is in the README's "Configuration" table.

Options:
  -h, --help     this text
  -v, --version  the version
`;
}

export function cliAction(argv: readonly string[], input: CliInput): CliAction {
  const [first, ...rest] = argv;
  if (first === '-h' || first === '--help') return { kind: 'help', text: helpText(input.version) };
  if (first === '-v' || first === '-V' || first === '--version') return { kind: 'version', text: `${input.version}\n` };
  if (first !== undefined || rest.length > 0) {
    return { kind: 'error', text: `duet: unknown argument ${JSON.stringify(first)}; settings are environment variables (duet --help)\n` };
  }
  const certsSet = input.env.CERTS_DIR !== undefined && input.env.CERTS_DIR.trim() !== '';
  if (certsSet || input.checkout) return { kind: 'start', env: {} };
  return { kind: 'start', env: { CERTS_DIR: userDataDir(input.env, input.home) } };
}
