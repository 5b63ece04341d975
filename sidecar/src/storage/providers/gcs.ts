import { s3Preset } from '../provider';

/** Google Cloud Storage through its XML (S3-interoperable) API with HMAC keys, never a JSON service-account key. */
export const gcs = s3Preset({
	id: 'gcs',
	label: 'Google Cloud Storage',
	defaultRegion: 'auto',
	endpointFor: () => 'https://storage.googleapis.com',
	signingRegion: 'auto',
	// Buckets with uniform bucket-level access (the default) refuse object ACLs.
	acl: false,
	pathStyle: 'optional',
	publicUrl: 'path',
	hints: {
		credentials: 'Create an HMAC key in Cloud Storage › Settings › Interoperability and copy its Access key and Secret; a JSON service-account key file does not work here.',
		writeAccess: 'The service account behind the HMAC key needs the "Storage Object Admin" role (or objectCreator + objectViewer + delete) on this bucket.',
		publicAccess: 'Grant "allUsers" the "Storage Object Viewer" role on the bucket (Permissions tab) and make sure Public access prevention is off.',
	},
});
