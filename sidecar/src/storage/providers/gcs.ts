import { defineProvider } from '../contract';

/** Google Cloud Storage through its XML (S3-interoperable) API with HMAC keys, never a JSON service-account key. */
export const gcs = defineProvider({
	id: 'gcs',
	label: 'Google Cloud Storage',
	api: 's3',
	regionPattern: '^[a-z0-9-]+$',
	defaultRegion: 'auto',
	endpointTemplate: 'https://storage.googleapis.com',
	fixedSigningRegion: 'auto',
	// Buckets with uniform bucket-level access (the default) refuse object ACLs.
	capabilities: { acl: false, batchDelete: true, pathStyle: 'optional', publicUrl: 'path', needsAccessKey: true },
	bucketTerm: 'bucket',
	bucketNaming: 'gcs',
	credentialShape: 'gcs-hmac',
	hints: {
		credentials:
			'Create an HMAC key in Cloud Storage › Settings › Interoperability and copy its Access key and Secret; a JSON service-account key file does not work here.',
		writeAccess: 'The service account behind the HMAC key needs the "Storage Object Admin" role (or objectCreator + objectViewer + delete) on this bucket.',
		publicAccess: 'Grant "allUsers" the "Storage Object Viewer" role on the bucket (Permissions tab) and make sure Public access prevention is off.',
	},
});
