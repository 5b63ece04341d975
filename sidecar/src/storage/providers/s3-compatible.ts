import { s3Preset } from '../provider';

/** Any other S3-compatible server (MinIO, Ceph RGW, Garage…): the endpoint is required and the Path-Style toggle decides. */
export const s3Compatible = s3Preset({
	id: 's3-compatible',
	label: 'S3-compatible endpoint',
	defaultRegion: 'us-east-1',
	// Never reached with a valid configuration: the settings require an endpoint for this provider.
	endpointFor: () => 'https://endpoint-not-set.invalid',
	acl: true,
	pathStyle: 'optional',
	publicUrl: 'virtual-host',
	hints: {
		credentials: 'Copy the access key and secret key from your storage server’s console exactly, without spaces.',
		writeAccess: 'Give the key read and write access to this bucket (PutObject, GetObject, DeleteObject, ListBucket).',
		publicAccess: 'Allow anonymous reads of the bucket’s objects on your storage server (a bucket policy with s3:GetObject for "*", or public-read objects).',
	},
});
