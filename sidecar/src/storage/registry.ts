import { createHash } from 'node:crypto';
import { S3Adapter } from './s3-adapter';
import type { StorageAdapter, StorageSettings } from './types';

/**
 * Adapters are cached by their settings, so the keep-alive connections of one configuration are reused
 * across requests, and a settings change in WordPress gets a fresh client.
 */
const cache = new Map<string, StorageAdapter>();
const MAX_CACHED = 8;

export function adapterFor(settings: StorageSettings): StorageAdapter {
	const id = createHash('sha256').update(JSON.stringify(settings)).digest('hex');
	let adapter = cache.get(id);
	if (!adapter) {
		if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
		adapter = createAdapter(settings);
		cache.set(id, adapter);
	}
	return adapter;
}

function createAdapter(settings: StorageSettings): StorageAdapter {
	return new S3Adapter({ settings });
}
