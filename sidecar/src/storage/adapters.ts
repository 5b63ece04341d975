import { BunnyAdapter } from './bunny-adapter';
import type { ProviderApi, ProviderDefinition, StorageSettings } from './contract';
import { S3Adapter } from './s3-adapter';
import type { StorageAdapter } from './types';

export interface AdapterOptions {
	/** Milliseconds to wait for a TCP connection; the health check uses a short one. */
	connectionTimeoutMs?: number;
	maxAttempts?: number;
}

/**
 * Which adapter speaks each provider's API. Kept out of the contract (contract.ts, providers/) so that reading a
 * provider never loads the AWS SDK, and the adapters can depend on the contract without a cycle.
 */
const ADAPTERS: Record<ProviderApi, (settings: StorageSettings, provider: ProviderDefinition, options: AdapterOptions) => StorageAdapter> = {
	s3: (settings, provider, options) => new S3Adapter({ settings, provider, ...options }),
	'bunny-edge': (settings, provider, options) => new BunnyAdapter(settings, provider, options),
};

export function createAdapter(provider: ProviderDefinition, settings: StorageSettings, options: AdapterOptions = {}): StorageAdapter {
	return ADAPTERS[provider.api](settings, provider, options);
}
