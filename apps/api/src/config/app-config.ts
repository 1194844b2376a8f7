import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsIP,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import { Describe } from './describe.decorator';
import { parseTurnUrls } from '../turn/turn-urls';
import { parseReminderOffsets } from '../notifications/reminder-offsets';
import { parseAllowedInternalIssuers, parseDnsServers } from '../sso/sso-network-settings';

export type RuntimeEnvironment = 'development' | 'test' | 'production';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const MEDIA_LOG_LEVELS = ['debug', 'warn', 'error', 'none'] as const;

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (value === 'true' || value === '1' || value === true) return true;
  if (value === 'false' || value === '0' || value === false) return false;
  return value;
};
/** A switch a person types: on/off as well as true/false and 1/0. */
const toSwitch = ({ value }: { value: unknown }) => (value === 'on' ? true : value === 'off' ? false : toBool({ value }));
const isProduction = (config: AppConfig) => config.NODE_ENV === 'production';
/** A percentage as PLATFORM_FEE_PERCENT takes it: up to three digits, at most two decimals. */
const FEE_PERCENT = /^\d{1,3}(\.\d{1,2})?$/;

/**
 * Every setting the platform reads, validated once at start. Property names are the
 * environment variable names, so an error message names exactly what to fix. Secrets
 * have no defaults: outside production they are generated once into the data folder
 * (see local-secrets.ts); in production they must be given.
 */
export class AppConfig {
  @Describe('development, test or production. Production refuses development-only features and demands every secret.')
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: RuntimeEnvironment = 'development';

  @Describe('Address the HTTP and socket.io server binds to. Use 0.0.0.0 in a container.')
  @IsIP()
  HOST = '127.0.0.1';

  @Describe('HTTP port for the API, signaling and the web client.')
  @Transform(toInt)
  @Min(1)
  @Max(65535)
  @IsInt()
  PORT = 3000;

  @Describe('postgres:// URL of an existing PostgreSQL, as the role that owns the schema (runs migrations). Unset outside production: an embedded PostgreSQL runs from DATA_DIR.')
  @ValidateIf((config: AppConfig) => isProduction(config) || config.DATABASE_URL !== undefined)
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL (required in production)' })
  DATABASE_URL?: string;

  @Describe('postgres:// URL the running app uses: a role that owns no table and cannot bypass row-level security (member of vetmeet_app). Required in production; derived locally.')
  @ValidateIf((config: AppConfig) => isProduction(config) || config.DATABASE_APP_URL !== undefined)
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL (required in production)' })
  DATABASE_APP_URL?: string;

  @Describe('Folder for local state: the embedded PostgreSQL data and generated local secrets.')
  @IsString()
  @MinLength(1)
  DATA_DIR = './data';

  @Describe('Loopback port of the embedded PostgreSQL (only used without DATABASE_URL).')
  @Transform(toInt)
  @Min(1024)
  @Max(65535)
  @IsInt()
  EMBEDDED_POSTGRES_PORT = 54329;

  @Describe("Most connections the running app keeps open to PostgreSQL (2 to 200). Each request's transaction holds one while it runs, and a burst of bookings for one consultant queues on that consultant's calendar holding theirs; keep it under the server's max_connections, shared with every other process.")
  @Transform(toInt)
  @Min(2)
  @Max(200)
  @IsInt()
  DATABASE_POOL_SIZE = 10;

  @Describe(
    'redis:// or rediss:// URL of a Redis (or Valkey) that keeps the rate limits\' counters for every node of ' +
      'the deployment, with its credentials if it needs them. Unset: they are kept in PostgreSQL, which also holds ' +
      'across nodes and restarts. Set it when many nodes make that table busy. Reachable at start, or the start fails.',
  )
  @IsOptional()
  @MaxLength(2048)
  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @Describe(
    'Most HTTP API requests (/api/...) one client address may make per minute, signed in or not (0 switches the ' +
      'limit off). Generous on purpose: a clinic behind one NAT address shares it. Past it the API answers 429 ' +
      'RATE_LIMITED with Retry-After.',
  )
  @Transform(toInt)
  @Min(0)
  @Max(1_000_000)
  @IsInt()
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE = 1200;

  @Describe(
    'Most HTTP API requests one signed-in account may make per minute, from wherever it connects (0 switches the ' +
      'limit off). A person clicking through pages makes a few a second at most; this stops a stolen session or a ' +
      'runaway script. Past it the API answers 429 RATE_LIMITED with Retry-After.',
  )
  @Transform(toInt)
  @Min(0)
  @Max(1_000_000)
  @IsInt()
  RATE_LIMIT_PER_ACCOUNT_PER_MINUTE = 600;

  @Describe('Secret that signs sessions (32+ characters). Required in production; generated into DATA_DIR otherwise.')
  @ValidateIf((config: AppConfig) => isProduction(config) || config.SESSION_SECRET !== undefined)
  @MaxLength(512)
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters (required in production)' })
  SESSION_SECRET?: string;

  @Describe('Number of mediasoup workers. Default: one per CPU core.')
  @IsOptional()
  @Transform(toInt)
  @Min(1)
  @Max(128)
  @IsInt()
  MEDIA_WORKERS?: number;

  @Describe('Local IP the media server (WebRtcServer) listens on for WebRTC.')
  @IsIP()
  MEDIA_LISTEN_IP = '127.0.0.1';

  @Describe('Public IP or host name announced to browsers in ICE candidates, when it differs from MEDIA_LISTEN_IP (NAT, containers).')
  @IsOptional()
  @IsString()
  @MaxLength(253)
  MEDIA_ANNOUNCED_ADDRESS?: string;

  @Describe('First WebRTC port: worker N listens on UDP and TCP port MEDIA_RTC_PORT + N, so a firewall opens one port per core.')
  @Transform(toInt)
  @Min(1024)
  @Max(65000)
  @IsInt()
  MEDIA_RTC_PORT = 40000;

  @Describe('Send and receive buffer of each worker\'s WebRTC socket, in bytes (the kernel caps it at net.core.rmem_max / wmem_max; raise those on media hosts). Big enough to hold the incoming media while the worker is briefly off its core; 0 keeps the kernel default (about 208 KiB, a few milliseconds at full load).')
  @Transform(toInt)
  @Min(0)
  @Max(64 * 1024 * 1024)
  @IsInt()
  MEDIA_SOCKET_BUFFER_BYTES = 4 * 1024 * 1024;

  @Describe('How long an empty consultation room keeps its media and places (admission, lock) before it closes, in seconds.')
  @Transform(toInt)
  @Min(0)
  @Max(3600)
  @IsInt()
  ROOM_EMPTY_GRACE_SECONDS = 60;

  @Describe('Minutes before a consultation\'s start that its room opens for joining (0 to 240).')
  @Transform(toInt)
  @Min(0)
  @Max(240)
  @IsInt()
  CONSULTATION_JOIN_OPENS_MINUTES = 15;

  @Describe('Minutes after a consultation\'s end that its room still lets people (back) in (0 to 240). When this window closes, a consultation in progress is marked ended and one that never started a no-show.')
  @Transform(toInt)
  @Min(0)
  @Max(240)
  @IsInt()
  CONSULTATION_JOIN_CLOSES_MINUTES = 30;

  @Describe('Seconds between two sweeps that close consultations whose join window has closed (ended if in progress, else no-show). 0 switches the sweep off (tests run it directly).')
  @Transform(toInt)
  @Min(0)
  @Max(3600)
  @IsInt()
  CONSULTATION_SWEEP_SECONDS = 60;

  @Describe('Minutes a slot stays held for an owner while they pay (1 to 60); when the hold lapses the slot is free again and the unpaid payment is cancelled.')
  @Transform(toInt)
  @Min(1)
  @Max(60)
  @IsInt()
  BOOKING_HOLD_MINUTES = 15;

  @Describe('Refund policy: an owner who cancels or reschedules at least this many hours before the start is refunded in full; later, not at all (0 to 720). A consultant\'s cancellation or decline always refunds in full.')
  @Transform(toInt)
  @Min(0)
  @Max(720)
  @IsInt()
  BOOKING_FULL_REFUND_NOTICE_HOURS = 24;

  @Describe('Seconds between two booking sweeps: lapsed holds are released (their unpaid payments cancelled) and requests nobody accepted before their start are declined and refunded. 0 switches the sweep off (tests run it directly).')
  @Transform(toInt)
  @Min(0)
  @Max(3600)
  @IsInt()
  BOOKING_SWEEP_SECONDS = 30;

  @Describe('mediasoup worker log level: debug, warn, error or none.')
  @IsIn(MEDIA_LOG_LEVELS)
  MEDIA_LOG_LEVEL: (typeof MEDIA_LOG_LEVELS)[number] = 'warn';

  @Describe('DNS servers that SSO domain verification asks for the _vetmeet-verification TXT record: comma-separated addresses, optionally with a port (1.1.1.1, 8.8.8.8:53, [2606:4700::1]:53). Unset: the system resolvers.')
  @ValidateIf((config: AppConfig) => config.SSO_DNS_SERVERS !== undefined)
  @ValidateBy({
    name: 'dnsServers',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseDnsServers(value) !== undefined,
      defaultMessage: () => 'must be 1 to 4 comma-separated IP addresses, each optionally with :port',
    },
  })
  SSO_DNS_SERVERS?: string;

  @Describe('Issuers on an internal network (loopback, private, link-local) that clinics may still use for single sign-on in production, e.g. a self-hosted Keycloak: comma-separated origins (https://sso.internal.example). Unset: production refuses every issuer whose host resolves to such an address.')
  @ValidateIf((config: AppConfig) => config.SSO_ALLOWED_INTERNAL_ISSUERS !== undefined)
  @ValidateBy({
    name: 'internalIssuers',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseAllowedInternalIssuers(value) !== undefined,
      defaultMessage: () => 'must be 1 to 20 comma-separated origins such as https://sso.internal.example',
    },
  })
  SSO_ALLOWED_INTERNAL_ISSUERS?: string;

  @Describe('TURN servers for browsers whose network blocks direct media (UDP and the media ports): comma-separated turn: or turns: URIs, e.g. "turn:turn.vetmeet.example:3478?transport=udp,turns:turn.vetmeet.example:443?transport=tcp". The server must use coturn\'s REST-secret scheme (use-auth-secret) with TURN_SECRET. Unset: no relay, browsers connect directly.')
  @ValidateIf((config: AppConfig) => config.TURN_URLS !== undefined || config.TURN_SECRET !== undefined)
  @ValidateBy({
    name: 'turnUrls',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && value.length <= 2048 && parseTurnUrls(value) !== undefined,
      defaultMessage: () => 'must be 1 to 10 comma-separated turn: or turns: URIs such as turn:turn.example:3478?transport=udp (required with TURN_SECRET)',
    },
  })
  TURN_URLS?: string;

  @Describe('Shared secret of the TURN servers (coturn static-auth-secret): Vetmeet signs short-lived TURN credentials with it, so no TURN password is stored. Required with TURN_URLS; there is no default.')
  @ValidateIf((config: AppConfig) => config.TURN_URLS !== undefined || config.TURN_SECRET !== undefined)
  @MaxLength(512)
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters (required with TURN_URLS)' })
  TURN_SECRET?: string;

  @Describe('Seconds a TURN credential stays valid (600 to 86400). A browser that reconnects mid-call (network change, ICE restart) allocates a new relay with the credential it was given, so this should outlast a consultation; shorter limits what a leaked credential is worth.')
  @Transform(toInt)
  @Min(600)
  @Max(86400)
  @IsInt()
  TURN_CREDENTIAL_TTL_SECONDS = 14400;

  @Describe('Enables the unauthenticated development media loopback (/dev/media-check). Default: on in development only; refused in production.')
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  DEV_MEDIA_LOOPBACK?: boolean;

  @Describe('Log level: fatal, error, warn, info, debug, trace or silent.')
  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @Describe('Folder of the built web client, served at /.')
  @IsString()
  WEB_DIST_DIR = 'dist/web';

  @Describe('Seconds a request body (JSON) has to arrive in full before the request is answered 408 and its connection closed (1 to 600). File uploads are not held to it: they may take up to 30 minutes.')
  @Transform(toInt)
  @Min(1)
  @Max(600)
  @IsInt()
  REQUEST_BODY_TIMEOUT_SECONDS = 30;

  @Describe('Seconds the server waits for rooms and connections to close on SIGTERM before it exits anyway.')
  @Transform(toInt)
  @Min(1)
  @Max(300)
  @IsInt()
  SHUTDOWN_TIMEOUT_SECONDS = 20;

  @Describe('Bearer token a metrics scraper sends to GET /metrics (Authorization: Bearer ...), at least 32 characters. Unset: in development /metrics answers only requests made on this machine directly (loopback, not through a proxy); in production nobody. There is no default.')
  @IsOptional()
  @MaxLength(512)
  @Matches(/^[\x21-\x7e]{32,}$/, { message: 'must be at least 32 printable characters without spaces' })
  METRICS_TOKEN?: string;

  @Describe('smtp:// or smtps:// URL of the mail server, with its credentials if it needs them (smtps://user:password@mail.example:465). smtp:// upgrades with STARTTLS, which production demands except on loopback. Required in production; unset in development, the development mailbox receives every email.')
  @ValidateIf((config: AppConfig) => isProduction(config) || config.SMTP_URL !== undefined)
  @MaxLength(2048)
  @Matches(/^smtps?:\/\/[^\s/?#]+\/?$/, { message: 'must be an smtp:// or smtps:// URL without a path (required in production)' })
  SMTP_URL?: string;

  @Describe('Sender of every email, as an address or "Name <address>". Required in production; Vetmeet <no-reply@localhost> otherwise.')
  @ValidateIf((config: AppConfig) => isProduction(config) || config.MAIL_FROM !== undefined)
  @MaxLength(320)
  @Matches(/^(?:[^<>\r\n@]+ <[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, { message: 'must be an email address or "Name <address>" (required in production)' })
  MAIL_FROM?: string;

  @Describe('Public address of the web client, the base of every link in emails (https://vetmeet.example). Required in production, where it must be https; http://localhost:PORT otherwise.')
  @ValidateIf((config: AppConfig) => isProduction(config) || config.PUBLIC_URL !== undefined)
  @ValidateBy({
    name: 'httpsInProduction',
    validator: { validate: (url: unknown, args) => !isProduction(args?.object as AppConfig) || String(url).startsWith('https://'), defaultMessage: () => 'must be an https:// URL in production: links in emails carry tokens' },
  })
  @MaxLength(2048)
  @Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'must be an http(s):// URL without query or fragment (required in production)' })
  PUBLIC_URL?: string;

  @Describe('Runs the development mailbox: an SMTP server on loopback (DEV_SMTP_PORT) whose messages are shown at /dev/mailbox. Default: on in development when SMTP_URL is unset; refused in production.')
  @IsOptional()
  @Transform(toBool)
  @IsBoolean()
  @ValidateBy({
    name: 'offInProduction',
    validator: { validate: (on: unknown, args) => !(on === true && isProduction(args?.object as AppConfig)), defaultMessage: () => 'must be false in production: the development mailbox is unauthenticated and shows every email' },
  })
  DEV_MAILBOX?: boolean;

  @Describe('Seeds a clearly labelled demo (a clinic, two consultants, a pet owner, an operator) at start when the database is empty, and shows its sign-ins on the sign-in page. Default: on in development, off in test; refused in production.')
  @IsOptional()
  @Transform(toSwitch)
  @IsBoolean({ message: 'must be on or off' })
  @ValidateBy({
    name: 'demoOffInProduction',
    validator: { validate: (on: unknown, args) => !(on === true && isProduction(args?.object as AppConfig)), defaultMessage: () => 'must be off in production: the demo accounts\' passwords are shown to anyone on the sign-in page' },
  })
  DEMO_DATA?: boolean;

  @Describe('Loopback port of the development mailbox\'s SMTP server (only used when DEV_MAILBOX is on).')
  @Transform(toInt)
  @Min(1024)
  @Max(65535)
  @IsInt()
  DEV_SMTP_PORT = 1025;

  @Describe('When booking reminders are emailed: comma-separated minutes before the start, each 1 to 10080 (a week), at most five, e.g. "1440,15" for 24 hours and 15 minutes before.')
  @ValidateBy({
    name: 'reminderMinutes',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseReminderOffsets(value) !== undefined,
      defaultMessage: () => 'must be 1 to 5 different whole numbers of minutes from 1 to 10080, comma-separated, such as 1440,15',
    },
  })
  BOOKING_REMINDER_MINUTES = '1440,15';

  @Describe('Seconds between two passes of the booking email sender over its outbox (due notices, reminders, retries). 0 switches it off (tests run it directly).')
  @Transform(toInt)
  @Min(0)
  @Max(3600)
  @IsInt()
  NOTIFICATION_POLL_SECONDS = 30;

  @Describe('Master keys that wrap every file\'s data key: "id:BASE64(32 bytes)", comma-separated, the first one current (older ones still decrypt, for rotation). Required in production; generated into DATA_DIR otherwise.')
  @ValidateIf((config: AppConfig) => isProduction(config) || config.MASTER_KEYS !== undefined)
  @IsString({ message: 'must be "id:BASE64" entries (required in production)' })
  @MinLength(1, { message: 'must be "id:BASE64" entries (required in production)' })
  MASTER_KEYS?: string;

  @Describe('Most megabytes of files one account may keep in its pets\' records (1 to 1048576); deleting files frees space. An upload past it is refused with STORAGE_QUOTA_EXCEEDED and nothing of it is kept.')
  @Transform(toInt)
  @Min(1)
  @Max(1_048_576)
  @IsInt()
  STORAGE_QUOTA_MB = 2048;

  @Describe('Most megabytes of files one person may share in one consultation\'s chat (1 to 102400). A share past it is refused with STORAGE_QUOTA_EXCEEDED and nothing of it is kept.')
  @Transform(toInt)
  @Min(1)
  @Max(102_400)
  @IsInt()
  CONSULTATION_FILES_QUOTA_MB = 500;

  @Describe('Hours a support review of a recording lasts once opened with its reason (1 to 720); withdrawing the owner\'s support_review consent ends it at once.')
  @Transform(toInt)
  @Min(1)
  @Max(720)
  @IsInt()
  RECORDING_REVIEW_GRANT_HOURS = 72;

  @Describe('Where attachment bodies are kept, always encrypted: local (a folder, STORAGE_DIR) or s3 (an S3-compatible object store, S3_*).')
  @IsIn(['local', 's3'])
  STORAGE_DRIVER: 'local' | 's3' = 'local';

  @Describe('Folder of the local object store (STORAGE_DRIVER=local). Default: DATA_DIR/objects.')
  @IsOptional()
  @IsString()
  @MinLength(1)
  STORAGE_DIR?: string;

  @Describe('URL of an S3-compatible object store (http://minio:9000, https://s3.example.com). Unset: AWS S3 in S3_REGION.')
  @IsOptional()
  @MaxLength(2048)
  @Matches(/^https?:\/\/[^\s/?#]+\/?$/, { message: 'must be an http(s):// URL without a path' })
  S3_ENDPOINT?: string;

  @Describe('Region of the bucket (us-east-1 for most S3-compatible stores). Required with STORAGE_DRIVER=s3.')
  @ValidateIf((config: AppConfig) => config.STORAGE_DRIVER === 's3' || config.S3_REGION !== undefined)
  @Matches(/^[a-z0-9-]{1,64}$/, { message: 'must be a region name such as eu-central-1 (required with STORAGE_DRIVER=s3)' })
  S3_REGION?: string;

  @Describe('Bucket that holds the encrypted objects. Required with STORAGE_DRIVER=s3.')
  @ValidateIf((config: AppConfig) => config.STORAGE_DRIVER === 's3' || config.S3_BUCKET !== undefined)
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name (required with STORAGE_DRIVER=s3)' })
  S3_BUCKET?: string;

  @Describe('Access key id for the bucket. Required with STORAGE_DRIVER=s3.')
  @ValidateIf((config: AppConfig) => config.STORAGE_DRIVER === 's3' || config.S3_ACCESS_KEY_ID !== undefined)
  @MaxLength(256)
  @IsString()
  @MinLength(1, { message: 'must be given (required with STORAGE_DRIVER=s3)' })
  S3_ACCESS_KEY_ID?: string;

  @Describe('Secret access key for the bucket. Required with STORAGE_DRIVER=s3; there is no default.')
  @ValidateIf((config: AppConfig) => config.STORAGE_DRIVER === 's3' || config.S3_SECRET_ACCESS_KEY !== undefined)
  @MaxLength(256)
  @IsString()
  @MinLength(1, { message: 'must be given (required with STORAGE_DRIVER=s3)' })
  S3_SECRET_ACCESS_KEY?: string;

  @Describe('Addresses the bucket as ENDPOINT/BUCKET rather than BUCKET.ENDPOINT, as MinIO and most self-hosted S3-compatible stores need.')
  @Transform(toBool)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = false;

  @Describe('Stripe secret key (sk_live_..., sk_test_... or a restricted rk_... key): payments go through Stripe. Required in production; unset elsewhere, the app runs in the local test payment mode, where no money moves. There is no default.')
  @ValidateIf((config: AppConfig) => isProduction(config) || config.STRIPE_SECRET_KEY !== undefined)
  @MaxLength(512)
  @Matches(/^(sk|rk)_[A-Za-z0-9_]{8,}$/, { message: 'must be a Stripe secret key (sk_... or rk_...); required in production, where the local test payment mode is refused' })
  STRIPE_SECRET_KEY?: string;

  @Describe('Stripe publishable key (pk_...), handed to the browser so Stripe\'s Payment Element collects the card: card data never reaches Vetmeet. Without it, a Stripe payment cannot be confirmed in the browser.')
  @IsOptional()
  @MaxLength(512)
  @Matches(/^pk_[A-Za-z0-9_]{8,}$/, { message: 'must be a Stripe publishable key (pk_...)' })
  STRIPE_PUBLISHABLE_KEY?: string;

  @Describe('Signing secret (whsec_...) of the Stripe webhook endpoint /api/payments/stripe/webhook: every event is verified with it. Required with STRIPE_SECRET_KEY; there is no default.')
  @ValidateIf((config: AppConfig) => config.STRIPE_SECRET_KEY !== undefined || config.STRIPE_WEBHOOK_SECRET !== undefined)
  @MaxLength(512)
  @Matches(/^whsec_\S{8,}$/, { message: 'must be the webhook endpoint\'s signing secret (whsec_...); required with STRIPE_SECRET_KEY' })
  STRIPE_WEBHOOK_SECRET?: string;

  @Describe(
    'Signing secret (whsec_...) of the Stripe Connect webhook endpoint /api/payments/stripe/connect-webhook (a second ' +
      'endpoint, "listen to events on connected accounts", subscribed to account.updated): clinics\' account status is ' +
      'kept from it. Required in production with STRIPE_SECRET_KEY; there is no default.',
  )
  @ValidateIf(
    (config: AppConfig) =>
      (isProduction(config) && config.STRIPE_SECRET_KEY !== undefined) || config.STRIPE_CONNECT_WEBHOOK_SECRET !== undefined,
  )
  @MaxLength(512)
  @Matches(/^whsec_\S{8,}$/, {
    message: 'must be the Connect webhook endpoint\'s signing secret (whsec_...); required in production with STRIPE_SECRET_KEY',
  })
  STRIPE_CONNECT_WEBHOOK_SECRET?: string;

  @Describe(
    'The platform\'s fee on each booking, in percent of its price (0 to 100, at most two decimals), held back from what ' +
      'is paid to the clinic\'s Stripe account; rounded to the nearest minor unit, halves up. Default 0.',
  )
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && FEE_PERCENT.test(value) ? Number(value) : value))
  @ValidateBy({
    name: 'feePercent',
    validator: {
      // At most two decimals: the fee is worked out in hundredths of a percent (platformFee).
      validate: (value: unknown) =>
        typeof value === 'number' && value >= 0 && value <= 100 && Number.isInteger(Number((value * 100).toFixed(6))),
      defaultMessage: () => 'must be a percentage from 0 to 100 with at most two decimals (e.g. 7.5)',
    },
  })
  PLATFORM_FEE_PERCENT = 0;

  @Describe('http(s):// URL of a stand-in for Stripe\'s API (the local Stripe fake in tests). Unset: api.stripe.com. Refused in production.')
  @IsOptional()
  @MaxLength(2048)
  @Matches(/^https?:\/\/[^\s/?#]+\/?$/, { message: 'must be an http(s):// URL without a path' })
  @ValidateBy({
    name: 'unsetInProduction',
    validator: { validate: (_: unknown, args) => !isProduction(args?.object as AppConfig), defaultMessage: () => 'must not be set in production: payments go to Stripe itself there' },
  })
  STRIPE_API_URL?: string;

  @Describe('Reverse proxies in front of the app whose X-Forwarded-For is believed, as Express reads "trust proxy": a hop count (1) or addresses/subnets ("loopback", "10.0.0.0/8"). Unset: none, the socket address is the client.')
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value))
  @ValidateBy({
    name: 'trustProxy',
    validator: {
      validate: (value: unknown) =>
        (typeof value === 'number' && value >= 0 && value <= 10) ||
        (typeof value === 'string' && /^[\w.:/, -]{1,200}$/.test(value) && value !== 'true'),
      defaultMessage: () => 'must be a hop count (0-10) or addresses/subnets such as "loopback" or "10.0.0.0/8"; "true" would trust any client',
    },
  })
  TRUST_PROXY?: number | string;
}
