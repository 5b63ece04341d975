import { BunnyAdapter } from '../bunny-adapter';
import { trimSlashes, type ProviderDefinition } from '../provider';

/** Storage regions of Bunny Edge Storage; `de` (Falkenstein/Frankfurt) is the main one, at storage.bunnycdn.com. */
const REGIONS = ['de', 'uk', 'ny', 'la', 'sg', 'se', 'br', 'jh', 'syd'] as const;

/** Bunny Edge Storage: its own HTTP API (no S3), public files through a pull zone. */
export const bunny: ProviderDefinition = {
	id: 'bunny',
	label: 'Bunny Edge Storage',
	regions: REGIONS,
	capabilities: { acl: false, batchDelete: false, pathStyle: 'required', publicUrl: 'pull-zone' },
	endpoint(settings) {
		const explicit = trimSlashes(settings.endpoint);
		if (explicit) return explicit;
		const region = settings.region.trim().toLowerCase();
		return region === '' || region === 'de' ? 'https://storage.bunnycdn.com' : `https://${region}.storage.bunnycdn.com`;
	},
	signingRegion: (settings) => settings.region,
	forcePathStyle: () => true,
	publicBase(settings) {
		const configured = trimSlashes(settings.public_url ?? '');
		if (configured) return configured;
		const host = trimSlashes(settings.pull_zone_host ?? '');
		if (!host) return '';
		return /^https?:\/\//i.test(host) ? host : `https://${host}`;
	},
	hints: {
		credentials: 'Use the storage zone’s password from Storage › (your zone) › FTP & API Access, not your account API key; the zone name goes in the Storage zone field.',
		writeAccess: 'Use the zone’s main password, not its read-only password (both are in the zone’s FTP & API Access tab).',
		publicAccess: 'Connect a pull zone to this storage zone (Storage › Connected pull zones) and enter its host, e.g. example.b-cdn.net, as the pull zone host.',
	},
	createAdapter: (settings, options) => new BunnyAdapter(settings, bunny, options),
};
