import { defineProvider } from '../contract';

/** Backblaze B2 (S3 API): the region is the middle of the endpoint, e.g. `us-west-004` in s3.us-west-004.backblazeb2.com. */
export const b2 = defineProvider({
	id: 'b2',
	label: 'Backblaze B2',
	api: 's3',
	regionPattern: '^[a-z]{2}-[a-z]+-\\d{3}$',
	defaultRegion: 'us-west-004',
	endpointTemplate: 'https://s3.{region}.backblazeb2.com',
	// B2 has bucket-level public/private only; object ACL headers are refused.
	capabilities: { acl: false, batchDelete: true, pathStyle: 'optional', publicUrl: 'virtual-host', needsAccessKey: true },
	bucketTerm: 'bucket',
	bucketNaming: 'b2',
	credentialShape: 'b2-application-key',
	hints: {
		credentials:
			'Use the application key’s keyID as the Access Key and its applicationKey as the Secret Key (B2 › Application Keys). The applicationKey is shown only once.',
		writeAccess: 'The application key must be "Read and Write" and allowed for this bucket: create a new one in B2 › Application Keys.',
		publicAccess: 'In B2 › Buckets › Bucket Settings, set "Files in Bucket are" to Public.',
	},
});
