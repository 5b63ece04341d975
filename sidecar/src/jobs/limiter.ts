/**
 * A counting semaphore: at most `size` tasks run at once, the rest wait in order. Shared by every
 * attachment of a run so the number of PUTs in flight stays bounded however many files an attachment has.
 */
export class Limiter {
	private active = 0;
	private readonly waiting: Array<() => void> = [];

	constructor(private size: number) {}

	resize(size: number): void {
		this.size = Math.max(1, size);
		this.drain();
	}

	async run<T>(task: () => Promise<T>): Promise<T> {
		if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
		else this.active++;
		try {
			return await task();
		} finally {
			this.active--;
			this.drain();
		}
	}

	private drain(): void {
		while (this.active < this.size && this.waiting.length > 0) {
			this.active++;
			this.waiting.shift()!();
		}
	}
}
