/**
 * The ingest requests in flight, so that the overview's refresh computes in the pauses between them
 * instead of making each wait behind rows it computes: on one event loop, a batch that arrives while
 * a row is computed waits for it, and a refresh of thousands of rows would stretch every batch.
 */
export class IngestTraffic {
  private inFlight = 0;
  private waiting: Array<() => void> = [];

  /** Counts a request from now; the answer ends it (once, however often it is called). */
  begin(): () => void {
    this.inFlight += 1;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inFlight -= 1;
      if (this.inFlight === 0) {
        const waiting = this.waiting;
        this.waiting = [];
        for (const resume of waiting) resume();
      }
    };
  }

  /**
   * Resolves once no ingest is in flight, or after `maxWaitMs` at most: a steady stream of ingests
   * slows the refresh down but never stops it.
   */
  async pause(maxWaitMs: number): Promise<void> {
    if (this.inFlight === 0) return;
    await new Promise<void>(resolve => {
      const timer = setTimeout(resolve, maxWaitMs);
      this.waiting.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
