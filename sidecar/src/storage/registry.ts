import { createHash } from 'node:crypto';
import { SidecarError } from '../errors';
import { createAdapter } from './adapters';
import type { ProviderDefinition } from './contract';
import { PROVIDERS } from './providers';
import type { StorageAdapter, StorageSettings } from './types';
import { keepOutOfLogs } from '../log';

/**
 * Adapters are cached by their settings, so the keep-alive connections of one configuration are reused
 * across requests, and a settings change in WordPress gets a fresh client.
 */
const cache = new Map<string, StorageAdapter>();
const MAX_CACHED = 8;

export function providerFor(settings: Pick<StorageSettings, 'provider'>): ProviderDefinition {
	const provider = PROVIDERS[settings.provider];
	if (!provider) {
		throw new SidecarError('E_BAD_REQUEST', `Unknown storage provider "${settings.provider}".`, `Choose one of: ${Object.keys(PROVIDERS).join(', ')}.`);
	}
	return provider;
}

export function adapterFor(settings: StorageSettings): StorageAdapter {
	// Whatever fails with these credentials later (an SDK error quoting the key), the log never shows them.
	keepOutOfLogs(settings.access_key, settings.secret_key);
	const id = createHash('sha256').update(JSON.stringify(settings)).digest('hex');
	let adapter = cache.get(id);
	if (!adapter) {
		if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
		adapter = createAdapter(providerFor(settings), settings);
		cache.set(id, adapter);
	}
	return adapter;
}
