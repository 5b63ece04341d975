// Reading a network's bucket and records back for the multisite suites: an independent S3 client, the
// migration state of one site as `wp media-cloud status --format=json` shows it, polled until it changes.
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createS3Client } from '../support/stack';
import { makePng, type Network } from './network';

export async function bucketKeys(network: Network): Promise<string[]> {
	const listed = await createS3Client(network.s3).send(new ListObjectsV2Command({ Bucket: network.s3.bucket }));
	return (listed.Contents ?? []).map((object) => object.Key!).sort();
}

export async function objectBytes(network: Network, key: string): Promise<Buffer> {
	const object = await createS3Client(network.s3).send(new GetObjectCommand({ Bucket: network.s3.bucket, Key: key }));
	return Buffer.from(await object.Body!.transformToByteArray());
}

export interface MigrationState {
	state: string;
	site_id?: number;
	total: number;
	done: number;
	failed: number;
	paused_reason: { code: string } | null;
}

/** The migration of one site as WP-CLI reports it (`wp --url=<site> media-cloud status --format=json`). */
export async function migrationOf(network: Network, site: number): Promise<MigrationState> {
	const out = await network.wpOk(['media-cloud', 'status', '--format=json'], { site });
	return JSON.parse(out.trim().split('\n').pop()!).migration as MigrationState;
}

/** Polls until the site's migration is in one of `states` (generous deadline: a loaded machine is slow, not wrong). */
export async function waitForMigration(network: Network, site: number, states: string[], timeoutMs = 180_000): Promise<MigrationState> {
	const deadline = Date.now() + timeoutMs;
	let last: MigrationState | null = null;
	while (Date.now() < deadline) {
		last = await migrationOf(network, site);
		if (states.includes(last.state)) return last;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`Site ${site}'s migration never reached ${states.join('/')}: ${JSON.stringify(last)}`);
}

/** Imports a one-colour PNG named `name` into a site's Media Library with WP-CLI; answers its id and path. */
export async function importPng(network: Network, site: number, name: string, rgb: [number, number, number]): Promise<{ id: number; file: string }> {
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wpmc-ms-'));
	try {
		makePng(path.join(tmp, name), rgb);
		const id = Number((await network.wpOk(['media', 'import', path.join(tmp, name), '--porcelain'], { site })).trim());
		const file = (await network.wpOk(['post', 'meta', 'get', String(id), '_wp_attached_file'], { site })).trim();
		return { id, file };
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}
}

/** The absolute path of a site's upload (`uploads/sites/<id>/…` on a subsite). */
export function localFile(network: Network, site: number, file: string): string {
	return path.join(network.uploadsDir, site === 1 ? '' : `sites/${site}`, file);
}
