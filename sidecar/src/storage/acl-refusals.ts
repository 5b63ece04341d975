import type { JobDatabase } from '../jobs/database';
import { log } from '../log';

/**
 * Buckets (API endpoint + bucket name) that answered AccessControlListNotSupported: new AWS buckets enforce
 * "bucket owner" object ownership and refuse every PUT carrying x-amz-acl. ACL headers are never sent to them
 * again: not by the adapter built after the next settings change, and not after a restart (the sidecar keeps
 * the list in its data folder's database). A bucket owner who allows ACLs again loses nothing: public access
 * then comes from the bucket policy, which such a bucket needs anyway.
 */
const refusing = new Set<string>();
let save: ((bucketId: string) => void) | null = null;

/** Loads the refusals a previous process saw and saves new ones there; called once at start (main.ts). */
export function keepAclRefusalsIn(db: JobDatabase): void {
	const rows = db.prepare('SELECT bucket_id FROM acl_refusals').all() as Array<{ bucket_id: string }>;
	for (const row of rows) refusing.add(row.bucket_id);
	const insert = db.prepare('INSERT OR IGNORE INTO acl_refusals (bucket_id, refused_at) VALUES (?, ?)');
	save = (bucketId) => insert.run(bucketId, Date.now());
	// Refusals seen before the database was attached are kept too.
	for (const bucketId of refusing) save(bucketId);
}

export function aclBucketId(endpointUrl: string, bucket: string): string {
	return `${endpointUrl} ${bucket}`;
}

export function bucketRefusesAcl(bucketId: string): boolean {
	return refusing.has(bucketId);
}

export function rememberAclRefusal(bucketId: string): void {
	if (refusing.has(bucketId)) return;
	refusing.add(bucketId);
	try {
		save?.(bucketId);
	} catch (error) {
		// The uploads go on without ACLs either way; only the next restart would try the header once more.
		log.warn(`could not save that ${bucketId} refuses ACL headers: ${(error as Error).message}`);
	}
}
