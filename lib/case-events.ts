/**
 * Live case events: each API process reads the case event log the projection writes and fans the
 * events out to its server-sent-event clients. Whichever replica a user is connected to, they see
 * every change that reaches the read model. The hub's connection LISTENs for revoked credentials (a
 * session ended, a token revoked, a user deactivated: triggers on those tables NOTIFY), so that
 * every replica closes the streams that used them, and for new notifications, so that a person's
 * badge changes on whichever replica their stream is.
 *
 * Case events are not notified (docs/adr/0201): a transaction that NOTIFYs holds PostgreSQL's one
 * notification lock from its commit's start to its end, WAL flush included, so every action's
 * commit would wait for the one before. While it has subscribers the hub reads the log every
 * `pollMs` (250 ms), on its own connection, once for all of them, from the last position it
 * delivered, in position order, and delivers only positions below `case_event_log_stable_below()`
 * (docs/adr/0173): events are logged without a lock, so a transaction that logged a lower position
 * may commit after one that logged a higher; the hub waits for it (it reads again shortly while
 * committed events are held back), and a subscriber that has seen position N never later gets a
 * lower one. With no subscriber it reads nothing; the first one to come starts it from the newest
 * stable position (a stream catches up from the log by itself, with `Last-Event-ID`).
 *
 * The connection heals by itself (docs/adr/0023-live-event-listener.md): when it is lost (a
 * PostgreSQL restart, a terminated backend, a probe that gets no answer) the hub reconnects with
 * capped, jittered exponential backoff for as long as it takes and LISTENs again, and tells its
 * subscribers, who then fetch from the event log what was committed meanwhile. `status()` says
 * whether it is listening, for /readyz.
 */
import pg from 'pg';

/** What a live event carries: codes and ids, never personal data. */
export interface TCaseEvent {
  /** Position in the event log (case_event_log `pos`, docs/adr/0173): the SSE event id. */
  id: string;
  caseId: string;
  unitId: string;
  teamId: string;
  kind: string;
  status: string;
  overdue: boolean;
  seq: number;
  currentSteps: string[];
  actions: { seq: number; action: string; stepId?: string; actorId: string; at: string; evidence?: string[] }[];
}

/** NOTIFYed by triggers (migration 2026-12-03T03-00) when a session or token ends or a user is deactivated. */
const CREDENTIALS_REVOKED_CHANNEL = 'ins_credentials_revoked';
/** NOTIFYed with each new notification (db/repositories/notifications.ts): `{"userId": …}`, nothing else. */
export const NOTIFICATIONS_CHANNEL = 'ins_notifications';

/** A revoked credential: a session or API token (by the SHA-256 it is stored under), or every credential of a user. */
export interface TCredentialRevoked {
  tokenHash?: string;
  userId?: string;
}

/** Whether the hub is listening; when not, since when, how many reconnections it has tried and why the last failed. */
export interface TListenerStatus {
  listening: boolean;
  since: Date;
  attempt: number;
  lastError: string | null;
}

export interface TCaseEventHubOptions {
  /** The first reconnection waits about this long… */
  initialBackoffMs?: number;
  /** …each next one twice as long, up to this (with jitter: between half and all of it). */
  maxBackoffMs?: number;
  /** How often the connection is asked `select 1`; no answer within half of it counts as lost. */
  probeIntervalMs?: number;
  /** How often the log is read while the hub has subscribers (docs/adr/0201). */
  pollMs?: number;
}

/** How often the hub reads the case event log while it has subscribers: how late a live event may be. */
const CASE_EVENTS_POLL_MS = 250;

/** A short reason for logs and /readyz: the error's code when it has one (never a connection string). */
function reasonOf(err: Error): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${err.message}` : err.message;
}

export class CaseEventHub {
  private client: pg.Client | undefined;
  private readonly listeners = new Set<(e: TCaseEvent) => void>();
  private readonly revocationListeners = new Set<(r: TCredentialRevoked) => void>();
  private readonly notificationListeners = new Set<(userId: string) => void>();
  private readonly reconnectListeners = new Set<() => void>();
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  /** Reads of the log, one after another, so that subscribers get events in position order. */
  private reads: Promise<void> = Promise.resolve();
  /** A read of the log is queued and not started yet: another notification needs no other. */
  private readQueued = false;
  /** The last position delivered to the subscribers (set when the hub starts listening). */
  private delivered = '0';
  private heldBackTimer: NodeJS.Timeout | undefined;
  /** Reads the log while the hub has subscribers. */
  private pollTimer: NodeJS.Timeout | undefined;
  private state: TListenerStatus = { listening: false, since: new Date(), attempt: 0, lastError: null };
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly probeIntervalMs: number;
  private readonly pollMs: number;

  constructor(
    private readonly url: string,
    private readonly onError: (err: Error) => void = () => undefined,
    opts: TCaseEventHubOptions = {},
  ) {
    this.initialBackoffMs = opts.initialBackoffMs ?? 250;
    this.maxBackoffMs = opts.maxBackoffMs ?? 30_000;
    this.probeIntervalMs = opts.probeIntervalMs ?? 30_000;
    this.pollMs = opts.pollMs ?? CASE_EVENTS_POLL_MS;
  }

  /** Connects and LISTENs; throws when the first connection fails (the process should not start without it). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
    this.probeTimer = setInterval(() => void this.probe(), this.probeIntervalMs);
    this.probeTimer.unref();
  }

  status(): TListenerStatus {
    return { ...this.state };
  }

  subscribe(listener: (e: TCaseEvent) => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.startPolling();
    return () => {
      if (this.listeners.delete(listener) && this.listeners.size === 0) this.stopPolling();
    };
  }

  /** The first subscriber: the log was not read while nobody listened, so delivery starts from its newest stable position. */
  private startPolling(): void {
    this.reads = this.reads.then(() => this.resetPosition());
    this.pollTimer = setInterval(() => this.readLog(), this.pollMs);
    this.pollTimer.unref();
  }

  private stopPolling(): void {
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  private async resetPosition(): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      await this.startPosition(client);
    } catch (err) {
      // The connection is failing: it is replaced (and the position set again then).
      this.onError(err as Error);
    }
  }

  /** Called for every revoked credential, whichever replica revoked it. */
  subscribeRevocations(listener: (r: TCredentialRevoked) => void): () => void {
    this.revocationListeners.add(listener);
    return () => this.revocationListeners.delete(listener);
  }

  /** Called with the user's id for every new notification, whichever process wrote it. */
  subscribeNotifications(listener: (userId: string) => void): () => void {
    this.notificationListeners.add(listener);
    return () => this.notificationListeners.delete(listener);
  }

  /** Called each time the hub listens again after losing its connection: what was notified meanwhile is lost. */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.heldBackTimer);
    clearInterval(this.probeTimer);
    this.stopPolling();
    const client = this.client;
    this.client = undefined;
    this.state = { ...this.state, listening: false, since: new Date() };
    await client?.end().catch(() => undefined);
  }

  private dispatch(msg: pg.Notification): void {
    if (!msg.payload) return;
    let body: unknown;
    try {
      body = JSON.parse(msg.payload);
    } catch {
      return;
    }
    if (msg.channel === CREDENTIALS_REVOKED_CHANNEL) for (const l of this.revocationListeners) l(body as TCredentialRevoked);
    else if (msg.channel === NOTIFICATIONS_CHANNEL) {
      const userId = (body as { userId?: unknown } | null)?.userId;
      if (typeof userId === 'string') for (const l of this.notificationListeners) l(userId);
    }
  }

  /** Reads the log after the last delivered position (after the reads queued before), if anyone listens. */
  private readLog(): void {
    if (this.readQueued || !this.client || this.listeners.size === 0) return;
    this.readQueued = true;
    this.reads = this.reads.then(() => this.deliverStable());
  }

  /** Hands the subscribers the events after `delivered` that are below the stable position; reads again soon when some are held back. */
  private async deliverStable(): Promise<void> {
    this.readQueued = false;
    const client = this.client;
    if (!client) return;
    let rows: { pos: string; payload: Omit<TCaseEvent, 'id'>; stable: boolean }[];
    try {
      // Named: the hub's connection prepares it once and PostgreSQL keeps its plan (docs/adr/0181).
      const r = await client.query<{ pos: string; payload: Omit<TCaseEvent, 'id'>; stable: boolean }>({
        name: 'ins_case_events_after',
        text: 'select pos::text as pos, payload, pos < case_event_log_stable_below() as stable from case_event_log where pos > $1 order by pos limit 500',
        values: [this.delivered],
      });
      rows = r.rows;
    } catch (err) {
      // The connection is failing: it is replaced, and subscribers catch up from the log then.
      this.onError(err as Error);
      return;
    }
    for (const row of rows) {
      if (!row.stable) {
        // A transaction that may log a lower position is still running: wait for it.
        clearTimeout(this.heldBackTimer);
        this.heldBackTimer = setTimeout(() => this.readLog(), 10);
        this.heldBackTimer.unref();
        return;
      }
      this.delivered = row.pos;
      const event: TCaseEvent = { id: row.pos, ...row.payload };
      for (const l of this.listeners) l(event);
    }
    if (rows.length === 500) this.readLog();
  }

  /** Where the hub starts delivering: after the newest stable position (subscribers catch up from the log by themselves). */
  private async startPosition(client: pg.Client): Promise<void> {
    const r = await client.query<{ pos: string | null }>('select max(pos)::text as pos from case_event_log where pos < case_event_log_stable_below()');
    this.delivered = r.rows[0]?.pos ?? '0';
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 10_000, application_name: 'ins-events', keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    client.on('notification', (msg) => this.dispatch(msg));
    // Errors before the connection is in use are the caller's (start, or the retry loop).
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, new Error('the connection ended')));
    try {
      await client.connect();
      await client.query(`LISTEN ${CREDENTIALS_REVOKED_CHANNEL}`);
      await client.query(`LISTEN ${NOTIFICATIONS_CHANNEL}`);
      await this.startPosition(client);
    } catch (err) {
      client.removeAllListeners('end');
      client.removeAllListeners('error');
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw err;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.state = { listening: true, since: new Date(), attempt: 0, lastError: null };
  }

  /** The connection in use is gone: forget it and start reconnecting. */
  private lost(client: pg.Client, err: Error): void {
    if (client !== this.client) return;
    this.client = undefined;
    client.removeAllListeners('end');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    if (this.stopped) return;
    this.state = { listening: false, since: new Date(), attempt: 0, lastError: reasonOf(err) };
    this.onError(err);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const attempt = this.state.attempt + 1;
    const ceiling = Math.min(this.maxBackoffMs, this.initialBackoffMs * 2 ** Math.min(attempt - 1, 30));
    // "Equal jitter": replicas that lost PostgreSQL together do not all come back at the same instant.
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    this.retryTimer = setTimeout(() => {
      this.state = { ...this.state, attempt };
      this.connect().then(
        () => {
          if (this.stopped || !this.client) return;
          for (const l of this.reconnectListeners) l();
        },
        (err: Error) => {
          this.state = { ...this.state, lastError: reasonOf(err) };
          this.onError(err);
          this.scheduleReconnect();
        },
      );
    }, delay);
    this.retryTimer.unref();
  }

  /** A connection that no longer answers (a half-open TCP connection) is treated as lost. */
  private async probe(): Promise<void> {
    const client = this.client;
    if (!client) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        client.query('select 1'),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer to the listener's probe within ${this.probeIntervalMs / 2} ms`)), this.probeIntervalMs / 2);
        }),
      ]);
    } catch (err) {
      this.lost(client, err as Error);
    } finally {
      clearTimeout(timer);
    }
  }
}
