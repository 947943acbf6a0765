/**
 * Live case events: each API process LISTENs on the PostgreSQL channel the projection NOTIFYs, and
 * fans the events out to its server-sent-event clients. Whichever replica a user is connected to,
 * they see every change that reaches the read model.
 */
import pg from 'pg';

/** What a live event carries: codes and ids, never personal data. */
export interface TCaseEvent {
  /** Position in the event log (case_event_log), in commit order: the SSE event id. */
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

export const CASE_EVENTS_CHANNEL = 'ins_case_events';

export class CaseEventHub {
  private client: pg.Client | undefined;
  private readonly listeners = new Set<(e: TCaseEvent) => void>();
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly onError: (err: Error) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, connectionTimeoutMillis: 10_000, application_name: 'ins-events' });
    client.on('notification', (msg) => {
      if (msg.channel !== CASE_EVENTS_CHANNEL || !msg.payload) return;
      let event: TCaseEvent;
      try {
        event = JSON.parse(msg.payload) as TCaseEvent;
      } catch {
        return;
      }
      for (const l of this.listeners) l(event);
    });
    client.on('error', (err) => {
      this.onError(err);
      // Reconnect: a lost LISTEN connection would silently stop the live feed.
      if (!this.stopped) setTimeout(() => void this.start().catch(this.onError), 1_000).unref();
    });
    await client.connect();
    await client.query(`LISTEN ${CASE_EVENTS_CHANNEL}`);
    this.client = client;
  }

  subscribe(listener: (e: TCaseEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }
}
