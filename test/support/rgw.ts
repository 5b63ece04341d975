// A real Ceph RADOS Gateway for the tests that need real S3 semantics (signatures checked, private
// objects refused to anonymous readers, bucket policies, public access blocks), which s3rver does not have.
//
//   const rgw = await ensureRgw();          // in beforeAll, with a long timeout (cold start ~15-30 s)
//   rgw.endpoint, rgw.admin / rgw.reader    // keys of two users; buckets are made per test
//
// One node without a cluster manager: 1 mon + 1 bluestore OSD on a sparse file, no cephx between daemons
// (`ms_mon_client_mode = crc secure`, else radosgw fails with -13), pool size 1 with 8 PGs, beast on 127.0.0.1.
// Measured on Ceph 16.2: cold start about 15 s, about 340 MB. The apt packages are installed when missing (root only). A gateway already answering on the port is reused, so only the first
// test file of a run pays the start; the daemons keep running after the run (stopRgw() stops them).
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { dataDir, ensureDir } from '../../bin/dev/paths';
import { portInUse, startServer, stopServer } from '../../bin/dev/processes';

export const RGW_PORT = 9180;
const MON_PORT = 3300;
const MON_ADDRS = `[v2:127.0.0.1:${MON_PORT},v1:127.0.0.1:6789]`;
const PACKAGES = ['radosgw', 'ceph-mon', 'ceph-osd'];
const dir = path.join(dataDir, 'rgw');
const conf = path.join(dir, 'ceph.conf');
const KEYS = ['rgw-radosgw', 'rgw-osd', 'rgw-mon'];

export interface RgwUser {
	accessKeyId: string;
	secretAccessKey: string;
}

export interface RgwInfo {
	endpoint: string;
	/** Owner of the test buckets. */
	admin: RgwUser;
	/** A second user; tests grant it read-only access with a bucket policy. */
	reader: RgwUser & { uid: string };
}

const INFO: RgwInfo = {
	endpoint: `http://127.0.0.1:${RGW_PORT}`,
	admin: { accessKeyId: 'RGWADMINKEY000000001', secretAccessKey: 'rgw-admin-secret-0000000000000000000001' },
	reader: { uid: 'reader', accessKeyId: 'RGWREADERKEY00000001', secretAccessKey: 'rgw-reader-secret-000000000000000000001' },
};

function run(command: string, args: string[]): string {
	return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
}

function ensurePackages(): void {
	const missing = PACKAGES.filter((name) => {
		try {
			return !run('dpkg-query', ['-W', '-f=${Status}', name]).includes('install ok installed');
		} catch {
			return true;
		}
	});
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) throw new Error(`Ceph RGW tests need: apt-get install ${missing.join(' ')} (as root)`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-q'], { env, stdio: 'inherit' });
	execFileSync('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env, stdio: 'inherit' });
}

function writeConfig(fsid: string): void {
	fs.writeFileSync(
		conf,
		`[global]
fsid = ${fsid}
mon_host = ${MON_ADDRS}
auth_cluster_required = none
auth_service_required = none
auth_client_required = none
ms_mon_client_mode = crc secure
ms_bind_ipv4 = true
ms_bind_ipv6 = false
public_addr = 127.0.0.1
cluster_addr = 127.0.0.1
public_network = 127.0.0.0/8
osd_pool_default_size = 1
osd_pool_default_min_size = 1
osd_pool_default_pg_num = 8
osd_pool_default_pgp_num = 8
osd_crush_chooseleaf_type = 0
mon_allow_pool_size_one = true
mon_warn_on_pool_no_redundancy = false
mon_max_pg_per_osd = 1000
run_dir = ${dir}/run
admin_socket = ${dir}/run/$name.asok
log_file = ${dir}/log/$name.log
pid_file = ${dir}/run/$name.pid
keyring = ${dir}/keyring
[mon.a]
mon_data = ${dir}/mon
[osd.0]
osd_data = ${dir}/osd0
osd_objectstore = bluestore
bluestore_block_path = ${dir}/osd0-block.img
bluestore_block_create = true
bluestore_block_size = 4294967296
bluestore_fsck_on_mkfs = false
osd_memory_target = 536870912
[client.rgw]
rgw_frontends = beast endpoint=127.0.0.1:${RGW_PORT}
rgw_data = ${dir}/rgw
rgw_enable_usage_log = false
`,
	);
}

const ceph = (...args: string[]) => run('ceph', ['-c', conf, '--connect-timeout', '30', ...args]);

/** Creates the one-node cluster from nothing and starts its three daemons. */
async function createCluster(): Promise<void> {
	for (const key of KEYS) await stopServer(key);
	fs.rmSync(dir, { recursive: true, force: true });
	for (const sub of ['mon', 'osd0', 'run', 'log', 'rgw']) ensureDir(path.join(dir, sub));
	const fsid = randomUUID();
	writeConfig(fsid);
	run('ceph-authtool', ['--create-keyring', path.join(dir, 'keyring'), '--gen-key', '-n', 'mon.', '--cap', 'mon', 'allow *']);
	run('monmaptool', ['--create', '--addv', 'a', MON_ADDRS, '--fsid', fsid, path.join(dir, 'monmap')]);
	run('ceph-mon', ['-c', conf, '--mkfs', '-i', 'a', '--monmap', path.join(dir, 'monmap'), '--keyring', path.join(dir, 'keyring')]);
	await startServer({ key: 'rgw-mon', command: 'ceph-mon', args: ['-c', conf, '-i', 'a', '-f'], port: MON_PORT }, { track: false, timeoutMs: 60_000 });

	const osdUuid = randomUUID();
	const id = ceph('osd', 'create', osdUuid).trim();
	run('ceph-osd', ['-c', conf, '-i', id, '--mkfs', '--osd-uuid', osdUuid]);
	ceph('osd', 'crush', 'add-bucket', 'node', 'host');
	ceph('osd', 'crush', 'move', 'node', 'root=default');
	ceph('osd', 'crush', 'add', `osd.${id}`, '1.0', 'host=node');
	await startServer({ key: 'rgw-osd', command: 'ceph-osd', args: ['-c', conf, '-i', id, '-f'], port: 6800 }, { track: false, timeoutMs: 90_000 });
	await startGateway();
	run('radosgw-admin', [
		'-c',
		conf,
		'user',
		'create',
		'--uid=admin',
		'--display-name=Test admin',
		`--access-key=${INFO.admin.accessKeyId}`,
		`--secret=${INFO.admin.secretAccessKey}`,
	]);
	run('radosgw-admin', [
		'-c',
		conf,
		'user',
		'create',
		`--uid=${INFO.reader.uid}`,
		'--display-name=Read-only tester',
		`--access-key=${INFO.reader.accessKeyId}`,
		`--secret=${INFO.reader.secretAccessKey}`,
	]);
}

function startGateway() {
	return startServer(
		{ key: 'rgw-radosgw', command: 'radosgw', args: ['-c', conf, '-n', 'client.rgw', '-f'], port: RGW_PORT, readyUrl: `${INFO.endpoint}/` },
		{ track: false, timeoutMs: 180_000 },
	);
}

/** Starts Ceph RGW unless it already answers; resolves with its endpoint and test users. */
export async function ensureRgw(): Promise<RgwInfo> {
	if (await gatewayAnswers()) return INFO;
	ensurePackages();
	await createCluster();
	return INFO;
}

async function gatewayAnswers(): Promise<boolean> {
	if (!(await portInUse(RGW_PORT))) return false;
	try {
		const response = await fetch(`${INFO.endpoint}/`, { signal: AbortSignal.timeout(5000) });
		return response.headers.get('server')?.toLowerCase().includes('ceph') ?? response.status < 500;
	} catch {
		return false;
	}
}

export async function stopRgw(): Promise<void> {
	for (const key of KEYS) await stopServer(key);
}

export function rgwClient(user: RgwUser = INFO.admin): S3Client {
	return new S3Client({
		endpoint: INFO.endpoint,
		region: 'us-east-1',
		forcePathStyle: true,
		credentials: user,
		requestChecksumCalculation: 'WHEN_REQUIRED',
		responseChecksumValidation: 'WHEN_REQUIRED',
	});
}
