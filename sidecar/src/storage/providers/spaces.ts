import { s3Preset } from '../provider';

/** DigitalOcean Spaces: `<region>.digitaloceanspaces.com`; files are made public with object ACLs. */
export const spaces = s3Preset({
	id: 'spaces',
	label: 'DigitalOcean Spaces',
	regions: ['nyc3', 'ams3', 'sfo2', 'sfo3', 'sgp1', 'fra1', 'syd1', 'blr1', 'tor1', 'lon1', 'atl1'],
	defaultRegion: 'nyc3',
	endpointFor: (region) => `https://${region}.digitaloceanspaces.com`,
	acl: true,
	pathStyle: 'optional',
	publicUrl: 'virtual-host',
	hints: {
		credentials: 'Create a Spaces access key (API › Spaces Keys) and copy the key and its secret; the secret is shown only once.',
		writeAccess: 'The Spaces key needs read/write access to this Space (a "Full access" key or one limited to this bucket with Read/Write/Delete).',
		publicAccess: 'Files are uploaded public-read; if they still answer 403, check the Space’s file listing setting and that the key is allowed to set ACLs.',
	},
});
