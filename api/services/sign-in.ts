/**
 * Checking a password under the sign-in throttle (docs/adr/0022-sign-in-throttling.md): the client
 * address first (an address held back reaches no account's count), then the account — or, for a
 * browser that signed in to this account before, that browser's own count — each claimed in one
 * statement before the password is checked; a success clears the account's count and gives back
 * the address's claim.
 */
import type { Db } from '../../db/database.js';
import { findUserForLogin } from '../../db/repositories/people.js';
import { claimAttempt, clearAttempts, knownDevice, pruneSignInState, releaseAttempt, rememberDevice, type TThrottlePolicy } from '../../db/repositories/sign-in-throttle.js';
import { dummyHash, verifyPassword } from '../../lib/passwords.js';
import { AppError } from '../errors.js';

/** The sign-in throttle's numbers; tests shorten the delays. */
export interface TSignInThrottle {
  /** Attempts per account (or per known device) before the first delay. */
  accountFreeAttempts: number;
  /** Attempts per client address before the first delay (an office behind one NAT shares it). */
  addressFreeAttempts: number;
  /** The first delay; it doubles with each further attempt… */
  baseDelayMs: number;
  /** …up to this: an account is never locked for good. */
  maxDelayMs: number;
}

const DEFAULT_SIGN_IN_THROTTLE: TSignInThrottle = { accountFreeAttempts: 5, addressFreeAttempts: 20, baseDelayMs: 30_000, maxDelayMs: 15 * 60_000 };
/** Failures are forgotten after a day without attempts on the account (an hour for an address). */
const ACCOUNT_FORGET_MS = 24 * 3_600_000;
const ADDRESS_FORGET_MS = 3_600_000;
/** How long a browser stays known to the account after its last sign-in. */
const KNOWN_DEVICE_TTL_MS = 90 * 24 * 3_600_000;

/** A throttled attempt: 429 with the seconds to wait, saying which count held it. */
export class SignInThrottled extends AppError {
  constructor(
    readonly reason: 'ACCOUNT' | 'DEVICE' | 'ADDRESS',
    readonly retryAfterSeconds: number,
  ) {
    const who = reason === 'ADDRESS' ? 'from this address' : reason === 'DEVICE' ? 'from this browser' : 'for this account';
    super('RATE_LIMITED', `Too many sign-in attempts ${who}; try again in ${retryAfterSeconds} s.`, undefined, { reason, retryAfterSeconds });
  }
}

export type TSignedIn = NonNullable<Awaited<ReturnType<typeof findUserForLogin>>> & { device: { token: string; expiresAt: Date } };

export function signInChecker(db: Db, throttle: Partial<TSignInThrottle> = {}) {
  const t = { ...DEFAULT_SIGN_IN_THROTTLE, ...throttle };
  const account: TThrottlePolicy = { freeAttempts: t.accountFreeAttempts, baseDelayMs: t.baseDelayMs, maxDelayMs: t.maxDelayMs, forgetAfterMs: ACCOUNT_FORGET_MS };
  const address: TThrottlePolicy = { freeAttempts: t.addressFreeAttempts, baseDelayMs: t.baseDelayMs, maxDelayMs: t.maxDelayMs, forgetAfterMs: ADDRESS_FORGET_MS };
  const seconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

  /**
   * The person `username` names, when `password` is theirs and no throttle holds the attempt back;
   * with the known-device token to give the browser (renewed, or new). Throws 429 or 401 otherwise.
   */
  async function checkSignIn(a: { username: string; password: string; clientAddress: string; deviceToken?: string | undefined }): Promise<TSignedIn> {
    const username = a.username.toLowerCase();
    if (Math.random() < 0.01) await pruneSignInState(db, new Date(Date.now() - ACCOUNT_FORGET_MS));
    const addressKey = `address:${a.clientAddress}`;
    const byAddress = await claimAttempt(db, addressKey, address);
    if (!byAddress.allowed) throw new SignInThrottled('ADDRESS', seconds(byAddress.retryAfterMs));
    // A browser that signed in to this account before counts on its own, so that what others try
    // against the account does not keep its owner out.
    const device = a.deviceToken ? await knownDevice(db, a.deviceToken, username) : undefined;
    const accountKey = device ? `device:${device}` : `account:${username}`;
    const byAccount = await claimAttempt(db, accountKey, account);
    if (!byAccount.allowed) {
      await releaseAttempt(db, addressKey);
      throw new SignInThrottled(device ? 'DEVICE' : 'ACCOUNT', seconds(byAccount.retryAfterMs));
    }
    const user = await findUserForLogin(db, username);
    // Verify against a dummy hash for unknown users too, so timing does not reveal which usernames exist.
    const ok = await verifyPassword(user?.password_hash ?? (await dummyHash()), a.password);
    if (!user || !ok) throw new AppError('UNAUTHENTICATED', 'Wrong username or password.');
    await clearAttempts(db, accountKey);
    await releaseAttempt(db, addressKey);
    return { ...user, device: await rememberDevice(db, user.id, KNOWN_DEVICE_TTL_MS, device ? a.deviceToken : undefined) };
  }

  /**
   * Whether `password` is the signed-in person's current one (to change it), under the same
   * account count: a stolen session is no way around the throttle. Throws 429 or 401 otherwise.
   */
  async function checkCurrentPassword(a: { username: string; password: string }): Promise<void> {
    const accountKey = `account:${a.username.toLowerCase()}`;
    const byAccount = await claimAttempt(db, accountKey, account);
    if (!byAccount.allowed) throw new SignInThrottled('ACCOUNT', seconds(byAccount.retryAfterMs));
    const row = await findUserForLogin(db, a.username);
    if (!row || !(await verifyPassword(row.password_hash, a.password))) throw new AppError('UNAUTHENTICATED', 'The current password is wrong.');
    await clearAttempts(db, accountKey);
  }

  return { checkSignIn, checkCurrentPassword };
}
