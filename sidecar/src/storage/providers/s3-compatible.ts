import { defineProvider } from '../contract';

/** Any other S3-compatible server (MinIO, Ceph RGW, Garage…): the endpoint is required and the Path-Style toggle decides. */
export const s3Compatible = defineProvider({
	id: 's3-compatible',
	label: 'S3-compatible endpoint',
	api: 's3',
	regionPattern: '^[a-z0-9-]*$',
	defaultRegion: 'us-east-1',
	// No template: the settings require an endpoint for this provider.
	endpointTemplate: '',
	capabilities: { acl: true, batchDelete: true, pathStyle: 'optional', publicUrl: 'virtual-host', needsAccessKey: true },
	bucketTerm: 'bucket',
	bucketNaming: 's3-generic',
	credentialShape: 'any',
	hints: {
		credentials: 'Copy the access key and secret key from your storage server’s console exactly, without spaces.',
		writeAccess: 'Give the key read and write access to this bucket (PutObject, GetObject, DeleteObject, ListBucket).',
		publicAccess:
			'Allow anonymous reads of the bucket’s objects on your storage server (a bucket policy with s3:GetObject for "*", or public-read objects).',
	},
});
