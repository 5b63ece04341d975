// What the screens' browser tests measure: boxes on the screen, whether two overlap, and axe-core's violations in
// the plugin's own content (wp-admin's chrome around it is core's business).
import type { Locator, Page } from 'playwright-core';

/** A phone in portrait: the width issue 15 was tried at. */
export const PHONE = { width: 390, height: 844 };

export interface Box {
	left: number;
	right: number;
	top: number;
	bottom: number;
}

export async function boxOf(locator: Locator): Promise<Box> {
	return locator.evaluate((element) => {
		const { left, right, top, bottom } = element.getBoundingClientRect();
		return { left, right, top, bottom };
	});
}

/** The box once it stops moving (snackbars slide in): the same for ten animation frames in a row. */
export async function settledBoxOf(locator: Locator): Promise<Box> {
	return locator.evaluate(
		(element) =>
			new Promise<Box>((resolve) => {
				let last = '';
				let same = 0;
				const look = () => {
					const { left, right, top, bottom } = element.getBoundingClientRect();
					const now = JSON.stringify({ left, right, top, bottom });
					same = now === last ? same + 1 : 0;
					last = now;
					if (same >= 10) resolve({ left, right, top, bottom });
					else requestAnimationFrame(look);
				};
				look();
			}),
	);
}

/** Whether two boxes share any area (touching edges do not count). */
export const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** axe-core's violations inside the Media Cloud app, as "rule: target" lines (empty when there are none). */
export async function axeViolations(page: Page): Promise<string[]> {
	if (!(await page.evaluate(() => 'axe' in window))) {
		await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
	}
	return page.evaluate(async () => {
		const axe = (
			window as unknown as { axe: { run: (context: string) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }> } }
		).axe;
		const result = await axe.run('#wp-media-cloud-admin');
		return result.violations.flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`));
	});
}
