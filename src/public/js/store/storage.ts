/**
 * The page's remembered choices in localStorage (language, name, recent
 * rooms). Private mode or a full store only means nothing is remembered.
 */

export function safeGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function safeSet(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* private mode: not remembered */
  }
}

export function safeRemove(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    /* private mode: nothing was remembered */
  }
}
