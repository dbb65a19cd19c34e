/**
 * The people page's login kept in sessionStorage (this tab only), so a reload signs in again
 * with the same name and its token; private mode or a full store only means it is not kept.
 */
/** Where the page keeps its login for a reload (sessionStorage in the page, a Map in tests). */
export interface LoginStore {
  get(): { name: string; token: string } | undefined;
  set(login: { name: string; token: string } | undefined): void;
}

const LOGIN_KEY = 'duet.people.login';

function parse(text: string | null): { name: string; token: string } | undefined {
  try {
    const value: unknown = text ? JSON.parse(text) : undefined;
    if (!value || typeof value !== 'object') return undefined;
    const { name, token } = value as Record<string, unknown>;
    return typeof name === 'string' && typeof token === 'string' ? { name, token } : undefined;
  } catch {
    return undefined;
  }
}

export function sessionLoginStore(storage: () => Storage = () => sessionStorage): LoginStore {
  return {
    get() {
      try {
        return parse(storage().getItem(LOGIN_KEY));
      } catch {
        return undefined;
      }
    },
    set(login) {
      try {
        if (login) storage().setItem(LOGIN_KEY, JSON.stringify(login));
        else storage().removeItem(LOGIN_KEY);
      } catch {
        /* not kept: a reload asks for the name again */
      }
    },
  };
}
