// Authentication, permission and public-access causes against a real Ceph RGW (installed and started on demand
// by test/support/rgw.ts): real signature checks, a read-only user through a real bucket policy, a private bucket
// through a real public access block, real NoSuchBucket for a wrong-case name.
import { CreateBucketCommand, PutBucketPolicyCommand, PutPublicAccessBlockCommand, type S3Client } from '@aws-sdk/client-s3';
import { healthWith, resultOf } from '../support/health';
import { ensureRgw, rgwClient, type RgwInfo } from '../support/rgw';

let rgw: RgwInfo;
let admin: S3Client;
const run = Date.now().toString(36);
const bucket = (name: string) => `health-${name}-${run}`;

beforeAll(async () => {
	rgw = await ensureRgw();
	admin = rgwClient(rgw.admin);
	for (const name of ['public', 'private', 'case', 'readonly', 'noaccess']) await admin.send(new CreateBucketCommand({ Bucket: bucket(name) }));
	// Like AWS's "Block Public Access": public-read ACLs on objects are ignored, anonymous reads get 403.
	await admin.send(
		new PutPublicAccessBlockCommand({
			Bucket: bucket('private'),
			PublicAccessBlockConfiguration: { BlockPublicAcls: false, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
		}),
	);
	// The reader may list and read this bucket, not write to it: a read-only key.
	await admin.send(
		new PutBucketPolicyCommand({
			Bucket: bucket('readonly'),
			Policy: JSON.stringify({
				Version: '2012-10-17',
				Statement: [
					{
						Effect: 'Allow',
						Principal: { AWS: [`arn:aws:iam:::user/${rgw.reader.uid}`] },
						Action: ['s3:ListBucket', 's3:GetObject'],
						Resource: [`arn:aws:s3:::${bucket('readonly')}`, `arn:aws:s3:::${bucket('readonly')}/*`],
					},
				],
			}),
		}),
	);
}, 600_000);

afterAll(() => admin?.destroy());

const onRgw = (name: string, extra: Record<string, unknown> = {}) => ({
	provider: 's3-compatible',
	endpoint: rgw.endpoint,
	region: 'us-east-1',
	bucket: bucket(name),
	access_key: rgw.admin.accessKeyId,
	secret_key: rgw.admin.secretAccessKey,
	path_style: true,
	public_url: '',
	cdn_host: '',
	...extra,
});

test('a public bucket on RGW passes credentials, upload and public access', async () => {
	const results = await healthWith(onRgw('public'), ['connectivity', 'credentials', 'upload', 'public_access']);
	expect(results.map((r) => [r.test, r.status])).toEqual([
		['connectivity', 'good'],
		['credentials', 'good'],
		['upload', 'good'],
		['public_access', 'good'],
	]);
});

test('unknown access key: InvalidAccessKeyId', async () => {
	const credentials = resultOf(await healthWith(onRgw('public', { access_key: 'AKIANOSUCHKEY0000000' }), ['credentials']), 'credentials');
	expect(credentials).toMatchObject({ status: 'critical', cause: 'invalid_access_key' });
	expect(credentials.fix).toMatch(/trailing space/);
});

test('wrong secret: SignatureDoesNotMatch', async () => {
	const credentials = resultOf(await healthWith(onRgw('public', { secret_key: 'not-the-secret' }), ['credentials']), 'credentials');
	expect(credentials).toMatchObject({ status: 'critical', cause: 'signature_mismatch' });
	expect(credentials.fix).toMatch(/Paste the secret key again/);
});

test('secret with a trailing space (e.g. from a wp-config constant): SignatureDoesNotMatch, names the space', async () => {
	const credentials = resultOf(await healthWith(onRgw('public', { secret_key: `${rgw.admin.secretAccessKey} ` }), ['credentials']), 'credentials');
	expect(credentials).toMatchObject({ status: 'critical', cause: 'signature_mismatch' });
	expect(credentials.fix).toMatch(/without a trailing space/);
});

test('bucket name in the wrong case: NoSuchBucket, says names are case-sensitive', async () => {
	const credentials = resultOf(await healthWith(onRgw('case', { bucket: bucket('case').toUpperCase() }), ['credentials']), 'credentials');
	expect(credentials).toMatchObject({ status: 'critical', cause: 'bucket_not_found' });
	expect(credentials.fix).toMatch(/case-sensitive/);
});

test('read-only key: listing works, writing is refused, named as a read-only key', async () => {
	const results = await healthWith(onRgw('readonly', { access_key: rgw.reader.accessKeyId, secret_key: rgw.reader.secretAccessKey }), [
		'credentials',
		'upload',
	]);
	expect(resultOf(results, 'credentials').status).toBe('good');
	expect(resultOf(results, 'upload')).toMatchObject({ status: 'critical', cause: 'read_only_key' });
	expect(resultOf(results, 'upload').description).toMatch(/can read but not write/);
	expect(resultOf(results, 'upload').fix).toMatch(/PutObject/);
});

test('key without any access to the bucket: AccessDenied on listing', async () => {
	const credentials = resultOf(
		await healthWith(onRgw('noaccess', { access_key: rgw.reader.accessKeyId, secret_key: rgw.reader.secretAccessKey }), ['credentials']),
		'credentials',
	);
	expect(credentials).toMatchObject({ status: 'critical', cause: 'access_denied' });
});

describe('private bucket: 403 for visitors, with the provider’s own fix from the docs', () => {
	test('Amazon S3 settings: Block Public Access and a bucket policy', async () => {
		const result = resultOf(await healthWith(onRgw('private', { provider: 's3', region: 'us-east-1' }), ['public_access']), 'public_access');
		expect(result).toMatchObject({ status: 'critical', cause: 'public_access_denied' });
		expect(result.description).toMatch(/HTTP 403/);
		expect(result.fix).toMatch(/Block Public Access/);
	});

	test('Backblaze B2 settings (no object ACLs, so the probe is private): set the bucket to Public', async () => {
		const result = resultOf(await healthWith(onRgw('public', { provider: 'b2', region: 'us-west-004' }), ['public_access']), 'public_access');
		expect(result).toMatchObject({ status: 'critical', cause: 'public_access_denied' });
		expect(result.fix).toMatch(/Files in Bucket are.*Public/);
	});

	test('S3-compatible settings: allow anonymous reads', async () => {
		const result = resultOf(await healthWith(onRgw('private'), ['public_access']), 'public_access');
		expect(result).toMatchObject({ status: 'critical', cause: 'public_access_denied' });
		expect(result.fix).toMatch(/anonymous reads/);
	});
});
