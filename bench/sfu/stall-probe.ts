/**
 * How long the machine keeps a process off its core: a timer every 5 ms, and the longest gap
 * beyond that since the last reading. The bench runs one per core above its own processes'
 * priority (see main.ts), so what it sees is the machine (interrupts, the hypervisor, other
 * processes when the bench cannot run real-time), never the worker's or generator's own load.
 *
 * Usage (by the bench only): node -r bench/sfu/register-ts.cjs stall-probe.ts; each IPC
 * message is answered with { maxMs } and starts a new reading.
 */
const INTERVAL_MS = 5;
let last = performance.now();
let maxMs = 0;
setInterval(() => {
  const now = performance.now();
  maxMs = Math.max(maxMs, now - last - INTERVAL_MS);
  last = now;
}, INTERVAL_MS);
process.on('message', () => {
  process.send?.({ maxMs });
  maxMs = 0;
});
process.on('disconnect', () => process.exit(0));
process.send?.({ maxMs: 0 });
