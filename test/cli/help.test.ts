// `wp help media-cloud …` with the real WP-CLI, as a newcomer reads it: the namespace and every command have a
// description and examples, no raw docblock text, and each `--format` lists its values so WP-CLI itself refuses
// any other (exit 1, naming them) before the command runs.
import { getSite } from '../support/stack';
import { wp, withWpCli, wpOk, type WpResult } from '../support/wp-cli';

const site = getSite('sqlite');

const COMMANDS = [
	'status',
	'migrate',
	'pause',
	'resume',
	'cancel',
	'offload',
	'download',
	'verify',
	'health',
	'replace',
	'move',
	'settings get',
	'settings set',
	'sidecar setup',
	'sidecar start',
	'sidecar stop',
	'sidecar restart',
	'sidecar status',
	'sidecar logs',
];

/** Each command's --format values, as its help lists them. */
const FORMATS: Record<string, string> = {
	status: 'table or json',
	verify: 'table, csv, json, yaml or count',
	health: 'table or json',
	replace: 'table, csv, json, yaml or count',
	'settings get': 'table, csv, json or yaml',
	'sidecar status': 'table or json',
};

/** Runs the command lines two at a time: each real WP-CLI boots WordPress (0.3 s of CPU each here). */
async function runAll(lines: string[]): Promise<Record<string, WpResult>> {
	const results: Record<string, WpResult> = {};
	const queue = [...lines];
	await Promise.all(
		Array.from({ length: 2 }, async () => {
			for (let line = queue.shift(); line !== undefined; line = queue.shift()) results[line] = await wp(site, line);
		}),
	);
	return results;
}

interface Doc {
	shortdesc: string;
	longdesc: string;
}

/**
 * What `wp help` renders for each command, as WP-CLI's own parser reads it from the docblocks: one WP-CLI process
 * for all of them (`wp help` exits after one page; 21 pages took 24 s on this loaded machine, one process 1 s).
 */
async function docs(names: string[]): Promise<Record<string, Doc>> {
	const php = `$docs = array();
		foreach ( json_decode( ${JSON.stringify(JSON.stringify(names))}, true ) as $name ) {
			list( $command ) = WP_CLI::get_runner()->find_command_to_run( explode( ' ', $name ) );
			$docs[ $name ] = array( 'shortdesc' => $command->get_shortdesc(), 'longdesc' => $command->get_longdesc() );
		}
		echo wp_json_encode( $docs );`;
	const { stdout } = await wpOk(site, ['eval', php]);
	return JSON.parse(stdout) as Record<string, Doc>;
}

/** The text of one section (DESCRIPTION, SUBCOMMANDS, EXAMPLES…) of a rendered help page, without its title. */
const section = (help: string, name: string) =>
	(help.split(/^(?=[A-Z][A-Z ]+$)/m).find((part) => part.startsWith(`${name}\n`)) ?? '').slice(name.length).trim();

/** One `## NAME` part of a longdesc. */
const docSection = (longdesc: string, name: string) =>
	(longdesc.split(/^(?=## )/m).find((part) => part.startsWith(`## ${name}\n`)) ?? '').slice(name.length + 3).trim();

withWpCli(describe, 'the help pages')('wp help media-cloud (real WP-CLI)', () => {
	let pages: Record<string, WpResult>;
	let parsed: Record<string, Doc>;
	beforeAll(async () => {
		[pages, parsed] = await Promise.all([
			runAll(['help media-cloud', 'help media-cloud pause']),
			docs(['media-cloud', 'media-cloud settings', 'media-cloud sidecar', ...COMMANDS.map((command) => `media-cloud ${command}`)]),
		]);
	}, 120_000);

	test('wp help media-cloud says what the plugin does, its exit codes and examples, and lists every command with a description', () => {
		const page = pages['help media-cloud'];
		expect(page.exit).toBe(0);
		expect(section(page.stdout, 'DESCRIPTION')).toBe('Offloads the media library to S3-compatible storage and serves it from there.');
		expect(page.stdout).toMatch(/Exit codes, for scripts: 0 done; 1 could not run/);
		expect(section(page.stdout, 'EXAMPLES')).toContain('wp media-cloud migrate --concurrency=16');
		// `  name      Description…`: a command without a description is listed with nothing after its name.
		const listed = [...page.stdout.matchAll(/^ {2}([a-z-]+) {2,}(\S.*)$/gm)].map((match) => [match[1], match[2]]);
		expect(listed.map(([name]) => name).sort()).toEqual([
			'cancel',
			'download',
			'health',
			'migrate',
			'move',
			'offload',
			'pause',
			'replace',
			'resume',
			'settings',
			'sidecar',
			'status',
			'verify',
		]);
		for (const [name, description] of listed) expect([name, description]).toEqual([name, expect.stringMatching(/^[A-Z][^/*]{15,}/)]);
	});

	test('wp help media-cloud pause shows a sentence, not the raw docblock', () => {
		const page = pages['help media-cloud pause'];
		expect(section(page.stdout, 'DESCRIPTION')).toBe('Pauses the migration; the uploads under way finish.');
		expect(section(page.stdout, 'EXAMPLES')).toBe('wp media-cloud pause');
		expect(page.stdout).not.toMatch(/\/\*\*|\*\//);
	});

	test.each(['media-cloud settings', 'media-cloud sidecar', ...COMMANDS.map((command) => `media-cloud ${command}`)])(
		'%s: a one-line description, examples, no raw docblock',
		(name) => {
			const { shortdesc, longdesc } = parsed[name];
			expect(shortdesc).toMatch(/^[A-Z][^\n/*]{15,}\.$/); // one sentence on one line, as `wp help media-cloud` lists it
			expect(docSection(longdesc, 'EXAMPLES')).toMatch(new RegExp(`^\\s*wp ${name}( |$)`, 'm'));
			expect(longdesc).not.toMatch(/\/\*\*|\*\/|@param|@return/);
		},
	);

	test('every --format lists its values, and WP-CLI refuses another one (exit 1) before the command runs', async () => {
		const refused = await runAll(Object.keys(FORMATS).map((command) => `media-cloud ${command} --format=xml`));
		for (const [command, values] of Object.entries(FORMATS)) {
			expect(docSection(parsed[`media-cloud ${command}`].longdesc, 'OPTIONS')).toMatch(
				new RegExp(`\\[--format=<format>\\]\\n: How to print [^\\n]*: ${values}`),
			);
			const { exit, stdout, stderr } = refused[`media-cloud ${command} --format=xml`];
			expect([command, exit, stdout]).toEqual([command, 1, '']);
			expect(stderr).toContain(`Invalid value specified for 'format' (How to print`);
			expect(stderr).toContain(`: ${values}`);
		}
	}, 120_000);
});
