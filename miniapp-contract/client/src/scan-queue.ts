import type { components } from '../../types/api';
import { type Client, randomId } from './client';
import { ApiError, NetworkError } from './errors';
import type { WxLike } from './wx';

export type BadgeScan = components['schemas']['BadgeScan'];
export type ScanResult = components['schemas']['ScanResult'];

interface QueuedScan {
  sessionId: string;
  scan: BadgeScan;
}

/** What happened to a scan: answered now, or kept in storage to be sent when the network is back. */
export type ScanOutcome = { queued: false; result: ScanResult } | { queued: true; clientScanId: string };

/** A scan the server refused as a whole batch (e.g. the session was cancelled): dropped from the queue. */
export interface RejectedScan extends QueuedScan {
  error: ApiError;
}

const BATCH_MAX = 100;

/**
 * The coach's scans, never lost: each is written to wx storage before it is sent (so it survives the
 * mini-program being killed), sent live when possible, and otherwise — offline, a dropped connection, or 503
 * BUSY — kept and sent later as attendance/batch, at most 100 a request. Each scan keeps its clientScanId for
 * good, so a batch sent twice (its answer lost) is recorded once: the server de-duplicates by that id.
 */
export class ScanQueue {
  private flushing: Promise<ScanResult[]> | null = null;

  constructor(
    private readonly client: Client,
    private readonly wx: WxLike,
    private readonly storageKey = 'yuhao.scanQueue',
  ) {}

  /** Flushes now and whenever the network comes back. Call once, when the coach's scan page loads. */
  start(): void {
    this.wx.onNetworkStatusChange((res) => {
      if (res.isConnected) void this.flush().catch(() => undefined);
    });
    void this.flush().catch(() => undefined);
  }

  /** Scans waiting to be sent. */
  pending(): QueuedScan[] {
    const stored = this.wx.getStorageSync(this.storageKey);
    return Array.isArray(stored) ? (stored as QueuedScan[]) : [];
  }

  /** Records a scan of a badge at the session: live when the network allows, else queued. */
  async scan(sessionId: string, badgeToken: string, scannedAt = new Date()): Promise<ScanOutcome> {
    const scan: BadgeScan = { badgeToken, scannedAt: scannedAt.toISOString(), clientScanId: `scan-${randomId()}` };
    this.write([...this.pending(), { sessionId, scan }]);
    if (!(await this.online())) return { queued: true, clientScanId: scan.clientScanId };
    try {
      const result = await this.client.post('/api/v1/sessions/{id}/attendance', {
        path: { id: sessionId },
        body: scan,
        retry: false,
      });
      this.forget([scan.clientScanId]);
      return { queued: false, result: result as ScanResult };
    } catch (e) {
      if (keepsForLater(e)) return { queued: true, clientScanId: scan.clientScanId };
      this.forget([scan.clientScanId]);
      throw e;
    }
  }

  /**
   * Sends what is queued, session by session, 100 at a time; answers the results the server gave. Stops at
   * the first network failure or 503 and keeps the rest; a batch the server refuses outright is dropped and
   * reported through `onRejected`.
   */
  flush(onRejected: (rejected: RejectedScan[]) => void = () => undefined): Promise<ScanResult[]> {
    this.flushing ??= this.sendAll(onRejected).finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async sendAll(onRejected: (rejected: RejectedScan[]) => void): Promise<ScanResult[]> {
    const results: ScanResult[] = [];
    for (;;) {
      const queue = this.pending();
      if (queue.length === 0) return results;
      const sessionId = queue[0].sessionId;
      const batch = queue.filter((q) => q.sessionId === sessionId).slice(0, BATCH_MAX);
      try {
        const answer = await this.client.post('/api/v1/sessions/{id}/attendance/batch', {
          path: { id: sessionId },
          body: { scans: batch.map((q) => q.scan) },
          retry: false,
        });
        const done = (answer as { results: ScanResult[] }).results;
        results.push(...done);
        // One result per scan, in order: every scan of the batch is answered.
        this.forget(batch.map((q) => q.scan.clientScanId));
      } catch (e) {
        if (keepsForLater(e)) throw e;
        this.forget(batch.map((q) => q.scan.clientScanId));
        onRejected(batch.map((q) => ({ ...q, error: e as ApiError })));
      }
    }
  }

  private async online(): Promise<boolean> {
    return new Promise((resolve) =>
      this.wx.getNetworkType({
        success: (r) => resolve(r.networkType !== 'none'),
        fail: () => resolve(true),
      }),
    );
  }

  private forget(clientScanIds: string[]): void {
    const gone = new Set(clientScanIds);
    this.write(this.pending().filter((q) => !gone.has(q.scan.clientScanId)));
  }

  private write(queue: QueuedScan[]): void {
    this.wx.setStorageSync(this.storageKey, queue);
  }
}

/** No answer, or the server too busy to write in time: the scan is kept and sent again with the same id. */
function keepsForLater(e: unknown): boolean {
  return e instanceof NetworkError || (e instanceof ApiError && (e.status === 503 || e.status === 429));
}
