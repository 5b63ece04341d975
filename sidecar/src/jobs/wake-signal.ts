/**
 * Something a loop sleeps on between rounds of work: `wait()` ends at the next `notify()` or after its
 * timeout, whichever comes first. A notify while nobody waits is kept, so a wake-up that arrives while the
 * loop is busy is not lost and the next wait returns at once.
 */
export class WakeSignal {
	private wakeWaiter: (() => void) | null = null;
	private notified = false;

	wait(timeoutMs: number): Promise<void> {
		if (this.notified) {
			this.notified = false;
			return Promise.resolve();
		}
		return new Promise((resolve) => {
			const timer = setTimeout(() => this.wakeWaiter?.(), Math.max(0, timeoutMs));
			timer.unref();
			this.wakeWaiter = () => {
				clearTimeout(timer);
				this.wakeWaiter = null;
				resolve();
			};
		});
	}

	notify(): void {
		if (this.wakeWaiter) this.wakeWaiter();
		else this.notified = true;
	}
}
