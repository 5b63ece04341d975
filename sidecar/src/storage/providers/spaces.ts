import { defineProvider } from '../contract';

/** DigitalOcean Spaces: `<region>.digitaloceanspaces.com`; files are made public with object ACLs. */
export const spaces = defineProvider({
	id: 'spaces',
	label: 'DigitalOcean Spaces',
	api: 's3',
	regions: ['nyc3', 'ams3', 'sfo2', 'sfo3', 'sgp1', 'fra1', 'syd1', 'blr1', 'tor1', 'lon1', 'atl1'],
	defaultRegion: 'nyc3',
	endpointTemplate: 'https://{region}.digitaloceanspaces.com',
	capabilities: { acl: true, batchDelete: true, pathStyle: 'optional', publicUrl: 'virtual-host', needsAccessKey: true },
	bucketTerm: 'bucket',
	bucketNaming: 's3-generic',
	credentialShape: 'any',
	hints: {
		credentials: 'Create a Spaces access key (API › Spaces Keys) and copy the key and its secret; the secret is shown only once.',
		writeAccess: 'The Spaces key needs read/write access to this Space (a "Full access" key or one limited to this bucket with Read/Write/Delete).',
		publicAccess:
			'Files are uploaded public-read; if they still answer 403, check the Space’s file listing setting and that the key is allowed to set ACLs.',
	},
});
