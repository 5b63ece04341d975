import { lookup as lookupMimeType } from 'mime-types';

/**
 * The Content-Type an object is stored with: read from the file's first bytes for the image and document
 * formats WordPress makes, else what WordPress said, else the extension. WordPress can write a size in another
 * format than the upload (JPEG uploads with WebP output), and the attachment's MIME type then names the upload's
 * format, not this file's. The bytes are in memory already (files up to 16 MB are read whole), so this costs a
 * few comparisons; the `file-type` package would cover more formats but is ESM-only and reads streams.
 */
export function contentTypeOf(head: Buffer | null, declared: string | undefined, relativePath: string): string {
	return (head && sniff(head)) || declared || lookupMimeType(relativePath) || 'application/octet-stream';
}

function sniff(bytes: Buffer): string | null {
	const starts = (signature: number[], at = 0) => signature.every((byte, index) => bytes[at + index] === byte);
	const ascii = (from: number, to: number) => bytes.toString('latin1', from, to);
	if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (ascii(0, 4) === 'GIF8') return 'image/gif';
	if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
	if (ascii(0, 5) === '%PDF-') return 'application/pdf';
	if (ascii(4, 8) === 'ftyp') {
		// ISO base media: the major brand names the format (AVIF, HEIC; MP4 and MOV stay with the declared type).
		const brand = ascii(8, 12);
		if (brand === 'avif' || brand === 'avis') return 'image/avif';
		if (['heic', 'heix', 'heim', 'heis', 'mif1'].includes(brand)) return 'image/heic';
	}
	return null;
}
