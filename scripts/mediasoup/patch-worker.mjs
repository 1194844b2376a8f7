// Edits a copy of mediasoup's worker/ sources before building it against
// Debian's libraries. Every edit must match exactly once: if mediasoup's code
// moved, the build stops here instead of producing a worker without the fix.
// Usage: node patch-worker.mjs <worker-copy-dir>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const EDITS = [
  {
    // Debian 12 ships meson 1.0.1; nothing in this build needs 1.1.
    file: 'meson.build',
    find: /meson_version\s*:\s*'>=\s*1\.[1-9][0-9.]*'/g,
    replace: "meson_version: '>= 1.0.0'",
  },
  {
    // Debian's libssl3 is built with kernel TLS. OpenSSL asks the memory BIO
    // whether it does ktls send (a BIO_ctrl call that reaches this callback
    // with a type other than BIO_CB_RETURN alone). The equality test answers 1
    // ("yes") to that, so OpenSSL never allocates its DTLS write buffer and the
    // worker dies with SIGSEGV at the first browser DTLS handshake. Testing the
    // flag returns the real result for every "after the call" callback.
    file: 'src/RTC/DtlsTransport.cpp',
    find: /\(operationType == BIO_CB_RETURN\) \? static_cast<long>\(ret\) : 1/g,
    replace: '(operationType & BIO_CB_RETURN) ? static_cast<long>(ret) : 1',
  },
];

const dir = process.argv[2];

if (!dir) {
  console.error('usage: node patch-worker.mjs <worker-copy-dir>');
  process.exit(2);
}

let failed = false;

for (const { file, find, replace } of EDITS) {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  const count = (text.match(find) ?? []).length;

  if (count !== 1) {
    console.error(
      `PATCH FAILED: ${file}: expected exactly 1 match of ${find}, found ${count}`,
    );
    failed = true;
    continue;
  }

  const patched = text.replace(find, replace);

  if (!patched.includes(replace)) {
    console.error(`PATCH FAILED: ${file}: edit did not take`);
    failed = true;
    continue;
  }

  writeFileSync(path, patched);
}

if (failed) {
  console.error('mediasoup worker sources changed; update scripts/mediasoup/patch-worker.mjs');
  process.exit(1);
}
