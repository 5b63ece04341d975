import { classifyStorageError } from './classify-error';
import type { ProviderDefinition } from './provider';
import type { ObjectInfo, PutObjectInput, StorageAdapter, StorageCapabilities, StorageSettings } from './types';

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

	async put(input: PutObjectInput): Promise<ObjectInfo> {
		const body = Buffer.isBuffer(input.body) ? input.body : await collect(input.body());
		await this.request('PUT', input.key, { body, headers: { 'Content-Type': input.contentType || 'application/octet-stream' } });
		return { key: input.key, size: input.size };
	}

	async head(key: string): Promise<ObjectInfo | null> {
		const slash = key.lastIndexOf('/');
		const directory = slash < 0 ? '' : key.slice(0, slash + 1);
		const name = key.slice(slash + 1);
		const response = await this.request('GET', directory, { allow404: true });
		if (!response) return null;
		const entries = (await response.json()) as BunnyListEntry[];
		const entry = entries.find((candidate) => !candidate.IsDirectory && candidate.ObjectName === name);
		return entry ? { key, size: entry.Length, etag: entry.Checksum ?? undefined } : null;
	}

	async get(key: string): Promise<Buffer | null> {
		const response = await this.request('GET', key, { allow404: true });
		return response ? Buffer.from(await response.arrayBuffer()) : null;
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

	private async request(
		method: string,
		key: string,
		options: { body?: Buffer; headers?: Record<string, string>; allow404?: boolean },
	): Promise<Response | null> {
		const path = [this.zone, ...key.split('/')].map(encodeURIComponent).join('/');
		let response: Response;
		try {
			response = await fetch(`${this.endpointUrl}/${path}${key === '' ? '/' : ''}`, {
				method,
				headers: { AccessKey: this.password, Accept: 'application/json', ...options.headers },
				body: options.body ? new Uint8Array(options.body) : undefined,
				signal: AbortSignal.timeout(this.timeoutMs),
			});
		} catch (error) {
			throw classifyStorageError(unwrapFetchError(error), { bucket: this.zone, provider: this.provider, endpoint: this.endpointUrl });
		}
		if (response.ok) return response;
		const text = await response.text();
		if (response.status === 404 && options.allow404) return null;
		const error = new BunnyHttpError(response.status, bunnyMessage(text) || `HTTP ${response.status}`);
		throw classifyStorageError(error, { bucket: this.zone, provider: this.provider, endpoint: this.endpointUrl });
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

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
	return Buffer.concat(chunks);
}
