// Private notes are for the hiring team only. Anything that may reach a candidate — the application
// summary, feedback built from it, portal pages — is typed `CandidateFacing<T>`, which is `never`
// when T has a `privateNotes` field at any depth, and checked at run time by `candidateFacing()`.

type PrivateKey = 'privateNotes' | 'private_notes';

/** True when T (an object, array or union of them) has a private-notes key at any depth. */
export type HasPrivateNotes<T> = T extends readonly (infer U)[]
  ? HasPrivateNotes<U>
  : T extends object
    ? Extract<keyof T, PrivateKey> extends never
      ? true extends { [K in keyof T]-?: HasPrivateNotes<T[K]> }[keyof T]
        ? true
        : false
      : true
    : false;

/** T, when it cannot carry private notes; otherwise `never`, so passing it does not compile. */
export type CandidateFacing<T> = true extends HasPrivateNotes<T> ? never : T;

const privateKeys: ReadonlySet<string> = new Set<PrivateKey>(['privateNotes', 'private_notes']);

/** The path of the first private-notes key in a value, or undefined. */
export function findPrivateNotes(value: unknown, path = '$'): string | undefined {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findPrivateNotes(item, `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (privateKeys.has(key)) return `${path}.${key}`;
      const found = findPrivateNotes(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The presenter for candidate-facing values: the type refuses anything that can hold private notes,
 * and the run-time check refuses a value that has them anyway (for example through a cast).
 */
export function candidateFacing<T>(value: T & CandidateFacing<T>): T {
  const found = findPrivateNotes(value);
  if (found) throw new Error(`Private notes must never be candidate-facing (found at ${found})`);
  return value;
}
