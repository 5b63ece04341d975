import pino from 'pino';

/**
 * The sidecar's one logger: JSON lines on stdout (one object per line: `level`, `time`, `msg`, fields), so a
 * server's journal can filter them (`journalctl -u … -o cat | jq 'select(.level >= 40)'`) and
 * `wp media-cloud sidecar logs` can print them readably. WPMC_LOG_LEVEL picks the level (default info).
 *
 * Secrets never reach the output, by two independent rules: values under a secret-looking key are replaced
 * (the storage credentials WordPress sends, signature headers, the AWS SDK's own `AWSAccessKeyId`,
 * `StringToSign` … fields of a refused request), and every secret the sidecar knows of (WPMC_SECRET, the storage
 * keys of each request) is cut out of each finished line, wherever it appears: a message, a stack, a cause.
 *
 * Written synchronously and without pino's worker-thread transports: the sidecar is bundled into one file
 * (bin/build-sidecar.ts), and the last line before process.exit() must not be lost.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const REDACTED = '[REDACTED]';

/** Keys whose values are secrets wherever they appear in a log record (compared in lower case, without - and _). */
const SECRET_KEYS = new Set(
	[
		'secret',
		'secret_key',
		'secretAccessKey',
		'access_key',
		'accessKeyId',
		'AWSAccessKeyId',
		'sessionToken',
		'password',
		'authorization',
		'x-wpmc-signature',
		'signature',
		'SignatureProvided',
		'StringToSign',
		'StringToSignBytes',
		'CanonicalRequest',
		'credentials',
		'x-amz-security-token',
		'AccessKey',
	].map(normalKey),
);

function normalKey(key: string): string {
	return key.toLowerCase().replace(/[-_]/g, '');
}

/** Secret values cut out of every line; shorter strings are not secrets anyone could guess from a log. */
const knownSecrets = new Set<string>();
const MIN_SECRET_LENGTH = 6;

/** From now on, `value` never appears in the log (WPMC_SECRET at start, storage keys as requests bring them). */
export function keepOutOfLogs(...values: Array<string | undefined | null>): void {
	for (const value of values) {
		if (typeof value === 'string' && value.length >= MIN_SECRET_LENGTH) knownSecrets.add(value);
	}
}

function scrubLine(line: string): string {
	let out = line;
	for (const secret of knownSecrets) {
		if (out.includes(secret)) out = out.split(secret).join(REDACTED);
		// A secret with characters JSON escapes appears escaped in the line.
		const escaped = JSON.stringify(secret).slice(1, -1);
		if (escaped !== secret && out.includes(escaped)) out = out.split(escaped).join(REDACTED);
	}
	return out;
}

/** A copy of a log record with the values of secret keys replaced; cycles and depth bounded. */
function redactKeys(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
	if (value === null || typeof value !== 'object') return value;
	if (seen.has(value) || depth > 8) return '[…]';
	seen.add(value);
	// Errors first become what pino prints (type, message, stack, cause, own fields): their own fields are keys too.
	if (value instanceof Error) return redactKeys(pino.stdSerializers.errWithCause(value), depth + 1, seen);
	if (Array.isArray(value)) return value.map((item) => redactKeys(item, depth + 1, seen));
	const out: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(value)) {
		out[key] = SECRET_KEYS.has(normalKey(key)) && item !== undefined && item !== null && item !== '' ? REDACTED : redactKeys(item, depth + 1, seen);
	}
	return out;
}

/** The level from WPMC_LOG_LEVEL, or info with the reason (logged once the logger exists). */
function levelFrom(env: NodeJS.ProcessEnv): { level: string; problem?: string } {
	const wanted = env.WPMC_LOG_LEVEL?.trim().toLowerCase();
	if (!wanted) return { level: 'info' };
	if ((LOG_LEVELS as readonly string[]).includes(wanted)) return { level: wanted };
	return { level: 'info', problem: `WPMC_LOG_LEVEL=${wanted} is not a level; using info. Set it to one of ${LOG_LEVELS.join(', ')}.` };
}

/** Builds a logger writing to `write` (stdout by default); tests and the self-check pass their own. */
export function createLogger(env: NodeJS.ProcessEnv = process.env, write?: (line: string) => void): pino.Logger {
	const { level, problem } = levelFrom(env);
	const stdout = write ? null : pino.destination({ dest: 1, sync: true });
	const destination = {
		write(line: string) {
			const clean = scrubLine(line);
			if (write) write(clean);
			else stdout?.write(clean);
		},
	};
	const created = pino(
		{
			level,
			base: undefined,
			timestamp: pino.stdTimeFunctions.isoTime,
			// Errors are serialized by redactKeys (the log formatter runs before serializers): not twice.
			serializers: { err: (error: unknown) => error },
			formatters: {
				// Level names, not numbers: readable in a journal and in `wp media-cloud sidecar logs`.
				level: (label) => ({ level: label }),
				log: (record) => redactKeys(record) as Record<string, unknown>,
			},
		},
		destination,
	);
	if (problem) created.warn(problem);
	return created;
}

/**
 * For `--self-check`: a record through a logger of its own comes out as one JSON line with its secret redacted
 * (proves pino works where it runs, e.g. bundled). Throws otherwise; answers what it used.
 */
export function loggerSelfCheck(): string {
	const lines: string[] = [];
	createLogger({ WPMC_LOG_LEVEL: 'info' }, (line) => lines.push(line)).info({ secret_key: 'self-check-value' }, 'self-check');
	const record = JSON.parse(lines.join('')) as Record<string, unknown>;
	if (lines.length !== 1 || record.msg !== 'self-check' || record.level !== 'info' || record.secret_key !== REDACTED) {
		throw new Error(`The sidecar's logger does not work here: it wrote ${JSON.stringify(lines)}.`);
	}
	return `logger pino ${pino.version}`;
}

/** The logger every sidecar module uses. */
export const log = createLogger();
