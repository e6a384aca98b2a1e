import { IngestTraffic } from './IngestTraffic';

describe('IngestTraffic', () => {
  it('lets a pause through at once when no ingest is in flight', async () => {
    const traffic = new IngestTraffic();
    const ended = traffic.begin();
    ended();
    ended(); // a second end of the same request changes nothing
    const order: string[] = [];
    const pause = traffic.pause(60_000).then(() => order.push('pause'));
    await Promise.resolve();
    order.push('next');
    await pause;
    expect(order).toEqual(['pause', 'next']);
  });

  it('holds a pause until the last request in flight ends', async () => {
    jest.useFakeTimers();
    try {
      const traffic = new IngestTraffic();
      const first = traffic.begin();
      const second = traffic.begin();
      let resumed = false;
      const pause = traffic.pause(60_000).then(() => {
        resumed = true;
      });
      first();
      first(); // ended twice: still one in flight
      await Promise.resolve();
      expect(resumed).toBe(false);
      second();
      await pause;
      expect(resumed).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });

  it('holds a pause no longer than its limit while ingests keep coming', async () => {
    jest.useFakeTimers();
    try {
      const traffic = new IngestTraffic();
      traffic.begin();
      let resumed = false;
      const pause = traffic.pause(50).then(() => {
        resumed = true;
      });
      jest.advanceTimersByTime(49);
      await Promise.resolve();
      expect(resumed).toBe(false);
      jest.advanceTimersByTime(1);
      await pause;
      expect(resumed).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
