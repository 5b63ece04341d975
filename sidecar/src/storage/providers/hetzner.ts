import { s3Preset } from '../provider';

/** Hetzner Object Storage: `<location>.your-objectstorage.com` in fsn1, nbg1 or hel1. */
export const hetzner = s3Preset({
	id: 'hetzner',
	label: 'Hetzner Object Storage',
	regions: ['fsn1', 'nbg1', 'hel1'],
	defaultRegion: 'fsn1',
	endpointFor: (region) => `https://${region}.your-objectstorage.com`,
	acl: true,
	pathStyle: 'optional',
	publicUrl: 'virtual-host',
	hints: {
		credentials: 'Create S3 credentials in the Hetzner Console (your project › Security › S3 credentials); the secret is shown only once.',
		writeAccess: 'Hetzner S3 credentials have access to every bucket of the project: check that the bucket belongs to the same project.',
		publicAccess: 'Set the bucket’s visibility to Public in the Hetzner Console, or apply a bucket policy that allows s3:GetObject for everyone.',
	},
});
