import { ByteQueue } from './byte-queue';

describe(ByteQueue.name, () => {
  it('cuts frames across and inside the pieces it was given, in order', () => {
    const queue = new ByteQueue();
    queue.push(Buffer.from('abc'));
    queue.push(Buffer.alloc(0));
    queue.push(Buffer.from('defgh'));
    queue.push(Buffer.from('ij'));
    expect(queue.length).toBe(10);
    expect(queue.take(2).toString()).toBe('ab');
    expect(queue.take(4).toString()).toBe('cdef');
    expect(queue.take(1).toString()).toBe('g');
    expect(queue.length).toBe(3);
    expect(queue.takeAll().toString()).toBe('hij');
    expect(queue.length).toBe(0);
    expect(queue.takeAll().length).toBe(0);
  });

  it('refuses to take more than it holds', () => {
    const queue = new ByteQueue();
    queue.push(Buffer.from('ab'));
    expect(() => queue.take(3)).toThrow(RangeError);
  });
});
