/**
 * Password hashing with Argon2id (@node-rs/argon2: prebuilt native binaries from the registry,
 * no compiler needed). Parameters follow the OWASP minimum for Argon2id (19 MiB, t=2, p=1).
 */
import { hash, verify } from '@node-rs/argon2';

// The package's `Algorithm` is a const enum that isolated modules cannot import: 2 = Argon2id.
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash of nothing, verified against when the user does not exist, so both paths take as long. */
let dummy: Promise<string> | undefined;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('no such user');
  return dummy;
}
