// The test stack's layout, and .data/test/stack.json: how globalSetup (jest's parent context)
// tells the tests (their own module context) and globalTeardown what it started.
import fs from 'node:fs';
import path from 'node:path';
import { dataDir, ensureDir } from '../../bin/dev/paths';
import type { S3ServerInfo } from '../../bin/dev/servers';
import type { Site, SiteOptions } from '../../bin/dev/site';
import { CURRENT_WORDPRESS, OLDEST_WORDPRESS } from '../../bin/dev/wordpress-core';

export type SiteKind = 'sqlite' | 'mariadb';

export const S3_TEST = { name: 'test', port: 9100, buckets: ['test-media', 'test-media-maria'] };

/**
 * The SQLite site runs the current WordPress (Debian sid, 7.1.x), the MariaDB site the oldest version
 * tested (trixie, 6.8.x): a test that runs on both sites covers both versions.
 */
export const TEST_SITES: Record<SiteKind, SiteOptions> = {
	sqlite: {
		name: 'test-sqlite',
		port: 8890,
		db: 'sqlite',
		wordpress: CURRENT_WORDPRESS,
		sidecarPort: 8790,
		s3Port: 9100,
		bucket: 'test-media',
	},
	mariadb: {
		name: 'test-maria',
		port: 8891,
		db: 'mariadb',
		wordpress: OLDEST_WORDPRESS,
		sidecarPort: 8791,
		mariadbPort: 3391,
		s3Port: 9100,
		bucket: 'test-media-maria',
	},
};

export interface StackSite extends Site {
	kind: SiteKind;
	/** False when the sidecar could not be started (missing or failing); see sidecarError. */
	sidecarStarted: boolean;
	sidecarError?: string;
}

export interface StackFile {
	startedAt: string;
	s3: S3ServerInfo;
	sites: Record<SiteKind, StackSite>;
	/** Run-file keys (bin/dev/processes.ts) of every server, in start order. */
	keys: string[];
}

export const stackFilePath = path.join(dataDir, 'test', 'stack.json');

export function writeStackFile(stack: StackFile): void {
	ensureDir(path.dirname(stackFilePath));
	fs.writeFileSync(stackFilePath, JSON.stringify(stack, null, 2));
}

export function readStackFile(): StackFile {
	if (!fs.existsSync(stackFilePath)) {
		throw new Error(`${stackFilePath} is missing: run the tests through jest (its globalSetup starts the stack)`);
	}
	return JSON.parse(fs.readFileSync(stackFilePath, 'utf8')) as StackFile;
}
