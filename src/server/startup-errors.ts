/**
 * Start-up failures as one plain sentence naming the setting to change, instead
 * of a raw Node error. Pure: main.ts prints the sentence and exits 1.
 */

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException | undefined)?.code ?? '';
}

/** Why the certificates could not be read or written in `certsDir`, or undefined when the error is not about the folder. */
export function certsDirProblem(error: unknown, certsDir: string): string | undefined {
  const shown = JSON.stringify(certsDir);
  switch (codeOf(error)) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `CERTS_DIR=${shown} is not writable by duet (${codeOf(error)}): give this user write access to it, or set CERTS_DIR to a folder it can write.`;
    case 'EEXIST':
    case 'ENOTDIR':
    case 'EISDIR':
      return `CERTS_DIR=${shown} is a file or lies inside one, not a folder: set CERTS_DIR to a folder (it is created if missing).`;
    default:
      return undefined;
  }
}

export interface ListenSettings {
  readonly port: number;
  readonly host: string;
}

/** Why the HTTPS server could not listen, or undefined when the error is not about PORT or HOST. */
export function listenProblem(error: unknown, settings: ListenSettings): string | undefined {
  switch (codeOf(error)) {
    case 'EADDRINUSE':
      return `another duet or program is using port ${settings.port}: stop it or set PORT to a free port.`;
    case 'EACCES':
      return `PORT=${settings.port} is a privileged port this user may not open: set PORT to 1024 or above (the default is 8443).`;
    case 'EADDRNOTAVAIL':
      return `HOST=${settings.host} is not an address of this machine: leave HOST unset to listen on all of them, or set it to one this machine has.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `HOST=${settings.host} is not a name this machine can resolve: leave HOST unset to listen on every address, or set it to one of this machine's addresses.`;
    default:
      return undefined;
  }
}

/** True for a HOST only this machine can reach: `localhost`, 127.x.x.x or ::1. */
export function isLoopbackHost(host: string): boolean {
  return /^(localhost|127\.\d+\.\d+\.\d+|::1|\[::1\])$/i.test(host);
}

/** Why the metrics port could not listen, or undefined when the error is not about METRICS_PORT or METRICS_HOST. */
export function metricsListenProblem(error: unknown, settings: ListenSettings): string | undefined {
  switch (codeOf(error)) {
    case 'EADDRINUSE':
      return `another program is using METRICS_PORT=${settings.port}: stop it or set METRICS_PORT to a free port.`;
    case 'EACCES':
      return `METRICS_PORT=${settings.port} is a privileged port this user may not open: set METRICS_PORT to 1024 or above.`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `METRICS_HOST=${settings.host} is not an address of this machine: leave METRICS_HOST unset (127.0.0.1) or set it to one this machine has.`;
    default:
      return undefined;
  }
}
