// Long-running servers (php -S, s3rver, the sidecar, mariadbd).
//
// Each server is spawned detached, which makes it the leader of its own session and process
// group (setsid): stopping it is `kill(-pgid)`, which also reaches the php -S workers and any
// grandchildren that killing the leader alone would leave holding the port. Every server has a
// run file (.data/run/<key>.json) with its start command and pgid, so a later process (a test
// that restarts the sidecar, globalTeardown, the next `npm start` after a crash) can stop or
// restart it without sharing memory with the process that started it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { ensureDir, logsDir, runDir } from './paths';

export interface ServerSpec {
	/** Unique name, e.g. "php-dev"; names the run file and the log file. */
	key: string;
	command: string;
	args: string[];
	cwd?: string;
	/** Added to the parent's environment. */
	env?: Record<string, string>;
	/** 127.0.0.1 port the server listens on; must be free before the start. */
	port: number;
	/** Ready when this URL gives any HTTP answer; without it, when the port accepts a connection. */
	readyUrl?: string;
}

interface RunFile {
	spec: ServerSpec;
	pid: number | null;
	/** Kernel start time of the leader, to tell our process from a later one that reused its pid. */
	startTime: string | null;
	logFile: string;
	/** The process that started it (npm start, jest), to refuse taking over a live stack. */
	owner: number;
}

export interface StartOptions {
	timeoutMs?: number;
	/** Stop it on Ctrl-C / exit of this process (off for servers another process owns). */
	track?: boolean;
}

const tracked = new Set<string>();
const runFilePath = (key: string) => path.join(runDir, `${key}.json`);
export const logFilePath = (key: string) => path.join(logsDir, `${key}.log`);
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function readRunFile(key: string): RunFile | null {
	try {
		return JSON.parse(fs.readFileSync(runFilePath(key), 'utf8')) as RunFile;
	} catch {
		return null;
	}
}

function writeRunFile(key: string, data: RunFile): void {
	fs.writeFileSync(path.join(ensureDir(runDir), `${key}.json`), JSON.stringify(data, null, 2));
}

/** Fields of /proc/<pid>/stat after the command name: [state, ppid, pgrp, …, starttime at 19]. */
function procStat(pid: number): string[] | null {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	} catch {
		return null;
	}
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function groupAlive(pgid: number): boolean {
	try {
		process.kill(-pgid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** True when the process group recorded in the run file is still ours and alive. */
function isOurGroup(run: RunFile): boolean {
	if (!run.pid || !groupAlive(run.pid)) return false;
	const stat = procStat(run.pid);
	// Leader gone but workers left: Linux never hands out a pid still used as a pgid.
	if (!stat) return true;
	return stat[2] === String(run.pid) && stat[19] === run.startTime;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pgid, signal);
	} catch {
		// already gone
	}
}

export function tailLog(key: string, lines = 30): string {
	try {
		return fs.readFileSync(logFilePath(key), 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/** Resolves with true if something accepts TCP connections on 127.0.0.1:port. */
export function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect({ port, host });
		socket.setTimeout(1000);
		socket.once('connect', () => (socket.destroy(), resolve(true)));
		socket.once('timeout', () => (socket.destroy(), resolve(true)));
		socket.once('error', () => resolve(false));
	});
}

/** Any HTTP answer (even 401/500) counts: we only want to know the server is serving. */
function httpAnswers(url: string): Promise<boolean> {
	return new Promise((resolve) => {
		const request = http.get(url, { agent: false, timeout: 5000 }, (response) => {
			response.resume();
			resolve(true);
		});
		request.once('timeout', () => request.destroy());
		request.once('error', () => resolve(false));
	});
}

async function waitUntilReady(spec: ServerSpec, pgid: number, timeoutMs: number): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (spec.readyUrl ? await httpAnswers(spec.readyUrl) : await portInUse(spec.port)) return;
		if (!groupAlive(pgid)) {
			throw new Error(`${spec.key} exited during start. Log ${logFilePath(spec.key)}:\n${tailLog(spec.key)}`);
		}
		await delay(100);
	}
	throw new Error(`${spec.key} not ready after ${timeoutMs} ms. Log ${logFilePath(spec.key)}:\n${tailLog(spec.key)}`);
}

/** Throws if the server is running for another live process (a second `npm start`, say). */
export function assertNotOwnedElsewhere(key: string): void {
	const run = readRunFile(key);
	if (run && isOurGroup(run) && run.owner !== process.pid && processAlive(run.owner)) {
		throw new Error(`${key} is already running, started by process ${run.owner} (another npm start or test run?)`);
	}
}

/** Starts a server in its own process group and waits until it answers. */
export async function startServer(spec: ServerSpec, options: StartOptions = {}): Promise<{ pid: number }> {
	if (options.track !== false) assertNotOwnedElsewhere(spec.key);
	await stopServer(spec.key); // a leftover from a crashed run would hold the port
	if (await portInUse(spec.port)) {
		throw new Error(
			`Port ${spec.port} (for ${spec.key}) is in use by a program this checkout did not start ` +
				'(another checkout running the same stack?). Stop it first.',
		);
	}
	const logFile = logFilePath(spec.key);
	ensureDir(path.dirname(logFile));
	const out = fs.openSync(logFile, 'w');
	const child = spawn(spec.command, spec.args, {
		cwd: spec.cwd,
		env: { ...process.env, ...spec.env },
		detached: true, // setsid(): own session and process group, pgid = pid
		stdio: ['ignore', out, out],
	});
	fs.closeSync(out);
	const pid = await new Promise<number>((resolve, reject) => {
		child.once('spawn', () => resolve(child.pid!));
		child.once('error', (error) => reject(new Error(`${spec.key}: cannot run ${spec.command}: ${error.message}`)));
	});
	child.unref(); // the run file, not this handle, is how we reach it later
	writeRunFile(spec.key, { spec, pid, startTime: procStat(pid)?.[19] ?? null, logFile, owner: process.pid });
	if (options.track !== false) tracked.add(spec.key);
	try {
		await waitUntilReady(spec, pid, options.timeoutMs ?? 30_000);
	} catch (error) {
		await stopServer(spec.key);
		throw error;
	}
	return { pid };
}

/** Stops a server's whole process group (TERM, then KILL) and waits until its port is free. */
export async function stopServer(key: string, timeoutMs = 10_000): Promise<void> {
	tracked.delete(key);
	const run = readRunFile(key);
	if (!run?.pid) return;
	if (isOurGroup(run)) {
		signalGroup(run.pid, 'SIGTERM');
		const deadline = Date.now() + timeoutMs;
		while (groupAlive(run.pid) && Date.now() < deadline) await delay(50);
		if (groupAlive(run.pid)) signalGroup(run.pid, 'SIGKILL');
		while (groupAlive(run.pid)) await delay(50);
	}
	writeRunFile(key, { ...run, pid: null, startTime: null });
	// The kernel may take a moment to release a listening socket after the last process exits.
	for (let i = 0; i < 50 && (await portInUse(run.spec.port)); i++) await delay(100);
}

/** Starts a server again from its run file (same command, env and port). */
export async function restartServer(key: string, options: StartOptions = {}): Promise<{ pid: number }> {
	const run = readRunFile(key);
	if (!run) throw new Error(`No run file for ${key}: it was never started`);
	return startServer(run.spec, options);
}

/** True while this process is responsible for the server (started it, has not stopped it). */
export function isTracked(key: string): boolean {
	return tracked.has(key);
}

export function isServerRunning(key: string): boolean {
	const run = readRunFile(key);
	return !!run && isOurGroup(run);
}

/** Stops every server this process started, last started first. */
export async function stopAll(): Promise<void> {
	for (const key of [...tracked].reverse()) await stopServer(key);
}

/** Last resort in an exit handler, where nothing can be awaited. */
function killAllSync(signal: NodeJS.Signals): void {
	for (const key of tracked) {
		const run = readRunFile(key);
		if (run && isOurGroup(run)) signalGroup(run.pid!, signal);
	}
}

let handlersInstalled = false;

/**
 * Ctrl-C, SIGTERM and SIGHUP stop everything this process started before it exits; a second
 * Ctrl-C kills at once. `afterStop` runs once all servers are stopped (e.g. to check ports).
 */
export function installCleanupHandlers(afterStop?: () => Promise<void> | void): void {
	if (handlersInstalled) return;
	handlersInstalled = true;
	let stopping = false;
	const onSignal = async (signal: NodeJS.Signals, code: number) => {
		if (stopping) {
			killAllSync('SIGKILL');
			process.exit(code);
		}
		stopping = true;
		process.stdout.write(`\n[dev] ${signal}: stopping servers…\n`);
		try {
			await stopAll();
			await afterStop?.();
		} finally {
			process.exit(code);
		}
	};
	process.on('SIGINT', () => void onSignal('SIGINT', 130));
	process.on('SIGTERM', () => void onSignal('SIGTERM', 143));
	process.on('SIGHUP', () => void onSignal('SIGHUP', 129));
	process.on('exit', () => killAllSync('SIGTERM'));
}
