// A gettext .mo file from a few translations, the binary format WordPress' load_textdomain() reads (the GNU layout:
// https://www.gnu.org/software/gettext/manual/html_node/MO-Files.html). Small enough to write here rather than
// depend on a package for it; tests use it to load a real translation into a real WordPress.

/** The .mo bytes for `translations` (English msgid → translated msgstr), with a header naming `language`. */
export function moFile(translations: Record<string, string>, language: string): Buffer {
	const header = `Content-Type: text/plain; charset=UTF-8\nLanguage: ${language}\nPlural-Forms: nplurals=2; plural=(n > 1);\n`;
	// Sorted by original, as the format expects (readers may binary-search it).
	const entries = [['', header], ...Object.entries(translations)]
		.map(([original, translated]) => [Buffer.from(original), Buffer.from(translated)] as const)
		.sort(([a], [b]) => Buffer.compare(a, b));
	const count = entries.length;
	const originalsTable = 28;
	const translationsTable = originalsTable + count * 8;
	let stringsAt = translationsTable + count * 8;
	const head = Buffer.alloc(stringsAt);
	// magic, revision, count, originals table, translations table, hash table size (none), hash table offset.
	[0x950412de, 0, count, originalsTable, translationsTable, 0, stringsAt].forEach((value, i) => head.writeUInt32LE(value, i * 4));
	const strings: Buffer[] = [];
	const place = (text: Buffer, table: number, index: number) => {
		head.writeUInt32LE(text.length, table + index * 8);
		head.writeUInt32LE(stringsAt, table + index * 8 + 4);
		strings.push(text, Buffer.from([0]));
		stringsAt += text.length + 1;
	};
	entries.forEach(([original], i) => place(original, originalsTable, i));
	entries.forEach(([, translated], i) => place(translated, translationsTable, i));
	return Buffer.concat([head, ...strings]);
}
