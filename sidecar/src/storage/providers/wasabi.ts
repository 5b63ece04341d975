import { defineProvider } from '../contract';

/** Wasabi: AWS-style region codes, `s3.<region>.wasabisys.com`. */
export const wasabi = defineProvider({
	id: 'wasabi',
	label: 'Wasabi',
	api: 's3',
	regions: [
		'us-east-1',
		'us-east-2',
		'us-central-1',
		'us-west-1',
		'us-west-2',
		'ca-central-1',
		'eu-central-1',
		'eu-central-2',
		'eu-west-1',
		'eu-west-2',
		'eu-west-3',
		'eu-south-1',
		'ap-northeast-1',
		'ap-northeast-2',
		'ap-southeast-1',
		'ap-southeast-2',
	],
	defaultRegion: 'us-east-1',
	endpointTemplate: 'https://s3.{region}.wasabisys.com',
	capabilities: { acl: true, batchDelete: true, pathStyle: 'optional', publicUrl: 'path', needsAccessKey: true },
	bucketTerm: 'bucket',
	bucketNaming: 'wasabi',
	credentialShape: 'any',
	hints: {
		credentials: 'Create an access key in the Wasabi console (Access Keys) and copy both values.',
		writeAccess: 'The access key (or its user’s policy) needs read and write access to this bucket.',
		publicAccess: 'In the Wasabi console, apply a bucket policy that allows s3:GetObject for everyone on this bucket.',
	},
});
