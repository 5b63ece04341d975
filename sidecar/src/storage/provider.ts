import { S3Adapter } from './s3-adapter';
import type { StorageAdapter, StorageCapabilities, StorageSettings } from './types';

/** Provider-specific wording of the fixes the health check and error classifier give. */
export interface ProviderHints {
	/** Where the right keys come from. */
	credentials: string;
	/** How to give the keys read and write access. */
	writeAccess: string;
	/** How to let visitors read files (the fix for a 403 on a public URL). */
	publicAccess: string;
}

/** One storage provider: how to reach it, what it can do, and how its public URLs look. */
export interface ProviderDefinition {
	id: string;
	label: string;
	capabilities: StorageCapabilities;
	/** Region codes the provider accepts; undefined when any (or none) is fine. */
	regions?: readonly string[];
	/** The API endpoint (no trailing slash). An explicit `endpoint` setting always wins. */
	endpoint(settings: StorageSettings): string;
	/** The region the request signature uses. */
	signingRegion(settings: StorageSettings): string;
	forcePathStyle(settings: StorageSettings): boolean;
	/** Public base URL of the bucket without CDN (no trailing slash); '' when it cannot be derived. */
	publicBase(settings: StorageSettings): string;
	hints: ProviderHints;
	createAdapter(settings: StorageSettings, options?: { connectionTimeoutMs?: number; maxAttempts?: number }): StorageAdapter;
}

export interface S3PresetOptions {
	id: string;
	label: string;
	regions?: readonly string[];
	defaultRegion: string;
	/** Builds the endpoint from the (non-empty) region and the settings. */
	endpointFor(region: string, settings: StorageSettings): string;
	/** The region to sign with, when it differs from the configured one (R2 and GCS sign with `auto`). */
	signingRegion?: string;
	acl: boolean;
	pathStyle: StorageCapabilities['pathStyle'];
	publicUrl: StorageCapabilities['publicUrl'];
	hints: ProviderHints;
}

export const trimSlashes = (url: string) => url.trim().replace(/\/+$/, '');

/** A named S3-compatible provider: a preset of endpoint, region rules and capabilities over the shared S3Adapter. */
export function s3Preset(options: S3PresetOptions): ProviderDefinition {
	const region = (settings: StorageSettings) => settings.region.trim() || options.defaultRegion;
	const definition: ProviderDefinition = {
		id: options.id,
		label: options.label,
		regions: options.regions,
		capabilities: { acl: options.acl, batchDelete: true, pathStyle: options.pathStyle, publicUrl: options.publicUrl },
		endpoint: (settings) => trimSlashes(settings.endpoint) || options.endpointFor(region(settings), settings),
		signingRegion: (settings) => options.signingRegion ?? region(settings),
		forcePathStyle(settings) {
			if (options.pathStyle === 'required') return true;
			// A custom endpoint (a proxy, a test server, a FIPS host) may need either style: the toggle decides.
			if (options.pathStyle === 'virtual' && !settings.endpoint.trim()) return false;
			return settings.path_style;
		},
		publicBase(settings) {
			const configured = trimSlashes(settings.public_url ?? '');
			if (configured) return configured;
			const endpoint = definition.endpoint(settings);
			switch (options.publicUrl) {
				case 'public-url':
				case 'pull-zone':
					return '';
				case 'path':
					return `${endpoint}/${settings.bucket}`;
				case 'virtual-host': {
					if (definition.forcePathStyle(settings)) return `${endpoint}/${settings.bucket}`;
					const url = new URL(endpoint);
					return `${url.protocol}//${settings.bucket}.${url.host}`;
				}
			}
		},
		hints: options.hints,
		createAdapter: (settings, adapterOptions) => new S3Adapter({ settings, provider: definition, ...adapterOptions }),
	};
	return definition;
}
