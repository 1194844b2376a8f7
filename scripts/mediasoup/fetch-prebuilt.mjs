// Downloads mediasoup's prebuilt worker tarball, and nothing else.
// mediasoup's npm-scripts.mjs has no entry point for just the download: its
// `postinstall` falls back to a pip + meson-wrap build when the download
// fails, which cannot work on these machines. So this mirrors its URL rule
// (downloadPrebuiltWorker / getWorkerPrebuildTarName), including its
// MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL override, with a timeout.
// Usage: node fetch-prebuilt.mjs <mediasoup-package-dir> <output.tgz>
// Exit 0 with the tarball written, or 1 with one line on stderr.
import { readFileSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { join } from 'node:path';

const TIMEOUT_MS = Number(process.env.MEDIASOUP_PREBUILT_TIMEOUT_MS ?? 20_000);
const [pkgDir, outFile] = process.argv.slice(2);
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

let tarName = `mediasoup-worker-${pkg.version}-${os.platform()}-${os.arch()}`;
if (os.platform() === 'linux') {
  tarName += `-kernel${Number(os.release().split('.')[0])}`;
}
tarName += '.tgz';

const base =
  process.env.MEDIASOUP_WORKER_PREBUILT_DOWNLOAD_BASE_URL ||
  `${pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '')}/releases/download`;
const url = `${base}/${pkg.version}/${tarName}`;

try {
  const res = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  writeFileSync(outFile, Buffer.from(await res.arrayBuffer()));
} catch (error) {
  const reason = error.cause?.code ?? error.name ?? 'error';
  console.error(`no prebuilt worker from ${url} (${reason}: ${error.message})`);
  process.exit(1);
}
