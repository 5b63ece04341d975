import { Readable } from 'node:stream';

/**
 * An object's body as a Node stream whose errors are the storage's coded errors: a connection lost halfway
 * through a download is an E_NETWORK (retried by the job engine) like one lost before the answer, not an
 * unknown error. The source is closed however the reader stops.
 */
export function classifiedStream(source: AsyncIterable<Uint8Array> & { destroy?: () => void }, classify: (error: unknown) => Error): Readable {
	async function* chunks() {
		try {
			for await (const chunk of source) yield chunk;
		} catch (error) {
			throw classify(error);
		} finally {
			source.destroy?.();
		}
	}
	return Readable.from(chunks(), { objectMode: false });
}
