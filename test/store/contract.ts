// The behaviour every Store promises, registered once for each implementation (file, Redis), so that
// callers can rely on the same answers whichever one a deployment uses.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.ts';

export interface StoreUnderTest {
  store: Store;
  /** A TTL short enough to wait out in a test and long enough to read the document back first. */
  shortTtlMs: number;
  /** Lets `ms` pass as the store sees time: a fake clock for the file store, a real wait for Redis. */
  elapse(ms: number): Promise<void>;
  /** Removes what the test left behind (after the store is closed). */
  cleanup(): Promise<void>;
}

export function describeStoreContract(open: () => Promise<StoreUnderTest>): void {
  describe('Store contract', () => {
    let subject: StoreUnderTest;
    let store: Store;

    beforeEach(async () => {
      subject = await open();
      store = subject.store;
    });

    afterEach(async () => {
      await store.close();
      await subject.cleanup();
    });

    it('is reachable while open and not after close (readiness)', async () => {
      expect(store.reachable()).toBe(true);
      await store.close();
      expect(store.reachable()).toBe(false);
    });

    it('answers null for a key that was never written', async () => {
      expect(await store.get('digest:subscription:C404')).toBeNull();
    });

    it('round-trips nested objects, arrays, numbers and CJK text exactly', async () => {
      const subscription = {
        channel: 'C0123ABCD',
        title: '早报 · 客服中心 📈',
        agents: ['王小明', "Seán O'Brien", '李雷'],
        filters: { group: '售前组', skills: [] },
        thresholds: {
          valid_reception_rate: 0.8843,
          response_warn_rate: null,
          nested: [1, [2, [3]], true, false],
        },
        postedTs: '1763874000.000100',
      };
      await store.set('digest:subscription:C0123ABCD', subscription);
      expect(await store.get('digest:subscription:C0123ABCD')).toEqual({
        channel: 'C0123ABCD',
        title: '早报 · 客服中心 📈',
        agents: ['王小明', "Seán O'Brien", '李雷'],
        filters: { group: '售前组', skills: [] },
        thresholds: {
          valid_reception_rate: 0.8843,
          response_warn_rate: null,
          nested: [1, [2, [3]], true, false],
        },
        postedTs: '1763874000.000100',
      });
      expect(await store.get('digest:subscription:C0123ABCD')).toEqual(subscription);
    });

    it('keeps its own copy: changing a value after set or after get does not change the document', async () => {
      const mute = { until: '2026-11-24T01:00:00.000Z', channels: ['C1'] };
      await store.set('alert:mute:valid_reception_rate', mute);
      mute.channels.push('C2');
      const read = await store.get<{ channels: string[] }>('alert:mute:valid_reception_rate');
      read?.channels.push('C3');
      expect(await store.get('alert:mute:valid_reception_rate')).toEqual({
        until: '2026-11-24T01:00:00.000Z',
        channels: ['C1'],
      });
    });

    it('stores top-level strings, numbers, booleans and null as documents', async () => {
      await store.set('s', '晨报');
      await store.set('n', 0);
      await store.set('b', false);
      await store.set('z', null);
      expect(await store.get('s')).toBe('晨报');
      expect(await store.get('n')).toBe(0);
      expect(await store.get('b')).toBe(false);
      expect(await store.list('')).toEqual([
        { key: 'b', value: false },
        { key: 'n', value: 0 },
        { key: 's', value: '晨报' },
        { key: 'z', value: null },
      ]);
    });

    it('replaces a document on set', async () => {
      await store.set('alert:episode:chats', { state: 'firing' });
      await store.set('alert:episode:chats', { state: 'resolved' });
      expect(await store.get('alert:episode:chats')).toEqual({ state: 'resolved' });
    });

    it('deletes a document, and deleting an absent key is harmless', async () => {
      await store.set('alert:episode:chats', { state: 'firing' });
      await store.delete('alert:episode:chats');
      await store.delete('alert:episode:never-there');
      expect(await store.get('alert:episode:chats')).toBeNull();
      expect(await store.list('alert:')).toEqual([]);
    });

    it('lists the documents under a prefix, sorted by key, and nothing else', async () => {
      await store.set('digest:delivery:morning:2026-11-24T01:00:00.000Z', { ts: '3' });
      await store.set('digest:subscription:C1', { channel: 'C1' });
      await store.set('digest:delivery:morning:2026-11-23T01:00:00.000Z', { ts: '1' });
      await store.set('alert:episode:chats', { state: 'firing' });
      await store.set('digest:delivery:evening:2026-11-23T10:00:00.000Z', { ts: '2' });
      await store.set('digest:delivery', { note: 'the prefix without its colon is another key' });
      expect(await store.list('digest:delivery:')).toEqual([
        { key: 'digest:delivery:evening:2026-11-23T10:00:00.000Z', value: { ts: '2' } },
        { key: 'digest:delivery:morning:2026-11-23T01:00:00.000Z', value: { ts: '1' } },
        { key: 'digest:delivery:morning:2026-11-24T01:00:00.000Z', value: { ts: '3' } },
      ]);
      expect(await store.list('nothing-here:')).toEqual([]);
    });

    it('takes glob characters in a list prefix literally', async () => {
      await store.set('mute:[ops]*:C1', 1);
      await store.set('mute:o:C1', 2);
      await store.set('mute:p*:C1', 3);
      await store.set('mute:x?y', 4);
      await store.set('mute:xzy', 5);
      await store.set('mute:a\\b', 6);
      await store.set('mute:ab', 7);
      expect(await store.list('mute:[ops]*')).toEqual([{ key: 'mute:[ops]*:C1', value: 1 }]);
      expect(await store.list('mute:x?')).toEqual([{ key: 'mute:x?y', value: 4 }]);
      expect(await store.list('mute:a\\')).toEqual([{ key: 'mute:a\\b', value: 6 }]);
    });

    it("lets the first claim win; later claims lose and leave the winner's value", async () => {
      const key = 'digest:delivery:morning:2026-11-23T01:00:00.000Z';
      expect(await store.claim(key, { by: 'first' })).toBe(true);
      expect(await store.claim(key, { by: 'second' })).toBe(false);
      expect(await store.get(key)).toEqual({ by: 'first' });
    });

    it('can claim a key again once it is deleted', async () => {
      await store.claim('lock:digest', { by: 'first' });
      await store.delete('lock:digest');
      expect(await store.claim('lock:digest', { by: 'second' })).toBe(true);
      expect(await store.get('lock:digest')).toEqual({ by: 'second' });
    });

    it('gives exactly one of 50 concurrent claims of one key the win, and keeps its value', async () => {
      const key = 'digest:delivery:morning:2026-11-23T01:00:00.000Z';
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, caller) => store.claim(key, { caller })),
      );
      const winners = results.flatMap((won, caller) => (won ? [caller] : []));
      expect(winners).toHaveLength(1);
      expect(await store.get(key)).toEqual({ caller: winners[0] });
    });

    it('compare-and-set replaces or deletes a document only while it still equals the expected one', async () => {
      const key = 'lease:digest:morning@2026-11-23T09:00';
      const mine = { owner: 'host-a:1f2e', until: 1000 };
      expect(await store.compareAndSet(key, undefined, mine)).toBe(true);
      // Absent was expected, but it is there now.
      expect(await store.compareAndSet(key, undefined, { owner: 'host-b:9a8b', until: 1000 })).toBe(false);
      // A reader's copy (parsed back from the store) compares equal to what was written.
      const read = await store.get(key);
      expect(await store.compareAndSet(key, read, { owner: 'host-a:1f2e', until: 2000 })).toBe(true);
      // The old value no longer matches: a renewal by someone holding a stale copy fails.
      expect(await store.compareAndSet(key, mine, { owner: 'host-c:0000', until: 3000 })).toBe(false);
      expect(await store.get(key)).toEqual({ owner: 'host-a:1f2e', until: 2000 });
      expect(await store.compareAndSet(key, { owner: 'host-a:1f2e', until: 2000 }, undefined)).toBe(true);
      expect(await store.get(key)).toBeNull();
      // Deleting an absent key that was expected absent is a success that changes nothing.
      expect(await store.compareAndSet(key, undefined, undefined)).toBe(true);
      expect(await store.list('lease:')).toEqual([]);
    });

    it('compare-and-set compares top-level scalars and null exactly, not loosely', async () => {
      await store.set('n', 0);
      expect(await store.compareAndSet('n', null, 1)).toBe(false);
      expect(await store.compareAndSet('n', '0', 1)).toBe(false);
      expect(await store.compareAndSet('n', 0, null)).toBe(true);
      expect(await store.compareAndSet('n', null, 'x')).toBe(true);
      expect(await store.get('n')).toBe('x');
    });

    it('lets exactly one of 20 concurrent compare-and-sets from one value win', async () => {
      await store.set('lease:rule', { owner: 'gone', until: 0 });
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, caller) =>
          store.compareAndSet('lease:rule', { owner: 'gone', until: 0 }, { owner: `r${caller}`, until: 1 }),
        ),
      );
      const winners = results.flatMap((won, caller) => (won ? [caller] : []));
      expect(winners).toHaveLength(1);
      expect(await store.get('lease:rule')).toEqual({ owner: `r${winners[0]}`, until: 1 });
    });

    it('compare-and-set writes a ttl when given one, and an expired document counts as absent', async () => {
      const ttlMs = subject.shortTtlMs;
      expect(await store.compareAndSet('ttl:lease', undefined, 'held', { ttlMs })).toBe(true);
      await subject.elapse(ttlMs);
      expect(await store.get('ttl:lease')).toBeNull();
      expect(await store.compareAndSet('ttl:lease', 'held', 'renewed too late')).toBe(false);
      expect(await store.compareAndSet('ttl:lease', undefined, 'taken again')).toBe(true);
      expect(await store.get('ttl:lease')).toBe('taken again');
    });

    it('expires documents written with a ttl: get, list and claim then treat them as absent', async () => {
      const ttlMs = subject.shortTtlMs;
      await store.set('ttl:set', 'short-lived', { ttlMs });
      await store.claim('ttl:claimed', 'first', { ttlMs });
      await store.set('ttl:kept', 'no ttl');
      await store.set('ttl:renewed', 'was short-lived', { ttlMs });
      await store.set('ttl:renewed', 'a plain set clears the ttl');
      expect(await store.get('ttl:set')).toBe('short-lived');
      expect(await store.claim('ttl:claimed', 'too early', { ttlMs })).toBe(false);

      await subject.elapse(ttlMs);

      expect(await store.get('ttl:set')).toBeNull();
      expect(await store.list('ttl:')).toEqual([
        { key: 'ttl:kept', value: 'no ttl' },
        { key: 'ttl:renewed', value: 'a plain set clears the ttl' },
      ]);
      expect(await store.claim('ttl:claimed', 'after expiry')).toBe(true);
      expect(await store.get('ttl:claimed')).toBe('after expiry');
    });

    it('rejects a value with no JSON form and a ttl that is not a positive duration, writing nothing', async () => {
      await expect(store.set('bad:undefined', undefined)).rejects.toThrow(TypeError);
      await expect(store.claim('bad:function', () => 1)).rejects.toThrow(TypeError);
      await expect(store.set('bad:zero', 1, { ttlMs: 0 })).rejects.toThrow(RangeError);
      await expect(store.claim('bad:negative', 1, { ttlMs: -5 })).rejects.toThrow(RangeError);
      await expect(store.set('bad:nan', 1, { ttlMs: Number.NaN })).rejects.toThrow(RangeError);
      expect(await store.list('bad:')).toEqual([]);
    });

    it('refuses work after close, and closing twice is harmless', async () => {
      await store.set('k', 1);
      await store.close();
      await store.close();
      await expect(store.get('k')).rejects.toThrow();
      await expect(store.set('k', 2)).rejects.toThrow();
    });
  });
}
