import { defineProvider } from '../contract';

/** Amazon S3: the region names the endpoint; new buckets refuse ACLs (detected at run time, see S3Adapter). */
export const s3 = defineProvider({
	id: 's3',
	label: 'Amazon S3',
	api: 's3',
	regions: [
		'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'af-south-1', 'ap-east-1', 'ap-south-1', 'ap-south-2',
		'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3',
		'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7', 'ca-central-1', 'ca-west-1', 'eu-central-1', 'eu-central-2',
		'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'il-central-1', 'me-south-1',
		'me-central-1', 'mx-central-1', 'sa-east-1', 'us-gov-east-1', 'us-gov-west-1',
	],
	defaultRegion: 'us-east-1',
	endpointTemplate: 'https://s3.{region}.amazonaws.com',
	capabilities: { acl: true, batchDelete: true, pathStyle: 'virtual', publicUrl: 'virtual-host', needsAccessKey: true },
	bucketTerm: 'bucket',
	bucketNaming: 'aws-s3',
	credentialShape: 'aws-iam',
	hints: {
		credentials: 'Create an access key for an IAM user in the AWS console (IAM › Users › Security credentials) and copy both values.',
		writeAccess: 'The IAM user needs s3:PutObject, s3:GetObject, s3:DeleteObject and s3:ListBucket on this bucket (arn:aws:s3:::BUCKET and arn:aws:s3:::BUCKET/*). Check the IAM policy in the AWS console.',
		publicAccess: 'In the S3 console, turn off "Block Public Access" for this bucket and add a bucket policy that allows s3:GetObject for everyone ("Principal": "*") on arn:aws:s3:::BUCKET/*.',
	},
});
