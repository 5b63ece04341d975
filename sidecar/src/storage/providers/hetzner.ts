import { defineProvider } from '../contract';

/** Hetzner Object Storage: `<location>.your-objectstorage.com` in fsn1, nbg1 or hel1. */
export const hetzner = defineProvider({
	id: 'hetzner',
	label: 'Hetzner Object Storage',
	api: 's3',
	regions: ['fsn1', 'nbg1', 'hel1'],
	defaultRegion: 'fsn1',
	endpointTemplate: 'https://{region}.your-objectstorage.com',
	capabilities: { acl: true, batchDelete: true, pathStyle: 'optional', publicUrl: 'virtual-host', needsAccessKey: true },
	bucketTerm: 'bucket',
	bucketNaming: 's3-generic',
	credentialShape: 'any',
	hints: {
		credentials: 'Create S3 credentials in the Hetzner Console (your project › Security › S3 credentials); the secret is shown only once.',
		writeAccess: 'Hetzner S3 credentials have access to every bucket of the project: check that the bucket belongs to the same project.',
		publicAccess: 'Set the bucket’s visibility to Public in the Hetzner Console, or apply a bucket policy that allows s3:GetObject for everyone.',
	},
});
