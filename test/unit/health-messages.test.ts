// Every sentence code the sidecar can send in a health result (plugin/contract.json's message_codes, written from
// sidecar/src/health/health-messages.ts and storage/storage-messages.ts) has a sentence in WordPress' catalog
// (plugin/inc/health/class-messages*.php), with the same parameters and as many placeholders: a new sidecar
// sentence without its WordPress text fails here, not in front of a user. The catalog is read by running php on it
// (translation functions stubbed to return the English). No stack.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { contractData } from '../../sidecar/src/contract-file';

const healthDir = path.join(__dirname, '..', '..', 'plugin', 'inc', 'health');

/** Runs PHP with the catalog loaded (translation stubbed to English) and returns what the snippet echoes as JSON. */
function php<T>(snippet: string): T {
	const code = `
		function __( $text, $domain = null ) { return $text; }
		foreach ( glob( ${JSON.stringify(healthDir)} . '/class-messages*.php' ) as $file ) { require $file; }
		use WP_Media_Cloud\\Health\\Messages;
		echo json_encode( ( function () { ${snippet} } )() );`;
	return JSON.parse(execFileSync('php', ['-r', code], { encoding: 'utf8' })) as T;
}

/** The placeholders of a printf sentence, as argument positions (1-based); `%%` is a literal percent sign. */
function placeholders(sentence: string): number[] {
	const found = new Set<number>();
	let next = 1;
	for (const match of sentence.matchAll(/%(%|(\d+)\$)?[sd]?/g)) {
		if (match[1] === '%') continue;
		found.add(match[2] ? Number(match[2]) : next++);
	}
	return [...found].sort((a, b) => a - b);
}

const catalog = php<Record<string, string[]>>('return Messages::catalog();');
const contract = contractData().message_codes;

test('every message code the sidecar can send has a WordPress sentence, and the catalog has no code the sidecar never sends', () => {
	expect(Object.keys(contract).length).toBeGreaterThan(100);
	expect(Object.keys(contract).filter((code) => !(code in catalog))).toEqual([]);
	expect(Object.keys(catalog).filter((code) => !(code in contract))).toEqual([]);
});

test('each sentence takes the parameters the sidecar sends, one placeholder for each', () => {
	const mismatched = Object.entries(contract).flatMap(([code, params]) => {
		const [sentence, ...names] = catalog[code] ?? [''];
		const problems: string[] = [];
		if ([...names].sort().join() !== [...params].sort().join()) problems.push(`${code}: PHP takes [${names}], the sidecar sends [${params}]`);
		const positions = placeholders(sentence);
		if (positions.join() !== names.map((_, i) => i + 1).join()) problems.push(`${code}: placeholders ${positions} for ${names.length} parameters`);
		return problems;
	});
	expect(mismatched).toEqual([]);
});

test('a message is worded with its parameters, nested messages included; an unknown code still says something', () => {
	const rendered = php<string[]>(`return array(
		Messages::render( array( 'code' => 'upload.put_failed', 'params' => array( 'error' => array( 'code' => 'storage.bucket_not_found', 'params' => array( 'bucket' => 'photos', 'endpoint' => 'https://s3.example' ) ) ) ) ),
		Messages::render( array( 'code' => 'check.upload_first.fix', 'params' => array( 'remedy' => array( 'code' => 'storage.signature_mismatch.fix', 'params' => array( 'credentials_hint' => array( 'code' => 'provider.r2.credentials', 'params' => array() ) ) ) ) ) ),
		Messages::render( array( 'code' => 'connectivity.no_answer.fix', 'params' => array( 'scheme' => 'HTTP', 'host' => '127.0.0.1', 'port' => 9000 ) ) ),
		Messages::render( array( 'code' => 'cdn.sentence_from_a_newer_sidecar', 'params' => array( 'host' => 'x' ) ) ),
	);`);
	expect(rendered[0]).toBe('Uploading a test file failed: The bucket "photos" does not exist at https://s3.example.');
	expect(rendered[1]).toMatch(/^Fix the upload test first: Paste the secret key again .* create a new key\. Create an R2 API token/);
	expect(rendered[2]).toBe(
		'Ask your host to allow outbound HTTP connections from this server to 127.0.0.1 on port 9000; if the endpoint should not use port 9000, correct the endpoint URL.',
	);
	expect(rendered[3]).toContain('cdn.sentence_from_a_newer_sidecar');
	expect(rendered[3]).toMatch(/Restart the sidecar so it runs the version the plugin ships/);
});

test('a sidecar result becomes the Site Health shape with the label WordPress gives it', () => {
	const result = php<Record<string, unknown>>(`return Messages::result(
		array( 'test' => 'credentials', 'status' => 'critical', 'cause' => 'bucket_not_found', 'message' => array( 'code' => 'storage.bucket_not_found_here', 'params' => array( 'bucket' => 'b' ) ), 'fix' => array( 'code' => 'storage.bucket_not_found.fix', 'params' => array() ) ),
		'Storage credentials'
	);`);
	expect(result).toEqual({
		test: 'credentials',
		label: 'Storage credentials',
		status: 'critical',
		description: 'The bucket "b" does not exist at this endpoint.',
		actions: expect.stringMatching(/^Bucket names are case-sensitive/),
		cause: 'bucket_not_found',
		fix: expect.stringMatching(/^Bucket names are case-sensitive/),
	});
});
