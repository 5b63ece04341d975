import { defineProvider } from '../contract';

/** Bunny Edge Storage: its own HTTP API (no S3), public files through a pull zone. */
export const bunny = defineProvider({
	id: 'bunny',
	label: 'Bunny Edge Storage',
	api: 'bunny-edge',
	// `de` (Falkenstein/Frankfurt) is the main region, at storage.bunnycdn.com without a region prefix.
	regions: ['de', 'uk', 'ny', 'la', 'sg', 'se', 'br', 'jh', 'syd'],
	defaultRegion: 'de',
	endpointTemplate: 'https://{region}.storage.bunnycdn.com',
	endpointByRegion: { de: 'https://storage.bunnycdn.com' },
	capabilities: { acl: false, batchDelete: false, pathStyle: 'required', publicUrl: 'pull-zone', needsAccessKey: false },
	bucketTerm: 'storage-zone',
	bucketNaming: 'bunny-zone',
	credentialShape: 'bunny-zone-password',
	hints: {
		credentials:
			'Use the storage zone’s password from Storage › (your zone) › FTP & API Access, not your account API key; the zone name goes in the Storage zone field.',
		writeAccess: 'Use the zone’s main password, not its read-only password (both are in the zone’s FTP & API Access tab).',
		publicAccess:
			'Connect a pull zone to this storage zone (Storage › Connected pull zones) and enter its host, e.g. example.b-cdn.net, as the pull zone host.',
	},
});
