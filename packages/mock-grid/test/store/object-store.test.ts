import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/index.js';
import { ObjectStore } from '../../src/store/object-store.js';

// The store's room (docs/mock-grid.md "Object store"): past `maxTotalBytes`, delivered /v1 results go first.
const KB = 1024;

function storeWith(live: Set<string>) {
  return new ObjectStore(new ManualClock(), (id) => live.has(id), {
    maxObjectBytes: 10 * KB,
    maxTotalBytes: 30 * KB,
  });
}

describe('ObjectStore room', () => {
  it('deletes delivered results, oldest first, to take a new upload; their URLs then find nothing', () => {
    const live = new Set(['r-new']);
    const store = storeWith(live);
    for (const id of ['r1', 'r2', 'r3']) {
      live.add(id);
      expect(store.write(`${id}.png`, id, new Uint8Array(10 * KB), 'image/png')).toBe(true);
      store.pin(`${id}.png`, 1800); // handed out as a URL…
      live.delete(id); // …and its request is over
    }
    expect(store.bytes).toBe(30 * KB);
    expect(store.write('new.png', 'r-new', new Uint8Array(5 * KB), 'image/png')).toBe(true);
    expect(store.read('r1.png')).toBeUndefined(); // the oldest went
    expect(store.read('r2.png')).toBeDefined();
    expect(store.bytes).toBe(25 * KB);
  });

  it('refuses (nothing deleted) when only objects of live requests hold the room', () => {
    const live = new Set(['a', 'b', 'c', 'd']);
    const store = storeWith(live);
    for (const id of ['a', 'b', 'c'])
      expect(store.write(`${id}.png`, id, new Uint8Array(10 * KB), null)).toBe(true);
    expect(store.write('d.png', 'd', new Uint8Array(KB), null)).toBe(false);
    expect(store.size).toBe(3);
    expect(store.bytes).toBe(30 * KB);
  });

  it('replacing an object counts only the difference', () => {
    const store = storeWith(new Set(['a']));
    expect(store.write('a.png', 'a', new Uint8Array(10 * KB), null)).toBe(true);
    expect(store.write('a.png', 'a', new Uint8Array(4 * KB), null)).toBe(true);
    expect(store.bytes).toBe(4 * KB);
  });
});
