import { s3Preset } from '../provider';

/** Backblaze B2 (S3 API): the region is the middle of the endpoint, e.g. `us-west-004` in s3.us-west-004.backblazeb2.com. */
export const b2 = s3Preset({
	id: 'b2',
	label: 'Backblaze B2',
	defaultRegion: 'us-west-004',
	endpointFor: (region) => `https://s3.${region}.backblazeb2.com`,
	// B2 has bucket-level public/private only; object ACL headers are refused.
	acl: false,
	pathStyle: 'optional',
	publicUrl: 'virtual-host',
	hints: {
		credentials: 'Use the application key’s keyID as the Access Key and its applicationKey as the Secret Key (B2 › Application Keys). The applicationKey is shown only once.',
		writeAccess: 'The application key must be "Read and Write" and allowed for this bucket: create a new one in B2 › Application Keys.',
		publicAccess: 'In B2 › Buckets › Bucket Settings, set "Files in Bucket are" to Public.',
	},
});
