import { Readable } from 'node:stream';
import { classifiedStream } from './classified-stream';
import { classifyStorageError } from './classify-error';
import type { ProviderDefinition } from './contract';
import type { ObjectDownload, ObjectInfo, PutObjectInput, StorageAdapter, StorageCapabilities, StorageSettings } from './types';

/** Parallel DELETEs: the Edge Storage API deletes one file per request. */
const DELETE_CONCURRENCY = 8;

/** One entry of Bunny's directory listing (GET /{zone}/{path}/), the fields we read. */
interface BunnyListEntry {
	ObjectName: string;
	Length: number;
	IsDirectory: boolean;
	Checksum?: string | null;
}

/** An error answer of the Edge Storage API, shaped like an SDK error so one classifier handles both. */
export class BunnyHttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
		this.name = status === 401 ? 'BunnyUnauthorized' : `BunnyHttp${status}`;
	}

	get $metadata() {
		return { httpStatusCode: this.status };
	}
}

/**
 * Bunny Edge Storage through its own HTTP API: `https://{region}.storage.bunnycdn.com/{zone}/{path}` with the
 * storage zone password in the `AccessKey` header (not the account API key). PUT uploads, GET downloads or lists a
 * directory (trailing slash), DELETE removes one file.
 */
export class BunnyAdapter implements StorageAdapter {
	readonly capabilities: StorageCapabilities;
	readonly endpointUrl: string;
	/** The Edge Storage API has no object ACLs: nothing to refuse. */
	readonly aclRefused = false;
	private readonly zone: string;
	private readonly password: string;
	private readonly timeoutMs: number;

	constructor(
		settings: StorageSettings,
		private readonly provider: ProviderDefinition,
		options: { connectionTimeoutMs?: number } = {},
	) {
		this.capabilities = { ...provider.capabilities };
		this.endpointUrl = provider.endpoint(settings);
		this.zone = settings.bucket;
		this.password = settings.secret_key;
		this.timeoutMs = Math.max(options.connectionTimeoutMs ?? 10_000, 10_000) * 6;
	}

	/**
	 * One PUT per file, whatever its size: the Edge Storage API has no multipart upload (and documents no file
	 * size limit, only 100 concurrent uploads per zone). A large file is streamed from disk, never held in memory;
	 * it cannot be sent again within the request, so a failed upload is sent again whole by the caller's retry
	 * (the migration's backoff, the pending-upload drain).
	 */
	async put(input: PutObjectInput): Promise<ObjectInfo> {
		const headers = { 'Content-Type': input.contentType || 'application/octet-stream', 'Content-Length': String(input.size) };
		await this.request('PUT', input.key, { body: input.body, headers });
		return { key: input.key, size: input.size };
	}

	async head(key: string): Promise<ObjectInfo | null> {
		const slash = key.lastIndexOf('/');
		const directory = slash < 0 ? '' : key.slice(0, slash + 1);
		const response = await this.request('GET', directory, { allow404: true });
		if (!response) return null;
		const name = key.slice(slash + 1);
		const entries = (await response.json()) as BunnyListEntry[];
		const entry = entries.find((candidate) => !candidate.IsDirectory && candidate.ObjectName === name);
		return entry ? { key, size: entry.Length, etag: entry.Checksum ?? undefined } : null;
	}

	async get(key: string): Promise<Buffer | null> {
		const response = await this.request('GET', key, { allow404: true });
		return response ? Buffer.from(await response.arrayBuffer()) : null;
	}

	async download(key: string): Promise<ObjectDownload | null> {
		// Watches the body while the caller reads it, not only until the answer's headers.
		const watchdog = new IdleWatchdog(this.timeoutMs);
		const response = await this.request('GET', key, { allow404: true, watchdog });
		if (!response?.body) {
			watchdog.stop();
			return null;
		}
		const source = response.body as unknown as AsyncIterable<Uint8Array>;
		async function* progressing() {
			try {
				for await (const chunk of source) {
					watchdog.touch();
					yield chunk;
				}
			} finally {
				watchdog.stop();
			}
		}
		const length = Number(response.headers.get('content-length') ?? -1);
		return { body: classifiedStream(progressing(), (error) => this.classify(unwrapFetchError(error))), size: Number.isFinite(length) ? length : -1 };
	}

	async delete(keys: string[]): Promise<void> {
		const queue = [...keys];
		const worker = async () => {
			for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
				await this.request('DELETE', key, { allow404: true });
			}
		};
		await Promise.all(Array.from({ length: Math.min(DELETE_CONCURRENCY, keys.length) }, worker));
	}

	async probeList(): Promise<void> {
		const response = await this.request('GET', '', {});
		await response?.arrayBuffer();
	}

	/**
	 * One request to the Edge Storage API. A buffer body goes as is; a stream body (a file above the buffer
	 * limit) is streamed. The timeout counts from the last progress, not from the start: a fixed deadline would
	 * cut off a 1 GB upload or download on a slow line, while a storage that stops answering is still given up on.
	 * A caller that reads the answer's body as a stream passes its own `watchdog` to report progress on it.
	 */
	private async request(
		method: string,
		key: string,
		options: { body?: PutObjectInput['body']; headers?: Record<string, string>; allow404?: boolean; watchdog?: IdleWatchdog },
	): Promise<Response | null> {
		const path = [this.zone, ...key.split('/')].map(encodeURIComponent).join('/');
		const watchdog = options.watchdog ?? new IdleWatchdog(this.timeoutMs);
		let response: Response;
		try {
			response = await fetch(`${this.endpointUrl}/${path}${key === '' ? '/' : ''}`, {
				method,
				headers: { AccessKey: this.password, Accept: 'application/json', ...options.headers },
				...requestBody(options.body, watchdog),
				signal: watchdog.signal,
			});
		} catch (error) {
			watchdog.stop();
			throw this.classify(unwrapFetchError(error));
		}
		// Left running on success: it also bounds reading the answer's body (a listing, a download).
		if (response.ok) return response;
		watchdog.stop();
		const text = await response.text();
		if (response.status === 404 && options.allow404) return null;
		throw this.classify(new BunnyHttpError(response.status, bunnyMessage(text) || `HTTP ${response.status}`));
	}

	private classify(error: unknown) {
		return classifyStorageError(error, { bucket: this.zone, provider: this.provider, endpoint: this.endpointUrl });
	}
}

/** Bunny answers errors as `{ "HttpCode": 401, "Message": "Unauthorized" }`. */
function bunnyMessage(text: string): string {
	try {
		return String((JSON.parse(text) as { Message?: string }).Message ?? '');
	} catch {
		return text.slice(0, 200);
	}
}

/** fetch() hides the socket error (ECONNREFUSED, certificate…) in `cause`; the classifier wants it on top. */
function unwrapFetchError(error: unknown): unknown {
	const cause = (error as { cause?: { code?: string; name?: string } })?.cause;
	if ((error as Error)?.name === 'TimeoutError') return error;
	return cause?.code ? Object.assign(new Error((cause as Error).message), { code: cause.code, name: cause.name ?? 'Error' }) : error;
}

/** Aborts a request after `ms` without progress; each chunk sent or received counts as progress. */
class IdleWatchdog {
	private readonly controller = new AbortController();
	private timer: NodeJS.Timeout;

	constructor(private readonly ms: number) {
		this.timer = this.arm();
	}

	get signal(): AbortSignal {
		return this.controller.signal;
	}

	touch(): void {
		clearTimeout(this.timer);
		this.timer = this.arm();
	}

	stop(): void {
		clearTimeout(this.timer);
	}

	private arm(): NodeJS.Timeout {
		// unref: a watchdog left running after its answer was read keeps no process alive.
		return setTimeout(() => this.controller.abort(new DOMException(`No progress for ${this.ms / 1000} s`, 'TimeoutError')), this.ms).unref();
	}
}

/** fetch's body and duplex fields for a buffer, or for a file streamed with its progress reported to the watchdog. */
function requestBody(body: PutObjectInput['body'] | undefined, watchdog: IdleWatchdog): { body?: BodyInit; duplex?: 'half' } {
	if (body === undefined) return {};
	if (Buffer.isBuffer(body)) return { body: new Uint8Array(body) };
	const file = body();
	async function* progressing() {
		try {
			for await (const chunk of file) {
				watchdog.touch();
				yield chunk as Buffer;
			}
		} finally {
			file.destroy();
		}
	}
	return { body: Readable.toWeb(Readable.from(progressing())) as unknown as BodyInit, duplex: 'half' };
}
