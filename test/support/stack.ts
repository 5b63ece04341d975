// What tests import to reach the running test stack (started by global-setup.ts):
//   const site = getSite('sqlite');
//   await fetch(`${site.restUrl}wp/v2/users/me`, { headers: { Authorization: site.authHeader } });
//   await wpEval(site, "return get_option('wp_media_cloud_settings');");
//   await stopSidecar(site); … await startSidecar(site);
//   await createS3Client(site).send(new ListObjectsV2Command({ Bucket: site.s3.bucket }));
//   site.wpVersion ("7.1.4" on sqlite, "6.8.12" on mariadb); wpAtLeast(site, '7.0') for 7.x-only flows.
import { S3Client } from '@aws-sdk/client-s3';
import { portInUse } from '../../bin/dev/processes';
import { startSidecar as startSidecarServer, stopSidecar as stopSidecarServer } from '../../bin/dev/servers';
import { authHeader } from '../../bin/dev/site';
import type { WordPressSuite } from '../../bin/dev/wordpress-core';
import { wpEval as wpEvalIn, type WpEvalOptions } from '../../bin/dev/wp-eval';
import { readStackFile, type SiteKind, type StackSite } from './stack-file';

export type { SiteKind } from './stack-file';

export interface S3Info {
	endpoint: string;
	bucket: string;
	region: string;
	accessKeyId: string;
	secretAccessKey: string;
}

export interface TestSite {
	kind: SiteKind;
	name: string;
	/** e.g. http://127.0.0.1:8890 (no trailing slash). */
	url: string;
	/** e.g. http://127.0.0.1:8890/wp-json/ (with trailing slash). */
	restUrl: string;
	/** `Authorization` header value: Basic auth with admin's application password. */
	authHeader: string;
	admin: { user: string; password: string };
	appPassword: string;
	/** The site folder (holds wp-load.php) and its wp-content/uploads. */
	dir: string;
	uploadsDir: string;
	sidecarUrl: string;
	sidecarSecret: string;
	/** False when globalSetup could not start the sidecar (see the setup output). */
	sidecarStarted: boolean;
	/**
	 * The WordPress version the site runs, from its wp-includes/version.php (e.g. "7.1.4" on the SQLite
	 * site, "6.8.12" on the MariaDB site), and the Debian suite it came from (stack-file.ts TEST_SITES).
	 * `wpAtLeast(site, '7.0')` tells whether a flow that exists only in newer WordPress can run.
	 */
	wpVersion: string;
	wordpress: WordPressSuite;
	s3: S3Info;
	/** The raw record from stack.json. */
	stack: StackSite;
}

export function getSite(kind: SiteKind): TestSite {
	const site = readStackFile().sites[kind];
	return {
		kind,
		name: site.name,
		url: site.url,
		restUrl: site.restUrl,
		authHeader: authHeader(site),
		admin: site.admin,
		appPassword: site.appPassword.password,
		dir: site.dir,
		uploadsDir: site.uploadsDir,
		sidecarUrl: site.sidecarUrl,
		sidecarSecret: site.secret,
		sidecarStarted: site.sidecarStarted,
		wpVersion: site.wpVersion,
		wordpress: site.wordpress,
		s3: {
			endpoint: site.s3Endpoint,
			bucket: site.bucket,
			region: 'us-east-1',
			accessKeyId: 'S3RVER',
			secretAccessKey: 'S3RVER',
		},
		stack: site,
	};
}

/** Compares dotted versions numerically: negative when a < b, 0 when equal ("7.1" equals "7.1.0"). */
export function compareVersions(a: string, b: string): number {
	const pa = a.split(/[.-]/).map((part) => parseInt(part, 10) || 0);
	const pb = b.split(/[.-]/).map((part) => parseInt(part, 10) || 0);
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
		if (diff) return diff;
	}
	return 0;
}

/**
 * True when the site runs WordPress `version` or newer, e.g. to skip a flow of 7.x on the 6.8 site:
 *   (wpAtLeast(site, '7.0') ? test : test.skip)('client-side media processing …', …)
 */
export function wpAtLeast(site: Pick<TestSite, 'wpVersion'>, version: string): boolean {
	return compareVersions(site.wpVersion, version) >= 0;
}

/** Runs PHP inside the site's WordPress; resolves with the JSON-decoded `return` value. */
export function wpEval<T = unknown>(site: TestSite, php: string, options?: WpEvalOptions): Promise<T> {
	return wpEvalIn<T>({ dir: site.dir, url: site.url }, php, options);
}

/** Stops the site's sidecar (its whole process group) and waits until its port is closed. */
export async function stopSidecar(site: TestSite): Promise<void> {
	await stopSidecarServer(site.stack);
}

/** Starts the site's sidecar (again) and waits until it answers; globalTeardown stops it. */
export async function startSidecar(site: TestSite): Promise<void> {
	if (!(await startSidecarServer(site.stack, { track: false }))) {
		throw new Error('sidecar/src/main.ts does not exist');
	}
}

export async function isSidecarUp(site: TestSite): Promise<boolean> {
	return portInUse(site.stack.sidecarPort);
}

/** An S3 client for checking the bucket independently of the plugin and the sidecar. */
export function createS3Client(target: TestSite | S3Info = getSite('sqlite')): S3Client {
	const s3 = 's3' in target ? target.s3 : target;
	return new S3Client({
		endpoint: s3.endpoint,
		region: s3.region,
		credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
		forcePathStyle: true,
		// The SDK's default aws-chunked checksum framing would be stored verbatim by s3rver.
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED',
	});
}
